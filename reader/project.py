"""Where a project's inputs and outputs live.

A project is a directory with ``texts/`` (the documents), ``glossary/`` (the
terms) and ``builds/`` (outputs, with the translation memory and caches in
``builds/.cache/``). Commands work on the current directory unless given
``--project``; the ``READER_PROJECT`` environment variable does the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reader.errors import InputError


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, root: str | Path | None = None) -> "Project":
        """The project at ``root`` (default: ``$READER_PROJECT``, else the working directory).

        A directory that was named but does not exist is an error here, once, rather
        than a "glossary not found" later, or, for commands that write (``reader tm
        export``), a project tree silently created where the user mistyped a path.
        """
        if root is None:
            root = os.environ.get("READER_PROJECT") or Path.cwd()
        path = Path(root)
        if not path.exists():
            raise InputError("no such project directory", path=path)
        if not path.is_dir():
            raise InputError("is not a directory; --project names a project directory", path=path)
        return cls(path.resolve())

    @property
    def texts_dir(self) -> Path:
        return self.root / "texts"

    @property
    def glossary_dir(self) -> Path:
        return self.root / "glossary"

    @property
    def builds_dir(self) -> Path:
        return self.root / "builds"

    @property
    def cache_dir(self) -> Path:
        return self.builds_dir / ".cache"

    @property
    def site_dir(self) -> Path:
        return self.builds_dir / "site"

    @property
    def memory_path(self) -> Path:
        return self.cache_dir / "memory.sqlite"
