"""The document title, and the title line that must not be repeated as body text.

Order: the front matter ``title``; else a "(原标题:…)" line; else a short
first line that stands alone above the prose (a title line); else the first
heading. A "(原标题:…)" line, a first line repeating the front-matter title,
and a detected title line are taken out of the body and listed as removals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.ingest.chrome import is_prose
from reader.ingest.structure import Line, heading_form

_ORIGINAL_TITLE = re.compile(r"^[(（]?\s*(?:原标题|原標題|原题|原題)\s*[:：]\s*(.+?)\s*$")
_NOT_TITLE_END = tuple("。！？!?；;，,、:：…")
_MAX_TITLE = 60
_IGNORED = re.compile(r"[\s《》〈〉「」『』“”\"'·]")


@dataclass(frozen=True)
class TitleLine:
    title: str | None  # None: no title found in the lines
    line: Line | None  # the line to drop from the body
    reason: str = ""


def _original_title(text: str) -> str | None:
    match = _ORIGINAL_TITLE.match(text)
    if not match:
        return None
    title = match.group(1)
    if text.lstrip().startswith(("(", "（")) and title.endswith((")", "）")):
        title = title[:-1].rstrip()
    return title or None


def _same(a: str, b: str) -> bool:
    return _IGNORED.sub("", a) == _IGNORED.sub("", b)


def find_title_line(lines: list[Line], given: str | None) -> TitleLine:
    """Look at the first non-blank line of the body for a title line."""
    content = [line for line in lines if line.text.strip()]
    if not content:
        return TitleLine(given, None)
    first = content[0]
    text = first.text.strip()
    original = _original_title(text)
    if original is not None:
        return TitleLine(given or original, first, "the original-title (原标题) line")
    if given is not None:
        if _same(text, given):
            return TitleLine(given, first, "repeats the title")
        return TitleLine(given, None)
    if (
        len(text) <= _MAX_TITLE
        and not text.endswith(_NOT_TITLE_END)
        and heading_form(text) is None
        and len(content) > 1
        and is_prose(content[1].text)
        and not is_prose(text)
    ):
        return TitleLine(text, first, "the title line")
    return TitleLine(None, None)
