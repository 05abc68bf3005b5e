"""Land and publish the same 32-article batches into databases of different sizes, side by side in one run.

Usage: python bench/landing_scale.py --db SMALL.duckdb --db LARGE.duckdb [--batches 5] [--batch-size 32]

The batches are processed once (read, clean, enrich, validate: the seed article's body under distinct URLs and
wording, so every batch is new to every database), then landed into the databases interleaved (each batch into
every database before the next one) through the load lifecycle (`Load.land`: the writer's transaction, then the
publish to the reader store). Prints per database the
median seconds to land + publish one batch, the writer's and the publish's share, the close of the load (final
publish and compaction) separately, and the ratio of each database to the first. Build the databases with
`bench/synthetic.py --articles N --db FILE` (which also fills their reader store); landing adds the batches to
them, so use copies you can throw away.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def batch_file(folder: Path, number: int, size: int, nonce: str) -> Path:
    body = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8").split("\n", 1)[1]
    path = folder / f"batch{number}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(size):
            tag = f"{nonce}-{number}-{i}"
            f.write(json.dumps({"url": f"https://bench.example/{tag}", "title": f"Bench story {tag}: air defence",
                                "text": body.replace("nine other regions", f"{i + 2} other regions in {tag}"),
                                "published": "2025-10-12"}) + "\n")
    return path


def process(files: list[Path], size: int) -> list:
    """Each file processed once, in this process, against a scratch database (planning needs one)."""
    from newsdesk import pipeline
    from newsdesk.lifecycle import Load
    from newsdesk.settings import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(db_path=Path(tmp) / "scratch.duckdb", batch_size=size)
        out = []
        with Load(settings, "bench/landing_scale.py (processing)") as load:
            for f in files:
                plan = load.plan([str(f)])
                (refs,) = plan.batches
                out.append(pipeline.process_batch(refs, load.load_id, settings))
    return out


def land_interleaved(db_paths: list[Path], results: list) -> list[dict[str, float]]:
    """Every batch landed into each database in turn (batch 1 into all, then batch 2...), so noise on this shared
    machine falls on all databases alike; one load open on each database for the whole run."""
    from newsdesk.lifecycle import Load
    from newsdesk.settings import load_settings

    loads, figures = [], []
    try:
        for db_path in db_paths:
            t = time.perf_counter()
            load = Load(load_settings(db_path=db_path), "bench/landing_scale.py")
            load.open()
            loads.append(load)
            figures.append({"open": time.perf_counter() - t, "land": [], "store": [], "publish": []})
        for i, result in enumerate(results, start=1):
            for db_path, load, fig in zip(db_paths, loads, figures):
                frames, rejects, rep = copy.deepcopy(result)
                rep.timings.clear()
                t = time.perf_counter()
                load.land((frames, rejects, rep), i)
                fig["land"].append(time.perf_counter() - t)
                fig["store"].append(rep.timings.get("store", 0.0))
                fig["publish"].append(rep.timings.get("publish", 0.0))
                if rep.landed != len(frames["articles"]):
                    raise SystemExit(f"{db_path}: batch {i} landed {rep.landed} of {len(frames['articles'])}")
    finally:
        for load, fig in zip(loads, figures):
            t = time.perf_counter()
            load.close()
            fig["close"] = time.perf_counter() - t
    return [{"land": statistics.median(f["land"]), "store": statistics.median(f["store"]),
             "publish": statistics.median(f["publish"]), "open": f["open"], "close": f["close"],
             "land_max": max(f["land"])} for f in figures]


def articles_in(db_path: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, action="append", required=True, help="a database (give two or more)")
    ap.add_argument("--batches", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=32)
    a = ap.parse_args(argv)
    nonce = uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory() as tmp:
        files = [batch_file(Path(tmp), n, a.batch_size, nonce) for n in range(a.batches)]
        t = time.perf_counter()
        results = process(files, a.batch_size)
        print(f"processed {a.batches} batches of {a.batch_size} in {time.perf_counter() - t:.1f}s", flush=True)
    sizes = [articles_in(db_path) for db_path in a.db]
    rows = list(zip(a.db, sizes, land_interleaved(a.db, results)))
    for db_path, n, figures in rows:
        print(f"{db_path}: {n:,} articles before; land+publish median {figures['land']:.3f}s "
              f"(writer {figures['store']:.3f}s, publish {figures['publish']:.3f}s, max {figures['land_max']:.3f}s); "
              f"load open {figures['open']:.2f}s, close {figures['close']:.2f}s", flush=True)
    base = rows[0][2]["land"]
    for _db_path, n, figures in rows:
        print(f"ratio {n:,} articles / {rows[0][1]:,}: land+publish x{figures['land'] / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
