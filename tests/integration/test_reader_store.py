"""The reader store (newsdesk.store.lake): every batch is mirrored into a DuckLake the readers attach, at the cost
of the batch; what readers see equals the writer's tables, through forced re-loads, a writer killed between its two
commits, actor merges, and an upgrade from a database made before the store existed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsdesk.lifecycle import ingest
from newsdesk.store import db, lake
from tests_support import article_lines


def snapshot(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, list[str]]:
    out = {}
    for t in tables:
        cols = [c for (c,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND database_name = current_database() "
            "AND column_name <> 'applied_at' ORDER BY column_name", [t]).fetchall()]
        sel = ", ".join(f'"{c}"' for c in cols)
        out[t] = sorted(repr(r) for r in con.execute(f'SELECT {sel} FROM "{t}"').fetchall())
    return out


def assert_mirrored(path: Path) -> dict[str, int]:
    """Every mirrored table and mart reads the same in the writer's file and in the reader store."""
    writer = duckdb.connect(str(path), read_only=True)
    reader = lake.connect_reader(path)
    try:
        tables = lake.mirrored_tables(writer)
        assert {"articles", "article_actors", "actors", "loads", "sources"} <= set(tables)
        assert not set(tables) & set(lake.WRITER_ONLY)
        marts = [v for (v,) in writer.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal "
                                              "AND database_name = current_database()").fetchall()]
        assert "mart_articles" in marts
        w, r = snapshot(writer, tables + marts), snapshot(reader, tables + marts)
        for t in tables + marts:
            assert w[t] == r[t], f"{t}: writer {len(w[t])} rows, reader store {len(r[t])}"
        n_docs, n_articles = reader.execute(
            "SELECT (SELECT count(*) FROM search_docs), (SELECT count(*) FROM articles)").fetchone()
        assert n_docs == n_articles  # one search entry per article, none left over from replaced versions
        return {t: len(w[t]) for t in tables}
    finally:
        writer.close()
        reader.close()


