"""Days of the routine: which steps were ticked or skipped, rest days."""
