"""Orchestration faults (issue 8, section 3) on the real stack: a Prefect server on 127.0.0.1, the repo's deployments
served by flows/serve.py, runs triggered through the API, DuckDB files held open by this test to keep runs busy."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "flows"))
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.e2e
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


# ---- the server's REST API ---------------------------------------------------------------------------------------

def api(env: dict[str, str], method: str, path: str, body: Any = None) -> Any:
    for attempt in range(5):  # a busy server (its SQLite database locked on a loaded machine) answers 503: retry
        r = httpx.request(method, env["PREFECT_API_URL"] + path, json=body, timeout=30)
        if r.status_code != 503 or attempt == 4:
            break
        time.sleep(2 * (attempt + 1))
    r.raise_for_status()
    return r.json() if r.content else None


def trigger(env: dict[str, str], deployment: str, **params: Any) -> str:
    dep = api(env, "GET", f"/deployments/name/ingest/{deployment}")
    return api(env, "POST", f"/deployments/{dep['id']}/create_flow_run", {"parameters": params})["id"]


def run_of(env: dict[str, str], run_id: str) -> dict[str, Any]:
    return api(env, "GET", f"/flow_runs/{run_id}")


def logs_of(env: dict[str, str], run_id: str) -> str:
    rows = api(env, "POST", "/logs/filter", {"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200})
    return "\n".join(r["message"] for r in rows)


def wait_until(what: str, check, timeout: float, explain=lambda: "") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{explain()}")
        time.sleep(1)


def wait_final(env: dict[str, str], run_id: str, timeout: float, stack=None) -> dict[str, Any]:
    return wait_until(f"run {run_id} to finish",
                      lambda: (r := run_of(env, run_id))["state_type"] in FINAL and r, timeout,
                      lambda: json.dumps(run_of(env, run_id)["state"], indent=1)[:1500] + "\n"
                      + logs_of(env, run_id)[-2000:] + ("\n" + stack.runner_log() if stack else ""))


def seed_inputs(seed_path: Path, where: Path) -> str:
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(seed_path, where / "seed.txt")
    return str(where)


# ---- 3.2 a typo in inputs ----------------------------------------------------------------------------------------

def test_missing_input_fails_the_run_and_creates_nothing(prefect_server, prefect_stack, seed_path, tmp_path) -> None:
    env, _ = prefect_stack
    db = tmp_path / "typo.duckdb"
    missing = str(tmp_path / "no-such-folder")
    run_id = trigger(env, "seeds", inputs=[seed_inputs(seed_path, tmp_path / "in"), missing], db_path=str(db))
    run = wait_final(env, run_id, 240, prefect_server)
    assert run["state_type"] == "FAILED", run["state"]
    assert missing in run["state"]["message"]
    assert not db.exists() and not list(tmp_path.glob("typo*"))
    # the same through `python flows/ingest.py` (what `newsdesk run` calls): non-zero, one line naming the path
    r = subprocess.run([sys.executable, str(ROOT / "flows" / "ingest.py"), missing, "--db", str(db)], env=env,
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0
    assert r.stderr.strip().splitlines() == [f"ingest: no such file or folder: {missing}"], r.stderr[-2000:]
    assert not db.exists()


# ---- 3.5 the paused feeds deployment, unpaused with no feeds ------------------------------------------------------

def test_feeds_deployment_without_feeds_loads_nothing(prefect_server, prefect_stack) -> None:
    env, _ = prefect_stack
    default_db = Path(env["NEWSDESK_DB"])
    run = wait_final(env, trigger(env, "feeds"), 240, prefect_server)  # what its schedule would start
    assert run["state_type"] == "FAILED", run["state"]
    assert "nothing to load" in run["state"]["message"]
    assert not default_db.exists()  # the seeds were not loaded


def test_deployments_toml_documents_commands_that_exist(prefect_stack) -> None:
    env, _ = prefect_stack
    text = (ROOT / "flows" / "deployments.toml").read_text()
    assert "prefect deployment resume" not in text
    import re
    for cmd in re.findall(r"`(prefect [a-z -]+?)(?: [A-Za-z/]+)*`", text):
        r = subprocess.run([str(BIN / "prefect"), *cmd.split()[1:], "--help"], env=env, capture_output=True)
        assert r.returncode == 0, cmd


# ---- 3.3 `make deployments` twice ---------------------------------------------------------------------------------

def _serve_pids(home: Path) -> list[int]:
    """Processes running flows/serve.py with this PREFECT_HOME."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            environ = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(c.endswith(b"flows/serve.py") for c in cmd) and f"PREFECT_HOME={home}".encode() in environ:
            pids.append(int(proc.name))
    return pids


