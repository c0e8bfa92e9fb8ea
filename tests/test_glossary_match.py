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


def test_real_traditional_document_05(real):
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


def test_short_terms_across_word_boundaries_and_the_longer_term_remedy():
    """Matching knows no word boundaries: a short term fires wherever its characters meet.

    上合 (SCO) is inside 以上合作 ("the above cooperation"). Leftmost-longest is
    the rule that resolves it: a glossary term that starts earlier wins, so the
    remedy is a longer term covering the false context (as 金融创新 covers 融创).
    """
    short = TermMatcher(glossary_of(("上合", ())))
    assert spans(short, sentence("以上合作")) == [("上合", 1, 3, "上合")]  # the known false positive
    guarded = TermMatcher(glossary_of(("上合", ()), ("以上", ())))
    assert spans(guarded, sentence("以上合作")) == [("以上", 0, 2, "以上")]
    assert spans(guarded, sentence("金砖、上合框架")) == [("上合", 3, 5, "上合")]
    # Same start: the longer wins; different starts: the earlier wins even when shorter.
    chain = TermMatcher(glossary_of(("金融", ()), ("金融创新", ()), ("融创", ()), ("创新", ())))
    assert spans(chain, sentence("金融创新")) == [("金融创新", 0, 4, "金融创新")]
    assert spans(chain, sentence("融创新")) == [("融创", 0, 2, "融创")]
    # The result does not depend on the order terms were read in.
    reverse = TermMatcher(glossary_of(("创新", ()), ("融创", ()), ("金融创新", ()), ("金融", ())))
    for text in ("金融创新", "融创新", "以金融创新融创"):
        assert spans(chain, sentence(text)) == spans(reverse, sentence(text))


def test_real_glossary_short_terms_in_the_corpus(real):
    """The data guards: 融创 (Sunac) never fires inside 金融创新; 上合 is found once, in 04."""
    glossary, matcher = real
    assert [m.zh for m in matcher.match(sentence("推动金融创新"))] == ["金融创新"]
    found = []
    for path in sorted(TEXTS.glob("*.md")):
        document = ingest_file(path)
        found += [(document.id, s.text[m.start - 3:m.end + 2]) for s in document.sentences()
                  for m in matcher.match(s) if m.zh == "上合"]
    assert found == [("04-ai-world-great-power-rivalry", "金砖、上合框架")]
