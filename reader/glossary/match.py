"""Find glossary terms in sentences, in simplified and traditional text alike.

Matching runs on ``Sentence.normal`` (the simplified, mainland-vocabulary
normal form ingest produces), so one automaton finds 影子银行 in 影子銀行 and
芯片 in 晶片. The patterns are each term's headword, its traditional forms and
the normal forms of both; the spans found are mapped back to the original
text with ``Sentence.original_span``.

Overlaps are resolved leftmost-longest: the match that starts first wins,
and of those starting at the same place the longest (影子银行 beats 银行).
A pattern that begins or ends with a Latin letter or digit only matches at a
word boundary (G20 does not match inside G200). Latin letters match without
regard to case.
"""

from __future__ import annotations

from functools import lru_cache

from reader.document import Sentence
from reader.glossary.model import Glossary, TermMatch

# Lowercases ASCII only, so offsets never move.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def pattern_key(text: str) -> str:
    """How a text is compared with the patterns of ``term_patterns`` (Latin letters lowercased)."""
    return text.translate(_ASCII_LOWER)


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


@lru_cache(maxsize=200_000)
def normal_form(text: str, script: str = "simplified") -> str:
    """The ingest normal form of a headword (``"simplified"``) or a traditional form (``"traditional"``).

    The script is given, not detected: 晶片 has no traditional-only character,
    yet as a traditional form it must normalise like the Taiwan text it is
    found in (晶片 -> 芯片).
    """
    from reader.script import to_normal

    return to_normal(text, script)[0]


def term_patterns(glossary: Glossary) -> dict[str, str]:
    """Every text that counts as a term in normal-form text -> its headword.

    Headwords take precedence over traditional forms; between terms, the one
    read first wins (``reader glossary validate`` reports such clashes).
    """
    patterns: dict[str, str] = {}
    for term in glossary:
        for form in (term.zh, normal_form(term.zh, "simplified")):
            patterns.setdefault(form.translate(_ASCII_LOWER), term.zh)
    for term in glossary:
        for traditional in term.traditional:
            for form in (traditional, normal_form(traditional, "traditional")):
                patterns.setdefault(form.translate(_ASCII_LOWER), term.zh)
    patterns.pop("", None)
    return patterns


class TermMatcher:
    """Built once per glossary; ``match`` is then cheap for every sentence."""

    def __init__(self, glossary: Glossary):
        import ahocorasick

        self.glossary = glossary
        self._automaton = ahocorasick.Automaton()
        for pattern, zh in term_patterns(glossary).items():
            self._automaton.add_word(pattern, (len(pattern), zh))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, normal: str) -> list[tuple[int, int, str]]:
        """(start, end, headword) spans in a normal-form string, leftmost-longest, sorted by start."""
        if self._empty or not normal:
            return []
        text = normal.translate(_ASCII_LOWER)
        found = []
        for end_index, (length, zh) in self._automaton.iter(text):
            start, end = end_index - length + 1, end_index + 1
            if _is_word_char(text[start]) and start > 0 and _is_word_char(text[start - 1]):
                continue
            if _is_word_char(text[end - 1]) and end < len(text) and _is_word_char(text[end]):
                continue
            found.append((start, end, zh))
        found.sort(key=lambda span: (span[0], -(span[1] - span[0]), span[2]))
        chosen: list[tuple[int, int, str]] = []
        covered = 0
        for start, end, zh in found:
            if start >= covered:
                chosen.append((start, end, zh))
                covered = end
        return chosen

    def match(self, sentence: Sentence) -> list[TermMatch]:
        """Every term in the sentence, with offsets and surface in its original text."""
        matches = []
        for start, end, zh in self.find(sentence.normal):
            original_start, original_end = sentence.original_span(start, end)
            matches.append(TermMatch(zh, original_start, original_end, sentence.text[original_start:original_end]))
        return matches


def lexicon(glossary: Glossary) -> dict[str, str]:
    """Word -> checked pinyin for segmentation and readings: headwords and normal forms of traditional forms."""
    words: dict[str, str] = {}
    for term in glossary:
        words.setdefault(term.zh, term.pinyin)
    for term in glossary:
        for traditional in term.traditional:
            words.setdefault(normal_form(traditional, "traditional"), term.pinyin)
    return words
