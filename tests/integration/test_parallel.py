"""Batches processed on every core (a local Dask cluster) and on a running Dask cluster (a real scheduler and two
worker processes on 127.0.0.1) land exactly the rows an in-process load lands; unchanged inputs are not processed
again (issue 9)."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newsdesk.executors import ExecutorError
from newsdesk.lifecycle import ingest

BODY = ("The city council approved the annual budget on Monday after a long debate about schools, roads and public "
        "transport, the mayor said in a statement. Anna Weber, the finance chief, said the plan was fair. ") * 2

# What a load decides, without the columns that name the load or the moment it ran
QUERIES = {
    "articles": "SELECT article_id, title, url, published_at, published_source, authors, text, flags FROM articles",
    "article_actors": "SELECT article_id, actor_id, mentions, roles, in_title, is_source FROM article_actors",
    "actors": "SELECT actor_id, name, type, country, aliases FROM actors",
    "date_mentions": "SELECT article_id, mention_idx, text, start_date, end_date, granularity FROM date_mentions",
    "article_topics": "SELECT article_id, code, score, rank FROM article_topics",
    "quotes": "SELECT article_id, quote_idx, speaker, speaker_actor_id, text FROM quotes",
    "rejects": "SELECT source_ref, stage, rules FROM rejects",
    "article_stories": "SELECT article_id, story_id FROM article_stories",
}


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(q).fetchall(), key=repr) for t, q in QUERIES.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, corpora_dir: Path) -> Path:
    """Real pages (through the extraction sandbox), text records, and one page that must be quarantined."""
    d = tmp_path_factory.mktemp("inputs")
    rows = [json.loads(x) for x in (corpora_dir / "fundus" / "manifest.jsonl").read_text().splitlines()]
    for row in [r for r in rows if r["language"] == "en"][:6]:
        (d / Path(row["html_file"]).name.removesuffix(".gz")).write_bytes(
            gzip.decompress((corpora_dir / "fundus" / row["html_file"]).read_bytes()))
    with (d / "wire.jsonl").open("w") as f:
        for i in range(5):
            f.write(json.dumps({"title": f"Council budget story {i}", "text": BODY + f" Vote number {i}.",
                                "published": f"2025-10-{10 + i:02d}", "url": f"https://wire.example/{i}"}) + "\n")
    (d / "empty.html").write_text("<html><head><title>Nothing</title></head><body></body></html>")
    return d


@pytest.fixture(scope="module")
def in_process(inputs: Path, tmp_path_factory) -> dict[str, list[tuple]]:
    db = tmp_path_factory.mktemp("one") / "x.duckdb"
    rep = ingest([inputs], db_path=db, batch_size=3, workers=1)
    assert rep.executor == "in-process" and rep.status == "succeeded" and rep.n_landed == 11 and rep.n_rejected == 1
    return _snapshot(db)


def test_one_process_without_the_clean_thread_lands_the_same(inputs: Path, in_process, tmp_path: Path,
                                                             monkeypatch) -> None:
    """With one worker the next batch is read and cleaned in a thread while this one is enriched: the rows are
    those of batches processed strictly one after another."""
    from newsdesk import executors

    real = executors.InProcess
    monkeypatch.setattr(executors, "InProcess", lambda **kw: real(overlap=False, **kw))
    db = tmp_path / "serial.duckdb"
    rep = ingest([inputs], db_path=db, batch_size=3, workers=1)
    assert rep.executor == "in-process" and rep.n_landed == 11 and rep.n_rejected == 1
    assert _snapshot(db) == in_process


def test_every_core_lands_what_one_process_lands(inputs: Path, in_process, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    rep = ingest([inputs], db_path=db, batch_size=3, workers=2)
    assert rep.executor == "local dask cluster (2 workers)"
    assert (rep.n_inputs, rep.n_landed, rep.n_rejected) == (12, 11, 1)
    assert _snapshot(db) == in_process
    assert (db.parent / "data_docs" / "index.html").exists()  # validated on workers, rendered by the loader


def test_unchanged_inputs_are_duplicates_before_any_processing(inputs: Path, tmp_path: Path) -> None:
    work = tmp_path / "in"
    shutil.copytree(inputs, work)
    db = tmp_path / "x.duckdb"
    first = ingest([work], db_path=db, batch_size=3, workers=1)
    again = ingest([work], db_path=db, batch_size=3, workers=1)
    # nothing is read, cleaned or enriched again: 11 stored inputs are duplicates, the quarantined page (no text,
    # the same bytes) is rejected again by its remembered outcome
    assert (again.n_inputs, again.n_duplicates, again.n_landed, again.n_rejected) == (12, 11, 0, 1)
    assert first.timings["enrich"] > 0 and not {"read", "clean", "enrich", "validate"} & set(again.timings)
    page = next(work.glob("*.html"))
    os.utime(page, None)  # touched, not changed: compared by content, still a duplicate
    with (work / "wire.jsonl").open("a") as f:  # one record appended: only it is processed
        f.write(json.dumps({"title": "Council budget story late", "text": BODY + " Late.",
                            "published": "2025-10-20", "url": "https://wire.example/late"}) + "\n")
    third = ingest([work], db_path=db, batch_size=3, workers=1)
    assert (third.n_inputs, third.n_landed, third.n_duplicates) == (13, 1, 11)
    forced = ingest([work], db_path=db, batch_size=3, workers=1, force=True)
    assert forced.n_landed == 12


def _start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """`dask scheduler` and two `dask worker` processes, on 127.0.0.1 only. The workers run in their own mount
    namespace where `hidden/` is an empty tmpfs: files there exist for the loader but not for the workers, as on
    a cluster without a shared filesystem (where that is not possible, `hidden` is None)."""
    tmp_path = tmp_path_factory.mktemp("dask")
    bindir = Path(sys.executable).parent
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False", "NEWSDESK_WORKERS": "1"}
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    isolate = ["unshare", "-m", "--propagation", "private", "sh", "-c", 'mount -t tmpfs tmpfs "$0" && exec "$@"',
               str(hidden)]
    if subprocess.run([*isolate, "true"], capture_output=True).returncode != 0:
        isolate, hidden = [], None
    sched_file = tmp_path / "scheduler.json"
    procs = [_start([str(bindir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                     "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(sched_file)], env,
                    tmp_path / "scheduler.log")]
    try:
        deadline = time.monotonic() + 60
        while not sched_file.exists() or not sched_file.read_text().strip():
            assert time.monotonic() < deadline, (tmp_path / "scheduler.log").read_text()
            time.sleep(0.2)
        address = json.loads(sched_file.read_text())["address"]
        for i in range(2):
            procs.append(_start([*isolate, str(bindir / "dask"), "worker", address, "--nworkers", "1",
                                 "--nthreads", "1", "--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0",
                                 "--name", f"w{i}"], env, tmp_path / f"worker{i}.log"))
        yield address, hidden
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


# a lambda travels by value (the workers cannot import this test module)
_executed = lambda dask_worker: dask_worker.state.executed_count  # noqa: E731


def test_a_running_dask_cluster_lands_what_one_process_lands(inputs: Path, in_process, dask_cluster,
                                                             tmp_path: Path) -> None:
    from distributed import Client

    address, _ = dask_cluster
    with Client(address, timeout="30s") as c:
        c.wait_for_workers(2, timeout=60)
        before = c.run(_executed)
        db = tmp_path / "x.duckdb"
        rep = ingest([inputs], db_path=db, batch_size=3, dask_address=address)
        ran = {w: n - before[w] for w, n in c.run(_executed).items()}
    assert rep.executor == f"dask cluster {address}"
    assert (rep.n_inputs, rep.n_landed, rep.n_rejected) == (12, 11, 1)
    assert _snapshot(db) == in_process
    # every batch ran on the cluster's workers (the loader's own warm-up call counts one per worker), both took part
    assert sum(ran.values()) >= 4 and all(n >= 2 for n in ran.values()), ran


def test_inputs_the_workers_cannot_read_fail_clearly(dask_cluster, tmp_path: Path) -> None:
    address, hidden = dask_cluster
    if hidden is None:
        pytest.skip("cannot give the workers their own mount namespace here (needs root)")
    page = hidden / "a.txt"
    page.write_text("Council approves budget\n\n" + BODY)
    db = tmp_path / "x.duckdb"
    with pytest.raises(ExecutorError, match="not readable on Dask worker .*shared"):
        ingest([page], db_path=db, dask_address=address)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT status, error FROM loads").fetchall()[0][0] == "failed"
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    finally:
        con.close()


def test_workers_start_inside_a_host_program_without_re_running_its_script(tmp_path: Path) -> None:
    """newsdesk inside another program (a Streamlit app, a notebook): spawned workers must not run its script."""
    host = tmp_path / "host_app.py"
    host.write_text("import no_such_module_for_workers  # a worker that re-ran this script would die here\n")
    code = ("import __main__, sys; __main__.__file__ = sys.argv[1]\n"
            "from newsdesk.executors import DaskExecutor\n"
            "with DaskExecutor(workers=2) as ex:\n"
            "    print([work() for work in ex.map_ordered(pow, [2, 3], 2)], ex.n_workers)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(host)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "[4, 9] 2"
