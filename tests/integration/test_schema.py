"""Schema, row builders and GX suites stay in step."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsdesk.settings import load_settings
from newsdesk.store import db, lake, marts
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
    """A database made before migration 007 gets the column (and its credits) filled for its rows; a process
    killed right after
    the upgrade (its WAL not yet checkpointed) leaves a database that opens again."""
    import subprocess
    import sys

    path = tmp_path / "old.duckdb"
    old = [m for m in db.migrations() if m[0] < 7]
    monkeypatch.setattr(db, "migrations", lambda: old)
    monkeypatch.setattr(marts, "create", lambda con: [])  # that version had no store/marts/
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
        # the old row credits dpa: migration 008 fills it in
        assert con.execute("SELECT wire_agencies FROM articles ORDER BY title").fetchall() == [(["dpa"],), (["AP"],)]
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] >= 7
    finally:
        con.close()


def test_backfill_folds_agencies_as_the_code_does(tmp_path, monkeypatch) -> None:
    """Migration 008 fills wire_agencies of articles landed before 007 with the same folding table as
    newsdesk.agencies (dateline "dpa/lno" -> dpa, "The Associated Press" -> AP); rows without credits stay []."""
    import re

    from newsdesk.agencies import WIRE_AGENCIES

    sql = next(s for v, _, s in db.migrations() if v == 8)
    assert dict(re.findall(r"\('([^']*)', '([^']*)'\)", sql)) == WIRE_AGENCIES
    path = tmp_path / "old.duckdb"
    old = [m for m in db.migrations() if m[0] < 7]
    monkeypatch.setattr(db, "migrations", lambda: old)
    monkeypatch.setattr(marts, "create", lambda con: [])  # that version had no store/marts/
    con = db.connect_writer(path)
    rows = [("0000000000000001", ["Jane Roe"], "dpa/lno"), ("0000000000000002", ["The Associated Press"], None),
            ("0000000000000003", ["Jane Roe"], None)]
    for aid, authors, agency in rows:
        con.execute("INSERT INTO articles (article_id, title, authors, dateline_agency, text, word_count, content_hash,"
                    " source_ref, input_format, fetched_at, load_id) VALUES (?, 'T', ?, ?, 'body', 1, 'h', 'x', 'txt',"
                    " now(), 'l')", [aid, authors, agency])
    con.close()
    monkeypatch.undo()
    con = db.connect_writer(path)
    try:
        got = con.execute("SELECT article_id, wire_agencies FROM articles ORDER BY article_id").fetchall()
    finally:
        con.close()
    assert got == [("0000000000000001", ["dpa"]), ("0000000000000002", ["AP"]), ("0000000000000003", [])]


def old_database(path, monkeypatch, before: int = 7) -> None:
    """A database as a version with migrations below `before` left it: no reader store, a whole-file read copy."""
    every, create = db.migrations, marts.create
    monkeypatch.setattr(db, "migrations", lambda: [m for m in every() if m[0] < before])
    monkeypatch.setattr(marts, "create", lambda con: [])  # that version had no store/marts/
    db.connect_writer(path).close()
    monkeypatch.setattr(db, "migrations", every)
    monkeypatch.setattr(marts, "create", create)
    shutil.copyfile(path, db.read_copy_path(path))


def test_upgrade_builds_the_reader_store_for_readers(tmp_path, monkeypatch) -> None:
    """After a code upgrade the dashboard must not query a store with the old schema: `upgrade` (run by
    `newsdesk dashboard` before serving) migrates the database and brings the reader store up to date."""
    path = tmp_path / "old.duckdb"
    old_database(path, monkeypatch)
    assert not lake.exists(path)
    missing = db.upgrade(path)
    assert "008_wire_agencies_backfill.sql" in missing and "014_reader_lake.sql" in missing
    reader = lake.connect_reader(path)
    try:
        assert reader.execute("SELECT wire_agencies FROM articles LIMIT 0").fetchall() == []
        assert reader.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == db.migrations()[-1][0]
    finally:
        reader.close()
    assert not db.read_copy_path(path).exists()
    assert db.upgrade(path) == []  # nothing left to do


def test_dashboard_command_upgrades_the_default_database(tmp_path, monkeypatch) -> None:
    """`newsdesk dashboard` with no --db (what `make run` starts) finds data/newsdesk.duckdb under NEWSDESK_ROOT
    and brings an old database's reader store up to date before serving."""
    from newsdesk.cli import prepare_dashboard

    monkeypatch.setenv("NEWSDESK_ROOT", str(tmp_path))
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    path = tmp_path / "data" / "newsdesk.duckdb"
    path.parent.mkdir()
    old_database(path, monkeypatch)
    assert prepare_dashboard(None) == path.resolve()
    reader = lake.connect_reader(path)
    try:
        assert reader.execute("SELECT wire_agencies FROM articles LIMIT 0").fetchall() == []
    finally:
        reader.close()
    assert prepare_dashboard(str(tmp_path / "absent.duckdb")) == (tmp_path / "absent.duckdb").resolve()


