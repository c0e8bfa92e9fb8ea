"""Markdown notes: what counts as malformed, and terminal rendering."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from reader.glossary.notes import note_markup, note_problems


@pytest.mark.parametrize(
    "note",
    ["", "Plain text.", "**Bold**, _italic_, `code` and [BIS](https://www.bis.org).", "5 * 3 is fine",
     "snake_case_word", r"an escaped \* star", "```\ncode\n```", "- one\n- two\n\n1. first", "> quoted"],
)
def test_well_formed_notes(note):
    assert note_problems(note) == []


@pytest.mark.parametrize(
    "note, expected",
    [
        ("an *unclosed emphasis", "never matched"),
        ("**half bold", "never matched"),
        ("_lonely underscore", "never matched"),
        ("use `code", "backtick"),
        ("see [BIS](https://www.bis.org", "link is not closed"),
        ("[x](javascript:alert(1))", "address is not allowed"),
        ("```\nnever closed", "never closed"),
        ("<div>\nhtml\n</div>", "raw HTML"),
        ("inline <b>html</b>", "raw HTML"),
    ],
)
def test_malformed_notes(note, expected):
    problems = note_problems(note)
    assert problems and any(expected in p for p in problems), problems


def test_terminal_rendering_keeps_styles_and_link_targets():
    markup = note_markup("**Bold** and *it* [BIS](https://www.bis.org) `x[1]`\n\n- a\n- b")
    text = Text.from_markup(markup)
    plain = text.plain
    assert plain.startswith("Bold and it BIS (https://www.bis.org) x[1]")
    assert "• a\n• b" in plain
    styles = {str(span.style) for span in text.spans}
    assert "bold" in styles and "italic" in styles and "cyan" in styles
    console = Console(width=80, record=True)
    console.print(text)
    assert "BIS" in console.export_text()
