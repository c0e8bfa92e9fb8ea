"""Assemble the EPUB 3 package: content documents, navigation (nav + NCX), OPF, zip.

The package is written from templates and ``zipfile`` rather than through
ebooklib's writer: ebooklib re-parses content documents with an HTML parser
(losing ``lang`` on ``body``), stamps the current time into the OPF and into
every zip entry, and by default swallows write errors. Here every file is
checked for well-formedness before anything is written, entries carry a fixed
timestamp, and identical input gives identical bytes.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree

from reader import __version__
from reader.edition import Edition
from reader.epub import appendix
from reader.epub.chapters import LAYOUTS, ChapterView, NavEntry, Options, Part, block_anchors, build_chapter
from reader.epub.cover import cover_lines, title_lines
from reader.epub.identifiers import FALLBACK_MODIFIED, book_identifier, chinese_languages, content_digest, modified_time
from reader.epub.templating import macros, render, static_bytes
from reader.errors import InputError
from reader.fsutil import write_bytes_atomic
from reader.project import Project
from reader.qa import qa_report

CONTENT_DIR = "OEBPS"
# Older Adobe RMSDK readers (many e-ink devices) cannot open a content document
# much over 300 KB; longer chapters are split into parts below this size.
PART_BYTES = 260_000
_SLUG = re.compile(r"\w[\w.-]*")
LAYOUT_NAMES = {
    "interleaved": "Chinese and English interleaved, paragraph by paragraph",
    "zh": "Chinese with pinyin",
    "en": "English only",
}


@dataclass(frozen=True)
class ManifestItem:
    id: str
    href: str
    media_type: str
    properties: str = ""
    in_spine: bool = False
    linear: bool = True


@dataclass
class EpubBook:
    """A rendered book: file names (inside the zip) to bytes, in package order."""

    identifier: str
    modified: datetime
    layout: str
    pinyin: bool
    files: dict[str, bytes] = field(default_factory=dict)
    summary: dict = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        stamp = max(self.modified, datetime(1980, 1, 2, tzinfo=self.modified.tzinfo)).timetuple()[:6]
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in self.files.items():
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.external_attr = 0o644 << 16
                # The mimetype entry must come first and be stored uncompressed (OCF 3.0).
                info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=9)
        return buffer.getvalue()

    def write(self, path: str | Path) -> Path:
        """Write the book atomically: a reader of ``path`` sees the old file or the whole new one."""
        path = Path(path)
        data = self.to_bytes()
        try:
            write_bytes_atomic(path, data)
        except OSError as exc:
            raise InputError(f"cannot write the EPUB here: {exc.strerror or exc}", path=path) from None
        return path


def output_path(project: Project, edition: Edition) -> Path:
    """``builds/<slug>.epub``; the slug comes from reader.toml and must be a plain file name."""
    if not _SLUG.fullmatch(edition.slug):
        raise InputError(
            f"the edition slug {edition.slug!r} cannot be used as a file name; "
            "set [edition] slug to letters, digits, '-', '_' or '.'",
            path=project.root / "reader.toml",
        )
    return project.builds_dir / f"{edition.slug}.epub"


def build_epub(
    edition: Edition, *, layout: str = "interleaved", pinyin: bool = False, modified: datetime | None = None
) -> EpubBook:
    if layout not in LAYOUTS:
        raise InputError(f"unknown EPUB layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if not edition.documents:
        raise InputError(
            "the edition has no documents, so there is no EPUB to write; add .txt or .md files to texts/ and run again"
        )
    if not edition.title.strip():
        edition = dataclasses.replace(edition, title="Untitled edition")
    options = Options(layout, pinyin)
    zh_langs = chinese_languages(edition)
    languages = zh_langs + ["en"] if layout != "en" else ["en"] + zh_langs
    digest = content_digest(edition, layout=layout, pinyin=options.ruby)
    book = EpubBook(book_identifier(digest), modified or modified_time(edition), layout, pinyin)

    terms = appendix.used_terms(edition)
    links = appendix.term_links(terms)
    chapters = [build_chapter(n, doc, edition.glossary, links, options) for n, doc in enumerate(edition.documents, 1)]
    report = qa_report(edition)
    show_notice = edition.engine.is_gloss and options.show_en
    common = {
        "edition": edition,
        "options": options,
        "layout_name": LAYOUT_NAMES[layout],
        "primary_lang": languages[0],
        "zh_lang": zh_langs[0],
        "title_runs": title_lines(edition.title, zh_langs[0]),
        "show_notice": show_notice,
        "css": "styles/epub.css",
    }

    items: list[ManifestItem] = [
        ManifestItem("css", "styles/epub.css", "text/css"),
        ManifestItem("cover-image", "images/cover.svg", "image/svg+xml", "cover-image"),
        ManifestItem("cover", "cover.xhtml", "application/xhtml+xml", in_spine=True),
        ManifestItem("titlepage", "title.xhtml", "application/xhtml+xml", in_spine=True),
        ManifestItem("nav", "nav.xhtml", "application/xhtml+xml", "nav", in_spine=True),
    ]
    # Render chapters first: a long one is split into parts, and the glossary links back into those parts.
    rendered = [(chapter, _render_chapter(chapter, common)) for chapter in chapters]
    entries = appendix.build_entries(edition, terms, chapters)
    pages = appendix.paginate(entries)
    content: dict[str, str | bytes] = {
        "styles/epub.css": static_bytes("epub.css"),
        "images/cover.svg": render("cover.svg", lines=cover_lines(edition.title, zh_langs[0]), **common),
        "cover.xhtml": render("cover.xhtml", **common),
        "title.xhtml": render(
            "title.xhtml", report=report, chapters=chapters, entries=entries,
            inputs_dated=None if book.modified == FALLBACK_MODIFIED else book.modified,
            version=__version__, **common,
        ),
    }
    for chapter, parts in rendered:
        for part, xhtml in parts:
            items.append(ManifestItem(part.file_name.removesuffix(".xhtml"), part.file_name, "application/xhtml+xml",
                                      in_spine=True))
            content[part.file_name] = xhtml
    for page in pages:
        items.append(ManifestItem(page.file_name.removesuffix(".xhtml"), page.file_name, "application/xhtml+xml",
                                  in_spine=True))
        content[page.file_name] = render("glossary.xhtml", page=page, pages=pages, **common)
    items.append(ManifestItem("ncx", "toc.ncx", "application/x-dtbncx+xml"))

    toc = _toc(chapters, pages, layout)
    _number(toc, 1)
    content["nav.xhtml"] = render("nav.xhtml", toc=toc, glossary=pages[:1], first=chapters[0], **common)
    content["toc.ncx"] = render("toc.ncx", toc=toc, identifier=book.identifier, depth=_depth(toc), **common)
    package = render(
        "package.opf", identifier=book.identifier, languages=languages, modified=book.modified,
        items=items, creators=_creators(edition), sources=_sources(edition), version=__version__, **common,
    )

    book.files["mimetype"] = b"application/epub+zip"
    book.files["META-INF/container.xml"] = render("container.xml", opf=f"{CONTENT_DIR}/package.opf").encode()
    book.files[f"{CONTENT_DIR}/package.opf"] = package.encode("utf-8")
    for item in items:
        data = content[item.href]
        book.files[f"{CONTENT_DIR}/{item.href}"] = data if isinstance(data, bytes) else data.encode("utf-8")
    for name, data in book.files.items():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml", ".svg")):
            _check_well_formed(name, data)

    book.summary = {
        "identifier": book.identifier,
        "layout": layout,
        "pinyin": options.ruby,
        "chapters": len(chapters),
        "terms": len(entries),
        "term_occurrences": sum(entry.count for entry in entries),
        "sentences": report.sentences,
        "flagged": len(report.flagged),
        "untranslated": len(report.untranslated),
        "engine": {"name": edition.engine.name, "model": edition.engine.model, "is_gloss": edition.engine.is_gloss},
        "modified": book.modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return book


def write_epub(
    edition: Edition,
    path: Path,
    *,
    layout: str = "interleaved",
    pinyin: bool = False,
    modified: datetime | None = None,
) -> Path:
    """Render ``edition`` as an EPUB 3 file at ``path`` (atomically) and return the path.

    Raises ``InputError`` (and writes nothing) for an edition without
    documents or an unknown layout.
    """
    return build_epub(edition, layout=layout, pinyin=pinyin, modified=modified).write(path)


def _render_chapter(chapter: ChapterView, common: dict) -> list[tuple[Part, str]]:
    """The chapter's content documents: one, or several when one would exceed ``PART_BYTES``.

    Parts break before a heading where they can, and never inside a block: a
    single block larger than the limit makes a part of its own.
    """
    whole = render("chapter.xhtml", chapter=chapter, part=chapter.parts[0], **common)
    if len(whole.encode("utf-8")) <= PART_BYTES or len(chapter.blocks) < 2:
        return [(chapter.parts[0], whole)]
    body = macros("_chapter.xhtml")
    options = common["options"]
    note_size = {note.back: len(str(body.flag_note(note)).encode("utf-8")) for note in chapter.notes}
    sizes = []
    for block in chapter.blocks:
        size = len(str(body.block(block, chapter.lang, options)).encode("utf-8"))
        sizes.append(size + sum(note_size.get(anchor, 0) for anchor in block_anchors(block)))
    budget = PART_BYTES - (len(whole.encode("utf-8")) - sum(sizes))  # room left by the page's own markup
    groups: list[list[int]] = [[]]
    filled = 0
    for index, (block, size) in enumerate(zip(chapter.blocks, sizes)):
        full = filled + size > budget
        # Past half the budget, a heading starts the next part: parts then begin at section starts.
        if groups[-1] and (full or (block.kind == "heading" and filled > budget // 2)):
            carried = []
            if chapter.blocks[groups[-1][-1]].kind == "heading" and len(groups[-1]) > 1:
                carried = [groups[-1].pop()]  # a heading never ends a part
            groups.append(carried)
            filled = sum(sizes[i] for i in carried)
        groups[-1].append(index)
        filled += size
    chapter.split(groups)
    return [(part, render("chapter.xhtml", chapter=chapter, part=part, **common)) for part in chapter.parts]


def _check_well_formed(name: str, data: bytes) -> None:
    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:  # a bug in a template, never the user's input
        raise RuntimeError(f"EPUB file {name} is not well-formed XML: {exc}") from exc


def _toc(chapters: list[ChapterView], pages: list[appendix.Page], layout: str) -> list[NavEntry]:
    toc = [NavEntry("Title page", "en", "title.xhtml")]
    for chapter in chapters:
        if layout == "en" and chapter.title_en:
            entry = NavEntry(chapter.title_en, "en", chapter.file_name, list(chapter.headings))
        else:
            english = chapter.title_en if layout == "interleaved" else None
            entry = NavEntry(
                chapter.document.title, chapter.title_lang, chapter.file_name, list(chapter.headings), english
            )
        toc.append(entry)
    if pages:
        letters = [NavEntry(page.letter, "en", f"{page.file_name}#letter") for page in pages] if len(pages) > 1 else []
        toc.append(NavEntry("Glossary", "en", pages[0].file_name, letters))
    return toc


def _number(entries: list[NavEntry], start: int) -> int:
    for entry in entries:
        entry.order = start
        start = _number(entry.children, start + 1)
    return start


def _depth(entries: list[NavEntry]) -> int:
    return max((1 + _depth(e.children) for e in entries), default=0)


def _creators(edition: Edition) -> list[str]:
    authors = []
    for doc in edition.documents:
        for key in ("author", "authors", "作者"):
            if doc.document.meta.get(key, "").strip():
                authors.append(doc.document.meta[key].strip())
    return list(dict.fromkeys(authors))


def _sources(edition: Edition) -> list[str]:
    return list(dict.fromkeys(d.document.source for d in edition.documents if d.document.source))
