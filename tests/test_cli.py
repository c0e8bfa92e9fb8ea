"""The CLI shell: exit statuses and error lines, never a traceback."""

from __future__ import annotations

import click
import pytest

from conftest import run_reader
from reader import cli
from reader.errors import InputError


def test_version_and_help_exit_zero():
    result = run_reader("--version")
    assert result.code == 0
    assert "reader" in result.out
    assert run_reader().code == 0  # no arguments prints help


def test_unknown_command_is_a_usage_error():
    result = run_reader("no-such-command")
    assert result.code == 2
    assert result.err.strip().startswith("reader: error: No such command")
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_input_error_becomes_one_line_and_status_2(monkeypatch, capsys):
    @click.command("boom")
    def boom():
        raise InputError("is not a text file", path="notes.bin", line=3)

    monkeypatch.setattr(cli, "_register_commands", lambda: cli.cli.add_command(boom))
    assert cli.main(["boom"]) == 2
    err = capsys.readouterr().err
    assert err == "reader: error: notes.bin:3: is not a text file\n"


def test_unexpected_exception_is_reported_without_traceback(monkeypatch, capsys):
    @click.command("crash")
    def crash():
        raise ZeroDivisionError("division by zero")

    monkeypatch.delenv("READER_DEBUG", raising=False)
    monkeypatch.setattr(cli, "_register_commands", lambda: cli.cli.add_command(crash))
    assert cli.main(["crash"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "ZeroDivisionError" in err and "READER_DEBUG" in err


def test_debug_variable_shows_the_real_exception(monkeypatch):
    @click.command("crash2")
    def crash2():
        raise ZeroDivisionError("division by zero")

    monkeypatch.setenv("READER_DEBUG", "1")
    monkeypatch.setattr(cli, "_register_commands", lambda: cli.cli.add_command(crash2))
    with pytest.raises(ZeroDivisionError):
        cli.main(["crash2"])


@pytest.mark.parametrize("command", [
    ("build", "--no-epub"), ("epub",), ("qa",), ("glossary", "validate"), ("glossary", "lookup", "x"),
    ("translate", "影子银行"), ("tm", "export"), ("tm", "import", "x.tmx"), ("serve",),
])
def test_a_missing_project_directory_is_named_plainly_and_not_created(tmp_path, command):
    missing = tmp_path / "no-such-project"
    result = run_reader(*command, "--project", str(missing))
    assert result.code == 2, result
    assert result.err == f"reader: error: {missing}: no such project directory\n"
    assert not missing.exists()  # tm export used to create builds/.cache/ there


def test_paths_in_messages_follow_one_rule(tmp_path_factory, project):
    """Relative to the working directory inside it, absolute outside it, whichever stage complains."""
    empty = tmp_path_factory.mktemp("empty")
    (empty / "texts").mkdir(parents=True)
    inside = run_reader("glossary", "lookup", "x", "--project", str(empty), cwd=empty)
    outside = run_reader("glossary", "lookup", "x", "--project", str(empty), cwd=project)
    assert inside.err.startswith("reader: error: glossary: ")
    assert outside.err.startswith(f"reader: error: {empty / 'glossary'}: ")
    (project / "texts" / "zz-empty.md").write_bytes(b"")
    build = run_reader("build", "--no-epub", "--engine", "gloss", cwd=project)
    assert build.err == "reader: error: texts/zz-empty.md: is empty: there is no text to read\n"


def test_a_file_the_system_refuses_is_one_line_naming_it(monkeypatch, capsys):
    @click.command("write")
    def write():
        raise PermissionError(13, "Permission denied", "/srv/site/index.html")

    monkeypatch.delenv("READER_DEBUG", raising=False)
    monkeypatch.setattr(cli, "_register_commands", lambda: cli.cli.add_command(write))
    assert cli.main(["write"]) == 2
    assert capsys.readouterr().err == (
        "reader: error: /srv/site/index.html: permission denied; check the permissions of this path\n"
    )


def test_a_terminal_that_cannot_show_chinese_gets_escapes_not_a_crash():
    result = run_reader("glossary", "lookup", "影子银行", env={"PYTHONIOENCODING": "ascii"})
    assert result.code == 0, result.err
    assert "\\u5f71\\u5b50\\u94f6\\u884c" in result.out and "shadow banking" in result.out


def test_output_cut_short_by_a_pipe_ends_quietly(root):
    """`reader glossary list --json | head -1`: no error line, no traceback, like any Unix tool.

    The JSON listing (about 250 kB) is larger than a pipe holds, so the command
    is still writing when the reader goes away.
    """
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "glossary", "list", "--json"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader of the pipe has seen enough
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert first.strip()
    assert err == ""
    assert proc.returncode == -signal.SIGPIPE
