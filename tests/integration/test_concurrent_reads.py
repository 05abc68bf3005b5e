"""The dashboard and an analyst's open session read continuously while a load runs: the load completes, no viewer
sees an error, and the open session sees each batch as it is published (no reconnect, no lock wait)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from newsdesk.lifecycle import ingest
from tests_support import article_lines
from newsdesk.store.lake import connect_reader

ROOT = Path(__file__).resolve().parents[2]


def test_dashboard_reads_while_loads_run(tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "live.duckdb"
    ingest([seed_path], db_path=db)  # a first publish, so the dashboard has something to show
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.jsonl").write_text(article_lines(seed_path, 48))
    monkeypatch.setenv("NEWSDESK_DB", str(db))
    loader = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "ingest", str(inputs), "--db", str(db), "--batch-size", "8", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    renders = reads = 0
    counts: list[int] = []
    analyst = connect_reader(db)  # an analyst's session on the reader store, open for the whole load
    try:
        while loader.poll() is None:
            at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
            assert not at.exception, [e.value for e in at.exception]
            renders += 1
            counts.append(analyst.execute("SELECT count(*) FROM articles").fetchone()[0])
            reads += 1
            time.sleep(0.2)
        out, err = loader.communicate(timeout=120)
        final = analyst.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        analyst.close()
        if loader.poll() is None:
            loader.kill()
    assert loader.returncode == 0, err[-2000:]
    report = json.loads(out)
    assert report["n_landed"] == 48 and report["n_inputs"] == 48
    assert renders >= 2 and reads >= 2
    assert counts == sorted(counts) and counts[0] >= 1, counts  # snapshots only move forward
    assert final == 49  # the same session sees the finished load
    assert any(1 < n < 49 for n in counts) or len(counts) < 3, counts  # batches became visible while it ran
