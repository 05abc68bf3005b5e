"""Store: migrations, the locked-down reader, the published read copy."""

from __future__ import annotations

import duckdb
import pytest

from newsdesk.store import db


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
    path = tmp_path / "m.duckdb"
    db.connect_writer(path).close()
    reader = db.connect_reader(db.publish_read_copy(path))
    try:
        with pytest.raises(duckdb.Error):
            reader.execute(sql.format(tmp=tmp_path))
    finally:
        reader.close()
    assert not (tmp_path / "out.csv").exists()


def test_read_copy_is_swapped_atomically_while_a_reader_holds_the_old_one(tmp_path) -> None:
    path = tmp_path / "m.duckdb"
    con = db.connect_writer(path)
    con.execute("INSERT INTO topics VALUES ('medtop:01000000', 'arts', NULL, 1)")
    con.close()
    reader = db.connect_reader(db.publish_read_copy(path))
    con = db.connect_writer(path)
    con.execute("INSERT INTO topics VALUES ('medtop:02000000', 'crime', NULL, 1)")
    con.close()
    db.publish_read_copy(path)  # must not fail while `reader` is open
    assert reader.execute("SELECT count(*) FROM topics").fetchone()[0] == 1
    reader.close()
    fresh = db.connect_reader(db.read_copy_path(path))
    assert fresh.execute("SELECT count(*) FROM topics").fetchone()[0] == 2
    fresh.close()


def test_corrupt_database_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "bad.duckdb"
    path.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(db.StoreError, match="cannot open database"):
        db.connect_writer(path)


def test_two_overlapping_readers_in_one_process(tmp_path) -> None:
    path = tmp_path / "m.duckdb"
    db.connect_writer(path).close()
    copy = db.publish_read_copy(path)
    first = db.connect_reader(copy)
    second = db.connect_reader(copy)  # shares the locked-down instance; must not try to reconfigure it
    try:
        assert second.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        with pytest.raises(duckdb.Error):
            second.execute("SELECT * FROM read_csv('/etc/passwd')")
    finally:
        second.close()
        first.close()
