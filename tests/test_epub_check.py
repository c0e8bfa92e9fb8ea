"""Independent checks of the hand-made edition's EPUB: epubcheck, pandoc, ebooklib.

epubcheck is Java and takes a few seconds a run, so it runs once per layout.
"""

from __future__ import annotations

import pytest
from ebooklib import epub as ebooklib_epub
from lxml import etree

from epub_helpers import KNOWN_EN, KNOWN_ZH, epubcheck, make_edition, pandoc_text, read_book
import reader.epub.book
from reader.epub import write_epub

VARIANTS = {
    "interleaved": {"layout": "interleaved"},
    "interleaved-pinyin": {"layout": "interleaved", "pinyin": True},
    "zh": {"layout": "zh"},
    "en": {"layout": "en"},
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("epub")
    edition = make_edition()
    with pytest.MonkeyPatch.context() as patch:
        # The pinyin book is also the split one (a tiny part size cuts chapter 1 into three parts): one
        # epubcheck run fewer, and the unsplit interleaved and zh books still cover the plain case.
        patch.setattr(reader.epub.book, "PART_BYTES", 3500)
        paths = {"interleaved-pinyin": write_epub(edition, folder / "split.epub", pinyin=True)}
    assert "OEBPS/ch001-3.xhtml" in read_book(paths["interleaved-pinyin"])
    paths |= {name: write_epub(edition, folder / f"{name}.epub", **kwargs) for name, kwargs in VARIANTS.items()
              if name not in paths}
    paths["untranslated-gloss"] = write_epub(make_edition(gloss=True, translate=False), folder / "bare.epub")
    return paths


@pytest.mark.slow
@pytest.mark.parametrize("variant", [*VARIANTS, "untranslated-gloss"])
def test_epubcheck_reports_no_errors_and_no_warnings(written, variant):
    result = epubcheck(written[variant])
    assert (result["fatal"], result["errors"], result["warnings"]) == (0, 0, 0), "\n".join(result["messages"])
    assert result["exit"] == 0
    assert result["publication"].get("ePubVersion", "3").startswith("3")


def test_pandoc_reads_the_chinese_and_the_english(written):
    text = pandoc_text(written["interleaved"])
    assert KNOWN_ZH in text and KNOWN_EN in text
    assert "[not translated]" in text
    english = pandoc_text(written["en"])
    assert KNOWN_EN in english and KNOWN_ZH not in english


def test_ebooklib_opens_it_with_nav_ncx_and_all_documents(written):
    book = ebooklib_epub.read_epub(str(written["interleaved"]), {"ignore_ncx": False})
    assert book.get_metadata("DC", "title")[0][0] == "政经读本 · A Test Reader"
    languages = [value for value, _ in book.get_metadata("DC", "language")]
    assert languages == ["zh-Hans", "zh-Hant", "en"]
    names = {item.get_name() for item in book.get_items()}
    assert {"nav.xhtml", "toc.ncx", "ch001.xhtml", "ch003.xhtml", "glossary-y.xhtml", "images/cover.svg"} <= names
    titles = [(entry[0] if isinstance(entry, tuple) else entry).title for entry in book.toc]
    assert titles[:2] == ["Title page", "第一章 金融 · Chapter One: Finance"] and titles[-1] == "Glossary"


def test_every_file_in_the_zip_is_well_formed(written):
    for variant, path in written.items():
        for name, data in read_book(path).items():
            if name.endswith((".xhtml", ".opf", ".ncx", ".xml", ".svg")):
                etree.fromstring(data)  # raises on the first ill-formed byte


def test_templates_and_static_files_are_package_data():
    """A wheel must carry every template and the stylesheet, or an installed reader cannot write books."""
    import fnmatch
    import tomllib

    from conftest import ROOT

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["*"]
    files = [p for folder in ("templates", "static") for p in (ROOT / "reader" / "epub" / folder).iterdir()]
    unpackaged = [p.name for p in files if not any(fnmatch.fnmatch(p.name, pattern) for pattern in patterns)]
    assert not unpackaged, f"add these to [tool.setuptools.package-data] in pyproject.toml: {unpackaged}"
