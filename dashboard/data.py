"""The dashboard's one data module: named SQL files, bound parameters, short-lived read-only connections.

Pages never see SQL or a connection. They call `query("<name>", **params)`, which runs
`queries/<name>.sql` against the reader store the writer publishes each batch into (newsdesk.store.lake), and get a
DataFrame back.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

import duckdb
import pandas as pd
import streamlit as st

from newsdesk.settings import load_settings
from newsdesk.store import lake, search

LOG = logging.getLogger(__name__)

QUERIES_DIR = Path(__file__).resolve().parent / "queries"

# Hard ceilings, whatever a page or a URL asks for.
MAX_ROWS = 5_000
MAX_OFFSET = 1_000_000
MEMORY_LIMIT = "512MB"
CACHE_TTL_S = 600
DEFAULT_TIMEOUT_S = 10.0

# ORDER BY clauses a query may use, by query name then by the key a page passes. Identifiers can't be bound as
# parameters, so they come only from this allow-list; the first entry is the default.
ORDERINGS: dict[str, dict[str, str]] = {
    "actors_top": {
        "mentions": "mentions DESC, articles DESC, m.name, m.actor_id",
        "articles": "articles DESC, mentions DESC, m.name, m.actor_id",
        "name": "m.name, m.actor_id",
    },
    "articles_list": {
        "newest": "a.published_at DESC NULLS LAST, a.article_id",
        "oldest": "a.published_at ASC NULLS LAST, a.article_id",
        "title": "a.title, a.article_id",
    },
    "articles_fts": {
        "relevance": "h.score DESC, a.published_at DESC NULLS LAST, a.article_id",
        "newest": "a.published_at DESC NULLS LAST, a.article_id",
        "oldest": "a.published_at ASC NULLS LAST, a.article_id",
        "title": "a.title, a.article_id",
    },
}

_NAME = re.compile(r"[a-z][a-z0-9_]*")  # used with fullmatch: no "../", no trailing newline
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_LIMIT = re.compile(r"\bLIMIT\b", re.IGNORECASE)

Param = str | int | float | bool | date | datetime | list[str] | None

# Parameters a caller may leave out, with the value that changes nothing: the minimum actor-link confidence (NULL =
# every link) came after callers outside the pages (bench/dashboard_speed.py) were written. Pages always pass it,
# through ui.Filters.params(); every other parameter must be given.
DEFAULTS: dict[str, Param] = {"min_confidence": None}


class DataError(Exception):
    """A problem a viewer should see as a friendly message, not a traceback."""


class NoData(DataError):
    """The writer has not published anything yet."""


class QueryTimeout(DataError):
    """A query ran past its deadline and was interrupted."""


class QueryFailed(DataError):
    """The database refused a query (e.g. a reader store from an older schema)."""


class Version(NamedTuple):
    """Identifies one publish (the stat of the store's PUBLISHED marker, rewritten by every publish); part of every
    cache key so a new publish is seen at once."""

    path: str
    inode: int
    mtime_ns: int
    size: int


def database_path() -> Path:
    """The writer's database: env NEWSDESK_DB, else the settings' default (load_settings reads the env itself)."""
    return load_settings().database


def store_dir() -> Path:
    """The reader store the dashboard reads; never the writer's file, whose lock would block loads."""
    return lake.lake_dir(database_path())


def data_version() -> Version | None:
    """The current publish's identity, or None when nothing has been published yet."""
    path = lake.marker_path(database_path())
    try:
        st_ = path.stat()
    except FileNotFoundError:
        return None
    # The marker is replaced by an atomic rename, so every publish brings a new inode even within one mtime tick.
    return Version(str(path), st_.st_ino, st_.st_mtime_ns, st_.st_size)


def has_data() -> bool:
    """Whether anything has been published to be shown."""
    return data_version() is not None


def escape_like(text: str) -> str:
    """A `%text%` pattern for `ILIKE ... ESCAPE '\\'` that matches `text` literally (no user wildcards)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def query_names() -> list[str]:
    """Every named query a page may run (partials, whose names start with `_`, excluded)."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql") if _NAME.fullmatch(p.stem))


