"""The glossary: hand-checked domain terms, matching them in text, and looking them up.

Public API::

    load_glossary(directory) -> Glossary        # strict: InputError on any error
    read_glossary(directory) -> (Glossary, [Problem])
    validate(directory) -> [Problem]
    TermMatcher(glossary).match(sentence) -> [TermMatch]
    lexicon(glossary) -> {word: pinyin}
    lookup(project, query) -> LookupResult      # from the compiled index
    suggest(project, limit=None, write=True) -> SuggestReport
    export_glossary(glossary, fmt) -> str
    import_glossary(path, directory, fmt=None, into="imported.toml", domain=None) -> dict

Names are imported lazily (PEP 562) so that ``reader glossary lookup`` can
import ``reader.glossary.lookup`` without paying for opencc, pyahocorasick,
markdown-it or jieba.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from reader.glossary.model import Evidence, Glossary, Problem, Term, TermMatch

_LAZY = {
    "load_glossary": "reader.glossary.load",
    "read_glossary": "reader.glossary.load",
    "validate": "reader.glossary.load",
    "TermMatcher": "reader.glossary.match",
    "lexicon": "reader.glossary.match",
    "lookup": "reader.glossary.lookup",
    "LookupResult": "reader.glossary.lookup",
    "suggest": "reader.glossary.suggest",
    "export_glossary": "reader.glossary.exchange",
    "import_glossary": "reader.glossary.exchange",
}

__all__ = ["Evidence", "Glossary", "Problem", "Term", "TermMatch", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover
    from reader.glossary.exchange import export_glossary, import_glossary
    from reader.glossary.load import load_glossary, read_glossary, validate
    from reader.glossary.lookup import LookupResult, lookup
    from reader.glossary.match import TermMatcher, lexicon
    from reader.glossary.suggest import suggest


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reader.glossary' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
