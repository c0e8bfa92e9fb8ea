"""`reader build`, the main job: edition, site and EPUB in one command."""

from __future__ import annotations

import json

from conftest import run_reader


def test_build_writes_site_and_epub_and_rebuilds_from_memory(project):
    first = run_reader("build", "--engine", "gloss", "--json", cwd=project)
    assert first.code == 0, first.err
    summary = json.loads(first.out)
    assert summary["documents"] == 5
    totals = summary["totals"]
    assert totals["sentences"] > 900
    assert totals["translated"] == totals["sentences"]
    assert summary["terms"]["silent_misses"] == 0
    assert summary["terms"]["placed"] + summary["terms"]["flagged"] == summary["terms"]["checked_occurrences"]
    assert (project / "builds" / "site" / "index.html").is_file()
    epub = project / "builds" / "political-economy-reader.epub"
    assert epub.is_file() and epub.stat().st_size > 10_000
    site_files = sorted(p.relative_to(project) for p in (project / "builds" / "site").rglob("*"))

    second = run_reader("build", "--engine", "gloss", "--json", cwd=project)
    assert second.code == 0, second.err
    again = json.loads(second.out)
    assert again["totals"]["memory"] == again["totals"]["sentences"]
    assert sorted(p.relative_to(project) for p in (project / "builds" / "site").rglob("*")) == site_files


def test_build_human_summary_names_outputs(project):
    result = run_reader("build", "--engine", "gloss", "--no-epub", cwd=project)
    assert result.code == 0, result.err
    assert "Built 5 documents" in result.out
    assert "word-by-word gloss" in result.out
    assert "index.html" in result.out
    assert not (project / "builds" / "political-economy-reader.epub").exists()


def test_build_without_texts_is_bad_input(project):
    import shutil

    shutil.rmtree(project / "texts")
    result = run_reader("build", "--engine", "gloss", cwd=project)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "texts" in lines[0]
    assert "Traceback" not in result.err
    assert not (project / "builds" / "site").exists()


def test_failed_build_keeps_previous_outputs(project):
    assert run_reader("build", "--engine", "gloss", cwd=project).code == 0
    index = project / "builds" / "site" / "index.html"
    epub = project / "builds" / "political-economy-reader.epub"
    before = (index.read_bytes(), epub.read_bytes())
    glossary_file = project / "glossary" / "finance.toml"
    glossary_file.write_text(glossary_file.read_text(encoding="utf-8") + "\n[[term]\n", encoding="utf-8")
    broken = run_reader("build", "--engine", "gloss", cwd=project)
    assert broken.code == 2
    assert "finance.toml" in broken.err and "Traceback" not in broken.err
    assert (index.read_bytes(), epub.read_bytes()) == before
