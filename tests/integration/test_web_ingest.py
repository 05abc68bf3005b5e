"""Loading from the web: a feed on a local site with real pages and hostile routes (redirects inward, slow servers,
bombs, oversize and non-HTML bodies, robots.txt: the fetch catalogue's items 11, 14, 16-18 and 20, end to end)."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

from newsdesk.lifecycle import ingest
from newsdesk.sources import web
from newsweb import load_pages, serve

DEADLINE = 3.0


@pytest.fixture()
def site(corpora_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEWSDESK_FETCH_ALLOW", "127.0.0.1")  # only our own server; 127.0.0.2 stays forbidden
    monkeypatch.setenv("NEWSDESK_FETCH_DEADLINE", str(DEADLINE))
    monkeypatch.setenv("NEWSDESK_FETCH_MIN_INTERVAL", "0")
    web.pipeline_fetcher.cache_clear()
    s = serve(load_pages(corpora_dir, 5))
    yield s
    s.close()
    web.pipeline_fetcher.cache_clear()


def test_feed_load_lands_articles_and_rejects_hostile_routes(site, tmp_path: Path) -> None:
    db = tmp_path / "web.duckdb"
    t = time.monotonic()
    rep = ingest([], db_path=db, feeds=[f"{site.base}/feed.xml"], batch_size=4)
    elapsed = time.monotonic() - t
    # 5 pages + 7 hostile routes + 1 robots-disallowed page
    assert rep.n_inputs == 13 == rep.n_landed + rep.n_rejected + rep.n_duplicates
    assert rep.n_landed == 5
    con = duckdb.connect(str(db), read_only=True)
    try:
        rules = dict(con.execute("SELECT source_ref, rules[1] FROM rejects").fetchall())
    finally:
        con.close()
    h = site.hostile_urls()
    assert rules[h["slow"]].startswith("fetch:FetchTimeout") and rules[h["hang"]].startswith("fetch:FetchTimeout")
    assert rules[h["huge"]].startswith("fetch:FetchTooLarge") and rules[h["bomb"]].startswith("fetch:FetchTooLarge")
    assert rules[h["internal"]].startswith("fetch:FetchRefused")
    assert rules[h["pdf"]].startswith("fetch:NotHTML")
    assert rules[h["gone"]].startswith("fetch:HTTPError")
    assert rules[f"{site.base}/private/page.html"].startswith("fetch:RobotsDisallowed")
    assert site.internal_hits == []
    assert "/private/page.html" not in site.requests
    assert elapsed < 60  # two deadline-bound routes (3 s each), the rest fail fast

    # a re-run skips every URL already landed and asks for the feed conditionally (304)
    before = len(site.requests)
    again = ingest([], db_path=db, feeds=[f"{site.base}/feed.xml"], batch_size=4)
    assert again.n_landed == 0
    fetched = [p for p in site.requests[before:] if p.startswith("/articles/")]
    assert fetched == []


def test_page_urls_with_tracking_variants_are_one_article(site, tmp_path: Path) -> None:
    db = tmp_path / "web.duckdb"
    url = site.article_urls()[0]
    rep = ingest([url, url + "?utm_source=newsletter&utm_medium=email"], db_path=db)
    assert rep.n_inputs == 1 and rep.n_landed == 1  # the variant normalises to the same URL before fetching
    rep2 = ingest([url + "?fbclid=abc"], db_path=db)
    assert (rep2.n_inputs, rep2.n_duplicates, rep2.n_landed) == (1, 1, 0)


def test_transient_failures_are_retried_by_a_later_load(corpora_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_FETCH_ALLOW", "127.0.0.1")
    monkeypatch.setenv("NEWSDESK_FETCH_MIN_INTERVAL", "0")
    web.pipeline_fetcher.cache_clear()
    site = serve(load_pages(corpora_dir, 1), flaky_failures=3)  # one load's 3 attempts all get 503
    try:
        db = tmp_path / "r.duckdb"
        url = f"{site.base}/flaky/page"
        first = ingest([url], db_path=db)
        assert (first.n_landed, first.n_rejected) == (0, 1)
        con = duckdb.connect(str(db))
        try:
            attempts, rule, due = con.execute(
                "SELECT attempts, last_rule, next_after > now() FROM fetch_retry").fetchone()
            assert (attempts, rule.startswith("fetch:HTTPError"), due) == (1, True, True)
            con.execute("UPDATE fetch_retry SET next_after = TIMESTAMP '2000-01-01'")  # as if the back-off elapsed
        finally:
            con.close()
        second = ingest([], db_path=db)  # nothing given: the due retry is the only input
        assert (second.n_inputs, second.n_landed) == (1, 1)
        con = duckdb.connect(str(db), read_only=True)
        try:
            assert con.execute("SELECT count(*) FROM fetch_retry").fetchone()[0] == 0
        finally:
            con.close()
    finally:
        site.close()
        web.pipeline_fetcher.cache_clear()


def test_permanent_failure_leaves_the_retry_queue_and_validators_wait_for_success(site, tmp_path: Path) -> None:
    db = tmp_path / "q.duckdb"
    gone = site.hostile_urls()["gone"]
    ingest([site.article_urls()[0]], db_path=db)
    con = duckdb.connect(str(db))
    try:
        con.execute("INSERT INTO fetch_retry VALUES (?, 1, 'fetch:HTTPError', '503', TIMESTAMP '2000-01-01', now(), "
                    "now())", [gone])
    finally:
        con.close()
    rep = ingest([], db_path=db)  # the due retry now answers 404: quarantined once, and out of the queue
    assert (rep.n_inputs, rep.n_rejected) == (1, 1)
    before = len(site.requests)
    assert ingest([], db_path=db).n_inputs == 0
    assert len(site.requests) == before
    # feed validators are remembered only by a load that succeeded
    from newsdesk import pipeline
    from newsdesk.store import db as store

    con = store.connect_writer(tmp_path / "v.duckdb")
    try:
        the_plan = pipeline.prepare(con, [], 8, feeds=[f"{site.base}/feed.xml"])
        assert the_plan.validators and con.execute("SELECT count(*) FROM feed_state").fetchone()[0] == 0
        pipeline.finish_load(con, pipeline.start_load(con, "t"), pipeline.BatchReport(), 0, "failed", None, the_plan)
        assert con.execute("SELECT count(*) FROM feed_state").fetchone()[0] == 0
    finally:
        con.close()


def test_a_feed_bigger_than_the_page_cap_yields_its_first_urls(site) -> None:
    from newsweb import big_feed

    assert len(big_feed(site.base)) > web.fetch_options()["max_bytes"]  # 7.7 MB against the 5 MB page cap
    got = web.expand([], [f"{site.base}/big-feed.xml"], max_urls=50)
    assert got.failures == []
    assert [u for u, _ in got.pages] == [f"{site.base}/story/{i}" for i in range(50)]
