"""One-off translation of a piece of text (``reader translate "中文"``), with its term report."""

from __future__ import annotations

from reader.document import Sentence
from reader.glossary.model import Glossary
from reader.project import Project


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of ``text``, cut where ingest cuts; whitespace-only pieces dropped."""
    from reader.ingest import sentence_spans

    return [(start, text[start:end]) for start, end in sentence_spans(text) if text[start:end].strip()]


def _sentence(index: int, start: int, text: str, script) -> Sentence:
    from reader.script import to_normal

    normal, offsets = to_normal(text, script)
    return Sentence(f"s{index}", text, start, start + len(text), normal, offsets)


def translate_text(text: str, project: Project, *, engine: str | None = None, beam_size: int = 2,
                   threads: int = 0) -> dict:
    """Translate ``text`` sentence by sentence; uses the project's glossary and memory when it has them."""
    from reader.errors import InputError
    from reader.glossary import TermMatcher, load_glossary
    from reader.translate.engines import open_engine
    from reader.translate.memory import TranslationMemory
    from reader.translate.run import SentenceRequest, translate_sentences

    if not text.strip():
        raise InputError("nothing to translate: give some Chinese text")
    is_project = project.glossary_dir.is_dir()
    glossary = load_glossary(project.glossary_dir) if is_project else Glossary()
    matcher = TermMatcher(glossary)
    from reader.script import detect_script

    script = detect_script(text)
    requests = []
    for index, (start, piece) in enumerate(split_sentences(text), start=1):
        sentence = _sentence(index, start, piece, script)
        requests.append(SentenceRequest(f"text#{sentence.id}", sentence, matcher.match(sentence)))
    chosen = open_engine(engine, project=project, beam_size=beam_size, threads=threads, glossary=glossary)
    # A project's memory serves (and keeps) one-off translations too; elsewhere nothing is written.
    memory_path = project.memory_path if is_project else ":memory:"
    with TranslationMemory(memory_path) as memory:
        run = translate_sentences(requests, glossary, chosen, memory, record_run=False)
    sentences = []
    for request in requests:
        translation = run.translations[request.id]
        sentences.append({
            "id": request.sentence.id,
            "text": request.sentence.text.strip(),
            "english": translation.english,
            "origin": translation.origin,
            "flagged": translation.flagged,
            "terms": [
                {
                    "zh": check.zh,
                    "english": check.english,
                    "outcome": check.outcome,
                    "method": check.method,
                    "english_start": check.english_start,
                    "english_end": check.english_end,
                }
                for check in translation.terms
            ],
        })
    return {
        "engine": {"name": chosen.name, "model": chosen.model, "is_gloss": chosen.is_gloss},
        "notice": chosen.notice,
        "english": " ".join(s["english"] for s in sentences if s["english"]),
        "sentences": sentences,
        "summary": run.summary.to_dict(),
    }
