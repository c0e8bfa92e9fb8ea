"""``reader build``: the main job, from texts and glossary to site and EPUB."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

ENGINES = click.Choice(["argos", "gloss"])


def register(cli: click.Group) -> None:
    cli.add_command(build)


@click.command()
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project directory with texts/ and glossary/ (default: current directory).")
@click.option("--engine", type=ENGINES, default=None,
              help="Translation engine (default: argos if a zh->en model is installed, else the word gloss).")
@click.option("--epub/--no-epub", default=True, help="Also export the EPUB edition (default: yes).")
@click.option("--layout", type=click.Choice(["interleaved", "zh", "en"]), default="interleaved",
              help="EPUB layout.")
@click.option("--json", "as_json", is_flag=True, help="Print the build summary as JSON.")
def build(project_dir: Path | None, engine: str | None, epub: bool, layout: str, as_json: bool) -> None:
    """Build the parallel-reading site (builds/site/) and the EPUB edition."""
    from reader.build import build_project

    started = time.monotonic()
    summary = build_project(project_dir, engine=engine, epub=epub, layout=layout, progress=not as_json)
    summary["seconds"] = round(time.monotonic() - started, 2)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    totals = summary["totals"]
    click.echo(
        f"Built {summary['documents']} documents, {totals['sentences']} sentences "
        f"({totals['translated']} with English, {totals['memory']} of them from memory, {totals['flagged']} flagged) "
        f"with the {summary['engine']['name']} engine in {summary['seconds']} s."
    )
    if summary["engine"]["is_gloss"]:
        click.echo(summary["engine"]["notice"])
    click.echo(f"Site: {summary['site']}/index.html")
    if summary.get("epub"):
        click.echo(f"EPUB: {summary['epub']}")
