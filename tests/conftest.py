"""Shared fixtures: repository paths, the external corpora (skip, or fail under NEWSDESK_REQUIRE_CORPORA=1)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Loads in tests process their batches in the test process unless a test asks for workers (tests/integration/
# test_parallel.py does, with a local Dask cluster and with a real scheduler and workers): a cluster per load would
# add seconds to each of hundreds of small loads.
os.environ.setdefault("NEWSDESK_WORKERS", "1")
sys.path.insert(0, str(ROOT / "tests" / "support"))
SEED = ROOT / "seeds" / "000_a756ebb544484e00.txt"


def corpora_path() -> Path:
    return Path(os.environ.get("NEWSDESK_CORPORA", ROOT.parent / "shared" / "corpora")).resolve()


def _shared(path: Path, marker: str, what: str) -> Path:
    """A folder from ../shared: skip with a reason when absent, fail instead under NEWSDESK_REQUIRE_CORPORA=1 (CI)."""
    if not (path / marker).exists():
        msg = f"{what} not found at {path} (set NEWSDESK_CORPORA)"
        if os.environ.get("NEWSDESK_REQUIRE_CORPORA") == "1":
            pytest.fail(msg + " and NEWSDESK_REQUIRE_CORPORA=1")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    """The shared real-news corpora; absent on a user's fresh clone (skip), required in CI (fail)."""
    return _shared(corpora_path(), "README.md", "corpora")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The shared reference vocabularies, beside the corpora."""
    return _shared(corpora_path().parent / "reference", "iptc_mediatopics_en.csv", "reference vocabularies")
