"""TBX-Basic (ISO 30042:2019, TBX v3) writing and reading.

One ``conceptEntry`` per term:

- ``descrip type="subjectField"``: the domain id; ``note``: the Markdown note;
  ``transacGrp`` (transactionType ``modification``, ``responsibility``,
  ``date``): who checked the term and when.
- ``langSec xml:lang="zh-Hans"``: the headword, with ``descripGrp`` context
  sentences (``descrip type="context"``, ``admin type="source"`` = document
  id) for the evidence of a suggested term.
- ``langSec xml:lang="zh-Hant"``: the traditional forms.
- ``langSec xml:lang="zh-Latn-pinyin"``: the pinyin (a romanised
  representation of the same term, tagged by BCP 47).
- ``langSec xml:lang="en"``: the approved rendering (``termType`` fullForm;
  ``administrativeStatus`` preferredTerm-admn-sts when checked,
  admittedTerm-admn-sts when draft), accepted forms (``termType`` variant,
  admittedTerm-admn-sts) and the abbreviation (``termType`` abbreviation).

Reading also accepts the older TBX 2 element names (termEntry, langSet, tig).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import xml.parsers.expat

from reader.errors import InputError
from reader.glossary.model import Glossary

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
SCHEMA = ('<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
          'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
          'schematypens="http://relaxng.org/ns/structure/1.0"?>')
PREFERRED, ADMITTED = "preferredTerm-admn-sts", "admittedTerm-admn-sts"


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes)
    element.text = text
    return element


def _lang_sec(entry: ET.Element, lang: str) -> ET.Element:
    return _element(entry, "langSec", **{_XML_LANG: lang})


def _term_sec(lang_sec: ET.Element, term: str, *notes: tuple[str, str]) -> ET.Element:
    term_sec = _element(lang_sec, "termSec")
    _element(term_sec, "term", term)
    for kind, value in notes:
        _element(term_sec, "termNote", value, type=kind)
    return term_sec


def write_tbx(glossary: Glossary) -> str:
    # ElementTree does the escaping, so no term, note or name can break the markup.
    root = ET.Element(f"{{{NAMESPACE}}}tbx", {"type": "TBX-Basic", "style": "dca", _XML_LANG: "zh-Hans"})
    source = _element(_element(_element(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    _element(source, "p", "Exported by reader glossary export")
    body = _element(_element(root, "text"), "body")
    for number, term in enumerate(glossary, start=1):
        entry = _element(body, "conceptEntry", id=f"c{number}")
        _element(entry, "descrip", term.domain, type="subjectField")
        if term.note:
            _element(entry, "note", term.note)
        if term.checked_by or term.checked_on:
            group = _element(entry, "transacGrp")
            _element(group, "transac", "modification", type="transactionType")
            if term.checked_by:
                _element(group, "transacNote", term.checked_by, type="responsibility")
            if term.checked_on:
                _element(group, "date", term.checked_on)
        headword = _term_sec(_lang_sec(entry, "zh-Hans"), term.zh)
        for evidence in term.evidence:
            context = _element(headword, "descripGrp")
            _element(context, "descrip", evidence.sentence, type="context")
            _element(context, "admin", evidence.document, type="source")
        if term.traditional:
            traditional = _lang_sec(entry, "zh-Hant")
            for form in term.traditional:
                _term_sec(traditional, form)
        _term_sec(_lang_sec(entry, "zh-Latn-pinyin"), term.pinyin)
        english = _lang_sec(entry, "en")
        _term_sec(english, term.english, ("termType", "fullForm"),
                  ("administrativeStatus", PREFERRED if term.is_checked else ADMITTED))
        for accepted in term.accepted:
            _term_sec(english, accepted, ("termType", "variant"), ("administrativeStatus", ADMITTED))
        if term.abbreviation:
            _term_sec(english, term.abbreviation, ("termType", "abbreviation"), ("administrativeStatus", ADMITTED))
    ET.indent(root)
    # TBX elements unprefixed (xmlns="..."), as TBX tools expect; a registration is the only
    # way ElementTree offers (its default_namespace option refuses unprefixed attributes).
    ET.register_namespace("", NAMESPACE)
    markup = ET.tostring(root, encoding="unicode")
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', SCHEMA, markup]) + "\n"


# Reading uses expat itself, not ElementTree: every problem and every imported
# term is reported with its line, and ElementTree does not keep line numbers.
class _Node:
    __slots__ = ("tag", "attrs", "children", "text", "line")

    def __init__(self, tag: str, attrs: dict, line: int):
        self.tag, self.attrs, self.children, self.text, self.line = tag, attrs, [], "", line

    def all(self, *tags: str) -> list["_Node"]:
        return [c for c in self.children if c.tag in tags]

    def first(self, *tags: str) -> "_Node | None":
        found = self.all(*tags)
        return found[0] if found else None


def _parse(text: str, shown: str) -> _Node:
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    root = _Node("#root", {}, 0)
    stack = [root]

    def start(name, attrs):
        node = _Node(name.rsplit("}", 1)[-1], attrs, parser.CurrentLineNumber)
        stack[-1].children.append(node)
        stack.append(node)

    def end(name):
        stack.pop()

    def data(chunk):
        stack[-1].text += chunk

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
    try:
        parser.Parse(text.encode("utf-8"), True)
    except xml.parsers.expat.ExpatError as exc:
        raise InputError(f"is not well-formed XML: {xml.parsers.expat.ErrorString(exc.code)} "
                         f"(line {exc.lineno}, column {exc.offset + 1})", path=shown, line=exc.lineno) from None
    return root


def _lang(node: _Node) -> str:
    for key, value in node.attrs.items():
        if key.endswith("lang"):
            return value.lower()
    return ""


def _notes(sec: _Node) -> dict[str, str]:
    notes = {}
    for child in sec.children:
        if child.tag == "termNote":
            notes[child.attrs.get("type", "")] = child.text.strip()
    return notes


def read_tbx(text: str, shown: str) -> list[tuple[int, dict]]:
    root = _parse(text, shown)
    tbx = root.first("tbx", "martif")
    if tbx is None:
        raise InputError("is not a TBX file (no <tbx> root element)", path=shown, line=1)
    body = (tbx.first("text") or _Node("", {}, 0)).first("body")
    if body is None:
        raise InputError("has no <text><body> with terms", path=shown, line=tbx.line)
    records = []
    for entry in body.all("conceptEntry", "termEntry"):
        record: dict = {"traditional": [], "accepted": [], "evidence": [], "_traditional_given": False}
        for child in entry.children:
            if child.tag == "descrip" and child.attrs.get("type") == "subjectField":
                record["domain"] = child.text.strip()
            elif child.tag == "note":
                record["note"] = child.text
            elif child.tag == "transacGrp":
                for item in child.children:
                    if item.tag == "transacNote" and item.attrs.get("type") == "responsibility":
                        record["checked_by"] = item.text.strip()
                    elif item.tag == "date":
                        record["checked_on"] = item.text.strip()[:10]
        for sec in entry.all("langSec", "langSet"):
            lang = _lang(sec)
            terms = sec.all("termSec", "tig")
            for term_sec in terms:
                term_node = term_sec.first("term")
                if term_node is None or not term_node.text.strip():
                    raise InputError("termSec has no <term>", path=shown, line=term_sec.line)
                value = term_node.text.strip()
                notes = _notes(term_sec)
                if lang in ("zh-latn-pinyin", "zh-latn"):
                    record["pinyin"] = value
                elif lang in ("zh-hant", "zh-tw", "zh-hk", "zh-mo"):
                    record["traditional"].append(value)
                    record["_traditional_given"] = True
                elif lang.startswith("zh"):
                    if "zh" in record:
                        record["accepted_zh"] = value
                        continue
                    record["zh"] = value
                    for group in term_sec.all("descripGrp"):
                        sentence, source = group.first("descrip"), group.first("admin")
                        if sentence is not None:
                            record["evidence"].append({"document": source.text.strip() if source else "",
                                                       "sentence": sentence.text.strip()})
                elif lang.startswith("en"):
                    kind = notes.get("termType", "")
                    if kind in ("abbreviation", "acronym", "shortForm") and not record.get("abbreviation"):
                        record["abbreviation"] = value
                    elif "english" not in record and kind != "variant":
                        record["english"] = value
                        status = notes.get("administrativeStatus")
                        record["status"] = "checked" if status == PREFERRED and record.get("checked_by") else "draft"
                    else:
                        record["accepted"].append(value)
        if "english" not in record and record["accepted"]:
            record["english"] = record["accepted"].pop(0)
        records.append((entry.line, record))
    return records
