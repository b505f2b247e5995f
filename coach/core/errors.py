"""Errors coach reports to the user, each naming what is wrong."""

from __future__ import annotations

from pathlib import Path


class CoachError(Exception):
    """Base class for errors with a message meant for the user."""


class DataFileError(CoachError):
    """A data file cannot be used. coach never writes over such a file."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class StoreWriteError(CoachError):
    """A save failed; the data on disk is what it was before the save."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"could not save {self.path}: {problem} (nothing was changed)")


class StoreSyncError(StoreWriteError):
    """The new data is in place, but the disk could not confirm it is durable."""

    def __init__(self, path: Path | str, problem: str) -> None:
        CoachError.__init__(
            self, f"saved in {path}, but the disk could not confirm it is stored: {problem}"
        )
        self.path = Path(path)
        self.problem = problem


class ContentError(CoachError):
    """A content file is malformed; names the file and, where known, the line."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}, line {line}" if line else str(self.path)
        super().__init__(f"{where}: {problem}")


class InputError(CoachError):
    """A value typed by the user (form field or CLI argument) is not acceptable."""


class FileWriteError(CoachError):
    """A file the user asked for (an export) could not be written; none was left half written."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"could not write {self.path}: {problem}")
