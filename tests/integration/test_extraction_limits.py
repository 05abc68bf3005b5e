"""Pathological pages are quarantined with a reason (deadline, depth) and the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newsdesk.lifecycle import ingest
from newsdesk.sandbox import Worker, WorkerMemory, WorkerTimeout

GOOD = ("<html lang='en'><head><title>Council approves budget</title></head><body><article><h1>Council approves "
        "budget</h1><p>The city council approved the annual budget on Monday after a long debate about schools, "
        "roads and public transport, the mayor said in a statement.</p><p>The budget raises spending on schools by "
        "four percent and freezes fees for buses and trams for another year, officials said.</p></article></body></html>")


def _huge_page() -> str:
    blocks = "".join(f"<div class='c{i % 50}'><p>Paragraph {i} about the budget and the minister.</p>"
                     f"<a href='/x{i}'>link {i}</a></div>" for i in range(60_000))
    return f"<html><head><title>Big</title></head><body>{blocks}</body></html>"  # ~7 MB: ~15 s to extract


def test_slow_and_deep_pages_are_quarantined_and_the_rest_land(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_EXTRACT_TIMEOUT", "3")
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.html").write_text(GOOD)
    (d / "b_huge.html").write_text(_huge_page())
    deep = "<div>" * 1000 + "<p>" + "text " * 50 + "</p>" + "</div>" * 1000
    (d / "c_deep.html").write_text(f"<html><head><title>Deep</title></head><body>{deep}</body></html>")
    (d / "d_good.html").write_text(GOOD.replace("Council approves budget", "Council approves new budget")
                                   .replace("Monday", "Tuesday"))
    db = tmp_path / "x.duckdb"
    rep = ingest([d], db_path=db, published=None)
    assert (rep.n_inputs, rep.n_landed, rep.n_rejected) == (4, 2, 2)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rules = {Path(ref).name: rules[0] for ref, rules in con.execute("SELECT source_ref, rules FROM rejects").fetchall()}
    finally:
        con.close()
    assert rules == {"b_huge.html": "extract_timeout", "c_deep.html": "html_too_deep"}
    assert rep.timings["clean"] < 20  # the 15-second page was stopped at its 3-second deadline


def test_worker_deadline_and_memory_cap() -> None:
    w = Worker(memory_mb=200)
    try:
        assert w.call("math:factorial", 5, timeout=30) == 120
        with pytest.raises(WorkerTimeout):
            w.call("time:sleep", 5, timeout=0.5)
        assert w.call("math:factorial", 6, timeout=30) == 720  # a fresh worker after the kill
        with pytest.raises(WorkerMemory):
            w.call("builtins:bytearray", 800 * 1024 * 1024, timeout=30)
        assert w.call("json:dumps", [1], timeout=30) == json.dumps([1])
    finally:
        w.close()
