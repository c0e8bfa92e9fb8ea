"""The EPUB export over a hand-made edition: structure, layouts, links, marks, safety, atomicity."""

from __future__ import annotations

import dataclasses
import os
import re
import zipfile
from datetime import datetime, timezone

import pytest
from lxml import etree

from epub_helpers import (
    FLAGGED_ZH, GLOSS_NOTICE, HOSTILE_EN_SHOWN, HOSTILE_HEADING_ZH, HOSTILE_TITLE, HOSTILE_ZH, KNOWN_EN, KNOWN_ZH,
    UNTRANSLATED_ZH, broken_references, make_edition,
)
from reader.epub import build_epub, output_path, write_epub
from reader.epub.identifiers import FALLBACK_MODIFIED, modified_time
from reader.errors import InputError
from reader.project import Project
from reader.translate.model import Translation

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/", "svg": "http://www.w3.org/2000/svg"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
HAN = re.compile(r"[\u4e00-\u9fff]")


def parse(book, name: str) -> etree._Element:
    return etree.fromstring(book.files[f"OEBPS/{name}"])


def text_of(element) -> str:
    return "".join(element.itertext())


def chapters(book) -> list[str]:
    return sorted(n.removeprefix("OEBPS/") for n in book.files if re.fullmatch(r"OEBPS/ch\d{3}\.xhtml", n))


def lang_of(element) -> str | None:
    while element is not None:
        lang = element.get("lang") or element.get(XML_LANG)
        if lang:
            return lang
        element = element.getparent()
    return None


def glossary_pages(book) -> list[str]:
    return sorted(n.removeprefix("OEBPS/") for n in book.files if re.fullmatch(r"OEBPS/glossary-\w\.xhtml", n))


def ids_in(book) -> dict[str, set[str]]:
    found = {}
    for name, data in book.files.items():
        if name.endswith(".xhtml"):
            found[name.removeprefix("OEBPS/")] = set(etree.fromstring(data).xpath("//@id"))
    return found


@pytest.fixture(scope="module")
def edition():
    return make_edition()


@pytest.fixture(scope="module")
def books(edition):
    return {
        "interleaved": build_epub(edition),
        "pinyin": build_epub(edition, pinyin=True),
        "zh": build_epub(edition, layout="zh"),
        "en": build_epub(edition, layout="en"),
    }


def test_package_has_nav_ncx_cover_and_metadata(books):
    book = books["interleaved"]
    names = list(book.files)
    assert names[0] == "mimetype" and book.files["mimetype"] == b"application/epub+zip"
    opf = parse(book, "package.opf")
    assert opf.get("version") == "3.0"
    assert opf.xpath("//dc:title/text()", namespaces=NS) == ["政经读本 · A Test Reader"]
    assert opf.xpath("//dc:language/text()", namespaces=NS) == ["zh-Hans", "zh-Hant", "en"]
    assert opf.xpath("//dc:creator/text()", namespaces=NS)
    assert opf.xpath("//dc:identifier/text()", namespaces=NS) == [book.identifier]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", book.identifier)
    modified = opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert len(modified) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified[0])
    properties = {i.get("href"): i.get("properties") for i in opf.xpath("//opf:item", namespaces=NS)}
    assert properties["nav.xhtml"] == "nav" and properties["images/cover.svg"] == "cover-image"
    assert "toc.ncx" in properties and opf.xpath("//opf:spine/@toc", namespaces=NS) == ["ncx"]
    spine = opf.xpath("//opf:itemref/@idref", namespaces=NS)
    assert spine[:2] == ["cover", "titlepage"]
    assert spine[-4:] == ["glossary-d", "glossary-s", "glossary-t", "glossary-y"]  # one page per pinyin initial
    assert chapters(book) == ["ch001.xhtml", "ch002.xhtml", "ch003.xhtml"]  # one per document
    with zipfile.ZipFile(__import__("io").BytesIO(book.to_bytes())) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_english_layout_puts_english_first_among_languages(books):
    opf = parse(books["en"], "package.opf")
    assert opf.xpath("//dc:language/text()", namespaces=NS)[0] == "en"


