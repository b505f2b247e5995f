"""Widgets and dialogs several screens share."""
