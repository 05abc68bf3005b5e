"""The reader store's pre-aggregated tables (newsdesk.store.aggregates) always sum to what the article tables say:
after batches, a forced re-load (every article replaced by itself), an actor merge, a change to one article's day,
and an upgrade of a store that had none. Real loads into DuckDB files under a temp dir."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsdesk.lifecycle import ingest
from newsdesk.store import aggregates, db, lake
from tests_support import article_lines

def sums(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Each aggregate table summed per key (keys whose sum is 0 left out, as readers do)."""
    return {
        "agg_source_day": sorted(con.execute(
            "SELECT day, source_domain, site_name, sum(articles)::BIGINT, sum(quotes)::BIGINT, "
            "sum(date_mentions)::BIGINT FROM agg_source_day GROUP BY ALL HAVING sum(articles) <> 0").fetchall(),
            key=repr),
        "agg_actor_day": sorted(con.execute(
            "SELECT day, actor_id, sum(articles)::BIGINT, sum(mentions)::BIGINT FROM agg_actor_day GROUP BY ALL "
            "HAVING sum(articles) <> 0").fetchall(), key=repr),
        "agg_topic_day": sorted(con.execute(
            "SELECT day, code, sum(articles)::BIGINT, round(sum(score_sum), 6) FROM agg_topic_day GROUP BY ALL "
            "HAVING sum(articles) <> 0").fetchall(), key=repr),
    }


def truth(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """The same counts, straight from the article tables."""
    return {
        "agg_source_day": sorted(con.execute(f"""
            SELECT CAST(a.published_at AS DATE) AS day, {aggregates.DOMAIN_SQL} AS dom, a.site_name,
                   count(*)::BIGINT, coalesce(sum(q.n), 0)::BIGINT, coalesce(sum(d.n), 0)::BIGINT
            FROM articles a
            LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes GROUP BY 1) q USING (article_id)
            LEFT JOIN (SELECT article_id, count(*) AS n FROM date_mentions
                       WHERE function IS DISTINCT FROM 'creation_time' GROUP BY 1) d USING (article_id)
            GROUP BY ALL""").fetchall(), key=repr),
        "agg_actor_day": sorted(con.execute(
            "SELECT CAST(a.published_at AS DATE), x.actor_id, count(DISTINCT x.article_id)::BIGINT, "
            "sum(x.mentions)::BIGINT FROM article_actors x JOIN articles a USING (article_id) GROUP BY ALL").fetchall(),
            key=repr),
        "agg_topic_day": sorted(con.execute(
            "SELECT CAST(a.published_at AS DATE), x.code, count(DISTINCT x.article_id)::BIGINT, "
            "round(sum(x.score), 6) FROM article_topics x JOIN articles a USING (article_id) GROUP BY ALL").fetchall(),
            key=repr),
    }


def assert_aggregates_match(path: Path) -> dict[str, int]:
    reader = lake.connect_reader(path)
    try:
        got, want = sums(reader), truth(reader)
    finally:
        reader.close()
    for table in aggregates.TABLES:
        assert got[table] == want[table], f"{table}: {len(got[table])} keys summed, {len(want[table])} expected"
    assert want["agg_actor_day"] and want["agg_source_day"]  # the check compared something
    return {t: len(v) for t, v in got.items()}


def raw_rows(path: Path, table: str) -> int:
    reader = lake.connect_reader(path)
    try:
        return int(reader.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        reader.close()


@pytest.fixture()
def inputs(tmp_path: Path, seed_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.jsonl").write_text(article_lines(seed_path, 12))
    (folder / "seed.txt").write_text(seed_path.read_text(encoding="utf-8"))
    return folder


def test_batches_and_a_forced_reload_keep_the_sums(tmp_path: Path, inputs: Path) -> None:
    path = tmp_path / "n.duckdb"
    ingest([inputs], db_path=path, batch_size=4)
    first = assert_aggregates_match(path)
    before = raw_rows(path, "agg_actor_day")
    ingest([inputs], db_path=path, batch_size=4, force=True)  # every article replaced by itself
    assert assert_aggregates_match(path) == first
    assert raw_rows(path, "agg_actor_day") > before  # the replaced versions were retracted by appended deltas


def test_an_actor_merge_moves_the_counts(tmp_path: Path, inputs: Path) -> None:
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
    assert_aggregates_match(path)
    reader = lake.connect_reader(path)
    try:
        gone = reader.execute("SELECT coalesce(sum(articles), 0) FROM agg_actor_day WHERE actor_id = ?", [b]).fetchone()
        kept = reader.execute("SELECT sum(articles) FROM agg_actor_day WHERE actor_id = ?", [a]).fetchone()
        links = reader.execute("SELECT count(*) FROM article_actors WHERE actor_id = ?", [a]).fetchone()
    finally:
        reader.close()
    assert gone[0] == 0
    assert kept[0] == links[0] > 0


def test_a_changed_day_moves_the_article_and_an_old_store_is_filled(tmp_path: Path, inputs: Path) -> None:
    path = tmp_path / "n.duckdb"
    ingest([inputs], db_path=path, batch_size=8)
    con = db.connect_writer(path)
    try:
        victim = con.execute("SELECT article_id FROM articles WHERE published_at IS NOT NULL ORDER BY article_id "
                             "LIMIT 1").fetchone()[0]
        with db.transaction(con):
            con.execute("UPDATE articles SET published_at = TIMESTAMP '1999-01-02 03:04:05' WHERE article_id = ?",
                        [victim])
            lake.queue(con, {"article": [victim]}, replaced=[victim])
        lake.publish(con, path)
        # a store from before the aggregates: the tables dropped, then the schema version the lake records lowered
        lake.attach_writer(con, path)
        for table in aggregates.TABLES:
            con.execute(f"DROP TABLE {lake.ALIAS}.{table}")
        con.execute(f"DELETE FROM {lake.ALIAS}.schema_migrations WHERE version >= 15")
    finally:
        con.close()
    con = db.connect_writer(path)
    try:
        lake.catch_up(con, path)  # what the next load's open (or `newsdesk dashboard` on an old store) runs
    finally:
        con.close()
    assert assert_aggregates_match(path)["agg_source_day"] > 0
    reader = lake.connect_reader(path)
    try:
        assert reader.execute("SELECT sum(articles) FROM agg_source_day WHERE day = DATE '1999-01-02'"
                              ).fetchone()[0] == 1
    finally:
        reader.close()
