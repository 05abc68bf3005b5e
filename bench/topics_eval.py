"""Topic classifier quality on our hand-labelled articles (bench/topics_labels.csv) from the shared corpora.

Usage: python bench/topics_eval.py [--misses]

A thin wrapper over `newsdesk.evaluation.topics` (also part of `newsdesk eval`): reads the article texts from the
corpora at run time (NEWSDESK_CORPORA, default <project>/../shared/corpora); the repository holds only references
and our labels. Prints top-1 / top-3 accuracy over level-1 topics, overall and per split ("dev" / "holdout"),
a confusion table (first gold code vs predicted top-1) and timing.
"""

from __future__ import annotations

import argparse
import sys

from newsdesk.evaluation.topics import evaluate, format_report
from newsdesk.settings import load_settings


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list the articles whose gold is not in the top 3")
    args = ap.parse_args(argv)
    base = load_settings().corpora_dir
    if not (base / "README.md").exists():
        print(f"corpora not found at {base} (set NEWSDESK_CORPORA)", file=sys.stderr)
        return 2
    print(format_report(evaluate(base), misses=args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
