"""The compiled lookup index: builds/.cache/glossary-index.json.

``reader glossary lookup`` must answer in a blink, so it never reads the TOML
files or the corpus itself. It reads this index, which holds every term with
its lookup keys, its note already rendered for the terminal and where it
occurs in the corpus. The index records a fingerprint (size and modification
time of every glossary file and text, and the reader version); when any of
them changes, the next lookup rebuilds it with the real loader, ingest and
matcher, and writes it atomically.

This module imports nothing heavy at the top: the rebuild imports what it
needs when it runs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader import __version__
from reader.glossary import pinyin as py

FORMAT = 3
INDEX_NAME = "glossary-index.json"
# Key kinds, in the order exact matches are listed.
KINDS = ("headword", "abbreviation", "english", "pinyin-toned", "pinyin")


def fingerprint(glossary_dir: Path, texts_dir: Path) -> list:
    """What the index depends on: every glossary file and text, by size and mtime."""
    entries: list = [["reader", __version__, FORMAT]]
    for base, pattern in ((glossary_dir, "*.toml"), (texts_dir, "**/*")):
        if not base.is_dir():
            entries.append([str(base), None])
            continue
        for path in sorted(base.glob(pattern)):
            if path.name.startswith("."):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                entries.append([str(path.relative_to(base.parent)), stat.st_size, stat.st_mtime_ns])
    return entries


def english_key(text: str) -> str:
    return " ".join(text.casefold().split())


def loose_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def term_keys(term) -> dict[str, set[str]]:
    """Lookup keys of a term by kind (see KINDS)."""
    from reader.glossary.match import normal_form

    headwords = {term.zh, *term.traditional, normal_form(term.zh, "simplified"),
                 *(normal_form(t, "traditional") for t in term.traditional)}
    english = set()
    for form in (term.english, *term.accepted):
        english.update({english_key(form), loose_key(form)})
    abbreviation = {english_key(term.abbreviation), loose_key(term.abbreviation)} if term.abbreviation else set()
    toned = py.toned(term.pinyin)
    return {
        "headword": {h.casefold() for h in headwords if h},
        "abbreviation": abbreviation - {""},
        "english": english - {""},
        "pinyin-toned": {toned} if toned else set(),
        # ü is typed as v or u: lǜsè is found by "lvse" and "luse".
        "pinyin": {py.toneless(term.pinyin), py.toneless(term.pinyin).replace("v", "u")} - {""},
    }


def build_index(glossary_dir: Path, texts_dir: Path) -> dict:
    """Load the glossary and the corpus and compile the index (not written)."""
    from reader.errors import ReaderError
    from reader.glossary.load import load_glossary
    from reader.glossary.match import TermMatcher
    from reader.glossary.notes import note_markup

    stamp = fingerprint(glossary_dir, texts_dir)
    glossary = load_glossary(glossary_dir)
    terms = list(glossary)
    position = {term.zh: i for i, term in enumerate(terms)}
    occurrences: list[dict[str, dict]] = [{} for _ in terms]
    warning = None
    documents = []
    if texts_dir.is_dir():
        try:
            from reader.ingest import load_texts

            documents = load_texts(texts_dir)
        except ReaderError as exc:
            warning = f"corpus occurrences are not shown: {exc.format()}"
    matcher = TermMatcher(glossary)
    for document in documents:
        for sentence in document.sentences():
            for match in matcher.match(sentence):
                seen = occurrences[position[match.zh]].setdefault(document.id, {
                    "document": document.id,
                    "title": document.title,
                    "count": 0,
                    "sentence_id": sentence.id,
                    "sentence": sentence.text,
                    "start": match.start,
                    "end": match.end,
                })
                seen["count"] += 1
    keys: dict[str, dict[str, list[int]]] = {kind: {} for kind in KINDS}
    records = []
    for i, term in enumerate(terms):
        for kind, values in term_keys(term).items():
            for value in values:
                bucket = keys[kind].setdefault(value, [])
                if i not in bucket:
                    bucket.append(i)
        documents_seen = list(occurrences[i].values())
        records.append({
            "zh": term.zh,
            "traditional": list(term.traditional),
            "pinyin": term.pinyin,
            "pinyin_numbered": py.numbered(term.pinyin),
            "english": term.english,
            "accepted": list(term.accepted),
            "abbreviation": term.abbreviation,
            "domain": term.domain,
            "domain_label": glossary.domains.get(term.domain, term.domain),
            "status": term.status,
            "checked_by": term.checked_by,
            "checked_on": term.checked_on,
            "note": term.note,
            "note_markup": note_markup(term.note),
            "file": term.file,
            "line": term.line,
            "occurrences": {"total": sum(d["count"] for d in documents_seen), "documents": documents_seen},
        })
    return {"format": FORMAT, "fingerprint": stamp, "terms": records, "keys": keys, "warning": warning,
            "documents": len(documents)}


def index_path(cache_dir: Path) -> Path:
    return cache_dir / INDEX_NAME


def _is_current(index, current: list) -> bool:
    """Whether a parsed index file is this format, built from the files as they are now, and whole."""
    return (isinstance(index, dict) and index.get("format") == FORMAT and index.get("fingerprint") == current
            and isinstance(index.get("terms"), list) and isinstance(index.get("keys"), dict)
            and all(isinstance(index["keys"].get(kind), dict) for kind in KINDS))


def load_index(glossary_dir: Path, texts_dir: Path, cache_dir: Path) -> dict:
    """The index, rebuilt first if anything it depends on changed."""
    path = index_path(cache_dir)
    current = fingerprint(glossary_dir, texts_dir)
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
        if _is_current(index, current):
            return index
    except (OSError, ValueError):
        pass  # missing, unreadable, not UTF-8 or not JSON: rebuilt below like a stale one
    index = build_index(glossary_dir, texts_dir)
    try:
        from reader.fsutil import write_text_atomic

        write_text_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        # A read-only project still gets answers; only the cache is lost.
        if os.environ.get("READER_DEBUG"):
            raise
    return index
