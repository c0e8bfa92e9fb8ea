"""translate_sentences: memory hits, one translation per distinct source, exact retranslation, humans win."""

from __future__ import annotations

import dataclasses

import pytest
from tinymodel import WordEngine, make_glossary, make_requests

from reader.translate import HumanEntry, TranslationMemory, open_engine, translate_sentences

WORDS = {"风险": "risk", "很大": "is large", "和": "and", "交易": "trading", "的": "of", "资本": "capital"}
TEXTS = [
    "影子银行的风险很大。",
    "特里芬悖论和交易。",
    "资本的风险。",
    "影子银行和资本。",
    "交易的风险很大。",
    "影子银行的风险很大。",  # the same source again
]


def glossary(shadow_banking: str = "shadow banking"):
    return make_glossary(
        ("影子银行", shadow_banking, "checked"),
        ("特里芬悖论", "Triffin dilemma", "checked"),
        ("资本", "capital", "draft"),
    )


@pytest.fixture
def memory_path(tmp_path):
    return tmp_path / "builds" / ".cache" / "memory.sqlite"


def run_once(memory_path, engine, terms=None, texts=TEXTS):
    terms = terms or glossary()
    with TranslationMemory(memory_path) as memory:
        return translate_sentences(make_requests(texts, terms), terms, engine, memory)


def test_identical_sources_are_translated_once_and_rerun_comes_from_memory(memory_path):
    engine = WordEngine(WORDS)
    first = run_once(memory_path, engine)
    assert engine.translated == 5  # six sentences, five distinct sources
    assert first.summary.translated == 6 and first.summary.from_memory == 0
    assert first.translations["doc#s1"].english == first.translations["doc#s6"].english
    assert {t.origin for t in first.translations.values()} == {"mt"}

    again = WordEngine(WORDS)
    second = run_once(memory_path, again)
    assert again.calls == []
    assert second.summary.from_memory == 6 and second.summary.translated == 0
    for request_id, translation in second.translations.items():
        assert translation.origin == "memory"
        assert translation.english == first.translations[request_id].english
        assert translation.terms == first.translations[request_id].terms


def test_changing_one_terms_english_retranslates_exactly_its_sentences(memory_path):
    run_once(memory_path, WordEngine(WORDS))
    engine = WordEngine(WORDS)
    run = run_once(memory_path, engine, glossary("shadow finance"))
    # 影子银行 is in s1, s4 and s6 (s6 = s1): two distinct sources to translate again.
    assert engine.translated == 2
    assert sorted(s for batch in engine.calls for s in batch) == ["shadow finance 和资本。", "shadow finance 的风险很大。"]
    assert run.summary.from_memory == 3 and run.summary.translated == 3
    assert run.translations["doc#s1"].terms[0].english == "shadow finance"
    assert run.translations["doc#s1"].terms[0].outcome == "placed"


def test_draft_term_changes_and_other_engines_or_models_miss_the_memory(memory_path):
    run_once(memory_path, WordEngine(WORDS))
    terms = glossary()
    terms.terms["资本"] = dataclasses.replace(terms.terms["资本"], english="funds")  # a draft: not in the key
    engine = WordEngine(WORDS)
    run_once(memory_path, engine, terms)
    assert engine.calls == []
    other_model = WordEngine(WORDS, model="words-2")
    run_once(memory_path, other_model)
    assert other_model.translated == 5


def test_human_translations_override_machine_ones(memory_path):
    run_once(memory_path, WordEngine(WORDS))
    with TranslationMemory(memory_path) as memory:
        memory.store_human([HumanEntry("影子银行的风险很大。", "Shadow banking is very risky.")])
    engine = WordEngine(WORDS)
    run = run_once(memory_path, engine)
    human = run.translations["doc#s1"]
    assert human.origin == "human" and human.engine == "human"
    assert human.english == "Shadow banking is very risky."
    assert human.terms[0].outcome == "placed" and human.terms[0].method == "human"
    assert run.summary.human == 2 and engine.calls == []
    # A human translation without the approved term is still checked, and flagged.
    with TranslationMemory(memory_path) as memory:
        memory.store_human([HumanEntry("影子银行和资本。", "Informal lending and capital.")])
    run = run_once(memory_path, WordEngine(WORDS))
    assert run.translations["doc#s4"].terms[0].outcome == "flagged"


def test_summary_line_on_stderr_when_progress_is_on(memory_path, capsys):
    terms = glossary()
    with TranslationMemory(memory_path) as memory:
        translate_sentences(make_requests(TEXTS, terms), terms, WordEngine(WORDS), memory, progress=True)
    err = capsys.readouterr().err
    assert "6 sentences: 6 translated, 0 from memory, 0 human, 0 flagged" in err


