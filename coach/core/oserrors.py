"""Disk errors in words a person can act on ("the disk is full: free some space...")."""

from __future__ import annotations

import errno


def describe(exc: OSError) -> str:
    """A disk error in words a person can act on."""
    reason = exc.strerror or str(exc)
    hints = {
        errno.ENOSPC: "the disk is full: free some space and save again",
        errno.EDQUOT: "your disk quota is used up: free some space and save again",
        errno.EROFS: "the data folder is on a read-only file system",
        errno.EACCES: "coach may not write in the data folder (check its owner and mode)",
        errno.EPERM: "coach may not write in the data folder (check its owner and mode)",
        errno.EIO: "the disk reported an input/output error: check the disk",
        errno.ENOENT: "the data folder is missing (was it moved or deleted?)",
    }
    hint = hints.get(exc.errno or 0)
    return f"{reason}; {hint}" if hint else reason
