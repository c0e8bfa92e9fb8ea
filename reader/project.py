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


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, root: str | Path | None = None) -> "Project":
        if root is None:
            root = os.environ.get("READER_PROJECT") or Path.cwd()
        return cls(Path(root).resolve())

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
