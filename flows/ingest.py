"""Prefect flow `ingest`: thin wiring over newsdesk.lifecycle — one task per batch, never per article; batches
processed on every core or a Dask cluster, landed here."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect import flow, get_run_logger, task
from prefect.artifacts import (create_markdown_artifact, create_progress_artifact, create_table_artifact,
                               update_progress_artifact)
from prefect.cache_policies import NO_CACHE
from prefect.runtime import deployment, flow_run

sys.path.insert(0, str(Path(__file__).resolve().parent))
import orchestration  # noqa: E402

from newsdesk import executors, lifecycle, pipeline  # noqa: E402
from newsdesk.settings import Settings, load_settings  # noqa: E402
from newsdesk.sources import web  # noqa: E402
from newsdesk.store import db  # noqa: E402

# Retries where a retry can succeed, timeouts where a stage can hang (seconds; None = no limit), from the settings
# object (NEWSDESK_LOCK_WAIT, NEWSDESK_LOCK_RETRIES, ... : README "Configuration"). The per-page deadlines
# (NEWSDESK_FETCH_DEADLINE, NEWSDESK_EXTRACT_TIMEOUT) bound each page; these bound a stage.
_SETTINGS = load_settings()
LOCK_WAIT_S = _SETTINGS.flow_lock_wait_s  # DuckDB write lock, per attempt
LOCK_RETRIES = _SETTINGS.lock_retries  # attempts after the first, lock busy only
LOCK_RETRY_DELAY_S = _SETTINGS.lock_retry_delay_s
DB_QUEUE_TIMEOUT_S = _SETTINGS.db_queue_timeout_s or None  # waiting for another load
PREPARE_TIMEOUT_S = _SETTINGS.prepare_timeout_s or None  # listing inputs, reading feeds
BATCH_TIMEOUT_S = _SETTINGS.batch_timeout_s or None  # fetch+clean+enrich+land a batch
START_TIMEOUT_S = 300.0  # recording the load, accounting the plan: local DuckDB statements


def _plus(limit: float | None, extra: float) -> float | None:
    return None if limit is None else limit + extra


class NothingToLoad(ValueError):
    """The run was given neither inputs nor feeds (e.g. the `feeds` deployment before any feed is listed)."""


def _retry_when_busy(task: Any, task_run: Any, state: Any) -> bool:
    """Retry opening the database only when another process held DuckDB's write lock."""
    try:
        state.result()
    except db.DatabaseBusy:
        return True
    except BaseException:
        return False
    return False


@task(name="wait_for_database", cache_policy=NO_CACHE, timeout_seconds=_plus(DB_QUEUE_TIMEOUT_S, 60))
def wait_for_database_task(database: Path) -> str:
    """Queue behind any other load on this database file (a global concurrency limit named after it)."""
    return str(orchestration.acquire_database_slot(database, get_run_logger(), DB_QUEUE_TIMEOUT_S, flow_run.get_id()))


@task(name="open_database", cache_policy=NO_CACHE, retries=LOCK_RETRIES, retry_delay_seconds=LOCK_RETRY_DELAY_S,
      retry_condition_fn=_retry_when_busy, timeout_seconds=LOCK_WAIT_S + 120)
def open_database_task(database: Path) -> Any:
    """Open the database read-write; wait (visibly) while a process outside Prefect holds its write lock."""
    try:
        return db.connect_writer(database, wait_s=0)
    except db.DatabaseBusy:
        get_run_logger().info("waiting up to %.0f s for DuckDB's write lock on %s (held by another process: a "
                              "`newsdesk` command, a reader on the main file)", LOCK_WAIT_S, database)
    return db.connect_writer(database, wait_s=LOCK_WAIT_S)


@task(name="start_load", cache_policy=NO_CACHE, timeout_seconds=START_TIMEOUT_S)
def start_load_task(load: lifecycle.Load) -> str:
    return load.open()


@task(name="plan", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=10, timeout_seconds=PREPARE_TIMEOUT_S)
def plan_task(load: lifecycle.Load, inputs: list[str], feeds: list[str], max_urls: int) -> pipeline.Plan:
    """List the inputs (reading feeds and sitemaps), skip what is stored and unchanged, cut batches."""
    return load.plan(inputs, feeds, max_urls)