def test_identifier_and_bytes_depend_only_on_content(edition, books):
    again = build_epub(make_edition())
    assert again.identifier == books["interleaved"].identifier
    assert again.to_bytes() == books["interleaved"].to_bytes()
    assert len({b.identifier for b in books.values()}) == 4  # each layout is its own publication
    changed = make_edition()
    doc = changed.documents[0]
    sentence_id = next(s.id for s in doc.document.sentences() if s.text == KNOWN_ZH)
    doc.translations[sentence_id] = dataclasses.replace(doc.translations[sentence_id], english="Shadow banks grow.")
    assert build_epub(changed).identifier != books["interleaved"].identifier


def test_modified_date_is_deterministic(edition, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert modified_time(edition) == FALLBACK_MODIFIED  # the hand-made documents name no real files
    source = tmp_path / "a.md"
    source.write_text("x", encoding="utf-8")
    stamp = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc).timestamp()
    os.utime(source, (stamp, stamp))
    real = make_edition()
    real.documents[0].document = dataclasses.replace(real.documents[0].document, path=str(source))
    assert modified_time(real) == datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    glossary_dir = tmp_path / "glossary"  # a project: paths relative to its root, glossary and reader.toml count
    glossary_dir.mkdir()
    (glossary_dir / "terms.toml").write_text("", encoding="utf-8")
    os.utime(glossary_dir / "terms.toml", (stamp + 60, stamp + 60))
    real.glossary.directory = str(glossary_dir)
    real.documents[0].document = dataclasses.replace(real.documents[0].document, path="a.md")
    assert modified_time(real) == datetime(2024, 5, 6, 7, 9, 9, tzinfo=timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert modified_time(real) == datetime.fromtimestamp(1700000000, tz=timezone.utc)
    book = build_epub(real)
    assert b"2023-11-14T22:13:20Z" in book.files["OEBPS/package.opf"]


def test_chapter_keeps_headings_lists_tables_and_emphasis(books):
    chapter = parse(books["interleaved"], "ch001.xhtml")
    body = chapter.find("x:body", NS)
    assert [text_of(h).split(" ")[0] for h in body.xpath(".//x:h1 | .//x:h2", namespaces=NS)] == [
        "第一章", "一、要点", "Flagged"]  # the chapter's own headings, then its notes
    assert [h.tag.split("}")[1] for h in body.xpath(".//*[starts-with(@id, 'b-')]")] == ["h1", "h2"]
    assert len(body.xpath(".//x:ul/x:li", namespaces=NS)) == 2
    assert len(body.xpath(".//x:table//x:th", namespaces=NS)) == 2
    assert len(body.xpath(".//x:table//x:td", namespaces=NS)) == 2
    assert body.xpath(".//x:blockquote", namespaces=NS)
    assert [text_of(s) for s in body.xpath(".//x:p[@class='zh']//x:strong", namespaces=NS)] == ["规模"]


def test_layouts_show_what_they_promise(books):
    inter = parse(books["interleaved"], "ch001.xhtml")
    pairs = inter.xpath("//x:p[@class='zh']/following-sibling::*[1]/@class", namespaces=NS)
    assert pairs and set(pairs) == {"en"}  # each Chinese paragraph is followed by its English
    assert not inter.xpath("//x:ruby", namespaces=NS)
    zh = parse(books["zh"], "ch001.xhtml")
    assert not zh.xpath("//*[contains(concat(' ', @class, ' '), ' en ')]", namespaces=NS)
    assert zh.xpath("//x:ruby", namespaces=NS)
    en = parse(books["en"], "ch001.xhtml")
    assert not en.xpath("//x:p[@class='zh']", namespaces=NS)
    assert KNOWN_EN in text_of(en) and KNOWN_ZH not in text_of(en)
    pinyin = parse(books["pinyin"], "ch001.xhtml")
    assert pinyin.xpath("//x:p[@class='zh']//x:ruby", namespaces=NS) and KNOWN_EN in text_of(pinyin)


def test_ruby_puts_each_syllable_over_its_character_and_keeps_words_together(books):
    zh = parse(books["zh"], "ch001.xhtml")
    rubies = {}
    for ruby in zh.xpath("//x:ruby", namespaces=NS):
        base = "".join([ruby.text or ""] + [rt.tail or "" for rt in ruby.xpath("x:rt|x:rp", namespaces=NS)])
        readings = ruby.xpath("x:rt/text()", namespaces=NS)
        assert len(base) == len(readings), (base, readings)  # one syllable per character
        rubies[base] = readings
    assert rubies["影子银行"] == ["yǐng", "zi", "yín", "háng"]  # one word, one ruby element
    assert rubies["西安"] == ["xī", "ān"]
    # Without ruby support the rp parentheses show each reading after its character.
    assert "".join(zh.xpath("//x:ruby[starts-with(., '西')]//text()", namespaces=NS)) == "西(xī)安(ān)"


@pytest.mark.parametrize("layout", ["interleaved", "pinyin", "zh", "en"])
def test_every_text_carries_the_right_language(books, layout):
    book = books[layout]
    for name in [*chapters(book), *glossary_pages(book), "nav.xhtml", "title.xhtml", "cover.xhtml"]:
        root = parse(book, name)
        assert root.get("lang") == root.get(XML_LANG)
        for element in root.iter(etree.Element):
            cls = (element.get("class") or "").split()
            if "zh" in cls:
                assert lang_of(element).startswith("zh-Han"), (name, text_of(element))
            if "en" in cls:
                assert lang_of(element) == "en", (name, text_of(element))
            for text, owner in ((element.text, element), (element.tail, element.getparent())):
                if text and HAN.search(text):
                    assert lang_of(owner).startswith("zh"), (name, text)


@pytest.mark.parametrize("layout", ["interleaved", "pinyin", "zh", "en"])
def test_every_reference_inside_the_book_resolves(books, layout):
    book = books[layout]
    assert broken_references(book.files) == []
    hrefs = [href for name in ids_in(book) for href in parse(book, name).xpath("//x:a/@href", namespaces=NS)]
    assert sum("#" in h for h in hrefs) > 20  # the check above really saw links with fragments


def test_broken_reference_check_can_fail(books):
    files = dict(books["interleaved"].files)
    files["OEBPS/ch001.xhtml"] = files["OEBPS/ch001.xhtml"].replace(b'id="s-s1-0-0"', b'id="moved"')
    del files["OEBPS/glossary-t.xhtml"]
    problems = broken_references(files)
    assert any("s-s1-0-0" in p for p in problems) and any("glossary-t.xhtml" in p for p in problems)


def test_terms_link_to_appendix_entries_that_link_back(books):
    book = books["interleaved"]
    pages = [parse(book, name) for name in glossary_pages(book)]
    entries = {e.get("id"): e for page in pages for e in page.xpath("//x:li[@class='entry']", namespaces=NS)}
    headwords = {text_of(e.xpath(".//*[@class='headword']", namespaces=NS)[0]) for e in entries.values()}
    assert headwords == {"影子银行", "东数西算", "特里芬悖论", "算力"}  # the unused term has no entry
    chapter = parse(book, "ch001.xhtml")
    links = chapter.xpath("//x:a[contains(@class, 'term')]", namespaces=NS)
    assert links and all(a.get(EPUB_TYPE) == "noteref" for a in links)
    for link in links:
        entry = entries[link.get("href").split("#")[1]]
        assert text_of(entry.xpath(".//*[@class='headword']", namespaces=NS)[0]) in {text_of(link), "影子银行"}
    shadow = next(e for e in entries.values() if "影子银行" in text_of(e))
    backs = shadow.xpath(".//x:a[@epub:type='backlink']/@href", namespaces=NS)
    assert len(backs) == 3  # two sentences in chapter 1, one (traditional 影子銀行) in chapter 2
    for href in backs:
        name, anchor = href.split("#")
        sentence = parse(book, name).xpath(f"//*[@id='{anchor}']", namespaces=NS)[0]
        assert "影子银行" in text_of(sentence) or "影子銀行" in text_of(sentence)
    note = shadow.xpath(".//x:div[@class='entry-note']", namespaces=NS)[0]
    assert note.xpath(".//x:strong/text()", namespaces=NS) == ["outside"]
    assert note.xpath(".//x:a/@href", namespaces=NS) == ["https://www.bis.org/"]
    assert "<script>alert('n')</script>" in text_of(note)
    assert not any(page.xpath("//x:script", namespaces=NS) for page in pages)


def test_english_layout_links_the_english_rendering(books):
    chapter = parse(books["en"], "ch001.xhtml")
    linked = {text_of(a) for a in chapter.xpath("//x:a[contains(@class, 'term')]", namespaces=NS)}
    assert {"shadow banking", "Triffin dilemma"} <= linked


def test_flagged_sentence_has_marker_and_note_naming_the_term(books):
    for layout in ("interleaved", "en"):
        chapter = parse(books[layout], "ch001.xhtml")
        flagged = [s for s in chapter.xpath("//x:span[contains(@class, 'flagged')]", namespaces=NS)]
        assert len(flagged) == 2
        marker = flagged[0].xpath("x:a[@class='flag']", namespaces=NS)[0]
        assert marker.text == "※" and marker.get(EPUB_TYPE) == "noteref"
        note = chapter.xpath(f"//x:aside[@id='{marker.get('href')[1:]}']", namespaces=NS)[0]
        assert note.get(EPUB_TYPE) == "footnote"
        assert "东数西算" in text_of(note) and "East Data, West Computing" in text_of(note)
    zh = parse(books["zh"], "ch001.xhtml")
    assert not zh.xpath("//x:aside", namespaces=NS)  # no English, nothing to flag
    assert FLAGGED_ZH in text_of(parse(books["interleaved"], "ch001.xhtml"))


def test_untranslated_sentences_are_marked(books):
    inter = parse(books["interleaved"], "ch001.xhtml")
    missing = inter.xpath("//x:span[contains(@class, 'untranslated')]", namespaces=NS)
    assert [text_of(m) for m in missing] == ["[not translated]"]
    en = parse(books["en"], "ch001.xhtml")
    missing = en.xpath("//x:span[contains(@class, 'untranslated')]", namespaces=NS)
    assert [text_of(m) for m in missing] == [f"[not translated] {UNTRANSLATED_ZH}"]  # the Chinese is not lost
    assert lang_of(missing[0].xpath("x:span[@class='source']", namespaces=NS)[0]) == "zh-Hans"


def test_edition_without_any_translation_is_clearly_marked(tmp_path):
    edition = make_edition(translate=False)
    book = build_epub(edition)
    total = sum(1 for d in edition.documents for _ in d.document.sentences())
    marked = 0
    for name in chapters(book):
        marked += len(parse(book, name).xpath("//x:span[contains(@class, 'untranslated')]", namespaces=NS))
    assert marked == total and book.summary["untranslated"] == total
    assert b"without English, marked [not translated]" in book.files["OEBPS/title.xhtml"]


def test_gloss_notice_on_title_page_and_every_chapter():
    notice = "word-by-word gloss, not a translation"
    gloss = build_epub(make_edition(gloss=True))
    assert GLOSS_NOTICE.encode() in gloss.files["OEBPS/title.xhtml"]
    assert all(notice.encode() in gloss.files[f"OEBPS/{name}"] for name in chapters(gloss))
    assert b"reader word gloss" in gloss.files["OEBPS/package.opf"]
    plain = build_epub(make_edition())
    assert not any(notice.encode() in data for data in plain.files.values())
    zh_only = build_epub(make_edition(gloss=True), layout="zh")  # no English shown, nothing to warn about
    assert not any(notice.encode() in zh_only.files[f"OEBPS/{name}"] for name in chapters(zh_only))


def test_hostile_text_appears_literally(books):
    for layout in ("interleaved", "en"):
        book = books[layout]
        chapter = parse(book, "ch003.xhtml")
        assert not chapter.xpath("//x:script", namespaces=NS)
        assert chapter.find("x:head/x:title", NS).text == HOSTILE_TITLE
        body = text_of(chapter.find("x:body", NS))
        assert body.count(HOSTILE_EN_SHOWN) == 2  # the heading's English and the paragraph's
        if layout == "interleaved":
            assert HOSTILE_ZH in body and HOSTILE_HEADING_ZH in body
    assert HOSTILE_TITLE in text_of(parse(books["interleaved"], "nav.xhtml"))
    ncx = parse(books["interleaved"], "toc.ncx")
    assert HOSTILE_TITLE in ncx.xpath("//ncx:text/text()", namespaces=NS)
    # In the English layout the heading's machine English is a navigation label too.
    assert HOSTILE_EN_SHOWN in text_of(parse(books["en"], "nav.xhtml"))
    assert HOSTILE_EN_SHOWN in parse(books["en"], "toc.ncx").xpath("//ncx:text/text()", namespaces=NS)


def test_model_output_cannot_break_well_formedness(edition):
    """Whatever the model writes, every file parses and the book's bytes are valid UTF-8."""
    hostile = "]]><![CDATA[ & &amp; <p> \x00\x01\x0b\x0c\x1f\x7f\x80\x9f\ud83d\udfff\ufdd0\uffff\U0010fffe"
    doc = edition.documents[0]
    changed = dataclasses.replace(edition, documents=[dataclasses.replace(
        doc, translations={sid: dataclasses.replace(t, english=hostile + t.english)
                           for sid, t in doc.translations.items()}), *edition.documents[1:]])
    for layout in ("interleaved", "en"):
        book = build_epub(changed, layout=layout)
        for name, data in book.files.items():
            data.decode("utf-8")  # no surrogate or other unencodable character got through
            if name.endswith((".xhtml", ".opf", ".ncx", ".xml", ".svg")):
                etree.fromstring(data)
        assert "]]><![CDATA[ & &amp; <p> " + "\ufffd" * 13 in text_of(parse(book, "ch001.xhtml"))


def test_cover_and_title_page_carry_the_title(books):
    book = books["interleaved"]
    svg = parse(book, "images/cover.svg")
    texts = [t.text for t in svg.xpath("//svg:text", namespaces=NS)]
    assert "政经读本" in texts and "A Test Reader" in texts
    title = parse(book, "title.xhtml")
    parts = title.xpath("//x:h1/x:span", namespaces=NS)
    assert [(p.text, p.get("lang")) for p in parts] == [("政经读本", "zh-Hans"), ("A Test Reader", "en")]
    assert parse(book, "cover.xhtml").xpath("//x:img/@src", namespaces=NS) == ["images/cover.svg"]
    css = book.files["OEBPS/styles/epub.css"].decode()
    assert "@font-face" not in css and "url(" not in css and "justify" not in css


def test_nav_and_ncx_list_every_chapter_and_heading(books):
    book = books["interleaved"]
    nav = parse(book, "nav.xhtml")
    toc = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)[0]
    hrefs = toc.xpath(".//x:a/@href", namespaces=NS)
    assert hrefs == ["title.xhtml", "ch001.xhtml", "ch001.xhtml#b-2", "ch002.xhtml", "ch003.xhtml", "ch003.xhtml#b-0",
                     "glossary-d.xhtml", *(f"glossary-{c}.xhtml#letter" for c in "dsty")]
    assert nav.xpath("//x:nav[@epub:type='landmarks']", namespaces=NS)
    ncx = parse(book, "toc.ncx")
    orders = [int(n) for n in ncx.xpath("//ncx:navPoint/@playOrder", namespaces=NS)]
    assert orders == list(range(1, len(hrefs) + 1))
    assert ncx.xpath("//ncx:content/@src", namespaces=NS) == hrefs
    assert ncx.xpath("//ncx:meta[@name='dtb:uid']/@content", namespaces=NS) == [book.identifier]


