"""CLI commands for the translate area: ``reader model``, ``reader translate``, ``reader tm``, ``reader qa``."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.options import ENGINES, echo_json, engine_option, json_option, open_project, project_option


def register(cli: click.Group) -> None:
    cli.add_command(model)
    cli.add_command(translate)
    cli.add_command(tm)
    cli.add_command(qa)


def _size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"


# -- reader model ------------------------------------------------------------------


@click.group()
def model() -> None:
    """Install, list and remove offline translation models (argos packages)."""


@model.command("install")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@json_option
def model_install(path: Path | None, as_json: bool) -> None:
    """Install the zh->en model: from PATH (.argosmodel file) or, without PATH, from the argos index (internet)."""
    from reader.translate.packages import install_from_file, install_from_index

    installed = install_from_file(path) if path is not None else install_from_index()
    if as_json:
        echo_json(installed.to_dict())
        return
    click.echo(f"Installed {installed.code} {installed.version} ({installed.from_code} -> {installed.to_code}, "
               f"{_size(installed.size_bytes)}) in {installed.path}")


@model.command("list")
@json_option
def model_list(as_json: bool) -> None:
    """List installed translation models with version and size on disk."""
    from reader.translate.packages import installed_models, packages_dir

    models = installed_models()
    if as_json:
        echo_json({"packages_dir": str(packages_dir()), "models": [m.to_dict() for m in models]})
        return
    if not models:
        click.echo(f"No translation models installed (in {packages_dir()}). Install one with: reader model install")
        return
    for m in models:
        click.echo(f"{m.code:<20} {m.from_code} -> {m.to_code}  version {m.version:<8} {_size(m.size_bytes):>9}  {m.path}")


@model.command("remove")
@click.argument("code", required=False)
@json_option
def model_remove(code: str | None, as_json: bool) -> None:
    """Remove an installed model (CODE: e.g. translate-zh_en or zh_en; default: zh->en)."""
    from reader.translate.packages import remove_model

    removed = remove_model(code)
    if as_json:
        echo_json([m.to_dict() for m in removed])
        return
    for m in removed:
        click.echo(f"Removed {m.code} {m.version} ({m.path})")


# -- reader translate ------------------------------------------------------------


@click.command()
@click.argument("text")
@engine_option
@click.option("--beam-size", type=click.IntRange(min=1), default=2, show_default=True, help="Beam size (argos).")
@click.option("--threads", type=click.IntRange(min=0), default=0, help="CPU threads (argos; 0: all cores).")
@project_option
@json_option
def translate(text: str, engine: str | None, beam_size: int, threads: int, project_dir: Path | None,
              as_json: bool) -> int:
    """Translate one Chinese TEXT and report on its glossary terms."""
    from reader.translate.oneoff import translate_text

    result = translate_text(text, open_project(project_dir), engine=engine, beam_size=beam_size, threads=threads)
    if as_json:
        echo_json(result)
        return 0
    if result["notice"]:
        click.echo(f"[{result['notice']}]", err=True)
    for sentence in result["sentences"]:
        click.echo(sentence["english"])
    for sentence in result["sentences"]:
        for check in sentence["terms"]:
            mark = {"placed": "ok", "flagged": "FLAGGED", "annotated": "draft"}[check["outcome"]]
            how = f" ({check['method']})" if check["method"] else ""
            click.echo(f"  {mark:<8} {check['zh']} -> {check['english']}{how}", err=True)
    return 0


# -- reader tm ---------------------------------------------------------------------


@click.group()
def tm() -> None:
    """The translation memory: export to and import from TMX."""


@tm.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (default: standard output).")
@click.option("--include-gloss", is_flag=True, help="Also export the stored word glosses (e.g. to post-edit them).")
@project_option
def tm_export(fmt: str, output: Path | None, include_gloss: bool, project_dir: Path | None) -> None:
    """Export the translation memory as TMX 1.4 (human and machine translations; word glosses on request)."""
    from reader.fsutil import write_text_atomic
    from reader.translate.memory import TranslationMemory
    from reader.translate.tmx import export_tmx, tmx_entries

    with TranslationMemory(open_project(project_dir).memory_path) as memory:
        document = export_tmx(memory, include_gloss=include_gloss)
        human, machine = tmx_entries(memory, include_gloss=include_gloss)
    if output is None:
        click.echo(document, nl=False)
        return
    write_text_atomic(output, document)
    click.echo(f"Exported {len(human)} human and {len(machine)} machine translations to {output}", err=True)


@tm.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@project_option
@json_option
def tm_import(file: Path, project_dir: Path | None, as_json: bool) -> None:
    """Import a TMX file: edited or foreign translations become human ones and override machine translation."""
    from reader.translate.memory import TranslationMemory
    from reader.translate.tmx import import_tmx, read_tmx

    project = open_project(project_dir)
    read_tmx(file)  # check the file before the memory is even opened
    with TranslationMemory(project.memory_path) as memory:
        result = import_tmx(file, memory)
    if as_json:
        echo_json(result.to_dict())
        return
    click.echo(f"Imported {result.human} human and {result.machine} unedited machine translations from {file}"
               + (f" ({result.skipped} units without zh and en skipped)" if result.skipped else ""))


# -- reader qa ---------------------------------------------------------------------


@click.command()
@click.option("--engine", type=ENGINES, default=None,
              help="Report on this engine's translations (default: the engine of the last build).")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any sentence is flagged or untranslated.")
@project_option
@json_option
def qa(engine: str | None, strict: bool, project_dir: Path | None, as_json: bool) -> int:
    """Report what translation could not prove: flagged terms, untranslated sentences.

    Reads the translation memory as the last build left it; translates nothing (run reader build for that).
    """
    from reader.qa import memory_edition, qa_report

    report = qa_report(memory_edition(open_project(project_dir), engine=engine))
    if as_json:
        echo_json(report.to_dict())
    else:
        _print_report(report)
    if report.silent_misses:
        return 1
    return 1 if strict and (report.flagged or report.untranslated) else 0


UNTRANSLATED_SHOWN = 20


def _print_report(report) -> None:
    engine = report.engine
    click.echo(f"Engine: {engine.name}{' ' + engine.model if engine.model else ''}")
    if engine.is_gloss:
        click.echo(engine.notice)
    click.echo(f"Sentences: {report.sentences}, untranslated: {len(report.untranslated)}")
    click.echo(f"Checked term occurrences: {report.checked_occurrences}")
    click.echo(f"  placed:         {report.placed}")
    click.echo(f"  flagged:        {report.flagged_occurrences}")
    if report.untranslated_occurrences:
        click.echo(f"  untranslated:   {report.untranslated_occurrences}")
    click.echo(f"  silent misses:  {report.silent_misses}" + ("" if report.silent_misses == 0 else "  <- a bug: report it"))
    click.echo(f"Draft term occurrences (annotated, not enforced): {report.draft_occurrences}")
    if report.flagged:
        click.echo(f"\nFlagged sentences ({len(report.flagged)}):")
        for flagged in report.flagged:
            missing = ", ".join(f"{c.zh} -> {c.english}" for c in flagged.missing)
            click.echo(f"\n{flagged.sentence_id}  missing: {missing}")
            click.echo(f"  zh: {flagged.text}")
            click.echo(f"  en: {flagged.english}")
    if report.untranslated:
        click.echo(f"\nUntranslated sentences ({len(report.untranslated)}); "
                   "'reader build' translates what the memory does not have yet:")
        for untranslated in report.untranslated[:UNTRANSLATED_SHOWN]:
            click.echo(f"untranslated: {untranslated.sentence_id}  {untranslated.text}")
        if len(report.untranslated) > UNTRANSLATED_SHOWN:
            click.echo(f"... and {len(report.untranslated) - UNTRANSLATED_SHOWN} more (reader qa --json lists them all)")
