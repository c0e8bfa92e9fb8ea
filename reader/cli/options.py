"""Options and helpers every command area shares, so that each reads a project the same way."""

from __future__ import annotations

import json
from pathlib import Path

import click

project_option = click.option(
    "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Project directory with texts/ and glossary/ (default: $READER_PROJECT or the current directory).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
ENGINES = click.Choice(["argos", "gloss"])
engine_option = click.option(
    "--engine", type=ENGINES, default=None,
    help="Translation engine (default: argos if a zh->en model is installed, else the word gloss).",
)


def open_project(project_dir: Path | None):
    """The project the command works on; a named directory that does not exist is an error."""
    from reader.project import Project

    return Project.at(project_dir)


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
