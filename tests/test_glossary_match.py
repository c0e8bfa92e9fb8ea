"""Matching glossary terms: longest first, overlaps, traditional text, spans in the original."""

from __future__ import annotations

import pytest

from conftest import GLOSSARY, TEXTS
from reader.document import Sentence
from reader.glossary import TermMatcher, lexicon, load_glossary
from reader.glossary.model import Glossary, Term
from reader.ingest import ingest_file
from reader.script import to_normal


def sentence(text: str, script: str = "simplified") -> Sentence:
    normal, offsets = to_normal(text, script)
    return Sentence("s1", text, 0, len(text), normal, offsets)


def glossary_of(*pairs: tuple[str, tuple[str, ...]]) -> Glossary:
    terms = {zh: Term(zh=zh, english=zh, pinyin="", domain="finance", traditional=trad) for zh, trad in pairs}
    return Glossary(terms=terms)


def spans(matcher: TermMatcher, s: Sentence) -> list[tuple[str, int, int, str]]:
    return [(m.zh, m.start, m.end, m.surface) for m in matcher.match(s)]


def test_longest_match_wins():
    matcher = TermMatcher(glossary_of(("银行", ("銀行",)), ("影子银行", ("影子銀行",))))
    assert spans(matcher, sentence("影子银行和银行")) == [("影子银行", 0, 4, "影子银行"), ("银行", 5, 7, "银行")]


def test_overlaps_are_resolved_leftmost_longest():
    matcher = TermMatcher(glossary_of(("数字货币", ()), ("货币政策", ()), ("央行数字货币", ())))
    # 央行数字货币 starts first and is longest there; 货币政策 overlaps it and is dropped.
    assert spans(matcher, sentence("央行数字货币政策")) == [("央行数字货币", 0, 6, "央行数字货币")]
    assert spans(matcher, sentence("数字货币政策")) == [("数字货币", 0, 4, "数字货币")]


def test_latin_terms_match_whole_words_without_case():
    matcher = TermMatcher(glossary_of(("G20", ()), ("超级AI资本矩阵", ())))
    assert spans(matcher, sentence("G20峰会,不是G200")) == [("G20", 0, 3, "G20")]
    assert spans(matcher, sentence("“超级ai资本矩阵”")) == [("超级AI资本矩阵", 1, 9, "超级ai资本矩阵")]


def test_traditional_and_taiwan_vocabulary_map_to_original_spans():
    matcher = TermMatcher(glossary_of(("算法", ()), ("芯片", ("晶片",)), ("影子银行", ("影子銀行",))))
    s = sentence("影子銀行用演算法買晶片", "traditional")
    assert spans(matcher, s) == [("影子银行", 0, 4, "影子銀行"), ("算法", 5, 8, "演算法"), ("芯片", 9, 11, "晶片")]


def test_empty_glossary_matches_nothing():
    assert TermMatcher(Glossary()).match(sentence("影子银行")) == []


@pytest.fixture(scope="module")
def real():
    glossary = load_glossary(GLOSSARY)
    return glossary, TermMatcher(glossary)


def test_real_traditional_document_004(real):
    glossary, matcher = real
    document = ingest_file(TEXTS / "05-liquidity-crisis-ai-bubble.md")
    assert document.script == "traditional"
    found = [(m.zh, m.surface) for s in document.sentences() for m in matcher.match(s)]
    assert ("芯片", "晶片") in found
    # 演算法 (Taiwan) normalises to 算法 inside the longer term 算法霸权: the span covers all of 演算法霸權.
    assert ("算法霸权", "演算法霸權") in found
    for s in document.sentences():
        for m in matcher.match(s):
            assert s.text[m.start:m.end] == m.surface
            assert m.zh in glossary
    assert sum(1 for zh, _ in found if zh == "芯片") >= 2


def test_real_glossary_prefers_the_long_term(real):
    glossary, matcher = real
    assert "影子银行" in glossary
    s = sentence("影子银行、结构性金融与衍生品")
    assert spans(matcher, s)[0][:3] == ("影子银行", 0, 4)


def test_lexicon_gives_checked_readings_for_headwords_and_normal_forms():
    glossary = Glossary(terms={
        "数字人民币": Term(zh="数字人民币", english="e-CNY", pinyin="shùzì rénmínbì", domain="finance",
                      traditional=("數位人民幣",)),
    })
    words = lexicon(glossary)
    assert words["数字人民币"] == "shùzì rénmínbì"
    assert words == {"数字人民币": "shùzì rénmínbì"}  # 數位人民幣 normalises to the headword itself
