"""The translation memory: SQLite in WAL mode, one commit per batch, survives a killed run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from tinymodel import corpus_sentences

from reader.errors import InputError
from reader.translate import HumanEntry, MachineEntry, MemoryKey, TranslationMemory

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def test_store_and_look_up(tmp_path):
    path = tmp_path / "deep" / "memory.sqlite"
    key = MemoryKey("影子银行的风险。", "argos", "argos:x-1", "影子银行=shadow banking")
    with TranslationMemory(path) as memory:
        assert memory.machine(key) is None
        memory.store([MachineEntry(key, "The risk of shadow banking.", "substitute")])
        memory.store_human([HumanEntry("资本。", "Capital.")])
    with TranslationMemory(path) as memory:
        entry = memory.machine(key)
        assert entry.english == "The risk of shadow banking." and entry.method == "substitute"
        assert memory.machine(MemoryKey(key.source, "argos", "argos:x-2", key.terms)) is None
        assert memory.human("资本。").english == "Capital."
        assert memory.counts() == {"machine": 1, "human": 1}
        assert memory.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert memory.integrity() == "ok"


def test_a_failed_batch_stores_nothing(tmp_path):
    good = MachineEntry(MemoryKey("a", "e", "m", ""), "A", "model")
    with TranslationMemory(tmp_path / "m.sqlite") as memory:
        with pytest.raises(sqlite3.ProgrammingError):
            memory.store([good, MachineEntry(MemoryKey("b", "e", "m", ""), object(), "model")])
        assert memory.counts()["machine"] == 0


def test_a_file_that_is_not_a_memory_is_an_input_error(tmp_path):
    path = tmp_path / "memory.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InputError) as caught:
        TranslationMemory(path).open()
    assert str(path) in caught.value.format()
    assert path.read_bytes().startswith(b"this is not sqlite")  # never overwritten


_WORKER = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    from tinymodel import corpus_sentences, make_glossary, make_requests
    from reader.translate import TranslationMemory, open_engine, translate_sentences

    engine = open_engine("argos", threads=1)
    real = engine.translate_batch
    def slow(sources):
        time.sleep(0.03)  # long enough for the test to catch the run in the middle
        return real(sources)
    engine.translate_batch = slow
    glossary = make_glossary(("资本", "capital", "checked"))
    requests = make_requests(corpus_sentences({count}), glossary)
    with TranslationMemory({memory!r}) as memory:
        print("started", flush=True)
        translate_sentences(requests, glossary, engine, memory, batch_tokens=48)
    print("finished", flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("kill_signal", [signal.SIGKILL, signal.SIGINT])
def test_killed_run_keeps_committed_batches_and_resumes(tmp_path, installed_tiny, kill_signal):
    from tinymodel import make_glossary, make_requests

    from reader.translate import open_engine, translate_sentences

    count = 300
    memory_path = tmp_path / "memory.sqlite"
    script = _WORKER.format(tests=str(TESTS), count=count, memory=str(memory_path))
    worker = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env={**os.environ},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    committed = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and worker.poll() is None:
        if memory_path.exists():
            try:
                with sqlite3.connect(f"file:{memory_path}?mode=ro", uri=True, timeout=5) as db:
                    committed = db.execute("SELECT COUNT(*) FROM machine").fetchone()[0]
            except sqlite3.OperationalError:
                committed = 0  # tables not created yet
        if committed >= 20:
            break
        time.sleep(0.01)
    assert worker.poll() is None, "the worker finished before it could be interrupted: " + worker.stderr.read()
    worker.send_signal(kill_signal)
    worker.communicate(timeout=60)
    assert worker.returncode != 0

    db = sqlite3.connect(memory_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = db.execute("SELECT COUNT(*) FROM machine").fetchone()[0]
    db.close()
    glossary = make_glossary(("资本", "capital", "checked"))
    requests = make_requests(corpus_sentences(count), glossary)
    distinct = len({r.sentence.normal.strip() for r in requests})
    assert 20 <= kept < distinct

    engine = open_engine("argos", threads=1)
    sent: list[str] = []
    real = engine.translate_batch
    engine.translate_batch = lambda sources: (sent.extend(sources), real(sources))[1]
    with TranslationMemory(memory_path) as memory:
        run = translate_sentences(requests, glossary, engine, memory)
        assert memory.counts()["machine"] == distinct
    first_attempts = distinct - kept
    assert run.summary.engine_calls == first_attempts  # only the remainder was translated
    assert len(sent) == first_attempts + run.summary.retried
    assert run.summary.from_memory + run.summary.translated == count


def test_a_memory_that_cannot_be_written_is_not_called_unusable(tmp_path, monkeypatch):
    """Access problems must not tell the user to move a good memory away (that loses translations)."""
    path = tmp_path / "memory.sqlite"
    with TranslationMemory(path) as memory:
        memory.store([MachineEntry(MemoryKey("甲。", "gloss", "", ""), "A.", "gloss")])

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(sqlite3, "connect", refuse)
    with pytest.raises(InputError) as caught:
        TranslationMemory(path).open()
    assert caught.value.path == str(path)
    assert "writable" in caught.value.message and "move it away" not in caught.value.message


def test_a_lock_held_too_long_is_one_clear_error(tmp_path):
    path = tmp_path / "memory.sqlite"
    with TranslationMemory(path) as memory:
        memory.db.execute("PRAGMA busy_timeout=0")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process is writing
        try:
            with pytest.raises(InputError, match="locked by another reader command"):
                memory.store([MachineEntry(MemoryKey("甲。", "gloss", "", ""), "A.", "gloss")])
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert memory.counts()["machine"] == 0
