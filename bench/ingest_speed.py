"""Ingest a folder (default: the fundus corpus) into a fresh DuckDB file; print articles/second overall and per
stage, and peak memory. Usage: python bench/ingest_speed.py [FOLDER] [--batch-size N] [--repeat N]"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    default = Path(os.environ.get("NEWSDESK_CORPORA", ROOT.parent / "shared" / "corpora")) / "fundus" / "test_data"
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("folder", nargs="?", default=str(default))
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--repeat", type=int, default=1, help="runs (each into a fresh database); medians reported")
    a = p.parse_args()
    folder = Path(a.folder)
    if not folder.exists():
        print(f"no such folder: {folder}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    from newsdesk.pipeline import ingest  # imports (spaCy, GX on first batch) are timed separately

    import_s = time.perf_counter() - t0
    runs = []
    for i in range(a.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.duckdb"
            t = time.perf_counter()
            rep = ingest([folder], db_path=db, batch_size=a.batch_size)
            wall = time.perf_counter() - t
            runs.append((wall, rep))
    wall = statistics.median(r[0] for r in runs)
    rep = runs[len(runs) // 2][1]
    n = rep.n_inputs
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the extraction worker
    print(f"folder: {folder}")
    print(f"inputs {n}: landed {rep.n_landed}, rejected {rep.n_rejected}, duplicates {rep.n_duplicates}, "
          f"skipped files {rep.n_skipped}")
    print(f"import time {import_s:.2f}s (not counted below)")
    print(f"overall: {wall:.2f}s wall (median of {a.repeat}), {n / wall:.1f} articles/s")
    for stage, secs in sorted(rep.timings.items(), key=lambda kv: -kv[1]):
        rate = f"{n / secs:.1f} articles/s" if secs > 0 else "-"
        print(f"  {stage:<9} {secs:7.2f}s  {rate}")
    print(f"peak memory (RSS): {peak_mb:.0f} MB in the loader, {child_mb:.0f} MB in the extraction worker")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
