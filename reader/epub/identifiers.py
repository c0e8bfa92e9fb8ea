"""Names inside the book: the package identifier, the modification date, anchors, languages.

The identifier is derived from what the reader sees (text, English, glossary
entries, layout), never from the clock, so rebuilding the same edition gives
the same ``urn:uuid`` and e-reader libraries recognise it as the same book.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import uuid
from datetime import datetime, timezone
from pathlib import Path

from reader.edition import Edition

# A fixed namespace so that identifiers are uuid5 values nobody else produces.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://reader.invalid/epub")

# Used when no input file can be found and SOURCE_DATE_EPOCH is not set: any
# fixed value keeps builds reproducible; this one is plainly not a real date.
FALLBACK_MODIFIED = datetime(2000, 1, 1, tzinfo=timezone.utc)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Characters a content document cannot carry: XML 1.0 forbids C0 controls
# (other than tab and line breaks), lone surrogates and U+FFFE/U+FFFF even
# escaped; HTML also forbids C1 controls, DEL and the other noncharacters,
# which a machine translation model can emit as debris.
_XML_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def xml_safe(text: str) -> str:
    """Replace characters XHTML cannot carry (control codes, lone surrogates, noncharacters) with U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def anchor(prefix: str, raw: str) -> str:
    """An XML id (an NCName) built from ``raw``: ``anchor("s", "s1-0-2") == "s-s1-0-2"``."""
    return f"{prefix}-{_NOT_NAME.sub('_', raw)}"


def pinyin_sort_key(pinyin: str, headword: str) -> tuple[str, str]:
    """Glossaries in English-language books are ordered by toneless pinyin."""
    bare = "".join(c for c in unicodedata.normalize("NFD", pinyin) if not unicodedata.combining(c))
    return (bare.lower().replace(" ", "").replace("'", "").replace("\u2019", ""), headword)


def script_runs(text: str, zh_lang: str) -> list[tuple[str, str]]:
    """Split a mixed title like ``"政经读本 · A Reader"`` into ``[(text, lang), ...]`` runs.

    A run is Chinese when it contains Han characters; punctuation and spaces
    stay with the run before them, so nothing is lost or reordered.
    """
    runs: list[tuple[str, str]] = []
    for piece in re.split(r"(?<=\S)(\s*[·•|/—–-]\s*|\s+)", text):
        if not piece:
            continue
        if piece.strip() and not re.fullmatch(r"\s*[·•|/—–-]\s*", piece):
            lang = zh_lang if has_han(piece) else "en"
        else:
            lang = runs[-1][1] if runs else "en"
        if runs and runs[-1][1] == lang:
            runs[-1] = (runs[-1][0] + piece, lang)
        else:
            runs.append((piece, lang))
    return [(t, lang) for t, lang in runs if t]


def chinese_languages(edition: Edition) -> list[str]:
    """``zh-Hans`` and/or ``zh-Hant`` in order of how many documents use each."""
    counts: dict[str, int] = {}
    for doc in edition.documents:
        counts[doc.document.lang] = counts.get(doc.document.lang, 0) + 1
    return sorted(counts, key=lambda lang: (-counts[lang], lang)) or ["zh-Hans"]


def content_digest(edition: Edition, *, layout: str, pinyin: bool) -> str:
    """SHA-256 over everything the book shows, in a canonical JSON form.

    Layout and ruby are part of it: an English-only and an interleaved book
    are different publications and must not replace each other in a library.
    Where the English came from (fresh MT or the memory) is left out: a rebuild
    from the memory is the same book and must keep its identifier.
    """
    used_terms: set[str] = set()
    documents = []
    for doc in edition.documents:
        sentences = []
        for sentence in doc.document.sentences():
            translation = doc.translations.get(sentence.id)
            matches = doc.terms.get(sentence.id, [])
            used_terms.update(m.zh for m in matches)
            sentences.append([
                sentence.id,
                sentence.text,
                [[m.zh, m.start, m.end] for m in matches],
                [[w.start, w.end, list(w.pinyin)] for w in doc.words.get(sentence.id, [])] if pinyin or layout == "zh"
                else [],
                None if translation is None else [
                    translation.english, translation.engine, translation.model,
                    [[c.zh, c.outcome, c.english_start, c.english_end] for c in translation.terms],
                ],
            ])
        blocks = [[b.kind, b.level, [len(row) for row in b.rows]] for b in doc.document.blocks]
        documents.append([doc.document.id, doc.document.title, doc.document.script, blocks, sentences])
    terms = []
    for zh in sorted(used_terms):
        term = edition.glossary.get(zh)
        if term is not None:
            terms.append([term.zh, term.english, term.pinyin, list(term.traditional), term.note, term.status])
    payload = {
        "title": edition.title,
        "engine": [edition.engine.name, edition.engine.model, edition.engine.is_gloss],
        "layout": layout,
        "pinyin": pinyin,
        "documents": documents,
        "terms": terms,
    }
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # surrogatepass: a lone surrogate in model output must not crash the hash (the book shows U+FFFD).
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()


def book_identifier(digest: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, digest)}"


def modified_time(edition: Edition) -> datetime:
    """The ``dcterms:modified`` date: when the edition's inputs last changed.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) wins when set;
    otherwise the newest modification time of the inputs: the documents, the
    glossary files and ``reader.toml``; otherwise a fixed date. Never the
    current time, so rebuilding unchanged inputs gives a byte-identical file.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    paths: list[Path] = []
    base = Path.cwd()
    if edition.glossary.directory:
        # Document paths are relative to the project root, the glossary directory's parent.
        glossary_dir = Path(edition.glossary.directory)
        base = glossary_dir.parent
        paths += [*glossary_dir.glob("*.toml"), base / "reader.toml"]
    for doc in edition.documents:
        if doc.document.path:
            path = Path(doc.document.path)
            paths.append(path if path.is_absolute() else base / path)
    newest = 0.0
    for path in paths:
        try:
            newest = max(newest, path.stat().st_mtime)
        except OSError:
            continue
    if newest <= 0:
        return FALLBACK_MODIFIED
    return datetime.fromtimestamp(int(newest), tz=timezone.utc)
