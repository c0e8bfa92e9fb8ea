"""Annotate stage: words and pinyin for every sentence.

Words are segmented by jieba on each sentence's normal form (simplified,
mainland vocabulary: what jieba's dictionary knows) and mapped back to the
original text through ``Sentence.normal_offsets``, so the words of a
sentence always tile its text exactly. Pinyin (tone marks, one entry per
syllable) comes from pypinyin, word by word so that it is phrase-aware
(银行 yínháng, 调节 tiáojié), read from the original characters (晶片 is
jīngpiàn even though its normal form is 芯片), with a small table of fixes
(``reader/ingest/data/pinyin.toml``: 重置 chóngzhì) and, above all, the
readings of the lexicon the caller passes (the glossary's terms).

Each lexicon gets its own ``jieba.Tokenizer`` (copied from one base
dictionary, so no call leaks words into another), and every lexicon term
found in a sentence is forced to be exactly one word.
"""

from __future__ import annotations

import gc
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from reader.document import Document, Sentence

__all__ = ["Word", "annotate", "split_reading"]


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


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+")
# Lowercases ASCII only, so offsets never move.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_READING_SEPARATORS = re.compile(r"[\s'’‘\-‐]+")
# Frequency given to lexicon words: far above any ordinary word, so jieba keeps them whole.
_LEXICON_FREQ = 10**7
_CACHED_LEXICONS = 8


def annotate(document: "Document", lexicon: Mapping[str, str] | None = None) -> dict[str, list[Word]]:
    """Words with pinyin for every sentence of ``document``, keyed by ``Sentence.id``.

    ``lexicon`` maps a simplified word to its pinyin written by word
    (``{"影子银行": "yǐngzi yínháng"}``): each such word comes out as one
    token with exactly that reading.
    """
    annotator = _annotator(lexicon or {})
    traditional = document.script == "traditional"
    # Millions of small objects without cycles: the cyclic collector would only slow this down.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return {sentence.id: annotator.words(sentence, traditional) for sentence in document.sentences()}
    finally:
        if enabled:
            gc.enable()


def split_reading(reading: str, word: str) -> tuple[str, ...] | None:
    """Split pinyin written by word into one syllable per Han character of ``word``.

    Latin letters and digits of ``word`` may appear in the reading as they
    are written (``"AI xīnpiàn"`` for ``AI芯片``) and are skipped. Returns None
    when the reading cannot be split into exactly that many syllables.
    """
    target = len(_HAN.findall(word))
    latin = {run.lower() for run in _LATIN_RUN.findall(word)}
    chunks = [chunk for chunk in _READING_SEPARATORS.split(reading.strip()) if chunk]
    chunks = [chunk for chunk in chunks if chunk.lower() not in latin]
    # Ways to reach each total syllable count, chunk by chunk.
    totals: dict[int, list[str]] = {0: []}
    for chunk in chunks:
        options = _segmentations(chunk)
        if not options:
            return None
        totals = {
            total + count: syllables + pieces
            for total, syllables in totals.items()
            for count, pieces in options.items()
            if total + count <= target
        }
    found = totals.get(target)
    return tuple(found) if found is not None else None


@lru_cache(maxsize=1)
def _syllable_set() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    found: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            found.add(_toneless(reading))
    return frozenset(syllable for syllable in found if syllable.isalpha())


