"""Term enforcement: making checked glossary terms appear in the English, and proving they did.

Two ways to make an engine produce the approved English for a checked term:

- ``substitute``: put the approved English into the Chinese source in place
  of the term; engines carry Latin text through.
- ``placeholder``: put a token (``ZX1Q``) there instead and write the
  approved English back in its place after translation.

Whatever the method, ``verify`` then looks for the approved English or an
accepted form in the output (case-insensitive, whole words) and returns one
``TermCheck`` per term occurrence, with the span it found: ``placed`` when
found, ``flagged`` when a checked term is missing, ``annotated`` for draft
terms (never enforced). A sentence with a term used twice needs the English
twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from reader.document import Sentence
from reader.glossary.model import Glossary, Term, TermMatch
from reader.translate.model import TermCheck

SUBSTITUTE = "substitute"
PLACEHOLDER = "placeholder"
PLAIN = "model"  # the engine's own output, nothing done to the source
GLOSS = "gloss"
HUMAN = "human"


@dataclass(frozen=True)
class Occurrence:
    """A term match in normalized-source coordinates."""

    index: int  # position in the request's match list
    term: Term | None  # None when the headword is not (or no longer) in the glossary
    start: int
    end: int

    @property
    def checked(self) -> bool:
        return self.term is not None and self.term.is_checked


@dataclass(frozen=True)
class Prepared:
    """What a sentence is translated from: its normalized source and its term occurrences."""

    source: str
    occurrences: tuple[Occurrence, ...]
    terms_key: str  # sorted "zh=english" pairs of the checked terms, one per line

    @property
    def has_checked(self) -> bool:
        return any(o.checked for o in self.occurrences)


def prepare(sentence: Sentence, matches: Sequence[TermMatch], glossary: Glossary) -> Prepared:
    """Normalized source (``Sentence.normal`` stripped) and the matches mapped onto it."""
    normal = sentence.normal
    lead = len(normal) - len(normal.lstrip())
    source = normal.strip()
    offsets = sentence.normal_offsets
    occurrences = []
    for index, match in enumerate(matches):
        start, end = _normal_span(offsets, match.start, match.end, len(normal))
        start = min(max(start - lead, 0), len(source))
        end = min(max(end - lead, start), len(source))
        occurrences.append(Occurrence(index, glossary.get(match.zh), start, end))
    pairs = sorted({f"{o.term.zh}={o.term.english}" for o in occurrences if o.checked})
    return Prepared(source, tuple(occurrences), "\n".join(pairs))


def _normal_span(offsets: Sequence[int], start: int, end: int, normal_length: int) -> tuple[int, int]:
    """Invert ``Sentence.normal_offsets``: the normal-form span covering text span [start, end)."""
    import bisect

    if len(offsets) != normal_length + 1:  # no usable map: normal and text align one to one
        return start, end
    return bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)


def _enforceable(prepared: Prepared) -> list[Occurrence]:
    """Checked occurrences that do not overlap an earlier (kept) one, left to right."""
    kept: list[Occurrence] = []
    for occurrence in sorted((o for o in prepared.occurrences if o.checked), key=lambda o: (o.start, -o.end)):
        if occurrence.end > occurrence.start and (not kept or occurrence.start >= kept[-1].end):
            kept.append(occurrence)
    return kept


def _splice(source: str, replacements: list[tuple[int, int, str]]) -> str:
    """Replace spans of ``source``; replacements are set off by spaces so they tokenise as words."""
    out, position = [], 0
    for start, end, text in replacements:
        out.extend([source[position:start], f" {text} "])
        position = end
    out.append(source[position:])
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def substitute(prepared: Prepared) -> str:
    """The source with each checked term replaced by its approved English."""
    return _splice(prepared.source, [(o.start, o.end, o.term.english) for o in _enforceable(prepared)])


def placeholder_token(n: int) -> str:
    """The n-th placeholder: Latin capitals around digits, which MT models copy through like a code or name.

    (A zh->en model has seen such codes copied verbatim from Chinese into
    English countless times; it has no translation for them.)
    """
    return f"ZX{n}Q"


def with_placeholders(prepared: Prepared) -> tuple[str, dict[int, str]]:
    """The source with each checked term replaced by a numbered token; token number -> English."""
    kept = _enforceable(prepared)
    replacements = [(o.start, o.end, placeholder_token(n)) for n, o in enumerate(kept, start=1)]
    return _splice(prepared.source, replacements), {n: o.term.english for n, o in enumerate(kept, start=1)}


# What a model may put between the characters of a token it copies: spaces, hyphens, dots, underscores.
_TOKEN_GAP = r"[\s\-_.]*"


def placeholder_pattern(n: int) -> re.Pattern[str]:
    """The n-th placeholder as a model may give it back: any case, split by spaces or hyphens (``zx 1-q``)."""
    return re.compile(
        r"(?<![A-Za-z0-9])" + _TOKEN_GAP.join(["Z", "X", str(n), "Q"]) + r"(?![0-9])", re.IGNORECASE
    )


def restore(english: str, placeholders: dict[int, str]) -> str:
    """Write the English back wherever the engine kept a placeholder (every copy of it, however spaced).

    The approved English goes in as written, except that it starts with a
    capital where it starts the sentence.
    """
    for n, text in placeholders.items():
        english = placeholder_pattern(n).sub(lambda found: _cased(text, found), english)
    return english


def _cased(text: str, found: re.Match[str]) -> str:
    starts_sentence = not found.string[:found.start()].strip(" \"'“‘(")
    return text[:1].upper() + text[1:] if starts_sentence else text


def form_pattern(form: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for an English form; spaces and hyphens interchangeable."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", form.strip()) if w]
    body = r"[\s\-]+".join(words)
    return re.compile(r"(?<![\w])" + body + r"(?![\w])", re.IGNORECASE)


def _form_tiers(term: Term) -> tuple[tuple[str, ...], ...]:
    """The term's English forms by rank: approved, accepted, abbreviation."""
    return ((term.english,), tuple(term.accepted), (term.abbreviation,) if term.abbreviation else ())


