"""No network at translation time: any connection attempt during a build or a translation fails the test."""

from __future__ import annotations

import socket

import pytest
from tinymodel import corpus_sentences, make_glossary, make_requests, small_project

from reader.project import Project
from reader.translate import TranslationMemory, open_engine, translate_sentences


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Patch every way Python opens a connection or resolves a name so that it fails loudly."""
    attempts: list[str] = []

    def refuse(what):
        def blocked(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise NetworkUsed(f"network access during translation: {what}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    yield attempts
    assert attempts == [], f"connection attempts: {attempts}"


def test_the_guard_itself_catches_a_connection(no_network):
    import urllib.request

    # NetworkUsed, not any error: an offline machine would fail the connection by itself.
    with pytest.raises(NetworkUsed):
        urllib.request.urlopen("http://example.com", timeout=1)
    assert no_network
    no_network.clear()


def test_argos_engine_translates_offline(installed_tiny, no_network, tmp_path):
    glossary = make_glossary(("资本", "capital", "checked"))
    requests = make_requests(corpus_sentences(40), glossary)
    with TranslationMemory(tmp_path / "m.sqlite") as memory:
        run = translate_sentences(requests, glossary, open_engine("argos"), memory)
    assert run.summary.translated == 40


def test_gloss_engine_translates_offline(argos_dir, no_network, tmp_path):
    glossary = make_glossary(("资本", "capital", "checked"))
    requests = make_requests(corpus_sentences(40), glossary)
    with TranslationMemory(tmp_path / "m.sqlite") as memory:
        run = translate_sentences(requests, glossary, open_engine("gloss"), memory)
    assert run.summary.translated == 40 and run.summary.placed == run.summary.checked_occurrences


@pytest.mark.parametrize("engine", ["argos", "gloss"])
def test_whole_build_edition_is_offline(installed_tiny, no_network, tmp_path, engine):
    from reader.edition import build_edition
    from reader.qa import qa_report

    edition = build_edition(Project.at(small_project(tmp_path)), engine=engine)
    report = qa_report(edition)
    assert edition.engine.name == engine
    assert report.sentences > 10 and not report.untranslated
    assert report.checked_occurrences > 0 and report.silent_misses == 0
