"""``reader translate "中文"``: the English and the term report, from the command line."""

from __future__ import annotations

import json

import pytest
from conftest import run_reader
from tinymodel import argos_env


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


def _run_on_a_terminal(args: list[str], env: dict, *, stdout_too: bool) -> tuple[str, str]:
    """Run reader with stderr (and stdout too if asked) on a pseudo-terminal; (terminal text, piped stdout)."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "reader", *args], stdin=subprocess.DEVNULL,
                            stdout=slave if stdout_too else subprocess.PIPE, stderr=slave,
                            env={**os.environ, "TERM": "xterm", "COLUMNS": "120", **env})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    piped = "" if stdout_too else proc.stdout.read().decode()
    assert proc.wait(timeout=300) == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode(errors="replace"), piped


@pytest.mark.slow
def test_progress_bar_on_a_terminal_and_clean_json(project, tmp_path):
    import re

    env = argos_env(tmp_path)
    for path in list((project / "texts").glob("*.md"))[1:]:
        path.unlink()  # one document is enough
    terminal, stdout = _run_on_a_terminal(["build", "--no-epub", "--engine", "gloss", "--project", str(project)],
                                          env, stdout_too=False)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal)
    frames = re.findall(r"translating \(gloss\).*?(\d+)/(\d+)\s+[\d.]+ sent/s\s+ETA", plain)
    assert frames, plain
    done, total = frames[-1]
    assert done == total and int(total) > 10  # it ends full
    assert re.search(rf"{total} sentences: {total} translated, 0 from memory", plain)
    assert "Built 1 documents" in stdout and "sent/s" not in stdout

    # With --json, nothing but the JSON reaches the terminal, even with stderr on it too.
    terminal, _ = _run_on_a_terminal(["build", "--no-epub", "--json", "--project", str(project)], env,
                                     stdout_too=True)
    summary = json.loads(terminal)
    assert summary["totals"]["memory"] == summary["totals"]["sentences"] == int(total)


def test_gloss_outside_a_project_works_without_a_glossary(tmp_path):
    result = run_reader("translate", "资本的风险。", "--engine", "gloss", "--json", cwd=tmp_path, env=argos_env(tmp_path))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["sentences"][0]["english"] and data["sentences"][0]["terms"] == []
    assert not (tmp_path / "builds").exists()  # no project, no memory file
