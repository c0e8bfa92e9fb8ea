"""``reader qa``: every checked term occurrence placed or flagged, flagged sentences listed."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import GLOSSARY, TEXTS, run_reader
from tinymodel import argos_env, tiny_package  # noqa: F401


@pytest.mark.slow
def test_qa_json_on_the_sample_corpus_with_the_gloss(project, tmp_path):
    result = run_reader("qa", "--json", "--engine", "gloss", "--project", str(project), env=argos_env(tmp_path))
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["engine"]["is_gloss"] and report["engine"]["name"] == "gloss"
    assert report["sentences"] > 900 and report["untranslated"] == []
    assert report["checked_occurrences"] > 1000
    assert report["placed"] + report["flagged_occurrences"] == report["checked_occurrences"]
    assert report["silent_misses"] == 0
    for flagged in report["flagged"]:
        assert flagged["missing"] and flagged["english"]


def test_qa_with_the_tiny_model_lists_flagged_sentences(tmp_path, tiny_package):
    env = argos_env(tmp_path)
    assert run_reader("model", "install", str(tiny_package), env=env).code == 0
    project = tmp_path / "project"
    (project / "texts").mkdir(parents=True)
    smallest = min(TEXTS.glob("*.md"), key=lambda p: p.stat().st_size)
    shutil.copy(smallest, project / "texts" / smallest.name)
    shutil.copytree(GLOSSARY, project / "glossary")

    result = run_reader("qa", "--project", str(project), env=env)
    assert result.code == 0, result.err
    assert "Engine: argos argos:translate-zh_en-0.1" in result.out
    assert "silent misses:  0" in result.out
    assert "Flagged sentences (" in result.out and "missing:" in result.out
    assert "translated, 0 from memory" in result.err  # the run's summary line

    report = json.loads(run_reader("qa", "--json", "--project", str(project), env=env).out)
    assert report["placed"] + report["flagged_occurrences"] == report["checked_occurrences"] > 0
    assert report["flagged"] and report["silent_misses"] == 0
    strict = run_reader("qa", "--strict", "--project", str(project), env=env)
    assert strict.code == 1
    assert "0 translated" in strict.err  # the second and third runs came from the memory
