"""The edition: everything the renderers (site, EPUB) need, assembled once.

``build_edition`` runs ingest -> annotate -> glossary match -> translate over a
project. Renderers receive an ``Edition`` and never call earlier stages
themselves.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from reader.annotate import Word
from reader.document import Document
from reader.errors import InputError
from reader.glossary.model import Glossary, TermMatch
from reader.project import Project
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

    def coverage(self) -> dict[str, int]:
        """Sentence counts: total, translated, from memory, human, flagged, untranslated."""
        total = sum(1 for _ in self.document.sentences())
        values = self.translations.values()
        return {
            "sentences": total,
            "translated": sum(1 for t in values if t.english.strip()),
            "memory": sum(1 for t in values if t.origin == "memory"),
            "human": sum(1 for t in values if t.origin == "human"),
            "flagged": sum(1 for t in values if t.flagged),
            "untranslated": total - sum(1 for t in values if t.english.strip()),
        }


@dataclass
class Edition:
    title: str
    slug: str  # file-name stem for exports: builds/<slug>.epub
    documents: list[DocumentEdition]
    glossary: Glossary
    engine: EngineInfo


@dataclass(frozen=True)
class EditionSettings:
    """Optional ``reader.toml`` at the project root: ``[edition] title``, ``slug``."""

    title: str
    slug: str

    @classmethod
    def load(cls, project: Project) -> "EditionSettings":
        default = cls(title=project.root.name.replace("-", " ").title() or "Reader edition", slug="edition")
        path = project.root / "reader.toml"
        if not path.is_file():
            return default
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise InputError("is not UTF-8 text; save it as UTF-8", path=path) from None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"is not valid TOML: {exc}", path=path) from None
        edition = data.get("edition", {})
        return cls(title=str(edition.get("title", default.title)), slug=str(edition.get("slug", default.slug)))


def build_edition(
    project: Project,
    *,
    engine: str | None = None,
    progress: bool = False,
    memory_only: bool = False,
) -> Edition:
    """Run every stage up to translation over ``project`` and assemble the result.

    ``engine`` names the translation engine (``"argos"``, ``"gloss"``); None
    picks argos when a zh->en model is installed and the gloss otherwise.
    Translations come from the translation memory wherever they can.

    ``memory_only`` reads English from the memory and translates nothing (and
    skips word annotation): the engine is then the one that last translated
    the corpus, unless ``engine`` names another. Sentences the memory has
    nothing for are left untranslated. ``reader qa`` uses this.
    """
    # Imported here so that light commands (glossary lookup) never pay for them.
    from reader.annotate import annotate
    from reader.glossary import TermMatcher, lexicon, load_glossary
    from reader.ingest import load_texts
    from reader.translate import SentenceRequest, TranslationMemory, last_engine, open_engine, translate_sentences

    settings = EditionSettings.load(project)
    glossary = load_glossary(project.glossary_dir)
    documents = load_texts(project.texts_dir)
    matcher = TermMatcher(glossary)
    words_of = lexicon(glossary)

    editions: list[DocumentEdition] = []
    requests: list[SentenceRequest] = []
    for document in documents:
        edition = DocumentEdition(document)
        if not memory_only:
            edition.words = annotate(document, words_of)
        for sentence in document.sentences():
            matches = matcher.match(sentence)
            edition.terms[sentence.id] = matches
            requests.append(SentenceRequest(f"{document.id}#{sentence.id}", sentence, matches))
        editions.append(edition)

    with TranslationMemory(project.memory_path) as memory:
        if memory_only:
            chosen = last_engine(memory, engine, project=project, glossary=glossary)
        else:
            chosen = open_engine(engine, project=project)
        run = translate_sentences(requests, glossary, chosen, memory, progress=progress, memory_only=memory_only)
    for edition in editions:
        prefix = f"{edition.document.id}#"
        for sentence in edition.document.sentences():
            translation = run.translations.get(prefix + sentence.id)
            if translation is not None:
                edition.translations[sentence.id] = translation

    info = EngineInfo(name=chosen.name, model=chosen.model, is_gloss=chosen.is_gloss, notice=chosen.notice)
    return Edition(title=settings.title, slug=settings.slug, documents=editions, glossary=glossary, engine=info)
