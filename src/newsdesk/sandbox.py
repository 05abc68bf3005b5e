"""A killable worker process for untrusted work (HTML extraction): a deadline and a memory cap per call.

A pathological page can hold an extractor for minutes and hundreds of MB. Extraction runs in one long-lived child
process; a call that overruns its deadline gets the child killed (and a fresh one on the next call), a call that
exhausts the child's address-space cap fails with MemoryError, and either way the caller gets a typed error it can
quarantine, and the run goes on (tests/integration/test_extraction_limits.py holds this).
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import sys
import threading
import types
from typing import Any


class WorkerError(RuntimeError):
    """The worker could not finish a call; `rule` names why (for the rejects table)."""

    rule = "worker_error"


class WorkerTimeout(WorkerError):
    rule = "extract_timeout"


class WorkerMemory(WorkerError):
    rule = "extract_memory"


class WorkerCrashed(WorkerError):
    rule = "extract_crashed"


class RemoteError(Exception):
    """An ordinary exception raised by the function in the worker, carried back by type name, message and rule."""

    def __init__(self, type_name: str, message: str, rule: str | None) -> None:
        super().__init__(message)
        self.type_name, self.rule = type_name, rule


def _vm_size() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _child(conn: Any, memory_mb: int | None) -> None:
    if memory_mb:
        import resource

        limit = _vm_size() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cache: dict[str, Any] = {}
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        target, args = msg
        try:
            fn = cache.get(target)
            if fn is None:
                module, name = target.rsplit(":", 1)
                fn = cache[target] = getattr(importlib.import_module(module), name)
            reply: tuple[Any, ...] = ("ok", fn(*args))
        except MemoryError:
            reply = ("memory", "the worker ran out of its memory allowance")
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent as data
            reply = ("error", type(exc).__name__, str(exc)[:2000], getattr(exc, "rule", None))
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", "the worker ran out of its memory allowance"))


class Worker:
    """One child process running `module:function` calls one at a time (thread-safe)."""

    def __init__(self, memory_mb: int | None = None) -> None:
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Any = None
        self.restarts = 0

    def _start(self) -> None:
        ctx = mp.get_context("forkserver")  # not fork: the parent may run Prefect's threads
        ctx.set_forkserver_preload([])
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_child, args=(child, self.memory_mb), daemon=True, name="newsdesk-extract")
        # The worker needs nothing from __main__; don't let multiprocessing re-import whatever script is running
        # (a Streamlit page, a notebook) in the child.
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            self._proc.start()
        finally:
            if main is not None:
                sys.modules["__main__"] = main
        child.close()
        self._conn = parent

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None
        self.restarts += 1

    def call(self, target: str, *args: Any, timeout: float) -> Any:
        """Run `target(*args)` in the worker; raise WorkerTimeout / WorkerMemory / WorkerCrashed / RemoteError."""
        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._start()
            try:
                self._conn.send((target, args))
                ready = self._conn.poll(timeout)
                reply = self._conn.recv() if ready else None
            except (EOFError, BrokenPipeError, ConnectionResetError, OSError) as exc:
                self._kill()
                raise WorkerCrashed(f"the extraction worker died ({type(exc).__name__})") from exc
            if reply is None:
                self._kill()
                raise WorkerTimeout(f"extraction took longer than {timeout:g}s; the worker was stopped")
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "memory":
            self._kill_quietly()
            raise WorkerMemory(reply[1])
        raise RemoteError(reply[1], reply[2], reply[3])

    def _kill_quietly(self) -> None:
        with self._lock:
            self._kill()  # a process that hit its memory cap may be left fragmented: start clean

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.send(None)
                except OSError:
                    pass
            self._kill()


_WORKERS: dict[int | None, Worker] = {}
_WORKERS_LOCK = threading.Lock()


def extraction_worker(memory_mb: int | None) -> Worker:
    """The process-wide extraction worker for a memory cap."""
    with _WORKERS_LOCK:
        w = _WORKERS.get(memory_mb)
        if w is None:
            w = _WORKERS[memory_mb] = Worker(memory_mb)
        return w
