"""``reader glossary ...``: validate, look up, list, edit, suggest, export and import terms.

Commands are thin: each calls one library function and prints its result, as
text for people or, with ``--json``, as JSON. Heavy modules are imported
inside the commands so that ``reader glossary lookup`` starts fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.options import echo_json, json_option, open_project, project_option

FORMATS = ("tbx", "csv", "tsv", "json")


def register(cli: click.Group) -> None:
    """Add this area's commands to the main group."""
    cli.add_command(glossary)


@click.group()
def glossary() -> None:
    """Hand-checked domain terms: look them up, check them, edit them."""


@glossary.command()
@project_option
@json_option
def validate(project_dir: Path | None, as_json: bool) -> int:
    """Check every glossary file; print problems as file:line: message.

    Exit status: 0 clean (warnings allowed), 1 errors found, 2 a file could
    not be read at all (not UTF-8 or not TOML).
    """
    from reader.glossary.load import glossary_files, validate_glossary

    project = open_project(project_dir)
    glossary, problems = validate_glossary(project.glossary_dir)
    errors = [p for p in problems if p.level == "error"]
    warnings = [p for p in problems if p.level == "warning"]
    files = len(glossary_files(project.glossary_dir))
    status = 2 if any(p.unreadable for p in problems) else 1 if errors else 0
    if as_json:
        echo_json({"ok": not errors, "terms": len(glossary), "files": files,
                    "errors": len(errors), "warnings": len(warnings),
                    "problems": [{"file": p.file, "line": p.line, "level": p.level, "message": p.message}
                                 for p in problems]})
        return status
    for problem in problems:
        click.echo(problem.format())
    checked = len(glossary.checked())
    summary = (f"{len(glossary)} terms ({checked} checked, {len(glossary) - checked} draft) in {files} files: "
               f"{len(errors)} errors, {len(warnings)} warnings.")
    click.echo(("Glossary is valid: " if not errors else "Glossary has errors: ") + summary, err=bool(errors))
    return status


@glossary.command()
@click.argument("query", nargs=-1, required=True)
@project_option
@json_option
def lookup(query: tuple[str, ...], project_dir: Path | None, as_json: bool) -> int:
    """Find a term by headword (simplified or traditional), pinyin, English or abbreviation.

    Pinyin may have tone marks, tone numbers or no tones, with or without
    spaces: "yingzi yinhang", "ying3zi yin2hang2" and "yingziyinhang" all find
    影子银行. Exit status 0 when found, 1 when not (with suggestions).
    """
    from reader.glossary.lookup import lookup as find

    project = open_project(project_dir)
    result = find(project, " ".join(query))
    if as_json:
        echo_json(result.to_json())
        return 0 if result.found else 1
    from reader.glossary.display import show_lookup

    show_lookup(result)
    return 0 if result.found else 1


@glossary.command("list")
@click.option("--domain", help="Only terms of this domain (see glossary/domains.toml).")
@click.option("--status", type=click.Choice(["checked", "draft"]), help="Only checked or only draft terms.")
@project_option
@json_option
def list_terms(domain: str | None, status: str | None, project_dir: Path | None, as_json: bool) -> None:
    """List terms, optionally by domain and status."""
    from reader.errors import InputError
    from reader.glossary.exchange import term_to_dict
    from reader.glossary.load import load_glossary

    loaded = load_glossary(open_project(project_dir).glossary_dir)
    if domain and domain not in loaded.domains:
        raise InputError(f"unknown domain {domain!r}; known domains: {', '.join(loaded.domains)}")
    terms = [t for t in loaded if (not domain or t.domain == domain) and (not status or t.status == status)]
    if as_json:
        echo_json([term_to_dict(t) for t in terms])
        return
    from reader.glossary.display import show_list

    show_list(terms)


