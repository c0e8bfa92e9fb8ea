"""Markdown front matter: a ``---`` block of ``key: value`` lines at the top of a file.

Only flat ``key: value`` pairs are read (that is all the sample texts need, and
it keeps YAML's surprises out: ``date: 2025-11-08`` stays the string it looks
like). Values may be wrapped in double quotes (JSON escapes) or single quotes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from reader.errors import InputError

_FENCE = "---"
_KEY_VALUE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*$")
# A file "has" front matter when it opens with a fence followed by a key line.
_MAX_LINES = 200


@dataclass
class FrontMatter:
    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key -> 1-based line, for error messages
    body_start: int = 0  # index of the first body line


def split_front_matter(lines: list[str], path: str) -> FrontMatter:
    """Parse front matter at the top of ``lines`` (an empty ``FrontMatter`` when there is none)."""
    if not lines or lines[0].strip() != _FENCE:
        return FrontMatter()
    if len(lines) < 2 or not (_KEY_VALUE.match(lines[1]) or lines[1].strip() == _FENCE):
        return FrontMatter()  # a thematic break, not front matter
    result = FrontMatter()
    for index in range(1, min(len(lines), _MAX_LINES)):
        line = lines[index]
        stripped = line.strip()
        if stripped in (_FENCE, "..."):
            result.body_start = index + 1
            return result
        if not stripped or stripped.startswith("#"):
            continue
        match = _KEY_VALUE.match(line)
        if match is None:
            raise InputError(
                "this front matter line is not 'key: value' (is the closing '---' line missing?)",
                path=path,
                line=index + 1,
            )
        key, raw = match.groups()
        result.fields[key] = _value(raw, path, index + 1)
        result.lines[key] = index + 1
    raise InputError("front matter opened on line 1 is never closed with a line '---'", path=path, line=1)


def _value(raw: str, path: str, line: int) -> str:
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            raise InputError("badly quoted value in front matter", path=path, line=line) from None
        return str(value)
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    return raw