def test_upgrade_types_time_expressions_and_survives_a_crash(tmp_path, monkeypatch) -> None:
    """A database made before migration 011 gets type/value/function on its date mentions (values derived from
    each calendar range, as newsdesk.record.calendar_value does) and NULL-able ranges; a process killed right after
    the upgrade, before any checkpoint, leaves a database that opens again."""
    import subprocess
    import sys
    from datetime import date

    from newsdesk.record import calendar_value

    path = tmp_path / "old.duckdb"
    old = [m for m in db.migrations() if m[0] < 11]
    monkeypatch.setattr(db, "migrations", lambda: old)
    monkeypatch.setattr(marts, "create", lambda con: [])  # that version had no store/marts/
    con = db.connect_writer(path)
    ranges = [("2025-10-12", "2025-10-12", "day"), ("2025-10-06", "2025-10-12", "week"),
              ("2025-10-11", "2025-10-12", "week"), ("2025-10-01", "2025-10-31", "month"),
              ("2025-07-01", "2025-09-30", "quarter"), ("2024-12-01", "2025-02-28", "season"),
              ("2009-01-01", "2010-12-31", "year"), ("1990-01-01", "1999-12-31", "decade"),
              ("2025-10-10", "2025-10-12", "day"), ("2020-12-28", "2021-01-03", "week")]
    for i, (a, b, g) in enumerate(ranges):
        con.execute("INSERT INTO date_mentions VALUES ('0123456789abcdef', ?, 'x', 's', ?, ?, ?, 0, 'l')",
                    [i, a, b, g])
    con.close()
    monkeypatch.undo()
    code = ("import os; from pathlib import Path; from newsdesk.store import db; "
            f"con = db.connect_writer(Path({str(path)!r})); "
            "con.execute(\"INSERT INTO date_mentions (article_id, mention_idx, text, sentence, char_offset, load_id, "
            "type, value) VALUES ('0123456789abcdef', 99, 'three years', 's', 5, 'l', 'duration', 'P3Y')\"); "
            "os._exit(0)")  # die before any checkpoint
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0
    con = db.connect_writer(path)
    try:
        got = con.execute("SELECT mention_idx, type, value, function, start_date FROM date_mentions "
                          "ORDER BY mention_idx").fetchall()
    finally:
        con.close()
    expected = [calendar_value(date.fromisoformat(a), date.fromisoformat(b), g) for a, b, g in ranges]
    assert [r[2] for r in got[:-1]] == expected
    assert expected[:3] == ["2025-10-12", "2025-W41", "2025-W41-WE"] and expected[6] == "2009/2010"
    assert {r[1] for r in got[:-1]} == {"date"} and all(r[3] is None for r in got)
    assert got[-1] == (99, "duration", "P3Y", None, None)


