"""Markdown tables, including the broken form Chinese web text pastes them in.

Every cell may sit on its own line: ``|`` alone starts a row, ``cell |`` is a
cell of the current row, ``|---|`` separates the header. A well-formed table
has its separator after the first row and every row as wide as the header.
"""

from __future__ import annotations

import re

from reader.ingest.raw import Line, RawBlock, RawSegment

_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


def is_table_line(text: str) -> bool:
    return text == "|" or text.endswith("|") or bool(_TABLE_SEPARATOR.match(text))


def _split_row(text: str) -> list[str]:
    inner = text.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [cell.strip() for cell in inner.split("|")]


def parse_table(lines: list[Line]) -> RawBlock | None:
    """Rows from a run of table lines, or None when the run is not a well-formed table."""
    rows: list[list[RawSegment]] = []
    separator_after: int | None = None
    current: list[RawSegment] | None = None
    for line in lines:
        text = line.text.strip()
        if _TABLE_SEPARATOR.match(text) and "-" in text:
            if current:
                rows.append(current)
            current = None
            if separator_after is None:
                separator_after = len(rows)
        elif text == "|":
            if current:
                rows.append(current)
            current = []
        elif text.startswith("|") and text.endswith("|") and len(text) > 1:
            if current:
                rows.append(current)
            current = None
            rows.append([RawSegment(cell, line.number) for cell in _split_row(text)])
        else:  # "cell |": one cell of the current row
            if current is None:
                current = []
            current.append(RawSegment(text[:-1].strip(), line.number))
    if current:
        rows.append(current)
    if separator_after != 1 or len(rows) < 2:
        return None
    width = len(rows[0])
    if width < 2 or any(len(row) != width for row in rows):
        return None
    return RawBlock("table", rows=rows)
