"""``reader qa``: every checked term occurrence placed or flagged, flagged sentences listed, from the memory only."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import run_reader
from tinymodel import argos_env, small_project


def _machine_rows(project) -> int:
    with sqlite3.connect(project / "builds" / ".cache" / "memory.sqlite") as db:
        return db.execute("SELECT COUNT(*) FROM machine").fetchone()[0]


@pytest.mark.slow
def test_qa_json_on_the_sample_corpus_with_the_gloss(project, tmp_path):
    env = argos_env(tmp_path)
    assert run_reader("build", "--no-epub", "--engine", "gloss", "--project", str(project), env=env).code == 0
    result = run_reader("qa", "--json", "--project", str(project), env=env)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["engine"]["is_gloss"] and report["engine"]["name"] == "gloss"
    assert report["sentences"] > 900 and report["untranslated"] == []
    assert report["checked_occurrences"] > 1000
    assert report["placed"] + report["flagged_occurrences"] == report["checked_occurrences"]
    assert report["silent_misses"] == 0
    for flagged in report["flagged"]:
        assert flagged["missing"] and flagged["english"]


def test_qa_before_any_build_translates_nothing_and_says_so(tmp_path):
    project = small_project(tmp_path / "project")
    env = argos_env(tmp_path)
    result = run_reader("qa", "--project", str(project), env=env)
    assert result.code == 0, result.err
    assert "Engine: gloss" in result.out  # nothing built, no model: what a build would use
    assert "'reader build' translates what the memory does not have yet" in result.out
    assert "silent misses:  0" in result.out
    report = json.loads(run_reader("qa", "--json", "--project", str(project), env=env).out)
    assert len(report["untranslated"]) == report["sentences"] > 10
    assert report["untranslated_occurrences"] == report["checked_occurrences"] > 0
    assert report["placed"] == report["flagged_occurrences"] == report["silent_misses"] == 0
    assert run_reader("qa", "--strict", "--project", str(project), env=env).code == 1
    assert _machine_rows(project) == 0


def test_qa_reports_on_the_last_builds_engine_from_the_memory(tmp_path, tiny_package):
    env = argos_env(tmp_path)
    assert run_reader("model", "install", str(tiny_package), env=env).code == 0
    project = small_project(tmp_path / "project")
    build = run_reader("build", "--no-epub", "--project", str(project), env=env)
    assert build.code == 0, build.err
    stored = _machine_rows(project)

    result = run_reader("qa", "--project", str(project), env=env)
    assert result.code == 0, result.err
    assert "Engine: argos argos:translate-zh_en-0.1" in result.out
    assert "untranslated: 0" in result.out and "silent misses:  0" in result.out
    assert "Flagged sentences (" in result.out and "missing:" in result.out
    assert "translated" not in result.err  # no translation run, so no run summary
    assert _machine_rows(project) == stored

    # The model is gone: qa still reports on what the last build made with it.
    assert run_reader("model", "remove", env=env).code == 0
    report = json.loads(run_reader("qa", "--json", "--project", str(project), env=env).out)
    assert report["engine"] == {"name": "argos", "model": "argos:translate-zh_en-0.1", "is_gloss": False}
    assert report["placed"] + report["flagged_occurrences"] == report["checked_occurrences"] > 0
    assert report["flagged"] and report["silent_misses"] == 0 and report["untranslated"] == []
    assert run_reader("qa", "--strict", "--project", str(project), env=env).code == 1

    # Another engine's translations were never made: qa lists the sentences instead of translating them.
    gloss = json.loads(run_reader("qa", "--json", "--engine", "gloss", "--project", str(project), env=env).out)
    assert gloss["engine"]["name"] == "gloss" and len(gloss["untranslated"]) == gloss["sentences"]
    assert _machine_rows(project) == stored
