"""Sentence text -> the tokens a page shows: words with ruby, terms, plain runs.

The Chinese of a sentence is cut at glossary-term and word boundaries. A term
occurrence becomes one token (the reader points at it as a unit); the rest
are words from the annotate stage (Han words get the popup dictionary) and
runs of anything else. Every token carries its text in the other script
(converted per token with OpenCC so each character keeps its ruby) and its
pieces: one ruby per Han character where the pinyin lines up with the
characters, one ruby over the whole token where it does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from reader.annotate import Word
from reader.document import Sentence
from reader.glossary.model import TermMatch
from reader.site.pinyin import is_han, search_form, tone_of
from reader.translate.model import TermCheck


@dataclass(frozen=True)
class Piece:
    base: str
    rt: str = ""  # pinyin shown above the base; "" for no ruby
    tone: int = 0  # 1-5 for tone colours, 0 for none


@dataclass(frozen=True)
class ZhToken:
    text: str
    pieces: tuple[Piece, ...]
    kind: str = "text"  # "term", "word" (a Han word: popup dictionary) or "text"
    alt: str = ""  # the text in the other script, "" when it is the same
    key: str = ""  # words: "<normal form> <pinyin>", the key into the page's word data
    term: str = ""  # terms: the term's slug
    pair: str = ""  # terms: pairs this occurrence with its rendering in the English
    strong: bool = False
    draft: bool = False  # a draft term: shown, not enforced


@dataclass(frozen=True)
class EnToken:
    text: str
    term: str = ""
    pair: str = ""
    outcome: str = ""
    draft: bool = False


# Headword -> (slug, is checked) for glossary terms; None for anything else.
TermInfo = Callable[[str], "tuple[str, bool] | None"]


@dataclass
class SentenceTokens:
    zh: list[ZhToken]
    en: list[EnToken]
    pairs: dict[str, list[str]]  # term headword -> pair keys of its occurrences, in order
    syllables: list[str]  # toneless pinyin, for search
    words: dict[str, tuple[str, str, tuple[str, ...]]]  # key -> (text, normal, pinyin) for popup data


def readings(text: str, words: Iterable[Word]) -> tuple[dict[int, str], dict[tuple[int, int], str]]:
    """Pinyin per character index, and whole-word readings where syllables and characters do not line up."""
    per_char: dict[int, str] = {}
    whole: dict[tuple[int, int], str] = {}
    for word in words:
        syllables = [s for s in word.pinyin if s.strip()]
        if not syllables:
            continue
        han_at = [i for i in range(word.start, min(word.end, len(text))) if is_han(text[i])]
        if len(han_at) == len(syllables):
            per_char.update(zip(han_at, syllables))
        else:
            whole[(word.start, word.end)] = " ".join(syllables)
    return per_char, whole


def sentence_tokens(
    sentence: Sentence,
    words: list[Word],
    matches: list[TermMatch],
    term_info: TermInfo,
    convert: Callable[[str], str],
    strong: list[tuple[int, int]] = (),
    english: str = "",
    checks: tuple[TermCheck, ...] = (),
) -> SentenceTokens:
    text = sentence.text
    per_char, whole = readings(text, words)
    known = [m for m in matches if term_info(m.zh) is not None and 0 <= m.start < m.end <= len(text)]
    terms = _non_overlapping((m.start, m.end, m) for m in known)
    pairs: dict[str, list[str]] = {}
    term_at = {}
    for k, (start, end, match) in enumerate(terms):
        key = f"{sentence.id}.{k}"
        pairs.setdefault(match.zh, []).append(key)
        term_at[start] = (end, match, key)
    starts = sorted(term_at)
    word_list = sorted((w for w in words if 0 <= w.start < w.end <= len(text)), key=lambda w: (w.start, w.end))

    tokens: list[ZhToken] = []
    popup: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    i = 0
    w = 0
    while i < len(text):
        if i in term_at:
            end, match, key = term_at[i]
            slug, checked = term_info(match.zh)
            tokens.append(
                _token(text, i, end, per_char, whole, convert, strong, "term", term=slug, pair=key, draft=not checked)
            )
            i = end
            continue
        next_term = next((s for s in starts if s > i), len(text))
        while w < len(word_list) and word_list[w].end <= i:
            w += 1
        word = word_list[w] if w < len(word_list) and word_list[w].start <= i else None
        if word is not None:
            end = min(word.end, next_term)
            kind = "word" if word.is_han and any(is_han(c) for c in text[i:end]) else "text"
            key = ""
            if kind == "word":
                whole_word = (i, end) == (word.start, word.end)
                normal = word.normal if whole_word else text[i:end]
                syllables = tuple(per_char[j] for j in range(i, end) if j in per_char)
                if whole_word and (word.start, word.end) in whole:
                    syllables = tuple(whole[(word.start, word.end)].split())
                key = f"{normal} {' '.join(syllables)}".strip()
                popup[key] = (text[i:end], normal, syllables)
            tokens.append(_token(text, i, end, per_char, whole, convert, strong, kind, key=key))
            i = end
            continue
        next_word = next((x.start for x in word_list if x.start > i), len(text))
        end = min(next_term, next_word)
        tokens.append(_token(text, i, end, per_char, whole, convert, strong, "text"))
        i = end

    syllables = [search_form(per_char[j]) for j in sorted(per_char)]
    return SentenceTokens(tokens, english_tokens(english, checks, pairs, term_info), pairs, syllables, popup)


def _token(text, start, end, per_char, whole, convert, strong, kind, **extra) -> ZhToken:
    chunk = text[start:end]
    alt = convert(chunk)
    alt = "" if alt == chunk else alt
    if (start, end) in whole or (alt and len(alt) != len(chunk)):
        # One ruby over the whole token: the script swap may change its length.
        reading = whole.get((start, end)) or " ".join(per_char[j] for j in range(start, end) if j in per_char)
        pieces = (Piece(chunk, reading, 0),) if reading else (Piece(chunk),)
    else:
        pieces = _char_pieces(text, start, end, per_char)
    is_strong = any(a <= start < b for a, b in strong)
    return ZhToken(chunk, pieces, kind, alt, strong=is_strong, **extra)


def _char_pieces(text: str, start: int, end: int, per_char: dict[int, str]) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    plain = ""
    for j in range(start, end):
        if j in per_char:
            if plain:
                pieces.append(Piece(plain))
                plain = ""
            pieces.append(Piece(text[j], per_char[j], tone_of(per_char[j])))
        else:
            plain += text[j]
    if plain:
        pieces.append(Piece(plain))
    return tuple(pieces)


def english_tokens(
    english: str, checks: tuple[TermCheck, ...], pairs: dict[str, list[str]], term_info: TermInfo
) -> list[EnToken]:
    """Cut the English at the term renderings the translation stage located."""
    spans = []
    seen: dict[str, int] = {}
    for check in checks:
        n = seen.get(check.zh, 0)
        seen[check.zh] = n + 1
        start, end = check.english_start, check.english_end
        if term_info(check.zh) is None or start is None or end is None or not 0 <= start < end <= len(english):
            continue
        keys = pairs.get(check.zh, [])
        spans.append((start, end, (check, keys[n] if n < len(keys) else "")))
    tokens: list[EnToken] = []
    at = 0
    for start, end, (check, key) in _non_overlapping(spans):
        if start > at:
            tokens.append(EnToken(english[at:start]))
        slug, checked = term_info(check.zh)
        tokens.append(EnToken(english[start:end], slug, key, check.outcome, draft=not checked))
        at = end
    if at < len(english):
        tokens.append(EnToken(english[at:]))
    return tokens


def _non_overlapping(spans):
    """Leftmost, then longest spans that do not overlap, in text order."""
    kept = []
    end_of_last = -1
    for start, end, item in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start >= end_of_last:
            kept.append((start, end, item))
            end_of_last = end
    return kept
