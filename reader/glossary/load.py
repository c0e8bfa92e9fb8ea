"""Read glossary/*.toml into a ``Glossary``, with every problem located by file and line.

``read_glossary`` never raises for what is written in the files: it returns
the terms it could build and a list of ``Problem``. ``load_glossary`` is the
strict entry point the pipeline uses: any error stops it with an
``InputError`` naming the file and line. ``validate`` is what
``reader glossary validate`` prints.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import InputError, shown_path
from reader.glossary.model import Evidence, Glossary, Problem, Term

DOMAINS_FILE = "domains.toml"
REQUIRED = ("zh", "pinyin", "english", "domain")
STRING_FIELDS = ("zh", "pinyin", "english", "abbreviation", "domain", "status", "checked_by", "note")
LIST_FIELDS = ("accepted", "traditional")
FIELDS = (*STRING_FIELDS, *LIST_FIELDS, "checked_on", "evidence")
EVIDENCE_FIELDS = ("document", "sentence")
STATUSES = ("checked", "draft")
_KEY_LINE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


# Kept under its old name for the glossary modules: the rule itself lives with the errors.
display_path = shown_path


def glossary_files(directory: Path) -> list[Path]:
    """The term files of a glossary directory, in the order they are read."""
    return sorted(p for p in directory.glob("*.toml") if p.name != DOMAINS_FILE and not p.name.startswith("."))


@dataclass
class _Layout:
    """Lines of ``[[term]]`` headers and of each key, found by scanning the text."""

    terms: list[int] = field(default_factory=list)
    keys: list[dict[str, int]] = field(default_factory=list)
    evidence: list[list[int]] = field(default_factory=list)
    top_keys: dict[str, int] = field(default_factory=dict)


def _scan(text: str) -> _Layout:
    layout = _Layout()
    in_string: str | None = None
    section = "top"
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        stripped = line.strip()
        if stripped.startswith("[[term.evidence]]"):
            if layout.evidence:
                layout.evidence[-1].append(number)
            section = "evidence"
        elif stripped.startswith("[[term]]"):
            layout.terms.append(number)
            layout.keys.append({})
            layout.evidence.append([])
            section = "term"
        elif stripped.startswith("["):
            section = "other"
        else:
            match = _KEY_LINE.match(line)
            if match:
                key = match.group(1).strip("\"'")
                if section == "term":
                    layout.keys[-1].setdefault(key, number)
                elif section == "top":
                    layout.top_keys.setdefault(key, number)
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_string = quote
                break
    return layout


def _decode(path: Path, data: bytes) -> tuple[str | None, Problem | None]:
    shown = display_path(path)
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, Problem(shown, line, "is not UTF-8 text; save the file as UTF-8", unreadable=True)


def read_term_file(path: Path) -> str:
    """A term file's text as the loader reads it (UTF-8, a byte-order mark dropped), for editing.

    Edits must read a file exactly as validation does: a file that loads must
    also be editable, and one that does not gets the same one-line error.
    """
    text, problem = _decode(path, path.read_bytes())
    if problem:
        raise InputError(problem.message, path=problem.file, line=problem.line)
    # One line end throughout: the text added by an edit uses \n, and a file with two kinds
    # of line end is worse than one whose CRLF became LF.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse_toml(path: Path, text: str) -> tuple[dict | None, Problem | None]:
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_WHERE.search(message)
        line = int(where.group(1)) if where else None
        detail = _TOML_WHERE.sub("", message)
        if where:
            detail += f" (line {where.group(1)}, column {where.group(2)})"
        return None, Problem(display_path(path), line, f"is not valid TOML: {detail}", unreadable=True)


def read_domains(directory: Path) -> tuple[dict[str, str], list[Problem]]:
    path = directory / DOMAINS_FILE
    shown = display_path(path)
    if not path.is_file():
        return {}, [Problem(shown, None, "is missing; create it with a [domains] table of id = \"label\" lines")]
    text, problem = _decode(path, path.read_bytes())
    if problem:
        return {}, [problem]
    data, problem = _parse_toml(path, text)
    if problem:
        return {}, [problem]
    domains = data.get("domains")
    if not isinstance(domains, dict) or not all(isinstance(v, str) for v in domains.values()):
        return {}, [Problem(shown, None, 'needs a [domains] table of id = "label" lines')]
    return dict(domains), []


def _type_problem(key: str, value) -> str | None:
    if key in STRING_FIELDS and not isinstance(value, str):
        return f"{key} must be a string in quotes"
    if key in LIST_FIELDS and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return f'{key} must be a list of strings, like {key} = ["…"]'
    if key == "checked_on" and not (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return "checked_on must be a TOML date without quotes, like checked_on = 2026-11-22"
    if key == "status" and value not in STATUSES:
        return f"status must be \"checked\" or \"draft\", not {value!r}"
    if key == "evidence":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return "evidence must be written as [[term.evidence]] tables"
        for item in value:
            extra = sorted(set(item) - set(EVIDENCE_FIELDS))
            if extra:
                return f"unknown field {extra[0]!r} in [[term.evidence]]; allowed: document, sentence"
            if not all(isinstance(item.get(k), str) for k in EVIDENCE_FIELDS):
                return "each [[term.evidence]] needs document and sentence strings"
    return None


def generated_traditional(zh: str) -> tuple[str, ...]:
    """Traditional forms opencc gives for a simplified headword (Hong Kong/standard and Taiwan vocabulary)."""
    from reader.script import convert

    forms = (convert(zh, "s2t"), convert(zh, "s2twp"))
    return tuple(dict.fromkeys(form for form in forms if form != zh))


def _read_file(path: Path, text: str | None) -> tuple[list[Term], list[Problem]]:
    shown = display_path(path)
    if text is None:
        text, problem = _decode(path, path.read_bytes())
        if problem:
            return [], [problem]
    data, problem = _parse_toml(path, text)
    if problem:
        return [], [problem]
    layout = _scan(text)
    problems: list[Problem] = []
    for key in data:
        if key != "term":
            line = layout.top_keys.get(key)
            problems.append(Problem(shown, line, f"unknown top-level key {key!r}; terms are written as [[term]] tables"))
    entries = data.get("term", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(Problem(shown, layout.top_keys.get("term"), "terms must be written as [[term]] tables"))
        return [], problems
    terms: list[Term] = []
    for index, entry in enumerate(entries):
        line = layout.terms[index] if index < len(layout.terms) else None
        key_lines = layout.keys[index] if index < len(layout.keys) else {}
        name = entry.get("zh") if isinstance(entry.get("zh"), str) else f"at line {line}"
        entry_problems = []
        for key in entry:
            if key not in FIELDS:
                entry_problems.append(Problem(shown, key_lines.get(key, line),
                                              f"unknown field {key!r} in term {name}; allowed: {', '.join(FIELDS)}"))
        for key in REQUIRED:
            if key not in entry:
                entry_problems.append(Problem(shown, line, f"term {name} has no {key!r}; it is required"))
        for key, value in entry.items():
            if key in FIELDS:
                message = _type_problem(key, value)
                if message:
                    entry_problems.append(Problem(shown, key_lines.get(key, line), f"term {name}: {message}"))
        if entry_problems:
            problems.extend(entry_problems)
            continue
        terms.append(_term(entry, shown, line))
    return terms, problems


def _term(entry: dict, shown: str, line: int | None) -> Term:
    zh = entry["zh"]
    traditional = entry.get("traditional")
    checked_on = entry.get("checked_on")
    return Term(
        zh=zh,
        english=entry["english"],
        pinyin=entry["pinyin"],
        domain=entry["domain"],
        status=entry.get("status", "draft"),
        accepted=tuple(entry.get("accepted", ())),
        abbreviation=entry.get("abbreviation"),
        traditional=tuple(traditional) if traditional is not None else generated_traditional(zh),
        note=entry.get("note", ""),
        checked_by=entry.get("checked_by"),
        checked_on=checked_on.isoformat() if checked_on else None,
        evidence=tuple(Evidence(e["document"], e["sentence"]) for e in entry.get("evidence", ())),
        file=shown,
        line=line,
    )


def read_glossary(directory: str | Path, overrides: dict[str, str | None] | None = None) -> tuple[Glossary, list[Problem]]:
    """Read every term file; return the glossary and all problems found.

    ``overrides`` maps a file name in the directory to the text it would have
    (None: the file would be removed), so an edit can be checked before it is
    written.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError("glossary directory not found; run reader from a project root or pass --project",
                         path=display_path(directory))
    overrides = overrides or {}
    domains, problems = read_domains(directory)
    names = {p.name: p for p in glossary_files(directory)}
    for name in overrides:
        names.setdefault(name, directory / name)
    glossary = Glossary(domains=domains, directory=str(directory))
    from reader.glossary.checks import check_terms

    all_terms: list[Term] = []
    for name in sorted(names):
        if name in overrides and overrides[name] is None:
            continue
        terms, file_problems = _read_file(names[name], overrides.get(name))
        problems.extend(file_problems)
        all_terms.extend(terms)
    problems.extend(check_terms(all_terms, domains))
    for term in all_terms:
        glossary.terms.setdefault(term.zh, term)
    return glossary, problems


def load_glossary(directory: str | Path) -> Glossary:
    """Load the glossary; raise ``InputError`` (file and line) on the first error."""
    glossary, problems = read_glossary(directory)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more; run 'reader glossary validate' to see them all)" if len(errors) > 1 else ""
        raise InputError(first.message + more, path=first.file, line=first.line)
    return glossary


def validate(directory: str | Path) -> list[Problem]:
    """Every problem in the glossary, errors and warnings, in file and line order."""
    return validate_glossary(directory)[1]


def validate_glossary(directory: str | Path) -> tuple[Glossary, list[Problem]]:
    """The glossary as far as it could be read, and every problem (with reading warnings), sorted."""
    from reader.glossary.checks import reading_warnings

    glossary, problems = read_glossary(directory)
    problems = problems + reading_warnings(list(glossary))
    return glossary, sorted(problems, key=lambda p: (p.file, p.line or 0))

