"""`python -m coach` runs the same command as `coach`."""

import sys

from coach.cli import main

if __name__ == "__main__":
    sys.exit(main())
