"""``reader epub``: the parallel edition as an EPUB 3 file for e-readers."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.options import echo_json, engine_option, json_option, open_project, project_option

LAYOUT_CHOICE = click.Choice(["interleaved", "zh", "en"])


def register(cli: click.Group) -> None:
    cli.add_command(epub)


@click.command()
@click.option("--layout", type=LAYOUT_CHOICE, default="interleaved", show_default=True,
              help="interleaved: each Chinese paragraph then its English; zh: Chinese with pinyin; en: English only.")
@click.option("--pinyin", is_flag=True, help="Pinyin ruby over the Chinese in the interleaved layout.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the EPUB (default: builds/<edition slug>.epub).")
@engine_option
@project_option
@json_option
def epub(layout: str, pinyin: bool, output: Path | None, engine: str | None, project_dir: Path | None,
         as_json: bool) -> None:
    """Write the parallel edition as an EPUB 3 book (builds/<slug>.epub)."""
    if pinyin and layout == "en":
        raise click.UsageError("--pinyin puts pinyin over the Chinese, and the en layout has no Chinese")
    from reader.edition import build_edition
    from reader.epub import build_epub, output_path

    project = open_project(project_dir)
    edition = build_edition(project, engine=engine, progress=not as_json)
    book = build_epub(edition, layout=layout, pinyin=pinyin)
    path = book.write(output or output_path(project, edition))
    summary = {"path": str(path), "bytes": path.stat().st_size, **book.summary}
    if as_json:
        echo_json(summary)
        return
    click.echo(str(path))
    click.echo(
        f"{summary['chapters']} chapters, {summary['terms']} glossary terms, {summary['flagged']} flagged, "
        f"{summary['untranslated']} untranslated ({layout} layout{', pinyin' if summary['pinyin'] else ''}, "
        f"{summary['engine']['name']} engine)"
    )
    if summary["engine"]["is_gloss"] and layout != "zh":
        click.echo("Note: the English is a word gloss, not a translation; install a zh->en model for translations.")
