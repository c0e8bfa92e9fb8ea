"""Term enforcement: placed, retried with the other method, flagged; never a silent miss."""

from __future__ import annotations

import pytest
from tinymodel import WordEngine, make_glossary, make_requests

from reader.translate import TranslationMemory, open_engine, translate_sentences
from reader.translate import enforce

GLOSSARY = make_glossary(
    ("影子银行", "shadow banking", "checked", "shadow banks"),
    ("银行", "bank", "checked", "banks"),
    ("特里芬悖论", "Triffin dilemma", "checked", "Triffin paradox"),
    ("算法", "algorithm", "draft"),
)
WORDS = {"风险": "risk", "很大": "is large", "和": "and", "交易": "trading", "的": "of", "我们": "we", "研究": "study"}


@pytest.fixture
def memory(tmp_path):
    with TranslationMemory(tmp_path / "memory.sqlite") as memory:
        yield memory


def checks_of(run, request_id):
    return run.translations[request_id].terms


def test_substitution_places_checked_terms_with_spans(memory):
    engine = WordEngine(WORDS)
    requests = make_requests(["影子银行的风险很大。"], GLOSSARY)
    run = translate_sentences(requests, GLOSSARY, engine, memory)
    translation = run.translations["doc#s1"]
    (check,) = translation.terms
    assert check.outcome == "placed" and check.method == "substitute"
    assert translation.english[check.english_start:check.english_end] == "shadow banking"
    assert engine.calls == [["shadow banking 的风险很大。"]]
    assert run.summary.retried == 0


def test_failed_substitution_is_retried_with_placeholders_in_one_batch(memory):
    # The engine loses the English put into the source, but keeps placeholder tokens.
    engine = WordEngine(WORDS, drop=("shadow banking", "Triffin dilemma"))
    texts = ["影子银行的风险很大。", "特里芬悖论和影子银行。", "我们研究交易。"]
    run = translate_sentences(make_requests(texts, GLOSSARY), GLOSSARY, engine, memory)
    assert len(engine.calls) == 2  # first attempt for all, then one batch of the two retries
    assert engine.calls[1] == ["ZX1Q 的风险很大。", "ZX1Q 和 ZX2Q 。"]
    assert run.summary.retried == 2
    for request_id in ("doc#s1", "doc#s2"):
        translation = run.translations[request_id]
        for check in translation.terms:
            assert check.outcome == "placed" and check.method == "placeholder"
            found = translation.english[check.english_start:check.english_end]
            assert found.lower() == check.english.lower()
    assert run.translations["doc#s3"].english == "we study trading."
    assert run.summary.placed == run.summary.checked_occurrences == 3


def test_term_lost_by_both_methods_is_flagged_with_the_english_produced(memory):
    engine = WordEngine(WORDS, drop=("shadow banking",), lose_placeholders=True)
    run = translate_sentences(make_requests(["影子银行的风险很大。"], GLOSSARY), GLOSSARY, engine, memory)
    translation = run.translations["doc#s1"]
    (check,) = translation.terms
    assert check.outcome == "flagged" and check.english == "shadow banking"
    assert check.english_start is None
    assert translation.flagged and translation.english == "of risk is large."
    assert run.summary.flagged == 1 and run.summary.placed == 0 and run.summary.checked_occurrences == 1


def test_a_term_used_twice_needs_its_english_twice():
    prepared = enforce.prepare(*_one("影子银行和影子银行。"), GLOSSARY)
    checks = enforce.verify("shadow banking and more", prepared, "substitute")
    assert [c.outcome for c in checks] == ["placed", "flagged"]
    checks = enforce.verify("Shadow Banking and shadow-banking", prepared, "substitute")
    assert [c.outcome for c in checks] == ["placed", "placed"]
    assert (checks[1].english_start, checks[1].english_end) == (19, 33)


def test_accepted_forms_count_whole_words_only():
    prepared = enforce.prepare(*_one("特里芬悖论。"), GLOSSARY)
    assert enforce.verify("the Triffin paradox again", prepared, "model")[0].outcome == "placed"
    assert enforce.verify("the Triffin dilemmas", prepared, "model")[0].outcome == "flagged"
    prepared = enforce.prepare(*_one("银行。"), GLOSSARY)
    assert enforce.verify("banks and banking", prepared, "model")[0].outcome == "placed"
    assert enforce.verify("embankment", prepared, "model")[0].outcome == "flagged"


def test_a_shorter_term_does_not_borrow_a_longer_terms_words():
    # 影子银行 then 银行: "shadow banking" must not also count as "bank"... nor "banking" as "bank".
    prepared = enforce.prepare(*_one("影子银行和银行。"), GLOSSARY)
    checks = enforce.verify("shadow banking and banks", prepared, "substitute")
    assert [c.outcome for c in checks] == ["placed", "placed"]
    assert (checks[1].english_start, checks[1].english_end) == (19, 24)
    checks = enforce.verify("shadow banking only", prepared, "substitute")
    assert [c.outcome for c in checks] == ["placed", "flagged"]


def test_draft_terms_are_annotated_not_enforced(memory):
    engine = WordEngine(WORDS)
    run = translate_sentences(make_requests(["算法交易。"], GLOSSARY), GLOSSARY, engine, memory)
    (check,) = run.translations["doc#s1"].terms
    assert check.outcome == "annotated" and check.method == ""
    assert engine.calls == [["算法交易。"]]  # the source went in untouched
    assert run.summary.checked_occurrences == 0