def test_each_mart_file_states_its_grain_and_is_a_view_after_open(tmp_path) -> None:
    """One store/marts/<view>.sql per view, opening with its grain; after a writer opens, the database has exactly
    those views, each selectable and kept as its file defines it."""
    files = sorted((Path(__file__).resolve().parents[2] / "src/newsdesk/store/marts").glob("*.sql"))
    assert {f.stem for f in files} == set(marts.names()) and len(files) >= 9
    for f in files:
        assert f.read_text(encoding="utf-8").startswith("-- One row per "), f.name
    con = db.connect_writer(tmp_path / "m.duckdb")
    try:
        assert marts.views(con) == marts.rendered(con)
        for name in marts.names():
            con.execute(f"SELECT * FROM {name} LIMIT 0")
    finally:
        con.close()


def test_migrations_after_015_change_tables_only() -> None:
    """Views live in store/marts/ and are re-created on every open; a migration defining one would be overwritten."""
    import re

    for version, name, sql in db.migrations():
        if version > 15:
            assert not re.search(r"\bVIEW\b", re.sub(r"--[^\n]*", "", sql), re.I), name


def test_an_old_database_opens_with_exactly_the_mart_files_views(tmp_path, monkeypatch) -> None:
    """A database made by a version whose migrations (001..015) created the views, with a view since retired and a
    stale definition, opens with exactly the views of store/marts/, and so does its reader store (after `upgrade`,
    the dashboard's start, and after a load's catch-up)."""
    path = tmp_path / "old.duckdb"
    monkeypatch.setattr(marts, "create", lambda con: [])  # the versions before store/marts/
    con = db.connect_writer(path)
    lake.initialise(con, path)
    con.execute("CREATE OR REPLACE VIEW mart_retired AS SELECT article_id FROM articles")
    con.execute("CREATE OR REPLACE VIEW mart_articles AS SELECT article_id, title FROM articles")  # an older shape
    lake.catch_up(con, path)
    con.close()
    monkeypatch.undo()
    assert not lake.marts_current(path)
    db.upgrade(path)
    assert lake.marts_current(path)
    con = db.connect_writer(path)
    try:
        assert set(marts.views(con)) == set(marts.names())
        kept, wanted = marts.views(con), marts.rendered(con)
        assert wanted is not None and all(marts._same(kept.get(n), sql) for n, sql in wanted.items())
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == db.migrations()[-1][0]
    finally:
        con.close()
    reader = lake.connect_reader(path)
    try:
        assert set(marts.views(reader, lake.ALIAS)) == set(marts.names())
        assert "site_name_as_written" in [d[0] for d in reader.execute("SELECT * FROM mart_articles LIMIT 0")
                                          .description]
    finally:
        reader.close()
    assert db.upgrade(path) == []


def test_a_changed_mart_reaches_the_reader_store_without_a_migration(tmp_path, monkeypatch) -> None:
    """Marts are not versioned by migrations: a mart file changed (or added) in a new version reaches readers at
    the next writer open and catch-up, with the schema version unchanged."""
    path = tmp_path / "m.duckdb"
    con = db.connect_writer(path)
    lake.catch_up(con, path)
    con.close()
    extra = marts.Mart("mart_article_words", "One row per article", "CREATE OR REPLACE VIEW mart_article_words AS "
                       "SELECT article_id, word_count FROM mart_articles", "SELECT article_id, word_count FROM "
                       "mart_articles", ("mart_articles",))
    every = marts.marts()
    monkeypatch.setattr(marts, "marts", lambda: (*every, extra))
    assert not lake.marts_current(path)
    con = db.connect_writer(path)
    try:
        lake.catch_up(con, path)
    finally:
        con.close()
    reader = lake.connect_reader(path)
    try:
        assert reader.execute("SELECT count(*) FROM mart_article_words").fetchone() == (0,)
    finally:
        reader.close()
    assert lake.marts_current(path)
    monkeypatch.undo()  # the mart retired again: it leaves the writer and the reader store
    con = db.connect_writer(path)
    try:
        lake.catch_up(con, path)
        assert "mart_article_words" not in marts.views(con)
    finally:
        con.close()
    assert lake.marts_current(path)
