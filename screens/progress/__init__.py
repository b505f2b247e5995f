"""The Progress screen."""