def test_long_chapter_is_split_into_parts_with_every_link_intact(edition, monkeypatch):
    import reader.epub.book

    whole = build_epub(edition, pinyin=True)
    monkeypatch.setattr(reader.epub.book, "PART_BYTES", 3500)
    book = build_epub(edition, pinyin=True)
    parts = ["ch001.xhtml", "ch001-2.xhtml", "ch001-3.xhtml"]
    assert [n for n in chapters(book) if n.startswith("ch001")] == ["ch001.xhtml"]
    assert all(f"OEBPS/{name}" in book.files for name in parts) and "OEBPS/ch001-4.xhtml" not in book.files
    spine = parse(book, "package.opf").xpath("//opf:itemref/@idref", namespaces=NS)
    assert spine[3:7] == ["ch001", "ch001-2", "ch001-3", "ch002"]
    # Sentence anchors, flag notes, glossary back-links and navigation all point into the right part.
    assert broken_references(book.files) == []

    def ids(b, names, prefixes):
        return [i for n in names for i in parse(b, n).xpath("//@id") if i.startswith(prefixes)]

    # Nothing lost, duplicated or reordered; each note moves to the end of its own part.
    assert ids(book, parts, ("s-", "b-")) == ids(whole, ["ch001.xhtml"], ("s-", "b-"))
    assert sorted(ids(book, parts, "n-")) == sorted(ids(whole, ["ch001.xhtml"], "n-"))
    second = parse(book, "ch001-2.xhtml").find("x:body/x:section", NS)
    assert second.xpath("x:*", namespaces=NS)[1].tag == f"{{{NS['x']}}}h2"  # the part starts at the section heading
    assert "continued (part 2 of 3)" in text_of(second)
    nav = parse(book, "nav.xhtml").xpath("//x:nav[@epub:type='toc']//x:a/@href", namespaces=NS)
    assert "ch001-2.xhtml#b-2" in nav and "ch001.xhtml" in nav
    assert "ch001-2.xhtml#b-2" in parse(book, "toc.ncx").xpath("//ncx:content/@src", namespaces=NS)
    backlinks = [h for page in glossary_pages(book) for h in parse(book, page).xpath(
        "//x:a[@epub:type='backlink']/@href", namespaces=NS)]
    assert any(h.startswith("ch001-2.xhtml#s-") for h in backlinks)
    for name in parts:  # each part carries the notes of its own flagged sentences
        page = parse(book, name)
        refs = {h[1:] for h in page.xpath("//x:a[@class='flag']/@href", namespaces=NS)}
        assert refs == set(page.xpath("//x:aside/@id", namespaces=NS))
        blocks = page.xpath("//x:section/*[not(self::x:p[contains(@class, 'chapter-number')]) and "
                            "not(self::x:header) and not(self::x:section)]", namespaces=NS)
        assert len(book.files[f"OEBPS/{name}"]) <= 3500 or len(blocks) == 1


