"""Speed of the pure enrichment stages on the seed article, printed (never asserted: tests check behaviour).

    python bench/stage_speed.py [--repeat N]      (make bench-stages)

Prints the median of N runs (after one warm-up) of `find_dates` on ~1,000 words and on ~1M characters (the seed
500 times), and of `topics.classify` on ~1,000 words. Targets from when these were unit-test asserts, per 1,000
words on the 2-core reference machine: dates < 20 ms, topics < 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Callable

from newsdesk.enrich.dates import find_dates
from newsdesk.enrich.topics import classify

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_a756ebb544484e00.txt"
SEED_PUB = date(2025, 10, 12)


def median_s(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of `fn` over `repeat` runs, after one warm-up run."""
    fn()
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7, help="runs per figure (median printed; default 7)")
    args = ap.parse_args(argv)
    seed = SEED.read_text(encoding="utf-8")
    title, body = seed.split("\n", 1)
    article = " ".join((seed + " ").split()[:1000])
    words = body.split()
    topic_text = " ".join((words * (1000 // len(words) + 1))[:1000])
    huge = seed * 500
    rows = [
        ("dates: find_dates, 1,000 words", median_s(lambda: find_dates(article, SEED_PUB), args.repeat)),
        ("topics: classify, 1,000 words", median_s(lambda: classify(title, topic_text), args.repeat)),
        (f"dates: find_dates, {len(huge) / 1e6:.1f}M characters", median_s(lambda: find_dates(huge, SEED_PUB),
                                                                  max(1, args.repeat // 3))),
    ]
    for label, seconds in rows:
        print(f"{label:<40} {seconds * 1000:10.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
