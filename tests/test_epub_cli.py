"""``reader epub`` end to end over the sample corpus (gloss engine), checked by epubcheck and pandoc."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import GLOSSARY, ROOT, TEXTS, run_reader
from epub_helpers import epubcheck, pandoc_text
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


def test_pandoc_reads_a_known_sentence_in_both_languages(edition, books):
    plain = re.compile(r"[A-Za-z][A-Za-z ,.;-]{20,}")
    sentence, english = next(
        (s.text.strip(), t.english.strip())
        for doc in edition.documents
        for block in doc.document.blocks if block.kind == "paragraph" and not any(
            seg.emphasis for seg in block.segments)
        for s in block.sentences()
        if (t := doc.translations.get(s.id)) and plain.fullmatch(t.english.strip()) and len(s.text.strip()) > 12
    )
    text = pandoc_text(books["interleaved"])
    assert sentence in text and english in text
    assert len(edition.documents) == 5


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
