"""One settings object: packaged defaults, then environment (NEWSDESK_*), then explicit arguments.

Every NEWSDESK_* variable the program reads is read here (`ENV` maps each to its field), documented in the README's
configuration table and listed with its default in `.env.example` (tests/unit/test_settings_documented.py holds the
three together). The Prefect flows (`flows/`) read theirs here too (the fields after `fetch_contact`); the dashboard
reads its one knob, NEWSDESK_QUERY_TIMEOUT, itself (`dashboard/data.py`). An empty variable counts as unset."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Callable

PACKAGE_DIR = Path(__file__).resolve().parent


def _project_root() -> Path:
    """The checkout root (holds expectations/, seeds/, data/); NEWSDESK_ROOT overrides."""
    env = os.environ.get("NEWSDESK_ROOT")
    if env:
        return Path(env).resolve()
    return PACKAGE_DIR.parents[1]


class SettingsError(ValueError):
    """A NEWSDESK_* variable holds a value its setting cannot take."""


@dataclass(frozen=True)
class Settings:
    root: Path = field(default_factory=_project_root)
    db_path: Path | None = None
    batch_size: int = 32
    corpora: Path | None = None
    extract_timeout_s: float = 60.0   # per HTML page, in the killable extraction worker
    extract_memory_mb: int = 1536     # address space the worker may add; 0 = extract in-process (no isolation)
    aliases_path: Path | None = None  # the user's actor alias table, merged on top of the packaged one
    workers: int | None = None        # processes for batch processing (None: every core; 1: this process)
    dask_address: str | None = None   # a running Dask scheduler (tcp://host:port) to process batches on
    lock_wait_s: float = 30.0         # waiting for another process's DuckDB write lock (the CLI's; the flow's below)
    fetch_deadline_s: float = 20.0    # total time per URL
    fetch_max_bytes: int = 5_000_000  # per page, after decompression
    feed_max_bytes: int = 50_000_000  # per feed or sitemap document (the sitemap protocol's limit)
    fetch_min_interval_s: float = 1.0  # politeness: between two requests to one host
    fetch_allow: str = ""             # hosts, *.suffixes or CIDRs the fetcher may reach although not public
    fetch_contact: str = ""           # contact URL or e-mail for the User-Agent
    # the Prefect flows (flows/; seconds, 0 = no limit where a limit is optional)
    flow_lock_wait_s: float = 120.0   # the flow's wait for the write lock, per attempt (NEWSDESK_LOCK_WAIT sets both)
    lock_retries: int = 2             # open_database: attempts after the first while another process holds the lock
    lock_retry_delay_s: float = 10.0  # ... and seconds between them
    db_queue_timeout_s: float = 3600.0  # waiting for another load on the same database (0 = no limit)
    prepare_timeout_s: float = 600.0  # the plan task: listing inputs, reading feeds (0 = no limit)
    batch_timeout_s: float = 1800.0   # one batch-N task: its processing and landing (0 = no limit)
    db_lease_s: float = 60.0          # a crashed run's hold on its database lapses after this long
    deployments_path: Path | None = None  # the deployments `make deployments` serves (None: flows/deployments.toml)
    heartbeat_s: int = 30             # flow run heartbeats (Prefect's minimum is 30)
    zombie_after_s: float | None = None  # no heartbeat for this long: the run is marked Crashed (None: 3 heartbeats)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def database(self) -> Path:
        return (self.db_path or self.data_dir / "newsdesk.duckdb").resolve()

    @property
    def expectations_dir(self) -> Path:
        return self.root / "expectations"

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def data_docs_dir(self) -> Path:
        """GX Data Docs live next to the database they describe."""
        return self.database.parent / "data_docs"

    @property
    def corpora_dir(self) -> Path:
        return (self.corpora or self.root.parent / "shared" / "corpora").resolve()

    def with_(self, **kw: object) -> "Settings":
        return replace(self, **{k: v for k, v in kw.items() if v is not None})


def _workers(raw: str) -> int | None:
    n = int(raw)
    return n if n > 0 else None


def _seconds(raw: str) -> float:
    """Seconds; "none" or "off" is 0 (no limit, where a limit is optional)."""
    return 0.0 if raw.lower() in ("none", "off") else float(raw)


# Environment variable -> (Settings field, parser of its stripped, non-empty value). NEWSDESK_ROOT is `root`.
ENV: dict[str, tuple[str, Callable[[str], object]]] = {  # fmt: skip
    "NEWSDESK_DB":                 ("db_path", Path),
    "NEWSDESK_BATCH_SIZE":         ("batch_size", int),
    "NEWSDESK_CORPORA":            ("corpora", Path),
    "NEWSDESK_ALIASES":            ("aliases_path", lambda v: Path(v).expanduser()),
    "NEWSDESK_EXTRACT_TIMEOUT":    ("extract_timeout_s", float),
    "NEWSDESK_EXTRACT_MEMORY_MB":  ("extract_memory_mb", int),
    "NEWSDESK_WORKERS":            ("workers", _workers),
    "NEWSDESK_DASK_ADDRESS":       ("dask_address", str),
    "NEWSDESK_LOCK_WAIT":          ("lock_wait_s", float),
    "NEWSDESK_FETCH_DEADLINE":     ("fetch_deadline_s", float),
    "NEWSDESK_FETCH_MAX_BYTES":    ("fetch_max_bytes", int),
    "NEWSDESK_FEED_MAX_BYTES":     ("feed_max_bytes", int),
    "NEWSDESK_FETCH_MIN_INTERVAL": ("fetch_min_interval_s", float),
    "NEWSDESK_FETCH_ALLOW":        ("fetch_allow", str),
    "NEWSDESK_FETCH_CONTACT":      ("fetch_contact", str),
    "NEWSDESK_LOCK_RETRIES":       ("lock_retries", int),
    "NEWSDESK_LOCK_RETRY_DELAY":   ("lock_retry_delay_s", _seconds),
    "NEWSDESK_DB_QUEUE_TIMEOUT":   ("db_queue_timeout_s", _seconds),
    "NEWSDESK_PREPARE_TIMEOUT":    ("prepare_timeout_s", _seconds),
    "NEWSDESK_BATCH_TIMEOUT":      ("batch_timeout_s", _seconds),
    "NEWSDESK_DB_LEASE":           ("db_lease_s", _seconds),
    "NEWSDESK_DEPLOYMENTS":        ("deployments_path", lambda v: Path(v).expanduser()),
    "NEWSDESK_HEARTBEAT":          ("heartbeat_s", int),
    "NEWSDESK_ZOMBIE_AFTER":       ("zombie_after_s", float),
}
# A variable that sets a second field as well: one knob, two defaults (a flow run waits longer than a command).
ALSO: dict[str, str] = {"NEWSDESK_LOCK_WAIT": "flow_lock_wait_s"}
assert {f for f, _ in ENV.values()} | set(ALSO.values()) <= {f.name for f in fields(Settings)}


def from_environment() -> dict[str, object]:
    """The Settings fields the NEWSDESK_* environment sets (unset and empty variables set nothing)."""
    out: dict[str, object] = {}
    for name, (attr, parse) in ENV.items():
        raw = os.environ.get(name, "").strip()
        if not raw:
            continue
        try:
            out[attr] = parse(raw)
        except ValueError as exc:
            raise SettingsError(f"{name}={raw!r}: not a valid value ({exc})") from exc
        if name in ALSO:
            out[ALSO[name]] = out[attr]
    return out


def load_settings(**overrides: object) -> Settings:
    """Defaults, then NEWSDESK_* environment variables, then the given overrides."""
    return Settings().with_(**from_environment()).with_(**overrides)
