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
