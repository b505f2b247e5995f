"""The Today screen and its step panes."""
