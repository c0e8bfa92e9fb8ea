"""Export and import: TBX-Basic (ISO 30042), CSV, OmegaT tab-separated glossaries and JSON.

TBX, CSV and JSON carry every field, so export -> import gives back the same
terms. OmegaT's format has three columns (source, target, comment): the
comment carries pinyin, abbreviation, accepted forms, domain and status as
``key: value`` pairs and each traditional form gets its own row; notes and
evidence are not exported there.

Imports are all-or-nothing: a broken row stops the import with the file and
line, and the glossary stays as it was. Headwords already in the glossary are
skipped and reported.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
from pathlib import Path

from reader.errors import InputError
from reader.glossary.load import display_path, generated_traditional, read_glossary, read_term_file
from reader.glossary.model import Glossary, Term
from reader.glossary.tbx import read_tbx, write_tbx

CSV_COLUMNS = ("zh", "traditional", "pinyin", "english", "accepted", "abbreviation", "domain", "status",
               "checked_by", "checked_on", "note", "evidence")
# In CSV, list fields hold one item per line of the cell.
CSV_LISTS = ("traditional", "accepted")
TSV_KEYS = ("pinyin", "abbreviation", "accepted", "domain", "status", "checked_by", "checked_on")


def term_to_dict(term: Term) -> dict:
    """Every field of a term, as JSON and CSV export write it."""
    return {
        "zh": term.zh,
        "traditional": list(term.traditional),
        "pinyin": term.pinyin,
        "english": term.english,
        "accepted": list(term.accepted),
        "abbreviation": term.abbreviation,
        "domain": term.domain,
        "status": term.status,
        "checked_by": term.checked_by,
        "checked_on": term.checked_on,
        "note": term.note,
        "evidence": [{"document": e.document, "sentence": e.sentence} for e in term.evidence],
        "file": term.file,
        "line": term.line,
    }


def export_glossary(glossary: Glossary, fmt: str) -> str:
    terms = list(glossary)
    if fmt == "json":
        data = {"format": "reader-glossary", "version": 1, "domains": glossary.domains,
                "terms": [{k: v for k, v in term_to_dict(t).items() if k not in ("file", "line")} for t in terms]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for term in terms:
            record = term_to_dict(term)
            row = []
            for column in CSV_COLUMNS:
                value = record[column]
                if column in CSV_LISTS:
                    value = "\n".join(value)
                elif column == "evidence":
                    value = json.dumps(value, ensure_ascii=False) if value else ""
                row.append("" if value is None else value)
            writer.writerow(row)
        return out.getvalue()
    if fmt == "tsv":
        lines = ["# OmegaT glossary exported by reader: source<TAB>target<TAB>comment"]
        for term in terms:
            comment = "; ".join(f"{key}: {_tsv_value(term, key)}" for key in TSV_KEYS if _tsv_value(term, key))
            for source in (term.zh, *term.traditional):
                lines.append("\t".join(_tsv_clean(v) for v in (source, term.english, comment)))
        return "\n".join(lines) + "\n"
    if fmt == "tbx":
        return write_tbx(glossary)
    raise InputError(f"unknown format {fmt!r}; use tbx, csv, tsv or json")


def _tsv_value(term: Term, key: str) -> str:
    value = getattr(term, key)
    if key == "accepted":
        return " | ".join(value)
    return value or ""


def _tsv_clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


# --- import -----------------------------------------------------------------------------------

def _fields(raw: dict, shown: str, line: int, domain: str | None) -> dict:
    """Check one imported record and return term fields; InputError names file and line."""
    fields = {key: raw.get(key) for key in CSV_COLUMNS}
    for key in ("zh", "english"):
        if not isinstance(fields[key], str) or not fields[key].strip():
            raise InputError(f"row has no {key}; every row needs zh and english", path=shown, line=line)
    fields["domain"] = fields["domain"] or domain
    if not fields["domain"]:
        raise InputError("row has no domain; pass --domain for files that carry none", path=shown, line=line)
    fields["status"] = fields["status"] or "draft"
    if fields["status"] not in ("checked", "draft"):
        raise InputError(f"status must be checked or draft, not {fields['status']!r}", path=shown, line=line)
    for key in ("traditional", "accepted", "evidence"):
        value = fields[key] or []
        if not isinstance(value, list):
            raise InputError(f"{key} must be a list", path=shown, line=line)
        fields[key] = value
    for item in fields["evidence"]:
        if not (isinstance(item, dict) and isinstance(item.get("document"), str)
                and isinstance(item.get("sentence"), str)):
            raise InputError("evidence items need document and sentence", path=shown, line=line)
    if fields["checked_on"]:
        import datetime as dt

        try:
            dt.date.fromisoformat(str(fields["checked_on"]))
        except ValueError:
            raise InputError(f"checked_on {fields['checked_on']!r} is not a date like 2026-11-22",
                             path=shown, line=line) from None
    for key in ("pinyin", "abbreviation", "checked_by", "note", "checked_on"):
        if fields[key] is not None and not isinstance(fields[key], str):
            raise InputError(f"{key} must be text", path=shown, line=line)
    return fields


def _read_json(text: str, shown: str) -> list[tuple[int, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"is not valid JSON: {exc.msg} (column {exc.colno})", path=shown, line=exc.lineno) from None
    terms = data.get("terms") if isinstance(data, dict) else data
    if not isinstance(terms, list) or not all(isinstance(t, dict) for t in terms):
        raise InputError("expected a JSON object with a \"terms\" list (as export writes)", path=shown)
    # JSON keeps no line numbers per item; report the position in the list as the line of the file it starts on.
    lines = _json_item_lines(text, len(terms))
    return list(zip(lines, terms))


def _json_item_lines(text: str, count: int) -> list[int]:
    lines, depth, line, in_string, escape = [], 0, 1, False, False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            escape = (char == "\\" and not escape)
            if char == '"' and not escape:
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
            if char == "{" and depth in (2, 3) and len(lines) < count:
                lines.append(line)
        elif char in "}]":
            depth -= 1
    return (lines + [1] * count)[:count]


def _read_csv(text: str, shown: str) -> list[tuple[int, dict]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("is empty; expected a header row", path=shown, line=1) from None
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise InputError(f"unknown column {unknown[0]!r}; columns are {', '.join(CSV_COLUMNS)}", path=shown, line=1)
    rows = []
    line = reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) != len(header):
                    raise InputError(f"row has {len(row)} cells but the header has {len(header)}",
                                     path=shown, line=line)
                raw = dict(zip(header, row))
                record: dict = {k: (v if v != "" else None) for k, v in raw.items()}
                for key in CSV_LISTS:
                    record[key] = [v for v in (raw.get(key) or "").split("\n") if v]
                if raw.get("evidence"):
                    try:
                        record["evidence"] = json.loads(raw["evidence"])
                    except json.JSONDecodeError:
                        raise InputError("evidence cell is not valid JSON", path=shown, line=line) from None
                record["_traditional_given"] = "traditional" in header
                rows.append((line, record))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"is not valid CSV: {exc}", path=shown, line=reader.line_num) from None
    return rows


def _read_tsv(text: str, shown: str) -> list[tuple[int, dict]]:
    from reader.script import convert

    rows: list[tuple[int, dict]] = []
    by_english: dict[tuple[str, str], dict] = {}
    previous: tuple[str, str, dict] | None = None  # (target, comment, record) of the last term row
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or len(cells) > 3 or not cells[0].strip() or not cells[1].strip():
            raise InputError("row must be source<TAB>target[<TAB>comment] with both terms filled in",
                             path=shown, line=number)
        source, target = cells[0].strip(), cells[1].strip()
        comment = cells[2].strip() if len(cells) == 3 else ""
        # A traditional form is written as its own row: right after its term with the same target
        # and comment (as export writes it), or anywhere with the same target when opencc agrees.
        earlier = by_english.get((convert(source, "t2s"), target))
        if earlier is not None and source == earlier["zh"]:
            earlier = None
        if previous and previous[:2] == (target, comment) and convert(source, "s2t") == source:
            earlier = previous[2]  # may equal the headword: Hong Kong writes 芯片 too
        if earlier is not None:
            earlier["traditional"].append(source)
            continue
        record: dict = {"zh": source, "english": target, "traditional": []}
        pairs = [part.split(": ", 1) for part in comment.split("; ")] if comment else []
        if pairs and all(len(p) == 2 and p[0] in TSV_KEYS for p in pairs):
            for key, value in pairs:
                record[key] = [v for v in value.split(" | ") if v] if key == "accepted" else value
        elif comment:
            record["note"] = comment
        by_english[(source, target)] = record
        previous = (target, comment, record)
        rows.append((number, record))
    for _, record in rows:
        record["_traditional_given"] = bool(record["traditional"])
    return rows


def _detect_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    known = {"tbx": "tbx", "xml": "tbx", "csv": "csv", "tsv": "tsv", "txt": "tsv", "utf8": "tsv", "json": "json"}
    if suffix not in known:
        raise InputError("cannot tell the format from the extension; pass --format tbx|csv|tsv|json",
                         path=display_path(path))
    return known[suffix]


def read_terms(path: Path, fmt: str | None = None) -> list[tuple[int, dict]]:
    """The records of an import file as (line, fields), checked; InputError on the first broken one."""
    shown = display_path(path)
    fmt = fmt or _detect_format(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError("is not UTF-8 text; save it as UTF-8", path=shown, line=line) from None
    reader = {"json": _read_json, "csv": _read_csv, "tsv": _read_tsv, "tbx": read_tbx}[fmt]
    return reader(text, shown)


def _at_source_row(refused, into_name: str, first_lines: list[int], rows: list[int], shown: str) -> InputError:
    """Point a refused import at the row of the import file it came from, not at the file never written."""
    problem = refused.problem
    if Path(problem.file).name != into_name or not problem.line or problem.line < first_lines[0]:
        return refused  # the clash is reported at an existing term: that place is the one to show
    index = bisect.bisect_right(first_lines, problem.line) - 1
    return InputError(f"cannot import this row, nothing was imported: {problem.message}", path=shown,
                      line=rows[index])


def import_glossary(path: Path, directory: Path, *, fmt: str | None = None, into: str = "imported.toml",
                    domain: str | None = None) -> dict:
    """Import terms from ``path`` into ``directory/into``; returns what was added and skipped."""
    from reader.glossary import pinyin as py
    from reader.glossary.edit import EditRefused, apply_edit, render_terms, term_file, term_table

    into_name = term_file(directory, into, "--into").name
    shown = display_path(path)
    glossary, _ = read_glossary(directory)
    tables, added, skipped, rows = [], [], [], []
    for line, raw in read_terms(path, fmt):
        fields = _fields(raw, shown, line, domain)
        if fields["zh"] in glossary or fields["zh"] in added:
            skipped.append(fields["zh"])
            continue
        if not fields["pinyin"]:
            fields["pinyin"] = py.generate(fields["zh"])
            fields["status"] = "draft"
        given = raw.get("_traditional_given", "traditional" in raw)
        if not given or list(fields["traditional"]) == list(generated_traditional(fields["zh"])):
            fields["traditional"] = []  # the default would give the same forms: keep the file clean
        tables.append(term_table(fields))
        added.append(fields["zh"])
        rows.append(line)
    target = directory / into_name
    if tables:
        old = read_term_file(target) if target.exists() else f"# Terms imported from {path.name}.\n"
        text = old.rstrip("\n") + "\n\n"
        first_lines = []  # line in the new file where each imported term starts
        for i, table in enumerate(tables):
            text += "\n" if i else ""
            first_lines.append(text.count("\n") + 1)
            text += render_terms([table])
        try:
            apply_edit(directory, {into_name: text})
        except EditRefused as refused:
            raise _at_source_row(refused, into_name, first_lines, rows, shown) from None
    return {"file": display_path(target), "added": len(added), "terms": added, "skipped": skipped}

