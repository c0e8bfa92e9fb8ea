"""A small hand-made edition for the EPUB tests, and the external checkers (epubcheck, pandoc).

The edition has what the EPUB must handle: headings at several levels,
emphasis, a list, a table, glossary terms (one draft, one never used),
pinyin, a flagged sentence, a sentence with no translation, a document in
traditional script and a document whose text is hostile markup.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree
from pypinyin import Style, lazy_pinyin

from conftest import require_tool
from reader.annotate import Word
from reader.document import Block, Document, Emphasis, Segment, Sentence
from reader.edition import DocumentEdition, Edition, EngineInfo
from reader.glossary.model import Glossary, Term, TermMatch
from reader.translate.model import TermCheck, Translation

KNOWN_ZH = "影子银行的规模正在扩大。"
KNOWN_EN = "The scale of shadow banking is expanding."
FLAGGED_ZH = "东数西算工程推动算力布局。"
UNTRANSLATED_ZH = "这一句没有译文。"
GLOSS_NOTICE = "The English here is a word-by-word gloss, not a translation. Install a model to translate."
HOSTILE_TITLE = "<script>alert('t')</script> & {{ title }}"
HOSTILE_ZH = "<script>alert(1)</script>与 a & b < c 以及 {{ x }} {% y %}。"
HOSTILE_HEADING_ZH = "标题<b>&amp;</b>。"
# Machine-translation output is not trusted either: markup, CDATA ends, control
# characters, DEL and C1 controls, a lone surrogate and noncharacters.
HOSTILE_EN = "</p><script>alert('x')</script> & ]]> a<b {{ x }} \x00\x07\x1b\x7f\x85\ud800\ufffe\U0001ffff end"
# What the book shows: the same text, each character XHTML cannot carry replaced by U+FFFD.
HOSTILE_EN_SHOWN = "</p><script>alert('x')</script> & ]]> a<b {{ x }} " + "\ufffd" * 8 + " end"

GLOSSARY_TERMS = [
    Term("影子银行", "shadow banking", "yǐngzi yínháng", "finance", "checked", accepted=("shadow banks",),
         traditional=("影子銀行",),
         note="Credit **outside** the banks; see [BIS](https://www.bis.org/). <script>alert('n')</script>"),
    Term("东数西算", "East Data, West Computing", "dōng shù xī suàn", "policy", "checked",
         traditional=("東數西算",), note="A national compute programme (全国一体化算力网)."),
    Term("特里芬悖论", "Triffin dilemma", "tèlǐfēn bèilùn", "finance", "draft"),
    Term("算力", "computing power", "suànlì", "compute", "checked"),
    Term("从未出现", "never used", "cóngwèi chūxiàn", "policy", "checked"),
]

# Pinyin for the words of the sentences below (jieba-like segmentation, by hand).
_READINGS = {
    "影子银行": ("yǐng", "zi", "yín", "háng"), "的": ("de",), "规模": ("guī", "mó"), "正在": ("zhèng", "zài"),
    "扩大": ("kuò", "dà"), "东数西算": ("dōng", "shù", "xī", "suàn"), "工程": ("gōng", "chéng"),
    "推动": ("tuī", "dòng"), "算力": ("suàn", "lì"), "布局": ("bù", "jú"), "西安": ("xī", "ān"),
    "特里芬悖论": ("tè", "lǐ", "fēn", "bèi", "lùn"),
}

# sentence text -> English; sentences missing here get no translation.
ENGLISH = {
    "第一章 金融": "Chapter One: Finance",
    KNOWN_ZH: KNOWN_EN,
    FLAGGED_ZH: "The project promotes the layout of computing power.",
    "特里芬悖论仍然存在。": "The Triffin dilemma still exists.",
    "一、要点": "I. Key points",
    "影子银行": "Shadow banking",
    "东数西算": "Data east, computing west",
    "项目": "Item",
    "数值": "Value",
    "西安": "Xi'an",
    "三": "three",
    "影子銀行的規模正在擴大。": "The scale of shadow banking is expanding (traditional).",
    HOSTILE_ZH: HOSTILE_EN,
    HOSTILE_HEADING_ZH: HOSTILE_EN,
}


def _segment(sentences: list[str], offset: int, block: int, segment: int, bold: str = "") -> Segment:
    built = []
    position = offset
    for n, text in enumerate(sentences):
        built.append(Sentence(f"s{block}-{segment}-{n}", text, position, position + len(text), text,
                              tuple(range(len(text) + 1))))
        position += len(text)
    text = "".join(sentences)
    emphasis = ()
    if bold and bold in text:
        start = offset + text.index(bold)
        emphasis = (Emphasis(start, start + len(bold)),)
    return Segment(text, offset, position, tuple(built), emphasis)


def make_document(doc_id: str, title: str, spec: list[tuple], script: str = "simplified",
                  source: str = "example.org") -> Document:
    """Build a Document from ``(kind, payload)`` specs with exact offsets.

    heading: ``(level, sentence)``; paragraph/quote: ``[sentences]`` (optionally a bold substring as a 3rd item);
    list: ``[[sentences], ...]``; table: ``[[[sentences], ...], ...]`` rows of cells.
    """
    text = ""
    blocks = []
    for index, (kind, payload, *rest) in enumerate(spec):
        if text:
            text += "\n"
        if kind == "heading":
            level, sentence = payload
            segment = _segment([sentence], len(text), index, 0)
            text += segment.text
            blocks.append(Block("heading", index, (segment,), level=level))
        elif kind in ("paragraph", "quote"):
            segment = _segment(payload, len(text), index, 0, rest[0] if rest else "")
            text += segment.text
            blocks.append(Block(kind, index, (segment,)))
        elif kind == "list":
            segments = []
            for n, item in enumerate(payload):
                if n:
                    text += "\n"
                segments.append(_segment(item, len(text), index, n))
                text += segments[-1].text
            blocks.append(Block("list", index, tuple(segments)))
        elif kind == "table":
            rows, n = [], 0
            for row in payload:
                cells = []
                for cell in row:
                    if n:
                        text += "\n"
                    cells.append(_segment(cell, len(text), index, n))
                    text += cells[-1].text
                    n += 1
                rows.append(tuple(cells))
            blocks.append(Block("table", index, rows=tuple(rows)))
    document = Document(doc_id, f"texts/{doc_id}.md", title, text, tuple(blocks), "utf-8", script,
                        source=source, date="2025-06-01")
    for sentence in document.sentences():
        assert document.text[sentence.start:sentence.end] == sentence.text
    return document


def _words(sentence: Sentence) -> list[Word]:
    words, i = [], 0
    text = sentence.text
    while i < len(text):
        for size in (5, 4, 2, 1):
            piece = text[i:i + size]
            if len(piece) == size and piece in _READINGS:
                words.append(Word(piece, i, i + size, piece, _READINGS[piece], True))
                i += size
                break
        else:
            is_han = "\u4e00" <= text[i] <= "\u9fff"
            reading = tuple(lazy_pinyin(text[i], style=Style.TONE)) if is_han else ()
            words.append(Word(text[i], i, i + 1, text[i], reading, is_han))
            i += 1
    return words


def document_edition(document: Document, glossary: Glossary, translate: bool = True) -> DocumentEdition:
    edition = DocumentEdition(document)
    for sentence in document.sentences():
        edition.words[sentence.id] = _words(sentence)
        matches = []
        for term in glossary:
            for form in (term.zh, *term.traditional):
                at = sentence.text.find(form)
                if at >= 0:
                    matches.append(TermMatch(term.zh, at, at + len(form), form))
        edition.terms[sentence.id] = matches
        english = ENGLISH.get(sentence.text)
        if not translate or english is None:
            continue
        checks = []
        for match in matches:
            term = glossary.get(match.zh)
            found = next((english.lower().find(f.lower()) for f in term.english_forms()
                          if f.lower() in english.lower()), -1)
            if found >= 0:
                checks.append(TermCheck(term.zh, term.english, "placed" if term.is_checked else "annotated",
                                        "substitute", found, found + len(term.english)))
            else:
                checks.append(TermCheck(term.zh, term.english, "flagged" if term.is_checked else "annotated"))
        edition.translations[sentence.id] = Translation(
            f"{document.id}#{sentence.id}", sentence.text, english, "test", "test-1", "mt", tuple(checks))
    return edition


def make_glossary() -> Glossary:
    return Glossary({t.zh: t for t in GLOSSARY_TERMS}, {"finance": "Finance and money", "policy": "Policy",
                                                        "compute": "Compute"})


def make_edition(*, gloss: bool = False, translate: bool = True, hostile: bool = True) -> Edition:
    glossary = make_glossary()
    finance = make_document("finance", "第一章 金融", [
        ("heading", (1, "第一章 金融")),
        ("paragraph", [KNOWN_ZH, FLAGGED_ZH], "规模"),
        ("heading", (2, "一、要点")),
        ("list", [["影子银行"], ["东数西算"]]),
        ("table", [[["项目"], ["数值"]], [["西安"], ["三"]]]),
        ("quote", ["特里芬悖论仍然存在。", UNTRANSLATED_ZH]),
    ])
    traditional = make_document("taiwan", "繁體文章", [
        ("paragraph", ["影子銀行的規模正在擴大。"]),
    ], script="traditional", source="Reposted from 聯合新聞網 (udn.com)")
    documents = [finance, traditional]
    if hostile:
        documents.append(make_document("hostile", HOSTILE_TITLE, [
            ("heading", (2, HOSTILE_HEADING_ZH)),
            ("paragraph", [HOSTILE_ZH]),
        ]))
    engine = (EngineInfo("gloss", "", True, GLOSS_NOTICE) if gloss
              else EngineInfo("test", "test-1", False))
    editions = [document_edition(d, glossary, translate) for d in documents]
    return Edition("政经读本 · A Test Reader", "test-reader", editions, glossary, engine)


# --- external checkers -------------------------------------------------------------------------

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")


def epubcheck_command() -> list[str]:
    """Debian's ``epubcheck`` is a jar linked into /usr/bin that only runs through binfmt; call java."""
    found = shutil.which("epubcheck")
    if found and Path(found).resolve().suffix != ".jar":
        return [found]
    jar = Path(found).resolve() if found else EPUBCHECK_JAR
    require_tool(jar.is_file() and shutil.which("java") is not None, "epubcheck (with java)")
    # C1-only JIT and the serial collector nearly halve a short run's start-up cost.
    return ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)]


