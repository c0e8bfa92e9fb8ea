"""The glossary appendix: one entry per term that occurs in the book, with links back.

Entries are ordered by toneless pinyin, as in printed glossaries, and split
into one file per initial letter: a corpus uses hundreds of terms, and one
half-megabyte file turns pages slowly on e-ink readers. Each entry lists its
occurrences chapter by chapter, every one a link back to the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

from reader.edition import Edition
from reader.epub.chapters import ChapterView, TermLink
from reader.epub.identifiers import has_han, pinyin_sort_key, script_runs, xml_safe
from reader.glossary.model import Term

NOTE_ZH_LANG = "zh-Hans"  # glossary headwords are simplified, and so is the Chinese their notes quote


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


@dataclass(frozen=True)
class Page:
    letter: str  # "A".."Z", or "#" for headwords that sort before the letters
    file_name: str
    entries: tuple[Entry, ...]


def letter_of(term: Term) -> str:
    first = pinyin_sort_key(term.pinyin, term.zh)[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


def page_file(letter: str) -> str:
    return "glossary-0.xhtml" if letter == "#" else f"glossary-{letter.lower()}.xhtml"


def term_links(terms: list[Term]) -> dict[str, TermLink]:
    return {
        term.zh: TermLink(f"{page_file(letter_of(term))}#t-{n:03d}", term.english) for n, term in enumerate(terms, 1)
    }


def paginate(entries: list[Entry]) -> list[Page]:
    pages: dict[str, list[Entry]] = {}
    for entry in entries:
        pages.setdefault(letter_of(entry.term), []).append(entry)
    return [Page(letter, page_file(letter), tuple(group)) for letter, group in pages.items()]


def build_entries(edition: Edition, terms: list[Term], chapters: list[ChapterView]) -> list[Entry]:
    entries = []
    for n, term in enumerate(terms, 1):
        occurrences = []
        for chapter in chapters:
            hrefs = tuple(dict.fromkeys(chapter.href(a) for zh, a in chapter.occurrences if zh == term.zh))
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
    md.core.ruler.push("label_chinese", _label_chinese)
    return md


def _label_chinese(state: StateCore) -> None:
    """Wrap each Chinese run of a note ("Short for 上海合作组织") in ``<span lang="zh-Hans">``.

    Notes are English prose; without the label a reading system reads the
    Chinese with English fonts and an English voice. The spans are inserted as
    inline tokens after parsing, so the note's own text is still escaped.
    """
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = []
        for token in block.children:
            if token.type != "text" or not has_han(token.content):
                children.append(token)
                continue
            for run, lang in script_runs(token.content, NOTE_ZH_LANG):
                if lang == "en":
                    children.append(Token("text", "", 0, content=run))
                else:
                    children += [Token("html_inline", "", 0, content=f'<span lang="{lang}">'),
                                 Token("text", "", 0, content=run), Token("html_inline", "", 0, content="</span>")]
        block.children = children


def render_note(note: str) -> Markup | None:
    """A term's Markdown note as XHTML; None when it would not be well-formed XML."""
    html = xml_safe(_markdown().render(note))
    try:
        etree.fromstring(f'<div xmlns="http://www.w3.org/1999/xhtml">{html}</div>'.encode("utf-8"))
    except etree.XMLSyntaxError:
        return None
    return Markup(html)
