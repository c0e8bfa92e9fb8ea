"""Script detection and the simplified, mainland-vocabulary normal form.

Later stages match glossary terms and segment words on one normal form, so
that 影子銀行 and 影子银行, or 晶片 and 芯片, are the same thing to them. The
normal form is produced by OpenCC:

* traditional text goes through ``tw2sp`` (Taiwan phrasing to mainland
  phrasing, then characters): 演算法 -> 算法, 晶片 -> 芯片, 伺服器 -> 服务器,
  數位 -> 数字;
* simplified text goes through ``t2s``, then only the Taiwan vocabulary that
  mainland writing never uses (``reader/ingest/data/taiwan_phrases.txt``,
  taken from OpenCC's own Taiwan phrase table) is rewritten, where jieba
  finds it as a whole word: a Taiwan author's 晶片, 演算法, 软体, 数位 in
  simplified characters become 芯片, 算法, 软件, 数字. ``tw2sp`` as a whole
  would "correct" mainland words that Taiwan uses differently (核心 -> 内核,
  建立 -> 创建, 智慧 -> 智能, 资料 -> 数据), so it is never applied to text
  that is already simplified.

Phrase conversion can change length (演算法 -> 算法), so ``to_normal`` also
returns an offset map: ``offsets[i]`` is the index in the original text of the
character ``normal[i]`` came from, with one extra entry, ``len(text)``, at the
end. Characters dropped by a conversion belong to the next normal character,
so the normal span 算法 maps back to the whole original span 演算法.
"""

from __future__ import annotations

import difflib
import logging
import re
from functools import lru_cache
from importlib import resources
from typing import Literal

import opencc

Script = Literal["simplified", "traditional"]

# A detection sample this long is plenty; longer texts are sampled evenly.
_SAMPLE = 20_000
# Runs of Han characters: OpenCC phrases never cross anything else, so runs
# can be converted (and aligned) one at a time.
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
# Longer runs are cut so that alignment stays linear on pathological input.
_MAX_RUN = 2_000


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """Convert ``text`` with an OpenCC configuration (``"s2t"``, ``"s2twp"``, ``"t2s"``, ``"tw2sp"`` ...).

    One cached converter per configuration serves every stage.
    """
    return _converter(config).convert(text)


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE:
        return text
    step = len(text) // 4
    quarter = _SAMPLE // 4
    return "".join(text[i * step : i * step + quarter] for i in range(4))


def script_counts(text: str) -> tuple[int, int]:
    """(simplified-only characters, traditional-only characters) in a sample of ``text``."""
    sample = _sample(text)
    to_simplified = _converter("t2s").convert(sample)
    to_traditional = _converter("s2t").convert(sample)
    traditional = simplified = 0
    if len(to_simplified) == len(sample):
        traditional = sum(1 for a, b in zip(sample, to_simplified) if a != b)
    if len(to_traditional) == len(sample):
        simplified = sum(1 for a, b in zip(sample, to_traditional) if a != b)
    return simplified, traditional


def detect_script(text: str) -> Script:
    """``"traditional"`` when traditional-only characters outnumber simplified-only ones.

    Text with neither (all characters shared by both scripts, or no Chinese
    at all) counts as simplified.
    """
    simplified, traditional = script_counts(text)
    return "traditional" if traditional > simplified else "simplified"


def to_normal(text: str, script: Script | None = None) -> tuple[str, tuple[int, ...]]:
    """The simplified mainland normal form of ``text`` and its offset map.

    ``script`` is the script of the document the text comes from; when it is
    not given it is detected from ``text`` itself. Returns ``(normal,
    offsets)`` with ``len(offsets) == len(normal) + 1``, offsets
    non-decreasing, ``offsets[0] == 0`` when ``normal`` is not empty and
    ``offsets[-1] == len(text)``.
    """
    if script is None:
        script = detect_script(text)
    if script == "traditional":
        return _convert_by_runs(text, "tw2sp")
    normal = _converter("t2s").convert(text)
    if len(normal) == len(text):
        # t2s maps character for character: the identity map is exact.
        offsets: tuple[int, ...] | range = range(len(text) + 1)
    else:
        normal, offsets = _convert_by_runs(text, "t2s")
    hits = _taiwan_phrases_in(normal)
    if not hits:
        return normal, tuple(offsets)
    return _replace(normal, offsets, hits)


def simplified_characters(text: str) -> str:
    """``text`` converted character for character to simplified (unchanged if a conversion would change its length)."""
    converted = _converter("t2s").convert(text)
    return converted if len(converted) == len(text) else text


@lru_cache(maxsize=1)
def word_tokenizer():
    """jieba with its standard (mainland) dictionary, loaded once and silent; shared by every stage."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=1)
def taiwan_phrases() -> dict[str, str]:
    """Taiwan-only vocabulary in simplified characters -> its mainland form, as OpenCC's tw2sp gives it."""
    data = resources.files("reader.ingest").joinpath("data/taiwan_phrases.txt").read_text(encoding="utf-8")
    phrases = {}
    for line in data.splitlines():
        phrase = line.split("#", 1)[0].strip()
        if phrase:
            key, value = _converter("t2s").convert(phrase), _converter("tw2sp").convert(phrase)
            if key != value:
                phrases[key] = value
    return phrases


