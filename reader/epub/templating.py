"""The Jinja environment for the book's XHTML, XML and SVG files.

Autoescape is on for every template (they are all XML), and every value is
passed through ``xml_safe`` first, so source text containing ``<script>``,
``&``, ``{{ }}`` or stray control characters comes out as literal, well-formed
text.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from reader.epub.identifiers import script_runs, xml_safe

PACKAGE = "reader.epub"


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return Markup(xml_safe(str(value)))
    if isinstance(value, str):
        return xml_safe(value)
    return value


@lru_cache(maxsize=1)
def environment() -> Environment:
    templates = resources.files(PACKAGE) / "templates"
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # ``text|script_runs(lang)``: English prose that quotes Chinese (a source
    # named in Chinese) as (text, lang) runs, so each run can carry its language.
    env.filters["script_runs"] = script_runs
    return env


def render(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)


def macros(name: str) -> Any:
    """The macros of template ``name``, callable from Python (each returns markup)."""
    return environment().get_template(name).module


def static_bytes(name: str) -> bytes:
    return (resources.files(PACKAGE) / "static" / name).read_bytes()
