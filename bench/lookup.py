"""How long `reader glossary lookup` takes, as a multiple of starting Python at all.

Runs `python -c pass` and several lookups (headword, pinyin, English, a miss)
in the same run, alternating, and prints the median wall time of each and the
ratio to the bare interpreter. Target: at most 5x. The index is warmed first
(one rebuild), since that happens once after the glossary or a text changes.

    python bench/lookup.py [--repeat 15] [--project DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["影子银行", "ying3zi yin2hang2", "shadow banking", "xyzzy"]


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--project", type=Path, default=ROOT)
    options = parser.parse_args()
    python = sys.executable
    lookup = [python, "-m", "reader", "glossary", "lookup"]
    warm = subprocess.run([*lookup, QUERIES[0]], cwd=options.project, capture_output=True, text=True)
    if warm.returncode != 0:
        print(f"lookup failed: {warm.stderr.strip()}", file=sys.stderr)
        return 1
    baseline: list[float] = []
    times: dict[str, list[float]] = {q: [] for q in QUERIES}
    for _ in range(options.repeat):
        baseline.append(timed([python, "-c", "pass"], options.project))
        for query in QUERIES:
            times[query].append(timed([*lookup, query], options.project))
    base = statistics.median(baseline)
    print(f"python -c pass: {base * 1000:.1f} ms (median of {options.repeat})")
    worst = 0.0
    for query, values in times.items():
        median = statistics.median(values)
        worst = max(worst, median / base)
        print(f"lookup {query!r}: {median * 1000:.1f} ms = {median / base:.2f}x")
    print(f"worst ratio: {worst:.2f}x (target <= 5x): {'OK' if worst <= 5 else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
