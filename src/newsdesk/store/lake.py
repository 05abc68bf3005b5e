"""The reader store: a DuckLake (Parquet files under `<db>.lake/data/`, catalog in `<db>.lake/catalog.sqlite`)
that the one writer mirrors each landed batch into, at the cost of the batch, not of the database.

Readers (the dashboard, `newsdesk sql`, notebooks) attach the lake read-only and see one consistent snapshot per
query while a load appends; nothing is copied and no reader ever holds a lock a load waits for (the catalog runs
in SQLite's WAL mode, where readers never block the writer). The writer's DuckDB file stays the source of truth:

    land a batch (writer transaction: rows + `lake_pending` keys)  ->  publish (lake transaction: the same rows,
    the search postings, the sequence number)  ->  drop the published keys from `lake_pending`

A process killed between the two commits leaves its keys in `lake_pending`; the next writer republishes them from
the writer's tables (`catch_up`). A database from before the lake (or a lost lake directory) is mirrored whole once.

What is mirrored, and by which key:
- article-grained tables (`ARTICLE_TABLES`): by article_id, from the batch's own rows;
- `KEYED` tables: by their key, re-read from the writer (actors' aliases merge across batches, loads' counts grow);
- small reference tables (`FULL_TABLES`, and any table a later migration adds that is not listed): whole, when
  their content changes (`queue_full`) or the schema does;
- writer-only state (`WRITER_ONLY`: input fingerprints, feed validators, retry queue, MinHash bands) is not.
Views (the marts, `store/marts/`): exactly the writer's, recreated whenever they differ from the writer's.
Search postings (`search_terms`, `search_docs`) exist only in the lake; see `newsdesk.store.search`.
"""

from __future__ import annotations

import importlib
import logging
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping

import duckdb
import pandas as pd

from newsdesk.store import aggregates, marts

LOG = logging.getLogger(__name__)

ALIAS = "lake"
ARTICLE_TABLES = ("articles", "article_actors", "date_mentions", "article_topics", "quotes", "article_stories")
KEYED = {"actors": "actor_id", "loads": "load_id", "validation_results": "load_id", "rejects": "reject_id",
         "sources": "domain"}
SCOPE_OF = {"actors": "actor", "loads": "load", "validation_results": "load", "rejects": "reject",
            "sources": "source"}
FULL_TABLES = ("topics", "actor_overrides", "schema_migrations")
WRITER_ONLY = ("article_lsh", "input_state", "feed_state", "fetch_retry", "lake_pending", "lake_counter")
LOG_TABLE = "newsdesk_publish"  # one row per publish: seq, load_id, at (readers' "data as of")
# Old snapshots stay readable this long before compaction may delete their files (a query runs at most ~10 s).
KEEP_SNAPSHOTS = "15 minutes"


class LakeError(RuntimeError):
    """The reader store cannot be opened or written."""


# ---- where it lives and how to attach it ---------------------------------------------------------------------------

def lake_dir(db_path: Path) -> Path:
    """`data/newsdesk.duckdb` -> `data/newsdesk.lake/`."""
    return db_path.with_name(db_path.stem + ".lake")


def catalog_path(db_path: Path) -> Path:
    return lake_dir(db_path) / "catalog.sqlite"


def data_path(db_path: Path) -> Path:
    return lake_dir(db_path) / "data"


def marker_path(db_path: Path) -> Path:
    """A file rewritten (new inode) after every publish: readers stat it to know their cache is stale."""
    return lake_dir(db_path) / "PUBLISHED"


def exists(db_path: Path) -> bool:
    return marker_path(db_path).is_file()


def extension_path(name: str) -> Path:
    """A DuckDB extension shipped as a wheel (`duckdb-extension-<name>`); DuckDB checks its signature on LOAD."""
    try:
        module = importlib.import_module(f"duckdb_extension_{name}")
    except ImportError as exc:
        raise LakeError(f"the {name} extension is not installed (package duckdb-extension-{name})") from exc
    base = Path(module.__file__).parent / "extensions"  # type: ignore[arg-type]
    hits = sorted(base.glob(f"v{duckdb.__version__}/{name}.duckdb_extension"))
    if not hits:
        raise LakeError(f"no {name} extension for DuckDB {duckdb.__version__} under {base}")
    return hits[0]


