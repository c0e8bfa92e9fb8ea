"""Translation types: the English for one sentence and the proof for its terms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# placed: the approved (or an accepted) English is in the translation;
# flagged: a checked term whose English could not be placed, even after retry;
# annotated: a draft term, shown to the reader but not enforced.
TermOutcome = Literal["placed", "flagged", "annotated"]
Origin = Literal["mt", "memory", "human"]


@dataclass(frozen=True)
class TermCheck:
    zh: str
    english: str  # the approved rendering
    outcome: TermOutcome
    # How the term was made to appear: "substitute" (English put into the
    # source), "placeholder" (a token restored after translation), "model"
    # (the engine produced it unaided), "gloss", or "" when not placed.
    method: str = ""
    # Span of the rendering found in Translation.english, for highlighting.
    english_start: int | None = None
    english_end: int | None = None


@dataclass(frozen=True)
class Translation:
    sentence_id: str  # "<document id>#<sentence id>"
    source: str
    english: str
    engine: str  # "argos", "gloss", or a test engine's name
    model: str  # model id and version, "" for engines without one
    origin: Origin
    terms: tuple[TermCheck, ...] = ()

    @property
    def flagged(self) -> bool:
        return any(check.outcome == "flagged" for check in self.terms)

    @property
    def is_gloss(self) -> bool:
        return self.engine == "gloss"
