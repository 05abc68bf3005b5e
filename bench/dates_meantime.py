"""Date resolution measured on MEANTIME (English): hand-annotated TIMEX3 DATE values, normalised to each document's
creation time (DCT).

A thin wrapper: the measurement lives in `newsdesk.evaluation.meantime` (its docstring defines every figure), which
the quality report (`meantime_date_*`) and the CI floors (bench/quality_floors.json, tests/quality/) use too.

The corpora folder comes from NEWSDESK_CORPORA (default: ../shared/corpora next to the checkout). Nothing is copied.
Run: python bench/dates_meantime.py [--misses]
"""

from __future__ import annotations

import argparse
import sys

from newsdesk.evaluation.meantime import corpus_file, measure_dates, report_dates
from newsdesk.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--misses", action="store_true", help="list gold expressions not resolved exactly, and wrong mentions"
    )
    args = ap.parse_args(argv)
    corpora = load_settings().corpora_dir
    if not corpus_file(corpora).exists():
        print(f"MEANTIME not found under {corpora} (set NEWSDESK_CORPORA)", file=sys.stderr)
        return 2
    with_spacy = measure_dates(corpora, use_spacy=True)
    print(report_dates(with_spacy, "rules + spaCy DATE spans (the pipeline)"))
    print(report_dates(measure_dates(corpora, use_spacy=False), "rules only (no spaCy spans, own sentence splitter)"))
    if args.misses:
        print("\n-- not resolved exactly:")
        print("\n".join(with_spacy.misses))
        print("\n-- wrong mentions (annotated lines):")
        print("\n".join(with_spacy.wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
