"""The help-someone challenge screen and its forms."""
