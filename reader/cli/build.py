"""``reader build``: the main job, from texts and glossary to site and EPUB."""

from __future__ import annotations

import time
from pathlib import Path

import click

from reader.cli.options import echo_json, engine_option, json_option, open_project, project_option


def register(cli: click.Group) -> None:
    cli.add_command(build)


@click.command()
@project_option
@engine_option
@click.option("--epub/--no-epub", default=True, help="Also export the EPUB edition (default: yes).")
@click.option("--layout", type=click.Choice(["interleaved", "zh", "en"]), default="interleaved",
              help="EPUB layout.")
@json_option
def build(project_dir: Path | None, engine: str | None, epub: bool, layout: str, as_json: bool) -> None:
    """Build the parallel-reading site (builds/site/) and the EPUB edition."""
    from reader.build import build_project

    started = time.monotonic()
    summary = build_project(open_project(project_dir).root, engine=engine, epub=epub, layout=layout, progress=not as_json)
    summary["seconds"] = round(time.monotonic() - started, 2)
    if as_json:
        echo_json(summary)
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