@functools.lru_cache(maxsize=None)
def _read_query(queries_dir: Path, name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a query name: {name!r}")
    path = queries_dir / f"{name}.sql"
    if not path.is_file():
        raise ValueError(f"no such query: {name!r}")
    sql = path.read_text(encoding="utf-8")

    def include(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "order_by":
            return match.group(0)  # filled per call from ORDERINGS
        partial = queries_dir / f"_{key}.sql"
        if not partial.is_file():
            raise ValueError(f"query {name!r} includes unknown partial {key!r}")
        return partial.read_text(encoding="utf-8")

    def expand(text: str) -> str:  # placeholders in code, not in comments ("-- included as {{name}}")
        lines = []
        for line in text.splitlines(keepends=True):
            code, sep, comment = line.partition("--")
            lines.append(_PLACEHOLDER.sub(include, code) + sep + comment)
        return "".join(lines)

    for _ in range(4):  # partials may include partials (a few levels)
        expanded = expand(sql)
        if expanded == sql:
            break
        sql = expanded
    else:
        raise ValueError(f"query {name!r} nests partials too deep")
    if not _LIMIT.search(_strip_comments(sql)):
        raise ValueError(f"query {name!r} has no LIMIT; every dashboard query must bound its rows")
    return sql


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def sql_for(name: str, order: str | None = None) -> str:
    """The full text of a named query with its partials included and its ORDER BY chosen from the allow-list."""
    sql = _read_query(QUERIES_DIR, name)
    orderings = ORDERINGS.get(name)
    if orderings is None:
        if order is not None:
            raise ValueError(f"query {name!r} takes no order")
        return sql
    key = order if order is not None else next(iter(orderings))
    if key not in orderings:
        raise ValueError(f"unknown order {key!r} for {name!r}; allowed: {sorted(orderings)}")
    return sql.replace("{{order_by}}", orderings[key])


def parameters_of(name: str) -> set[str]:
    """The `$name` parameters a named query binds."""
    return set(_PARAM.findall(_strip_comments(_read_query(QUERIES_DIR, name))))


def _bounded(value: Param, lo: int, hi: int) -> int:
    if not isinstance(value, (int, float, str)):
        raise TypeError(f"expected a number, got {value!r}")
    return max(lo, min(int(value), hi))


def _clamp(params: Mapping[str, Param]) -> dict[str, Param]:
    """Row counts and offsets cut to the ceilings, whatever the URL or page asked for."""
    out = dict(params)
    for key, lo, hi in (("limit", 1, MAX_ROWS), ("top_n", 1, 50), ("offset", 0, MAX_OFFSET)):
        if key in out:
            out[key] = _bounded(out[key], lo, hi)
    return out


# One session on the reader store per server process, opened once (loading the extensions and attaching the catalog
# costs ~150 ms) and reused: each query runs on its own cursor and sees the newest snapshot. A few queries may run at
# once; the session's MEMORY_LIMIT is shared by them. If the store is replaced (a new database at the same path),
# its catalog's inode changes and the session is opened again.
MAX_CONCURRENT = 4
_SLOTS = threading.BoundedSemaphore(MAX_CONCURRENT)
_SESSION_LOCK = threading.Lock()
_SESSION: dict[str, object] = {}


def _session() -> duckdb.DuckDBPyConnection:
    db_path = database_path()
    catalog = lake.catalog_path(db_path)
    try:
        key = f"{catalog}:{catalog.stat().st_ino}"
    except FileNotFoundError as exc:
        raise NoData(f"nothing published yet at {lake.lake_dir(db_path)}") from exc
    with _SESSION_LOCK:
        if _SESSION.get("key") != key:
            old = _SESSION.pop("con", None)
            if old is not None:
                try:
                    old.close()  # type: ignore[attr-defined]
                except duckdb.Error:
                    pass
            try:
                _SESSION["con"] = lake.connect_reader(db_path, memory_limit=MEMORY_LIMIT)
            except lake.LakeError as exc:
                if not lake.exists(db_path):
                    raise NoData(str(exc)) from exc
                LOG.warning("cannot open the reader store: %s", exc)
                raise QueryFailed("the database could not be opened") from exc
            _SESSION["key"] = key
        return _SESSION["con"]  # type: ignore[return-value]


@contextmanager
def open_reader(wait_s: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the process's read-only session on the reader store, closed on exit; NoData if there is none."""
    if not _SLOTS.acquire(timeout=timeout_s() if wait_s is None else wait_s):
        raise QueryTimeout("the database is busy with other viewers' queries")
    try:
        cur = _session().cursor()
        try:
            cur.execute(f"USE {lake.ALIAS}")  # a cursor starts on the session's default database, not the lake
            yield cur
        finally:
            cur.close()
    finally:
        _SLOTS.release()


def timeout_s() -> float:
    """The per-query deadline in seconds (env NEWSDESK_QUERY_TIMEOUT overrides the default)."""
    try:
        return float(os.environ.get("NEWSDESK_QUERY_TIMEOUT", DEFAULT_TIMEOUT_S))
    except ValueError:
        return DEFAULT_TIMEOUT_S


def _execute(sql: str, params: Mapping[str, Param], deadline_s: float) -> pd.DataFrame:
    with open_reader() as con:
        # DuckDB has no statement timeout; interrupting from a timer thread is its supported way to stop a query.
        timer = threading.Timer(deadline_s, con.interrupt)
        timer.daemon = True
        timer.start()
        try:
            return con.execute(sql, dict(params)).df()
        except duckdb.InterruptException as exc:
            raise QueryTimeout(f"stopped after {deadline_s:g}s") from exc
        except duckdb.Error as exc:
            LOG.warning("dashboard query failed: %s", exc)
            raise QueryFailed(type(exc).__name__) from exc
        finally:
            timer.cancel()


@st.cache_data(ttl=CACHE_TTL_S, max_entries=512, show_spinner=False)
def _cached(
    name: str, order: str | None, params: dict[str, Param], version: Version, deadline_s: float
) -> pd.DataFrame:
    # `version` is not used in the body on purpose: it is part of the cache key, so a new publish misses the cache.
    return _execute(sql_for(name, order), params, deadline_s)


def query(name: str, *, order: str | None = None, **params: Param) -> pd.DataFrame:
    """Run the named query with bound parameters (exactly those it uses) against the latest read copy."""
    sql_for(name, order)  # validates name and order before anything runs
    wanted = parameters_of(name)
    params = {**{k: v for k, v in DEFAULTS.items() if k in wanted}, **params}
    missing, extra = wanted - params.keys(), params.keys() - wanted
    if missing or extra:
        raise TypeError(f"query {name!r} takes {sorted(wanted)}; missing {sorted(missing)}, unexpected {sorted(extra)}")
    version = data_version()
    if version is None:
        raise NoData(f"nothing published yet at {store_dir()}")
    return _cached(name, order, _clamp(params), version, timeout_s())


def search_available() -> bool:
    """Whether the search postings (newsdesk.store.search) are there to serve the Articles search box."""
    try:
        frame = query("has_search_index")
    except DataError:
        return False
    return bool(frame["available"].iloc[0]) if not frame.empty else False


def search_params(text: str) -> dict[str, list] | None:
    """The bound parameters of the `articles_fts*` queries for a search box's text, or None when it holds no term."""
    parsed = search.parse(text)
    return parsed.params() if parsed else None


def data_docs_index() -> Path | None:
    """GX Data Docs' index page, if the writer has built it (next to the database, or under the settings' data dir)."""
    candidates = [database_path().parent / "data_docs" / "index.html", load_settings().data_docs_dir / "index.html"]
    return next((p for p in candidates if p.is_file()), None)


def published_at() -> datetime | None:
    """When the newest snapshot was published (the marker's mtime), for the 'data as of' caption."""
    version = data_version()
    return datetime.fromtimestamp(version.mtime_ns / 1e9) if version else None


def clear_cache() -> None:
    """Drop every cached result (used by tests and the 'refresh' button)."""
    _cached.clear()
