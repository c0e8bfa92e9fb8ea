"""TMX 1.4 exchange for the translation memory: export for translators, import their post-edits.

Export writes one ``<tu>`` per memory entry, word glosses aside (source language ``zh``, a
``zh`` and an ``en`` ``<tuv>``) with ``<prop>``s saying where it came from:
``x-origin`` (``mt`` or ``human``), and for machine entries ``x-engine``,
``x-model``, ``x-terms``, ``x-method`` and ``x-mt-sha1``, the hash of the
English as the engine wrote it.

Import reads every ``<tu>`` with a zh and an en segment. A machine entry
that comes back with its English untouched (the hash still matches) is
restored as the machine translation it was, so export and import round-trip;
anything else, an edited machine translation or a segment from another
tool, is a human translation and overrides machine translation of that
source from then on. The whole file is read and checked before anything is
written: a broken file changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from reader import __version__
from reader.errors import InputError
from reader.translate.memory import HumanEntry, MachineEntry, MemoryKey, TranslationMemory

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry; written out, they would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
SOURCE_LANG = "zh"
TARGET_LANG = "en"


def english_hash(english: str) -> str:
    return hashlib.sha1(english.encode("utf-8")).hexdigest()


def _tu(parent: ET.Element, source: str, english: str, props: dict[str, str], created: str) -> None:
    tu = ET.SubElement(parent, "tu")
    if created:
        tu.set("creationdate", _tmx_date(created))
    for name, value in props.items():
        prop = ET.SubElement(tu, "prop", type=name)
        prop.text = value
    for lang, text in ((SOURCE_LANG, source), (TARGET_LANG, english)):
        tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
        ET.SubElement(tuv, "seg").text = _NOT_XML.sub("", text)


def _tmx_date(iso: str) -> str:
    """TMX dates are ``YYYYMMDDThhmmssZ``."""
    try:
        moment = datetime.fromisoformat(iso).astimezone(timezone.utc)
    except ValueError:
        return ""
    return moment.strftime("%Y%m%dT%H%M%SZ")


def tmx_entries(memory: TranslationMemory, *, include_gloss: bool = False) -> tuple[list[HumanEntry], list[MachineEntry]]:
    """What an export holds: every human entry, and the machine ones (word glosses only if asked for).

    The gloss is kept in the memory as a cache, but it is not a translation:
    a TMX for translators leaves it out unless they want it to post-edit.
    """
    machine = [e for e in memory.machine_entries() if include_gloss or e.key.engine != "gloss"]
    return list(memory.human_entries()), machine


def export_tmx(memory: TranslationMemory, *, include_gloss: bool = False) -> str:
    """The memory as a TMX 1.4 document (human entries first; word glosses only with ``include_gloss``)."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "reader",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "reader-memory",
            "adminlang": "en",
            "srclang": SOURCE_LANG,
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    human, machine = tmx_entries(memory, include_gloss=include_gloss)
    for entry in human:
        props = {"x-origin": "human"}
        if entry.note:
            props["x-note"] = entry.note
        _tu(body, entry.source, entry.english, props, entry.created)
    for entry in machine:
        props = {
            "x-origin": "mt",
            "x-engine": entry.key.engine,
            "x-model": entry.key.model,
            "x-terms": entry.key.terms,
            "x-method": entry.method,
            "x-mt-sha1": english_hash(_NOT_XML.sub("", entry.english)),
        }
        _tu(body, entry.key.source, entry.english, props, entry.created)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _iso_date(tmx_date: str) -> str:
    """``YYYYMMDDThhmmssZ`` as ISO 8601, "" when absent or malformed (the import time is used then)."""
    try:
        return datetime.strptime(tmx_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc).isoformat()
    except ValueError:
        return ""


@dataclass
class ImportResult:
    human: int = 0
    machine: int = 0
    skipped: int = 0  # <tu> without both a zh and an en segment

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _segments(tu: ET.Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for tuv in tu.findall("tuv"):
        lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
        seg = tuv.find("seg")
        if seg is None:
            continue
        text = "".join(seg.itertext()).strip()
        primary = lang.split("-")[0]
        if primary in (SOURCE_LANG, TARGET_LANG) and text:
            found.setdefault(primary, text)
    return found


def _normalize(source: str) -> str:
    """The memory's key form of a source sentence: the ingest normal form, stripped."""
    from reader.script import to_normal

    return to_normal(source.strip())[0].strip()


def read_tmx(path: Path) -> tuple[list[HumanEntry], list[MachineEntry], int]:
    """Parse and check a TMX file; InputError (with the line) if it is not one."""
    try:
        tree = ET.parse(path)
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(f"is not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})", path=path,
                         line=line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read ({exc})", path=path) from None
    root = tree.getroot()
    if root.tag != "tmx" or root.find("body") is None:
        raise InputError("is not a TMX file (expected <tmx> with a <body>)", path=path)
    humans: list[HumanEntry] = []
    machines: list[MachineEntry] = []
    skipped = 0
    for tu in root.find("body").iter("tu"):
        segments = _segments(tu)
        if SOURCE_LANG not in segments or TARGET_LANG not in segments:
            skipped += 1
            continue
        props = {p.get("type", ""): (p.text or "") for p in tu.findall("prop")}
        source, english = _normalize(segments[SOURCE_LANG]), segments[TARGET_LANG]
        created = _iso_date(tu.get("creationdate", ""))
        untouched_mt = (
            props.get("x-origin") == "mt"
            and props.get("x-engine")
            and props.get("x-mt-sha1") == english_hash(english)
        )
        if untouched_mt:
            key = MemoryKey(source, props["x-engine"], props.get("x-model", ""), props.get("x-terms", ""))
            machines.append(MachineEntry(key, english, props.get("x-method", "model"), created))
        else:
            # A post-edit dates from its import; a human entry keeps the date it was exported with.
            kept = created if props.get("x-origin") == "human" else ""
            humans.append(HumanEntry(source, english, props.get("x-note", ""), kept))
    return humans, machines, skipped


def import_tmx(path: str | Path, memory: TranslationMemory) -> ImportResult:
    path = Path(path)
    humans, machines, skipped = read_tmx(path)
    if not humans and not machines:
        raise InputError("has no translation units with both a zh and an en segment", path=path)
    memory.store_all(humans, machines)
    return ImportResult(human=len(humans), machine=len(machines), skipped=skipped)
