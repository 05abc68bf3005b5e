"""One real Prefect server for the e2e tests (session-scoped: a start-up costs 5-10 s on this machine), with the
repo's deployments served by `flows/serve.py`; the runner can be killed and restarted by a test."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("a"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


class Stack:
    """The server, its environment, and the runner serving flows/deployments.toml."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        port = free_port()
        self.env = dict(os.environ)
        self.env.update({
            "PREFECT_HOME": str(tmp / "home"), "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false", "DO_NOT_TRACK": "1",
            "PREFECT_LOCAL_STORAGE_PATH": str(tmp / "storage"), "GX_ANALYTICS_ENABLED": "false",
            "PREFECT_RUNNER_POLL_FREQUENCY": "2", "NEWSDESK_ROOT": str(ROOT),
            # a run without db_path (or a cron firing during the tests) writes here, never into data/
            "NEWSDESK_DB": str(tmp / "default" / "newsdesk.duckdb"),
            # the runner may fetch only from the test's own site on 127.0.0.1 (127.0.0.2 stays "internal")
            "NEWSDESK_FETCH_ALLOW": "127.0.0.1", "NEWSDESK_FETCH_DEADLINE": "3", "NEWSDESK_FETCH_MIN_INTERVAL": "0",
        })
        self.env.pop("NEWSDESK_DEPLOYMENTS", None)
        self.server = start([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            self.env, tmp / "server.log")
        self.runner: subprocess.Popen | None = None
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.env["PREFECT_API_URL"] + "/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or self.server.poll() is not None:
                    pytest.fail("prefect server did not start:\n" + (tmp / "server.log").read_text()[-3000:])
                time.sleep(0.5)

    def runner_log(self) -> str:
        p = self.tmp / "runner.log"
        return p.read_text()[-4000:] if p.exists() else ""

    def start_runner(self) -> None:
        if self.runner is not None and self.runner.poll() is None:
            return
        self.runner = start([sys.executable, str(ROOT / "flows" / "serve.py")], self.env, self.tmp / "runner.log")
        deadline = time.monotonic() + 120
        while not self.served("seeds", "scheduled", "feeds"):
            if time.monotonic() > deadline or self.runner.poll() is not None:
                pytest.fail("deployments not served:\n" + self.runner_log())
            time.sleep(1)
        time.sleep(2)  # the runner's first poll

    def served(self, *names: str) -> bool:
        for name in names:
            try:
                urllib.request.urlopen(f"{self.env['PREFECT_API_URL']}/deployments/name/ingest/{name}", timeout=5)
            except OSError:
                return False
        return True

    def close(self) -> None:
        if self.runner is not None:
            stop(self.runner)
        stop(self.server)


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("prefect"))
    try:
        yield stack
    finally:
        stack.close()


@pytest.fixture
def prefect_stack(prefect_server):
    """(environment, temp dir) of the session's server, with the repo's deployments being served."""
    prefect_server.start_runner()
    return prefect_server.env, prefect_server.tmp