def _toneless(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("ü", "v"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _segmentations(chunk: str) -> dict[int, list[str]]:
    """Every syllable count one pinyin word can be split into, with one split for each."""
    chunk = unicodedata.normalize("NFC", chunk)
    plain = "".join(_toneless(char) or char for char in chunk)
    if len(plain) != len(chunk):
        return {}
    valid = _syllable_set()
    ways: list[dict[int, list[int]]] = [dict() for _ in range(len(plain) + 1)]
    ways[0][0] = []
    for end in range(1, len(plain) + 1):
        for start in range(max(0, end - 6), end):
            if not ways[start] or plain[start:end] not in valid:
                continue
            for count, cuts in ways[start].items():
                ways[end].setdefault(count + 1, cuts + [end])
    result = {}
    for count, cuts in ways[len(plain)].items():
        pieces, start = [], 0
        for end in cuts:
            pieces.append(chunk[start:end])
            start = end
        result[count] = pieces
    return result


@lru_cache(maxsize=1)
def _fixed_readings() -> dict[str, tuple[str, ...]]:
    data = resources.files("reader.ingest").joinpath("data/pinyin.toml").read_text(encoding="utf-8")
    return {word: tuple(reading.split()) for word, reading in tomllib.loads(data)["words"].items()}


@lru_cache(maxsize=200_000)
def _pinyin_of(word: str) -> tuple[str, ...]:
    """Tone-marked syllables of the Han characters of ``word`` (simplified characters)."""
    fixed = _fixed_readings().get(word)
    if fixed is not None:
        return fixed
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(word, style=Style.TONE, errors="ignore", v_to_u=True))


@lru_cache(maxsize=200_000)
def _characters(word: str) -> str:
    """Character-for-character simplified form of ``word`` (for readings of traditional text)."""
    from reader.script import simplified_characters

    return simplified_characters(word)


def _base_tokenizer():
    from reader.script import word_tokenizer

    return word_tokenizer()


def _tokenizer_with(words: frozenset[str]):
    import jieba

    base = _base_tokenizer()
    if not words:
        return base
    tokenizer = jieba.Tokenizer()
    # A copy of the loaded dictionary: as good as re-reading it, in milliseconds.
    tokenizer.FREQ = dict(base.FREQ)
    tokenizer.total = base.total
    tokenizer.initialized = True
    for word in words:
        tokenizer.add_word(word, _LEXICON_FREQ)
    return tokenizer


_annotators: dict[frozenset, "_Annotator"] = {}


def _annotator(lexicon: Mapping[str, str]) -> "_Annotator":
    key = frozenset(lexicon.items())
    annotator = _annotators.get(key)
    if annotator is None:
        if len(_annotators) >= _CACHED_LEXICONS:
            _annotators.pop(next(iter(_annotators)))
        annotator = _annotators[key] = _Annotator(dict(lexicon))
    return annotator


class _Annotator:
    def __init__(self, lexicon: dict[str, str]):
        self.tokenizer = _tokenizer_with(frozenset(word for word in lexicon if word))
        self.readings = {word: split_reading(reading, word) for word, reading in lexicon.items() if word}
        self.folded = {word.translate(_ASCII_LOWER): word for word in self.readings}
        # (word, normal form) -> (pinyin, is_han): words repeat, readings need not be redone.
        self.cache: dict[object, tuple[tuple[str, ...], bool]] = {}
        self.automaton = None
        if self.readings:
            import ahocorasick

            # Latin letters match without regard to case (AI芯片 in "ai芯片"), as glossary matching does.
            self.automaton = ahocorasick.Automaton()
            for word in self.readings:
                self.automaton.add_word(word.translate(_ASCII_LOWER), len(word))
            self.automaton.make_automaton()

    def _terms(self, normal: str) -> list[tuple[int, int]]:
        """Lexicon words in ``normal``: leftmost-longest, not overlapping, whole Latin words only."""
        found = []
        for end_index, length in self.automaton.iter(normal.translate(_ASCII_LOWER)):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and _latin(normal[start]) and _latin(normal[start - 1]):
                continue
            if end < len(normal) and _latin(normal[end - 1]) and _latin(normal[end]):
                continue
            found.append((start, end))
        found.sort(key=lambda span: (span[0], -span[1]))
        chosen, last_end = [], 0
        for start, end in found:
            if start >= last_end:
                chosen.append((start, end))
                last_end = end
        return chosen

    def words(self, sentence: "Sentence", traditional: bool) -> list[Word]:
        text, normal, offsets = sentence.text, sentence.normal, sentence.normal_offsets
        if not text:
            return []
        if self.automaton is None and normal == text:
            return self._words_as_is(text, traditional)
        lengths = [len(token) for token in self.tokenizer.cut(normal, HMM=True)]
        if self.automaton is not None and normal:
            lengths = self._force_terms(normal, lengths)
        result: list[Word] = []
        append = result.append
        cache = self.cache
        start = normal_start = normal_end = 0
        last = len(lengths) - 1
        for index, length in enumerate(lengths):
            normal_end += length
            end = offsets[normal_end] if index < last else len(text)
            if end <= start:
                continue  # maps to nothing of its own: it joins the next word
            piece = text[start:end]
            word_normal = normal[normal_start:normal_end] if index < last else normal[normal_start:]
            key = piece if piece == word_normal else (piece, word_normal)
            found = cache.get(key)
            if found is None:
                found = cache[key] = self._reading(piece, word_normal, traditional)
            append(_word(piece, start, end, word_normal, found[0], found[1]))
            start, normal_start = end, normal_end
        if start < len(text):  # no tokens at all (an empty normal form)
            append(Word(text[start:], start, len(text), normal[normal_start:], *self._reading(text[start:], "", traditional)))
        return result

    def _words_as_is(self, text: str, traditional: bool) -> list[Word]:
        """The common case, normal form equal to the text: jieba's tokens are the words."""
        result: list[Word] = []
        append = result.append
        cache = self.cache
        start = 0
        for token in self.tokenizer.cut(text, HMM=True):
            end = start + len(token)
            found = cache.get(token)
            if found is None:
                found = cache[token] = self._reading(token, token, traditional)
            append(_word(token, start, end, token, found[0], found[1]))
            start = end
        return result

    def _force_terms(self, normal: str, lengths: list[int]) -> list[int]:
        """Token lengths with every lexicon word in ``normal`` made exactly one token."""
        terms = self._terms(normal)
        if not terms:
            return lengths
        cuts, position = set(), 0
        for length in lengths:
            position += length
            cuts.add(position)
        for start, end in terms:
            cuts.difference_update(range(start + 1, end))
            cuts.update((start, end))
        cuts.discard(0)
        result, previous = [], 0
        for cut in sorted(cuts):
            result.append(cut - previous)
            previous = cut
        return result

    def _reading(self, piece: str, word_normal: str, traditional: bool) -> tuple[tuple[str, ...], bool]:
        """(pinyin, is_han) of one word."""
        han = len(_HAN.findall(piece))
        if not han:
            return (), False
        reading = self.readings.get(word_normal)
        if reading is None and word_normal.translate(_ASCII_LOWER) in self.folded:
            reading = self.readings.get(self.folded[word_normal.translate(_ASCII_LOWER)])
        if reading is not None and len(reading) == han:
            return reading, True
        return _pinyin_of(_characters(piece) if traditional else piece), True


def _word(text: str, start: int, end: int, normal: str, pinyin: tuple[str, ...], is_han: bool) -> Word:
    """``Word(...)`` without the frozen-dataclass ``__init__``: a corpus has millions of words and
    that ``__init__`` (one ``object.__setattr__`` per field) costs twice as much as filling ``__dict__``."""
    word = _new(Word)
    fields = word.__dict__
    fields["text"] = text
    fields["start"] = start
    fields["end"] = end
    fields["normal"] = normal
    fields["pinyin"] = pinyin
    fields["is_han"] = is_han
    return word


_new = object.__new__


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()
