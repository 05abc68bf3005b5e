"""Store: migrations, the locked-down reader session, publishing to the reader store."""

from __future__ import annotations

import duckdb
import pytest

from newsdesk.store import db, lake


def published(path):
    """Create the database at `path` (if needed) and publish it whole to its reader store."""
    con = db.connect_writer(path)
    try:
        lake.initialise(con, path)
    finally:
        con.close()
    return path


def test_migrations_apply_once_and_are_recorded(tmp_path) -> None:
    path = tmp_path / "m.duckdb"
    con = db.connect_writer(path)
    assert db.migrate(con) == []  # already applied by connect_writer
    versions = [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]
    assert versions == [v for v, _, _ in db.migrations()] and versions[:2] == [1, 2]
    con.close()


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "ATTACH '{tmp}/other.duckdb'",
    "INSTALL httpfs",
    "COPY articles TO '{tmp}/out.csv'",
    "SET enable_external_access = true",
    "DELETE FROM articles",
])
def test_reader_is_least_privilege(tmp_path, sql: str) -> None:
    path = published(tmp_path / "m.duckdb")
    reader = lake.connect_reader(path)
    try:
        with pytest.raises(duckdb.Error):
            reader.execute(sql.format(tmp=tmp_path))
    finally:
        reader.close()
    assert not (tmp_path / "out.csv").exists()


def test_a_publish_while_a_reader_holds_the_store_is_seen_by_that_reader(tmp_path) -> None:
    path = tmp_path / "m.duckdb"
    con = db.connect_writer(path)
    con.execute("INSERT INTO topics VALUES ('medtop:01000000', 'arts', NULL, 1)")
    lake.initialise(con, path)
    con.close()
    reader = lake.connect_reader(path)
    before = lake.marker_path(path).stat().st_ino
    assert reader.execute("SELECT count(*) FROM topics").fetchone()[0] == 1
    con = db.connect_writer(path)
    con.execute("INSERT INTO topics VALUES ('medtop:02000000', 'crime', NULL, 1)")
    lake.queue_full(con, "topics")
    lake.publish(con, path)  # must not fail or wait while `reader` is open
    con.close()
    assert reader.execute("SELECT count(*) FROM topics").fetchone()[0] == 2  # the next query sees the snapshot
    assert lake.marker_path(path).stat().st_ino != before  # and readers' caches learn of it from the marker
    reader.close()


def test_corrupt_database_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "bad.duckdb"
    path.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(db.StoreError, match="cannot open database"):
        db.connect_writer(path)


def test_two_overlapping_readers_in_one_process(tmp_path) -> None:
    path = published(tmp_path / "m.duckdb")
    first = lake.connect_reader(path)
    second = lake.connect_reader(path)  # a second locked-down session beside the first
    try:
        assert second.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        with pytest.raises(duckdb.Error):
            second.execute("SELECT * FROM read_csv('/etc/passwd')")
    finally:
        second.close()
        first.close()
