"""The dashboard's data module: named queries, bound parameters, limits, deadlines, least-privilege reads."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dashboard_fixture import (
    N_ACTORS,
    N_ARTICLES,
    N_DATE_MENTIONS,
    N_QUOTES,
    N_SOURCES,
    N_STORIES,
    SEED,
    FixtureDb,
    build_database,
)

import data  # dashboard/data.py: dashboard_fixture puts dashboard/ on sys.path, as `streamlit run` does
from newsdesk.store import lake, search
from newsdesk.store.db import connect_writer

NO_FILTERS = {"start": None, "end": None, "actor": None, "topic": None, "source": None, "min_confidence": None}

# A value for every parameter any query binds, so each query can be run on its own.
SAMPLE_PARAMS = {
    **NO_FILTERS,
    "limit": 50,
    "offset": 0,
    "top_n": 5,
    "q": "zelensky",
    **search.parse("zelensky").params(),
    "pattern": None,
    "focus": "person:volodymyr-zelensky",
    "actor_type": None,
    "article_id": SEED,
    "event_start": None,
    "event_end": None,
    "granularities": [],
    "stage": None,
    "kind": "actor",
    "ids": ["person:volodymyr-zelensky", "person:donald-trump"],
    "bucket": "day",
}

INJECTIONS = [
    "' OR 1=1 --",
    "'; DROP TABLE articles; --",
    '" OR ""="',
    "x') UNION SELECT article_id, title FROM articles --",
    "%",
    "_",
    "\\",
    "$actor",
    "{{order_by}}",
]


def test_every_named_query_runs_binds_its_parameters_and_is_bounded(app_env: FixtureDb) -> None:
    names = data.query_names()
    assert len(names) >= 25 and "_filtered_articles" not in names
    for name in names:
        params = {k: SAMPLE_PARAMS[k] for k in data.parameters_of(name)}
        frame = data.query(name, **params)
        assert len(frame) <= max(params.get("limit", 1), 1), name
        assert "LIMIT" in data.sql_for(name).upper(), name


def test_headline_counts_match_the_fixture(app_env: FixtureDb) -> None:
    row = data.query("overview_counts", **NO_FILTERS).iloc[0]
    assert (row["articles"], row["actors"], row["quotes"], row["sources"], row["date_mentions"]) == (
        N_ARTICLES,
        N_ACTORS,
        N_QUOTES,
        N_SOURCES,
        N_DATE_MENTIONS,
    )
    assert row["stories"] == N_STORIES  # one syndicated story of three articles; every other article is its own


def test_stories_count_outlets_and_independent_sources(app_env: FixtureDb) -> None:
    params = {k: None for k in data.parameters_of("stories_top")}
    rows = data.query("stories_top", **{**params, "limit": 10})
    assert len(rows) == 1
    story = rows.iloc[0]
    assert (story["articles"], story["outlets"], story["independent_sources"]) == (3, 2, 2)
    assert list(story["wire_agencies"]) == ["AP"]
    # a filter that leaves one article of the story leaves no multi-article story
    only_sport = data.query("stories_top", **{**params, "limit": 10, "source": "Sports Today"})
    assert only_sport.empty


def test_each_filter_narrows_the_articles(app_env: FixtureDb) -> None:
    def count(**kw: object) -> int:
        return int(data.query("overview_counts", **{**NO_FILTERS, **kw}).iloc[0]["articles"])

    assert count(source="NationPress") == 2
    assert count(actor="person:donald-trump") == 2
    assert count(topic="medtop:20000256") == 3  # energy: two dated articles and the undated one
    assert count(start=date(2025, 10, 12), end=date(2025, 10, 13)) == 2
    assert count(start=date(2025, 10, 14)) == 2
    # Filters combine with AND.
    assert count(actor="person:donald-trump", source="Wire Daily") == 1


def test_a_minimum_confidence_leaves_weak_actor_links_out_of_every_actor_query(app_env: FixtureDb) -> None:
    # The fixture's weak links: Xinhua 0.6 (its only article), Lavrov 0.75 in his second article, and Ukraine in the
    # sport article unscored (NULL). Dates only, so without a minimum the counts come from agg_actor_day.
    dates = {**NO_FILTERS, "start": date(2025, 10, 1), "end": date(2025, 10, 31)}

    def top(**kw: object) -> dict[str, int]:
        frame = data.query("actors_top", **{**dates, **kw}, actor_type=None, limit=50, order="mentions")
        return dict(zip(frame["name"], frame["articles"]))

    every = top()
    assert (every["Xinhua"], every["Sergei Lavrov"], every["Ukraine"]) == (1, 2, 3)
    # Every scored link is at least 0.5; the unscored one is left out once a minimum is set.
    assert top(min_confidence=0.5) == {**every, "Ukraine": 2}
    sure = top(min_confidence=0.8)
    assert "Xinhua" not in sure and sure["Sergei Lavrov"] == 1 and sure["Ukraine"] == 2
    assert sure["Donald Trump"] == every["Donald Trump"] == 2

    def counts(**kw: object) -> dict[str, int]:
        return data.query("overview_counts", **{**dates, **kw}).iloc[0].to_dict()  # type: ignore[no-any-return]

    assert counts()["actors"] == N_ACTORS and counts(min_confidence=0.8)["actors"] == N_ACTORS - 1
    assert counts()["articles"] == counts(min_confidence=0.8)["articles"]  # articles are not actor links
    # The actor filter follows the links it keeps: Lavrov's second article goes.
    assert counts(actor="person:sergei-lavrov")["articles"] == 2
    assert counts(actor="person:sergei-lavrov", min_confidence=0.8)["articles"] == 1
    sure_dates = {**dates, "min_confidence": 0.8}
    places = data.query("map_places", **sure_dates, limit=50)
    assert dict(zip(places["name"], places["articles"]))["Ukraine"] == 2
    trend = data.query("attention", **sure_dates, kind="actor", ids=["person:sergei-lavrov"],
                       bucket="month", limit=50)
    assert int(trend["articles"].sum()) == 1
    partners = data.query("actor_cooccurrence", **{**NO_FILTERS, "min_confidence": 0.8},
                          focus="person:volodymyr-zelensky", limit=50)
    assert "Xinhua" not in set(partners["partner"]) and "Russia" in set(partners["partner"])
    seed = data.query("article_actors", article_id=SEED, min_confidence=0.8, limit=50)
    assert "org:xinhua" not in set(seed["actor_id"]) and len(seed) == 7 and (seed["confidence"] >= 0.8).all()
    assert len(data.query("article_actors", article_id=SEED, min_confidence=None, limit=50)) == 8
    export = data.query("export_actor_mentions", **{**NO_FILTERS, "min_confidence": 0.8}, limit=100, offset=0)
    assert len(export) == 15 - 3 and "org:xinhua" not in set(export["actor_id"])
    events = data.query("timeline_events", **{**NO_FILTERS, "min_confidence": 0.8}, event_start=None, event_end=None,
                        granularities=[], limit=50)
    assert not events["actors"].fillna("").str.contains("Xinhua").any()
    # Left out, the parameter means every link (bench/dashboard_speed.py predates it).
    assert data.query("article_actors", article_id=SEED, limit=50).equals(
        data.query("article_actors", article_id=SEED, min_confidence=None, limit=50))


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_strings_in_every_filter_return_nothing_and_no_error(app_env: FixtureDb, evil: str) -> None:
    for key in ("actor", "topic", "source"):
        assert data.query("overview_counts", **{**NO_FILTERS, key: evil}).iloc[0]["articles"] == 0
    # Through the search paths as well: full text, and the escaped ILIKE fallback.
    # (a search for the words in it, e.g. "or", may find articles: it runs as words, never as SQL)
    assert 0 <= found(evil) <= N_ARTICLES
    assert data.query("articles_count", **NO_FILTERS, pattern=data.escape_like(evil)).iloc[0]["total"] == 0
    assert data.query("quality_rejects_count", stage=evil).iloc[0]["total"] == 0
    # The database is intact afterwards.
    assert data.query("overview_counts", **NO_FILTERS).iloc[0]["articles"] == N_ARTICLES


def test_like_patterns_are_escaped() -> None:
    assert data.escape_like("50%_off\\") == "%50\\%\\_off\\\\%"


def test_escaped_like_matches_literally(app_env: FixtureDb) -> None:
    def titles(text: str) -> int:
        return int(data.query("articles_count", **NO_FILTERS, pattern=data.escape_like(text)).iloc[0]["total"])

    assert titles("zelensky") == 1  # case-insensitive substring
    assert titles("<script>") == 1  # the hostile title, matched as text
    assert titles("%") == 0 and titles("_") == 0  # wildcards are literal, and no title has them


def found(q: str) -> int:
    return int(data.query("articles_fts_count", **NO_FILTERS, **search.parse(q).params()).iloc[0]["total"])


def hits(q: str) -> set[str]:
    frame = data.query("articles_fts", **NO_FILTERS, **search.parse(q).params(), limit=10, offset=0,
                       order="relevance")
    return set(frame["article_id"])


def test_full_text_search_ranks_matching_articles(app_env: FixtureDb) -> None:
    assert data.search_available()
    frame = data.query("articles_fts", **NO_FILTERS, **search.parse("Trump").params(), limit=10, offset=0,
                       order="relevance")
    assert set(frame["article_id"]) == {SEED, "a-trump-lavrov"}
    assert frame["score"].is_monotonic_decreasing and (frame["score"] > 0).all()
    assert found("Trump marathon") == 0  # all words must appear


def test_search_knows_phrases_or_not_and_prefixes(app_env: FixtureDb) -> None:
    assert hits('"air defense"') == {SEED}
    assert found('"defense air"') == 0  # a phrase is words in order, not a bag of words
    assert hits("marathon OR Lavrov") == {"a-sport", "a-trump-lavrov", SEED}
    assert hits("Trump -Lavrov") == set() and hits("Trump NOT Lavrov") == set()  # both Trump articles name him
    assert hits("Kyiv -marathon") == {SEED, "a-energy"}
    assert hits("marath*") == {"a-sport"}
    assert hits("Ukrain* energy") == {SEED, "a-energy"}


def test_search_folds_case_accents_and_apostrophes(app_env: FixtureDb) -> None:
    assert hits("UKRAINE'S") == hits("ukraine’s") == {SEED}  # straight and curly apostrophes alike
    assert hits("Zélensky") == hits("zelensky")
    assert hits('„Air Defence“') == {SEED}  # German quotes are phrase quotes too


def test_search_falls_back_when_there_is_no_index(app_env_no_fts: FixtureDb) -> None:
    assert not data.search_available()


def test_orderings_come_only_from_the_allow_list(app_env: FixtureDb) -> None:
    by_title = data.query("articles_list", **NO_FILTERS, pattern=None, limit=10, offset=0, order="title")
    assert list(by_title["title"]) == sorted(by_title["title"])
    for bad in ("title; DROP TABLE articles", "a.title", "published_at DESC"):
        with pytest.raises(ValueError, match="unknown order"):
            data.query("articles_list", **NO_FILTERS, pattern=None, limit=10, offset=0, order=bad)
    with pytest.raises(ValueError, match="takes no order"):
        data.query("loads_latest", limit=5, order="newest")


def test_query_names_cannot_escape_the_queries_folder(app_env: FixtureDb) -> None:
    for bad in ("../conftest", "_filtered_articles", "LOADS_LATEST", "loads_latest.sql", "nope"):
        with pytest.raises(ValueError):
            data.query(bad)


def test_parameters_must_match_exactly(app_env: FixtureDb) -> None:
    with pytest.raises(TypeError, match="missing"):
        data.query("loads_latest")
    with pytest.raises(TypeError, match="unexpected"):
        data.query("loads_latest", limit=5, title="x")


def test_huge_limits_and_offsets_are_clamped(app_env: FixtureDb) -> None:
    assert data._clamp({"limit": 10**12, "offset": -5, "top_n": 10**6}) == {
        "limit": data.MAX_ROWS,
        "offset": 0,
        "top_n": 50,
    }
    assert len(data.query("loads_latest", limit=10**9)) == 2


def test_every_query_file_has_a_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "unbounded.sql").write_text("SELECT * FROM articles\n-- LIMIT in a comment does not count\n")
    monkeypatch.setattr(data, "QUERIES_DIR", tmp_path)
    with pytest.raises(ValueError, match="no LIMIT"):
        data.sql_for("unbounded")


def test_slow_query_is_stopped_at_its_deadline(app_env: FixtureDb, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "slow.sql").write_text(
        "SELECT count(*) AS n FROM range(1000000000000) r WHERE r.range % 7 = 3 LIMIT 1\n"
    )
    monkeypatch.setattr(data, "QUERIES_DIR", tmp_path)
    monkeypatch.setenv("NEWSDESK_QUERY_TIMEOUT", "0.3")
    started = time.monotonic()
    with pytest.raises(data.QueryTimeout):
        data.query("slow")
    assert time.monotonic() - started < 5


def test_overlapping_queries_from_several_sessions(app_env: FixtureDb, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Two viewers at once: each query opens its own reader, and neither may fail on the other's locked config.
    (tmp_path / "busy.sql").write_text(
        "SELECT count(*) AS n FROM range(30000000) r WHERE r.range % CAST($k AS BIGINT) = 0 LIMIT 1\n"
    )
    monkeypatch.setattr(data, "QUERIES_DIR", tmp_path)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda k: int(data.query("busy", k=k)["n"].iloc[0]), [3, 5, 7, 11]))
    assert results == [10_000_000, 6_000_000, 30_000_000 // 7 + 1, 30_000_000 // 11 + 1]


def test_reader_is_least_privilege(app_env: FixtureDb) -> None:
    with data.open_reader() as con:
        for statement in (
            "SELECT * FROM read_csv('/etc/passwd')",
            f"ATTACH '{app_env.path}' AS w",
            "INSTALL httpfs",
            "COPY articles TO '/tmp/newsdesk-leak.csv'",
            "SET enable_external_access = true",
            "DELETE FROM articles",
        ):
            with pytest.raises(duckdb.Error):
                con.execute(statement)
    assert not Path("/tmp/newsdesk-leak.csv").exists()


def test_nothing_published_is_no_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "nothing-here.duckdb"))
    assert not data.has_data()
    with pytest.raises(data.NoData):
        data.query("loads_latest", limit=5)


def test_one_open_session_sees_each_new_publish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = build_database(tmp_path / "newsdesk.duckdb")
    monkeypatch.setenv("NEWSDESK_DB", str(db.path))
    assert data.query("overview_counts", **NO_FILTERS).iloc[0]["articles"] == N_ARTICLES
    session = data._session()

    # The writer changes an article and publishes it while the dashboard's session stays open (a file lock held
    # by the dashboard would make this fail); the dashboard sees it on the same session (cache keyed by the
    # publish marker), without a restart.
    con = connect_writer(db.path)
    try:
        con.execute("UPDATE articles SET site_name = 'Wire Daily' WHERE article_id = 'a-undated'")
        lake.queue(con, {"article": ["a-undated"]}, replaced=["a-undated"])
        lake.publish(con, db.path)
    finally:
        con.close()
    assert data.query("overview_counts", **NO_FILTERS).iloc[0]["sources"] == N_SOURCES
    assert data.query("filter_sources", limit=10).set_index("site_name").loc["Wire Daily", "articles"] == 2
    assert data._session() is session


def test_data_docs_link_when_built(app_env: FixtureDb, tmp_path: Path) -> None:
    index = app_env.path.parent / "data_docs" / "index.html"
    if index.exists():  # pragma: no cover - the shared fixture never builds docs
        pytest.skip("data docs already present")
    assert data.data_docs_index() is None or data.data_docs_index() != index
    index.parent.mkdir()
    index.write_text("<html></html>")
    try:
        assert data.data_docs_index() == index
    finally:
        index.unlink()
        index.parent.rmdir()