def attach_statements(db_path: Path, read_only: bool = True) -> list[str]:
    """The SQL that makes the lake readable in any DuckDB session (the CLI, a notebook, another tool)."""
    opts = (f"DATA_PATH '{_sql_str(data_path(db_path).resolve())}/', OVERRIDE_DATA_PATH TRUE"
            + (", READ_ONLY" if read_only else ""))
    return [f"LOAD '{_sql_str(extension_path('sqlite_scanner'))}'",
            f"LOAD '{_sql_str(extension_path('ducklake'))}'",
            f"ATTACH 'ducklake:sqlite:{_sql_str(catalog_path(db_path).resolve())}' AS {ALIAS} ({opts})",
            f"USE {ALIAS}"]


def _sql_str(value: Any) -> str:
    return str(value).replace("'", "''")


def _attach(con: duckdb.DuckDBPyConnection, db_path: Path, read_only: bool) -> None:
    attached = {r[0] for r in con.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    if ALIAS in attached:
        return
    for stmt in attach_statements(db_path, read_only)[:-1]:  # no USE: the writer keeps its own file current
        con.execute(stmt)


def connect_reader(db_path: Path, memory_limit: str = "1GB") -> duckdb.DuckDBPyConnection:
    """A locked-down, read-only session on the lake, its tables and views unqualified (`SELECT ... FROM articles`).

    Keep it open: each query sees the latest published snapshot. Raises LakeError when nothing is published yet.
    """
    if not exists(db_path):
        raise LakeError(f"nothing published yet: no reader store at {lake_dir(db_path)}")
    con = duckdb.connect()
    try:
        for stmt in attach_statements(db_path, read_only=True):
            con.execute(stmt)
        con.execute(f"SET memory_limit = '{memory_limit}'")
        # no file access but the lake's own data files (and the catalog, attached before the switch)
        con.execute("SET allowed_directories = [?]", [str(lake_dir(db_path).resolve()) + "/"])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except duckdb.Error as exc:
        con.close()
        raise LakeError(f"cannot open the reader store {lake_dir(db_path)}: {exc}") from exc
    return con


def schema_version(db_path: Path) -> int:
    """The newest migration the reader store has (0 when there is none or it cannot be read); opens no lock."""
    if not exists(db_path):
        return 0
    try:
        con = connect_reader(db_path)
    except LakeError:
        return 0
    try:
        return int(con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0])  # type: ignore
    except duckdb.Error:
        return 0
    finally:
        con.close()


def marts_current(db_path: Path) -> bool:
    """Whether the reader store's marts are those of store/marts/ as this version defines them (False when there is
    no store or they differ, e.g. after an upgrade that changed a mart but no table); opens no lock."""
    if not exists(db_path):
        return False
    try:
        con = connect_reader(db_path)
    except LakeError:
        return False
    try:
        want = marts.rendered(con)
        have = {k: v for k, v in marts.views(con, ALIAS).items() if k.startswith(marts.PREFIX) or k in (want or {})}
        return want is not None and have == want
    except duckdb.Error:
        return False
    finally:
        con.close()


