"""Where batch processing runs: in this process, on a local Dask cluster (every core), or on a running Dask cluster.

Processing a batch (`newsdesk.pipeline.process_batch`) is a pure function of picklable arguments; landing stays with
the caller, which holds the database's only writer. An executor hands back results **in batch order**, with at most
a few batches in flight per worker, so the caller lands them as they come and its memory stays flat however long
the load is.

Workers keep their state between batches: spaCy, the GX suites and the extraction sandbox load once per worker
process, on its first batch. Dask's worker processes are started non-daemonic, so the extraction sandbox (a child
process per worker) can run inside them.
"""

from __future__ import annotations

import logging
import os
import sys
from contextlib import contextmanager
from collections import deque
from functools import partial
from typing import Any, Callable, Iterable, Iterator, Sequence


class ExecutorError(RuntimeError):
    """The cluster cannot run this load (unreachable scheduler, no workers, inputs the workers cannot read)."""


_END = object()


class InProcess:
    """Batches in this process (`--workers 1`), one after another; when the function has two phases (`first`,
    `second`: newsdesk.pipeline.process_batch reads and cleans, then enriches and validates), the next batch's
    first phase runs in a thread while the caller runs this batch's second phase and lands it. The first phase
    mostly waits on files, the network and the extraction sandbox (a child process), so with one worker the
    machine's second core cleans HTML while this one runs spaCy. `warm` (spaCy, the GX suites) runs here while the
    first batch is read and cleaned, instead of after it."""

    name = "in-process"
    n_workers = 1

    def __init__(self, overlap: bool = True, warm: Callable[[], Any] | None = None) -> None:
        self.overlap = overlap
        self.warm = warm

    def map_ordered(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[Callable[[], Any]]:
        """One zero-argument callable per item, in order: calling it runs `fn(item, *args)` (its second phase,
        when the first one already ran ahead) here and now."""
        first, second = getattr(fn, "first", None), getattr(fn, "second", None)
        if not self.overlap or first is None or second is None:
            if self.warm is not None:
                self.warm()
            for item in items:
                yield partial(fn, item, *args)
            return
        from concurrent.futures import ThreadPoolExecutor

        it = iter(items)
        with ThreadPoolExecutor(1, thread_name_prefix="newsdesk-read-clean") as pool:
            item = next(it, _END)
            ahead = None if item is _END else pool.submit(first, item, *args)
            if self.warm is not None and ahead is not None:
                self.warm()  # the models load here while the thread reads and cleans the first batch
            while ahead is not None:
                current = ahead
                item = next(it, _END)  # one batch ahead at most: memory stays flat
                ahead = None if item is _END else pool.submit(first, item, *args)
                yield lambda current=current: second(current.result())

    def check_readable(self, paths: Sequence[str]) -> None:
        pass

    def worker_peak_mb(self) -> dict[str, float]:
        return {}

    def close(self) -> None:
        pass

    def __enter__(self) -> "InProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def peak_rss_mb() -> float:
    """This process's peak resident memory (MB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _unreadable(paths: Sequence[str]) -> list[str]:
    """Run on each worker: which of the paths this worker cannot read."""
    return [p for p in paths if not os.access(p, os.R_OK)]


@contextmanager
def _workers_skip_main() -> Iterator[None]:
    """Worker processes are spawned, and a spawned child re-runs its parent's main script first. The workers need
    nothing from it (they import newsdesk.pipeline), and when newsdesk runs inside another program (a Streamlit
    app, a notebook, a test runner) that script must not run again in every worker: hide it while they start."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {k: getattr(main, k) for k in ("__file__", "__spec__") if hasattr(main, k)}
    main.__spec__ = None  # multiprocessing reads these two to decide what the child re-runs: nothing
    if hasattr(main, "__file__"):
        del main.__file__
    try:
        yield
    finally:
        for k, v in saved.items():
            setattr(main, k, v)


class DaskExecutor:
    """Batches on Dask workers: a local cluster of `workers` processes on 127.0.0.1, or the scheduler at `address`.

    A local cluster lives as long as this object; a remote cluster is only connected to (and left running)."""

    def __init__(self, workers: int | None = None, address: str | None = None,
                 warm: Callable[[], Any] | None = None) -> None:
        import dask
        from distributed import Client, LocalCluster

        self.cluster = None
        self.address = address
        try:
            if address:
                self.client = Client(address, timeout="20s", set_as_default=False)
                self.name = f"dask cluster {address}"
            else:
                n = max(1, workers or os.cpu_count() or 1)
                with dask.config.set({"distributed.worker.daemon": False,
                                      "distributed.scheduler.work-stealing": False}), _workers_skip_main():
                    self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                                dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster, set_as_default=False)
                self.name = f"local dask cluster ({n} workers)"
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        workers_info = self.client.scheduler_info().get("workers", {})
        if not workers_info:
            self.client.wait_for_workers(1, timeout=60)
            workers_info = self.client.scheduler_info().get("workers", {})
        self.n_workers = max(1, len(workers_info))
        if warm is not None:  # spaCy, GX suites, sandbox: loaded on every worker before the first batch
            self.client.run(warm)

    def check_readable(self, paths: Sequence[str]) -> None:
        """Fail clearly when a worker cannot read an input file (a remote cluster must share the filesystem)."""
        if not paths:
            return
        missing = {w: m for w, m in self.client.run(_unreadable, list(paths)).items() if m}
        if missing:
            worker, files = next(iter(missing.items()))
            raise ExecutorError(
                f"{len(files)} input(s) are not readable on Dask worker {worker} (e.g. {files[0]}): the workers read "
                "the input files themselves, so they must see the same paths (a shared or synced filesystem)")

    def map_ordered(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[Callable[[], Any]]:
        """Submit up to two batches per worker ahead; yield, in submission order, one zero-argument callable per
        item that waits for its result (the next items are submitted once it has been taken)."""
        ahead = 2 * self.n_workers
        pending: deque = deque()
        it = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) < ahead:
                try:
                    item = next(it)
                except StopIteration:
                    exhausted = True
                    break
                pending.append(self.client.submit(fn, item, *args, pure=False))
            if not pending:
                return
            head = pending.popleft()
            try:
                yield head.result
            finally:
                head.release()

    def worker_peak_mb(self) -> dict[str, float]:
        """Peak resident memory of each worker process so far (MB)."""
        try:
            return {w: round(v, 1) for w, v in self.client.run(peak_rss_mb).items()}
        except Exception:  # noqa: BLE001 - a figure for reports, never a reason to fail a load
            return {}

    def close(self) -> None:
        client, cluster = getattr(self, "client", None), self.cluster
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def __enter__(self) -> "DaskExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def executor_for(workers: int | None = None, address: str | None = None, n_batches: int | None = None,
                 warm: Callable[[], Any] | None = None) -> Any:
    """The executor a load should use: the Dask cluster at `address` (or the settings' dask_address,
    NEWSDESK_DASK_ADDRESS) when given; else a local cluster of `workers` processes (default: every core), or this
    process when one worker (or one batch) is all the load can use."""
    if not address:
        from newsdesk.settings import load_settings

        address = load_settings().dask_address
    if address:
        return DaskExecutor(address=address, warm=warm)
    n = workers if workers else (os.cpu_count() or 1)
    if n_batches is not None:
        n = min(n, n_batches)
    if n <= 1:
        return InProcess(warm=warm)
    return DaskExecutor(workers=n, warm=warm)
