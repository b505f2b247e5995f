"""The composition: Today, reminders and status built from every feature."""
