"""Sentence boundaries in Chinese text, with exact offsets.

A sentence ends after 。！？；… (fullwidth) or ! ? ; ... (ASCII, as Chinese
web text often uses them), together with every closing quote or bracket that
follows (``。”``, ``？」``, ``……）``), so no sentence is ever only a closing
quote. ASCII marks only end a sentence when what follows is not a Latin
letter or digit (``a;b``, ``?id=3``), and the ASCII full stop never does, so
numbers such as 4.5-4.75% and 1.2万亿 stay whole. Whitespace after a boundary
belongs to the sentence before it, so the sentences of a text tile it exactly.
"""

from __future__ import annotations

import re

CLOSERS = "”’」』）)》〉】〕］]\"'"  # closing quotes and brackets
_BOUNDARY = re.compile(
    r"(?:[。！？；…｡]+|(?:[!?;]|\.{3,})+(?![A-Za-z0-9=&]))"
    rf"(?:[。！？；…｡!?;]|[{re.escape(CLOSERS)}])*"
    r"\s*"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; together they cover ``text`` exactly (empty text: none)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end <= start:
            continue
        spans.append((start, end))
        start = end
    if start < len(text):
        if spans and not text[start:].strip(CLOSERS + " \t"):
            # Only closing marks or spaces left over: they end the last sentence.
            spans[-1] = (spans[-1][0], len(text))
        else:
            spans.append((start, len(text)))
    return spans
