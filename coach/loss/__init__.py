"""The lost client: losses, the post-mortem, closing, the unsent letter, the door."""
