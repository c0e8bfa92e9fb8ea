"""Annotate stage: words and pinyin for every sentence.

(Types here; the ingest helper implements ``annotate``.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """A segmented word of a sentence.

    ``start``/``end`` are offsets into ``Sentence.text`` (original script);
    ``normal`` is the word in the simplified normal form; ``pinyin`` has one
    entry per syllable with tone marks (empty for punctuation, Latin, digits).
    ``is_han`` is true when the word contains Chinese characters.
    """

    text: str
    start: int
    end: int
    normal: str
    pinyin: tuple[str, ...]
    is_han: bool
