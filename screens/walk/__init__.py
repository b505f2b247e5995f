"""The Walk screen and the app-wide walk timer and reminder."""
