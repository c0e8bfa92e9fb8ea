"""Encodings are read from the content: each sample document saved each way ingests to the same text."""

from __future__ import annotations

import codecs

import pytest

from conftest import TEXTS
from reader.ingest import ingest_bytes, ingest_file

DOC_IDS = sorted(path.stem for path in TEXTS.glob("*.md"))

# (label, how to encode a str, encoding ingest must report)
ENCODINGS = [
    ("utf-8", lambda text: text.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8-sig"),
    ("utf-16 le", lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "utf-16"),
    ("utf-16 be", lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16"),
    ("utf-32 le", lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"), "utf-32"),
    ("utf-32 be", lambda text: codecs.BOM_UTF32_BE + text.encode("utf-32-be"), "utf-32"),
    ("gb18030", lambda text: text.encode("gb18030"), "gb18030"),
]


@pytest.fixture(scope="module")
def originals():
    return {doc_id: ingest_file(TEXTS / f"{doc_id}.md") for doc_id in DOC_IDS}


@pytest.mark.parametrize("label,encode,reported", ENCODINGS, ids=[e[0] for e in ENCODINGS])
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_document_in_every_unicode_and_gb_encoding(originals, doc_id, label, encode, reported):
    text = (TEXTS / f"{doc_id}.md").read_text(encoding="utf-8")
    document = ingest_bytes(encode(text), f"{doc_id}.md")
    assert document.encoding == reported
    assert document.text == originals[doc_id].text
    assert document.title == originals[doc_id].title
    assert [s.normal for s in document.sentences()] == [s.normal for s in originals[doc_id].sentences()]


def test_gbk_text_is_read_as_gb18030(originals):
    for doc_id in DOC_IDS:
        text = (TEXTS / f"{doc_id}.md").read_text(encoding="utf-8")
        try:
            data = text.encode("gbk")
        except UnicodeEncodeError:
            continue  # a character GBK lacks
        document = ingest_bytes(data, f"{doc_id}.md")
        assert document.encoding == "gb18030"
        assert document.text == originals[doc_id].text


def test_traditional_document_in_big5(originals):
    doc_id = "05-liquidity-crisis-ai-bubble"
    text = (TEXTS / f"{doc_id}.md").read_text(encoding="utf-8")
    document = ingest_bytes(text.encode("big5"), f"{doc_id}.md")
    assert document.encoding in ("big5", "cp950", "big5hkscs")
    assert document.text == originals[doc_id].text
    assert document.script == "traditional"


def test_short_gb18030_and_big5_snippets_are_told_apart():
    simplified = "数字资本的扩张建立在对稀有资源的巨大消耗上。"
    traditional = "美聯儲資產負債表上持續失血的銀行準備金帳戶。"
    assert ingest_bytes(simplified.encode("gb18030"), "a.txt").text == simplified
    assert ingest_bytes(traditional.encode("big5"), "b.txt").text == traditional


def test_crlf_in_gb18030_with_front_matter(originals):
    doc_id = "01-digital-capital-contradictions"
    text = (TEXTS / f"{doc_id}.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    document = ingest_bytes(text.encode("gb18030"), f"{doc_id}.md")
    assert document.text == originals[doc_id].text
    assert document.title == originals[doc_id].title
