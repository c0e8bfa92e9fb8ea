"""Terminal output of the glossary commands (rich), kept apart from the library functions."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

CONTEXT = 28  # characters of sentence shown on each side of an occurrence


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _status(record: dict) -> Text:
    if record["status"] == "checked":
        when = f" by {record.get('checked_by') or '?'} on {record.get('checked_on') or '?'}"
        return Text("checked" + when, style="green")
    return Text("draft (shown, not enforced)", style="yellow")


def _context(sentence: str, start: int, end: int) -> Text:
    left = max(0, start - CONTEXT)
    right = min(len(sentence), end + CONTEXT)
    text = Text("…" if left else "")
    text.append(sentence[left:start])
    text.append(sentence[start:end], style="bold yellow")
    text.append(sentence[end:right])
    text.append("…" if right < len(sentence) else "")
    return text


def show_term(console: Console, record: dict) -> None:
    head = Text(record["zh"], style="bold")
    if record["traditional"]:
        head.append("  " + " / ".join(record["traditional"]))
    head.append("  " + record["pinyin"], style="cyan")
    console.print(head)
    english = Text("  English: ")
    english.append(record["english"], style="bold")
    if record.get("abbreviation") and record["abbreviation"] != record["english"]:
        english.append(f"  abbreviation: {record['abbreviation']}")
    console.print(english)
    if record.get("accepted"):
        console.print(Text("  Also accepted: " + "; ".join(record["accepted"])))
    line = Text(f"  Domain: {record['domain_label']}  Status: ")
    line.append_text(_status(record))
    console.print(line)
    if record.get("note_markup"):
        from rich.padding import Padding

        console.print(Text("  Note:"))
        console.print(Padding(Text.from_markup(record["note_markup"]), (0, 0, 0, 4)))
    occurrences = record["occurrences"]
    if not occurrences["documents"]:
        console.print(Text("  Corpus: not found in the texts", style="dim"))
    else:
        docs = occurrences["documents"]
        console.print(Text(f"  Corpus: {occurrences['total']} occurrence(s) in {len(docs)} document(s)"))
        from rich.padding import Padding

        for doc in docs:
            console.print(Text(f"    {doc['document']} ({doc['title']}): {doc['count']}", style="dim"))
            console.print(Padding(_context(doc["sentence"], doc["start"], doc["end"]), (0, 0, 0, 6)))
    console.print(Text(f"  Source: {record['file']}:{record['line']}", style="dim"))


def show_lookup(result) -> None:
    console = _console()
    if result.terms:
        if result.match == "prefix":
            console.print(Text(f"No exact match for {result.query!r}; one term starts with it:", style="dim"))
        for i, record in enumerate(result.terms):
            if i:
                console.print()
            show_term(console, record)
    else:
        console.print(f"No term matches {result.query!r}.", markup=False)
        if result.suggestions:
            names = ", ".join(f"{s['zh']} ({s['english']})" for s in result.suggestions)
            console.print(f"Did you mean: {names}?", markup=False)
        else:
            console.print("Try the headword, pinyin or English; 'reader glossary list' shows every term.",
                          markup=False)
    if result.warning:
        Console(stderr=True).print(f"warning: {result.warning}", markup=False)


def show_list(terms) -> None:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("headword", "pinyin", "English", "abbr.", "domain", "status"):
        table.add_column(column)
    for term in terms:
        table.add_row(term.zh, term.pinyin, term.english, term.abbreviation or "", term.domain, term.status)
    console = _console()
    console.print(table)
    console.print(f"{len(terms)} terms", markup=False)


def show_suggestions(report, dry_run: bool) -> None:
    console = _console()
    verb = "Would add" if dry_run else "Added"
    for item in report.added:
        console.print(Text(f"+ {item['zh']}  {item['pinyin']}  = {item['english']}  [{item['source']}]"))
    target = report.file
    console.print(f"{verb} {len(report.added)} draft terms to {target}; "
                  f"{report.known} candidates were already in the glossary.", markup=False)
