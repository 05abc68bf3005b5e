"""bench/synthetic.py: a synthetic corpus straight into the store, with the schema's keys, consistent facts, the GX
suites passing on a sample, the marts and the full-text index answering."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402
from newsdesk.store import lake, search  # noqa: E402

N = 2000
END = date(2026, 6, 30)
LANDED = ("articles", "actors", "article_actors", "date_mentions", "article_topics", "quotes")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    db_path = tmp_path_factory.mktemp("synthetic") / "syn.duckdb"
    out = synthetic.build(N, db_path, seed=3, chunk=700, end=END, years=15, log=lambda *_: None)
    return out


@pytest.fixture(scope="module")
def con(built: dict):
    c = duckdb.connect(built["db"], read_only=True)  # the generated file itself (article_lsh is writer-only)
    yield c
    c.close()


def one(con, sql: str, *params):  # noqa: ANN001, ANN201
    return con.execute(sql, list(params)).fetchone()[0]


def test_counts_per_table(built: dict, con) -> None:  # noqa: ANN001
    from newsdesk.enrich.syndication import BANDS
    from newsdesk.enrich.topics import taxonomy

    rows = built["rows"]
    assert rows["articles"] == N == one(con, "SELECT count(*) FROM articles")
    assert rows["article_stories"] == N and rows["article_lsh"] == N * BANDS
    assert rows["topics"] == len(taxonomy())
    assert 300 < rows["actors"] < N * 2
    assert 4 * N < rows["article_actors"] < 20 * N        # a handful of actors per article
    assert 1.5 * N < rows["date_mentions"] < 5 * N
    assert 2 * N < rows["article_topics"] < 7 * N
    assert 0.6 * N < rows["quotes"] < 2 * N
    assert N * 0.5 < rows["stories"] < N                  # syndicated copies share a story
    # every article has actors, a first-ranked topic and a story; most have dates and some quotes
    assert one(con, "SELECT min(n_actors) FROM mart_articles") >= 2
    assert one(con, "SELECT count(*) FROM articles WHERE article_id NOT IN "
                    "(SELECT article_id FROM article_topics WHERE rank = 1)") == 0
    assert one(con, "SELECT count(DISTINCT site_name) FROM articles") > 100
    assert one(con, "SELECT count(DISTINCT language) FROM articles") == 5
    load = con.execute("SELECT load_id, status, n_inputs, n_landed, n_rejected, finished_at IS NOT NULL, timings "
                       "FROM loads").fetchall()
    assert len(load) == 1 and load[0][1:6] == ("succeeded", N, N, 0, True)
    assert load[0][0] == built["load_id"]
    for table in ("articles", "article_actors", "date_mentions", "article_topics", "quotes", "article_stories"):
        assert one(con, f"SELECT count(*) FROM {table} WHERE load_id <> ?", built["load_id"]) == 0
    assert one(con, "SELECT count(*) FROM actors WHERE first_load <> ?", built["load_id"]) == 0


def test_keys_and_references(con) -> None:  # noqa: ANN001
    zero = [
        "SELECT count(*) FROM article_actors WHERE actor_id NOT IN (SELECT actor_id FROM actors)",
        "SELECT count(*) FROM article_actors WHERE article_id NOT IN (SELECT article_id FROM articles)",
        "SELECT count(*) FROM actors WHERE actor_id NOT IN (SELECT actor_id FROM article_actors)",
        "SELECT count(*) FROM quotes WHERE speaker_actor_id IS NOT NULL AND speaker_actor_id NOT IN "
        "(SELECT actor_id FROM actors WHERE type = 'person')",
        "SELECT count(*) FROM quotes WHERE (speaker IS NULL) <> (speaker_actor_id IS NULL)",
        "SELECT count(*) FROM quotes q WHERE speaker_actor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
        "article_actors x WHERE x.article_id = q.article_id AND x.actor_id = q.speaker_actor_id)",
        "SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT article_id FROM articles)",
        "SELECT count(*) FROM date_mentions WHERE article_id NOT IN (SELECT article_id FROM articles)",
        "SELECT count(*) FROM article_topics WHERE code NOT IN (SELECT code FROM topics)",
        "SELECT count(*) FROM article_topics WHERE article_id NOT IN (SELECT article_id FROM articles)",
        # stories: every member and every story id and match is an article; each article in one story
        "SELECT count(*) FROM article_stories WHERE article_id NOT IN (SELECT article_id FROM articles)",
        "SELECT count(*) FROM article_stories WHERE story_id NOT IN (SELECT article_id FROM articles)",
        "SELECT count(*) FROM article_stories WHERE matched_article_id IS NOT NULL AND matched_article_id NOT IN "
        "(SELECT article_id FROM articles)",
        "SELECT count(*) FROM articles WHERE article_id NOT IN (SELECT article_id FROM article_stories)",
        "SELECT count(*) FROM article_stories s WHERE (s.story_id = s.article_id) <> (s.matched_article_id IS NULL)",
        "SELECT count(*) FROM article_stories WHERE len(minhash) <> 128 OR similarity <= 0 OR similarity > 1",
        "SELECT count(*) FROM article_stories s JOIN articles a USING (article_id) JOIN articles f "
        "ON f.article_id = s.story_id WHERE a.published_at < f.published_at",  # a story's id is its first article
        "SELECT count(*) FROM article_stories s JOIN articles a USING (article_id) JOIN articles f "
        "ON f.article_id = s.story_id WHERE s.story_id <> s.article_id AND (a.wire_agencies <> f.wire_agencies "
        "OR a.language <> f.language OR len(a.wire_agencies) = 0)",  # copies are one agency's wire story
        "SELECT count(*) FROM article_lsh WHERE article_id NOT IN (SELECT article_id FROM articles)",
        "SELECT count(*) FROM actors WHERE type = 'country' AND actor_id <> 'country:' || country",
        "SELECT count(*) FROM actors WHERE NOT list_contains(aliases, name)",
    ]
    for sql in zero:
        assert one(con, sql) == 0, sql
    # copies: near-duplicate text, estimated similarity above the syndication threshold
    from newsdesk.enrich.syndication import THRESHOLD

    assert one(con, "SELECT min(similarity) FROM article_stories WHERE matched_article_id IS NOT NULL") >= THRESHOLD
    assert one(con, "SELECT max(articles) FROM mart_stories") >= 4
    # ids, hashes and agencies computed the way the pipeline computes them
    from newsdesk.agencies import wire_agencies
    from newsdesk.record import actor_id_for

    arts = con.execute("SELECT article_id, canonical_url, url, title, text, content_hash, authors, dateline_agency, "
                       "wire_agencies, word_count FROM articles").fetchall()
    for aid, canon, url, title, text, chash, authors, agency, wires, wc in arts:
        assert canon == url
        assert aid == hashlib.sha256(("url:" + canon).encode()).hexdigest()[:16]
        assert chash == hashlib.sha256(title.encode() + b"\x00" + text.encode()).hexdigest()
        assert wires == wire_agencies(authors, agency)
        assert wc == len(text.split())
    for aid, name, type_, country in con.execute("SELECT actor_id, name, type, country FROM actors").fetchall():
        assert aid == actor_id_for(name, type_, country)
    # other-language aliases of one actor
    aliases = one(con, "SELECT aliases FROM actors WHERE name = 'Volodymyr Zelensky'")
    assert {"Zelensky", "Selenskyj"} <= set(aliases)


def test_offsets_point_at_the_text(con) -> None:  # noqa: ANN001
    assert one(con, "SELECT count(*) FROM date_mentions d JOIN articles a USING (article_id) "
                    "WHERE substr(a.text, d.char_offset + 1, length(d.text)) <> d.text "
                    "OR position(d.text IN d.sentence) = 0 OR position(d.sentence IN a.text) = 0") == 0
    assert one(con, "SELECT count(*) FROM quotes q JOIN articles a USING (article_id) "
                    "WHERE substr(a.text, q.char_start + 1, q.char_end - q.char_start) <> q.text") == 0
    assert one(con, "SELECT count(*) FROM article_actors x JOIN articles a USING (article_id) WHERE NOT "
                    "list_bool_or(list_transform(x.aliases, f -> substr(a.text, x.first_offset + 1, length(f)) = f))"
               ) == 0
    assert one(con, "SELECT count(*) FROM article_actors x JOIN articles a USING (article_id) "
                    "WHERE x.in_title AND NOT list_bool_or(list_transform(x.aliases, f -> contains(a.title, f)))") == 0
    assert one(con, "SELECT count(*) FROM article_actors WHERE len(roles) <> len(roles_written) "
                    "OR mentions < len(aliases)") == 0


def test_dates_in_range(con) -> None:  # noqa: ANN001
    lo, hi = con.execute("SELECT min(published_at), max(published_at) FROM articles").fetchone()
    assert datetime(END.year - 15, END.month, 1) <= lo and hi < datetime.combine(END + timedelta(days=1),
                                                                                    datetime.min.time())
    assert hi <= datetime.now()
    assert one(con, "SELECT count(*) FROM articles WHERE fetched_at < published_at") == 0
    assert one(con, "SELECT count(*) FROM articles WHERE dateline_date IS NOT NULL AND "
                    "dateline_date <> CAST(published_at AS DATE)") == 0
    # more recent years are denser; weekends are quieter than weekdays
    by_year = dict(con.execute("SELECT year(published_at), count(*) FROM articles GROUP BY 1").fetchall())
    assert sum(by_year.get(y, 0) for y in range(END.year - 4, END.year + 1)) > \
        sum(by_year.get(y, 0) for y in range(END.year - 15, END.year - 9))
    wd = dict(con.execute("SELECT isodow(published_at), count(*) FROM articles GROUP BY 1").fetchall())
    assert wd[6] + wd[7] < (wd[2] + wd[3]) * 0.9
    # date mentions: consistent ranges, mostly before publication, granularities as in the schema
    assert one(con, "SELECT count(*) FROM date_mentions WHERE end_date < start_date") == 0
    assert one(con, "SELECT count(*) FROM date_mentions WHERE granularity = 'day' AND start_date <> end_date") == 0
    before = one(con, "SELECT avg(CASE WHEN d.start_date <= CAST(a.published_at AS DATE) THEN 1 ELSE 0 END) "
                      "FROM date_mentions d JOIN articles a USING (article_id)")
    assert 0.8 < before < 1.0
    assert one(con, "SELECT count(*) FROM date_mentions d JOIN articles a USING (article_id) WHERE "
                    "d.start_date > CAST(a.published_at AS DATE) + INTERVAL 1 YEAR") == 0
    assert set(r[0] for r in con.execute("SELECT DISTINCT granularity FROM date_mentions").fetchall()) == {
        "day", "week", "month", "quarter", "season", "year", "decade"}


def _frame(con, table: str, n: int) -> pd.DataFrame:  # noqa: ANN001
    """A sample of a landed table shaped like pipeline._validate's batch frames (a `_row` column, lists as
    lists, the pipeline's column set)."""
    from newsdesk.store.rows import COLUMNS

    cols = [c for c in COLUMNS[table] if c != "article_id" or table != "actors"]
    df = con.execute(f"SELECT {', '.join(cols)} FROM {table} USING SAMPLE {n} ROWS (reservoir, 11)").df()
    for col in df.columns:
        sample = df[col].dropna()
        if len(sample) and isinstance(sample.iloc[0], np.ndarray):
            df[col] = df[col].map(lambda v: list(v) if isinstance(v, np.ndarray) else v)
    df.insert(0, "_row", range(len(df)))
    return df