def _candidates(english: str, forms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every span where one of ``forms`` occurs (they may overlap one another)."""
    spans = set()
    for form in forms:
        if form:
            for found in form_pattern(form).finditer(english):
                spans.add((found.start(), found.end()))
    return list(spans)


def verify(english: str, prepared: Prepared, method: str) -> list[TermCheck | None]:
    """One TermCheck per occurrence (None for headwords missing from the glossary).

    Spans are handed out to checked terms first, approved forms before
    accepted ones before abbreviations, and longest first within a rank: so
    "AI infrastructure" is not robbed of its "AI" by artificial
    intelligence's abbreviation, and 华为 (Huawei) keeps its word though
    昇腾 accepts "Huawei Ascend". Draft terms get what is left.
    """
    checks: list[TermCheck | None] = [None] * len(prepared.occurrences)
    by_term: dict[str, list[Occurrence]] = {}
    for occurrence in prepared.occurrences:
        if occurrence.term is not None:
            by_term.setdefault(occurrence.term.zh, []).append(occurrence)
    taken: list[tuple[int, int]] = []
    found: dict[str, list[tuple[int, int]]] = {zh: [] for zh in by_term}
    for checked, tier in [(True, 0), (True, 1), (True, 2), (False, 0), (False, 1), (False, 2)]:
        candidates = [
            (span, zh)
            for zh, occurrences in by_term.items()
            if occurrences[0].checked == checked
            for span in _candidates(english, _form_tiers(occurrences[0].term)[tier])
        ]
        candidates.sort(key=lambda item: (-(item[0][1] - item[0][0]), item[0][0]))
        for span, zh in candidates:
            if len(found[zh]) < len(by_term[zh]) and all(span[1] <= a or span[0] >= b for a, b in taken):
                found[zh].append(span)
                taken.append(span)
    for zh, occurrences in by_term.items():
        term = occurrences[0].term
        spans = sorted(found[zh])
        for occurrence in sorted(occurrences, key=lambda o: o.start):
            span = spans.pop(0) if spans else None
            if occurrence.checked:
                outcome, how = ("placed", method) if span else ("flagged", "")
            else:
                outcome, how = "annotated", ""
            checks[occurrence.index] = TermCheck(
                zh=term.zh,
                english=term.english,
                outcome=outcome,
                method=how,
                english_start=span[0] if span else None,
                english_end=span[1] if span else None,
            )
    return checks


def finish_checks(checks: list[TermCheck | None], matches: Sequence[TermMatch]) -> tuple[TermCheck, ...]:
    """Fill in headwords the glossary no longer has (annotated, unenforced) so there is one check per match."""
    return tuple(
        check if check is not None else TermCheck(zh=match.zh, english="", outcome="annotated")
        for check, match in zip(checks, matches)
    )


def placed_count(checks: Sequence[TermCheck | None]) -> int:
    return sum(1 for c in checks if c is not None and c.outcome == "placed")


def flagged_count(checks: Sequence[TermCheck | None]) -> int:
    return sum(1 for c in checks if c is not None and c.outcome == "flagged")
