"""The kernel every feature stands on: clock, weeks, dates, errors, paths, small helpers."""
