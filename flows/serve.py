"""Serve the deployments listed in flows/deployments.toml (start the Prefect server first: `make server`).

Each deployment runs one flow run at a time (concurrency limit 1, further runs queue); loads into one database queue
behind each other whatever deployment started them (a global concurrency limit per database file, see
flows/orchestration.py). Relative paths in `inputs` are relative to the repository root.

At start-up, before serving, runs of `ingest` left Running by a runner or run process that is gone (kill -9, OOM)
are marked Crashed, which frees their deployment's slot and their database. Runs send heartbeats every
NEWSDESK_HEARTBEAT seconds (default 30) and an automation marks a run Crashed when they stop for
NEWSDESK_ZOMBIE_AFTER seconds (default 3 heartbeats): that covers runs no runner restarts for.

    python flows/serve.py           serve (the runner)
    python flows/serve.py --check   exit 0 when every configured deployment is registered on the server
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from prefect import serve
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

sys.path.insert(0, str(Path(__file__).resolve().parent))
import orchestration  # noqa: E402
from ingest import ingest  # noqa: E402

from newsdesk.settings import load_settings  # noqa: E402


def config_path() -> Path:
    return load_settings().deployments_path or Path(__file__).resolve().parent / "deployments.toml"


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
        (ingest.with_options(timeout_seconds=d["timeout_seconds"]) if d.get("timeout_seconds") else ingest
         ).to_deployment(
            name=d["name"], parameters=d["params"], cron=d.get("cron"), paused=d.get("paused"),
            concurrency_limit=one_at_a_time, description=d.get("description"), tags=["newsdesk"],
        )
        for d in load_config()
    ]


def registered() -> bool:
    """Whether every configured deployment exists on the server."""
    try:
        with get_client(sync_client=True) as client:
            for d in load_config():
                client.read_deployment_by_name(f"ingest/{d['name']}")
    except Exception:
        return False
    return True


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        return 0 if registered() else 1
    settings = load_settings()
    heartbeat = max(30, settings.heartbeat_s)  # Prefect's minimum is 30 s
    zombie_after = settings.zombie_after_s or 3 * heartbeat
    served = deployments()
    for run_id in orchestration.crash_orphaned_runs():
        print(f"flow run {run_id} was left Running by a process that is gone: marked Crashed", flush=True)
    try:
        orchestration.ensure_zombie_automation(heartbeat, zombie_after)
    except Exception as exc:  # automations are a server feature; serving goes on without the safety net
        print(f"warning: zombie-run automation not set up ({exc})", file=sys.stderr, flush=True)
    serve(*served, pause_on_shutdown=False, heartbeat_seconds=heartbeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
