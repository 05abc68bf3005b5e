"""Prefect-side guards for newsdesk loads (used by flows/ingest.py and flows/serve.py; the core knows nothing of them).

- One writer per database: a Prefect global concurrency limit (limit 1) named after the resolved database path,
  `newsdesk-db-<hash>`, taken with a short lease that the load renews while it runs. A second load on the same
  database, from any deployment or `python flows/ingest.py`, waits for it visibly (a task, a log line).
- Each flow run records on itself (flow run labels) the process that runs it and the lease it holds, so a runner
  starting up can tell a run whose process is gone (a killed runner, an OOM kill) and mark it Crashed, which gives
  back the deployment's concurrency slot; the run's database lease is released with it.
- For runs on other machines, or when no runner restarts: flow run heartbeats plus an automation that marks a run
  Crashed when its heartbeats stop (Prefect's zombie-flow detection).
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx

from newsdesk.settings import Settings, load_settings

LIMIT_PREFIX = "newsdesk-db-"
PROCESS_LABEL = "newsdesk.process"
LEASE_LABEL = "newsdesk.db_lease"
DATABASE_LABEL = "newsdesk.database"
ZOMBIE_AUTOMATION = "newsdesk: mark ingest runs whose heartbeats stopped as Crashed"


# a crashed holder's database slot comes back after at most this long (the load renews it every third of it;
# NEWSDESK_DB_LEASE, 0 = the default)
DB_LEASE_S = load_settings().db_lease_s or Settings.db_lease_s


def database_hash(database: str | Path) -> str:
    return hashlib.sha256(str(Path(database).expanduser().resolve()).encode()).hexdigest()[:12]


def database_limit_name(database: str | Path) -> str:
    """The global concurrency limit that queues writers of one database file."""
    return LIMIT_PREFIX + database_hash(database)


def _slug(text: str, limit: int = 40) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "x"


def artifact_key(deployment: str | None, database: str | Path) -> str:
    """Artifact key for one deployment and database: lowercase letters, digits and dashes only."""
    return f"ingest-{_slug(deployment or 'adhoc')}-{_slug(Path(database).stem, 30)}-{database_hash(database)[:8]}"


# ---- the process behind a flow run -----------------------------------------------------------------------------

def _start_ticks(pid: int) -> str:
    """When the process started (clock ticks since boot), so a reused PID is not taken for the original."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def process_label(pid: int | None = None) -> str:
    pid = pid or os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_ticks(pid)}"


def process_alive(label: str) -> bool | None:
    """True/False for a process of this machine; None when the label names another machine (cannot tell)."""
    try:
        host, pid_s, ticks = label.rsplit(":", 2)
        pid = int(pid_s)
    except ValueError:
        return None
    if host != socket.gethostname():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    if _state(pid) in ("Z", "X"):  # killed, but not yet reaped (its parent, the runner, died with it)
        return False
    return not ticks or _start_ticks(pid) in ("", ticks)


def _state(pid: int) -> str:
    """The process's state letter from /proc (R, S, D, Z for a zombie...); "" where /proc is not there."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def label_flow_run(labels: dict[str, str]) -> None:
    """Add labels to the current flow run (no-op outside one)."""
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run

    run_id = flow_run.get_id()
    if not run_id:
        return
    with get_client(sync_client=True) as client:
        client.update_flow_run_labels(UUID(str(run_id)), labels)


# ---- one writer per database ------------------------------------------------------------------------------------

class DatabaseQueueTimeout(TimeoutError):
    """Waited too long for another load on the same database."""


def _ensure_limit(client: Any, name: str) -> None:
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    try:
        client.read_global_concurrency_limit_by_name(name)
        return
    except ObjectNotFound:
        pass
    try:
        client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=1))
    except ObjectAlreadyExists:
        pass  # another load created it first
    except httpx.HTTPStatusError as exc:
        if exc.response.status_code != 409:
            raise


def acquire_database_slot(database: Path, log: Any, timeout_s: float | None, holder_run_id: str | None) -> UUID:
    """Take the database's slot (waiting for another load on it, with a log line), return the lease id."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import ConcurrencyLeaseHolder

    name = database_limit_name(database)
    holder = ConcurrencyLeaseHolder(type="flow_run", id=UUID(holder_run_id)) if holder_run_id else None
    started = time.monotonic()
    waiting_said = False
    with get_client(sync_client=True) as client:
        _ensure_limit(client, name)
        while True:
            try:
                resp = client.increment_concurrency_slots_with_lease(
                    names=[name], slots=1, mode="concurrency", lease_duration=DB_LEASE_S, holder=holder)
                lease_id = UUID(resp.json()["lease_id"])
                if waiting_said:
                    log.info("database %s is free: this load goes on (waited %.0f s)", database,
                             time.monotonic() - started)
                return lease_id
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code != 423:
                    raise
                retry_after = float(exc.response.headers.get("Retry-After") or 2)
            waited = time.monotonic() - started
            if not waiting_said:
                log.info("waiting for another load on database %s to finish (concurrency limit %s)", database, name)
                waiting_said = True
            if timeout_s is not None and waited >= timeout_s:
                raise DatabaseQueueTimeout(
                    f"database {database} is busy: another load held it for {waited:.0f} s (NEWSDESK_DB_QUEUE_TIMEOUT)")
            time.sleep(max(0.5, min(retry_after, 5.0)))


