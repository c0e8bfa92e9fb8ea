"""``reader translate "中文"``: the English and the term report, from the command line."""

from __future__ import annotations

import json

from conftest import run_reader
from tinymodel import argos_env, tiny_package  # noqa: F401


def test_gloss_translation_with_term_report(project, tmp_path):
    result = run_reader("translate", "影子银行的风险很大。特里芬悖论！", "--engine", "gloss", "--json",
                        "--project", str(project), env=argos_env(tmp_path))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["engine"] == {"name": "gloss", "model": "", "is_gloss": True}
    assert "reader model install" in data["notice"]
    first, second = data["sentences"]
    assert first["english"].startswith("shadow banking")
    assert second["english"].startswith("Triffin dilemma")
    placed = first["terms"][0]
    assert (placed["zh"], placed["outcome"], placed["method"]) == ("影子银行", "placed", "gloss")
    assert first["english"][placed["english_start"]:placed["english_end"]] == "shadow banking"

    text = run_reader("translate", "影子银行的风险很大。", "--engine", "gloss", "--project", str(project),
                      env=argos_env(tmp_path))
    assert text.code == 0 and text.out.startswith("shadow banking")
    assert "word-by-word gloss" in text.err and "ok       影子银行 -> shadow banking (gloss)" in text.err


def test_default_engine_is_argos_once_a_model_is_installed(project, tmp_path, tiny_package):
    env = argos_env(tmp_path)
    assert run_reader("model", "install", str(tiny_package), env=env).code == 0
    result = run_reader("translate", "影子银行的风险很大。", "--json", "--project", str(project), env=env)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["engine"]["name"] == "argos" and data["notice"] == ""
    (sentence,) = data["sentences"]
    assert sentence["english"]
    assert sentence["terms"][0]["outcome"] == "flagged" and sentence["flagged"]  # random weights: never silent
    again = json.loads(run_reader("translate", "影子银行的风险很大。", "--json", "--project", str(project), env=env).out)
    assert again["sentences"][0]["origin"] == "memory"


def test_nothing_to_translate_is_an_input_error(tmp_path):
    result = run_reader("translate", "   ", cwd=tmp_path, env=argos_env(tmp_path))
    assert result.code == 2 and "nothing to translate" in result.err
