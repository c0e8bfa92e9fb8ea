"""Edit glossary files the way a person would: comments and layout kept, nothing half-written.

Every edit computes the new file text with tomlkit, checks the whole glossary
as it would be after the edit, and refuses (``InputError``, file untouched)
if that introduces an error that was not there before. Only then is the file
replaced atomically (``reader.fsutil``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import tomlkit

from reader.errors import InputError, NotFound
from reader.fsutil import write_text_atomic
from reader.glossary.load import DOMAINS_FILE, display_path, read_glossary, read_term_file
from reader.glossary.model import Term

FIELD_ORDER = ("zh", "pinyin", "english", "accepted", "abbreviation", "traditional", "domain", "status",
               "checked_by", "checked_on", "note")


def term_table(fields: dict) -> tomlkit.items.Table:
    """A ``[[term]]`` table with fields in the documented order; Markdown notes as multi-line strings."""
    table = tomlkit.table()
    for key in FIELD_ORDER:
        value = fields.get(key)
        if value is None or value == "" or value == [] or value == ():
            continue
        if key == "note":
            value = tomlkit.string(value, multiline=True) if "\n" in value else value
        elif key == "checked_on" and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif isinstance(value, tuple):
            value = list(value)
        table[key] = value
    evidence = fields.get("evidence") or ()
    if evidence:
        aot = tomlkit.aot()
        for item in evidence:
            row = tomlkit.table()
            row["document"] = item["document"] if isinstance(item, dict) else item.document
            row["sentence"] = item["sentence"] if isinstance(item, dict) else item.sentence
            aot.append(row)
        table["evidence"] = aot
    return table


def render_terms(tables: list) -> str:
    """``[[term]]`` blocks as TOML text, one blank line between them."""
    return "\n".join(tomlkit.dumps({"term": [table]}) for table in tables)


class EditRefused(InputError):
    """An edit that would make the glossary invalid; ``problem`` is the first new error."""

    def __init__(self, problem, more: int):
        self.problem = problem
        extra = f" (and {more} more)" if more else ""
        super().__init__(f"edit refused, the glossary would become invalid: {problem.message}{extra}",
                         path=problem.file, line=problem.line)


def _error_keys(problems) -> set[tuple[str, str]]:
    return {(p.file, p.message) for p in problems if p.level == "error"}


def apply_edit(directory: Path, changes: dict[str, str | None]) -> None:
    """Write new texts for glossary files (None removes), if the result is no worse than before."""
    _, before = read_glossary(directory)
    _, after = read_glossary(directory, overrides=changes)
    known = _error_keys(before)
    new = [p for p in after if p.level == "error" and (p.file, p.message) not in known]
    if new:
        raise EditRefused(new[0], len(new) - 1)
    for name, text in changes.items():
        path = directory / name
        if text is None:
            path.unlink(missing_ok=True)
        else:
            write_text_atomic(path, _in_line_ends_of(path, text))


def _in_line_ends_of(path: Path, text: str) -> str:
    """``text`` (read with \n line ends) written back with the line ends the file had.

    Someone who keeps a glossary file with Windows line ends keeps them after
    `reader glossary add`: a whole-file diff for one added term would hide it.
    """
    try:
        crlf = b"\r\n" in path.read_bytes()
    except FileNotFoundError:
        return text
    return text.replace("\n", "\r\n") if crlf else text


def _file_of(directory: Path, term: Term) -> Path:
    return directory / Path(term.file or "").name


def _find(directory: Path, zh: str) -> tuple[Term, Path, tomlkit.TOMLDocument, int]:
    glossary, _ = read_glossary(directory)
    term = glossary.get(zh)
    if term is None:
        raise NotFound(f"no term {zh!r} in the glossary; see 'reader glossary lookup {zh}'")
    path = _file_of(directory, term)
    document = tomlkit.parse(read_term_file(path))
    for index, entry in enumerate(document.get("term", [])):
        if entry.get("zh") == zh:
            return term, path, document, index
    raise InputError(f"term {zh} could not be found in the file; was it just edited?", path=display_path(path))


def term_file(directory: Path, name: str, option: str) -> Path:
    """The term file ``name`` given with ``option`` names: a .toml file in the glossary directory itself."""
    path = Path(name)
    if path.parent not in (Path("."), Path("")) and path.resolve().parent != directory.resolve():
        raise InputError(f"{option} must name a file in the glossary directory", path=name)
    if path.suffix != ".toml" or path.name == DOMAINS_FILE:
        raise InputError(f"{option} must name a .toml term file other than domains.toml", path=name)
    return directory / path.name


def target_file(directory: Path, domain: str, file: str | None) -> Path:
    """Where ``add`` writes: ``--file``, else <domain>.toml, else where that domain's terms mostly are."""
    if file:
        return term_file(directory, file, "--file")
    by_domain = directory / f"{domain}.toml"
    if by_domain.exists():
        return by_domain
    glossary, _ = read_glossary(directory)
    counts: dict[str, int] = {}
    for term in glossary:
        if term.domain == domain:
            counts[Path(term.file or "").name] = counts.get(Path(term.file or "").name, 0) + 1
    if counts:
        return directory / max(counts, key=counts.get)
    return by_domain


def add_term(directory: Path, *, zh: str, english: str, domain: str, pinyin: str | None = None,
             note: str = "", accepted: tuple[str, ...] = (), abbreviation: str | None = None,
             traditional: tuple[str, ...] = (), file: str | None = None) -> Term:
    """Append a draft term; pinyin is generated (pypinyin) when not given."""
    from reader.glossary import pinyin as py

    glossary, _ = read_glossary(directory)
    if zh in glossary:
        existing = glossary.get(zh)
        raise InputError(f"{zh} is already in the glossary; edit it there or remove it first",
                         path=existing.file, line=existing.line)
    path = target_file(directory, domain, file)
    fields = {"zh": zh, "pinyin": pinyin or py.generate(zh), "english": english, "accepted": accepted,
              "abbreviation": abbreviation, "traditional": traditional, "domain": domain, "status": "draft",
              "note": note}
    block = render_terms([term_table(fields)])
    if path.exists():
        old = read_term_file(path)
        text = old.rstrip("\n") + "\n\n" + block if old.strip() else block
    else:
        text = "# Terms added with `reader glossary add`.\n\n" + block
    apply_edit(directory, {path.name: text})
    return _reload(directory, zh)


def check_term(directory: Path, zh: str, by: str, on: dt.date | None = None) -> Term:
    """Mark a term checked by ``by`` on ``on`` (today)."""
    if not by.strip():
        raise InputError("--by must name the person who checked the term")
    _, path, document, index = _find(directory, zh)
    entry = document["term"][index]
    entry["status"] = "checked"
    entry["checked_by"] = by.strip()
    entry["checked_on"] = on or dt.date.today()
    apply_edit(directory, {path.name: tomlkit.dumps(document)})
    return _reload(directory, zh)


def remove_term(directory: Path, zh: str) -> Term:
    """Remove a term; a draft removed from suggested.toml is also added to suggest-ignore.txt."""
    from reader.glossary.suggest import SUGGESTED_FILE, remember_rejected

    term, path, document, index = _find(directory, zh)
    del document["term"][index]
    if not document["term"]:
        del document["term"]  # an empty array would block later [[term]] tables
    apply_edit(directory, {path.name: tomlkit.dumps(document)})
    if path.name == SUGGESTED_FILE:
        remember_rejected(directory, zh)
    return term


def _reload(directory: Path, zh: str) -> Term:
    glossary, _ = read_glossary(directory)
    return glossary.get(zh)

