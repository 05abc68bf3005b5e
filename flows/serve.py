"""Serve the deployments listed in flows/deployments.toml (start the Prefect server first: `make server`).

Each deployment runs one flow run at a time (concurrency limit 1, further runs queue); two loads into the same
database never interleave: the second waits for DuckDB's write lock (NEWSDESK_LOCK_WAIT seconds), then fails with a
clear "busy" error. Relative paths in `inputs` are relative to the repository root.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import ingest  # noqa: E402

from newsdesk.settings import load_settings  # noqa: E402


def config_path() -> Path:
    return Path(os.environ.get("NEWSDESK_DEPLOYMENTS", Path(__file__).resolve().parent / "deployments.toml"))


def load_config(path: Path | None = None) -> list[dict[str, Any]]:
    """The [[deployment]] tables, with relative input paths made absolute against the repository root."""
    data = tomllib.loads((path or config_path()).read_text(encoding="utf-8"))
    root = load_settings().root
    out = []
    for d in data.get("deployment", []):
        params = dict(d.get("params", {}))
        if "inputs" in params:
            params["inputs"] = [p if "://" in p or Path(p).is_absolute() else str(root / p) for p in params["inputs"]]
        out.append({**d, "params": params})
    return out


def deployments() -> list:
    """The configured deployments of the `ingest` flow."""
    one_at_a_time = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)
    return [
        ingest.to_deployment(
            name=d["name"], parameters=d["params"], cron=d.get("cron"), paused=d.get("paused"),
            concurrency_limit=one_at_a_time, description=d.get("description"), tags=["newsdesk"],
        )
        for d in load_config()
    ]


if __name__ == "__main__":
    serve(*deployments(), pause_on_shutdown=False)
