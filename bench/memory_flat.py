"""Peak memory of the loader and of each worker when the input grows 10x (issue 9: flat within 10 %).

Builds two JSONL inputs of N and 10·N distinct articles (the seed's body, varied), loads each with
`newsdesk ingest --workers W --json` into a fresh database as its own process, and prints the loader's and the
largest worker's peak RSS for both sizes and their ratio.

Usage: python bench/memory_flat.py [--articles N] [--workers W] [--batch-size B]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_a756ebb544484e00.txt"


def write_inputs(path: Path, n: int) -> Path:
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = body.replace("nine other regions", f"{i % 97 + 2} other regions").replace("Oct 12", f"Oct {i % 28 + 1}")
            f.write(json.dumps({"url": f"https://wire.example/story/{i}", "title": f"Story {i}: air defence talks",
                                "text": text + f" Reference number {i}.", "published": "2025-10-12"}) + "\n")
    return path


def load(inputs: Path, db: Path, workers: int, batch_size: int) -> dict:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newsdesk.cli", "ingest", str(inputs), "--db", str(db), "--workers",
                           str(workers), "--batch-size", str(batch_size), "--json", "--quiet"],
                          capture_output=True, text=True, env={**os.environ, "NEWSDESK_WORKERS": str(workers)})
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    rep = json.loads(proc.stdout)
    rep["wall"] = time.perf_counter() - t
    return rep


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=200)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--batch-size", type=int, default=32)
    a = p.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (a.articles, 10 * a.articles):
            rep = load(write_inputs(Path(tmp) / f"in{n}.jsonl", n), Path(tmp) / f"db{n}.duckdb", a.workers,
                       a.batch_size)
            worker = max(rep["worker_peak_mb"].values(), default=0.0)
            rows.append((n, rep["n_landed"], rep["wall"], rep["loader_peak_mb"], worker, rep["executor"]))
    print(f"{'articles':>9} {'landed':>7} {'seconds':>8} {'loader MB':>10} {'worker MB':>10}  executor")
    for n, landed, wall, loader, worker, ex in rows:
        print(f"{n:9d} {landed:7d} {wall:8.1f} {loader:10.0f} {worker:10.0f}  {ex}")
    (_, _, _, l1, w1, _), (_, _, _, l10, w10, _) = rows
    print(f"10x input: loader peak x{l10 / l1:.2f}, worker peak x{(w10 / w1) if w1 else float('nan'):.2f} "
          "(target: within 1.10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
