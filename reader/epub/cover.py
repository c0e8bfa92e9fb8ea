"""The cover: an SVG with the edition title, drawn from ``templates/cover.svg``.

SVG keeps the book free of fonts and of build-machine dependencies: the
reading system draws the title with its own CJK and Latin fonts. SVG has no
automatic line wrapping, so the title is broken into lines here.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.epub.identifiers import script_runs

# Widths in em of the longest line at the sizes the template uses.
ZH_LINE_EM = 8.0
EN_LINE_EM = 17.0


@dataclass(frozen=True)
class CoverLine:
    text: str
    lang: str
    y: int
    size: int


def _width(text: str) -> float:
    """Approximate advance in em: CJK characters are square, Latin about half."""
    return sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in text)


def wrap(text: str, max_em: float, *, latin: bool) -> list[str]:
    """Break ``text`` into lines no wider than ``max_em``: Latin between words, Chinese anywhere."""
    tokens, joiner = (text.split(), " ") if latin else (list(text), "")
    lines: list[str] = []
    current = ""
    for token in tokens:
        candidate = f"{current}{joiner}{token}" if current else token
        if current and _width(candidate) > max_em:
            lines.append(current)
            current = token
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [text]


def title_lines(title: str, zh_lang: str) -> list[tuple[str, str]]:
    """A bilingual title as ``(text, lang)`` parts, the separator between them dropped."""
    runs = [(text.strip(" ·•|/—–-"), lang) for text, lang in script_runs(title, zh_lang)]
    return [(text, lang) for text, lang in runs if text] or [(title, "en")]


def cover_lines(title: str, zh_lang: str) -> list[CoverLine]:
    """The title as positioned lines: Chinese runs large, English runs below them smaller."""
    runs = title_lines(title, zh_lang)
    main_lang = runs[0][1]
    laid: list[tuple[str, str, int]] = []
    for text, lang in runs:
        big = lang == main_lang
        size = (64 if lang != "en" else 52) if big else 30
        max_em = (ZH_LINE_EM if lang != "en" else EN_LINE_EM * 30 / size) if big else EN_LINE_EM
        laid.extend((line, lang, size) for line in wrap(text, max_em, latin=lang == "en")[:6])
    # Each baseline sits one line height below the previous one; a change of
    # language (the English subtitle under the Chinese) gets extra air.
    steps = [int(size * 1.35) + (18 if n and laid[n - 1][1] != lang else 0) for n, (_, lang, size) in enumerate(laid)]
    y = 330 - sum(steps) // 2
    lines = []
    for (text, lang, size), step in zip(laid, steps):
        y += step
        lines.append(CoverLine(text, lang, y, size))
    return lines
