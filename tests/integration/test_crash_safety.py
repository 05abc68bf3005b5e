"""kill -9 of a load at random moments, then a re-run: nothing lost, nothing doubled, no partial
batch, the file reopens, and the killed loads are marked interrupted."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests_support import article_lines


def test_kill_9_then_rerun_loses_and_doubles_nothing(tmp_path: Path, seed_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text(article_lines(seed_path, 36))
    db = tmp_path / "k.duckdb"
    cmd = [sys.executable, "-m", "newsdesk.cli", "ingest", str(d), "--db", str(db), "--batch-size", "4", "--quiet"]
    rng = random.Random(7)
    kills = 0
    for _ in range(4):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(3.0, 9.0))  # imports take ~3 s; kills land in reading, enriching or writing
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            kills += 1
        p.wait(30)
    final = subprocess.run(cmd + ["--json"], capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr[-2000:]
    report = json.loads(final.stdout)
    assert report["n_inputs"] == report["n_landed"] + report["n_duplicates"] + report["n_rejected"] == 36
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == (36, 36)
        # every landed article came with its whole batch: its story row is written in the same transaction
        assert con.execute("SELECT count(*) FROM articles a ANTI JOIN article_stories s USING (article_id)"
                           ).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM article_topics t ANTI JOIN articles a USING (article_id)"
                           ).fetchone()[0] == 0
        statuses = [s for (s,) in con.execute("SELECT status FROM loads ORDER BY started_at").fetchall()]
        assert statuses[-1] == "succeeded" and "running" not in statuses
        assert statuses.count("interrupted") >= min(kills, 1)
    finally:
        con.close()
