"""Deployments of the `ingest` flow, served by this process (start the Prefect server first: `make server`).

- `ingest/seeds`: loads the embedded seeds on demand (`prefect deployment run ingest/seeds`).
- `ingest/scheduled`: the same flow on a cron schedule (NEWSDESK_CRON, default hourly) over NEWSDESK_INPUTS
  (comma-separated paths, default the seeds).
Both take parameters (`-p inputs='["/some/folder"]' -p db_path=/tmp/x.duckdb -p batch_size=16`) and run one at a
time per deployment (concurrency limit 1, further runs queue), so a scheduled and an ad-hoc run never race.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import ingest  # noqa: E402

from newsdesk.settings import load_settings  # noqa: E402


def deployments() -> list:
    """The repo's deployments, parameterised from the environment."""
    s = load_settings()
    inputs = [p for p in os.environ.get("NEWSDESK_INPUTS", str(s.seeds_dir)).split(",") if p]
    one_at_a_time = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)
    return [
        ingest.to_deployment(
            name="seeds", parameters={"inputs": [str(s.seeds_dir)]}, concurrency_limit=one_at_a_time,
            description="Load the embedded seed articles (or any inputs given with -p inputs=[...]).",
            tags=["newsdesk"],
        ),
        ingest.to_deployment(
            name="scheduled", cron=os.environ.get("NEWSDESK_CRON", "0 * * * *"), parameters={"inputs": inputs},
            concurrency_limit=one_at_a_time, description="Scheduled load of NEWSDESK_INPUTS.", tags=["newsdesk"],
        ),
    ]


if __name__ == "__main__":
    serve(*deployments(), pause_on_shutdown=False)