def test_make_deployments_twice_starts_one_runner_and_down_stops_it(prefect_stack, seed_path, tmp_path) -> None:
    env, _ = prefect_stack
    home = tmp_path / "home"
    config = tmp_path / "mine.toml"
    config.write_text(f'[[deployment]]\nname = "guarded"\n[deployment.params]\ninputs = ["{seed_path.parent}"]\n')
    env2 = {**env, "PREFECT_HOME": str(home), "NEWSDESK_DEPLOYMENTS": str(config), "BIN": str(BIN)}
    try:
        first = subprocess.run(["bash", "scripts/prefect.sh", "deployments"], env=env2, cwd=ROOT, capture_output=True,
                               text=True, timeout=300)
        assert first.returncode == 0, first.stdout + first.stderr + (home / "deployments.log").read_text()[-2000:]
        assert f"from {config}" in first.stdout and "ingest/guarded" in first.stdout, first.stdout
        assert "deployments.toml" not in first.stdout
        second = subprocess.run(["bash", "scripts/prefect.sh", "deployments"], env=env2, cwd=ROOT,
                                capture_output=True, text=True, timeout=300)
        assert second.returncode == 0
        assert "already running" in second.stdout, second.stdout
        assert len(_serve_pids(home)) == 1
        down = subprocess.run(["bash", "scripts/prefect.sh", "down"], env=env2, cwd=ROOT, capture_output=True,
                              text=True, timeout=120)
        assert down.returncode == 0
        wait_until("the runner to stop", lambda: not _serve_pids(home), 30)
    finally:
        for pid in _serve_pids(home):  # leaked on a broken guard: stop them by PID
            os.kill(pid, signal.SIGKILL)


# ---- 3.4 two deployments, one database; 3.6 artifacts ------------------------------------------------------------

def _artifacts(env: dict[str, str], key: str) -> list[dict[str, Any]]:
    return api(env, "POST", "/artifacts/filter", {"artifacts": {"key": {"any_": [key]}}})


def test_two_deployments_on_one_database_queue_visibly(prefect_server, prefect_stack, seed_path, tmp_path) -> None:
    env, _ = prefect_stack
    db = tmp_path / "shared.duckdb"
    inputs = seed_inputs(seed_path, tmp_path / "in")
    holder = duckdb.connect(str(db))  # a process outside Prefect holds DuckDB's write lock: run A waits for it
    try:
        a = trigger(env, "seeds", inputs=[inputs], db_path=str(db), published="2025-10-12")
        wait_until("run A to wait for DuckDB's write lock", lambda: "write lock" in logs_of(env, a), 180,
                   lambda: logs_of(env, a) + prefect_server.runner_log())
        b = trigger(env, "scheduled", inputs=[inputs], db_path=str(db), published="2025-10-12")
        wait_until("run B to queue behind A", lambda: "waiting for another load on database" in logs_of(env, b),
                   180, lambda: logs_of(env, b) + prefect_server.runner_log())
        assert run_of(env, b)["state_type"] == "RUNNING"
        tasks = api(env, "POST", "/task_runs/filter", {"flow_runs": {"id": {"any_": [b]}}})
        assert [t["name"].rsplit("-", 1)[0] for t in tasks] == ["wait_for_database"]  # the wait is a task
        assert tasks[0]["state_type"] == "RUNNING"
    finally:
        holder.close()
    assert wait_final(env, a, 240, prefect_server)["state_type"] == "COMPLETED"
    assert wait_final(env, b, 240, prefect_server)["state_type"] == "COMPLETED"
    con = duckdb.connect(str(db), read_only=True)
    try:
        loads = con.execute("SELECT status, started_at, finished_at FROM loads ORDER BY started_at").fetchall()
    finally:
        con.close()
    assert [s for s, *_ in loads] == ["succeeded", "succeeded"]
    assert loads[1][1] >= loads[0][2]  # one after the other, never interleaved

    # 3.6: each deployment and database has its own keys; counts as a table; progress at 100 %; no empty table
    import orchestration
    keys = {d: orchestration.artifact_key(d, db) for d in ("seeds", "scheduled")}
    assert len(set(keys.values())) == 2 and keys["seeds"] != orchestration.artifact_key("seeds", tmp_path / "x.duckdb")
    for dep, run_id in (("seeds", a), ("scheduled", b)):
        key = keys[dep]
        summary = _artifacts(env, key)
        assert len(summary) == 1 and summary[0]["type"] == "markdown" and summary[0]["flow_run_id"] == run_id
        text = summary[0]["data"]
        assert "{" not in text and "Rejected" not in text and "| landed | " in text, text
        table = _artifacts(env, key + "-counts")
        assert table[0]["type"] == "table"
        rows = json.loads(table[0]["data"]) if isinstance(table[0]["data"], str) else table[0]["data"]
        assert rows[0]["inputs"] == 1 and rows[0]["landed"] + rows[0]["duplicates"] == 1, rows
        progress = _artifacts(env, key + "-progress")
        assert progress[0]["type"] == "progress" and float(progress[0]["data"]) == 100.0
    assert not _artifacts(env, "ingest-summary")


