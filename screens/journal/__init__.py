"""Reflect and History: writing, reading, searching, editing entries."""