@lru_cache(maxsize=1)
def _taiwan_automaton():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for phrase in taiwan_phrases():
        automaton.add_word(phrase, phrase)
    automaton.make_automaton()
    return automaton


def _taiwan_phrases_in(normal: str) -> list[tuple[int, int, str]]:
    """``(start, end, mainland form)`` of the whole-word Taiwan phrases in ``normal``, leftmost-longest."""
    if not normal:
        return []
    found = [(end + 1 - len(phrase), end + 1, phrase) for end, phrase in _taiwan_automaton().iter(normal)]
    if not found:
        return []
    found.sort(key=lambda hit: (hit[0], -hit[1]))
    # Without the HMM, jieba never glues an unknown character onto a phrase: only
    # dictionary words (互联网, 路由器) can straddle one and veto it.
    boundaries = {0}
    position = 0
    for token in word_tokenizer().cut(normal, HMM=False):
        position += len(token)
        boundaries.add(position)
    phrases = taiwan_phrases()
    chosen: list[tuple[int, int, str]] = []
    last_end = 0
    for start, end, phrase in found:
        if start >= last_end and start in boundaries and end in boundaries:
            chosen.append((start, end, phrases[phrase]))
            last_end = end
    return chosen


def _replace(normal: str, offsets, hits: list[tuple[int, int, str]]) -> tuple[str, tuple[int, ...]]:
    """``normal`` with each hit replaced, and the offset map carried through the replacements."""
    parts: list[str] = []
    new_offsets: list[int] = []
    position = 0
    for start, end, replacement in hits:
        parts.append(normal[position:start])
        new_offsets.extend(offsets[position:start])
        parts.append(replacement)
        new_offsets.extend(offsets[start + index] for index in _align(normal[start:end], replacement))
        position = end
    parts.append(normal[position:])
    new_offsets.extend(offsets[position:])  # to the end, the final entry included
    return "".join(parts), tuple(new_offsets)


def _convert_by_runs(text: str, config: str) -> tuple[str, tuple[int, ...]]:
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _HAN_RUN.finditer(text):
        start, end = match.span()
        if start > position:
            parts.append(text[position:start])
            offsets.extend(range(position, start))
        for chunk_start in range(start, end, _MAX_RUN):
            chunk = text[chunk_start : min(end, chunk_start + _MAX_RUN)]
            for piece_start, piece, piece_config in _pieces(chunk, config):
                converted, piece_offsets = _convert_run(piece, piece_config)
                parts.append(converted)
                offsets.extend(chunk_start + piece_start + offset for offset in piece_offsets)
        position = end
    if position < len(text):
        parts.append(text[position:])
        offsets.extend(range(position, len(text)))
    offsets.append(len(text))
    return "".join(parts), tuple(offsets)


@lru_cache(maxsize=1)
def _tw2sp_keep() -> re.Pattern[str] | None:
    """Words tw2sp would turn into a different mainland word (reader/ingest/data/tw2sp_keep.txt)."""
    data = resources.files("reader.ingest").joinpath("data/tw2sp_keep.txt").read_text(encoding="utf-8")
    words = sorted({w for line in data.splitlines() if (w := line.split("#", 1)[0].strip())}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


def _pieces(run: str, config: str):
    """Split a run so that kept words go through character conversion (t2s) and the rest through ``config``."""
    keep = _tw2sp_keep() if config == "tw2sp" else None
    if keep is None:
        yield 0, run, config
        return
    position = 0
    for match in keep.finditer(run):
        if match.start() > position:
            yield position, run[position : match.start()], config
        yield match.start(), match.group(), "t2s"
        position = match.end()
    if position < len(run):
        yield position, run[position:], config


@lru_cache(maxsize=50_000)
def _convert_run(run: str, config: str) -> tuple[str, tuple[int, ...]]:
    """Convert one run of Han characters; offsets relative to the run (without the final entry)."""
    converted = _converter(config).convert(run)
    characters = _converter("t2s").convert(run)
    if len(characters) != len(run):
        characters = run
    if converted == characters:
        return converted, tuple(range(len(run)))
    return converted, _align(characters, converted)


def _align(source: str, target: str) -> tuple[int, ...]:
    """For each character of ``target``, the index in ``source`` it came from.

    Equal stretches map one to one; a replaced stretch maps proportionally
    (its first character to the start of the source stretch); characters
    deleted from ``source`` are given to the next target character.
    """
    offsets: list[int] = []
    pending: int | None = None  # start of deleted source characters not yet claimed
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "delete":
            pending = i1 if pending is None else pending
            continue
        for j in range(j1, j2):
            if op == "equal":
                index = i1 + (j - j1)
            elif op == "replace":
                index = i1 + (j - j1) * (i2 - i1) // (j2 - j1)
            else:  # insert: no source character of its own
                index = min(i1, len(source) - 1) if source else 0
            if pending is not None:
                index = min(index, pending)
                pending = None
            if offsets and index < offsets[-1]:
                index = offsets[-1]
            offsets.append(index)
    if offsets:
        offsets[0] = 0
    return tuple(offsets)
