"""The ingest pipeline: decoded text to a ``Document`` with exact offsets.

``Document.text`` is laid out as the blocks' texts separated by a blank line,
and within a block its segments (list items, table cells row by row) one per
line, so ``Block.text`` is always a slice of it. Everything is built with
list appends and one join: linear in the size of the input.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from reader.document import Block, Document, Emphasis, Removal, Segment, Sentence
from reader.errors import InputError
from reader.ingest.chrome import find_chrome
from reader.ingest.decode import decode_bytes
from reader.ingest.frontmatter import split_front_matter
from reader.ingest.noise import clean_inline
from reader.ingest.sentences import sentence_spans
from reader.ingest.structure import Line, RawBlock, RawSegment, is_bare_section_word, parse_blocks
from reader.ingest.title import find_title_line
from reader.script import Script, detect_script, to_normal

_SCRIPTS = ("simplified", "traditional")
_BLOCK_GAP = "\n\n"
_SEGMENT_GAP = "\n"


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` with LF, CRLF and CR line ends alike."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


@contextmanager
def _without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building: a big document is millions of small
    objects without cycles, and repeated full collections over them cost more than the work."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_document(data: bytes, path: str, doc_id: str | None = None) -> Document:
    with _without_gc():
        return _build(data, path, doc_id)


def _build(data: bytes, path: str, doc_id: str | None) -> Document:
    text, encoding = decode_bytes(data, path)
    del data
    lines = split_lines(text)
    del text
    front = split_front_matter(lines, path)
    body = [Line(number, line) for number, line in enumerate(lines[front.body_start :], start=front.body_start + 1)]
    del lines
    removals: list[Removal] = []

    chrome = find_chrome([line.text for line in body])
    if chrome:
        dropped = {item.index for item in chrome}
        for item in chrome:
            line = body[item.index]
            removals.append(Removal("chrome", line.text.strip(), line.number, f"web-page chrome: {item.reason}"))
        body = [line for index, line in enumerate(body) if index not in dropped]

    given_title = front.fields.get("title") or None
    found = find_title_line(body, given_title)
    if found.line is not None:
        removals.append(Removal("title-line", found.line.text.strip(), found.line.number, found.reason))
        body = [line for line in body if line is not found.line]

    blocks_in = _clean(parse_blocks(body), removals)
    del body
    if not blocks_in:
        detail = " after removing web-page chrome" if chrome else ""
        raise InputError(f"contains no readable text{detail}", path=path)
    script = _script_of(front, path) or detect_script(_sample_text(blocks_in))
    document_text, blocks = _assemble(blocks_in, script)

    title = found.title or _title_from_blocks(blocks) or (doc_id or Path(path).stem)
    removals.sort(key=lambda removal: removal.line)
    return Document(
        id=doc_id or Path(path).stem,
        path=str(path),
        title=title,
        text=document_text,
        blocks=tuple(blocks),
        encoding=encoding,
        script=script,
        source=front.fields.get("source") or None,
        date=front.fields.get("date") or None,
        removals=tuple(removals),
        meta=dict(front.fields),
    )


def _script_of(front, path: str) -> Script | None:
    value = front.fields.get("script")
    if value is None:
        return None
    if value not in _SCRIPTS:
        raise InputError(
            f"front matter 'script' must be 'simplified' or 'traditional', not {value!r}",
            path=path,
            line=front.lines.get("script"),
        )
    return value  # type: ignore[return-value]


def _title_from_blocks(blocks: list[Block]) -> str | None:
    for block in blocks:
        if block.kind == "heading" and not is_bare_section_word(block.segments[0].text):
            return block.segments[0].text
    return None


@dataclass
class _Cleaned:
    """A segment after inline clean-up: reading text and emphasis spans within it."""

    text: str
    emphasis: list[tuple[int, int]]


@dataclass
class _CleanBlock:
    kind: str
    level: int
    segments: list[_Cleaned]
    rows: list[list[_Cleaned]]


def _clean_segment(raw: RawSegment, removals: list[Removal]) -> _Cleaned:
    text, spans, removed = clean_inline(raw.text)
    for item in removed:
        removals.append(Removal(item.kind, item.text, raw.line, item.reason))
    if removed:
        stripped = text.strip()
        if stripped != text:
            shift = len(text) - len(text.lstrip())
            text = stripped
            spans = [(max(0, a - shift), min(len(text), b - shift)) for a, b in spans]
    return _Cleaned(text, spans)


def _clean(raw_blocks: list[RawBlock], removals: list[Removal]) -> list[_CleanBlock]:
    """Inline clean-up of every segment; blocks (and list items) left empty are dropped."""
    cleaned: list[_CleanBlock] = []
    for raw in raw_blocks:
        if raw.kind == "table":
            rows = [[_clean_segment(cell, removals) for cell in row] for row in raw.rows]
            if any(cell.text for row in rows for cell in row):
                cleaned.append(_CleanBlock("table", 0, [], rows))
            continue
        segments = [_clean_segment(segment, removals) for segment in raw.segments]
        segments = [segment for segment in segments if segment.text]
        if segments:
            cleaned.append(_CleanBlock(raw.kind, raw.level, segments, []))
    return cleaned


def _sample_text(blocks: list[_CleanBlock], limit: int = 50_000) -> str:
    parts: list[str] = []
    size = 0
    for block in blocks:
        for segment in block.segments or [cell for row in block.rows for cell in row]:
            parts.append(segment.text)
            size += len(segment.text)
            if size >= limit:
                return "".join(parts)
    return "".join(parts)


class _Writer:
    """Accumulates ``Document.text`` and hands out exact offsets."""

    def __init__(self, script: Script):
        self.parts: list[str] = []
        self.position = 0
        self.script = script

    def write(self, text: str) -> int:
        start = self.position
        self.parts.append(text)
        self.position += len(text)
        return start

    def segment(self, cleaned: _Cleaned, sentence_prefix: str) -> Segment:
        text = cleaned.text
        start = self.write(text)
        sentences = []
        for n, (a, b) in enumerate(sentence_spans(text)):
            piece = text[a:b]
            normal, offsets = to_normal(piece, self.script)
            sentences.append(Sentence(f"{sentence_prefix}-{n}", piece, start + a, start + b, normal, offsets))
        emphasis = tuple(Emphasis(start + a, start + b) for a, b in cleaned.emphasis if b > a)
        return Segment(text, start, start + len(text), tuple(sentences), emphasis)


def _assemble(cleaned: list[_CleanBlock], script: Script) -> tuple[str, list[Block]]:
    writer = _Writer(script)
    blocks: list[Block] = []
    for index, item in enumerate(cleaned):
        if index:
            writer.write(_BLOCK_GAP)
        if item.kind == "table":
            rows = []
            cell = 0
            for row_cells in item.rows:
                row = []
                for cleaned_cell in row_cells:
                    if cell:
                        writer.write(_SEGMENT_GAP)
                    row.append(writer.segment(cleaned_cell, f"s{index}-{cell}"))
                    cell += 1
                rows.append(tuple(row))
            blocks.append(Block("table", index, rows=tuple(rows)))
            continue
        segments = []
        for n, cleaned_segment in enumerate(item.segments):
            if n:
                writer.write(_SEGMENT_GAP)
            segments.append(writer.segment(cleaned_segment, f"s{index}-{n}"))
        blocks.append(Block(item.kind, index, segments=tuple(segments), level=item.level))  # type: ignore[arg-type]
    return "".join(writer.parts), blocks
