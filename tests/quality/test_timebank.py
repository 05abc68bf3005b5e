"""TimeML time expressions (issue 12): TimeBank (development) and AQUAINT (held aside), TempEval-3 scoring.

Floors sit a little below what the pipeline reaches (TimeBank value F1 0.819 / span F1 0.934, AQUAINT 0.735 / 0.922
when last raised; 0.787 and 0.715 when first written; HeidelTime's published TempEval-3 figure is 0.776). Reproduce:
`newsdesk eval --only timebank`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsdesk.evaluation import timebank as tb
from newsdesk.record import DateMention

FLOORS = {"timebank_value_f1": 0.81, "timebank_span_f1": 0.925, "aquaint_value_f1": 0.725, "aquaint_span_f1": 0.91}


@pytest.fixture(scope="module")
def figures(corpora_dir: Path) -> dict[str, Any]:
    if not (corpora_dir / "timebank").is_dir():
        pytest.skip(f"TimeBank not found in {corpora_dir / 'timebank'}")
    return tb.evaluate(corpora_dir)


@pytest.mark.corpora
@pytest.mark.parametrize("key", sorted(FLOORS))
def test_timebank_floor(figures: dict[str, Any], key: str) -> None:
    assert figures[key] >= FLOORS[key], f"{key} = {figures[key]:.3f} fell below its floor {FLOORS[key]}"


@pytest.mark.corpora
def test_timebank_report_shape(figures: dict[str, Any]) -> None:
    assert figures["timebank_docs"] == 183 and figures["aquaint_docs"] == 73
    assert figures["timebank_gold"] > 1200 and figures["aquaint_gold"] > 500
    assert set(figures["timebank_per_type"]) == {"date", "time", "duration", "set"}


def test_held_aside_part_lists_no_misses(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="held aside"):
        tb.measure(tmp_path, "aquaint", misses=True)


TML = """<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>Stocks <EVENT eid="e1">fell</EVENT> &amp; rose <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>
over <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>.</TEXT></TimeML>
"""


def test_read_tml_strips_markup_and_keeps_spans(tmp_path: Path) -> None:
    p = tmp_path / "x.tml"
    p.write_text(TML, encoding="utf-8")
    doc = tb.read_tml(p)
    assert doc is not None and doc.dct == date(1998, 1, 8)
    assert doc.text.startswith("Stocks fell & rose yesterday")
    assert [(doc.text[t.start:t.end], t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "1998-01-07"), ("three years", "DURATION", "P3Y")]


def _m(text: str, offset: int, type_: str, value: str) -> DateMention:
    return DateMention(text, None, None, None, "", offset, type_, value)  # type: ignore[arg-type]


def test_tempeval_scoring_is_relaxed_and_one_to_one() -> None:
    doc = tb.TmlDoc("d", date(1998, 1, 8), "x" * 100, [
        tb.Timex(0, 10, "", "DATE", "1998-01-07"), tb.Timex(20, 30, "", "DURATION", "P3Y"),
        tb.Timex(40, 50, "", "SET", "P1W")])
    ours = [_m("x" * 5, 3, "date", "1998-01-07"),      # overlaps gold 1, right value
            _m("x" * 20, 15, "duration", "P2Y"),       # overlaps gold 2, wrong value
            _m("x" * 3, 22, "duration", "P3Y"),        # overlaps gold 2 too: one-to-one, but it has the right value
            _m("x" * 5, 70, "date", "PRESENT_REF")]    # overlaps nothing: a false positive
    s = tb.Score()
    tb.score_doc(doc, ours, s, keep_misses=True)
    f = s.figures()
    assert (s.gold, s.system, s.matched, s.value_ok) == (3, 4, 2, 2)
    assert f["span_precision"] == 0.5 and f["span_recall"] == round(2 / 3, 4)
    assert f["value_accuracy"] == 1.0 and f["value_f1"] == round(f["span_f1"], 4)
    assert any("MISSED SET" in x for x in s.misses) and any("EXTRA date" in x for x in s.misses)
