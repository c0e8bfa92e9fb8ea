"""Ingest: from a raw Chinese file (any of its usual encodings, web-page mess
included) to a ``Document`` with blocks, sentences, exact offsets and normal forms.

Public API::

    ingest_file(path) -> Document
    ingest_bytes(data, path) -> Document
    load_texts(texts_dir) -> list[Document]
    sentence_spans(text) -> list[tuple[int, int]]   # where ingest cuts sentences
    split_sentences(text) -> list[str]              # the same cuts, as strings

Bad input raises ``reader.errors.InputError`` naming the file (and line).
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.document import Document
from reader.errors import InputError
from reader.ingest.build import build_document
from reader.ingest.sentences import sentence_spans

__all__ = ["ingest_bytes", "ingest_file", "load_texts", "sentence_spans", "split_sentences", "TEXT_SUFFIXES"]

TEXT_SUFFIXES = (".md", ".txt")


def ingest_bytes(data: bytes, path: str) -> Document:
    """Ingest ``data`` read from ``path`` (used for messages and ``Document.id``, the file stem)."""
    return build_document(data, str(path))


def split_sentences(text: str) -> list[str]:
    """``text`` cut into sentences exactly as ingest cuts a paragraph; joined, they give back ``text``.

    Whitespace after a sentence stays with it (``"一。 二。"`` -> ``["一。 ", "二。"]``);
    use ``sentence_spans`` for the offsets.
    """
    return [text[start:end] for start, end in sentence_spans(text)]


def ingest_file(path: str | Path) -> Document:
    """Ingest one file: ``.md`` with front matter or plain ``.txt``, in any supported encoding."""
    file = Path(path)
    if not file.exists():
        raise InputError("does not exist", path=path)
    if file.is_dir():
        raise InputError(f"is a directory, not a text file (to read the texts in it, name them: {Path(path) / '*.md'})", path=path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    return build_document(data, str(path))


def load_texts(texts_dir: Path) -> list[Document]:
    """Every ``*.md``/``*.txt`` file in ``texts_dir``, sorted by name; suffixes in any case.

    README.md, hidden files and files whose name starts with ``_`` (drafts kept
    beside the texts) are left out; anything else named like a text that cannot
    be read (a broken link, a directory) is an error, never silently skipped.
    """
    directory = Path(texts_dir)
    if not directory.exists():
        raise InputError("texts directory does not exist", path=directory)
    if not directory.is_dir():
        raise InputError("is not a directory of texts", path=directory)
    files = sorted(
        (
            file
            for file in directory.iterdir()
            if file.suffix.lower() in TEXT_SUFFIXES
            and not file.name.startswith((".", "_"))
            and file.name.lower() != "readme.md"
        ),
        key=lambda file: file.name,
    )
    for file in files:
        # A text that cannot be read must stop the build, not vanish from the edition unnoticed.
        if file.is_symlink() and not file.exists():
            raise InputError(f"is a broken symbolic link (to {os.readlink(file)}); fix or remove it", path=file)
        if not file.is_file():
            raise InputError("is named like a text but is not a file; rename or remove it", path=file)
    if not files:
        raise InputError("contains no texts (*.md or *.txt files)", path=directory)
    seen: dict[str, Path] = {}
    for file in files:
        if file.stem in seen:
            raise InputError(f"has the same name as {seen[file.stem].name}; document ids must be unique", path=file)
        seen[file.stem] = file
    return [ingest_file(file) for file in files]
