"""The edition: everything the renderers (site, EPUB) need, assembled once.

``build_edition`` runs ingest -> annotate -> glossary match -> translate over
the texts directory. Renderers receive an ``Edition`` and never call earlier
stages themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.annotate import Word
from reader.document import Document
from reader.glossary.model import Glossary, TermMatch
from reader.translate.model import Translation


@dataclass(frozen=True)
class EngineInfo:
    name: str  # "argos" or "gloss" (or a test engine)
    model: str  # model id and version; "" for the gloss engine
    is_gloss: bool
    # Shown wherever English appears when the engine is only a word gloss.
    notice: str = ""


@dataclass
class DocumentEdition:
    document: Document
    # All keyed by Sentence.id (the id within the document).
    words: dict[str, list[Word]] = field(default_factory=dict)
    terms: dict[str, list[TermMatch]] = field(default_factory=dict)
    translations: dict[str, Translation] = field(default_factory=dict)


@dataclass
class Edition:
    title: str
    documents: list[DocumentEdition]
    glossary: Glossary
    engine: EngineInfo
