"""Lines to blocks: headings, paragraphs, lists, tables and quotes.

Chinese web text puts one paragraph on each line, so every line that is not
part of something larger is a paragraph. Larger things:

* headings in the forms these texts use: ``第一章 …``, ``一、…``, ``(一)…``,
  ``1. …``, ``2.1 …``, ``维度一:…``, 引言/前言/结语/结论/全文总结 alone or
  followed by ":…", and Markdown ``#``. A numbered line is only a heading
  when it is short and does not end like a sentence (``1. 引爆“滞胀”危机:…。``
  is a numbered paragraph); and, inside a numbered structure, unnumbered
  sub-headings: a short topic line standing alone before its prose
  (``mark_subheadings``), one level below the section it is in;
* lists: ``-``/``*``/``•``/``·`` items, a bullet alone on its line joined to
  the next line; consecutive items (blank lines between them allowed) are
  one list;
* tables: Markdown tables, including the broken form where every cell sits
  on its own line (``reader.ingest.tables``);
* quotes: ``>`` lines.

Heading levels come from a fixed order of forms (第X章 above 一、 above (一)
above 1. above 1.1) compressed to the forms a document actually uses, so
levels are consistent within a document and start at 1. 维度X takes the
level below the heading it first appears under (or the top, when it comes
first), and closing words (结语, 结论) sit at the level of the section they
close.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from reader.ingest.raw import Line, RawBlock, RawSegment
from reader.ingest.sentences import CLOSERS
from reader.ingest.tables import is_table_line, parse_table

_CN_NUM = "一二三四五六七八九十百零〇两"
_MAX_HEADING = 50
_SENTENCE_END = tuple("。！？!?；;，,…")
# Lines looked at to decide whether a text is hard-wrapped.
_WRAP_SAMPLE = 5_000
_CLOSING_MARKS = tuple("。！？!?；;…”’」』）)")
_MAX_SUBHEADING = 30
_HAN = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_FINAL = tuple("。！？!?；;…")
_NOT_SUBHEADING_END = tuple("。！？!?；;，,、:：…—–-~～")

_MARKDOWN = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# "#", "## ##": a Markdown heading with no text, only markup.
_EMPTY_MARKDOWN = re.compile(r"^#{1,6}(?:\s+#*)?\s*$")
_PART = re.compile(rf"^第[{_CN_NUM}\d]+(?:部分|部|编|編|篇)(?:\s|[:：]|$)")
_CHAPTER = re.compile(rf"^第[{_CN_NUM}\d]+章(?:\s|[:：]|$)")
_SECTION = re.compile(rf"^第[{_CN_NUM}\d]+[节節](?:\s|[:：]|$)")
_CN_ORDINAL = re.compile(rf"^[{_CN_NUM}]+、")
_CN_PAREN = re.compile(rf"^[(（][{_CN_NUM}]+[)）]")
_DIGIT_DOTTED = re.compile(r"^\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\s+")
_DIGIT = re.compile(r"^\d{1,2}[.．、](?!\d)")
_DIGIT_PAREN = re.compile(r"^[(（]\d{1,2}[)）]")
_DIMENSION = re.compile(rf"^(?:维度|維度)[{_CN_NUM}\d]+\s*[:：]")
_CLOSING = "结语|結語|结论|結論|总结|總結|全文总结|全文總結|小结|小結|尾声|尾聲|后记|後記|结束语|結束語"
_OPENING = "引言|前言|序言|导言|導言|导论|導論|绪论|緒論|摘要|提要"
_SPECIAL = re.compile(rf"^(?:{_OPENING}|{_CLOSING})\s*(?:[:：].*)?$")
_WHOLE = re.compile(r"^全文(?:总结|總結)")
_OPENING_WORD = re.compile(rf"^(?:{_OPENING})")

_BULLET_ALONE = re.compile(r"^[-*•·●▪◆■○]$")
_BULLET = re.compile(r"^(?:[-*+]\s+|[•·●▪◆■○]\s*)(?=\S)")

# Tiers of the fixed heading order; smaller is higher.
_TIERS = {"part": 0.0, "chapter": 1.0, "section": 2.5, "ordinal": 2.0, "paren": 3.0, "digit": 4.0, "dotted": 5.0, "digit-paren": 6.0}


def heading_form(text: str) -> str | None:
    """The heading form of a stripped line (``"chapter"``, ``"ordinal"``...), or None for a non-heading."""
    markdown = _MARKDOWN.match(text)
    if markdown:
        return f"markdown{len(markdown.group(1))}"
    if len(text) > _MAX_HEADING or text.endswith(_SENTENCE_END):
        return None
    if _SPECIAL.match(text):
        if _WHOLE.match(text):
            return "whole"
        return "opening" if _OPENING_WORD.match(text) else "closing"
    for form, pattern in (
        ("part", _PART),
        ("chapter", _CHAPTER),
        ("section", _SECTION),
        ("dimension", _DIMENSION),
        ("ordinal", _CN_ORDINAL),
        ("paren", _CN_PAREN),
        ("dotted", _DIGIT_DOTTED),
        ("digit", _DIGIT),
        ("digit-paren", _DIGIT_PAREN),
    ):
        match = pattern.match(text)
        if match and text[match.end() :].strip():
            return form
    return None


def is_bare_section_word(text: str) -> bool:
    """前言, 结语 and the like standing alone: a heading that says nothing about the document."""
    return bool(_SPECIAL.match(text)) and ":" not in text and "：" not in text


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap_width(lines: list[Line], measure=len) -> int | None:
    """The width a hard-wrapped text was wrapped at (in ``measure`` units), or None when lines are paragraphs.

    A wrapped text has most of its long lines within a few columns of one
    width (the last line of each paragraph being shorter) and those lines
    mostly break mid-sentence; text with one paragraph per line has lengths
    all over the place.
    """
    texts = [text for text in (line.text.strip() for line in lines[:_WRAP_SAMPLE]) if len(text) >= 10]
    widths = [measure(text) for text in texts]
    if len(widths) < 8:
        return None
    for width, _ in sorted(Counter(widths).most_common(3), reverse=True):
        full = [text for text, value in zip(texts, widths) if width - max(3, width // 8) <= value <= width]
        # Wrapped lines break mid-sentence; equal-length whole sentences are not wrapping.
        mid_sentence = sum(1 for text in full if not text.endswith(_CLOSING_MARKS))
        if width >= 15 * measure("中") and len(full) >= 0.6 * len(widths) and mid_sentence >= 0.5 * len(full):
            return width
    return None


def unwrap(lines: list[Line]) -> list[Line]:
    """Join the lines of hard-wrapped paragraphs (a line filled to the wrap width continues on the next).

    Text may be wrapped at a number of characters or at a number of columns
    (Chinese characters two columns wide); both are tried.
    """
    for measure in (len, _display_width):
        width = wrap_width(lines, measure)
        if width is not None:
            break
    else:
        return lines
    tolerance = max(3, width // 8)  # punctuation and quotes of varying width
    joined: list[Line] = []
    for line in lines:
        text = line.text.strip()
        previous = joined[-1] if joined else None
        structural = heading_form(text) is not None or _starts_item(text) or text.startswith((">", "|"))
        if previous is not None and text and previous.text and previous.wrapped and not structural:
            previous.text = join_lines([previous.text, text])
            previous.wrapped = measure(text) >= width - tolerance
            continue
        joined.append(Line(line.number, text, measure(text) >= width - tolerance and not structural))
    return joined


def parse_blocks(lines: list[Line]) -> list[RawBlock]:
    """Blocks in reading order; heading levels assigned."""
    lines = unwrap(lines)
    blocks: list[RawBlock] = []
    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        text = line.text.strip()
        if not text or _EMPTY_MARKDOWN.match(text):
            index += 1
            continue
        # Tables: a row opener ("|" or "| a | b |") starts a run of table lines.
        if text == "|" or (text.startswith("|") and text.endswith("|") and len(text) > 1):
            end = index
            while end < count and lines[end].text.strip() and is_table_line(lines[end].text.strip()):
                end += 1
            table = parse_table(lines[index:end])
            if table is not None:
                blocks.append(table)
                index = end
                continue
        if text.startswith(">"):
            quoted: list[str] = []
            first = line.number
            while index < count and lines[index].text.strip().startswith(">"):
                quoted.append(lines[index].text.strip()[1:].strip())
                index += 1
            blocks.append(RawBlock("quote", segments=[RawSegment(join_lines(quoted), first)]))
            continue
        if _BULLET_ALONE.match(text) or _BULLET.match(text):
            items: list[RawSegment] = []
            while index < count:
                text = lines[index].text.strip()
                if not text:
                    # Blank lines between items do not end the list.
                    following = index + 1
                    while following < count and not lines[following].text.strip():
                        following += 1
                    if following < count and _starts_item(lines[following].text.strip()):
                        index = following
                        continue
                    break
                if _BULLET_ALONE.match(text):
                    following = index + 1
                    while following < count and not lines[following].text.strip():
                        following += 1
                    if following >= count or _starts_item(lines[following].text.strip()):
                        index = following  # an empty bullet: nothing to keep
                        continue
                    items.append(RawSegment(lines[following].text.strip(), lines[following].number))
                    index = following + 1
                elif _BULLET.match(text):
                    items.append(RawSegment(_BULLET.sub("", text, count=1).strip(), lines[index].number))
                    index += 1
                else:
                    break
            if items:
                blocks.append(RawBlock("list", segments=items))
            continue
        form = heading_form(text)
        if form is not None:
            markdown = _MARKDOWN.match(text)
            heading = markdown.group(2) if markdown else text
            blocks.append(RawBlock("heading", segments=[RawSegment(heading, line.number)], form=form))
        else:
            blocks.append(RawBlock("paragraph", segments=[RawSegment(text, line.number)]))
        index += 1
    mark_subheadings(blocks)
    assign_levels(blocks)
    return blocks


def _is_subheading_text(text: str) -> bool:
    """Short, with Chinese in it, and not ending like a sentence, a clause or a lead-in (——, :)."""
    if len(text) > _MAX_SUBHEADING or not _HAN.search(text):
        return False
    bare = text.rstrip(CLOSERS)
    return bool(bare) and not bare.endswith(_NOT_SUBHEADING_END)


def _ends_a_sentence(block: RawBlock) -> bool:
    text = (block.rows[-1][-1] if block.kind == "table" and block.rows else block.segments[-1]).text
    return block.kind == "heading" or text.rstrip(CLOSERS).endswith(_SENTENCE_FINAL)


def mark_subheadings(blocks: list[RawBlock]) -> None:
    """Turn unnumbered sub-headings inside a numbered structure into headings (form ``"unnumbered"``).

    Reports such as ``一、竞争核心维度…`` go on with short topic lines
    (``传统石油竞争升级``) each followed by its prose. Such a line counts as a
    heading only when a heading came before it, it stands alone (the blocks
    on both sides are not such short lines: a run of short lines is a poem,
    an address or a list), the block before it ends a sentence (so it does
    not continue one), and a paragraph or list follows it.
    """
    seen_heading = False
    short = [block.kind == "paragraph" and len(block.segments) == 1 and _is_subheading_text(block.segments[0].text) for block in blocks]
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            seen_heading = True
            continue
        if not (seen_heading and short[index]) or index + 1 >= len(blocks):
            continue
        previous, following = blocks[index - 1], blocks[index + 1]
        if short[index - 1] or short[index + 1] or following.kind not in ("paragraph", "list"):
            continue
        if _ends_a_sentence(previous):
            block.kind, block.form = "heading", "unnumbered"


def _starts_item(text: str) -> bool:
    return bool(_BULLET_ALONE.match(text) or _BULLET.match(text))


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space between Chinese characters, one space between Latin words."""
    joined = ""
    for line in lines:
        if not line:
            continue
        if joined and joined[-1].isascii() and line[0].isascii() and joined[-1].isalnum():
            joined += " "
        joined += line
    return joined


