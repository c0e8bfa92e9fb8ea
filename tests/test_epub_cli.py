"""``reader epub`` end to end over the sample corpus (gloss engine), checked by epubcheck and pandoc."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import GLOSSARY, ROOT, TEXTS, run_reader
from epub_helpers import broken_references, epubcheck, pandoc_text, read_book
from reader.edition import build_edition
from reader.epub import write_epub
from reader.project import Project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """A throwaway copy of the sample project, with its reader.toml (title and slug)."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(TEXTS, root / "texts")
    shutil.copytree(GLOSSARY, root / "glossary")
    shutil.copy(ROOT / "reader.toml", root / "reader.toml")
    return root


@pytest.fixture(scope="module")
def edition(sample):
    return build_edition(Project.at(sample), engine="gloss")


@pytest.fixture(scope="module")
def books(edition, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample-epub")
    variants = {"interleaved": {}, "interleaved-pinyin": {"pinyin": True}, "zh": {"layout": "zh"},
                "en": {"layout": "en"}}
    return {name: write_epub(edition, folder / f"{name}.epub", **kw) for name, kw in variants.items()}


@pytest.mark.parametrize("variant", ["interleaved", "interleaved-pinyin", "zh", "en"])
def test_sample_corpus_passes_epubcheck(books, variant):
    result = epubcheck(books[variant])
    assert (result["fatal"], result["errors"], result["warnings"]) == (0, 0, 0), "\n".join(result["messages"][:20])


# A sentence of texts/01-digital-capital-contradictions.md, in a plain paragraph.
KNOWN_SENTENCE = "这两大矛盾共同构成了数字资本深化的核心困境。"


def test_pandoc_reads_a_known_sentence_in_both_languages(edition, books):
    english = next(
        doc.translations[s.id].english.strip()
        for doc in edition.documents for s in doc.document.sentences() if s.text.strip() == KNOWN_SENTENCE
    )
    assert re.search(r"[a-z]{3,} [a-z]{3,}", english), english  # the gloss gave real English words
    text = pandoc_text(books["interleaved"])
    assert KNOWN_SENTENCE in text and english in text
    assert len(edition.documents) == 5
    english_only = pandoc_text(books["en"])
    assert english in english_only and KNOWN_SENTENCE not in english_only


@pytest.mark.parametrize("variant", ["interleaved", "interleaved-pinyin", "zh", "en"])
def test_every_reference_in_the_sample_books_resolves(books, variant):
    files = read_book(books[variant])
    assert broken_references(files) == []
    backlinks = sum(data.count(b'epub:type="backlink"') for name, data in files.items() if "glossary-" in name)
    assert backlinks > 500  # every glossary entry links back to each of its occurrences
    # Long chapters are split so that older e-ink readers can open every content document.
    sizes = {name: len(data) for name, data in files.items() if name.endswith(".xhtml")}
    assert max(sizes.values()) <= 300 * 1024, max(sizes.items(), key=lambda item: item[1])
    if variant == "interleaved-pinyin":
        assert "OEBPS/ch004-2.xhtml" in files  # chapter 4 with ruby is far over the limit in one file


def test_cli_writes_builds_slug_epub_and_says_what_it_wrote(sample):
    result = run_reader("epub", "--engine", "gloss", "--project", str(sample))
    assert result.code == 0, result.err
    target = sample / "builds" / "political-economy-reader.epub"
    lines = result.out.strip().splitlines()
    assert lines[0] == str(target)
    assert re.match(r"5 chapters, \d+ glossary terms, \d+ flagged, \d+ untranslated \(interleaved layout", lines[1])
    assert "word gloss" in result.out
    first = target.read_bytes()
    again = run_reader("epub", "--engine", "gloss", "--project", str(sample))
    assert again.code == 0 and target.read_bytes() == first  # same input, same bytes
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_cli_json_summary_and_output_option(sample, tmp_path):
    out = tmp_path / "nested" / "reader-en.epub"
    result = run_reader("epub", "--engine", "gloss", "--project", str(sample), "--layout", "en", "--output", str(out),
                        "--json")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["path"] == str(out) and out.stat().st_size == summary["bytes"]
    assert summary["chapters"] == 5 and summary["layout"] == "en" and summary["terms"] > 0
    assert summary["engine"]["is_gloss"] is True
    assert summary["identifier"].startswith("urn:uuid:")


def test_cli_empty_project_is_a_clear_error_and_writes_nothing(tmp_path):
    (tmp_path / "texts").mkdir()
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    result = run_reader("epub", "--engine", "gloss", "--project", str(tmp_path))
    assert result.code == 2
    assert result.err.startswith("reader: error: ") and len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    assert not list(tmp_path.rglob("*.epub"))


def test_cli_rejects_an_unknown_layout_and_pinyin_without_chinese(sample):
    result = run_reader("epub", "--layout", "vertical", "--project", str(sample))
    assert result.code == 2 and "vertical" in result.err
    result = run_reader("epub", "--layout", "en", "--pinyin", "--project", str(sample))
    assert result.code == 2 and "no Chinese" in result.err
