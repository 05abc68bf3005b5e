"""Bad input and faults an operator meets in the first week (issue 8, section 2): each one is quarantined or fails
clearly, and nothing else is lost. Real files, real DuckDB, the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from newsdesk.pipeline import ingest

BODY = ("The city council approved the annual budget on Monday after a long debate about schools, roads and public "
        "transport, the mayor said in a statement. The budget raises spending on schools by four percent. ") * 3


def _rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_a_huge_title_is_quarantined_with_valid_json_and_the_rest_lands(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("Council approves budget\n\n" + BODY)
    (d / "long.html").write_text(f"<html><head><title>{'T' * 154_000}</title></head><body><article><h1>Short</h1>"
                                 f"<p>{BODY}</p></article></body></html>")
    (d / "long.jsonl").write_text(json.dumps({"title": "L" * 220_000, "text": BODY}) + "\n"
                                  + json.dumps({"title": "Another budget story", "text": BODY + " More."}) + "\n")
    db = tmp_path / "x.duckdb"
    for _ in range(2):  # and again: a re-run is not blocked by the same page
        rep = ingest([d], db_path=db)
        assert rep.status == "succeeded" and rep.n_inputs == 4
        assert rep.n_rejected == 2
    assert _rows(db, "SELECT count(*) FROM articles")[0][0] == 2
    payloads = _rows(db, "SELECT source_ref, payload FROM rejects ORDER BY source_ref")
    assert [Path(r).name for r, _ in payloads] == ["long.html", "long.jsonl:1"]
    for _, payload in payloads:
        obj = json.loads(payload)  # valid JSON, cut field by field
        assert len(payload) <= 100_000 and any("title" in t for t in obj["_truncated"])


def test_jsonl_is_streamed_a_line_over_the_cap_is_quarantined_alone_and_big_files_load(tmp_path: Path) -> None:
    from newsdesk.sources import files

    f = tmp_path / "big.jsonl"
    big_text = ("Word " * 1_600_000)  # 8 MB: a record the text cap quarantines, cheaply
    with f.open("w") as out:
        out.write(json.dumps({"title": "First story on the budget", "text": BODY}) + "\n")
        out.write(json.dumps({"title": "Huge", "text": "x" * (files.MAX_LINE_BYTES + 1000)}) + "\n")  # over the line cap
        for i in range(3):
            out.write(json.dumps({"title": f"Long {i}", "text": big_text}) + "\n")
        out.write("\n")
        out.write(json.dumps({"title": "Second story on the budget", "text": BODY + " Second."}) + "\n")
        out.write(json.dumps({"title": "Third story on the budget", "text": BODY + " Third."}) + "\n")
    assert f.stat().st_size > 2 * files.MAX_FILE_BYTES  # the file as a whole is far over any per-file cap
    db = tmp_path / "x.duckdb"
    rep = ingest([f], db_path=db, batch_size=2)
    assert rep.status == "succeeded"
    assert (rep.n_inputs, rep.n_landed, rep.n_rejected) == (7, 3, 4)
    rules = dict(_rows(db, "SELECT source_ref, rules[1] FROM rejects"))
    assert rules == {f"{f}:2": "line_too_large", f"{f}:3": "text_too_long", f"{f}:4": "text_too_long",
                     f"{f}:5": "text_too_long"}
