"""Translating a corpus's sentences: memory first, then the engine in committed batches.

``translate_sentences`` takes one ``SentenceRequest`` per sentence and returns
one ``Translation`` per request:

1. human translations (TMX imports) win, then the machine memory;
2. what is left is translated once per distinct source, in batches of about
   ``batch_tokens`` tokens: first with the sentence's primary enforcement
   method, then the sentences whose checked terms did not come out are
   retried together with the other method;
3. each batch is verified and committed to the memory before the next starts.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable, Sequence

from reader.document import Sentence
from reader.glossary.model import Glossary, TermMatch
from reader.translate import enforce
from reader.translate.engines import Engine
from reader.translate.memory import MachineEntry, MemoryKey, RunRecord, TranslationMemory
from reader.translate.model import Translation

BATCH_TOKENS = 2048


@dataclass(frozen=True)
class SentenceRequest:
    id: str  # "<document id>#<sentence id>"
    sentence: Sentence
    matches: list[TermMatch]


@dataclass
class RunSummary:
    sentences: int = 0
    translated: int = 0  # sentences translated by the engine in this run
    from_memory: int = 0
    human: int = 0
    flagged: int = 0  # sentences with at least one flagged term
    checked_occurrences: int = 0
    placed: int = 0
    retried: int = 0  # distinct sources translated a second time with the other method
    engine_calls: int = 0  # distinct sources sent to the engine (first attempts)
    missing: int = 0  # memory-only runs: sentences the memory has no translation for (left out)

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    def line(self) -> str:
        return (
            f"{self.sentences} sentences: {self.translated} translated, {self.from_memory} from memory, "
            f"{self.human} human, {self.flagged} flagged "
            f"({self.placed} of {self.checked_occurrences} checked term occurrences placed)"
            + (f", {self.missing} not in the memory" if self.missing else "")
        )


@dataclass
class TranslateRun:
    translations: dict[str, Translation] = field(default_factory=dict)
    summary: RunSummary = field(default_factory=RunSummary)


@dataclass
class _Pending:
    """One distinct source to translate, and every request that shares it."""

    key: MemoryKey
    prepared: enforce.Prepared
    requests: list[SentenceRequest]
    english: str = ""
    method: str = ""


def _methods(engine: Engine, prepared: enforce.Prepared) -> tuple[str, ...]:
    """Enforcement methods to try, in order: the primary one and the retry."""
    if getattr(engine, "renders_terms", False):
        return (enforce.GLOSS, enforce.SUBSTITUTE) if prepared.has_checked else (enforce.GLOSS,)
    if not prepared.has_checked:
        return (enforce.PLAIN,)
    return (enforce.SUBSTITUTE, enforce.PLACEHOLDER)


def _attempt(engine: Engine, items: list[_Pending], method_of: Callable[[_Pending], str]) -> list[tuple[str, str]]:
    """Translate ``items`` in one engine call; (English, method) per item, placeholders restored."""
    inputs, restorers = [], []
    for item in items:
        method = method_of(item)
        if method == enforce.SUBSTITUTE:
            inputs.append(enforce.substitute(item.prepared))
            restorers.append(None)
        elif method == enforce.PLACEHOLDER:
            text, placeholders = enforce.with_placeholders(item.prepared)
            inputs.append(text)
            restorers.append(placeholders)
        else:
            inputs.append(item.prepared.source)
            restorers.append(None)
    outputs = engine.translate_batch(inputs)
    if len(outputs) != len(inputs):
        raise RuntimeError(f"engine {engine.name} returned {len(outputs)} translations for {len(inputs)} sentences")
    results = []
    for item, output, placeholders in zip(items, outputs, restorers):
        english = enforce.restore(output, placeholders) if placeholders else output
        results.append((english.strip(), method_of(item)))
    return results


def _translate_batch(engine: Engine, batch: list[_Pending], summary: RunSummary) -> None:
    first = _attempt(engine, batch, lambda item: _methods(engine, item.prepared)[0])
    retry: list[_Pending] = []
    for item, (english, method) in zip(batch, first):
        item.english, item.method = english, method
        checks = enforce.verify(english, item.prepared, method)
        if enforce.flagged_count(checks) and len(_methods(engine, item.prepared)) > 1:
            retry.append(item)
    if not retry:
        return
    summary.retried += len(retry)
    second = _attempt(engine, retry, lambda item: _methods(engine, item.prepared)[1])
    for item, (english, method) in zip(retry, second):
        before = enforce.placed_count(enforce.verify(item.english, item.prepared, item.method))
        after = enforce.placed_count(enforce.verify(english, item.prepared, method))
        if after > before:  # keep the first attempt on a tie: substitution reads better
            item.english, item.method = english, method


def _batches(items: list[_Pending], engine: Engine, budget: int) -> list[list[_Pending]]:
    count = getattr(engine, "count_tokens", len)
    batches: list[list[_Pending]] = []
    current: list[_Pending] = []
    used = 0
    for item in items:
        size = max(1, count(item.prepared.source))
        if current and used + size > budget:
            batches.append(current)
            current, used = [], 0
        current.append(item)
        used += size
    if current:
        batches.append(current)
    return batches


def memory_key(engine: Engine, prepared: enforce.Prepared) -> MemoryKey:
    """What a translation is stored under: source, engine, model, and every term its English depends on.

    For MT that is the checked terms with their approved English (what
    enforcement puts into the source). An engine whose output depends on
    more says so with ``memory_terms(source)`` (the gloss: every glossary
    form in the sentence, drafts too) and ``memory_model`` (the gloss: its
    dictionary's version, as it has no model).
    """
    terms = prepared.terms_key
    if hasattr(engine, "memory_terms"):
        terms = "\n".join(sorted(set(filter(None, terms.split("\n"))) | set(engine.memory_terms(prepared.source))))
    return MemoryKey(prepared.source, engine.name, getattr(engine, "memory_model", engine.model), terms)


def _translation(request: SentenceRequest, prepared: enforce.Prepared, english: str, *, engine: str, model: str,
                 origin: str, method: str) -> Translation:
    checks = enforce.finish_checks(enforce.verify(english, prepared, method), request.matches)
    return Translation(
        sentence_id=request.id,
        source=request.sentence.text,
        english=english,
        engine=engine,
        model=model,
        origin=origin,
        terms=checks,
    )


def translate_sentences(
    requests: Sequence[SentenceRequest],
    glossary: Glossary,
    engine: Engine,
    memory: TranslationMemory,
    *,
    progress: bool = False,
    batch_tokens: int = BATCH_TOKENS,
    memory_only: bool = False,
    record_run: bool = True,
) -> TranslateRun:
    """Translate every request (memory first); one Translation per request id.

    ``memory_only``: translate nothing; requests the memory cannot answer
    get no Translation (``summary.missing`` counts them). ``record_run``:
    remember in the memory that ``engine`` was the last to translate this
    corpus (``reader qa`` reports on that engine); one-off texts say False.
    """
    from reader.translate.progress import RunProgress

    if hasattr(engine, "use_glossary"):
        engine.use_glossary(glossary)
    run = TranslateRun()
    summary = run.summary
    summary.sentences = len(requests)
    done: dict[str, Translation] = {}
    pending: dict[MemoryKey, _Pending] = {}

    for request in requests:
        prepared = enforce.prepare(request.sentence, request.matches, glossary)
        human = memory.human(prepared.source) if prepared.source else None
        if human is not None:
            done[request.id] = _translation(request, prepared, human.english, engine="human", model="",
                                            origin="human", method=enforce.HUMAN)
            continue
        key = memory_key(engine, prepared)
        entry = memory.machine(key) if prepared.source else None
        if entry is not None:
            done[request.id] = _translation(request, prepared, entry.english, engine=engine.name,
                                            model=engine.model, origin="memory", method=entry.method)
            continue
        if key in pending:
            pending[key].requests.append(request)
        else:
            pending[key] = _Pending(key, prepared, [request])

    items = list(pending.values())
    if memory_only:  # only empty sentences (English "") are made without the engine
        summary.missing = sum(len(item.requests) for item in items if item.prepared.source)
        items = [item for item in items if not item.prepared.source]
    summary.engine_calls = len(items)
    # Sentences the memory answered start the bar as done, so the rate and ETA are the engine's.
    with RunProgress(total=len(requests), done=len(done), enabled=progress and not memory_only,
                     engine=engine) as bar:
        for batch in _batches([i for i in items if i.prepared.source], engine, batch_tokens):
            _translate_batch(engine, batch, summary)
            memory.store(MachineEntry(item.key, item.english, item.method) for item in batch)
            bar.advance(sum(len(item.requests) for item in batch))
        for item in items:
            for request in item.requests:
                done[request.id] = _translation(request, item.prepared, item.english, engine=engine.name,
                                                model=engine.model, origin="mt", method=item.method)
            if not item.prepared.source:
                bar.advance(len(item.requests))

    for request in requests:
        translation = done.get(request.id)
        if translation is None:  # memory-only, and not in the memory
            continue
        run.translations[request.id] = translation
        if translation.origin == "memory":
            summary.from_memory += 1
        elif translation.origin == "human":
            summary.human += 1
        else:
            summary.translated += 1
        checked = [c for c in translation.terms if c.outcome in ("placed", "flagged")]
        summary.checked_occurrences += len(checked)
        summary.placed += sum(1 for c in checked if c.outcome == "placed")
        summary.flagged += 1 if translation.flagged else 0
    if record_run and not memory_only:
        memory.record_run(RunRecord(engine.name, engine.model, getattr(engine, "memory_model", engine.model),
                                    bool(getattr(engine, "is_gloss", False)), summary.sentences))
    if progress:
        print(summary.line(), file=sys.stderr)
    return run
