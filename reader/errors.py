"""Errors a user can act on.

Every failure that comes from the user's input (a file, an option, a glossary
entry) is raised as a ``ReaderError`` subclass carrying one sentence that names
the file and, where one applies, the line. The CLI turns them into a single
line on stderr and an exit status; nothing else is allowed to escape as a
traceback.
"""

from __future__ import annotations

from pathlib import Path


class ReaderError(Exception):
    """Base class: an error with a message meant for the user."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.format())

    def format(self) -> str:
        if self.path is None:
            return self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class InputError(ReaderError):
    """The input given to reader is unusable (exit status 2)."""

    exit_code = 2


class NotFound(ReaderError):
    """A lookup found nothing (exit status 1, not an error in the input)."""

    exit_code = 1
