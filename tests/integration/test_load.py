"""Integration: real DuckDB files under a temp dir, the real pipeline (spaCy, GX), loads repeated."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsdesk.lifecycle import ingest
from newsdesk.store import lake

DATA_TABLES = ["articles", "actors", "article_actors", "date_mentions", "article_topics", "quotes", "rejects"]
GOOD_TEXT = ("Lisbon, Mar 3 (Lusa) Portugal's Prime Minister Luis Montenegro said on Monday that the government "
             "would present a new housing plan next week. \"We will build more homes for young families,\" "
             "Montenegro told reporters in Lisbon. The opposition Socialist Party criticised the plan as too late. "
             "Rents in the capital rose sharply last year, according to the national statistics institute.")


def _snapshot(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in DATA_TABLES:
            cols = [c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [t]).fetchall() if c not in ("load_id", "first_load", "rejected_at")]
            out[t] = con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


@pytest.fixture()
def inputs(tmp_path: Path, seed_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(seed_path, d / "seed.txt")
    lines = [
        {"url": "https://news.example/pt/housing?utm_source=x", "title": "Portugal plans housing push", "text": GOOD_TEXT,
         "published": "2025-03-03"},
        {"title": "Portugal plans housing push (copy)", "text": GOOD_TEXT, "published": "2025-03-03"},
        "this line is not json",
        {"title": "Too short", "text": "Tiny body.", "published": "2025-03-03"},           # fails GX text length
        {"title": "From the future", "text": GOOD_TEXT + " Extra.", "published": "2999-01-01"},  # fails GX date rule
        {"text": "A record without a title is quarantined at read time."},
    ]
    (d / "batch.jsonl").write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    (d / "notes.csv").write_text("not an article")
    return d


def test_load_accounting_rejects_and_facts(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "n.duckdb"
    rep = ingest([inputs], db_path=db, batch_size=3, published=None)
    assert rep.status == "succeeded"
    assert rep.n_inputs == 7 and rep.n_skipped == 1
    assert rep.n_inputs == rep.n_landed + rep.n_rejected + rep.n_duplicates
    assert (rep.n_landed, rep.n_rejected) == (3, 4)
    con = duckdb.connect(str(db), read_only=True)
    try:
        # every reject row (an article from the future also has its dateline's date quarantined: same source_ref)
        rejects = con.execute("SELECT source_ref, stage, rules FROM rejects").fetchall()
        by_rule = sorted(rule for _, _, rules in rejects for rule in rules)
        assert "invalid_json" in by_rule and "missing_field:title" in by_rule
        assert "column_value_lengths_to_be_between(text)" in by_rule
        assert "column_values_to_be_between(published_at)" in by_rule
        load = con.execute("SELECT n_inputs, n_landed, n_rejected, n_duplicates, n_skipped, status FROM loads").fetchone()
        assert load == (7, 3, 4, 0, 1, "succeeded")
        vr = dict(con.execute("SELECT table_name, failed_rows FROM validation_results").fetchall())
        assert vr["articles"] == 2
        # the seed's facts are queryable the documented way
        row = con.execute("""SELECT count(*) FROM mart_actor_cooccurrence
                             WHERE (name_a = 'Volodymyr Zelensky' OR name_b = 'Volodymyr Zelensky')""").fetchone()
        assert row[0] >= 5
        assert con.execute("SELECT count(*) FROM quotes WHERE speaker = 'Volodymyr Zelensky'").fetchone()[0] == 3
    finally:
        con.close()
    assert lake.exists(db)


def test_load_twice_changes_nothing(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "n.duckdb"
    first = ingest([inputs], db_path=db, batch_size=2)
    snap1 = _snapshot(db)
    second = ingest([inputs], db_path=db, batch_size=5)
    assert _snapshot(db) == snap1
    assert second.n_landed == 0 and second.n_duplicates == first.n_landed
    assert second.n_inputs == second.n_landed + second.n_rejected + second.n_duplicates


def test_changed_article_replaces_its_rows(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    f = d / "a.jsonl"
    rec = {"url": "https://news.example/a", "title": "Housing", "text": GOOD_TEXT, "published": "2025-03-03"}
    f.write_text(json.dumps(rec) + "\n")
    db = tmp_path / "n.duckdb"
    ingest([d], db_path=db)
    rec["text"] = GOOD_TEXT.replace("Montenegro told", "Montenegro told Spanish")
    f.write_text(json.dumps(rec) + "\n")
    rep = ingest([d], db_path=db)
    assert rep.n_landed == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert "Spanish" in con.execute("SELECT text FROM articles").fetchone()[0]
        n_countries = con.execute("SELECT count(*) FROM article_actors WHERE actor_id LIKE 'country:%'").fetchone()[0]
        assert n_countries >= 2  # Portugal and Spain, replaced not appended
        assert con.execute("SELECT count(*) FROM article_actors WHERE actor_id = 'country:ES'").fetchone()[0] == 1
    finally:
        con.close()


def test_second_writer_gets_a_clear_busy_error(tmp_path: Path, seed_path: Path) -> None:
    from newsdesk.store.db import DatabaseBusy, connect_writer

    db = tmp_path / "n.duckdb"
    holder = connect_writer(db)
    try:
        import subprocess
        import sys

        code = ("import sys; from newsdesk.store.db import connect_writer, DatabaseBusy\n"
                "try:\n    connect_writer(__import__('pathlib').Path(sys.argv[1]), wait_s=1)\n"
                "except DatabaseBusy as e:\n    print('BUSY', e); sys.exit(75)\n")
        r = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 75 and "busy" in r.stdout
    finally:
        holder.close()
    assert DatabaseBusy.__mro__[1].__name__ == "StoreError"


def test_schema_drift_is_quarantined_and_the_batch_commits(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    good = {"title": "Housing plan", "text": GOOD_TEXT, "published": "2025-03-03", "unexpected_field": {"x": 1}}
    lines = [
        good,
        {"title": 12345, "text": GOOD_TEXT + " Other.", "published": "2025-03-03"},   # wrong type
        {"title": "Huge", "text": GOOD_TEXT + " x" * 600_000, "published": "2025-03-03"},  # 1.2 MB string
        {"title": "Odd date", "text": GOOD_TEXT + " More.", "published": "yesterday-ish"},  # unparseable date
    ]
    (d / "drift.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    db = tmp_path / "d.duckdb"
    rep = ingest([d], db_path=db, batch_size=10)
    assert rep.n_inputs == 4 == rep.n_landed + rep.n_rejected + rep.n_duplicates
    con = duckdb.connect(str(db), read_only=True)
    try:
        titles = {t for (t,) in con.execute("SELECT title FROM articles").fetchall()}
        assert titles == {"Housing plan", "Odd date"}
        rules = {r for (rs,) in con.execute("SELECT rules FROM rejects").fetchall() for r in rs}
        assert {"missing_field:title", "text_too_long"} <= rules  # the 1.2 MB text stops before enrichment
        # an unparseable published value is not trusted: the dateline (year from the file date) is used, marked inferred
        src = con.execute("SELECT published_source, published_inferred FROM articles WHERE title = 'Odd date'").fetchone()
        assert src == ("dateline+reference", True)
    finally:
        con.close()
