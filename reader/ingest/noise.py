"""Inline clean-up of one segment: stock codes out, ``**bold**`` into emphasis spans.

Finance sites insert a stock code after every listed company they mention:
``宁德时代(300750)``, ``太空太阳能（000591）``, ``贵州茅台(600519.SH)``,
``腾讯控股(00700.HK)``. They are noise to a reader and to a translator, so they
leave the reading text and are listed as removals. A number in parentheses
is only taken for a code when it cannot be anything else: six digits right
after a name (a Chinese character or a Latin letter), or digits with an
exchange prefix or suffix. Years ``(2024)``, ranges ``(2024-2026)`` and amounts
stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EXCHANGE = r"(?:SH|SZ|SS|BJ|HK|sh|sz|ss|bj|hk)"
_STOCK_CODE = re.compile(
    r"(?P<open>[(（])\s*(?:(?:股票代码|股票代碼|代码|代碼)\s*[:：]\s*)?"
    rf"(?:(?P<prefix>{_EXCHANGE})\s*[.:：]?\s*)?"
    r"(?P<digits>\d{4,6})"
    rf"(?:\.(?P<suffix>{_EXCHANGE}))?"
    r"\s*[)）]"
    r"|(?P<us>[(（]\s*(?:NASDAQ|NYSE|纳斯达克|納斯達克|纽交所|紐交所)\s*[:：]\s*[A-Z]{1,5}\s*[)）])"
)
# What may stand right before a code: the end of a company name.
_NAME_END = re.compile(r"[\u3400-\u9fffA-Za-z》」』)）]")
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")


@dataclass(frozen=True)
class InlineRemoval:
    kind: str
    text: str
    reason: str


def _is_stock_code(match: re.Match[str], text: str) -> bool:
    start = match.start()
    if start == 0 or not _NAME_END.match(text[start - 1]):
        return False
    if match.group("us"):
        return True
    digits = match.group("digits")
    exchange = match.group("prefix") or match.group("suffix")
    if exchange:
        return len(digits) == 6 or (exchange.lower() == "hk" and len(digits) in (4, 5))
    return len(digits) == 6


def remove_stock_codes(text: str) -> tuple[str, list[InlineRemoval]]:
    """``text`` without stock codes, and what was removed."""
    if "(" not in text and "（" not in text:
        return text, []
    parts: list[str] = []
    removals: list[InlineRemoval] = []
    position = 0
    for match in _STOCK_CODE.finditer(text):
        if not _is_stock_code(match, text):
            continue
        name = text[max(0, match.start() - 8) : match.start()]
        parts.append(text[position : match.start()])
        removals.append(InlineRemoval("stock-code", match.group(), f"stock code after '{name}'"))
        position = match.end()
    if not removals:
        return text, []
    parts.append(text[position:])
    return "".join(parts), removals


def extract_emphasis(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with ``**``/``__`` markers removed, and the emphasised spans in the result."""
    if "**" not in text and "__" not in text:
        return text, []
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    length = 0
    for match in _EMPHASIS.finditer(text):
        before = text[position : match.start()]
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        parts.append(before)
        length += len(before)
        spans.append((length, length + len(inner)))
        parts.append(inner)
        length += len(inner)
        position = match.end()
    parts.append(text[position:])
    return "".join(parts), spans


def clean_inline(text: str) -> tuple[str, list[tuple[int, int]], list[InlineRemoval]]:
    """Stock codes removed, then emphasis extracted: ``(text, emphasis spans, removals)``."""
    text, removals = remove_stock_codes(text)
    text, spans = extract_emphasis(text)
    return text, spans, removals