def test_gx_suites_pass_on_a_sample(con) -> None:  # noqa: ANN001
    from newsdesk.settings import load_settings
    from newsdesk.validate import validator_for

    settings = load_settings()
    v = validator_for(settings.expectations_dir, None)
    for table in LANDED:
        df = _frame(con, table, 400)
        assert len(df) > 0
        res = v.validate(table, df)
        assert res.success and not res.failed_rows, (table, res.failures)


def test_marts_answer(con) -> None:  # noqa: ANN001
    # the README's question: who was mentioned with <the most mentioned person> in their busiest month?
    name, month = con.execute(
        "SELECT name, date_trunc('month', day) AS m FROM mart_actor_daily WHERE type = 'person' "
        "GROUP BY ALL ORDER BY sum(articles) DESC, name LIMIT 1").fetchone()
    others = con.execute(
        "SELECT CASE WHEN name_a = ? THEN name_b ELSE name_a END AS other, count(*) AS articles "
        "FROM mart_actor_cooccurrence WHERE ? IN (name_a, name_b) AND day BETWEEN ? AND last_day(?) "
        "GROUP BY other ORDER BY articles DESC", [name, name, month, month]).fetchall()
    assert others
    timeline = con.execute("SELECT start_date, end_date, granularity, date_text, sentence FROM mart_event_timeline "
                           "WHERE actor_name = ? ORDER BY start_date", [name]).fetchall()
    assert timeline
    assert one(con, "SELECT count(*) FROM mart_topic_daily") > 0
    assert one(con, "SELECT count(*) FROM mart_articles WHERE top_topics IS NOT NULL") == N
    # wire copies: many outlets, one independent source
    story = con.execute("SELECT articles, sources, independent_sources, len(wire_agencies) FROM mart_stories "
                        "ORDER BY articles DESC LIMIT 1").fetchone()
    assert story[0] >= 4 and story[1] >= 2 and story[2] == 1 and story[3] == 1