# ---- 3.1 a killed runner -------------------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_killed_runner_leaves_no_zombie_and_frees_the_slot(prefect_server, prefect_stack, seed_path,
                                                            tmp_path) -> None:
    env, _ = prefect_stack
    db = tmp_path / "killed.duckdb"
    inputs = seed_inputs(seed_path, tmp_path / "in")
    holder = duckdb.connect(str(db))  # keeps run C busy (Running) until the runner is killed
    try:
        c = trigger(env, "seeds", inputs=[inputs], db_path=str(db))
        runner = prefect_server.runner
        wait_until("run C to be Running in a process of the runner",
                   lambda: run_of(env, c)["state_type"] == "RUNNING" and _children(runner.pid), 180,
                   lambda: logs_of(env, c) + prefect_server.runner_log())
        time.sleep(5)  # well inside the flow by now: it cannot get past the write lock held here
        assert run_of(env, c)["state_type"] == "RUNNING"
        victims = [runner.pid, *_children(runner.pid)]  # the runner and the flow run's process
        assert len(victims) >= 2
        for pid in victims:
            os.kill(pid, signal.SIGKILL)
        runner.wait(10)
    finally:
        holder.close()
    time.sleep(3)
    assert run_of(env, c)["state_type"] == "RUNNING"  # the zombie: nobody is left to report it
    prefect_server.runner = None
    prefect_server.start_runner()  # a new runner: flows/serve.py finds the zombie at start-up
    run = wait_until("run C to be marked Crashed", lambda: (r := run_of(env, c))["state_type"] != "RUNNING" and r,
                     60, prefect_server.runner_log)
    assert run["state_type"] == "CRASHED", run["state"]
    assert "is gone" in run["state"]["message"]
    # the deployment's slot (and the database's) are free: the next run on the same deployment and database
    # starts at once instead of waiting out the 300 s lease
    d = trigger(env, "seeds", inputs=[inputs], db_path=str(db), published="2025-10-12")
    assert wait_final(env, d, 150, prefect_server)["state_type"] == "COMPLETED"


# ---- 3.7 retries and timeouts --------------------------------------------------------------------------------------

def _flow_cmd(env: dict[str, str], extra_env: dict[str, str], args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "flows" / "ingest.py"), *args], cwd=ROOT,
                            env={**env, **extra_env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_open_database_retries_when_the_write_lock_is_busy(prefect_stack, seed_path, tmp_path) -> None:
    env, _ = prefect_stack
    db = tmp_path / "retry.duckdb"
    inputs = seed_inputs(seed_path, tmp_path / "in")
    holder = duckdb.connect(str(db))
    proc = _flow_cmd(env, {"NEWSDESK_LOCK_WAIT": "2", "NEWSDESK_LOCK_RETRY_DELAY": "8"}, [inputs, "--db", str(db)])
    out: list[str] = []
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            out.append(line)
            if "write lock" in line:
                # the first attempt gives up within 2 s (+ at most one 2 s back-off); the retry comes 8 s later
                time.sleep(6)
                break
    finally:
        holder.close()
    rest, _ = proc.communicate(timeout=240)
    text = "".join(out) + rest
    assert proc.returncode == 0, text[-3000:]
    assert "DatabaseBusy" in text and "Retry 1/" in text, text[-3000:]  # busy once, then the lock


class _SlowPage(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/robots.txt":
            self.send_response(404)
            self.end_headers()
            return
        time.sleep(12)
        body = b"<html><head><title>late</title></head><body><p>" + b"words " * 200 + b"</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_batch_timeout_fails_a_stage_that_hangs(prefect_stack, tmp_path) -> None:
    env, _ = prefect_stack
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/story.html"
        proc = _flow_cmd(env, {"NEWSDESK_BATCH_TIMEOUT": "4", "NEWSDESK_FETCH_DEADLINE": "30"},
                         [url, "--db", str(tmp_path / "slow.duckdb")])
        text, _ = proc.communicate(timeout=240)
    finally:
        server.shutdown()
    assert proc.returncode != 0, text[-3000:]
    assert "batch-1" in text and "timed out" in text.lower(), text[-3000:]
