"""Translation engines: what turns a list of Chinese sentences into English.

An engine is anything with ``name``, ``model``, ``is_gloss``, ``notice`` and
``translate_batch(sources) -> english`` (same length, same order). Two ship
with reader: ``argos`` (an installed argos zh->en model run through
CTranslate2) and ``gloss`` (an honest word gloss, used when no model is
installed). Tests add their own.

Optional extras an engine may have: ``renders_terms`` (True: it writes
glossary renderings by itself, so enforcement checks its plain output first),
``use_glossary(glossary)`` (called by ``translate_sentences`` with the run's
glossary), ``count_tokens(source)`` (used to size the committed batches;
characters otherwise), and ``memory_model`` / ``memory_terms(source)`` (what
the memory keys its output on besides the checked terms, when that is more:
the gloss depends on its dictionary and on every term in the sentence).

``last_engine(memory)`` gives the engine that last translated the corpus,
for reports that read the memory without translating (``reader qa``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from reader.errors import InputError

if TYPE_CHECKING:
    from reader.glossary.model import Glossary
    from reader.project import Project
    from reader.translate.memory import RunRecord, TranslationMemory

ENGINES = ("argos", "gloss")
INSTALL_HINT = "reader model install"


@runtime_checkable
class Engine(Protocol):
    name: str
    model: str  # model id and version; "" when the engine has none
    is_gloss: bool
    notice: str  # shown wherever this engine's English appears; "" for real MT

    def translate_batch(self, sources: list[str]) -> list[str]: ...


def open_engine(
    name: str | None = None,
    *,
    project: Project | None = None,
    beam_size: int = 2,
    threads: int = 0,
    glossary: Glossary | None = None,
) -> Engine:
    """Open the engine called ``name``; None picks argos when a zh->en model is installed, else the gloss.

    ``glossary`` is what the gloss renders terms with; without it the gloss
    loads the project's glossary the first time it needs one (and
    ``translate_sentences`` hands it the run's glossary in any case).
    """
    from reader.translate.packages import find_zh_en_package

    if name is not None and name not in ENGINES:
        raise InputError(f"unknown translation engine {name!r}; choose one of: {', '.join(ENGINES)}")
    if beam_size < 1:
        raise InputError(f"beam size must be at least 1, not {beam_size}")
    if threads < 0:
        raise InputError(f"threads must be 0 (all cores) or more, not {threads}")
    if name in (None, "argos"):
        package = find_zh_en_package()
        if package is not None:
            from reader.translate.argos import ArgosEngine

            return ArgosEngine(package, beam_size=beam_size, threads=threads)
        if name == "argos":
            raise InputError(
                "no zh->en translation model is installed; install one with "
                f"'{INSTALL_HINT}' (from the internet) or '{INSTALL_HINT} PATH.argosmodel' (from a file)"
            )
    from reader.translate.gloss import GlossEngine

    return GlossEngine(glossary=glossary, project=project)


class StoredEngine:
    """An engine as the memory remembers it, for reports: its translations are looked up, never made."""

    renders_terms = False

    def __init__(self, record: RunRecord):
        from reader.translate.gloss import NOTICE

        self.name = record.engine
        self.model = record.model
        self.memory_model = record.memory_model
        self.is_gloss = record.is_gloss
        self.notice = NOTICE if record.is_gloss else ""

    def translate_batch(self, sources: list[str]) -> list[str]:
        raise RuntimeError(f"the {self.name} engine is only remembered here; it cannot translate")


def last_engine(
    memory: TranslationMemory,
    name: str | None = None,
    *,
    project: Project | None = None,
    glossary: Glossary | None = None,
) -> Engine:
    """The engine that last translated the corpus into ``memory`` (what the last build showed).

    ``name`` overrides it when it names another engine; with no run on record
    it is chosen as ``open_engine`` would. Meant for memory-only runs: for a
    remembered argos run the model need not be installed any more.
    """
    if name is not None and name not in ENGINES:
        raise InputError(f"unknown translation engine {name!r}; choose one of: {', '.join(ENGINES)}")
    record = memory.last_run()
    if record is None or name not in (None, record.engine):
        return open_engine(name, project=project, glossary=glossary)
    if record.engine == "gloss":
        # The gloss keys on the glossary forms in each sentence, which only the engine itself can list.
        return open_engine("gloss", project=project, glossary=glossary)
    return StoredEngine(record)
