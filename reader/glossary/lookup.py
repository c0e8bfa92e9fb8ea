"""Look a term up by headword, pinyin, English or abbreviation, from the compiled index.

Order of search:

1. exact: simplified or traditional headword; abbreviation; English rendering
   or accepted form (case-insensitive); pinyin with tones (marks or numbers)
   if the query has tones, else pinyin without tones; spaces never matter.
2. prefix: a headword that starts with (or contains) a Chinese query; an
   English form or one of its words, an abbreviation or toneless pinyin that
   starts with the query. One term found this way counts as found; several
   are offered as suggestions.
3. fuzzy: close spellings (difflib), offered as "did you mean".

Imports only the standard library and the index module: no jieba, pypinyin,
opencc or corpus reading on this path.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from reader.glossary import pinyin as py
from reader.glossary.index import KINDS, english_key, load_index, loose_key


QUOTES = "“”‘’\"'《》〈〉「」『』()（） "


@dataclass
class LookupResult:
    query: str
    match: str  # "exact", "prefix" or "none"
    terms: list[dict] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)
    warning: str | None = None

    @property
    def found(self) -> bool:
        return bool(self.terms)

    def to_json(self) -> dict:
        terms = [{k: v for k, v in record.items() if k != "note_markup"} for record in self.terms]
        return {"query": self.query, "found": self.found, "match": self.match, "terms": terms,
                "suggestions": self.suggestions, "warning": self.warning}


def _query_keys(query: str) -> dict[str, set[str]]:
    is_chinese = any(py.is_han(ch) for ch in query)
    keys: dict[str, set[str]] = {kind: set() for kind in KINDS}
    keys["headword"] = {query.replace(" ", "").casefold()}
    if is_chinese:
        return keys
    keys["english"] = {english_key(query), loose_key(query)} - {""}
    keys["abbreviation"] = set(keys["english"])
    toned = py.toned(query)
    if toned:
        keys["pinyin-toned"] = {toned}
    keys["pinyin"] = {py.toneless(query)} - {""}
    return keys


def _summary(record: dict) -> dict:
    return {"zh": record["zh"], "english": record["english"], "pinyin": record["pinyin"]}


def _public(record: dict, matched_by: str) -> dict:
    out = dict(record)
    out["matched_by"] = matched_by
    return out


def lookup(project, query: str, *, limit: int = 8) -> LookupResult:
    """Find ``query`` in the glossary of ``project`` (a ``reader.project.Project``).

    See the module docstring for the order of search. Reads the compiled
    index, rebuilding it first when a glossary file or text changed.
    """
    index = load_index(project.glossary_dir, project.texts_dir, project.cache_dir)
    records, keys = index["terms"], index["keys"]
    # Full-width letters (ＳＤＲ) become ASCII; quotes and title marks around a pasted term are dropped.
    query = " ".join(unicodedata.normalize("NFKC", query).split()).strip(QUOTES)
    result = LookupResult(query=query, match="none", warning=index.get("warning"))
    if not query:
        return result
    wanted = _query_keys(query)

    exact: dict[int, str] = {}
    for kind in KINDS:
        if kind == "pinyin" and wanted["pinyin-toned"]:
            continue  # tones given: only a tone-exact reading is an exact match
        for key in wanted[kind]:
            for i in keys[kind].get(key, []):
                exact.setdefault(i, kind)
    if not exact and wanted["pinyin-toned"]:
        for key in wanted["pinyin"]:
            for i in keys["pinyin"].get(key, []):
                exact.setdefault(i, "pinyin")
    if exact:
        result.match = "exact"
        result.terms = [_public(records[i], kind) for i, kind in exact.items()]
        return result

    prefix = _prefix_matches(keys, wanted)
    if len(prefix) == 1:
        (i, kind), = prefix.items()
        result.match = "prefix"
        result.terms = [_public(records[i], kind)]
        return result
    if prefix:
        result.suggestions = [_summary(records[i]) for i in list(prefix)[:limit]]
        return result
    result.suggestions = [_summary(records[i]) for i in _fuzzy_matches(keys, wanted, limit)]
    return result


def _prefix_matches(keys: dict, wanted: dict) -> dict[int, str]:
    found: dict[int, str] = {}
    head = next(iter(wanted["headword"]))
    chinese = any(py.is_han(ch) for ch in head)
    if chinese:
        starts = [(len(k), k) for k in keys["headword"] if k.startswith(head)]
        contains = [(len(k), k) for k in keys["headword"] if head in k and not k.startswith(head)]
        for _, key in sorted(starts) + sorted(contains):
            for i in keys["headword"][key]:
                found.setdefault(i, "headword")
        return found
    for kind in ("abbreviation", "english"):
        for query in wanted[kind]:
            if len(query) < 2:
                continue
            for key in sorted(keys[kind], key=len):
                if key.startswith(query) or (kind == "english" and f" {query}" in f" {key}"):
                    for i in keys[kind][key]:
                        found.setdefault(i, kind)
    for query in wanted["pinyin"]:
        if len(query) >= 2:
            for key in sorted(keys["pinyin"], key=len):
                if key.startswith(query):
                    for i in keys["pinyin"][key]:
                        found.setdefault(i, "pinyin")
    return found


def _fuzzy_matches(keys: dict, wanted: dict, limit: int) -> list[int]:
    import difflib

    head = next(iter(wanted["headword"]))
    if any(py.is_han(ch) for ch in head):
        spaces = [("headword", {head})]
    else:
        spaces = [("english", wanted["english"]), ("abbreviation", wanted["abbreviation"]), ("pinyin", wanted["pinyin"])]
    scored: dict[int, float] = {}
    for kind, queries in spaces:
        candidates = list(keys[kind])
        for query in queries:
            for key in difflib.get_close_matches(query, candidates, n=limit, cutoff=0.6):
                score = difflib.SequenceMatcher(None, query, key).ratio()
                for i in keys[kind][key]:
                    scored[i] = max(scored.get(i, 0.0), score)
    return [i for i, _ in sorted(scored.items(), key=lambda item: -item[1])][:limit]