@task(name="start_workers", cache_policy=NO_CACHE, timeout_seconds=START_TIMEOUT_S)
def start_workers_task(workers: int | None, dask_address: str | None, n_batches: int, settings: Settings) -> Any:
    """Where batches are processed: this process, a local Dask cluster on every core, or a running cluster."""
    ex = executors.executor_for(workers, dask_address, n_batches=n_batches,
                                warm=partial(lifecycle.warm_worker, settings))
    get_run_logger().info("processing batches on %s", ex.name)
    return ex


@task(name="batch", cache_policy=NO_CACHE, task_run_name="batch-{number}", timeout_seconds=BATCH_TIMEOUT_S)
def batch_task(load: lifecycle.Load, number: int, work: Any) -> pipeline.BatchReport:
    """One batch: its processing (on a worker, already under way, or here) and its landing in this process."""
    return load.land(work(), number)


@task(name="finish_load", cache_policy=NO_CACHE)
def finish_load_task(load: lifecycle.Load, exc: BaseException | None) -> Path:
    """Counts, Data Docs, checkpoint, then the final publish to the reader store; a failure (a full disk) marks the
    load failed."""
    return load.close(exc)


@flow(name="ingest", log_prints=True)
def ingest(inputs: list[str] | None = None, db_path: str | None = None, batch_size: int = 32,
           published: date | None = None, feeds: list[str] | None = None, max_urls: int = 1000,
           force: bool = False, workers: int | None = None, dask_address: str | None = None) -> dict[str, Any]:
    """Load articles from files, folders, page URLs, feeds and sitemaps into DuckDB (default: the seeds).

    Batches are processed on every core (`workers`, default all; 1 = in this process) or on the Dask cluster at
    `dask_address`; they land here, in order, as they come (newsdesk.lifecycle holds the load's logic)."""
    log = get_run_logger()
    settings = load_settings(db_path=Path(db_path) if db_path else None, batch_size=batch_size)
    inputs, feeds = resolve_inputs(inputs, feeds, settings)
    pipeline.check_inputs(inputs)  # a missing path fails the run here, before any file is created
    key = orchestration.artifact_key(deployment.get_name(), settings.database)
    _label_run({orchestration.PROCESS_LABEL: orchestration.process_label(),
                orchestration.DATABASE_LABEL: str(settings.database)})
    keeper = orchestration.LeaseKeeper(UUID(wait_for_database_task(settings.database)))
    _label_run({orchestration.LEASE_LABEL: str(keeper.lease_id)})
    try:
        con = open_database_task(settings.database)
    except BaseException:
        keeper.release()
        raise
    load = lifecycle.Load(settings, "flow ingest " + " ".join(inputs + [f"--feed {f}" for f in feeds]),
                          published=published, force=force, log=log.info, con=con)
    try:
        start_load_task(load)
        failure: BaseException | None = None
        try:
            the_plan = plan_task(load, inputs, feeds, max_urls)
            progress = _progress(None, key, 0, len(the_plan.batches))
            if the_plan.batches:
                ex = start_workers_task(workers if workers is not None else settings.workers,
                                        dask_address or settings.dask_address, len(the_plan.batches), settings)
                try:
                    for number, work in load.batches(ex):
                        batch_task(load, number, work)
                        _progress(progress, key, number, len(the_plan.batches))
                    load.worker_peak_mb = ex.worker_peak_mb()
                finally:
                    ex.close()
        except BaseException as exc:
            failure = exc
            raise
        finally:  # while the write lock is still ours
            finish_load_task(load, failure)
    finally:
        if load.con is not None:
            load.con.close()
        keeper.release()  # after close: the next writer can open the file at once
    rep = load.report()
    summary = {
        "load_id": rep.load_id, "database": rep.database, "reader_store": rep.reader_store,
        "inputs": rep.n_inputs, "landed": rep.n_landed, "rejected": rep.n_rejected,
        "duplicates": rep.n_duplicates, "skipped": rep.n_skipped, "rows_quarantined": rep.rows_quarantined,
        "timings": rep.timings, "executor": rep.executor,
    }
    _artifacts(key, summary, pipeline.reject_reasons(Path(rep.database), rep.load_id))
    log.info("load %s: %d inputs -> %d landed, %d rejected, %d duplicates, %d skipped -> %s (batches on %s)",
             rep.load_id, rep.n_inputs, rep.n_landed, rep.n_rejected, rep.n_duplicates, rep.n_skipped, rep.database,
             rep.executor)
    return summary


