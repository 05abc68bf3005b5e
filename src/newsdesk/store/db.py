"""The only code that writes the writer's DuckDB file: connections, migrations, idempotent upserts (readers get
what lands through newsdesk.store.lake)."""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pandas as pd

from newsdesk.store import marts
from newsdesk.store.rows import insert_df
from newsdesk.store.sources import upsert_sources

MIGRATIONS = "newsdesk.store.migrations"


class StoreError(RuntimeError):
    """A database problem the user must act on (corrupt file, wrong path)."""


class DatabaseBusy(StoreError):
    """Another process holds the database's write lock."""


class DiskFull(StoreError):
    """The disk filled up while writing the database, its reader store or the Data Docs."""


def store_error(exc: BaseException, path: Path | str) -> StoreError:
    """A one-line StoreError for a failed write: "disk full: ..." when the disk (or quota) ran out."""
    import errno

    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or "No space left" in str(exc) \
            or "Disk quota exceeded" in str(exc):
        return DiskFull(f"disk full: no space left on the device holding {path}")
    return StoreError(f"cannot write {path}: {msg}")


def read_copy_path(db_path: Path) -> Path:
    """Where versions before the reader store (newsdesk.store.lake) published a whole copy of the database; no
    longer written (`newsdesk upgrade` removes it once the lake has the data)."""
    return db_path.with_name(db_path.stem + ".read.duckdb")


def path_of(con: duckdb.DuckDBPyConnection) -> Path:
    """The file behind a connection's current database."""
    (path,) = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()  # type: ignore[misc]
    return Path(path)


def _is_lock_error(exc: BaseException) -> bool:
    msg = str(exc)
    return "lock" in msg.lower() and ("Could not set lock" in msg or "Conflicting lock" in msg)


def lock_holder(db_path: Path, message: str) -> str:
    """Who holds the database, from DuckDB's lock error and /proc/locks (DuckDB takes a shared POSIX lock for a
    read-only connection and an exclusive one for a writer): e.g. "another load holds its write lock: process 12
    (python -m newsdesk ...)" or "process 12 (python notebook.py) has it open for reading; readers should open the
    reader store ...". Falls back to DuckDB's own words where /proc is not there."""
    import re

    m = re.search(r"\(PID (\d+)\)", message)
    pid = m.group(1) if m else None
    who = f"process {pid}" if pid else "another process"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        who += f" ({cmd[:160]})" if cmd else ""
    except OSError:
        pass
    mode = None
    try:
        inode = str(db_path.stat().st_ino)
        for line in Path("/proc/locks").read_text().splitlines():
            parts = line.split()
            if len(parts) > 5 and parts[4] == pid and parts[5].rsplit(":", 1)[-1] == inode:
                mode = parts[3]
    except OSError:
        pass
    if mode == "READ":
        return (f"{who} has it open for reading; readers (the dashboard, notebooks, the duckdb CLI) should open "
                f"the reader store instead (`newsdesk sql`, or newsdesk.store.lake.connect_reader)")
    return f"another load holds its write lock: {who}"


def connect_writer(db_path: Path, wait_s: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database read-write, waiting up to `wait_s` (default NEWSDESK_LOCK_WAIT, else 30 s) for another
    writer; raise DatabaseBusy after that."""
    if wait_s is None:
        from newsdesk.settings import load_settings

        wait_s = load_settings().lock_wait_s
    db_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    delay = 0.2
    while True:
        try:
            con = duckdb.connect(str(db_path))
            break
        except duckdb.IOException as exc:
            if _is_lock_error(exc):
                if time.monotonic() >= deadline:
                    raise DatabaseBusy(
                        f"database {db_path} is busy: {lock_holder(db_path, str(exc))} (waited {wait_s:.0f}s)"
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
                continue
            raise StoreError(f"cannot open database {db_path}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {db_path}: {exc}") from exc
    migrate(con)
    return con


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every packaged migration, in order."""
    out = []
    for entry in resources.files(MIGRATIONS).iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            out.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered .sql migrations not yet applied, then (re)define the marts from store/marts/ (views are
    never migrated: older migrations' views are replaced, retired marts dropped); return the migrations' names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMP NOT NULL)"
    )
    done = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        con.execute("BEGIN")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    marts.create(con)
    return applied


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")


