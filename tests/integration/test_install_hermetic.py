"""`make setup` installs exactly the lock's files and resolves nothing (issue 8, section 1).

A package index on 127.0.0.1 (plain http.server directory listings over a folder of wheels, the way pip reads a
simple index) serves a tiny locked set *and* a newer, unlocked release of one of its dependencies, reached through an
extra (`lib[speed]>=1.0`, the shape of justext's `lxml[html_clean]>=4.4.2` that broke the fresh install when lxml
6.2.0 appeared). The README's set-up command (`make setup`, here pointed at a temporary venv and lock) must install
the locked versions, never ask for the newer file, and refuse an incomplete lock instead of completing it from the
index.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _wheel(folder: Path, name: str, version: str, requires: list[str] = (), extras: dict[str, list[str]] = None) -> Path:
    """Write a minimal valid pure-Python wheel for `name==version` and return its path."""
    dist = name.replace("-", "_")
    meta = [f"Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    meta += [f"Requires-Dist: {r}" for r in requires]
    for extra, reqs in (extras or {}).items():
        meta.append(f"Provides-Extra: {extra}")
        meta += [f"Requires-Dist: {r}; extra == \"{extra}\"" for r in reqs]
    files = {
        f"{dist}/__init__.py": f"VERSION = {version!r}\n",
        f"{dist}-{version}.dist-info/METADATA": "\n".join(meta) + "\n",
        f"{dist}-{version}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: newsdesk-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    record.append(f"{dist}-{version}.dist-info/RECORD,,")
    files[f"{dist}-{version}.dist-info/RECORD"] = "\n".join(record) + "\n"
    target = folder / name / f"{dist}-{version}-py3-none-any.whl"
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as zf:
        for path, text in files.items():
            zf.writestr(path, text)
    return target


def _lock_line(wheel: Path, pin: str) -> str:
    return f"{pin} \\\n    --hash=sha256:{hashlib.sha256(wheel.read_bytes()).hexdigest()}\n"


class _Index:
    """A real HTTP package index on 127.0.0.1 that records every path it was asked for."""

    def __init__(self, root: Path):
        requested = self.requested = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **kw):
                super().__init__(*a, directory=str(root), **kw)

            def do_GET(self):
                requested.append(self.path)
                super().do_GET()

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/simple/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def index(tmp_path):
    simple = tmp_path / "index" / "simple"
    wheels = {
        "app": _wheel(simple, "nd-fixture-app", "1.0", requires=["nd-fixture-lib[speed]>=1.0"]),
        "lib": _wheel(simple, "nd-fixture-lib", "1.0", extras={"speed": ["nd-fixture-speedup>=1.0"]}),
        "lib2": _wheel(simple, "nd-fixture-lib", "2.0", extras={"speed": ["nd-fixture-speedup>=1.0"]}),
        "speedup": _wheel(simple, "nd-fixture-speedup", "1.0"),
    }
    idx = _Index(tmp_path / "index")
    idx.wheels = wheels
    yield idx
    idx.close()


def _make_setup(tmp_path: Path, index: _Index, lock: Path) -> subprocess.CompletedProcess:
    """The README's set-up command, as a new user runs it, pointed at a fresh venv, the fixture lock and the index."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_", "VIRTUAL_ENV"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL=index.url, PIP_CACHE_DIR=str(tmp_path / "pip-cache"),
               PIP_RETRIES="0", PIP_TIMEOUT="20", NEWSDESK_INSTALL_PROJECT="0")
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "setup", f"VENV={tmp_path / 'venv'}", f"LOCK={lock}",
         f"PY={sys.executable}"],
        env=env, capture_output=True, text=True, timeout=600)


def _installed(venv: Path, dist: str) -> str:
    return subprocess.run([str(venv / "bin" / "python"), "-c",
                           f"import importlib.metadata as m; print(m.version({dist!r}))"],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_setup_installs_the_locked_versions_and_never_asks_for_a_newer_release(tmp_path, index):
    w = index.wheels
    lock = tmp_path / "fixture.lock"
    lock.write_text(_lock_line(w["app"], "nd-fixture-app==1.0") + _lock_line(w["lib"], "nd-fixture-lib==1.0")
                    + _lock_line(w["speedup"], "nd-fixture-speedup==1.0"))
    proc = _make_setup(tmp_path, index, lock)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    venv = tmp_path / "venv"
    assert _installed(venv, "nd-fixture-lib") == "1.0"
    assert _installed(venv, "nd-fixture-app") == "1.0"
    assert _installed(venv, "nd-fixture-speedup") == "1.0"
    # the newer release was on offer (listed on the index page) but its file was never fetched
    assert any(p.endswith("nd_fixture_lib-1.0-py3-none-any.whl") for p in index.requested), index.requested
    assert not any("nd_fixture_lib-2.0" in p for p in index.requested), index.requested


def test_setup_refuses_an_incomplete_lock_instead_of_completing_it_from_the_index(tmp_path, index):
    w = index.wheels
    lock = tmp_path / "incomplete.lock"  # nd-fixture-speedup (needed through lib[speed]) is missing
    lock.write_text(_lock_line(w["app"], "nd-fixture-app==1.0") + _lock_line(w["lib"], "nd-fixture-lib==1.0"))
    proc = _make_setup(tmp_path, index, lock)
    assert proc.returncode != 0
    assert "not complete" in proc.stderr and "nd-fixture-speedup" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert not any("speedup" in p for p in index.requested), index.requested
    assert not (tmp_path / "venv" / "bin" / "newsdesk").exists()


def test_the_project_lock_is_fully_pinned_and_hashed():
    """Every entry of requirements.lock is `name==version` with at least one sha256, and the build backend is locked."""
    text = (ROOT / "requirements.lock").read_text()
    entries = [block for block in text.replace("\\\n", " ").splitlines()
               if block.strip() and not block.lstrip().startswith("#")]
    assert len(entries) > 100
    for entry in entries:
        pin = entry.split()[0]
        assert "==" in pin and "--hash=sha256:" in entry, entry[:120]
    assert any(e.startswith("setuptools==") for e in entries), "the editable install needs setuptools in the lock"
