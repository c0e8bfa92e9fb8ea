"""Errors a user can act on.

Every failure that comes from the user's input (a file, an option, a glossary
entry) is raised as a ``ReaderError`` subclass carrying one sentence that names
the file and, where one applies, the line. The CLI turns them into a single
line on stderr and an exit status; nothing else is allowed to escape as a
traceback.
"""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: str | Path) -> str:
    """A path as every message shows it: relative to the working directory when it is
    inside it (short, and what the user typed), absolute otherwise. One rule for every
    command, so the same file is never named two ways."""
    # abspath, not resolve: the file named is the one to show, even when it is a
    # symbolic link (broken, or a loop) pointing somewhere else.
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(absolute)


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
        shown = shown_path(self.path)
        where = shown if self.line is None else f"{shown}:{self.line}"
        return f"{where}: {self.message}"


class InputError(ReaderError):
    """The input given to reader is unusable (exit status 2)."""

    exit_code = 2


class NotFound(ReaderError):
    """A lookup found nothing (exit status 1, not an error in the input)."""

    exit_code = 1