def published_seq(db_path: Path) -> int | None:
    try:
        return int(marker_path(db_path).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


# ---- the writer's side -------------------------------------------------------------------------------------------

def attach_writer(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Attach the lake read-write to the writer's connection (creating it, in WAL mode, the first time)."""
    data_path(db_path).mkdir(parents=True, exist_ok=True)
    if not catalog_path(db_path).exists():
        _create_catalog(db_path)
    try:
        _attach(con, db_path, read_only=False)
    except duckdb.Error as exc:
        raise LakeError(f"cannot open the reader store {lake_dir(db_path)}: {exc}") from exc


def _create_catalog(db_path: Path) -> None:
    """An empty SQLite catalog in WAL mode, which DuckLake fills on first attach. In WAL mode a reader's open
    transaction never blocks the writer's commit (in SQLite's default rollback mode a dashboard holding the catalog
    open made publishes fail with "database is locked"). The mode is set here, before any DuckDB connection has
    the file open, and never touched again: the extension carries its own SQLite, and two SQLite libraries on one
    file in one process release each other's locks."""
    tmp = catalog_path(db_path).with_name(f"catalog.sqlite.tmp{os.getpid()}")
    c = sqlite3.connect(tmp)
    try:
        c.execute("PRAGMA journal_mode=WAL")
    finally:
        c.close()
    os.replace(tmp, catalog_path(db_path))


def _tables(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM duckdb_columns() c JOIN duckdb_tables() t "
        "USING (database_name, schema_name, table_name) WHERE c.database_name = ? AND c.schema_name = 'main' "
        "ORDER BY c.table_name, c.column_index", [database]).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in rows:
        out.setdefault(table, []).append((column, dtype))
    return out


def mirrored_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The writer's tables readers get: everything but writer-only state."""
    return [t for t in _tables(con, _writer_db(con)) if t not in WRITER_ONLY]


def _writer_db(con: duckdb.DuckDBPyConnection) -> str:
    return str(con.execute("SELECT current_database()").fetchone()[0])  # type: ignore[index]


def sync_schema(con: duckdb.DuckDBPyConnection) -> bool:
    """Give the lake every mirrored table and column the writer has (new ones are filled by `rebuild_tables`),
    the search tables, and the writer's views. Returns whether anything changed."""
    from newsdesk.store import search

    writer = _tables(con, _writer_db(con))
    lake = _tables(con, ALIAS)
    changed: list[str] = []
    for table in [t for t in writer if t not in WRITER_ONLY]:
        cols = writer[table]
        if table not in lake:
            defs = ", ".join(f'"{c}" {t}' for c, t in cols)
            con.execute(f'CREATE TABLE {ALIAS}."{table}" ({defs})')
            changed.append(table)
            continue
        have = {c for c, _ in lake[table]}
        for c, t in cols:
            if c not in have:
                con.execute(f'ALTER TABLE {ALIAS}."{table}" ADD COLUMN "{c}" {t}')
                changed.append(table)
    for table, ddl in search.LAKE_TABLES.items():
        if table not in lake:
            con.execute(ddl.format(db=ALIAS))
    aggregates.ensure(con, ALIAS)
    if LOG_TABLE not in lake:
        con.execute(f"CREATE TABLE {ALIAS}.{LOG_TABLE} (seq BIGINT, load_id VARCHAR, published_at TIMESTAMP)")
    if changed or _schema_version(con, ALIAS) != _schema_version(con, _writer_db(con)) or views_differ(con):
        _sync_views(con)
    return bool(changed)


def _schema_version(con: duckdb.DuckDBPyConnection, database: str) -> int:
    try:
        return int(con.execute(f'SELECT coalesce(max(version), 0) FROM "{database}".schema_migrations')
                   .fetchone()[0])  # type: ignore[index]
    except duckdb.Error:
        return 0


def views_differ(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the lake's views are not exactly the writer's (a mart file changed, was added or retired)."""
    return marts.views(con, _writer_db(con)) != marts.views(con, ALIAS)


def _sync_views(con: duckdb.DuckDBPyConnection) -> None:
    """Give the lake exactly the writer's views (the marts, store/marts/), where their unqualified names resolve to
    lake tables: each recreated, and any the writer no longer has dropped."""
    writer = _writer_db(con)
    views = con.execute("SELECT view_name, sql FROM duckdb_views() WHERE database_name = ? AND schema_name = 'main' "
                        "AND NOT internal ORDER BY view_oid", [writer]).fetchall()
    con.execute(f"USE {ALIAS}")
    try:
        for name in sorted(set(marts.views(con, ALIAS)) - {n for n, _ in views}):
            con.execute(f'DROP VIEW {ALIAS}.main."{name}"')
        todo = list(views)
        while todo:  # views on views: create in passes until every dependency exists
            failed: list[tuple[str, str]] = []
            last: duckdb.Error | None = None
            for name, sql in todo:
                if not sql.upper().startswith("CREATE VIEW"):
                    raise LakeError(f"unexpected view definition for {name}")
                try:
                    con.execute("CREATE OR REPLACE VIEW" + sql[len("CREATE VIEW"):])
                except duckdb.CatalogException as exc:
                    failed.append((name, sql))
                    last = exc
            if len(failed) == len(todo):
                raise LakeError(f"cannot recreate views {[n for n, _ in failed]} in the reader store: {last}")
            todo = failed
    finally:
        con.execute(f'USE "{writer}"')


def rebuild_tables(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> None:
    """Replace the lake's copy of whole tables (small reference tables; everything on a first mirror)."""
    from newsdesk.store import search

    for table in tables:
        cols = ", ".join(f'"{c}"' for c, _ in _tables(con, _writer_db(con))[table])
        con.execute(f'DELETE FROM {ALIAS}."{table}"')
        con.execute(f'INSERT INTO {ALIAS}."{table}" ({cols}) SELECT {cols} FROM "{_writer_db(con)}"."{table}"')
        if table == "articles":
            for t in search.LAKE_TABLES:
                con.execute(f"DELETE FROM {ALIAS}.{t}")
            search.index_articles(con, f'"{_writer_db(con)}".articles', ALIAS)
    if set(tables) & set(ARTICLE_TABLES):
        aggregates.rebuild(con, ALIAS)


def initialise(con: duckdb.DuckDBPyConnection, db_path: Path) -> int:
    """Mirror the whole writer database into an empty (or stale) lake: once per database, on its first load
    with this version or after the lake directory was lost. Returns the published sequence number."""
    attach_writer(con, db_path)
    seq = _next_seq(con)  # before the lake transaction: one transaction writes one database
    with _lake_transaction(con):
        sync_schema(con)
        rebuild_tables(con, mirrored_tables(con))
        _log_publish(con, seq, None)
    _forget(db_path)
    _SEQ[str(db_path.resolve())] = seq
    con.execute("DELETE FROM lake_pending WHERE seq <= ?", [seq])
    _write_marker(db_path, seq)
    LOG.info("reader store %s initialised from the whole database", lake_dir(db_path))
    return seq


def _next_seq(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("UPDATE lake_counter SET seq = seq + 1 RETURNING seq").fetchone()[0])  # type: ignore


def _log_publish(con: duckdb.DuckDBPyConnection, seq: int, load_id: str | None) -> None:
    con.execute(f"INSERT INTO {ALIAS}.{LOG_TABLE} VALUES (?, ?, ?)",
                [seq, load_id, datetime.now(timezone.utc).replace(tzinfo=None)])


# Per writer process: the newest published sequence number and the lake's columns, read from the lake at the
# start of each load (catch_up) and kept current by this process's publishes (there is only one writer at a time),
# so a batch's publish reads nothing that grows with the lake.
_SEQ: dict[str, int] = {}
_COLS: dict[str, dict[str, list[tuple[str, str]]]] = {}


def _lake_seq(con: duckdb.DuckDBPyConnection, db_path: Path, fresh: bool = False) -> int:
    key = str(db_path.resolve())
    if fresh or key not in _SEQ:
        _SEQ[key] = int(con.execute(f"SELECT coalesce(max(seq), 0) FROM {ALIAS}.{LOG_TABLE}")
                        .fetchone()[0])  # type: ignore[index]
    return _SEQ[key]


def _lake_cols(con: duckdb.DuckDBPyConnection, db_path: Path, fresh: bool = False) -> dict[str, list[tuple[str, str]]]:
    key = str(db_path.resolve())
    if fresh or key not in _COLS:
        _COLS[key] = _tables(con, ALIAS)
    return _COLS[key]


def _forget(db_path: Path) -> None:
    _SEQ.pop(str(db_path.resolve()), None)
    _COLS.pop(str(db_path.resolve()), None)


class _lake_transaction:
    """BEGIN/COMMIT around lake writes (one snapshot for readers); ROLLBACK on any error."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.con.execute("BEGIN TRANSACTION")
        return self.con

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.con.execute("COMMIT")
        else:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass


def _write_marker(db_path: Path, seq: int) -> None:
    path = marker_path(db_path)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    try:
        tmp.write_text(f"{seq}\n")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# ---- the queue of what landed but is not published yet ------------------------------------------------------------

def queue(con: duckdb.DuckDBPyConnection, keys: Mapping[str, Iterable[str]], replaced: Iterable[str] = ()) -> int:
    """Inside the writer's landing transaction: remember which rows changed ({scope: keys}; scopes article,
    actor, load, reject, source, full (table names)). `replaced` article ids had an earlier version (their old rows must
    go). Returns the sequence number this change will be published under."""
    seq = _next_seq(con)
    rows = [(seq, scope, k, False) for scope, ks in keys.items() for k in dict.fromkeys(ks)]
    rows += [(seq, "article", k, True) for k in dict.fromkeys(replaced)]
    if rows:
        con.executemany("INSERT INTO lake_pending VALUES (?, ?, ?, ?)", rows)
    return seq


def queue_full(con: duckdb.DuckDBPyConnection, *tables: str) -> int:
    return queue(con, {"full": tables})


def articles_of_actors(con: duckdb.DuckDBPyConnection, actor_ids: list[str]) -> list[str]:
    """Articles whose actor links or quotes name any of these actors (what a merge or split rewrites)."""
    return [r[0] for r in con.execute(
        "SELECT DISTINCT article_id FROM (SELECT article_id FROM article_actors WHERE actor_id IN (SELECT unnest($1)) "
        "OR source_actor_id IN (SELECT unnest($1)) UNION ALL SELECT article_id FROM quotes "
        "WHERE speaker_actor_id IN (SELECT unnest($1))) ORDER BY 1", [actor_ids]).fetchall()]


def actors_of_articles(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT actor_id FROM article_actors WHERE article_id IN "
                                      "(SELECT unnest($1)) ORDER BY 1", [article_ids]).fetchall()]


# ---- publishing ---------------------------------------------------------------------------------------------------

def publish(con: duckdb.DuckDBPyConnection, db_path: Path, load_id: str | None = None,
            frames: Mapping[str, Any] | None = None, seq: int | None = None) -> int:
    """Make what landed visible to readers in one lake snapshot, and forget the published keys.

    With `frames` (the rows the batch just wrote, by table) and that batch's `seq`, article-grained rows come
    from memory: the cost is the batch's. Anything else pending (a batch a killed process did not publish,
    changed actors, loads, rejects, whole small tables) is read back from the writer by key. Returns the newest
    published sequence number."""
    if not exists(db_path) or not catalog_path(db_path).exists():
        return initialise(con, db_path)
    attach_writer(con, db_path)
    pend = con.execute("SELECT seq, scope, key, replaced FROM lake_pending").df()
    done = _lake_seq(con, db_path)
    stale = pend[pend["seq"] <= done]
    pend = pend[pend["seq"] > done]
    if pend.empty:
        if not stale.empty:
            con.execute("DELETE FROM lake_pending WHERE seq <= ?", [done])
        return done
    top = int(pend["seq"].max())
    try:
        with _lake_transaction(con):
            _apply(con, pend, _lake_cols(con, db_path), frames if frames is not None and seq is not None else None, seq)
            _log_publish(con, top, load_id)
    except BaseException:
        _forget(db_path)  # whether the commit happened is the lake's to say: read it again next time
        raise
    _SEQ[str(db_path.resolve())] = top
    con.execute("DELETE FROM lake_pending WHERE seq <= ?", [top])
    _write_marker(db_path, top)
    return top


def _apply(con: duckdb.DuckDBPyConnection, pend: pd.DataFrame, lake_cols: dict[str, list[tuple[str, str]]],
           frames: Mapping[str, Any] | None, frames_seq: int | None) -> None:
    from newsdesk.store import search

    writer = _writer_db(con)
    art = pend[pend["scope"] == "article"]
    replaced = sorted(set(art.loc[art["replaced"], "key"]))
    from_memory = set(art.loc[art["seq"] == frames_seq, "key"]) if frames is not None else set()
    from_writer = sorted(set(art["key"]) - from_memory)
    # Old versions of changed articles go first (the only deletes that scan the article tables: rare).
    gone = sorted(set(replaced) | set(from_writer))
    if gone:
        _with_keys(con, gone, lambda: aggregates.apply(con, ALIAS, _rows_of_keys(), -1))
        _with_keys(con, gone, lambda: [con.execute(f'DELETE FROM {ALIAS}."{t}" WHERE article_id IN '
                                                   "(SELECT k FROM _nd_keys)")
                                       for t in (*ARTICLE_TABLES, *search.LAKE_TABLES)])
    if frames is not None and from_memory:
        for table in ARTICLE_TABLES:
            df = frames.get(table)
            if df is not None and len(df):
                _insert(con, table, df, lake_cols[table])
        aggregates.apply(con, ALIAS, {t: frames.get(t) for t in ARTICLE_TABLES}, 1)
        arts = frames.get("articles")
        if arts is not None and len(arts):
            con.register("_nd_arts", arts)
            try:
                search.index_articles(con, "_nd_arts", ALIAS)
            finally:
                con.unregister("_nd_arts")
    if from_writer:
        def copy_back() -> None:
            for t in ARTICLE_TABLES:
                cols = ", ".join(f'"{c}"' for c, _ in lake_cols[t])
                con.execute(f'INSERT INTO {ALIAS}."{t}" ({cols}) SELECT {cols} FROM "{writer}"."{t}" '
                            "WHERE article_id IN (SELECT k FROM _nd_keys)")
            con.execute(f'CREATE OR REPLACE TEMP VIEW _nd_back AS SELECT * FROM "{writer}".articles '
                        "WHERE article_id IN (SELECT k FROM _nd_keys)")
            search.index_articles(con, "_nd_back", ALIAS)
            aggregates.apply(con, ALIAS, _rows_of_keys(writer), 1)
        _with_keys(con, from_writer, copy_back)
    for table, key in KEYED.items():
        keys = sorted(set(pend.loc[pend["scope"] == SCOPE_OF[table], "key"]))
        if not keys or table not in lake_cols:
            continue
        cols = ", ".join(f'"{c}"' for c, _ in lake_cols[table])
        _with_keys(con, keys, lambda: (
            con.execute(f'DELETE FROM {ALIAS}."{table}" WHERE "{key}" IN (SELECT k FROM _nd_keys)'),
            con.execute(f'INSERT INTO {ALIAS}."{table}" ({cols}) SELECT {cols} FROM "{writer}"."{table}" '
                        f'WHERE "{key}" IN (SELECT k FROM _nd_keys)')))
    full = sorted(set(pend.loc[pend["scope"] == "full", "key"]) & set(lake_cols))
    if full:
        rebuild_tables(con, full)


def _rows_of_keys(database: str = ALIAS) -> dict[str, str]:
    """The article tables' rows of the articles in `_nd_keys`, in `database`, as SQL relations."""
    return {t: f'(SELECT * FROM "{database}"."{t}" WHERE article_id IN (SELECT k FROM _nd_keys))'
            for t in ARTICLE_TABLES}


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: Any, lake_cols: list[tuple[str, str]]) -> None:
    have = set(getattr(df, "column_names", None) or df.columns)
    cols = ", ".join(f'"{c}"' for c, _ in lake_cols if c in have)
    con.register("_nd_rows", df)
    try:
        con.execute(f'INSERT INTO {ALIAS}."{table}" ({cols}) SELECT {cols} FROM _nd_rows')
    finally:
        con.unregister("_nd_rows")


