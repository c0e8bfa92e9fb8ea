"""Benchmark: ingest + words + pinyin against the floor of the libraries doing the real work.

Run from the repository root::

    python bench/ingest.py [--repeat 100] [--texts texts]

For the sample corpus (texts/*.md) and for the corpus with every document's
body repeated N times (one big document per file, so it also tests large
single files), in one run and in the same process, it times:

* ours: ``ingest_bytes`` (decode, chrome, structure, sentences, normal forms)
  then ``annotate`` (jieba words mapped back to the original, pinyin);
* floor: only OpenCC + jieba + pypinyin over the same decoded text: one
  OpenCC call for the whole text, ``jieba.lcut`` of the result and pypinyin
  for every word (cached per distinct word, as ours is).

Times are CPU time of this process (``time.process_time``), so other work on
the machine does not tilt the comparison. It prints both ratios (ours/floor at 1x and at Nx), seconds per MB at both
sizes (equal numbers mean linear time) and the peak RSS of the process. The
Nx documents are processed one at a time and dropped, so memory stays bounded
by the largest single document.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader import annotate as annotate_module  # noqa: E402
from reader import script as script_module  # noqa: E402
from reader.annotate import annotate  # noqa: E402
from reader.ingest import ingest_bytes  # noqa: E402
from reader.ingest.frontmatter import split_front_matter  # noqa: E402


def load_corpus(texts: Path) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, script) for every text; the script read from its front matter."""
    corpus = []
    for path in sorted(texts.glob("*.md")):
        data = path.read_bytes()
        front = split_front_matter(data.decode("utf-8").split("\n"), str(path))
        corpus.append((path.name, data, front.fields.get("script", "simplified")))
    return corpus


def repeated(corpus: list[tuple[str, bytes, str]], times: int) -> list[tuple[str, bytes, str]]:
    """Each document with its body repeated ``times`` times (front matter kept once)."""
    result = []
    for name, data, script in corpus:
        lines = data.decode("utf-8").split("\n")
        front = split_front_matter(lines, name)
        head = "\n".join(lines[: front.body_start]) + "\n"
        body = "\n".join(lines[front.body_start :])
        result.append((name, (head + ("\n" + body) * times).encode("utf-8"), script))
    return result


def clear_caches() -> None:
    """Start every timed run of ours cold, as the floor's word cache starts empty."""
    annotate_module._annotators.clear()  # per-lexicon word readings (the jieba dictionary stays loaded)
    annotate_module._pinyin_of.cache_clear()
    annotate_module._characters.cache_clear()
    script_module._convert_run.cache_clear()


def run_ours(corpus) -> float:
    clear_caches()
    gc.collect()
    started = time.process_time()
    for name, data, _ in corpus:
        document = ingest_bytes(data, name)
        words = annotate(document)
        del document, words
    return time.process_time() - started


def run_floor(corpus) -> float:
    import jieba
    import opencc
    from pypinyin import Style, lazy_pinyin

    tokenizer = annotate_module._base_tokenizer()
    converters = {"simplified": opencc.OpenCC("t2s"), "traditional": opencc.OpenCC("tw2sp")}
    assert isinstance(tokenizer, jieba.Tokenizer)
    gc.collect()
    started = time.process_time()
    cache: dict[str, list[str]] = {}
    for _, data, script in corpus:
        text = data.decode("utf-8")
        normal = converters[script].convert(text)
        readings = []
        for word in tokenizer.lcut(normal):
            syllables = cache.get(word)
            if syllables is None:
                syllables = cache[word] = lazy_pinyin(word, style=Style.TONE, errors="ignore")
            readings.append(syllables)
        del text, normal, readings
    return time.process_time() - started


def megabytes(corpus) -> float:
    return sum(len(data) for _, data, _ in corpus) / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=100, help="how many times the big run repeats each document")
    parser.add_argument("--texts", type=Path, default=Path(__file__).resolve().parents[1] / "texts")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the 1x run (the best is kept)")
    args = parser.parse_args()

    corpus = load_corpus(args.texts)
    big = repeated(corpus, args.repeat)
    # Warm up: jieba's dictionary, pypinyin's tables, OpenCC configs.
    run_floor(corpus[:1])
    run_ours(corpus[:1])
    rss_before = peak_rss_mb()

    small_ours = min(run_ours(corpus) for _ in range(args.rounds))
    small_floor = min(run_floor(corpus) for _ in range(args.rounds))
    big_floor = run_floor(big)
    big_ours = run_ours(big)

    small_mb, big_mb = megabytes(corpus), megabytes(big)
    print(f"corpus: {len(corpus)} documents, {small_mb:.3f} MB; repeated {args.repeat}x: {big_mb:.2f} MB")
    print(f"{'':>10} {'ours s':>9} {'floor s':>9} {'ratio':>7} {'ours s/MB':>10} {'floor s/MB':>11}")
    for label, ours, floor, size in (("1x", small_ours, small_floor, small_mb), (f"{args.repeat}x", big_ours, big_floor, big_mb)):
        print(f"{label:>10} {ours:9.3f} {floor:9.3f} {ours / floor:7.2f} {ours / size:10.3f} {floor / size:11.3f}")
    print(f"linearity (ours s/MB at {args.repeat}x / at 1x): {(big_ours / big_mb) / (small_ours / small_mb):.2f}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (after warm-up: {rss_before:.0f} MB)")
    ratio = max(small_ours / small_floor, big_ours / big_floor)
    print(f"target: within 2x of the floor -> {'met' if ratio <= 2.0 else 'NOT met'} (worst ratio {ratio:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
