"""Schema, row builders and GX suites stay in step."""

from __future__ import annotations

from newsdesk.settings import load_settings
from newsdesk.store import db
from newsdesk.store.rows import COLUMNS, LANDED_TABLES
from newsdesk.validate import load_suite_dicts


def _schema(tmp_path) -> dict[str, list[str]]:
    con = db.connect_writer(tmp_path / "s.duckdb")
    try:
        rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                           "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall()
    finally:
        con.close()
    out: dict[str, list[str]] = {}
    for t, c in rows:
        out.setdefault(t, []).append(c)
    return out


def test_row_builders_match_the_sql_schema(tmp_path) -> None:
    schema = _schema(tmp_path)
    for table in LANDED_TABLES:
        built = [c for c in COLUMNS[table] if not (table == "actors" and c == "article_id")]
        assert built == schema[table], table


def test_one_suite_per_landed_table_and_only_real_columns(tmp_path) -> None:
    schema = _schema(tmp_path)
    suites = load_suite_dicts(load_settings().expectations_dir)
    assert set(suites) == set(LANDED_TABLES)
    for table, suite in suites.items():
        assert suite["expectations"], table
        for e in suite["expectations"]:
            for key in ("column", "column_A", "column_B"):
                if key in e["kwargs"]:
                    assert e["kwargs"][key] in schema[table], (table, e)


def test_upgrade_backfills_wire_agencies_and_survives_a_crash(tmp_path, monkeypatch) -> None:
    """A database made before migration 007 gets the column filled for its rows; a process killed right after
    the upgrade (its WAL not yet checkpointed) leaves a database that opens again."""
    import subprocess
    import sys

    path = tmp_path / "old.duckdb"
    old = [m for m in db.migrations() if m[0] < 7]
    monkeypatch.setattr(db, "migrations", lambda: old)
    con = db.connect_writer(path)
    con.execute("INSERT INTO articles (article_id, title, authors, text, word_count, content_hash, source_ref, "
                "input_format, fetched_at, load_id) VALUES ('0123456789abcdef', 'T', ['dpa'], 'body', 1, 'h', 'x', "
                "'txt', now(), 'l')")
    con.close()
    code = ("import os; from pathlib import Path; from newsdesk.store import db; "
            f"con = db.connect_writer(Path({str(path)!r})); "
            "con.execute(\"INSERT INTO articles (article_id, title, authors, text, word_count, content_hash, "
            "source_ref, input_format, fetched_at, load_id, wire_agencies) VALUES ('fedcba9876543210', 'U', [], "
            "'body', 1, 'h', 'y', 'txt', now(), 'l', ['AP'])\"); os._exit(0)")  # die before any checkpoint
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0
    monkeypatch.undo()
    con = db.connect_writer(path)
    try:
        assert con.execute("SELECT wire_agencies FROM articles ORDER BY title").fetchall() == [([],), (["AP"],)]
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] >= 7
    finally:
        con.close()
