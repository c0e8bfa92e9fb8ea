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