def epubcheck(path: Path) -> dict:
    """Run epubcheck with JSON output; return counts and the messages."""
    report = path.with_suffix(".epubcheck.json")
    proc = subprocess.run([*epubcheck_command(), str(path), "--json", str(report)],
                          capture_output=True, text=True, timeout=300)
    if not report.is_file():
        pytest.fail(f"epubcheck wrote no report (exit {proc.returncode}): {proc.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    checker = data["checker"]
    messages = [
        f"{m['severity']} {m['ID']}: {m['message']} @ "
        + ", ".join(f"{loc['path']}:{loc['line']}" for loc in m.get("locations", []))
        for m in data["messages"]
    ]
    return {
        "exit": proc.returncode,
        "fatal": checker["nFatal"],
        "errors": checker["nError"],
        "warnings": checker["nWarning"],
        "messages": messages,
        "publication": data.get("publication", {}),
    }


def pandoc_text(path: Path) -> str:
    require_tool(shutil.which("pandoc") is not None, "pandoc")
    proc = subprocess.run(["pandoc", "-f", "epub", "-t", "plain", "--wrap=none", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def read_book(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


# --- references inside the book ------------------------------------------------------------------

_REFERENCES = {  # file suffix -> XPath of every attribute that names another file of the book
    ".opf": "//*[local-name()='item']/@href",
    ".ncx": "//*[local-name()='content']/@src",
    ".xhtml": "//*[local-name()='a']/@href | //*[local-name()='img']/@src | //*[local-name()='link']/@href",
    ".svg": "//@*[local-name()='href']",
}


def broken_references(files: dict[str, bytes]) -> list[str]:
    """Every reference from one file of the book to another (and to an id in it) that does not resolve.

    ``files`` maps zip entry names to bytes (``EpubBook.files`` or ``read_book``).
    Also reports files in the zip that the manifest does not list.
    """
    broken = []
    container = etree.fromstring(files["META-INF/container.xml"])
    opf = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
    if opf not in files:
        return [f"container.xml names {opf}, which is not in the book"]
    ids = {name: set(etree.fromstring(data).xpath("//@id")) for name, data in files.items()
           if name.endswith((".xhtml", ".svg"))}
    listed = {"mimetype", "META-INF/container.xml", opf}
    for name, data in files.items():
        query = next((q for suffix, q in _REFERENCES.items() if name.endswith(suffix)), None)
        if query is None:
            continue
        for ref in etree.fromstring(data).xpath(query):
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                if parts.scheme not in ("http", "https", "mailto"):
                    broken.append(f"{name}: {ref} is neither inside the book nor a web link")
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) \
                if parts.path else name
            if name == opf:
                listed.add(target)
            if target not in files:
                broken.append(f"{name}: {ref} names a file that is not in the book")
            elif parts.fragment and parts.fragment not in ids.get(target, set()):
                broken.append(f"{name}: {ref} names an id that {target} does not have")
    broken += [f"{name} is in the zip but not in the manifest" for name in files if name not in listed]
    return broken
