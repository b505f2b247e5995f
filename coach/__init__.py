"""coach: a terminal coaching companion for the mornings after you lose a client.

This package is the model: plain Python with no Textual or Rich imports, so the
CLI starts fast and every rule can be tested without a terminal.
"""

__version__ = "0.1.0"
