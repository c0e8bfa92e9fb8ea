"""The translation memory: every translation made, so that nothing is translated twice.

SQLite in ``builds/.cache/memory.sqlite`` (WAL journal). A machine
translation is keyed by the normalized source sentence, the engine, the
model id and version, and the checked terms of the sentence with their
approved English: change one term's English and exactly the sentences that
contain it miss the memory. The word gloss is stored the same way, keyed on
its dictionary version and every glossary term (drafts too) in the
sentence. Human translations (imported from TMX) are keyed by the source
alone and win over any machine translation of it. ``runs`` remembers which
engine last translated the corpus, for ``reader qa``.

Each batch is one transaction: a run killed at any point (SIGINT, SIGKILL)
keeps every batch committed before it, and SQLite's journal keeps the file
consistent; the next run picks up where it stopped.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from reader.errors import InputError

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS machine (
    source TEXT NOT NULL,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    terms TEXT NOT NULL,
    english TEXT NOT NULL,
    method TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (source, engine, model, terms)
);
CREATE TABLE IF NOT EXISTS runs (
    finished TEXT NOT NULL,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    memory_model TEXT NOT NULL,
    is_gloss INTEGER NOT NULL,
    sentences INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS human (
    source TEXT PRIMARY KEY,
    english TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class MemoryKey:
    source: str  # normalized source sentence, stripped
    engine: str
    model: str
    terms: str  # sorted "zh=english" pairs of the sentence's checked terms, one per line


@dataclass(frozen=True)
class MachineEntry:
    key: MemoryKey
    english: str
    method: str  # how terms were enforced: substitute, placeholder, model, gloss
    created: str = ""


@dataclass(frozen=True)
class HumanEntry:
    source: str
    english: str
    note: str = ""
    created: str = ""


@dataclass(frozen=True)
class RunRecord:
    """A finished corpus run: which engine filled the memory last (``reader qa`` reports on that one)."""

    engine: str
    model: str  # as Translation.model has it ("" for the gloss)
    memory_model: str  # as MemoryKey.model has it
    is_gloss: bool
    sentences: int
    finished: str = ""


def _access_problem(error: sqlite3.OperationalError) -> str:
    """One actionable sentence for an SQLite failure that is about access, not content."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return "is locked by another reader command that has run for a long time; try again when it has finished"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "cannot be opened for writing; check that builds/.cache/ and the file in it are writable"
    if "disk" in text and "full" in text:
        return "cannot be written: the disk is full"
    return f"cannot be used ({text})"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class TranslationMemory:
    """A context manager over the SQLite file at ``path`` (created on first use)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> "TranslationMemory":
        self.open()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def open(self) -> None:
        if self._db is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against a killed process in WAL mode (only power loss can
            # cost the last commits), and much faster than FULL.
            db.execute("PRAGMA synchronous=NORMAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                db.close()
                raise InputError(
                    f"was written by a newer reader (memory schema {version}); upgrade reader", path=self.path
                )
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.OperationalError as exc:
            # Permissions, a read-only disk or a lock held too long: the file itself may be
            # fine, so never suggest moving it away (that would throw translations away).
            raise InputError(_access_problem(exc), path=self.path) from None
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"is not a usable translation memory ({exc}); move it away and a new one will be made",
                path=self.path,
            ) from None
        self._db = db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.open()
        return self._db

    # -- lookups ---------------------------------------------------------------

    def machine(self, key: MemoryKey) -> MachineEntry | None:
        row = self.db.execute(
            "SELECT english, method, created FROM machine WHERE source=? AND engine=? AND model=? AND terms=?",
            (key.source, key.engine, key.model, key.terms),
        ).fetchone()
        return MachineEntry(key, row[0], row[1], row[2]) if row else None

    def human(self, source: str) -> HumanEntry | None:
        row = self.db.execute("SELECT english, note, created FROM human WHERE source=?", (source,)).fetchone()
        return HumanEntry(source, row[0], row[1], row[2]) if row else None

    def last_run(self) -> RunRecord | None:
        row = self.db.execute(
            "SELECT engine, model, memory_model, is_gloss, sentences, finished FROM runs ORDER BY rowid DESC LIMIT 1"
        ).fetchone()
        return RunRecord(row[0], row[1], row[2], bool(row[3]), row[4], row[5]) if row else None

    def machine_entries(self) -> Iterator[MachineEntry]:
        for row in self.db.execute(
            "SELECT source, engine, model, terms, english, method, created FROM machine ORDER BY rowid"
        ):
            yield MachineEntry(MemoryKey(row[0], row[1], row[2], row[3]), row[4], row[5], row[6])

    def human_entries(self) -> Iterator[HumanEntry]:
        for row in self.db.execute("SELECT source, english, note, created FROM human ORDER BY rowid"):
            yield HumanEntry(row[0], row[1], row[2], row[3])

    def counts(self) -> dict[str, int]:
        return {
            "machine": self.db.execute("SELECT COUNT(*) FROM machine").fetchone()[0],
            "human": self.db.execute("SELECT COUNT(*) FROM human").fetchone()[0],
        }

    # -- writes: one transaction per call --------------------------------------

    def store(self, entries: Iterable[MachineEntry]) -> int:
        """Store a batch of machine translations in one transaction."""
        return self.store_all((), entries)[1]

    def store_human(self, entries: Iterable[HumanEntry]) -> int:
        """Store human translations (they override machine ones for the same source) in one transaction."""
        return self.store_all(entries, ())[0]

    def store_all(self, human: Iterable[HumanEntry], machine: Iterable[MachineEntry]) -> tuple[int, int]:
        """Store human and machine entries together: all of them or, on any failure, none."""
        now = _now()
        human_rows = [(e.source, e.english, e.note, e.created or now) for e in human]
        machine_rows = [
            (e.key.source, e.key.engine, e.key.model, e.key.terms, e.english, e.method, e.created or now)
            for e in machine
        ]
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO human VALUES (?, ?, ?, ?)", human_rows)
            db.executemany("INSERT OR REPLACE INTO machine VALUES (?, ?, ?, ?, ?, ?, ?)", machine_rows)
        return len(human_rows), len(machine_rows)

    def record_run(self, run: RunRecord) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM runs")  # only the last one is ever asked for
            db.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)",
                (run.finished or _now(), run.engine, run.model, run.memory_model, int(run.is_gloss), run.sentences),
            )

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise InputError(_access_problem(exc), path=self.path) from None
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        try:
            db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            db.execute("ROLLBACK")
            raise InputError(_access_problem(exc), path=self.path) from None

    def integrity(self) -> str:
        """SQLite's own check: "ok" when the file is sound."""
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]