def _with_keys(con: duckdb.DuckDBPyConnection, keys: list[str], fn: Any) -> None:
    con.register("_nd_keys", pd.DataFrame({"k": pd.Series(keys, dtype="object")}))
    try:
        fn()
    finally:
        con.unregister("_nd_keys")


def catch_up(con: duckdb.DuckDBPyConnection, db_path: Path) -> int:
    """At the start of every load (and `newsdesk upgrade`): create or follow the schema, publish whatever an
    earlier writer landed but did not publish. Cheap when nothing is pending."""
    if not exists(db_path) or not catalog_path(db_path).exists():
        return initialise(con, db_path)
    attach_writer(con, db_path)
    _forget(db_path)  # another process may have published since this one last looked
    writer_v, lake_v = _schema_version(con, _writer_db(con)), _schema_version(con, ALIAS)
    if writer_v != lake_v:
        with _lake_transaction(con):
            before = set(_tables(con, ALIAS))
            sync_schema(con)
            new = [t for t in mirrored_tables(con) if t not in before]
            # a migration may have backfilled rows: small tables are taken whole, new tables arrive whole
            small = [t for t in mirrored_tables(con) if t not in KEYED and t not in ARTICLE_TABLES]
            rebuild_tables(con, sorted(set(new) | set(small)))
        _forget(db_path)
    elif views_differ(con):  # a mart changed without a migration (marts are re-created on every writer open)
        with _lake_transaction(con):
            _sync_views(con)
    return publish(con, db_path)


