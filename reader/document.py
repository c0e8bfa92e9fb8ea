"""The document model: what ingest produces and every later stage reads.

Offsets are exact. ``Document.text`` is the cleaned reading text (chrome,
stock codes and markup removed); every ``Segment`` and ``Sentence`` records
``start``/``end`` offsets into it, so ``document.text[s.start:s.end] == s.text``
always holds, and the sentences of a segment joined together give back the
segment's text character for character.

A block is one structural unit (heading, paragraph, list, table, quote). Its
text lives in segments: one segment for a heading, paragraph or quote, one per
item for a list, one per cell for a table (``Block.rows``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal

BlockKind = Literal["heading", "paragraph", "list", "table", "quote"]
Script = Literal["simplified", "traditional"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a segment.

    ``id`` is stable for a given document text and unique within the document
    (``"s{block}-{segment}-{n}"``); ``Document.id`` + ``"#"`` + ``id`` is unique
    across the corpus and is what sentence anchors and the QA report use.

    ``normal`` is the simplified, mainland-vocabulary normal form used for
    matching glossary terms and for segmentation. ``normal_offsets`` maps it
    back: ``normal_offsets[i]`` is the index in ``text`` of the character that
    ``normal[i]`` came from, and it has ``len(normal) + 1`` entries, the last
    being ``len(text)``, so a normal-form span ``[a, b)`` covers the original
    span ``[normal_offsets[a], normal_offsets[b])``.
    """

    id: str
    text: str
    start: int
    end: int
    normal: str
    normal_offsets: tuple[int, ...]

    def original_span(self, normal_start: int, normal_end: int) -> tuple[int, int]:
        """Map a span of ``normal`` to the span of ``text`` it came from."""
        return self.normal_offsets[normal_start], self.normal_offsets[normal_end]


@dataclass(frozen=True)
class Emphasis:
    """A run of emphasised text (``**bold**`` in the source), offsets into ``Document.text``."""

    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """A run of text inside a block: the paragraph itself, a list item or a table cell."""

    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    emphasis: tuple[Emphasis, ...] = ()


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    index: int
    segments: tuple[Segment, ...] = ()
    # Table blocks only: cells by row; the first row is the header row.
    rows: tuple[tuple[Segment, ...], ...] = ()
    # Heading blocks only: 1 is the top level.
    level: int = 0

    def all_segments(self) -> Iterator[Segment]:
        """Segments in reading order (table cells row by row)."""
        if self.kind == "table":
            for row in self.rows:
                yield from row
        else:
            yield from self.segments

    def sentences(self) -> Iterator[Sentence]:
        for segment in self.all_segments():
            yield from segment.sentences

    @property
    def text(self) -> str:
        return "\n".join(segment.text for segment in self.all_segments())


@dataclass(frozen=True)
class Removal:
    """Something ingest took out of the reading text, listed so nothing disappears silently.

    ``kind`` is e.g. ``"chrome"`` (web-page navigation and footers),
    ``"stock-code"`` or ``"title-line"``; ``line`` is the 1-based line of the
    source file it was found on.
    """

    kind: str
    text: str
    line: int
    reason: str


@dataclass(frozen=True)
class Document:
    id: str
    path: str
    title: str
    text: str
    blocks: tuple[Block, ...]
    encoding: str
    script: Script
    source: str | None = None
    date: str | None = None
    removals: tuple[Removal, ...] = ()
    # Front matter fields as written, for anything not modelled above.
    meta: dict[str, str] = field(default_factory=dict)

    def sentences(self) -> Iterator[Sentence]:
        for block in self.blocks:
            yield from block.sentences()

    def sentence(self, sentence_id: str) -> Sentence:
        for sentence in self.sentences():
            if sentence.id == sentence_id:
                return sentence
        raise KeyError(sentence_id)

    @property
    def lang(self) -> str:
        """BCP 47 tag for the Chinese text: ``zh-Hans`` or ``zh-Hant``."""
        return "zh-Hant" if self.script == "traditional" else "zh-Hans"