def test_traditional_source_is_translated_from_its_normal_form(memory):
    glossary = make_glossary(("影子银行", "shadow banking", "checked"), ("算法", "algorithm", "checked"))
    engine = WordEngine(WORDS)
    requests = make_requests(["影子銀行的演算法交易。"], glossary)
    assert [m.surface for m in requests[0].matches] == ["影子銀行", "演算法"]
    run = translate_sentences(requests, glossary, engine, memory)
    assert engine.calls == [["shadow banking 的 algorithm 交易。"]]
    assert [c.outcome for c in run.translations["doc#s1"].terms] == ["placed", "placed"]


def test_one_check_per_match_in_order_even_for_unknown_headwords(memory):
    requests = make_requests(["影子银行和特里芬悖论。"], GLOSSARY)
    smaller = make_glossary(("特里芬悖论", "Triffin dilemma", "checked"))  # 影子银行 removed since matching
    run = translate_sentences(requests, smaller, WordEngine(WORDS), memory)
    checks = run.translations["doc#s1"].terms
    assert [(c.zh, c.outcome) for c in checks] == [("影子银行", "annotated"), ("特里芬悖论", "placed")]


def test_tiny_real_model_flags_what_it_cannot_place(memory, installed_tiny):
    engine = open_engine("argos")
    texts = ["影子银行的风险很大。", "特里芬悖论和影子银行。", "数字技术驱动的资本。"]
    run = translate_sentences(make_requests(texts, GLOSSARY), GLOSSARY, engine, memory)
    summary = run.summary
    assert summary.checked_occurrences == 3
    assert summary.placed + sum(
        1 for t in run.translations.values() for c in t.terms if c.outcome == "flagged"
    ) == summary.checked_occurrences  # no silent misses
    assert summary.flagged >= 1  # random weights cannot produce English terms
    assert summary.retried == 2  # both sentences with checked terms were retried, together
    for translation in run.translations.values():
        assert translation.english and translation.engine == "argos"


def _one(text):
    requests = make_requests([text], GLOSSARY)
    return requests[0].sentence, requests[0].matches


def test_approved_forms_claim_words_before_accepted_forms_and_abbreviations():
    from reader.glossary.model import Term

    glossary = make_glossary(
        Term("人工智能", "artificial intelligence", "", "t", status="checked", abbreviation="AI"),
        ("AI基建", "AI infrastructure", "checked"),
        ("华为", "Huawei", "checked"),
        ("昇腾", "Ascend", "checked", "Huawei Ascend"),
    )
    requests = make_requests(["通过AI基建将人工智能变成资源，华为昇腾。"], glossary)
    sentence, matches = requests[0].sentence, requests[0].matches
    assert [m.zh for m in matches] == ["AI基建", "人工智能", "华为", "昇腾"]
    prepared = enforce.prepare(sentence, matches, glossary)
    english = 'through "AI infrastructure", make artificial intelligence a resource, Huawei Ascend.'
    checks = enforce.verify(english, prepared, "gloss")
    assert [c.outcome for c in checks] == ["placed"] * 4
    assert [english[c.english_start:c.english_end] for c in checks] == [
        "AI infrastructure", "artificial intelligence", "Huawei", "Ascend"]
    # The abbreviation still counts where it is all there is.
    checks = enforce.verify("AI infrastructure and AI, Huawei Ascend", prepared, "model")
    assert [c.outcome for c in checks] == ["placed"] * 4


class ManglingEngine(WordEngine):
    """Loses substituted English and gives placeholders back the way real models garble copied codes."""

    MANGLED = {"ZX1Q": "zx 1 q", "ZX2Q": "Z X-2Q"}

    def _one(self, source: str) -> str:
        english = super()._one(source)
        for token, mangled in self.MANGLED.items():
            english = english.replace(token, mangled)
        return english


def test_placeholders_are_restored_however_the_engine_spaces_or_cases_them(memory):
    engine = ManglingEngine(WORDS, drop=("shadow banking", "Triffin dilemma"))
    run = translate_sentences(make_requests(["特里芬悖论和影子银行的风险。"], GLOSSARY), GLOSSARY, engine, memory)
    assert engine.calls[1] == ["ZX1Q 和 ZX2Q 的风险。"]  # what the engine was given on the retry
    translation = run.translations["doc#s1"]
    assert translation.english == "Triffin dilemma and shadow banking of risk."
    assert [(c.zh, c.outcome, c.method) for c in translation.terms] == [
        ("特里芬悖论", "placed", "placeholder"), ("影子银行", "placed", "placeholder")]
    for check in translation.terms:  # the spans point at the restored English, not at the garbled token
        assert translation.english[check.english_start:check.english_end] == check.english


def test_restore_handles_every_copy_and_leaves_other_numbers_alone():
    english = enforce.restore("ZX1Q, zx1q and ZX12Q; AZX1Q", {1: "shadow banking"})
    assert english == "Shadow banking, shadow banking and ZX12Q; AZX1Q"
    assert enforce.restore("Z-X 1.Q", {1: "Triffin dilemma"}) == "Triffin dilemma"


def test_restored_english_starts_a_sentence_with_a_capital():
    assert enforce.restore("zx1q is large.", {1: "shadow banking"}) == "Shadow banking is large."
    assert enforce.restore('"ZX1Q" and ZX2Q', {1: "shadow banking", 2: "shadow banking"}) == (
        '"Shadow banking" and shadow banking')
