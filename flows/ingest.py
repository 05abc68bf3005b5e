"""Prefect flow `ingest`: thin wiring over newsdesk.pipeline — one task per batch, never per article."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from newsdesk import pipeline
from newsdesk.settings import Settings, load_settings
from newsdesk.sources import web
from newsdesk.store import db


@task(name="prepare", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=10)
def prepare_task(con: Any, inputs: list[str], batch_size: int, feeds: list[str], max_urls: int) -> pipeline.Plan:
    return pipeline.prepare(con, inputs, batch_size, feeds=feeds, max_urls=max_urls)


@task(name="account_plan", cache_policy=NO_CACHE)
def account_plan_task(con: Any, the_plan: pipeline.Plan, load_id: str) -> pipeline.BatchReport:
    return pipeline.account_plan(con, the_plan, load_id)


@task(name="start_load", cache_policy=NO_CACHE)
def start_load_task(con: Any, source: str) -> str:
    return pipeline.start_load(con, source)


@task(name="ingest_batch", cache_policy=NO_CACHE, task_run_name="ingest_batch-{number}")
def ingest_batch_task(con: Any, refs: list[pipeline.InputRef], load_id: str, number: int,
                      published: date | None, settings: Settings, force: bool) -> pipeline.BatchReport:
    frames, rejects, rep = pipeline.process_batch(refs, load_id, settings, published)
    return pipeline.land_batch(con, frames, rejects, rep, load_id, force=force)


@task(name="finish_load", cache_policy=NO_CACHE)
def finish_load_task(con: Any, load_id: str, total: pipeline.BatchReport, n_skipped: int, status: str,
                     settings: Settings, the_plan: pipeline.Plan) -> None:
    pipeline.finish_load(con, load_id, total, n_skipped, status, settings, the_plan)


@flow(name="ingest", log_prints=True)
def ingest(inputs: list[str] | None = None, db_path: str | None = None, batch_size: int = 32,
           published: date | None = None, feeds: list[str] | None = None, max_urls: int = 1000,
           force: bool = False) -> dict[str, Any]:
    """Load articles from files, folders, page URLs, feeds and sitemaps into DuckDB (default: the seeds)."""
    log = get_run_logger()
    settings = load_settings(db_path=Path(db_path) if db_path else None, batch_size=batch_size)
    feeds = list(feeds or [])
    given = inputs if inputs is not None else ([] if feeds else [str(settings.seeds_dir)])
    inputs = [p if web.is_url(p) else str(Path(p).expanduser().resolve()) for p in given]
    con = db.connect_writer(settings.database, wait_s=float(os.environ.get("NEWSDESK_LOCK_WAIT", "120")))
    total = pipeline.BatchReport()
    status = "failed"
    the_plan = pipeline.Plan([], [])
    try:
        load_id = start_load_task(con, "flow ingest " + " ".join(inputs + [f"--feed {f}" for f in feeds]))
        try:
            the_plan = prepare_task(con, inputs, settings.batch_size, feeds, max_urls)
            total.add(account_plan_task(con, the_plan, load_id))
            log.info("%d inputs in %d batches; %d already landed; %d feeds failed; %d files skipped",
                     the_plan.n_inputs, len(the_plan.batches), len(the_plan.already_landed),
                     len(the_plan.failures), len(the_plan.skipped))
            for i, refs in enumerate(the_plan.batches, start=1):
                rep = ingest_batch_task(con, refs, load_id, i, published, settings, force)
                total.add(rep)
                log.info("batch %d/%d: %d in, %d landed, %d rejected, %d duplicates", i, len(the_plan.batches),
                         rep.n_inputs, rep.landed, rep.rejected, rep.duplicates)
            status = "succeeded"
        finally:
            finish_load_task(con, load_id, total, len(the_plan.skipped), status, settings, the_plan)
            read_copy = db.publish_read_copy(settings.database, con)  # while the write lock is still ours
    finally:
        con.close()
    summary = {
        "load_id": load_id, "database": str(settings.database), "read_copy": str(read_copy),
        "inputs": total.n_inputs, "landed": total.landed, "rejected": total.rejected,
        "duplicates": total.duplicates, "skipped": len(the_plan.skipped), "rows_quarantined": total.rows_quarantined,
        "timings": {k: round(v, 3) for k, v in total.timings.items()},
    }
    reasons = pipeline.reject_reasons(read_copy, load_id)
    create_markdown_artifact(
        key="ingest-summary",
        markdown="\n".join(["# newsdesk load " + load_id, "", "| measure | value |", "|---|---|"]
                           + [f"| {k} | {v} |" for k, v in summary.items()]
                           + ["", "## Rejected, by rule", "", "| rule | inputs |", "|---|---|"]
                           + [f"| {rule} | {n} |" for rule, n in reasons]),
        description="newsdesk ingest summary",
    )
    log.info("load %s: %s", load_id, summary)
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Run the ingest flow once, in this process.")
    p.add_argument("inputs", nargs="*")
    p.add_argument("--db")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--published", type=date.fromisoformat)
    p.add_argument("--feed", action="append", default=[], help="feed or sitemap URL (repeatable)")
    p.add_argument("--max-urls", type=int, default=1000)
    a = p.parse_args(argv)
    summary = ingest(inputs=a.inputs or None, db_path=a.db, batch_size=a.batch_size, published=a.published,
                     feeds=a.feed, max_urls=a.max_urls)
    print(f"load {summary['load_id']}: {summary['inputs']} inputs -> {summary['landed']} landed, "
          f"{summary['rejected']} rejected, {summary['duplicates']} duplicates -> {summary['database']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
