"""One settings object: packaged defaults, then environment (NEWSDESK_*), then explicit arguments."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _project_root() -> Path:
    """The checkout root (holds expectations/, seeds/, data/); NEWSDESK_ROOT overrides."""
    env = os.environ.get("NEWSDESK_ROOT")
    if env:
        return Path(env).resolve()
    return PACKAGE_DIR.parents[1]


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


def load_settings(**overrides: object) -> Settings:
    """Defaults, then NEWSDESK_* environment variables, then the given overrides."""
    env: dict[str, object] = {}
    if os.environ.get("NEWSDESK_DB"):
        env["db_path"] = Path(os.environ["NEWSDESK_DB"])
    if os.environ.get("NEWSDESK_BATCH_SIZE"):
        env["batch_size"] = int(os.environ["NEWSDESK_BATCH_SIZE"])
    if os.environ.get("NEWSDESK_CORPORA"):
        env["corpora"] = Path(os.environ["NEWSDESK_CORPORA"])
    if os.environ.get("NEWSDESK_ALIASES", "").strip():
        env["aliases_path"] = Path(os.environ["NEWSDESK_ALIASES"].strip()).expanduser()
    if os.environ.get("NEWSDESK_EXTRACT_MEMORY_MB"):
        env["extract_memory_mb"] = int(os.environ["NEWSDESK_EXTRACT_MEMORY_MB"])
    if os.environ.get("NEWSDESK_WORKERS"):
        n = int(os.environ["NEWSDESK_WORKERS"])
        env["workers"] = n if n > 0 else None
    if os.environ.get("NEWSDESK_DASK_ADDRESS", "").strip():
        env["dask_address"] = os.environ["NEWSDESK_DASK_ADDRESS"].strip()
    if os.environ.get("NEWSDESK_EXTRACT_TIMEOUT"):
        env["extract_timeout_s"] = float(os.environ["NEWSDESK_EXTRACT_TIMEOUT"])
    return Settings().with_(**env).with_(**overrides)