@glossary.command()
@click.argument("zh")
@click.option("--english", required=True, help="Approved English rendering.")
@click.option("--domain", required=True, help="Domain id from glossary/domains.toml.")
@click.option("--pinyin", help="Pinyin with tone marks, by word (default: generated with pypinyin; check it).")
@click.option("--accepted", multiple=True, help="Another accepted English form (repeatable).")
@click.option("--abbreviation", help="Abbreviation, e.g. SDR.")
@click.option("--traditional", multiple=True, help="Traditional form overriding opencc (repeatable).")
@click.option("--note", default="", help="Markdown note.")
@click.option("--file", "file", help="Term file in glossary/ to add to (default: <domain>.toml).")
@project_option
@json_option
def add(zh, english, domain, pinyin, accepted, abbreviation, traditional, note, file, project_dir, as_json) -> None:
    """Add a draft term (check it later with 'reader glossary check')."""
    from reader.glossary.edit import add_term
    from reader.glossary.exchange import term_to_dict

    term = add_term(open_project(project_dir).glossary_dir, zh=zh, english=english, domain=domain, pinyin=pinyin,
                    note=note, accepted=accepted, abbreviation=abbreviation, traditional=traditional, file=file)
    if as_json:
        echo_json(term_to_dict(term))
    else:
        click.echo(f"Added {term.zh} {term.pinyin} = {term.english} (draft) at {term.file}:{term.line}")


@glossary.command()
@click.argument("zh")
@click.option("--by", "by", required=True, help="Who checked the term.")
@project_option
@json_option
def check(zh: str, by: str, project_dir: Path | None, as_json: bool) -> None:
    """Mark a term checked by NAME today: from now on translation enforces it."""
    from reader.glossary.edit import check_term
    from reader.glossary.exchange import term_to_dict

    term = check_term(open_project(project_dir).glossary_dir, zh, by)
    if as_json:
        echo_json(term_to_dict(term))
    else:
        click.echo(f"Checked {term.zh} = {term.english} by {term.checked_by} on {term.checked_on}")


@glossary.command()
@click.argument("zh")
@project_option
@json_option
def remove(zh: str, project_dir: Path | None, as_json: bool) -> None:
    """Remove a term from its file."""
    from reader.glossary.edit import remove_term
    from reader.glossary.exchange import term_to_dict

    term = remove_term(open_project(project_dir).glossary_dir, zh)
    if as_json:
        echo_json(term_to_dict(term))
    else:
        click.echo(f"Removed {term.zh} = {term.english} from {term.file}")
        if Path(term.file or "").name == "suggested.toml":
            click.echo("It is listed in glossary/suggest-ignore.txt and will not be suggested again.")


@glossary.command()
@click.option("--limit", type=click.IntRange(min=1), help="Add at most N new candidates.")
@click.option("--dry-run", is_flag=True, help="Show the candidates without writing them.")
@project_option
@json_option
def suggest(limit: int | None, dry_run: bool, project_dir: Path | None, as_json: bool) -> None:
    """Mine candidate terms from the texts into glossary/suggested.toml as drafts with evidence."""
    from reader.glossary.suggest import suggest as mine

    report = mine(open_project(project_dir), limit=limit, write=not dry_run)
    if as_json:
        echo_json(report.to_json())
        return
    from reader.glossary.display import show_suggestions

    show_suggestions(report, dry_run)


@glossary.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@project_option
def export(fmt: str, output: Path | None, project_dir: Path | None) -> None:
    """Export the glossary as TBX-Basic, CSV, OmegaT TSV or JSON."""
    from reader.fsutil import write_text_atomic
    from reader.glossary.exchange import export_glossary
    from reader.glossary.load import load_glossary

    loaded = load_glossary(open_project(project_dir).glossary_dir)
    text = export_glossary(loaded, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
        click.echo(f"Exported {len(loaded)} terms to {output} ({fmt}).", err=True)


@glossary.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Input format (default: from the extension).")
@click.option("--into", default="imported.toml", show_default=True, help="Term file in glossary/ to write.")
@click.option("--domain", help="Domain for entries that carry none (OmegaT files, other tools' TBX).")
@project_option
@json_option
def import_(file: Path, fmt: str | None, into: str, domain: str | None, project_dir: Path | None,
            as_json: bool) -> None:
    """Import terms from TBX, CSV, OmegaT TSV or JSON; terms already in the glossary are skipped."""
    from reader.glossary.exchange import import_glossary

    report = import_glossary(file, open_project(project_dir).glossary_dir, fmt=fmt, into=into, domain=domain)
    if as_json:
        echo_json(report)
        return
    skipped = report["skipped"]
    shown = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
    verb = f"Imported {report['added']} terms into {report['file']}" if report["added"] else "Nothing imported"
    click.echo(verb
               + (f"; skipped {len(skipped)} already in the glossary ({shown})" if skipped else "") + ".")
