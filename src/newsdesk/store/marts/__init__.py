"""The marts: the views readers query, one per file in this folder (`<view>.sql`), each opening with a comment that
states its grain ("-- One row per ...") followed by one `CREATE OR REPLACE VIEW <view> AS ...`.

Views are derived, never migrated: numbered migrations (`store/migrations/`) change tables only, and `create`
(re)defines every mart after the migrations each time a writer opens the database (`store.db.migrate`), in
dependency order, dropping any `mart_*` view this folder no longer has. A database made by any earlier version,
whose migrations 002..013 created and redefined views, therefore ends with exactly these definitions. The reader
store copies the writer's views (`store.lake`), so a changed file reaches readers at the next load or
`newsdesk upgrade`.

To add a mart: add `<view>.sql` here (grain comment first); it may select from tables and from other marts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

PACKAGE = "newsdesk.store.marts"
PREFIX = "mart_"  # views with this prefix belong to newsdesk: one without a file here is dropped
_HEAD = re.compile(r"CREATE\s+OR\s+REPLACE\s+VIEW\s+([a-z_][a-z0-9_]*)\s+AS\s", re.I)
_GRAIN = re.compile(r"\A--\s*(One row per .+?)(?=\n(?!--)|\Z)", re.S)


class MartError(RuntimeError):
    """A mart file is malformed (packaging bug), or the marts' dependencies form a cycle."""


@dataclass(frozen=True)
class Mart:
    name: str                  # the view, the file's stem
    grain: str                 # the opening comment, "One row per ..."
    sql: str                   # the file: CREATE OR REPLACE VIEW <name> AS <body>
    body: str                  # the SELECT after AS
    depends: tuple[str, ...]   # other marts it selects from


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def _parse(name: str, text: str) -> Mart:
    grain = _GRAIN.match(text)
    if not grain:
        raise MartError(f"marts/{name}.sql must open with its grain: '-- One row per ...'")
    code = _strip_comments(text).strip()
    head = _HEAD.match(code)
    if not head or head.group(1) != name:
        raise MartError(f"marts/{name}.sql must hold one 'CREATE OR REPLACE VIEW {name} AS ...'")
    body = code[head.end():].strip().rstrip(";").strip()
    if ";" in re.sub(r"'[^']*'", "''", body):
        raise MartError(f"marts/{name}.sql must hold one statement")
    return Mart(name, " ".join(line.lstrip("- ").strip() for line in grain.group(1).splitlines()), text, body, ())


@lru_cache(maxsize=1)
def marts() -> tuple[Mart, ...]:
    """Every mart of this folder, dependencies first (then by name)."""
    found = {}
    for entry in resources.files(PACKAGE).iterdir():
        if entry.name.endswith(".sql"):
            name = entry.name[:-4]
            found[name] = _parse(name, entry.read_text(encoding="utf-8"))
    deps = {n: tuple(sorted(o for o in found if o != n and re.search(rf"\b{o}\b", m.body))) for n, m in found.items()}
    ordered: list[Mart] = []
    done: set[str] = set()
    while len(done) < len(found):
        ready = sorted(n for n in found if n not in done and set(deps[n]) <= done)
        if not ready:
            raise MartError(f"marts depend on each other in a cycle: {sorted(set(found) - done)}")
        for n in ready:
            m = found[n]
            ordered.append(Mart(m.name, m.grain, m.sql, m.body, deps[n]))
            done.add(n)
    return tuple(ordered)


def names() -> list[str]:
    return [m.name for m in marts()]


def views(con: Any, database: str | None = None) -> dict[str, str]:
    """{name: definition as DuckDB keeps it} of the user views in `database` (default: the current one)."""
    rows = con.execute("SELECT view_name, sql FROM duckdb_views() WHERE database_name = coalesce(?, current_database())"
                       " AND schema_name = 'main' AND NOT internal", [database]).fetchall()
    return dict(rows)


def _same(kept: str | None, wanted: str) -> bool:
    """Two view definitions as DuckDB prints them, alike but for identifier quoting (a temporary view prints a
    type name quoted where the stored one does not)."""
    return kept is not None and kept.replace('"', "") == wanted.replace('"', "")


def create(con: Any) -> list[str]:
    """(Re)define every mart in the connection's current database, in one transaction, after dropping the `mart_*`
    views that have no file here (a retired mart); write nothing when they are all current (an open of the
    writer then adds nothing to the WAL: with a full disk, the load fails where it lands, and says so). Returns
    the names dropped."""
    current = views(con)
    stale = sorted(v for v in current if v.startswith(PREFIX) and v not in names())
    if not stale:  # nothing written when every mart is already as defined here (most opens)
        want = rendered(con)
        if want is not None and all(_same(current.get(n), sql) for n, sql in want.items()):
            return []
    con.execute("BEGIN TRANSACTION")
    try:
        for name in stale:
            con.execute(f'DROP VIEW IF EXISTS "{name}"')
        for mart in marts():
            con.execute(mart.sql)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return stale


def rendered(con: Any) -> dict[str, str] | None:
    """{name: definition as DuckDB keeps it} of every mart as `create` would define it over the connection's
    tables, found by defining them as temporary views (DuckDB keeps a view as its parsed query printed back, not as
    written), which are dropped again; None when they do not bind there (tables or columns missing)."""
    import duckdb

    out: dict[str, str] = {}
    try:
        for mart in marts():
            con.execute(f'CREATE OR REPLACE TEMP VIEW "{mart.name}" AS {mart.body}')
            (sql,) = con.execute("SELECT sql FROM duckdb_views() WHERE database_name = 'temp' AND view_name = ?",
                                 [mart.name]).fetchone()
            out[mart.name] = re.sub(r"\ACREATE TEMP(ORARY)? VIEW ", "CREATE VIEW ", sql)
    except duckdb.Error:
        return None
    finally:
        for name in reversed(names()):
            con.execute(f'DROP VIEW IF EXISTS temp.main."{name}"')
    return out
