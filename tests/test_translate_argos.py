"""The argos engine on the tiny real package: batched CTranslate2, input order, memory."""

from __future__ import annotations

from tinymodel import (  # noqa: F401
    MODEL_ID,
    argos_dir,
    corpus_sentences,
    installed_tiny,
    make_glossary,
    make_requests,
    tiny_package,
)

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
