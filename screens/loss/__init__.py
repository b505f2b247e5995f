"""The loss: record it, the post-mortem, closing, the letter, the door."""
