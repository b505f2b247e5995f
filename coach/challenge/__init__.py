"""The weekly help-someone challenge: the helps log and weekly goals."""