@pytest.fixture()
def inputs(tmp_path: Path, seed_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.jsonl").write_text(article_lines(seed_path, 12))
    (folder / "seed.txt").write_text(seed_path.read_text(encoding="utf-8"))
    return folder


def test_each_batch_is_mirrored_and_a_forced_reload_replaces_rows(tmp_path: Path, inputs: Path) -> None:
    path = tmp_path / "n.duckdb"
    rep = ingest([inputs], db_path=path, batch_size=4)
    assert rep.n_landed == 13 and Path(rep.reader_store) == lake.lake_dir(path)
    counts = assert_mirrored(path)
    assert counts["articles"] == 13 and counts["article_actors"] > 13
    rep = ingest([inputs], db_path=path, batch_size=4, force=True)  # every article replaced by itself
    assert rep.n_landed == 13
    assert assert_mirrored(path) == {**counts, "loads": 2, "validation_results": counts["validation_results"] * 2}
    # one snapshot per batch (and per load's open and close), each stamped with the load it came from
    reader = lake.connect_reader(path)
    try:
        per_load = dict(reader.execute("SELECT load_id, count(*) FROM newsdesk_publish GROUP BY ALL").fetchall())
    finally:
        reader.close()
    assert per_load[rep.load_id] >= 4


def test_a_writer_killed_between_its_commit_and_the_publish_is_caught_up(tmp_path: Path, inputs: Path,
                                                                         seed_path: Path) -> None:
    path = tmp_path / "n.duckdb"
    ingest([inputs], db_path=path, batch_size=8)
    # What a process killed after its writer commit leaves behind: rows and their keys in lake_pending, no publish.
    con = db.connect_writer(path)
    try:
        victim = con.execute("SELECT article_id FROM articles ORDER BY article_id LIMIT 1").fetchone()[0]
        with db.transaction(con):
            con.execute("UPDATE articles SET title = 'Changed while nobody published' WHERE article_id = ?", [victim])
            lake.queue(con, {"article": [victim]}, replaced=[victim])
    finally:
        con.close()
    reader = lake.connect_reader(path)
    try:
        assert reader.execute("SELECT title FROM articles WHERE article_id = ?", [victim]).fetchone()[0] \
            != "Changed while nobody published"
    finally:
        reader.close()
    more = tmp_path / "more"
    more.mkdir()
    (more / "b.jsonl").write_text(article_lines(seed_path, 14).splitlines()[-1] + "\n")
    ingest([more], db_path=path)  # the next load's open republishes what the killed one left
    assert assert_mirrored(path)["articles"] == 14
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM lake_pending").fetchone()[0] == 0
    finally:
        con.close()


def test_a_merge_is_seen_by_readers_at_once(tmp_path: Path, inputs: Path) -> None:
    path = tmp_path / "n.duckdb"
    ingest([inputs], db_path=path)
    writer = duckdb.connect(str(path), read_only=True)
    a, b = writer.execute("SELECT list(actor_id ORDER BY n DESC, actor_id)[1:2] FROM (SELECT actor_id, count(*) AS n "
                          "FROM article_actors JOIN actors USING (actor_id) WHERE type = 'person' "
                          "GROUP BY ALL)").fetchone()[0]
    writer.close()
    out = subprocess.run([sys.executable, "-m", "newsdesk.cli", "actors", "merge", b, a, "--db", str(path), "--json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["into"] == a
    assert_mirrored(path)
    reader = lake.connect_reader(path)
    try:
        assert reader.execute("SELECT count(*) FROM article_actors WHERE actor_id = ?", [b]).fetchone()[0] == 0
        assert reader.execute("SELECT count(*) FROM actors WHERE actor_id = ?", [b]).fetchone()[0] == 0
        assert reader.execute("SELECT count(*) FROM actor_overrides WHERE from_actor_id = ?", [b]).fetchone()[0] == 1
    finally:
        reader.close()


def test_a_database_from_before_the_reader_store_upgrades_in_place(tmp_path: Path, inputs: Path) -> None:
    path = tmp_path / "n.duckdb"
    ingest([inputs], db_path=path)
    # The state the read-copy versions left: no lake, a whole-file copy beside the database, no migration 014.
    import shutil

    shutil.rmtree(lake.lake_dir(path))
    shutil.copyfile(path, db.read_copy_path(path))
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE lake_pending")
    con.execute("DROP TABLE lake_counter")
    con.execute("DELETE FROM schema_migrations WHERE version = 14")
    con.close()
    assert "014_reader_lake.sql" in db.upgrade(path)
    assert not db.read_copy_path(path).exists()  # the whole-file copy is gone; readers use the store
    assert assert_mirrored(path)["articles"] == 13
    assert db.upgrade(path) == []  # nothing left to do


def test_reader_sessions_are_read_only_and_see_no_other_file(tmp_path: Path, inputs: Path) -> None:
    path = tmp_path / "n.duckdb"
    ingest([inputs], db_path=path)
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    reader = lake.connect_reader(path)
    try:
        with pytest.raises(duckdb.Error):
            reader.execute("DELETE FROM articles")
        with pytest.raises(duckdb.Error):
            reader.execute(f"SELECT * FROM read_csv('{secret}')")
        with pytest.raises(duckdb.Error):
            reader.execute(f"ATTACH '{path}' AS w")
        with pytest.raises(duckdb.Error):
            reader.execute("SET enable_external_access = true")
        assert reader.execute("SELECT count(*) FROM mart_articles").fetchone()[0] == 13
    finally:
        reader.close()


def test_nothing_published_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(lake.LakeError, match="nothing published yet"):
        lake.connect_reader(tmp_path / "none.duckdb")


def test_a_data_folder_moved_elsewhere_still_reads_and_loads(tmp_path: Path, inputs: Path, seed_path: Path) -> None:
    """The catalog records where the Parquet files were written; a folder moved or restored from a backup under
    another path must read its own files there, and a load into it must go on."""
    before = tmp_path / "old" / "n.duckdb"
    before.parent.mkdir()
    ingest([inputs], db_path=before, batch_size=4)
    after = tmp_path / "new" / "n.duckdb"
    before.parent.rename(after.parent)
    assert not lake.lake_dir(before).exists()
    reader = lake.connect_reader(after)
    try:
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 13
    finally:
        reader.close()
    more = tmp_path / "more"
    more.mkdir()
    (more / "wire.jsonl").write_text(article_lines(seed_path, 20))
    assert ingest([more], db_path=after, batch_size=4).n_landed == 8  # 12 of the 20 are there
    counts = assert_mirrored(after)
    assert counts["articles"] == 21
    assert not lake.lake_dir(before).exists()  # nothing written under the old path
