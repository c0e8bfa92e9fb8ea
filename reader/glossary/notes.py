"""Markdown notes on glossary terms: checking them and rendering them for a terminal.

A note is CommonMark as markdown-it-py reads it. It is *malformed* when the
writer evidently meant markup that did not come out:

- a fenced code block that is never closed (it would swallow the rest),
- raw HTML (notes are rendered into the site, the EPUB and the terminal;
  HTML would only work in one of them, so it is not allowed),
- an emphasis or strong marker (``*``, ``**``, ``_``) left unmatched,
- a backtick left unmatched (a code span that never closes),
- a link whose ``](`` is left in the text (``[BIS](https://bis.org`` without
  its closing parenthesis) or whose address markdown-it refuses.

A literal ``*`` between spaces (``5 * 3``), an underscore inside a word
(``snake_case``) and escaped characters (``\\*``) are fine.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DELIMITER = re.compile(r"\*+|_+")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # Without text_join, escaped characters stay separate tokens and never look unmatched.
    return MarkdownIt("commonmark").disable("text_join")


def note_problems(note: str) -> list[str]:
    """Sentences describing what is malformed in a Markdown note (empty when fine)."""
    if not note.strip():
        return []
    problems: list[str] = []
    lines = note.splitlines()
    for token in _parser().parse(note):
        if token.type == "fence" and token.map:
            start, end = token.map
            closing = lines[end - 1].strip() if end - 1 > start and end - 1 < len(lines) else ""
            fence_char = token.markup[:1]
            if not (closing.startswith(token.markup) and set(closing) == {fence_char}):
                problems.append(f"note: code fence opened on note line {start + 1} is never closed")
        elif token.type == "html_block":
            problems.append("note: raw HTML is not allowed in notes; use Markdown")
        elif token.type == "inline":
            problems.extend(_inline_problems(token.children or []))
    return list(dict.fromkeys(problems))


def _inline_problems(children) -> list[str]:
    problems = []
    for child in children:
        if child.type == "html_inline":
            problems.append(f"note: raw HTML {child.content!r} is not allowed in notes; use Markdown")
        elif child.type == "text":
            text = child.content
            if "`" in text:
                problems.append("note: a backtick (`) is never closed")
            if "](" in text:
                problems.append("note: a link is not closed or its address is not allowed: " + _around(text, "]("))
            for match in _DELIMITER.finditer(text):
                before = text[match.start() - 1] if match.start() else " "
                after = text[match.end()] if match.end() < len(text) else " "
                left, right = not after.isspace(), not before.isspace()
                if match.group()[0] == "*":
                    unmatched = left or right
                else:  # an underscore inside a word is just an underscore
                    unmatched = (left and not before.isalnum()) or (right and not after.isalnum())
                if unmatched:
                    problems.append(f"note: {match.group()!r} opens or closes emphasis that is never matched: "
                                    + _around(text, match.group(), match.start()))
    return problems


def _around(text: str, needle: str, at: int | None = None) -> str:
    at = text.find(needle) if at is None else at
    snippet = text[max(0, at - 15): at + len(needle) + 15].strip()
    return f"…{snippet}…"


def note_markup(note: str) -> str:
    """The note as rich console markup (bold, italics, code, links, lists), for terminal display."""
    from rich.markup import escape

    if not note.strip():
        return ""
    out: list[str] = []
    lists: list[list[int]] = []  # one counter per open list; -1 for bullets
    quote = 0
    for token in _parser().parse(note):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append([int(token.attrs.get("start", 1)) if kind == "ordered_list_open" else -1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            out.append("\n")
        elif kind == "list_item_open":
            counter = lists[-1]
            indent = "  " * (len(lists) - 1)
            if counter[0] < 0:
                out.append(f"{indent}• ")
            else:
                out.append(f"{indent}{counter[0]}. ")
                counter[0] += 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            out.append("[bold underline]")
        elif kind == "heading_close":
            out.append("[/bold underline]\n\n")
        elif kind == "paragraph_close":
            out.append("\n" if lists else "\n\n")
        elif kind in ("fence", "code_block"):
            body = "\n".join("    " + line for line in token.content.rstrip("\n").split("\n"))
            out.append(f"[cyan]{escape(body)}[/cyan]\n\n")
        elif kind == "hr":
            out.append("───\n\n")
        elif kind == "inline":
            text = _inline_markup(token.children or [], escape)
            out.append(f"[dim]│[/dim] {text}" if quote else text)
    return "".join(out).strip()


# Inline tokens that become fixed text or rich markup tags.
_INLINE_MARKUP = {"softbreak": " ", "hardbreak": "\n", "strong_open": "[bold]", "strong_close": "[/bold]",
                  "em_open": "[italic]", "em_close": "[/italic]"}


def _inline_markup(children, escape) -> str:
    out = []
    link_href: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "text_special"):
            out.append(escape(child.content))
        elif kind in _INLINE_MARKUP:
            out.append(_INLINE_MARKUP[kind])
        elif kind == "code_inline":
            out.append(f"[cyan]{escape(child.content)}[/cyan]")
        elif kind == "link_open":
            href = child.attrs.get("href", "")
            link_href.append(str(href))
            out.append(f"[underline link={escape(str(href))}]")
        elif kind == "link_close":
            href = link_href.pop() if link_href else ""
            out.append(f"[/] ({escape(href)})" if href else "[/]")
        elif kind == "image":
            out.append(escape(f"[image: {child.content}]"))
    return "".join(out)
