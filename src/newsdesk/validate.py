"""GX glue: every batch is validated against the suite of each landed table before it lands.

Suites live in the top-level `expectations/<table>.json` and are loaded into one ephemeral GX context per process.
Failing rows (found exactly via `unexpected_index_list` on a `_row` column) are returned with the rules they broke.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
logging.getLogger("great_expectations").setLevel(logging.ERROR)

_NOW_RE = re.compile(r"^\$now([+-]\d+)d$")


@contextmanager
def _gx_errors() -> Iterator[list[str]]:
    """Collect (instead of printing) what GX logs at ERROR level or above inside the block."""
    found: list[str] = []

    class _Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    log = logging.getLogger("great_expectations")
    handler, propagate = _Keep(level=logging.ERROR), log.propagate
    log.addHandler(handler)
    log.propagate = False
    try:
        yield found
    finally:
        log.removeHandler(handler)
        log.propagate = propagate


@dataclass
class TableResult:
    table: str
    success: bool
    evaluated: int
    failed_rows: dict[int, list[str]] = field(default_factory=dict)  # _row -> rule names
    failures: dict[str, int] = field(default_factory=dict)  # rule name -> unexpected count
    # GX's own (identifier, result) pairs: picklable, so results from a worker process reach the Data Docs
    gx_results: list[tuple[Any, Any]] = field(default_factory=list)


def load_suite_dicts(expectations_dir: Path) -> dict[str, dict[str, Any]]:
    """Suite definitions by table name, read from `expectations/*.json`."""
    out = {}
    for path in sorted(expectations_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["name"]] = data
    return out


def rule_name(exp_type: str, kwargs: dict[str, Any]) -> str:
    cols = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
    return exp_type.removeprefix("expect_") + ("(" + ",".join(cols) + ")" if cols else "")


def _resolve_bound(value: Any, today: datetime) -> Any:
    """'$now+2d' and ISO date strings become timestamps (GX compares datetime columns with datetime bounds)."""
    if isinstance(value, str):
        m = _NOW_RE.match(value)
        if m:
            return pd.Timestamp(today + timedelta(days=int(m.group(1))))
        if re.match(r"^\d{4}-\d{2}-\d{2}", value):
            return pd.Timestamp(value)
    return value


class Validator:
    """One ephemeral GX context with one suite + checkpoint per table; Data Docs written to `docs_dir`."""

    def __init__(self, expectations_dir: Path, docs_dir: Path | None = None) -> None:
        import great_expectations as gx  # ~3 s import: only once per process, only when validating
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx = gx
        self.suites = load_suite_dicts(expectations_dir)
        self.ctx = gx.get_context(mode="ephemeral")
        self.ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.docs_dir = docs_dir
        if docs_dir is not None:
            docs_dir.mkdir(parents=True, exist_ok=True)
            self.ctx.add_data_docs_site(
                site_name="newsdesk",
                site_config={
                    "class_name": "SiteBuilder",
                    "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                                      "base_directory": str(docs_dir)},
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                },
            )
        self.source = self.ctx.data_sources.add_pandas("newsdesk")
        self._checkpoints: dict[str, Any] = {}
        self._day: date | None = None

    def _checkpoint(self, table: str) -> Any:
        today = datetime.now().replace(microsecond=0)
        if self._day != today.date():  # "$now" bounds move with the calendar: rebuild once a day
            self._checkpoints.clear()
            self._day = today.date()
        if table in self._checkpoints:
            return self._checkpoints[table]
        gx = self._gx
        data = self.suites[table]
        exps = [{"type": e["type"], "kwargs": {k: _resolve_bound(v, today) for k, v in e["kwargs"].items()},
                 "meta": e.get("meta", {})} for e in data["expectations"]]
        name = f"{table}-{self._day.isoformat()}"
        suite = self.ctx.suites.add_or_update(gx.ExpectationSuite(name=name, expectations=exps, meta=data.get("meta")))
        try:
            asset = self.source.get_asset(table)
        except LookupError:
            asset = self.source.add_dataframe_asset(table)
        try:
            batch_def = asset.get_batch_definition("batch")
        except (LookupError, KeyError):
            batch_def = asset.add_batch_definition_whole_dataframe("batch")
        vd = self.ctx.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=name, data=batch_def, suite=suite))
        # no per-batch actions: rendering Data Docs costs ~4x the validation itself; build_docs() runs once per load
        cp = self.ctx.checkpoints.add_or_update(gx.Checkpoint(
            name=name, validation_definitions=[vd], actions=[],
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["_row"]},
        ))
        self._checkpoints[table] = cp
        return cp

    def add_results(self, results: list[tuple[Any, Any]]) -> None:
        """Validation results made in another process (a worker), so build_docs renders them too."""
        store = self.ctx.validation_results_store
        for key, value in results:
            store.set(key, value)

    def build_docs(self) -> Path | None:
        """Render GX Data Docs for every batch validated in this process; return the index page."""
        if self.docs_dir is None:
            return None
        with _gx_errors() as errors:  # GX logs write failures with a traceback and carries on: surface them once
            self.ctx.build_data_docs(site_names=["newsdesk"])
        for message in errors:
            if "No space left" in message or "Disk quota" in message:
                raise OSError(errno.ENOSPC, f"No space left on device writing the Data Docs in {self.docs_dir}")
        if errors:
            raise OSError(f"the Data Docs could not be written in {self.docs_dir}: {errors[0].splitlines()[0]}")
        index = self.docs_dir / "index.html"
        return index if index.exists() else None

    def validate(self, table: str, df: pd.DataFrame) -> TableResult:
        """Run the table's suite on a batch frame (which must carry a `_row` column)."""
        if table not in self.suites or df.empty:
            return TableResult(table, True, len(df))
        frame = _for_validation(df)
        result = self._checkpoint(table).run(batch_parameters={"dataframe": frame})
        out = TableResult(table, bool(result.success), len(df), gx_results=list(result.run_results.items()))
        for run in result.run_results.values():
            for r in run.results:
                if r.success:
                    continue
                cfg = r.expectation_config
                name = rule_name(cfg.type, cfg.kwargs)
                idx = r.result.get("unexpected_index_list") or []
                rows = [int(i["_row"]) for i in idx if isinstance(i, dict) and "_row" in i]
                if not rows and r.exception_info and any(
                        (v or {}).get("raised_exception") for v in _exception_values(r.exception_info)):
                    rows = list(frame["_row"])  # the rule could not be evaluated: the whole batch is suspect
                out.failures[name] = len(rows) or int(r.result.get("unexpected_count") or 0)
                for row in rows:
                    out.failed_rows.setdefault(row, []).append(name)
        return out


def _exception_values(info: Any) -> list[dict[str, Any]]:
    if isinstance(info, dict) and "raised_exception" in info:
        return [info]
    if isinstance(info, dict):
        return [v for v in info.values() if isinstance(v, dict)]
    return []


def _for_validation(df: pd.DataFrame) -> pd.DataFrame:
    """Date columns as datetime64 (bounds are timestamps); list columns as strings (GX cannot hash lists)."""
    frame = df.copy()
    for col in frame.columns:
        sample = frame[col].dropna()
        if sample.empty:
            continue
        first = sample.iloc[0]
        if isinstance(first, date) and not isinstance(first, datetime):
            frame[col] = pd.to_datetime(frame[col])
        elif isinstance(first, (list, tuple)):
            frame[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False))
    return frame


@lru_cache(maxsize=4)
def validator_for(expectations_dir: Path, docs_dir: Path | None) -> Validator:
    """One Validator per process and configuration (GX import and context set-up are the slow parts)."""
    return Validator(expectations_dir, docs_dir)
