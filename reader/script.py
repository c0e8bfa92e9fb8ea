"""Script detection and the simplified, mainland-vocabulary normal form.

Later stages match glossary terms and segment words on one normal form, so
that 影子銀行 and 影子银行, or 晶片 and 芯片, are the same thing to them. The
normal form is produced by OpenCC:

* traditional text goes through ``tw2sp`` (Taiwan phrasing to mainland
  phrasing, then characters): 演算法 -> 算法, 晶片 -> 芯片, 伺服器 -> 服务器,
  數位 -> 数字;
* simplified text goes through ``t2s`` only. ``tw2sp`` would "correct" mainland
  words that Taiwan uses differently (核心 -> 内核, 建立 -> 创建, 智慧 -> 智能),
  so it is never applied to text that is already simplified.

Phrase conversion can change length (演算法 -> 算法), so ``to_normal`` also
returns an offset map: ``offsets[i]`` is the index in the original text of the
character ``normal[i]`` came from, with one extra entry, ``len(text)``, at the
end. Characters dropped by a conversion belong to the next normal character,
so the normal span 算法 maps back to the whole original span 演算法.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
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
    if script == "simplified":
        normal = _converter("t2s").convert(text)
        if len(normal) == len(text):
            # t2s maps character for character: the identity map is exact.
            return normal, tuple(range(len(text) + 1))
    return _convert_by_runs(text, "t2s" if script == "simplified" else "tw2sp")


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
            converted, chunk_offsets = _convert_run(chunk, config)
            parts.append(converted)
            offsets.extend(chunk_start + offset for offset in chunk_offsets)
        position = end
    if position < len(text):
        parts.append(text[position:])
        offsets.extend(range(position, len(text)))
    offsets.append(len(text))
    return "".join(parts), tuple(offsets)


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
