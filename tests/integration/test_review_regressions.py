"""Regressions found in review: each input problem is quarantined alone and the accounting always holds."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newsdesk.lifecycle import ingest
from newsdesk.pipeline import InputError

BODY = ("The city council approved the annual budget on Monday after a long debate about schools, roads and public "
        "transport, the mayor said in a statement. The budget raises spending on schools by four percent.")


def _rules(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {Path(ref).name: rules[0] for ref, rules in con.execute("SELECT source_ref, rules FROM rejects").fetchall()}
    finally:
        con.close()


def test_date_past_the_calendar_is_not_a_crash(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    lines = [{"title": "Edge of time", "text": BODY, "published": "9999-12-31T23:00:00-05:00"},
             {"title": "Normal", "text": BODY + " Again.", "published": "2025-03-03"}]
    (d / "a.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    rep = ingest([d], db_path=tmp_path / "x.duckdb")
    assert rep.status == "succeeded" and rep.n_inputs == 2 == rep.n_landed + rep.n_rejected + rep.n_duplicates
    assert rep.n_landed >= 1


def test_same_input_twice_keeps_the_accounting(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = tmp_path / "good.txt"
    good.write_text("Council approves budget\n\n" + BODY)
    rep = ingest([empty, empty, good], db_path=tmp_path / "x.duckdb")
    assert (rep.n_inputs, rep.n_landed, rep.n_rejected) == (3, 1, 2)


def test_missing_path_fails_the_load_before_anything_is_created(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Council approves budget\n\n" + BODY)
    with pytest.raises(InputError, match="nope.html"):
        ingest([good, tmp_path / "nope.html"], db_path=tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_declared_charset_of_a_local_page_is_honoured(tmp_path: Path) -> None:
    html = ("<html><head><meta charset='windows-1251'><title>Путин о переговорах</title></head><body><article>"
            f"<h1>Путин о переговорах</h1><p>{'Президент говорил о переговорах и экономике страны. ' * 8}</p>"
            "</article></body></html>")
    (tmp_path / "ru.html").write_bytes(html.encode("cp1251"))
    rep = ingest([tmp_path / "ru.html"], db_path=tmp_path / "x.duckdb")
    assert rep.n_landed == 1
    con = duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT title FROM articles").fetchone()[0] == "Путин о переговорах"
    finally:
        con.close()


def test_page_partly_deeper_than_the_parser_limit_is_quarantined(tmp_path: Path) -> None:
    deep = "<div>" * 1000 + "<p>DEEP PART " + "text " * 40 + "</p>" + "</div>" * 1000
    html = (f"<html><head><title>Half deep</title></head><body><article><p>{BODY}</p>{deep}</article>"
            "</body></html>")
    (tmp_path / "half.html").write_text(html)
    rep = ingest([tmp_path / "half.html"], db_path=tmp_path / "x.duckdb")
    assert (rep.n_landed, rep.n_rejected) == (0, 1)
    assert _rules(tmp_path / "x.duckdb") == {"half.html": "html_too_deep"}


def test_force_relands_unchanged_articles_with_a_corrected_date(tmp_path: Path) -> None:
    f = tmp_path / "good.txt"
    f.write_text("Council approves budget\n\n" + BODY)
    db = tmp_path / "x.duckdb"
    ingest([f], db_path=db)
    from datetime import date

    assert ingest([f], db_path=db, published=date(2025, 10, 14)).n_duplicates == 1  # unchanged content: skipped
    again = ingest([f], db_path=db, published=date(2025, 10, 14), force=True)
    assert again.n_landed == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT published_at::DATE::VARCHAR FROM articles").fetchone()[0] == "2025-10-14"
    finally:
        con.close()


def test_actors_list_reads_the_copy_while_a_load_holds_the_database(tmp_path: Path, seed_path: Path) -> None:
    import subprocess
    import sys

    from newsdesk.store.db import connect_writer

    db = tmp_path / "x.duckdb"
    ingest([seed_path], db_path=db)
    holder = connect_writer(db)  # a load in progress
    try:
        r = subprocess.run([sys.executable, "-m", "newsdesk.cli", "actors", "list", "--db", str(db), "--json"],
                           capture_output=True, text=True, timeout=120, env={**__import__("os").environ,
                                                                            "NEWSDESK_LOCK_WAIT": "1"})
    finally:
        holder.close()
    assert r.returncode == 0, r.stderr
    assert "Volodymyr Zelensky" in {a["name"] for a in json.loads(r.stdout)}


def test_a_city_split_off_a_country_is_a_place_in_it(tmp_path: Path, seed_path: Path) -> None:
    from newsdesk.store import identity
    from newsdesk.store.db import connect_writer

    db = tmp_path / "x.duckdb"
    ingest([seed_path], db_path=db)
    con = connect_writer(db)
    try:
        out = identity.split(con, "country:UA", "Kyiv")
        row = con.execute("SELECT type, country FROM actors WHERE actor_id = ?", [out["into"]]).fetchone()
    finally:
        con.close()
    assert row == ("place", "UA") and not out["into"].startswith("country:")