def test_small_batches_commit_separately(memory_path):
    engine = WordEngine(WORDS)
    terms = glossary()
    with TranslationMemory(memory_path) as memory:
        translate_sentences(make_requests(TEXTS, terms), terms, engine, memory, batch_tokens=12)
        assert memory.counts()["machine"] == 5
    assert len(engine.calls) >= 3


def test_gloss_engine_renders_terms_and_first_dictionary_senses(memory_path):
    terms = glossary()
    engine = open_engine("gloss")
    assert engine.is_gloss and engine.model == "" and "reader model install" in engine.notice
    run = run_once(memory_path, engine, terms, ["影子银行的风险很大。", "特里芬悖论和资本。"])
    first = run.translations["doc#s1"]
    assert first.english.startswith("shadow banking of risk")
    assert first.is_gloss and first.terms[0].method == "gloss"
    second = run.translations["doc#s2"]
    assert "Triffin dilemma and capital" in second.english
    assert [c.outcome for c in second.terms] == ["placed", "annotated"]

def test_gloss_is_stored_and_reglossed_exactly_where_a_term_changed(memory_path):
    texts = ["影子银行的风险很大。", "特里芬悖论和资本。", "交易的风险很大。", "资本的风险。"]
    first = run_once(memory_path, open_engine("gloss"), glossary(), texts)
    assert first.summary.translated == 4
    engine = open_engine("gloss")
    sent = _recording(engine)
    again = run_once(memory_path, engine, glossary(), texts)
    assert sent == [] and again.summary.from_memory == 4
    assert {t.origin for t in again.translations.values()} == {"memory"}
    assert [t.english for t in again.translations.values()] == [t.english for t in first.translations.values()]
    assert all(t.model == "" and t.is_gloss for t in again.translations.values())

    # A draft term's English is in the gloss, so it is in the key: exactly its two sentences are glossed again.
    terms = glossary()
    terms.terms["资本"] = dataclasses.replace(terms.terms["资本"], english="funds")
    engine = open_engine("gloss")
    sent = _recording(engine)
    changed = run_once(memory_path, engine, terms, texts)
    assert sorted(sent) == ["特里芬悖论和资本。", "资本的风险。"]
    assert changed.summary.from_memory == 2 and "funds" in changed.translations["doc#s4"].english
    # A term no sentence uses changes nothing.
    terms.terms["算力"] = dataclasses.replace(terms.terms["资本"], zh="算力", english="computing power")
    engine = open_engine("gloss")
    sent = _recording(engine)
    assert run_once(memory_path, engine, terms, texts).summary.from_memory == 4 and sent == []


def _recording(engine) -> list[str]:
    sent: list[str] = []
    real = engine.translate_batch
    engine.translate_batch = lambda sources: (sent.extend(sources), real(sources))[1]
    return sent


def test_open_engine_choices(argos_dir):
    from reader.errors import InputError

    assert open_engine().name == "gloss"  # nothing installed
    with pytest.raises(InputError, match="reader model install"):
        open_engine("argos")
    with pytest.raises(InputError, match="unknown translation engine"):
        open_engine("deepl")




def test_memory_only_runs_translate_nothing_and_the_last_engine_is_remembered(memory_path):
    from reader.translate import last_engine

    terms = glossary()
    requests = make_requests(TEXTS, terms)
    with TranslationMemory(memory_path) as memory:
        assert memory.last_run() is None
        translate_sentences(requests[:4], terms, WordEngine(WORDS), memory)
        record = memory.last_run()
        assert (record.engine, record.model, record.memory_model, record.sentences) == ("words", "words-1", "words-1", 4)
        # A one-off text does not change which engine the corpus was last translated with.
        translate_sentences(requests[:1], terms, WordEngine(WORDS, model="words-2"), memory, record_run=False)
        assert memory.last_run() == record

        engine = WordEngine(WORDS)
        run = translate_sentences(requests, terms, engine, memory, memory_only=True, progress=True)
        assert engine.calls == []
        assert run.summary.from_memory == 5 and run.summary.missing == 1  # s5 was never translated
        assert set(run.translations) == {"doc#s1", "doc#s2", "doc#s3", "doc#s4", "doc#s6"}
        assert memory.last_run() == record  # a report is not a run

        stored = last_engine(memory)  # the remembered engine answers from the memory, never translates
        assert (stored.name, stored.model, stored.is_gloss) == ("words", "words-1", False)
        again = translate_sentences(requests, terms, stored, memory, memory_only=True)
        assert {t.english for t in again.translations.values()} == {t.english for t in run.translations.values()}
        with pytest.raises(RuntimeError):
            stored.translate_batch(["资本。"])
        assert last_engine(memory, "gloss").name == "gloss"
