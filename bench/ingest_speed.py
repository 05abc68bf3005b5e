"""Ingest speed beside its anchor, in one run (make bench).

Prints, on the same pages (default: the fundus corpus):
  1. the bare stages in one process: decode + trafilatura + spaCy NER (the floor no orchestration beats per core);
  2. `newsdesk ingest` end to end with 1 worker (in-process) and with every core (a local Dask cluster), each into
     a fresh database, as a separate process like a user runs it;
  3. the re-run of the unchanged folder into the database of (2);
  4. their ratios to (1), and peak memory of the loader and of each worker.
Each configuration runs --repeat times; medians are reported (the machine is shared: ratios, not absolutes).

Usage: python bench/ingest_speed.py [FOLDER] [--batch-size N] [--repeat N] [--workers N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.name.lower().endswith((".html", ".htm", ".html.gz", ".htm.gz")))


def bare_stages(files: list[Path]) -> tuple[float, int]:
    """decode + trafilatura.extract + spaCy NER (the model newsdesk ships, NER only), one process, batch 32."""
    import spacy
    import trafilatura

    from newsdesk.enrich.nlp import MODEL

    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    t = time.perf_counter()
    texts = []
    for f in files:
        data = f.read_bytes()
        if f.name.endswith(".gz"):
            data = gzip.decompress(data)
        html = data.decode("utf-8", errors="replace")
        texts.append(trafilatura.extract(html) or "")
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
    return time.perf_counter() - t, ents


def newsdesk(folder: Path, db: Path, workers: int, batch_size: int) -> dict:
    cmd = [sys.executable, "-m", "newsdesk.cli", "ingest", str(folder), "--db", str(db), "--workers", str(workers),
           "--batch-size", str(batch_size), "--json", "--quiet"]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "NEWSDESK_WORKERS": str(workers)})
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"newsdesk ingest failed: {proc.stderr[-2000:]}")
    rep = json.loads(proc.stdout)
    rep["wall"] = wall
    return rep


def main() -> int:
    default = Path(os.environ.get("NEWSDESK_CORPORA", ROOT.parent / "shared" / "corpora")) / "fundus" / "test_data"
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", nargs="?", default=str(default))
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--repeat", type=int, default=1, help="runs per configuration; medians reported")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="the all-cores configuration")
    a = p.parse_args()
    folder = Path(a.folder)
    files = pages(folder)
    if not files:
        print(f"no HTML pages under {folder}", file=sys.stderr)
        return 2
    n = len(files)
    rows: dict[str, list[float]] = {"bare": [], "one": [], "all": [], "rerun": []}
    mem: dict[str, list[float]] = {"one": [], "all": [], "workers": []}
    reps: dict[str, dict] = {}
    for _ in range(a.repeat):
        rows["bare"].append(bare_stages(files)[0])
        with tempfile.TemporaryDirectory() as tmp:
            one = newsdesk(folder, Path(tmp) / "one.duckdb", 1, a.batch_size)
            every = newsdesk(folder, Path(tmp) / "all.duckdb", a.workers, a.batch_size)
            again = newsdesk(folder, Path(tmp) / "all.duckdb", a.workers, a.batch_size)
        rows["one"].append(one["wall"])
        rows["all"].append(every["wall"])
        rows["rerun"].append(again["wall"])
        mem["one"].append(one["loader_peak_mb"])
        mem["all"].append(every["loader_peak_mb"])
        mem["workers"].append(max(every["worker_peak_mb"].values(), default=0.0))
        reps = {"one": one, "all": every, "rerun": again}
    med = {k: statistics.median(v) for k, v in rows.items()}
    bare_rate = n / med["bare"]
    print(f"pages: {n} under {folder}; batch size {a.batch_size}; median of {a.repeat} run(s); "
          f"{os.cpu_count()} cores")
    print(f"{'configuration':<44} {'seconds':>8} {'articles/s':>11} {'vs bare':>8}")
    print(f"{'bare stages, one process (decode+trafilatura+NER)':<44} {med['bare']:8.1f} {bare_rate:11.2f} {'1.00x':>8}")
    for key, label in (("one", "newsdesk ingest --workers 1 (in-process)"),
                       ("all", f"newsdesk ingest --workers {a.workers} ({reps['all']['executor']})")):
        rate = n / med[key]
        print(f"{label:<44} {med[key]:8.1f} {rate:11.2f} {rate / bare_rate:7.2f}x")
    print(f"{'re-run of the unchanged folder':<44} {med['rerun']:8.1f} {'':>11} "
          f"{100 * med['rerun'] / med['all']:6.1f}% of the first run")
    print(f"landed {reps['all']['n_landed']}, rejected {reps['all']['n_rejected']}; re-run: "
          f"{reps['rerun']['n_duplicates']} duplicates, {reps['rerun']['n_landed']} landed")
    print(f"peak memory (RSS, MB): loader {statistics.median(mem['one']):.0f} (1 worker) / "
          f"{statistics.median(mem['all']):.0f} (all cores); each worker at most {statistics.median(mem['workers']):.0f}")
    print("stage seconds (all cores, summed over workers): " + ", ".join(
        f"{k} {v:.1f}" for k, v in sorted(reps["all"]["timings"].items(), key=lambda kv: -kv[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
