"""Actor identity across loads: stable ids, QIDs, and merge/split decisions that survive re-ingesting."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newsdesk.cli import main as cli
from newsdesk.lifecycle import ingest
from newsdesk.record import actor_id_for

A1 = ("Berlin, Mar 3 (dpa) Mining executive John Smithson said on Monday that the company would open a new copper "
      "mine in Chile next year. \"We expect strong demand for copper,\" Smithson told reporters in Berlin. Shares "
      "of the company rose after the announcement, and Ukrainian President Volodymyr Zelenskyy welcomed the plan.")
A2 = ("London, Mar 5 (Reuters) Jon Smithson, the head of the mining group, said on Wednesday that copper prices "
      "would stay high. \"Demand from China remains strong,\" Smithson said at a meeting in London. Analysts expect "
      "the price to climb further this year, Zelenskiy's office said.")
A3 = ("Santiago, Mar 9 (AFP) Jon Smithson visited the site of the new copper mine on Saturday. Local officials "
      "said the project would create hundreds of jobs in the region. Smithson said construction would start soon.")
JOHN, JON = actor_id_for("John Smithson", "person", None), actor_id_for("Jon Smithson", "person", None)


def _write(d: Path, name: str, title: str, text: str, url: str) -> None:
    (d / name).write_text(json.dumps({"url": url, "title": title, "text": text, "published": "2025-03-10"}) + "\n")


def _q(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture()
def loaded(tmp_path: Path) -> tuple[Path, Path]:
    d = tmp_path / "in"
    d.mkdir()
    _write(d, "a1.jsonl", "Copper mine for Chile", A1, "https://news.example/a1")
    _write(d, "a2.jsonl", "Copper prices to stay high", A2, "https://news.example/a2")
    db = tmp_path / "n.duckdb"
    assert ingest([d], db_path=db).n_landed == 2
    return d, db


def test_ids_are_stable_across_articles_and_known_actors_carry_qids(loaded: tuple[Path, Path]) -> None:
    _, db = loaded
    z = _q(db, "SELECT actor_id, name, wikidata_qid, aliases FROM actors WHERE name = 'Volodymyr Zelensky'")
    assert len(z) == 1 and z[0][2] == "Q3874799"  # "Zelenskyy" in one article, "Zelenskiy's" in the other
    assert _q(db, "SELECT count(*) FROM article_actors WHERE actor_id = ?", [z[0][0]])[0][0] == 2
    reuters = _q(db, "SELECT wikidata_qid FROM actors WHERE name = 'Reuters'")
    assert reuters in ([], [("Q130879",)])  # the dateline agency is metadata; when cited, it has its QID
    assert {JOHN, JON} <= {a for (a,) in _q(db, "SELECT actor_id FROM actors")}  # John and Jon are not merged


def test_merge_survives_reingesting_the_same_new_and_changed_articles(loaded: tuple[Path, Path],
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    d, db = loaded
    assert cli(["actors", "merge", JON, JOHN, "--db", str(db), "--note", "same person"]) == 0
    assert "merged" in capsys.readouterr().out

    def links() -> dict[str, str]:
        return dict(_q(db, "SELECT a.url, aa.actor_id FROM article_actors aa JOIN articles a USING (article_id) "
                           "WHERE aa.source_actor_id IN (?, ?) OR aa.actor_id IN (?, ?)", [JOHN, JON, JOHN, JON]))

    assert set(links().values()) == {JOHN} and not _q(db, "SELECT * FROM actors WHERE actor_id = ?", [JON])
    assert "Jon Smithson" in _q(db, "SELECT aliases FROM actors WHERE actor_id = ?", [JOHN])[0][0]
    assert {s for (s,) in _q(db, "SELECT speaker_actor_id FROM quotes WHERE speaker_actor_id IS NOT NULL")} <= {JOHN}

    ingest([d], db_path=db)  # the same articles again (duplicates)
    _write(d, "a3.jsonl", "Mine site visit", A3, "https://news.example/a3")  # a new article naming Jon
    _write(d, "a2.jsonl", "Copper prices to stay high", A2 + " Updated.", "https://news.example/a2")  # changed
    rep = ingest([d], db_path=db)
    assert rep.n_landed == 2
    got = links()
    assert got == {"https://news.example/a1": JOHN, "https://news.example/a2": JOHN, "https://news.example/a3": JOHN}
    assert not _q(db, "SELECT * FROM actors WHERE actor_id = ?", [JON])
    assert _q(db, "SELECT count(*) FROM article_actors WHERE source_actor_id = ? AND actor_id = ?",
              [JON, JOHN])[0][0] == 2  # the pipeline's own id is kept beside the decision
    assert _q(db, "SELECT count(*) FROM mart_actor_mentions WHERE actor_id = ?", [JOHN])[0][0] == 3

    # undo: Jon's links come back (they were never combined with John's in one article)
    assert cli(["actors", "split", JON, "--db", str(db)]) == 0
    assert links() == {"https://news.example/a1": JOHN, "https://news.example/a2": JON,
                       "https://news.example/a3": JON}
    _write(d, "a3.jsonl", "Mine site visit", A3 + " More.", "https://news.example/a3")
    ingest([d], db_path=db)
    assert links()["https://news.example/a3"] == JON


def test_split_survives_reprocessing(loaded: tuple[Path, Path]) -> None:
    d, db = loaded
    z = _q(db, "SELECT actor_id FROM actors WHERE name = 'Volodymyr Zelensky'")[0][0]
    assert cli(["actors", "split", z, "Zelenskiy", "--db", str(db)]) == 0
    split = _q(db, "SELECT actor_id, name FROM actors WHERE name = 'Zelenskiy'")
    assert len(split) == 1 and split[0][0] != z
    _write(d, "a2.jsonl", "Copper prices to stay high", A2 + " Updated.", "https://news.example/a2")
    ingest([d], db_path=db)
    by_url = dict(_q(db, "SELECT a.url, aa.actor_id FROM article_actors aa JOIN articles a USING (article_id) "
                         "WHERE aa.source_actor_id = ?", [z]))
    assert by_url == {"https://news.example/a1": z, "https://news.example/a2": split[0][0]}
    assert "Zelenskiy" not in _q(db, "SELECT aliases FROM actors WHERE actor_id = ?", [z])[0][0]


def test_cli_refuses_unknown_ids_and_cycles(loaded: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, db = loaded
    assert cli(["actors", "merge", "per:nope", JOHN, "--db", str(db)]) == 2
    assert cli(["actors", "merge", JOHN, JOHN, "--db", str(db)]) == 2
    assert cli(["actors", "merge", JON, JOHN, "--db", str(db)]) == 0
    assert cli(["actors", "merge", JOHN, JON, "--db", str(db)]) == 2  # JON is gone (merged into JOHN)
    assert cli(["actors", "split", JOHN, "Nobody Else", "--db", str(db)]) == 2
    assert cli(["actors", "list", "--db", str(db), "--search", "Smithson", "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()[-1]
    rows = json.loads(out)
    assert [r["actor_id"] for r in rows] == [JOHN] and rows[0]["articles"] == 2
    assert cli(["actors", "list", "--db", str(db), "--overrides"]) == 0
    assert f"merge  {JON} -> {JOHN}" in capsys.readouterr().out
    assert cli(["actors", "list", "--db", str(db.with_name("missing.duckdb"))]) == 1