def test_empty_edition_is_an_input_error_and_writes_nothing(tmp_path):
    edition = make_edition()
    edition.documents = []
    target = tmp_path / "out.epub"
    with pytest.raises(InputError, match="no documents"):
        write_epub(edition, target)
    assert list(tmp_path.iterdir()) == []


def test_empty_document_and_empty_title_still_make_a_valid_book():
    edition = make_edition(hostile=False)
    empty = dataclasses.replace(edition.documents[1].document, blocks=(), text="")
    edition.documents[1] = dataclasses.replace(edition.documents[1], document=empty, words={}, terms={},
                                               translations={})
    edition.title = " "
    book = build_epub(edition)
    assert "This document has no text." in text_of(parse(book, "ch002.xhtml"))
    assert parse(book, "package.opf").xpath("//dc:title/text()", namespaces=NS) == ["Untitled edition"]


def test_unknown_layout_and_unusable_slug_are_input_errors(edition, tmp_path):
    with pytest.raises(InputError, match="layout"):
        build_epub(edition, layout="vertical")
    bad = dataclasses.replace(edition, slug="../escape")
    with pytest.raises(InputError, match="reader.toml"):
        output_path(Project.at(tmp_path), bad)
    assert output_path(Project.at(tmp_path), edition) == tmp_path.resolve() / "builds" / "test-reader.epub"


def test_write_is_atomic(edition, tmp_path, monkeypatch):
    target = tmp_path / "book.epub"
    write_epub(edition, target)
    before = target.read_bytes()
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # readable like any new file, not mkstemp's 0600

    import reader.fsutil

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reader.fsutil.os, "replace", broken_replace)
    with pytest.raises(InputError, match="No space left"):
        write_epub(edition, target, layout="en")
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]  # no temporary file left behind

    import reader.epub.book

    def failing_render(name, **context):
        if name == "glossary.xhtml":
            raise RuntimeError("template failed half way")
        return original(name, **context)

    original = reader.epub.book.render
    monkeypatch.setattr(reader.epub.book, "render", failing_render)
    with pytest.raises(RuntimeError):
        write_epub(edition, target, layout="zh")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]


def test_translation_shape_is_what_the_helpers_build():
    # Guards the hand-made edition itself: the flagged sentence really is flagged.
    edition = make_edition()
    flagged = [t for d in edition.documents for t in d.translations.values() if t.flagged]
    assert all(isinstance(t, Translation) for t in flagged) and len(flagged) == 2
