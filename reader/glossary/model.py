"""Glossary types: a term as people write it in glossary/*.toml, and a match of one in text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["checked", "draft"]


@dataclass(frozen=True)
class Evidence:
    """Where a suggested (draft) term was seen: a document and the sentence."""

    document: str
    sentence: str


@dataclass(frozen=True)
class Term:
    """One glossary entry.

    ``zh`` is the simplified headword. ``pinyin`` is Hanyu Pinyin with tone
    marks, written by word as in dictionaries (``"yǐngzi yínháng"``).
    ``english`` is the approved rendering that translation must produce for a
    checked term; ``accepted`` are other forms accepted in running English
    (plurals, variant spellings). ``traditional`` lists traditional forms
    (opencc-generated unless the file overrides them). ``note`` is Markdown.
    ``file``/``line`` say where the entry is written, for error messages.
    """

    zh: str
    english: str
    pinyin: str
    domain: str
    status: Status = "draft"
    accepted: tuple[str, ...] = ()
    abbreviation: str | None = None
    traditional: tuple[str, ...] = ()
    note: str = ""
    checked_by: str | None = None
    checked_on: str | None = None  # ISO date
    evidence: tuple[Evidence, ...] = ()
    file: str | None = None
    line: int | None = None

    @property
    def is_checked(self) -> bool:
        return self.status == "checked"

    def english_forms(self) -> tuple[str, ...]:
        """Every English form that counts as this term in a translation, approved form first."""
        forms = [self.english, *self.accepted]
        if self.abbreviation:
            forms.append(self.abbreviation)
        return tuple(dict.fromkeys(f for f in forms if f))


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a sentence.

    ``start``/``end`` are offsets into ``Sentence.text`` (the original script),
    ``surface`` is the original text there, ``zh`` the headword it matched.
    """

    zh: str
    start: int
    end: int
    surface: str


@dataclass
class Glossary:
    """All terms, keyed by simplified headword, in the order they were read."""

    terms: dict[str, Term] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)  # id -> label
    directory: str | None = None

    def __iter__(self):
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, zh: str) -> bool:
        return zh in self.terms

    def get(self, zh: str) -> Term | None:
        return self.terms.get(zh)

    def checked(self) -> list[Term]:
        return [t for t in self.terms.values() if t.is_checked]


@dataclass(frozen=True)
class Problem:
    """Something wrong in a glossary file, reported as ``file:line: message``.

    ``level`` is ``"error"`` (the glossary cannot be used as it is) or
    ``"warning"`` (worth a look, nothing breaks). ``unreadable`` marks a file
    that could not be read at all (not UTF-8, not TOML).
    """

    file: str
    line: int | None
    message: str
    level: str = "error"
    unreadable: bool = False

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        prefix = "warning: " if self.level == "warning" else ""
        return f"{where}: {prefix}{self.message}"
