"""``reader ingest FILE``: show the document model ingest builds from one file."""

from __future__ import annotations

import dataclasses
import json

import click


def register(cli: click.Group) -> None:
    """Add this area's commands to the main group."""
    cli.add_command(ingest_command)


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the full document model as JSON (several files: a JSON array).")
@click.option("--words", is_flag=True, help="Include words and pinyin (with --json: a 'words' object keyed by sentence id).")
def ingest_command(files: tuple[str, ...], as_json: bool, words: bool) -> None:
    """Read each FILE (.md with front matter or .txt, any supported encoding) and print its document model:
    title, encoding, script, removals, blocks and sentences with offsets into the cleaned text.

    Every file is read before anything is printed: one bad file means no output at all and exit status 2."""
    from reader.ingest import ingest_file

    documents = [ingest_file(file) for file in files]
    annotations = [_words(document) if words else None for document in documents]
    if as_json:
        payloads = [_payload(document, found) for document, found in zip(documents, annotations)]
        data = payloads[0] if len(files) == 1 else payloads
        # Bytes, so that the JSON is UTF-8 whatever the terminal's locale says.
        click.echo(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        return
    for number, (document, found) in enumerate(zip(documents, annotations)):
        if number:
            click.echo()
        _print_human(document, found)


def _words(document):
    from reader.annotate import annotate

    return annotate(document)


def _payload(document, annotations) -> dict:
    payload = dataclasses.asdict(document)
    payload["lang"] = document.lang
    if annotations is not None:
        payload["words"] = {key: [dataclasses.asdict(word) for word in value] for key, value in annotations.items()}
    return payload


def _print_human(document, annotations) -> None:
    from collections import Counter

    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    kinds = Counter(removal.kind for removal in document.removals)
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())) or "none"
    sentence_count = sum(1 for _ in document.sentences())
    for label, value in (
        ("title", document.title),
        ("id", document.id),
        ("encoding", document.encoding),
        ("script", document.script),
        ("source", document.source or "-"),
        ("date", document.date or "-"),
        ("blocks", f"{len(document.blocks)} ({sentence_count} sentences, {len(document.text)} characters)"),
        ("removed", f"{len(document.removals)} ({summary})"),
    ):
        console.print(Text.assemble((f"{label:>8}: ", "bold"), value))
    for removal in document.removals:
        console.print(Text(f"  - line {removal.line} {removal.kind}: {_short(removal.text, 50)}  ({removal.reason})", style="dim"))
    for block in document.blocks:
        head = f"[{block.index}] {block.kind}"
        if block.kind == "heading":
            head += f" level {block.level}"
        elif block.kind == "list":
            head += f" ({len(block.segments)} items)"
        elif block.kind == "table":
            head += f" ({len(block.rows)} rows x {len(block.rows[0]) if block.rows else 0} columns)"
        console.print(Text(head, style="bold cyan"))
        columns = len(block.rows[0]) if block.kind == "table" and block.rows else 1
        for segment_number, segment in enumerate(block.all_segments()):
            label = ""
            if block.kind == "list":
                label = "• "
            elif block.kind == "table":
                label = f"r{segment_number // columns + 1}c{segment_number % columns + 1} "
            if not segment.sentences:
                console.print(Text(f"  {'':<10} {segment.start:>6}-{segment.end:<6} {label}(empty)", style="dim"))
            for sentence in segment.sentences:
                line = Text.assemble(
                    (f"  {sentence.id:<10} {sentence.start:>6}-{sentence.end:<6} ", "dim"),
                    (label, "magenta"),
                    sentence.text.rstrip(),
                )
                label = " " * len(label)
                if sentence.normal != sentence.text:
                    line.append(f"  => {sentence.normal.rstrip()}", style="green")
                console.print(line)
                if annotations is not None:
                    words = annotations.get(sentence.id, [])
                    console.print(
                        Text(
                            "    " + " ".join(
                                f"{word.text}({''.join(word.pinyin)})" if word.pinyin else word.text
                                for word in words
                                if word.text.strip()
                            ),
                            style="yellow",
                        )
                    )


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