MERGE_BELOW_BYTES = 8 << 20  # files from this size up are left alone by compaction


def compact(con: duckdb.DuckDBPyConnection, db_path: Path) -> dict[str, float]:
    """Merge the small files batches leave behind and delete files no snapshot younger than KEEP_SNAPSHOTS needs.
    Work in proportion to what changed since the last compaction: only files under MERGE_BELOW_BYTES are merged
    (by default DuckLake merges everything under its 512 MB target, which rewrote whole tables at every load:
    36 s at a million articles), so a table becomes a run of files of about that size plus a small tail."""
    import time

    attach_writer(con, db_path)
    out: dict[str, float] = {}
    for name, sql in (("merge", f"CALL ducklake_merge_adjacent_files('{ALIAS}', max_file_size => {MERGE_BELOW_BYTES})"),
                      ("expire", f"CALL ducklake_expire_snapshots('{ALIAS}', older_than => "
                                 f"now() - INTERVAL '{KEEP_SNAPSHOTS}')"),
                      ("cleanup", f"CALL ducklake_cleanup_old_files('{ALIAS}', older_than => "
                                  f"now() - INTERVAL '{KEEP_SNAPSHOTS}')")):
        t = time.perf_counter()
        con.execute(sql)
        out[name] = round(time.perf_counter() - t, 3)
    return out


def detach(con: duckdb.DuckDBPyConnection) -> None:
    attached = {r[0] for r in con.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    if ALIAS in attached:
        con.execute(f"DETACH {ALIAS}")
