"""The argos engine on the tiny real package: batched CTranslate2, input order, memory."""

from __future__ import annotations

import pytest
from tinymodel import MODEL_ID, corpus_sentences, make_glossary, make_requests

from reader.translate import TranslationMemory, open_engine, translate_sentences
from reader.translate.argos import ArgosEngine


def test_open_engine_picks_the_installed_package(installed_tiny):
    engine = open_engine()
    assert isinstance(engine, ArgosEngine)
    assert engine.name == "argos" and engine.model == MODEL_ID == installed_tiny.model_id
    assert not engine.is_gloss and engine.notice == ""


def test_batch_keeps_input_order(installed_tiny):
    engine = open_engine("argos", beam_size=2, threads=1)
    sentences = corpus_sentences(40)
    batch = engine.translate_batch(sentences)
    assert len(batch) == len(sentences)
    assert all(batch)
    assert len(set(batch)) > len(sentences) // 2  # different sentences, different nonsense
    one_by_one = [engine.translate_batch([s])[0] for s in sentences[:8]]
    assert one_by_one == batch[:8]
    assert engine.translate_batch(list(reversed(sentences))) == list(reversed(batch))


def test_small_token_budget_gives_the_same_translations(installed_tiny):
    sentences = corpus_sentences(20)
    wide = open_engine("argos", threads=1).translate_batch(sentences)
    narrow_engine = open_engine("argos", threads=1)
    narrow_engine.max_batch_tokens = 64
    assert narrow_engine.translate_batch(sentences) == wide


def test_empty_input_and_empty_sentences(installed_tiny):
    engine = open_engine("argos")
    assert engine.translate_batch([]) == []
    assert engine.translate_batch(["", "资本。"])[0] == ""


def test_rerun_comes_from_memory(installed_tiny, tmp_path):
    glossary = make_glossary(("资本", "capital", "checked"))
    texts = corpus_sentences(30)
    requests = make_requests(texts, glossary)
    with TranslationMemory(tmp_path / "m.sqlite") as memory:
        first = translate_sentences(requests, glossary, open_engine("argos"), memory)
    with TranslationMemory(tmp_path / "m.sqlite") as memory:
        second = translate_sentences(requests, glossary, open_engine("argos"), memory)
    assert first.summary.translated == 30 and first.summary.from_memory == 0
    assert second.summary.from_memory == 30 and second.summary.translated == 0
    assert [t.english for t in second.translations.values()] == [t.english for t in first.translations.values()]
    assert all(t.model == MODEL_ID for t in second.translations.values())


def test_another_beam_size_is_another_translation_in_memory(installed_tiny, tmp_path):
    glossary = make_glossary(("资本", "capital", "checked"))
    requests = make_requests(corpus_sentences(12), glossary)

    def run(beam: int):
        with TranslationMemory(tmp_path / "m.sqlite") as memory:
            return translate_sentences(requests, glossary, open_engine("argos", beam_size=beam, threads=1), memory)

    assert run(2).summary.translated == 12
    wider = run(4)
    assert wider.summary.from_memory == 0 and wider.summary.translated == 12
    again = run(2)
    assert again.summary.from_memory == 12 and again.summary.translated == 0
    assert all(t.model == MODEL_ID for t in again.translations.values())


@pytest.mark.slow
def test_changing_one_terms_english_retranslates_exactly_the_corpus_sentences_with_it(installed_tiny, tmp_path):
    import dataclasses
    from collections import Counter

    from conftest import GLOSSARY, TEXTS

    from reader.glossary import TermMatcher, load_glossary
    from reader.ingest import load_texts
    from reader.translate import SentenceRequest

    glossary = load_glossary(GLOSSARY)
    matcher = TermMatcher(glossary)
    requests = [
        SentenceRequest(f"{document.id}#{sentence.id}", sentence, matcher.match(sentence))
        for document in load_texts(TEXTS)
        for sentence in document.sentences()
    ]
    with TranslationMemory(tmp_path / "m.sqlite") as memory:
        translate_sentences(requests, glossary, open_engine("argos", threads=1), memory)

    # The checked term in the most sentences, and the distinct sentences that use it, counted from the corpus.
    uses = Counter(m.zh for r in requests for m in {m.zh: m for m in r.matches}.values()
                   if glossary.get(m.zh).is_checked)
    zh, _ = uses.most_common(1)[0]
    expected = {r.sentence.normal.strip() for r in requests if any(m.zh == zh for m in r.matches)}
    assert len(expected) > 5
    changed = load_glossary(GLOSSARY)
    changed.terms[zh] = dataclasses.replace(changed.terms[zh], english=changed.terms[zh].english + " (revised)")

    engine = open_engine("argos", threads=1)
    with TranslationMemory(tmp_path / "m.sqlite") as memory:
        run = translate_sentences(requests, changed, engine, memory)
    assert run.summary.engine_calls == len(expected)
    retranslated = [r for r in requests if run.translations[r.id].origin == "mt"]
    assert {r.sentence.normal.strip() for r in retranslated} == expected
    assert run.summary.from_memory == len(requests) - len(retranslated)
