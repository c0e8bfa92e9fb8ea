"""Translate stage: offline machine translation with enforced glossary terms and a translation memory.

Public API::

    engine = open_engine(None, project=project)          # argos if a model is installed, else the gloss
    with TranslationMemory(project.memory_path) as memory:
        run = translate_sentences(requests, glossary, engine, memory, progress=True)
    run.translations["<doc>#<sentence>"]                 # Translation, one TermCheck per TermMatch
    run.summary                                          # translated, from memory, human, flagged, ...

    # Reports: what the memory holds for the engine of the last run, translating nothing.
    with TranslationMemory(project.memory_path) as memory:
        run = translate_sentences(requests, glossary, last_engine(memory), memory, memory_only=True)
"""

from reader.translate.engines import ENGINES, Engine, last_engine, open_engine
from reader.translate.memory import HumanEntry, MachineEntry, MemoryKey, RunRecord, TranslationMemory
from reader.translate.model import TermCheck, Translation
from reader.translate.run import RunSummary, SentenceRequest, TranslateRun, translate_sentences

__all__ = [
    "ENGINES",
    "Engine",
    "HumanEntry",
    "MachineEntry",
    "MemoryKey",
    "RunRecord",
    "RunSummary",
    "SentenceRequest",
    "TermCheck",
    "TranslateRun",
    "Translation",
    "TranslationMemory",
    "last_engine",
    "open_engine",
    "translate_sentences",
]
