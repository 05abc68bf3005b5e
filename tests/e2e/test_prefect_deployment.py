"""End to end on the real stack: a Prefect server, the repo's deployments served, `prefect deployment run` with
parameters, rows checked in the DuckDB file the run was told to write."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newsdesk.store import lake

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.e2e


def test_deployment_run_with_parameters_lands_rows(prefect_stack, seed_path, tmp_path) -> None:
    env, tmp = prefect_stack
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(seed_path, inputs / "seed.txt")
    db = tmp_path / "e2e.duckdb"
    r = subprocess.run(
        [str(BIN / "prefect"), "deployment", "run", "ingest/seeds", "-p", f"inputs={json.dumps([str(inputs)])}",
         "-p", f"db_path={db}", "-p", "batch_size=8", "-p", "published=2025-10-12", "--watch",
         "--watch-timeout", "300"],
        env=env, capture_output=True, text=True, timeout=400,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:] + (tmp / "runner.log").read_text()[-3000:]
    assert "Completed" in r.stdout
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert con.execute("SELECT published_at::DATE::VARCHAR FROM articles").fetchone()[0] == "2025-10-12"
        names = {n for (n,) in con.execute("SELECT name FROM mart_actor_mentions").fetchall()}
        assert {"Volodymyr Zelensky", "Donald Trump", "Russia"} <= names
        assert con.execute("SELECT status, n_landed FROM loads").fetchall() == [("succeeded", 1)]
    finally:
        con.close()
    reader = lake.connect_reader(db)  # the deployment's load published to the reader store
    try:
        assert reader.execute("SELECT count(*) FROM mart_articles").fetchone()[0] == 1
    finally:
        reader.close()


def test_feed_deployment_lands_pages_and_rejects_hostile_routes(prefect_stack, corpora_dir, tmp_path) -> None:
    from newsweb import load_pages, serve

    env, tmp = prefect_stack
    site = serve(load_pages(corpora_dir, 4))
    try:
        db = tmp_path / "feed.duckdb"
        started = time.monotonic()
        r = subprocess.run(
            [str(BIN / "prefect"), "deployment", "run", "ingest/feeds", "-p", f"feeds={json.dumps([site.base + '/feed.xml'])}",
             "-p", f"db_path={db}", "--watch", "--watch-timeout", "300"],
            env=env, capture_output=True, text=True, timeout=400,
        )
        elapsed = time.monotonic() - started
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:] + (tmp / "runner.log").read_text()[-3000:]
    finally:
        site.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
        rules = dict(con.execute("SELECT source_ref, rules[1] FROM rejects").fetchall())
        loads = con.execute("SELECT n_inputs, n_landed, n_rejected, n_duplicates FROM loads").fetchall()
    finally:
        con.close()
    h = site.hostile_urls()
    expected = {"slow": "FetchTimeout", "hang": "FetchTimeout", "huge": "FetchTooLarge", "bomb": "FetchTooLarge",
                "internal": "FetchRefused", "pdf": "NotHTML", "gone": "HTTPError"}
    for kind, error in expected.items():
        assert rules[h[kind]].startswith(f"fetch:{error}"), (kind, rules.get(h[kind]))
    assert site.internal_hits == []  # the second listener was never reached
    assert loads == [(12, 4, 8, 0)]  # 4 pages + 7 hostile routes + 1 robots-disallowed page
    assert elapsed < 200


def test_deployment_run_fans_batches_out_to_a_local_dask_cluster(prefect_stack, seed_path, tmp_path) -> None:
    env, tmp = prefect_stack
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(seed_path, inputs / "seed.txt")
    body = seed_path.read_text().split("\n", 1)[1]
    with (inputs / "wire.jsonl").open("w") as f:
        for i in range(5):
            f.write(json.dumps({"title": f"Air defence talks, part {i}", "text": body.replace("nine", str(i + 10)),
                                "published": "2025-10-12", "url": f"https://wire.example/{i}"}) + "\n")
    db = tmp_path / "dask.duckdb"
    r = subprocess.run(
        [str(BIN / "prefect"), "deployment", "run", "ingest/seeds", "-p", f"inputs={json.dumps([str(inputs)])}",
         "-p", f"db_path={db}", "-p", "batch_size=2", "-p", "workers=2", "--watch", "--watch-timeout", "400"],
        env=env, capture_output=True, text=True, timeout=500,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:] + (tmp / "runner.log").read_text()[-3000:]
    log = (tmp / "runner.log").read_text()
    assert "processing batches on local dask cluster (2 workers)" in log
    assert all(f"batch-{n}" in log for n in (1, 2, 3))
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT status, n_inputs, n_landed FROM loads").fetchall() == [("succeeded", 6, 6)]
    finally:
        con.close()
