"""One load's lifecycle, the same for the command line and the Prefect flow:

    open (write lock, loads row) -> plan -> process batches (anywhere) -> land each (here, in batch order) -> close

`process` is `newsdesk.pipeline.process_batch`: a pure function of picklable arguments that never sees the
database, so an executor (`newsdesk.executors`) can run it in this process, on every core, or on a Dask cluster.
Landing, publishing to the reader store, the counts and the `loads` row stay with the one process that holds the writer.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from newsdesk import pipeline
from newsdesk.executors import peak_rss_mb
from newsdesk.pipeline import BatchReport, LoadReport, Plan
from newsdesk.settings import Settings, load_settings
from newsdesk.store import db, lake


def release_freed_memory() -> None:
    """Hand the heap pages a landed batch freed back to the system. glibc keeps freed native memory (DuckDB's,
    Arrow's, pandas') in its arenas, so without this the loader's peak grows about 5 MB per batch with the input's
    size (bench/memory_flat.py); elsewhere than glibc this does nothing."""
    global _LIBC
    if _LIBC is None:
        try:
            _LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            _LIBC.malloc_trim.argtypes = [ctypes.c_size_t]
        except (OSError, AttributeError):
            _LIBC = False
    if _LIBC:
        _LIBC.malloc_trim(0)


_LIBC: Any = None


def warm_worker(settings: Settings) -> str:
    """Load what processing needs once per worker process (spaCy, the GX suites, the extraction sandbox)."""
    from newsdesk.enrich import nlp
    from newsdesk.validate import validator_for

    list(nlp.parse(["Warm-up sentence in Kyiv on Monday."], batch_size=1))
    validator_for(settings.expectations_dir, settings.data_docs_dir)
    if settings.extract_memory_mb > 0:
        from newsdesk.sandbox import extraction_worker

        extraction_worker(settings.extract_memory_mb)
    return "ok"


class Load:
    """Use as a context manager: the write lock and the `loads` row are taken on entry; on exit the load is
    closed (counts, Data Docs, checkpoint, final publish) as succeeded, or as failed with the one-line reason
    of the exception that ended it."""

    def __init__(self, settings: Settings, source: str, *, published: date | None = None, force: bool = False,
                 log: Callable[[str], None] | None = None, lock_wait_s: float | None = None, con: Any = None) -> None:
        self.settings = settings
        self.source = source
        self.published = published
        self.force = force
        self.log = log or (lambda msg: None)
        self.lock_wait_s = lock_wait_s
        self.total = BatchReport()
        self.plan_: Plan = Plan([], [])
        self.con: Any = con  # a writer connection opened by the caller (the flow opens it in a task), else ours
        self.load_id = ""
        self.reader_store: Path | None = None
        self.status = "running"
        self.executor_name = "in-process"
        self.worker_peak_mb: dict[str, float] = {}
        self._started = 0.0

    # ---- open / close ------------------------------------------------------------------------------------------

    def open(self) -> str:
        """Take the write lock (unless the caller gave a connection) and record the load as running."""
        self._started = time.perf_counter()
        if self.con is None:
            self.con = db.connect_writer(self.settings.database, wait_s=self.lock_wait_s)
        try:
            self.load_id = pipeline.start_load(self.con, self.source)
            lake.catch_up(self.con, self.settings.database)  # follows migrations, republishes a killed load's batches
        except BaseException:
            self.con.close()
            raise
        return self.load_id

    def close(self, exc: BaseException | None = None) -> Path:
        """Finish the load as succeeded (or, given the exception that ended it, failed with its reason): counts,
        Data Docs, checkpoint, final publish; then release the write lock. Returns the reader store directory."""
        status = "succeeded" if exc is None else "failed"
        error = pipeline.one_line_error(exc) if exc is not None else None
        try:
            self.reader_store = pipeline.close_load(self.con, self.settings.database, self.load_id, self.total,
                                                 len(self.plan_.skipped), status, self.settings, self.plan_, error)
            self.status = status
        except BaseException:
            self.status = "failed"
            raise
        finally:
            self.con.close()
        return self.reader_store

    def __enter__(self) -> "Load":
        self.open()
        return self

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        self.close(exc)

    # ---- plan ----------------------------------------------------------------------------------------------------

    def plan(self, paths: Iterable[str], feeds: Iterable[str] = (), max_urls: int = 1000) -> Plan:
        t = time.perf_counter()
        self.plan_ = pipeline.prepare(self.con, list(paths), self.settings.batch_size, feeds=list(feeds),
                                      max_urls=max_urls, force=self.force)
        self.total.add(pipeline.account_plan(self.con, self.plan_, self.load_id))
        self.total.timings["plan"] = time.perf_counter() - t
        p = self.plan_
        self.log(f"{p.n_inputs} inputs in {len(p.batches)} batches; {len(p.unchanged)} unchanged and "
                 f"{len(p.already_landed)} URLs already landed (duplicates); {len(p.failures)} feeds failed; "
                 f"{len(p.skipped)} files skipped")
        return p

    def local_files(self) -> list[str]:
        """The input files the workers will read (for a cluster's readability check)."""
        return sorted({r.path for b in self.plan_.batches for r in b if "://" not in r.path})

    # ---- process and land ----------------------------------------------------------------------------------------

    def batches(self, executor: Any) -> Iterator[tuple[int, Callable[[], Any]]]:
        """Hand every planned batch to `executor`; yield (number, work) in batch order, where `work()` returns
        the processed batch (waiting for a worker, or processing it here for the in-process executor)."""
        self.executor_name = getattr(executor, "name", type(executor).__name__)
        executor.check_readable(self.local_files())
        work = executor.map_ordered(pipeline.process_batch, self.plan_.batches, self.load_id, self.settings,
                                    self.published)
        yield from enumerate(work, start=1)

    def process(self, executor: Any) -> Iterator[BatchReport]:
        """Process every planned batch on `executor` and land each here as it comes, in batch order; yields each
        landed batch's report.

        Landing runs in one thread of its own, one batch behind: while batch n is written and published (DuckDB,
        which leaves Python's lock free), batch n+1 is enriched here or awaited from a worker. Batches still land
        one at a time and in order, on the one writer connection, which no other thread touches meanwhile; a
        landing error reaches the caller before the batch after it lands."""
        from concurrent.futures import Future, ThreadPoolExecutor

        with ThreadPoolExecutor(1, thread_name_prefix="newsdesk-land") as lander:
            landing: Future[BatchReport] | None = None
            for number, work in self.batches(executor):
                result = work()
                if landing is not None:
                    yield landing.result()
                landing = lander.submit(self.land, result, number)
                del result
            if landing is not None:
                yield landing.result()

    def land(self, result: tuple[Any, Any, BatchReport], number: int = 0) -> BatchReport:
        frames, rejects, rep = result
        pipeline.land_batch(self.con, frames, rejects, rep, self.load_id, force=self.force, settings=self.settings)
        del frames, rejects, result
        release_freed_memory()
        self.total.add(rep)
        self.log(f"batch {number}/{len(self.plan_.batches)}: {rep.n_inputs} in, {rep.landed} landed, "
                 f"{rep.rejected} rejected, {rep.duplicates} duplicates")
        return rep

    # ---- outcome -------------------------------------------------------------------------------------------------

    def report(self) -> LoadReport:
        t = self.total
        return LoadReport(
            load_id=self.load_id, database=str(self.settings.database), reader_store=str(self.reader_store),
            status=self.status, n_inputs=t.n_inputs, n_landed=t.landed, n_rejected=t.rejected,
            n_duplicates=t.duplicates, n_skipped=len(self.plan_.skipped), rows_quarantined=t.rows_quarantined,
            seconds=time.perf_counter() - self._started, timings={k: round(v, 3) for k, v in t.timings.items()},
            skipped=[{"source_ref": x.source_ref, "reason": x.reason} for x in self.plan_.skipped],
            executor=self.executor_name, loader_peak_mb=round(peak_rss_mb(), 1), worker_peak_mb=self.worker_peak_mb,
        )


def run(paths: Iterable[str], settings: Settings, *, source: str, feeds: Iterable[str] = (), max_urls: int = 1000,
        published: date | None = None, force: bool = False, workers: int | None = None,
        dask_address: str | None = None, log: Callable[[str], None] | None = None,
        lock_wait_s: float | None = None) -> LoadReport:
    """A whole load without an orchestrator: batches on `workers` processes (default: every core; 1 = this
    process) or on the Dask cluster at `dask_address`, landed here."""
    from newsdesk.executors import executor_for

    paths = list(paths)
    pipeline.check_inputs(paths)
    load = Load(settings, source, published=published, force=force, log=log, lock_wait_s=lock_wait_s)
    with load:
        the_plan = load.plan(paths, feeds, max_urls)
        if the_plan.batches:
            with executor_for(workers, dask_address, n_batches=len(the_plan.batches),
                              warm=partial(warm_worker, settings)) as ex:
                for _ in load.process(ex):
                    pass
                load.worker_peak_mb = ex.worker_peak_mb()
    return load.report()


def ingest(paths: Iterable[str | Path], db_path: str | Path | None = None, batch_size: int | None = None,
           published: date | None = None, settings: Settings | None = None, source: str | None = None,
           log: Any = None, feeds: Iterable[str] = (), max_urls: int = 1000, force: bool = False,
           workers: int | None = None, dask_address: str | None = None) -> LoadReport:
    """The whole pipeline without an orchestrator: plan, process every batch (in this process unless `workers`
    or `dask_address` / the settings say otherwise), land and publish each to the reader store (`run`)."""
    s = settings or load_settings()
    s = s.with_(db_path=Path(db_path) if db_path else None, batch_size=batch_size)
    paths, feeds = [str(p) for p in paths], list(feeds)
    return run(paths, s, source=source or "ingest " + " ".join(paths + [f"--feed {f}" for f in feeds]), feeds=feeds,
               max_urls=max_urls, published=published, force=force, log=log,
               workers=workers if workers is not None else s.workers,
               dask_address=dask_address or s.dask_address)
