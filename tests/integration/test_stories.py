"""Syndication: one wire story republished by several outlets is one story with several articles and sources,
and one independent source when the outlets ran the same agency's copy."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from newsdesk.lifecycle import ingest


def test_syndicated_copies_form_one_story_across_batches_and_loads(tmp_path: Path, seed_path: Path,
                                                                   monkeypatch) -> None:
    body = seed_path.read_text(encoding="utf-8").split("\n", 1)[1]
    d = tmp_path / "in"
    d.mkdir()
    copies = [{"url": f"https://outlet{k}.example/story", "title": f"Outlet {k} headline",
               "text": body.replace("nine other regions", f"{k + 5} other regions")
               + ("\nRead more on our website." if k % 2 else ""), "published": f"2025-10-1{k % 3}",
               # three outlets ran the agency's copy (one with its own reporter added), two wrote their own
               "authors": [["dpa"], ["Deutsche Presse-Agentur"], ["Jane Roe", "dpa"], ["Max Muster"], []][k]}
              for k in range(5)]
    unrelated = {"url": "https://other.example/x", "title": "Port strike ends",
                 "text": "Dock workers at the port returned to work on Friday after a three-day strike over pay "
                         "ended with a new agreement, the union said, and traffic will be normal by Monday.",
                 "published": "2025-10-10"}
    (d / "a.jsonl").write_text("\n".join(json.dumps(r) for r in copies[:3] + [unrelated]) + "\n")
    db = tmp_path / "s.duckdb"
    ingest([d], db_path=db, batch_size=2)
    # a later load brings two more copies: they join the stored story
    (d / "a.jsonl").write_text("\n".join(json.dumps(r) for r in copies[3:]) + "\n")
    ingest([d], db_path=db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        stories = con.execute("SELECT articles, sources, independent_sources, wire_agencies FROM mart_stories "
                              "ORDER BY articles DESC").fetchall()
        assert stories == [(5, 5, 3, ["dpa"]), (1, 1, 1, [])]
        credits = con.execute("SELECT authors, wire_agencies FROM articles WHERE url LIKE '%outlet2%'").fetchone()
        assert credits == (["Jane Roe", "dpa"], ["dpa"])
        assert con.execute("SELECT count(*) FROM article_lsh").fetchone()[0] == 6 * 32
    finally:
        con.close()
    # the dashboard counts stories, not just articles
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from dashboard import data

    monkeypatch.setenv("NEWSDESK_DB", str(db))
    params = {p: None for p in data.parameters_of("overview_counts")}
    row = data.query("overview_counts", **params).iloc[0]
    assert (row["articles"], row["stories"]) == (6, 2)


def test_stored_candidates_are_the_articles_sharing_most_band_keys(tmp_path: Path, monkeypatch) -> None:
    """The look-up against stored articles: only articles sharing a band key are candidates, never the article
    itself, and past MAX_CANDIDATES the ones sharing the most bands are kept (a big story's many copies)."""
    import pandas as pd

    from newsdesk.store import db as store_db
    from newsdesk.store import stories

    con = store_db.connect_writer(tmp_path / "c.duckdb")
    try:
        # stored: o0..o5 sharing 6-i of the new article's 8 band keys; far shares none; n1 is the new one's own id
        rows = [(f"o{i}", b, 1000 + b) for i in range(6) for b in range(6 - i)]
        rows += [("far", b, 9000 + b) for b in range(8)] + [("n1", 0, 1000)]
        con.executemany("INSERT INTO article_lsh VALUES (?, ?, ?)", rows)
        for aid in sorted({r[0] for r in rows}):
            con.execute("INSERT INTO article_stories VALUES (?, ?, NULL, 1.0, ?, 'l0')", [aid, f"s-{aid}", [7, 8]])
        new = pd.DataFrame([("n1", b, 1000 + b) for b in range(8)], columns=["article_id", "band", "bucket"])
        found = stories._stored_candidates(con, new)
        assert set(found) == {"n1"}
        assert sorted(found["n1"]) == [f"o{i}" for i in range(6)]
        assert found["n1"]["o3"][0] == "s-o3" and found["n1"]["o3"][1].tolist() == [7, 8]
        monkeypatch.setattr(stories, "MAX_CANDIDATES", 2)
        assert sorted(stories._stored_candidates(con, new)["n1"]) == ["o0", "o1"]
        monkeypatch.setattr(stories, "_IN_CHUNK", 3)  # look-ups split into several IN lists find the same
        assert sorted(stories._stored_candidates(con, new)["n1"]) == ["o0", "o1"]
    finally:
        con.close()
