"""The data as a whole: export and import, the doctor, daily backups."""