def resolve_inputs(inputs: list[str] | None, feeds: list[str] | None,
                   settings: Settings) -> tuple[list[str], list[str]]:
    """The seeds when the run names neither inputs nor feeds; nothing (an error) when it names them empty."""
    if inputs is None and feeds is None:
        given, feeds = [str(settings.seeds_dir)], []
    else:
        given, feeds = list(inputs or []), list(feeds or [])
    if not given and not feeds:
        raise NothingToLoad("nothing to load: this run lists no inputs and no feeds (list feeds or inputs in the "
                            "deployment's [deployment.params], or pass -p feeds='[...]')")
    return [p if web.is_url(p) else str(Path(p).expanduser().resolve()) for p in given], feeds


def _label_run(labels: dict[str, str]) -> None:
    try:
        orchestration.label_flow_run(labels)
    except Exception as exc:  # bookkeeping for crash recovery: never fails a load
        get_run_logger().warning("could not label the flow run (%s): crash recovery at runner start cannot see it",
                                 exc)


def _progress(artifact_id: UUID | None, key: str, done: int, n: int) -> UUID | None:
    """The load's progress artifact: created at 0 % once the plan is known, then updated after every batch."""
    pct = 100.0 if n == 0 else round(100.0 * done / n, 1)
    try:
        if artifact_id is None:
            return create_progress_artifact(pct, key=key + "-progress",
                                            description=f"newsdesk load: batches landed of {n}")
        update_progress_artifact(artifact_id, pct)
    except Exception as exc:
        get_run_logger().warning("progress artifact not updated: %s", exc)
    return artifact_id


def _artifacts(key: str, summary: dict[str, Any], reasons: list[tuple[str, int]]) -> None:
    """The load's counts as a table artifact, and a markdown summary (timings as a table; rejects when any)."""
    counts = ["inputs", "landed", "rejected", "duplicates", "skipped", "rows_quarantined"]
    create_table_artifact([{"load_id": summary["load_id"], **{k: summary[k] for k in counts}}],
                          key=key + "-counts", description=f"newsdesk load counts, {summary['database']}")
    lines = [f"# newsdesk load {summary['load_id']}", "", f"database `{summary['database']}`, reader store "
             f"`{summary['reader_store']}`", "", "| count | value |", "|---|---:|"]
    lines += [f"| {k.replace('_', ' ')} | {summary[k]} |" for k in counts]
    if summary["timings"]:
        lines += ["", "## Time per stage", "", "| stage | seconds |", "|---|---:|"]
        lines += [f"| {stage} | {secs:.3f} |" for stage, secs in summary["timings"].items()]
    if reasons:
        lines += ["", "## Rejected, by rule", "", "| rule | inputs |", "|---|---:|"]
        lines += [f"| {rule} | {n} |" for rule, n in reasons]
    create_markdown_artifact(key=key, markdown="\n".join(lines), description="newsdesk ingest summary")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Run the ingest flow once, in this process.")
    p.add_argument("inputs", nargs="*")
    p.add_argument("--db")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--published", type=date.fromisoformat)
    p.add_argument("--feed", action="append", default=[], help="feed or sitemap URL (repeatable)")
    p.add_argument("--max-urls", type=int, default=1000)
    p.add_argument("--workers", type=int, help="processes for batches (default: every core; 1 = in this process)")
    p.add_argument("--dask", help="a running Dask scheduler (tcp://host:port) to process batches on")
    a = p.parse_args(argv)
    inputs, feeds = a.inputs or None, a.feed or None
    try:
        pipeline.check_inputs(inputs or [])  # say it in one line before Prefect starts (the flow checks again)
        summary = ingest(inputs=inputs, db_path=a.db, batch_size=a.batch_size, published=a.published,
                         feeds=feeds, max_urls=a.max_urls, workers=a.workers, dask_address=a.dask)
    except (pipeline.InputError, NothingToLoad, db.DatabaseBusy, orchestration.DatabaseQueueTimeout,
            executors.ExecutorError) as exc:
        print(f"ingest: {exc}", file=sys.stderr)
        return 2
    print(f"load {summary['load_id']}: {summary['inputs']} inputs -> {summary['landed']} landed, "
          f"{summary['rejected']} rejected, {summary['duplicates']} duplicates -> {summary['database']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