class LeaseKeeper:
    """Renew a concurrency lease in the background until released."""

    def __init__(self, lease_id: UUID, lease_s: float = DB_LEASE_S) -> None:
        self.lease_id, self.lease_s = lease_id, lease_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="newsdesk-db-lease", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            while not self._stop.wait(self.lease_s / 3):
                try:
                    client.renew_concurrency_lease(lease_id=self.lease_id, lease_duration=self.lease_s)
                except Exception:  # a blip: try again at the next beat, the lease still has 2/3 of its time
                    pass

    def release(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        release_lease(self.lease_id)


def release_lease(lease_id: UUID | str) -> bool:
    from prefect.client.orchestration import get_client

    try:
        with get_client(sync_client=True) as client:
            client.release_concurrency_slots_with_lease(lease_id=UUID(str(lease_id)))
        return True
    except Exception:
        return False  # already expired or released


# ---- crashed runs -----------------------------------------------------------------------------------------------

def crash_orphaned_runs(flow_name: str = "ingest") -> list[str]:
    """Mark Crashed every Running run of `flow_name` whose recorded process on this machine is gone; release
    its database lease. Marking it Crashed gives back its deployment's concurrency slot. Returns the run ids."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (FlowFilter, FlowFilterName, FlowRunFilter, FlowRunFilterState,
                                                FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType
    from prefect.states import Crashed

    crashed = []
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(
                type=FlowRunFilterStateType(any_=[StateType.RUNNING, StateType.CANCELLING]))),
            limit=200)
        for run in runs:
            label = (run.labels or {}).get(PROCESS_LABEL)
            if not label or process_alive(str(label)) is not False:
                continue
            pid = str(label).split(":")[1]
            client.set_flow_run_state(run.id, Crashed(
                message=f"its process ({pid} on {socket.gethostname()}) is gone: the runner or the run was "
                        "killed; marked Crashed by flows/serve.py at start-up"), force=True)
            lease = (run.labels or {}).get(LEASE_LABEL)
            if lease:
                release_lease(str(lease))
            crashed.append(str(run.id))
    return crashed


def ensure_zombie_automation(heartbeat_s: int, after_s: float) -> None:
    """Prefect's zombie-flow detection: an automation that marks an `ingest` run Crashed when no heartbeat (and
    no final state) followed its last heartbeat within `after_s` seconds. Re-created when its window changed."""
    from prefect.automations import Automation
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import EventTrigger, Posture
    from prefect.events.schemas.events import ResourceSpecification

    try:
        existing = Automation.read(name=ZOMBIE_AUTOMATION)
    except ValueError:
        existing = None
    if existing is not None:
        trig = existing.trigger
        if getattr(trig, "within", None) == timedelta(seconds=after_s) and existing.enabled:
            return
        existing.delete()
    Automation(
        name=ZOMBIE_AUTOMATION,
        description=f"newsdesk: ingest runs send a heartbeat every {heartbeat_s} s; none for {after_s:.0f} s = crashed",
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={"prefect.flow-run.heartbeat", "prefect.flow-run.Completed", "prefect.flow-run.Failed",
                    "prefect.flow-run.Cancelled", "prefect.flow-run.Crashed"},
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            match_related=ResourceSpecification({"prefect.resource.role": "flow",
                                                 "prefect.resource.name": "ingest"}),
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=timedelta(seconds=after_s),
        ),
        actions=[ChangeFlowRunState(state=StateType.CRASHED, message=(
            f"no heartbeat for {after_s:.0f} s: the run's process is gone (marked Crashed by the newsdesk "
            "zombie automation)"))],
    ).create()