def assign_levels(blocks: list[RawBlock]) -> None:
    """Set ``level`` on heading blocks (see the module docstring)."""
    headings = [block for block in blocks if block.kind == "heading" and block.form != "unnumbered"]
    if not headings:
        return
    tiers: list[float] = []
    dimension_tier: float | None = None
    last_numbered: float | None = None  # tier of the latest numbered heading
    last_section: float | None = None  # tier of the latest heading at 一、 level or above
    for block in headings:
        form = block.form
        if form.startswith("markdown"):
            tier = float(form.removeprefix("markdown")) - 1.0
        elif form == "dimension":
            if dimension_tier is None:
                dimension_tier = 1.5 if last_numbered is None else _next_tier(last_numbered)
            tier = dimension_tier
        elif form in ("opening", "closing", "whole"):
            tier = -1.0  # resolved below, once the top tier is known
            if form == "closing" and last_section is not None:
                tier = last_section
        else:
            tier = _TIERS[form]
        if tier >= 0:
            last_numbered = tier if form not in ("opening", "closing", "whole") else last_numbered
            if tier <= _TIERS["ordinal"]:
                last_section = tier
        tiers.append(tier)
    used = sorted({tier for tier in tiers if tier >= 0})
    top = used[0] if used else 0.0
    ranks = {tier: rank + 1 for rank, tier in enumerate(used or [0.0])}
    for block, tier in zip(headings, tiers):
        block.level = ranks[top if tier < 0 else tier]
    # An unnumbered sub-heading sits one level below the numbered heading it follows.
    parent = 0
    for block in blocks:
        if block.kind != "heading":
            continue
        if block.form == "unnumbered":
            block.level = min(parent + 1, 6)
        else:
            parent = block.level


def _next_tier(tier: float) -> float:
    """The tier of a child of ``tier`` in the main sequence (第X章 -> 一、 -> (一) -> 1.)."""
    return float(int(tier) + 1)
