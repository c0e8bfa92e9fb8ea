"""The QA report: what the translation stage could not prove, derived from an edition.

Nothing is dropped silently: every sentence whose checked term could not be
placed is listed as flagged, and every sentence without English is listed as
untranslated.

``reader qa`` reports on the translation memory as the last build left it
(``memory_edition``): it translates nothing, so it is quick and shows what
the site and EPUB show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.edition import Edition, EngineInfo, build_edition
from reader.project import Project
from reader.translate.model import TermCheck


@dataclass(frozen=True)
class FlaggedSentence:
    sentence_id: str  # "<document id>#<sentence id>"
    document_id: str
    text: str
    english: str
    missing: tuple[TermCheck, ...]  # the flagged term checks


@dataclass(frozen=True)
class UntranslatedSentence:
    sentence_id: str
    document_id: str
    text: str


@dataclass
class QAReport:
    engine: EngineInfo
    sentences: int = 0
    checked_occurrences: int = 0  # checked-term occurrences in source sentences
    placed: int = 0
    flagged_occurrences: int = 0
    draft_occurrences: int = 0
    untranslated_occurrences: int = 0  # checked occurrences in sentences without English: listed as untranslated
    flagged: list[FlaggedSentence] = field(default_factory=list)
    untranslated: list[UntranslatedSentence] = field(default_factory=list)

    @property
    def silent_misses(self) -> int:
        """Checked occurrences neither placed, flagged nor in an untranslated sentence: must be zero."""
        return self.checked_occurrences - self.placed - self.flagged_occurrences - self.untranslated_occurrences

    def to_dict(self) -> dict:
        return {
            "engine": {"name": self.engine.name, "model": self.engine.model, "is_gloss": self.engine.is_gloss},
            "sentences": self.sentences,
            "checked_occurrences": self.checked_occurrences,
            "placed": self.placed,
            "flagged_occurrences": self.flagged_occurrences,
            "untranslated_occurrences": self.untranslated_occurrences,
            "silent_misses": self.silent_misses,
            "draft_occurrences": self.draft_occurrences,
            "flagged": [
                {
                    "sentence": f.sentence_id,
                    "document": f.document_id,
                    "text": f.text,
                    "english": f.english,
                    "missing": [{"zh": c.zh, "english": c.english} for c in f.missing],
                }
                for f in self.flagged
            ],
            "untranslated": [
                {"sentence": u.sentence_id, "document": u.document_id, "text": u.text} for u in self.untranslated
            ],
        }


def qa_report(edition: Edition) -> QAReport:
    report = QAReport(engine=edition.engine)
    for doc_edition in edition.documents:
        document = doc_edition.document
        for sentence in document.sentences():
            report.sentences += 1
            global_id = f"{document.id}#{sentence.id}"
            checked = [
                m for m in doc_edition.terms.get(sentence.id, ())
                if (term := edition.glossary.get(m.zh)) is not None and term.is_checked
            ]
            report.checked_occurrences += len(checked)
            report.draft_occurrences += len(doc_edition.terms.get(sentence.id, ())) - len(checked)
            translation = doc_edition.translations.get(sentence.id)
            if translation is None or not translation.english.strip():
                report.untranslated.append(UntranslatedSentence(global_id, document.id, sentence.text))
                report.untranslated_occurrences += len(checked)
                continue
            outcomes = [c for c in translation.terms if c.outcome in ("placed", "flagged")]
            report.placed += sum(1 for c in outcomes if c.outcome == "placed")
            missing = tuple(c for c in outcomes if c.outcome == "flagged")
            report.flagged_occurrences += len(missing)
            if missing:
                report.flagged.append(
                    FlaggedSentence(global_id, document.id, sentence.text, translation.english, missing)
                )
    return report


def memory_edition(project: Project, *, engine: str | None = None) -> Edition:
    """The project's edition with English from the translation memory only: nothing is translated."""
    return build_edition(project, engine=engine, memory_only=True)
