"""Edition -> view models the templates render. No HTML here, only data.

Everything is computed in a fixed order (documents as the edition lists
them, terms by pinyin, dictionaries sorted when serialised) so that the same
edition always renders to the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import cache, partial

from markdown_it import MarkdownIt
from markupsafe import Markup

from reader.edition import DocumentEdition, Edition, EngineInfo
from reader.glossary.model import Term
from reader.qa import QAReport, qa_report
from reader.script import convert as convert_script
from reader.site.dictionary import gloss_entries
from reader.site.pinyin import search_form, sort_key, strip_tones
from reader.site.text import EnToken, SentenceTokens, ZhToken, sentence_tokens


@dataclass
class SentenceView:
    id: str
    zh: list[ZhToken]
    en: list[EnToken]
    has_english: bool
    origin: str
    missing: list[tuple[str, str]]  # flagged: (headword, approved English) not found in the English


@dataclass
class BlockView:
    kind: str
    index: int
    level: int
    segments: list[list[SentenceView]]  # heading, paragraph, quote: one; list: one per item
    rows: list[list[list[SentenceView]]]  # table: rows of cells


@dataclass
class Occurrence:
    document: "DocumentView"
    sentence_id: str
    lang: str
    zh: tuple[str, str, str]  # before, the term, after
    en: tuple[str, str, str]  # before, the rendering, after ("", "", english) when not located
    outcome: str


@dataclass
class TermView:
    term: Term
    slug: str
    domain_label: str
    note_html: Markup
    traditional: str
    toneless: str
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def shows_traditional(self) -> bool:
        return self.traditional != self.term.zh

    @property
    def documents(self) -> int:
        return len({o.document.slug for o in self.occurrences})


@dataclass
class DocumentView:
    slug: str
    edition: DocumentEdition
    title_alt: str
    alt_lang: str
    characters: int
    coverage: dict[str, int]
    blocks: list[BlockView] = field(default_factory=list)
    # Popup data, one entry per distinct word; tokens carry its index (data-w="12"), not the word again.
    words: list[dict] = field(default_factory=list)
    word_ids: dict[str, int] = field(default_factory=dict)  # ZhToken.key -> index into words
    terms: list[TermView] = field(default_factory=list)  # terms occurring here, glossary order
    occurrences: int = 0
    search_rows: list[list] = field(default_factory=list)

    @property
    def document(self):
        return self.edition.document


@dataclass
class SiteView:
    title: str
    engine: EngineInfo
    documents: list[DocumentView]
    terms: list[TermView]
    domains: list[tuple[str, str]]  # (id, label) of domains that have terms
    qa: QAReport
    qa_links: dict[str, str]  # "<doc id>#<sentence id>" -> href from the site root

    @property
    def by_id(self) -> dict[str, DocumentView]:
        return {d.document.id: d for d in self.documents}


def term_slug(zh: str, pinyin: str) -> str:
    """File-name-safe and stable: ASCII pinyin plus a short hash of the headword."""
    ascii_pinyin = re.sub(r"[^a-z0-9]+", "-", search_form(pinyin)).strip("-")[:40]
    digest = hashlib.sha1(zh.encode("utf-8")).hexdigest()[:6]
    return f"{ascii_pinyin}-{digest}" if ascii_pinyin else f"term-{digest}"


def document_slug(document_id: str, taken: set[str]) -> str:
    slug = document_id if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,80}", document_id) else ""
    if not slug or slug.lower() in taken:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", document_id).strip("-_")[:40] or "doc"
        slug = f"{stem}-{hashlib.sha1(document_id.encode('utf-8')).hexdigest()[:8]}"
    taken.add(slug.lower())
    return slug


@cache
def _markdown() -> MarkdownIt:
    # No raw HTML and no images: a note can never inject markup or make the page fetch anything.
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def render_note(note: str) -> Markup:
    # markdown-it escapes every character of the source it does not turn into markup.
    return Markup(_markdown().render(note)) if note.strip() else Markup("")


def site_view(edition: Edition) -> SiteView:
    glossary = edition.glossary
    terms: dict[str, TermView] = {}
    for term in glossary:
        slug = term_slug(term.zh, term.pinyin)
        traditional = "、".join(term.traditional) or convert_script(term.zh, "s2twp")
        label = glossary.domains.get(term.domain, term.domain)
        terms[term.zh] = TermView(term, slug, label, render_note(term.note), traditional, strip_tones(term.pinyin))

    def term_info(zh: str) -> tuple[str, bool] | None:
        view = terms.get(zh)
        return (view.slug, view.term.is_checked) if view else None


    taken: set[str] = set()
    documents = [_document_view(d, document_slug(d.document.id, taken), term_info, terms) for d in edition.documents]
    # Occurrences were collected walking documents and sentences in reading order: no sort needed.
    ordered = sorted(terms.values(), key=lambda v: sort_key(v.term.pinyin, v.term.zh))
    used_domains = sorted({v.term.domain for v in ordered})
    domains = [(d, glossary.domains.get(d, d)) for d in used_domains]
    qa_links = {
        f"{d.document.id}#{s.id}": f"doc/{d.slug}.html#{s.id}" for d in documents for s in d.document.sentences()
    }
    return SiteView(edition.title, edition.engine, documents, ordered, domains, qa_report(edition), qa_links)


def _document_view(edition: DocumentEdition, slug: str, term_info, terms: dict[str, TermView]) -> DocumentView:
    document = edition.document
    to_alt = "s2twp" if document.script == "simplified" else "tw2sp"
    convert = partial(convert_script, config=to_alt)
    view = DocumentView(
        slug=slug,
        edition=edition,
        title_alt=_differs(convert(document.title), document.title),
        alt_lang="zh-Hant" if document.script == "simplified" else "zh-Hans",
        characters=sum(1 for c in document.text if not c.isspace()),
        coverage=edition.coverage(),
    )
    used: dict[str, TermView] = {}
    for block in document.blocks:
        def segment_view(segment):
            strong = [(e.start - segment.start, e.end - segment.start) for e in segment.emphasis]
            return [_sentence_view(view, s, segment.start, strong, term_info, convert, terms, used) for s in segment.sentences]

        if block.kind == "table":
            rows = [[segment_view(cell) for cell in row] for row in block.rows]
            view.blocks.append(BlockView(block.kind, block.index, block.level, [], rows))
        else:
            view.blocks.append(BlockView(block.kind, block.index, block.level, [segment_view(s) for s in block.segments], []))
    view.terms = [terms[zh] for zh in terms if zh in used]
    return view


def _differs(alt: str, text: str) -> str:
    return "" if alt == text else alt


def _sentence_view(view, sentence, segment_start, strong, term_info, convert, terms, used) -> SentenceView:
    edition = view.edition
    translation = edition.translations.get(sentence.id)
    english = translation.english if translation else ""
    checks = translation.terms if translation else ()
    offset = sentence.start - segment_start
    local_strong = [(a - offset, b - offset) for a, b in strong if b > offset and a < offset + len(sentence.text)]
    matches = edition.terms.get(sentence.id, [])
    tokens: SentenceTokens = sentence_tokens(
        sentence, edition.words.get(sentence.id, []), matches, term_info, convert, local_strong, english, checks
    )
    for key, (text, normal, pinyin) in tokens.words.items():
        if key not in view.word_ids:
            view.word_ids[key] = len(view.words)
            view.words.append(word_entry(text, normal, pinyin))
    zh = [replace(t, key=str(view.word_ids[t.key])) if t.key else t for t in tokens.zh]
    seen: dict[str, int] = {}
    for match in matches:
        term = terms.get(match.zh)
        if term is None:
            continue
        used[match.zh] = True
        view.occurrences += 1
        n = seen.get(match.zh, 0)
        seen[match.zh] = n + 1
        term.occurrences.append(_occurrence(view, sentence, match, english, checks, n))
    missing = [(c.zh, c.english) for c in checks if c.outcome == "flagged"]
    view.search_rows.append([sentence.id, sentence.text, sentence.normal, english, " ".join(tokens.syllables)])
    return SentenceView(sentence.id, zh, tokens.en, bool(english.strip()), translation.origin if translation else "", missing)


def word_entry(text: str, normal: str, pinyin: tuple[str, ...]) -> dict:
    """Popup data for one word: {"t": text, "p": pinyin, "e": [{"g": senses, "h"?, "p"?}]}.

    A dictionary entry names its headword and reading only where they differ
    from the word's own (a character of an unlisted word, a simplified
    headword for a traditional text): most entries are just their senses.
    """
    joined = " ".join(pinyin)
    entries = []
    for entry in gloss_entries(text, normal, pinyin):
        compact = {"g": entry["g"]}
        if entry["h"] != text:
            compact["h"] = entry["h"]
        if entry["p"] != joined:
            compact["p"] = entry["p"]
        entries.append(compact)
    return {"t": text, "p": joined, "e": entries}


def _occurrence(view, sentence, match, english, checks, n) -> Occurrence:
    text = sentence.text
    zh = (text[: match.start], text[match.start : match.end], text[match.end :])
    same = [c for c in checks if c.zh == match.zh]
    check = same[n] if n < len(same) else None
    en = ("", "", english)
    if check and check.english_start is not None and check.english_end is not None:
        en = (english[: check.english_start], english[check.english_start : check.english_end], english[check.english_end :])
    outcome = check.outcome if check else ("untranslated" if not english.strip() else "")
    return Occurrence(view, sentence.id, view.document.lang, zh, en, outcome)