def test_search_postings_in_the_reader_store(built: dict) -> None:
    con = lake.connect_reader(Path(built["db"]))
    try:
        aid, name = con.execute(
            "SELECT a.article_id, x.name FROM articles a JOIN article_actors x USING (article_id) "
            "JOIN actors ac USING (actor_id) WHERE ac.type = 'person' AND a.language = 'en' "
            "ORDER BY a.article_id, x.name LIMIT 1").fetchone()
        words = search.terms(name)
        hits = {r[0] for r in con.execute(
            "SELECT article_id FROM search_terms WHERE term IN (SELECT unnest(?)) GROUP BY article_id "
            "HAVING count(DISTINCT term) = ?", [words, len(set(words))]).fetchall()}
        assert aid in hits
        assert con.execute("SELECT count(*) FROM search_docs").fetchone()[0] == N
    finally:
        con.close()


def _fingerprint(path: Path) -> list:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [con.execute(f"SELECT count(*), sum(hash(t)) FROM {t} AS t").fetchone() for t in
                ("articles", "actors", "article_actors", "date_mentions", "article_topics", "quotes",
                 "article_stories", "article_lsh")]
    finally:
        con.close()


def test_deterministic_for_a_seed_and_cli(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "c.duckdb"
    synthetic.build(300, a, seed=5, chunk=120, end=END, publish=False, log=lambda *_: None)
    synthetic.build(300, b, seed=5, chunk=120, end=END, publish=False, log=lambda *_: None)
    synthetic.build(300, c, seed=6, chunk=120, end=END, publish=False, log=lambda *_: None)
    assert _fingerprint(a) == _fingerprint(b) != _fingerprint(c)
    # the command line: refuses to overwrite, then builds with --force and prints its figures
    cmd = [sys.executable, str(ROOT / "bench" / "synthetic.py"), "--articles", "150", "--db", str(a), "--seed", "5",
           "--no-publish", "--end", END.isoformat()]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode != 0 and "--force" in res.stderr
    res = subprocess.run(cmd + ["--force"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "rows per table" in res.stdout and "articles/s overall" in res.stdout and "size db" in res.stdout
    assert one(duckdb.connect(str(a), read_only=True), "SELECT count(*) FROM articles") == 150
