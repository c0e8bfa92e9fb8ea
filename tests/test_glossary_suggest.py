"""Suggest: candidates mined from the real texts become draft entries with evidence, once."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import GLOSSARY, TEXTS, run_reader
from reader.glossary.load import load_glossary, read_glossary
from reader.project import Project
from reader.glossary.suggest import suggest
from reader.script import to_normal

EXISTING = '''# Hand-checked: suggest must never touch this file.
[[term]]
zh = "算力"
pinyin = "suànlì"
english = "computing power"
domain = "compute"
status = "checked"
checked_by = "tester"
checked_on = 2026-11-22
'''


@pytest.fixture(scope="module")
def mined(tmp_path_factory):
    root = tmp_path_factory.mktemp("suggest")
    shutil.copytree(TEXTS, root / "texts")
    (root / "glossary").mkdir()
    shutil.copy(GLOSSARY / "domains.toml", root / "glossary")
    (root / "glossary" / "compute.toml").write_text(EXISTING, encoding="utf-8")
    report = suggest(Project.at(root))
    return root, report


def test_bracketed_english_and_acronyms_are_used(mined):
    root, report = mined
    glossary = load_glossary(root / "glossary")
    assert glossary.get("特里芬悖论").english == "Triffin dilemma"
    assert glossary.get("超级AI资本矩阵").english == "Super AI Capital Matrix"
    assert glossary.get("国际清算银行").abbreviation == "BIS"
    sources = {item["source"] for item in report.added}
    assert sources == {"bracketed", "quoted", "frequent"}


def test_entries_are_drafts_with_evidence_from_the_texts(mined):
    root, report = mined
    glossary, problems = read_glossary(root / "glossary")
    assert [p.format() for p in problems if p.level == "error"] == []
    suggested = [t for t in glossary if t.file.endswith("suggested.toml")]
    assert len(suggested) == len(report.added) > 20
    ids = {p.stem for p in TEXTS.glob("*.md")}
    for term in suggested:
        assert term.status == "draft"
        assert term.evidence and term.evidence[0].document in ids
        sentence = term.evidence[0].sentence
        assert term.zh in to_normal(sentence, "traditional")[0] or term.zh in sentence


def test_existing_terms_are_untouched_and_not_suggested_again(mined):
    root, report = mined
    assert (root / "glossary" / "compute.toml").read_text(encoding="utf-8") == EXISTING
    assert "算力" not in {item["zh"] for item in report.added}


def test_running_again_adds_nothing(mined):
    root, _ = mined
    before = (root / "glossary" / "suggested.toml").read_bytes()
    result = run_reader("glossary", "suggest", "--json", cwd=root)
    assert result.code == 0, result.err
    assert json.loads(result.out)["added"] == []
    assert (root / "glossary" / "suggested.toml").read_bytes() == before


def test_a_removed_suggestion_is_not_suggested_again(mined):
    root, _ = mined
    removed = run_reader("glossary", "remove", "特里芬悖论", cwd=root)
    assert removed.code == 0 and "will not be suggested again" in removed.out
    assert "特里芬悖论" in (root / "glossary" / "suggest-ignore.txt").read_text(encoding="utf-8")
    again = json.loads(run_reader("glossary", "suggest", "--json", cwd=root).out)
    assert again["added"] == []
    assert "特里芬悖论" not in load_glossary(root / "glossary")


def test_limit_and_dry_run(tmp_path):
    shutil.copytree(TEXTS, tmp_path / "texts")
    (tmp_path / "glossary").mkdir()
    shutil.copy(GLOSSARY / "domains.toml", tmp_path / "glossary")
    dry = run_reader("glossary", "suggest", "--dry-run", "--limit", "3", cwd=tmp_path)
    assert dry.code == 0 and "Would add 3 draft terms" in dry.out
    assert not (tmp_path / "glossary" / "suggested.toml").exists()


def test_with_the_shipped_glossary_only_new_useful_candidates(project):
    """Against the real glossary: hand-written files untouched, known terms skipped, no everyday words."""
    shipped = {p.name: p.read_bytes() for p in (project / "glossary").glob("*.toml")}
    report = suggest(Project.at(project))
    assert {p.name: p.read_bytes() for p in (project / "glossary").glob("*.toml") if p.name in shipped} == shipped
    glossary = load_glossary(GLOSSARY)
    added = {item["zh"]: item for item in report.added}
    assert added and not set(added) & {t.zh for t in glossary}
    assert report.known >= 100  # the texts' quoted and bracketed terms are mostly in the glossary already
    # Everyday words quoted for emphasis and section headings are not terms.
    assert not {"绿色", "电力", "电器", "真空", "租金", "结语", "引言"} & set(added)
    # A foreign name is taken whole, dot included, with the author's English.
    assert added["沃里克•鲍威尔"]["english"] == "Warwick Powell" and "鲍威尔" not in added
    suggested = load_glossary(project / "glossary")
    for zh in added:
        term = suggested.get(zh)
        if "word-by-word" in term.note:  # verbs inside a compound lose "to": 速度崇拜 is "speed worship"
            assert " to " not in f" {term.english} ", (zh, term.english)
    assert [p.format() for p in read_glossary(project / "glossary")[1] if p.level == "error"] == []
