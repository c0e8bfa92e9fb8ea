"""The raw shapes structure parsing works on: source lines, and blocks before clean-up."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    number: int  # 1-based line in the source file
    text: str
    wrapped: bool = False  # filled to the wrap width of a hard-wrapped text: continues on the next line


@dataclass
class RawSegment:
    text: str
    line: int


@dataclass
class RawBlock:
    kind: str
    segments: list[RawSegment] = field(default_factory=list)
    rows: list[list[RawSegment]] = field(default_factory=list)
    level: int = 0
    form: str = ""  # heading form, for level assignment
