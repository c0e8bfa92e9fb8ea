"""Pinyin as glossary entries write it and as people type it in a lookup.

Entries write Hanyu Pinyin with tone marks, by word: ``"yǐngzi yínháng"``.
Queries may use marks, tone numbers (``ying3zi yin2hang2``) or no tones, with
or without spaces. Everything here is plain string work (``unicodedata`` and
the syllable table in ``syllables.txt``) so that the lookup path stays light.

Rule for Latin letters and digits in a headword (``超级AI资本矩阵``, ``G20``):
they are written in the pinyin as separate words, exactly as in the headword
(``"chāojí AI zīběn jǔzhèn"``). Only pinyin words count as syllables, and the
syllable count must equal the number of Han characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Combining tone marks in NFD and the tone each one writes.
TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
MARK_OF_TONE = {tone: mark for mark, tone in TONE_OF_MARK.items()}
NEUTRAL = 5
DIAERESIS = "\u0308"
# Word-internal separators: syllable apostrophe (xī'ān) and hyphen.
SEPARATORS = "'’‘‐-"
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Syllable:
    """One syllable: ``base`` without tone, ü written ``v``; ``tone`` 1-4 or 5 (neutral)."""

    base: str
    tone: int
    written: str  # as it was written, tone mark or number included

    @property
    def numbered(self) -> str:
        return self.base + (str(self.tone) if self.tone != NEUTRAL else "")

    @property
    def marked(self) -> str:
        return mark_syllable(self.base, self.tone)


@lru_cache(maxsize=1)
def syllable_set() -> frozenset[str]:
    text = resources.files("reader.glossary").joinpath("syllables.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    # "lue"/"nue" are common spellings of lüe/nüe.
    return frozenset(words | {"lue", "nue"})


def is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or char == "〇"
    )


def han_count(text: str) -> int:
    return sum(1 for char in text if is_han(char))


def latin_runs(headword: str) -> list[str]:
    """The runs of Latin letters and digits in a headword, in order (``["AI"]``)."""
    return _LATIN_RUN.findall(headword)


def mark_syllable(base: str, tone: int) -> str:
    """Write a toneless syllable (``"lve"``, ``"hang"``) with its tone mark (``"lüè"``, ``"háng"``)."""
    base = base.replace("v", "ü")
    if tone not in MARK_OF_TONE:
        return base
    # Standard placement: a or e; the o of ou; otherwise the last vowel.
    if "a" in base:
        index = base.index("a")
    elif "e" in base:
        index = base.index("e")
    elif "ou" in base:
        index = base.index("o")
    else:
        vowels = [i for i, ch in enumerate(base) if ch in "iouüê"]
        if not vowels:
            return base
        index = vowels[-1]
    return unicodedata.normalize("NFC", base[: index + 1] + MARK_OF_TONE[tone] + base[index + 1 :])


def _letters(piece: str) -> list[tuple[str, int | None]] | None:
    """Split written pinyin into (letter, tone-from-mark) pairs; None if a character is not pinyin."""
    out: list[tuple[str, int | None]] = []
    for char in unicodedata.normalize("NFD", piece.lower()):
        if char in TONE_OF_MARK:
            if not out or out[-1][1] is not None:
                return None
            out[-1] = (out[-1][0], TONE_OF_MARK[char])
        elif char == DIAERESIS:
            if not out or out[-1][0] != "u":
                return None
            out[-1] = ("v", out[-1][1])
        elif char == "\u0302" and out and out[-1][0] == "e":
            out[-1] = ("ê", out[-1][1])
        elif "a" <= char <= "z":
            out.append((char, None))
        else:
            return None
    return out


def _segment(letters: list[tuple[str, int | None]]) -> list[tuple[int, int]] | None:
    """Best split of a letter run into syllables as (start, end) pairs.

    Fewest syllables wins, each syllable carrying at most one tone mark; among
    equals, the split where no later syllable starts with a, o or e (pinyin
    orthography would have written an apostrophe there: fāng'àn, not fāngàn).
    """
    valid = syllable_set()
    text = "".join(letter for letter, _ in letters)
    n = len(text)
    best: list[tuple[int, int, list[tuple[int, int]]] | None] = [None] * (n + 1)
    best[0] = (0, 0, [])
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            if best[start] is None or text[start:end] not in valid:
                continue
            if sum(1 for _, tone in letters[start:end] if tone is not None) > 1:
                continue
            count, awkward, spans = best[start]
            candidate = (count + 1, awkward + (start > 0 and text[start] in "aoe"), spans + [(start, end)])
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    return best[n][2] if best[n] is not None else None


def parse_word(word: str) -> list[Syllable] | None:
    """Split one written pinyin word into syllables; None if it is not pinyin.

    Accepts tone marks (``yínháng``), tone numbers after each syllable
    (``yin2hang2``; 0 or 5 is the neutral tone) or no tones at all.
    """
    syllables: list[Syllable] = []
    for piece in re.split("[" + re.escape(SEPARATORS) + "]", word):
        if not piece:
            continue
        # Tone numbers end a syllable run: "ying3zi" -> ("ying", 3), ("zi", None).
        for run, digit in re.findall(r"([^0-9]+)([0-9]?)", piece) or [("", "")]:
            letters = _letters(run)
            if not letters:
                return None
            spans = _segment(letters)
            if spans is None:
                return None
            for i, (start, end) in enumerate(spans):
                marks = [tone for _, tone in letters[start:end] if tone is not None]
                tone = marks[0] if marks else NEUTRAL
                base = "".join(letter for letter, _ in letters[start:end])
                base = {"lue": "lve", "nue": "nve"}.get(base, base)
                written = unicodedata.normalize(
                    "NFC",
                    "".join(
                        ("ü" if letter == "v" else letter) + (MARK_OF_TONE[t] if t else "")
                        for letter, t in letters[start:end]
                    ),
                )
                if digit and i == len(spans) - 1:
                    if marks or digit not in "012345":
                        return None
                    tone = int(digit) if digit not in "05" else NEUTRAL
                    written += digit
                syllables.append(Syllable(base, tone, written))
        if re.search(r"[0-9]{2}|^[0-9]", piece):
            return None
    return syllables or None


def parse(pinyin: str, headword: str = "") -> tuple[list[Syllable], list[str]]:
    """Parse a glossary pinyin string: (syllables, problems).

    Words equal to a Latin run of ``headword`` are taken as written and do not
    count as syllables. Problems are sentences naming the offending word.
    """
    problems: list[str] = []
    syllables: list[Syllable] = []
    latin = [run.lower() for run in latin_runs(headword)]
    for word in pinyin.split():
        if latin and word.lower() == latin[0]:
            latin.pop(0)
            continue
        parsed = parse_word(word)
        if parsed is None:
            problems.append(f"pinyin word {word!r} is not made of valid pinyin syllables")
            continue
        if any(syllable.written[-1:].isdigit() for syllable in parsed):
            marked = "".join(syllable.marked for syllable in parsed)
            problems.append(f"pinyin {word!r} uses tone numbers; write tone marks ({marked!r})")
        for piece in re.split("[" + re.escape(SEPARATORS) + "]", word):
            later = (parse_word(piece) or [])[1:]
            if any(syllable.base[0] in "aoe" for syllable in later):
                problems.append(f"pinyin {word!r} needs an apostrophe before a syllable starting with a, o or e "
                                f"({join_syllables([s.written for s in parse_word(piece)])!r})")
        for syllable in parsed:
            if syllable.tone != NEUTRAL and not syllable.written[-1:].isdigit():
                expected = syllable.marked
                if unicodedata.normalize("NFC", syllable.written.lower()) != expected:
                    problems.append(f"tone mark misplaced in {syllable.written!r} (write {expected!r})")
        syllables.extend(parsed)
    if latin:
        problems.append(
            f"pinyin must repeat the Latin part(s) {', '.join(latin_runs(headword)[-len(latin):])} "
            "of the headword as separate words"
        )
    return syllables, problems


def toneless(pinyin: str) -> str:
    """Lookup key without tones or spaces: ``"yǐngzi yínháng"`` -> ``"yingziyinhang"``.

    Words that are not pinyin (Latin parts such as ``AI``, ``G20``) are kept,
    lowercased.
    """
    parts = []
    for word in pinyin.split():
        parsed = parse_word(word)
        parts.append("".join(s.base for s in parsed) if parsed else _plain(word))
    return "".join(parts)


def toned(pinyin: str) -> str | None:
    """Lookup key with tone numbers: ``"yǐngzi yínháng"`` -> ``"ying3ziyin2hang2"``.

    None when the text carries no tone at all (then only the toneless key applies).
    """
    parts = []
    any_tone = False
    for word in pinyin.split():
        parsed = parse_word(word)
        if parsed:
            any_tone = any_tone or any(s.tone != NEUTRAL for s in parsed)
            parts.append("".join(s.numbered for s in parsed))
        else:
            parts.append(_plain(word))
    return "".join(parts) if any_tone else None


def numbered(pinyin: str) -> str:
    """Pinyin with tone numbers, words kept: ``"yǐngzi yínháng"`` -> ``"ying3zi yin2hang2"``."""
    out = []
    for word in pinyin.split():
        parsed = parse_word(word)
        out.append("".join(s.numbered for s in parsed) if parsed else word)
    return " ".join(out)


def _plain(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum())


def generate(headword: str) -> str:
    """Draft pinyin for a headword with pypinyin, written by word (jieba) as entries are.

    Only for drafts (``add`` without ``--pinyin``, ``suggest``, imports that
    carry no pinyin): a person checks the reading before the term is checked.
    """
    import jieba
    from pypinyin import Style, lazy_pinyin

    jieba.setLogLevel(60)
    words = []
    for word in _dictionary_words(jieba, headword):
        for run in re.findall(r"[A-Za-z0-9]+|[\u3400-\u9fff\uf900-\ufaff〇]+", word):
            if _LATIN_RUN.fullmatch(run):
                words.append(run)
            else:
                words.append(join_syllables(lazy_pinyin(run, style=Style.TONE)))
    return " ".join(words)


def join_syllables(syllables: list[str]) -> str:
    """Syllables written as one word, with the apostrophe pinyin needs before a, o or e (xī'ān, fǎ'àn)."""
    word = ""
    for syllable in syllables:
        first = unicodedata.normalize("NFD", syllable[:1])[:1].lower()
        word += ("'" if word and first in "aoe" else "") + syllable
    return word


def _dictionary_words(jieba, headword: str) -> list[str]:
    """jieba's words, with long compounds (国际清算银行) split into their dictionary parts as dictionaries write them."""
    out: list[str] = []
    for word in jieba.lcut(headword):
        if len(word) <= 4:
            out.append(word)
            continue
        parts = {part for part in jieba.cut_for_search(word) if part != word}
        position = 0
        while position < len(word):
            for size in range(min(4, len(word) - position), 0, -1):
                piece = word[position:position + size]
                if size == 1 or piece in parts:
                    out.append(piece)
                    position += size
                    break
    return out
