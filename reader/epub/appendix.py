"""The glossary appendix: one entry per term that occurs in the book, with links back.

Entries are ordered by toneless pinyin, as in printed glossaries. Each lists
its occurrences chapter by chapter, every one a link back to the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from markdown_it import MarkdownIt
from markupsafe import Markup

from reader.edition import Edition
from reader.epub.chapters import ChapterView, TermLink
from reader.epub.identifiers import pinyin_sort_key, xml_safe
from reader.glossary.model import Term

FILE_NAME = "glossary.xhtml"


@dataclass(frozen=True)
class Occurrences:
    chapter: ChapterView
    hrefs: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    id: str
    term: Term
    traditional: tuple[str, ...]  # forms that differ from the headword
    domain: str
    note: Markup | None  # the note as XHTML, or None to show ``term.note`` as plain text
    occurrences: tuple[Occurrences, ...]

    @property
    def count(self) -> int:
        return sum(len(o.hrefs) for o in self.occurrences)


def used_terms(edition: Edition) -> list[Term]:
    """Glossary terms matched anywhere in the edition, in pinyin order."""
    seen: set[str] = set()
    for doc in edition.documents:
        for matches in doc.terms.values():
            seen.update(match.zh for match in matches)
    terms = [term for zh in seen if (term := edition.glossary.get(zh)) is not None]
    return sorted(terms, key=lambda term: pinyin_sort_key(term.pinyin, term.zh))


def term_links(terms: list[Term]) -> dict[str, TermLink]:
    return {term.zh: TermLink(f"{FILE_NAME}#t-{n:03d}", term.english) for n, term in enumerate(terms, 1)}


def build_entries(edition: Edition, terms: list[Term], chapters: list[ChapterView]) -> list[Entry]:
    entries = []
    for n, term in enumerate(terms, 1):
        occurrences = []
        for chapter in chapters:
            hrefs = tuple(dict.fromkeys(f"{chapter.file_name}#{a}" for zh, a in chapter.occurrences if zh == term.zh))
            if hrefs:
                occurrences.append(Occurrences(chapter, hrefs))
        if not occurrences:
            continue  # only terms the reader can meet in the text get an entry
        entries.append(Entry(
            id=f"t-{n:03d}",
            term=term,
            traditional=tuple(t for t in term.traditional if t != term.zh),
            domain=edition.glossary.domains.get(term.domain, term.domain),
            note=render_note(term.note),
            occurrences=tuple(occurrences),
        ))
    return entries


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Raw HTML in a note is shown as text; images would be remote resources,
    # which an EPUB may not use; links may only leave the book for the web.
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": True}).disable("image")
    md.validateLink = lambda url: url.strip().lower().startswith(("http://", "https://", "mailto:"))
    return md


def render_note(note: str) -> Markup | None:
    """A term's Markdown note as XHTML; None when it would not be well-formed XML."""
    html = xml_safe(_markdown().render(note))
    try:
        etree.fromstring(f'<div xmlns="http://www.w3.org/1999/xhtml">{html}</div>'.encode("utf-8"))
    except etree.XMLSyntaxError:
        return None
    return Markup(html)