def existing_hashes(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    df = pd.DataFrame({"article_id": ids})
    con.register("_nd_ids", df)
    try:
        rows = con.execute(
            "SELECT a.article_id, a.content_hash FROM articles a JOIN _nd_ids USING (article_id)"
        ).fetchall()
    finally:
        con.unregister("_nd_ids")
    return dict(rows)


CHILD_TABLES = ("article_actors", "date_mentions", "article_topics", "quotes", "article_stories", "article_lsh")


def replace_articles(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame],
                     replaced: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Write validated rows for a set of new or changed articles, replacing any earlier version of them; return
    the rows as written (the user's merge/split decisions applied). `replaced`: the ids already stored, when the
    caller knows them (only their old rows are deleted: a delete scans every child table, seconds at a million)."""
    ids = frames["articles"]["article_id"].tolist()
    if not ids:
        return {}
    if replaced is None:
        replaced = list(existing_hashes(con, ids))
    if replaced:
        con.register("_nd_replace", pd.DataFrame({"article_id": replaced}))
        try:
            for table in CHILD_TABLES:
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _nd_replace)")
            con.execute("DELETE FROM articles WHERE article_id IN (SELECT article_id FROM _nd_replace)")
        finally:
            con.unregister("_nd_replace")
    insert_df(con, "articles", frames["articles"])
    from newsdesk.store.identity import apply_overrides

    frames = apply_overrides(con, frames)  # the user's merge/split decisions (actor_overrides) hold on every load
    actors = frames.get("actors")
    if actors is not None and not actors.empty:
        insert_df(
            con,
            "actors",
            actors,
            "ON CONFLICT (actor_id) DO UPDATE SET aliases = "
            "list_sort(list_distinct(list_concat(actors.aliases, excluded.aliases))), "
            "wikidata_qid = coalesce(excluded.wikidata_qid, actors.wikidata_qid)",
        )
    for table in CHILD_TABLES:
        if table in frames:
            insert_df(con, table, frames[table])

    upsert_sources(con, frames["articles"])  # the outlets of these articles (the `sources` table)
    return frames


MAX_PAYLOAD_CHARS = 100_000  # a reject's JSON payload; longer ones are cut field by field, never mid-JSON


def _clip_value(value: Any, cap: int, path: str, cut: list[str]) -> Any:
    if isinstance(value, str):
        if len(value) > cap:
            cut.append(f"{path} ({len(value)} chars)")
            return value[:cap]
        return value
    if isinstance(value, dict):
        return {str(k)[:200]: _clip_value(v, cap, f"{path}.{k}" if path else str(k), cut) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        items = list(value)
        if len(items) > cap // 10 + 1:
            cut.append(f"{path} ({len(items)} items)")
            items = items[:cap // 10 + 1]
        return [_clip_value(v, cap, f"{path}[{i}]", cut) for i, v in enumerate(items)]
    return value


def payload_json(payload: Any, limit: int = MAX_PAYLOAD_CHARS) -> str:
    """The payload as JSON of at most `limit` characters that is always valid: long strings and lists are cut per
    field (and listed under "_truncated"), with a smaller cap per field until the whole fits."""
    text = json.dumps(payload, default=str, ensure_ascii=False)
    if len(text) <= limit:
        return text
    plain = json.loads(text)  # JSON types only (dates and the like already strings)
    cap = 20_000
    while cap >= 16:
        cut: list[str] = []
        clipped = _clip_value(plain, cap, "", cut)
        if isinstance(clipped, dict):
            clipped["_truncated"] = cut[:50]
        text = json.dumps(clipped, ensure_ascii=False)
        if len(text) <= limit:
            return text
        cap //= 4
    return json.dumps({"_truncated": ["payload too large to keep"], "chars": len(text)})


def write_rejects(con: duckdb.DuckDBPyConnection, rejects: list[dict[str, Any]]) -> None:
    if not rejects:
        return
    df = pd.DataFrame(rejects).drop_duplicates("reject_id", keep="last")
    df["payload"] = df["payload"].map(payload_json)
    # the same bad input in a later load: one row, re-stamped with that load (its artifact lists it)
    insert_df(con, "rejects", df, "ON CONFLICT (reject_id) DO UPDATE SET load_id = excluded.load_id, "
                                  "rejected_at = excluded.rejected_at")


def ensure_topics(con: duckdb.DuckDBPyConnection, taxonomy: pd.DataFrame) -> bool:
    """Load the IPTC taxonomy once (idempotent); return whether rows were added."""
    (n,) = con.execute("SELECT count(*) FROM topics").fetchone()  # type: ignore[misc]
    if n >= len(taxonomy):
        return False
    insert_df(con, "topics", taxonomy, "ON CONFLICT (code) DO NOTHING")
    return True


def upgrade(db_path: Path, wait_s: float = 5.0) -> list[str]:
    """Apply pending migrations to an existing database and bring its reader store up to date (created and filled
    on the first run after an upgrade from the read-copy versions, whose copy is then removed), so readers see the
    new schema without waiting for the next load. A load in progress (the write lock is held) is left alone: it
    migrates and publishes itself. Returns the migrations the reader store lacked."""
    from newsdesk.store import lake

    if not db_path.exists():
        return []
    latest = migrations()[-1][0]
    seen = lake.schema_version(db_path)
    if seen >= latest and lake.marts_current(db_path) and not read_copy_path(db_path).exists():
        return []
    missing = [n for v, n, _ in migrations() if v > seen]
    try:
        con = connect_writer(db_path, wait_s=wait_s)  # applies the pending migrations
    except DatabaseBusy:
        return []
    try:
        lake.catch_up(con, db_path)
    finally:
        con.close()
    read_copy_path(db_path).unlink(missing_ok=True)  # the old whole-file copy: the reader store replaces it
    return missing


def add_load_counts(con: duckdb.DuckDBPyConnection, load_id: str, n_inputs: int, landed: int, rejected: int,
                    duplicates: int) -> None:
    """Add one committed batch's counts to its load (inside the batch's transaction), so a load killed mid-way
    still says what it landed."""
    con.execute("UPDATE loads SET n_inputs = n_inputs + ?, n_landed = n_landed + ?, n_rejected = n_rejected + ?, "
                "n_duplicates = n_duplicates + ? WHERE load_id = ?", [n_inputs, landed, rejected, duplicates, load_id])


def mark_interrupted_loads(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Loads still `running` when a writer opens the file were killed: they keep their committed counts. Returns
    their ids."""
    ids = [r[0] for r in con.execute("SELECT load_id FROM loads WHERE status = 'running'").fetchall()]
    if not ids:
        return []
    con.execute("UPDATE loads SET status = 'interrupted', error = coalesce(error, 'the process running the load "
                "stopped before it finished; counts are those of its committed batches') WHERE status = 'running'")
    return ids


def insert_load(con: duckdb.DuckDBPyConnection, load_id: str, source: str, versions: dict[str, str]) -> None:
    con.execute("INSERT INTO loads (load_id, started_at, status, source, versions) VALUES (?, ?, 'running', ?, ?)",
                [load_id, _now(), source, json.dumps(versions)])


def record_load_totals(con: duckdb.DuckDBPyConnection, load_id: str, status: str, n_inputs: int, landed: int,
                       rejected: int, duplicates: int, skipped: int, timings: dict[str, float]) -> None:
    """The load's final counts and seconds per stage (the per-batch counts added along the way agree with them)."""
    con.execute("UPDATE loads SET finished_at = ?, status = ?, n_inputs = ?, n_landed = ?, n_rejected = ?, "
                "n_duplicates = ?, n_skipped = ?, timings = ? WHERE load_id = ?",
                [_now(), status, n_inputs, landed, rejected, duplicates, skipped, json.dumps(timings), load_id])


def record_validation(con: duckdb.DuckDBPyConnection, load_id: str, validation: dict[str, dict[str, Any]]) -> None:
    """One validation_results row per table validated in the load (rows evaluated, rows failed, rules)."""
    for table, v in validation.items():
        con.execute("INSERT OR REPLACE INTO validation_results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [load_id, table, table, v["failed_rows"] == 0, v["evaluated"], v["failed_rows"],
                     json.dumps(v["failures"]), _now()])


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write the WAL into the database file (a full disk fails here, before the load is called succeeded)."""
    con.execute("CHECKPOINT")


def set_load_status(con: duckdb.DuckDBPyConnection, load_id: str, status: str, error: str | None = None) -> None:
    con.execute("UPDATE loads SET status = ?, error = ? WHERE load_id = ?", [status, error, load_id])


def landed_urls(con: duckdb.DuckDBPyConnection, urls: dict[str, str]) -> set[str]:
    """Which of the given URLs ({as given: canonical}) are already stored, by canonical or fetched URL."""
    if not urls:
        return set()
    df = pd.DataFrame({"given": list(urls), "canonical": list(urls.values())})
    con.register("_nd_urls", df)
    try:
        rows = con.execute(
            """SELECT DISTINCT u.given FROM _nd_urls u
               WHERE EXISTS (SELECT 1 FROM articles a
                             WHERE a.canonical_url = u.canonical OR a.url = u.given OR a.url = u.canonical)"""
        ).fetchall()
    finally:
        con.unregister("_nd_urls")
    return {g for (g,) in rows}


def feed_validators(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """ETag / Last-Modified of every feed and sitemap fetched before (for conditional requests)."""
    rows = con.execute("SELECT url, etag, last_modified FROM feed_state").fetchall()
    return {u: {k: v for k, v in (("etag", e), ("last_modified", m)) if v} for u, e, m in rows}


def save_feed_validators(con: duckdb.DuckDBPyConnection, validators: dict[str, dict[str, str]]) -> None:
    if not validators:
        return
    df = pd.DataFrame([{"url": u, "etag": v.get("etag"), "last_modified": v.get("last_modified"),
                        "checked_at": _now()} for u, v in validators.items()])
    # a 304 without validators must not erase the ones we have
    insert_df(con, "feed_state", df, "ON CONFLICT (url) DO UPDATE SET etag = coalesce(excluded.etag, feed_state.etag), "
                                     "last_modified = coalesce(excluded.last_modified, feed_state.last_modified), "
                                     "checked_at = excluded.checked_at")


RETRY_MAX_ATTEMPTS = 4  # first failure included: three more tries in later loads, then the URL is given up


def queue_retries(con: duckdb.DuckDBPyConnection, failures: list[tuple[str, str, str, float | None]]) -> None:
    """Record transient fetch failures (url, rule, error, retry_after_s) so a later load tries them again."""
    if not failures:
        return
    now = _now()
    df = pd.DataFrame([{"url": u, "attempts": 1, "last_rule": r, "last_error": e[:500],
                        "next_after": now + timedelta(seconds=max(after or 0.0, 300.0)),
                        "first_failed_at": now, "last_failed_at": now} for u, r, e, after in failures])
    df = df.drop_duplicates("url")
    # back off harder with each attempt: 5 min, 20 min, 80 min ... capped at a day (unless Retry-After says more)
    insert_df(con, "fetch_retry", df, """ON CONFLICT (url) DO UPDATE SET attempts = fetch_retry.attempts + 1,
        last_rule = excluded.last_rule, last_error = excluded.last_error, last_failed_at = excluded.last_failed_at,
        next_after = greatest(excluded.next_after,
                              excluded.last_failed_at + to_seconds(least(86400, 300 * pow(4, fetch_retry.attempts))))""")


def clear_retries(con: duckdb.DuckDBPyConnection, urls: list[str]) -> None:
    if not urls:
        return
    con.register("_nd_done", pd.DataFrame({"url": urls}))
    try:
        con.execute("DELETE FROM fetch_retry WHERE url IN (SELECT url FROM _nd_done)")
    finally:
        con.unregister("_nd_done")


def due_retries(con: duckdb.DuckDBPyConnection) -> list[str]:
    """URLs whose transient failure is old enough to try again (and that have attempts left)."""
    rows = con.execute("SELECT url FROM fetch_retry WHERE attempts < ? AND next_after <= ? ORDER BY next_after",
                       [RETRY_MAX_ATTEMPTS, _now()]).fetchall()
    return [u for (u,) in rows]


def input_states(con: duckdb.DuckDBPyConnection,
                 refs: list[str]) -> dict[str, tuple[int | None, int | None, str, str | None]]:
    """(size, mtime_ns, content_hash, outcome) of the given inputs as last remembered."""
    if not refs:
        return {}
    con.register("_nd_refs", pd.DataFrame({"source_ref": refs}))
    try:
        rows = con.execute("SELECT s.source_ref, s.size, s.mtime_ns, s.content_hash, s.outcome FROM input_state s "
                           "JOIN _nd_refs USING (source_ref)").fetchall()
    finally:
        con.unregister("_nd_refs")
    return {r: (size, mtime, h, outcome) for r, size, mtime, h, outcome in rows}


def record_inputs(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Remember inputs (source_ref, size, mtime_ns, content_hash, load_id, outcome: None = stored, 'rejected')."""
    if not rows:
        return
    df = pd.DataFrame(rows).drop_duplicates("source_ref", keep="last")
    if "outcome" not in df:
        df["outcome"] = None
    df["outcome"] = df["outcome"].astype(object)
    df["seen_at"] = _now()
    insert_df(con, "input_state", df, "ON CONFLICT (source_ref) DO UPDATE SET size = excluded.size, "
                                      "mtime_ns = excluded.mtime_ns, content_hash = excluded.content_hash, "
                                      "load_id = excluded.load_id, seen_at = excluded.seen_at, "
                                      "outcome = excluded.outcome")


def touch_inputs(con: duckdb.DuckDBPyConnection, touched: list[tuple[str, int | None]]) -> None:
    """Inputs whose modification time moved but whose bytes did not: remember the new time."""
    if not touched:
        return
    con.register("_nd_touch", pd.DataFrame(touched, columns=["source_ref", "mtime_ns"]))
    try:
        con.execute("UPDATE input_state SET mtime_ns = t.mtime_ns, seen_at = ? FROM _nd_touch t "
                    "WHERE input_state.source_ref = t.source_ref", [_now()])
    finally:
        con.unregister("_nd_touch")
