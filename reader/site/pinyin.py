"""Small pinyin helpers: tone numbers, toneless forms, sort keys, Han detection."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Combining marks that Hanyu Pinyin uses for tones 1-4.
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_han(char: str) -> bool:
    return bool(_HAN.fullmatch(char))


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def tone_of(syllable: str) -> int:
    """1-4 from the tone mark; 5 for the neutral tone (no mark)."""
    for mark in unicodedata.normalize("NFD", syllable):
        if mark in _TONE_MARKS:
            return _TONE_MARKS[mark]
    return 5


def strip_tones(text: str) -> str:
    """``"yǐngzi yínháng"`` -> ``"yingzi yinhang"``; ü is kept as ü."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", kept)


def search_form(text: str) -> str:
    """Toneless, lowercase, ü written u: how people type pinyin into a search box."""
    return strip_tones(text).lower().replace("ü", "u").replace("v", "u")


def tone_numbers(syllable: str) -> str:
    """``"yǐng"`` -> ``"ying3"`` (CC-CEDICT style; ü written v, neutral tone 5)."""
    return strip_tones(syllable).lower().replace("ü", "v") + str(tone_of(syllable))


@cache
def _syllable_set() -> frozenset[str]:
    """Every toneless syllable pypinyin knows (about 400)."""
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(strip_tones(r).lower() for readings in pinyin_dict.values() for r in readings.split(","))


def syllables(pinyin: str) -> list[str]:
    """Split pinyin written by word into syllables: ``"yǐngzi yínháng"`` -> ``["yǐng", "zi", "yín", "háng"]``.

    Longest syllable first, backing off where that leaves something that is
    not pinyin (``"Xī'ān"`` has its apostrophe; ``"xiān"`` stays one syllable).
    """
    known = _syllable_set()
    out: list[str] = []
    for chunk in re.split(r"[\s'’-]+", unicodedata.normalize("NFC", pinyin)):
        plain = strip_tones(chunk).lower()

        @cache
        def split(at: int) -> tuple[int, ...] | None:
            if at == len(plain):
                return ()
            for end in range(min(len(plain), at + 6), at, -1):
                if plain[at:end] in known and (rest := split(end)) is not None:
                    return (end, *rest)
            return None

        ends = split(0) if plain else ()
        if ends is None:
            out.append(chunk)  # not pinyin (a Latin abbreviation): keep it whole
            continue
        start = 0
        for end in ends:
            out.append(chunk[start:end])
            start = end
    return [s for s in out if s]


def sort_key(pinyin: str, headword: str) -> tuple:
    """Dictionary order: syllable by syllable without tones, then the tones, then the characters."""
    parts = syllables(pinyin)
    return (tuple(strip_tones(s).lower() for s in parts), tuple(tone_of(s) for s in parts), headword)
