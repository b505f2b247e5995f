"""The walk: the walks log, the timer, the daily reminder."""
