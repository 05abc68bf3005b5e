"""Date resolution measured on MEANTIME (English): hand-annotated TIMEX3 DATE values, normalised to each document's
creation time (DCT).

For every document: spaCy (`newsdesk.enrich.nlp.parse`) for DATE spans and sentences, then `find_dates` with
published = the DCT. Printed figures:

* found: share of gold DATE expressions that one of our mentions overlaps (character overlap);
* resolved exactly: share of gold DATE expressions overlapped by a mention with the gold granularity whose range lies
  inside the gold range (a day must be that day; "earlier this week" = Monday..publication day lies inside the gold
  week). Gold values are mapped to calendar ranges:
    YYYY-MM-DD[Txx] -> day (a time of day, e.g. 2008-01-09TMO, is dropped), DD-MM-YYYY (one DCT is written so) -> day,
    YYYY-MM and YYYY-MM-XX -> month, YYYY-Www -> ISO week (Monday..Sunday), YYYY-Www-WE -> that week's Saturday..Sunday
    (granularity week), YYYY-Qn -> quarter, YYYY-SP/SU/FA/WI -> meteorological season (winter Y = Dec Y..Feb Y+1),
    YYYY -> year, YYY (e.g. "197" for "70s") -> decade.
  Values that are not a calendar range are left out of the denominator and listed: PRESENT_REF / PAST_REF /
  FUTURE_REF, XXXX-XX-XX (unknown), durations typed DATE (P9D, PXD ...), fiscal years (FY2007).
* precision: share of our mentions that exactly match an overlapping gold TIMEX3 (DATE, or the date part of a TIME
  such as "Friday morning"). MEANTIME annotates only the headline, the date line and the first four sentences of
  each article (lines 0-5 of `text`), so only mentions there are scored; mentions overlapping only gold values that
  are not calendar ranges (durations, *_REF) are neither right nor wrong.

The corpora folder comes from NEWSDESK_CORPORA (default: ../shared/corpora next to the checkout). Nothing is copied.
Run: python bench/dates_meantime.py [--misses]
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsdesk.enrich.dates import find_dates
from newsdesk.record import DateMention
from newsdesk.settings import load_settings

ANNOTATED_LINES = 6  # headline, date line, first four sentences

_SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DATELINE = re.compile(r"^\s*([A-Z][a-z]+)\s+([0-9]{1,2})\s*,\s*([0-9]{4})\s*$")


@dataclass(frozen=True)
class GoldRange:
    start: date
    end: date
    gran: str


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def gold_range(value: str) -> GoldRange | None:
    """Calendar range of a TIMEX3 value, or None when the value is not one (refs, durations, unknowns)."""
    v = value.strip()
    try:
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T.*)?", v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return GoldRange(d, d, "day")
        if m := re.fullmatch(r"([0-9]{2})-([0-9]{2})-([0-9]{4})", v):
            d = date(int(m[3]), int(m[2]), int(m[1]))
            return GoldRange(d, d, "day")
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})(?:-XX)?", v):
            y, mo = int(m[1]), int(m[2])
            return GoldRange(date(y, mo, 1), _month_end(y, mo), "month")
        if m := re.fullmatch(r"([0-9]{4})-W([0-9]{2})(-WE)?", v):
            mon = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return GoldRange(mon + timedelta(days=5), mon + timedelta(days=6), "week")
            return GoldRange(mon, mon + timedelta(days=6), "week")
        if m := re.fullmatch(r"([0-9]{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return GoldRange(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
        if m := re.fullmatch(r"([0-9]{4})-(SP|SU|FA|WI)", v):
            y, s = int(m[1]), _SEASONS[m[2]]
            if s == 12:
                return GoldRange(date(y, 12, 1), _month_end(y + 1, 2), "season")
            return GoldRange(date(y, s, 1), _month_end(y, s + 2), "season")
        if m := re.fullmatch(r"([0-9]{4})", v):
            y = int(m[1])
            return GoldRange(date(y, 1, 1), date(y, 12, 31), "year")
        if m := re.fullmatch(r"([0-9]{3})X?", v):
            y = int(m[1]) * 10
            return GoldRange(date(y, 1, 1), date(y + 9, 12, 31), "decade")
    except ValueError:
        return None
    return None


def _excluded_kind(value: str) -> str:
    if value.endswith("_REF"):
        return value
    if value.startswith("P"):
        return "duration"
    if value.startswith("FY"):
        return "fiscal year"
    if "XXXX" in value:
        return "unknown (XXXX)"
    return "other"


def parse_dct(doc: dict[str, Any]) -> date | None:
    """The document creation time: ISO, or DD-MM-YYYY; when missing, the article's own date line (line 1)."""
    raw = doc.get("dct")
    if raw:
        g = gold_range(raw)
        if g and g.gran == "day":
            return g.start
    lines = doc["text"].split("\n")
    if len(lines) > 1 and (m := _DATELINE.match(lines[1])):
        months = {n: i for i, n in enumerate(calendar.month_name) if n}
        if m[1] in months:
            return date(int(m[3]), months[m[1]], int(m[2]))
    return None


def _matches(mention: DateMention, g: GoldRange) -> bool:
    return mention.granularity == g.gran and g.start <= mention.start and mention.end <= g.end


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    exact: int = 0
    gold_body: int = 0  # without the CREATION_TIME date lines
    exact_body: int = 0
    found_body: int = 0
    mentions_scored: int = 0
    mentions_right: int = 0
    mentions_ignored: int = 0
    excluded: Counter[str] = field(default_factory=Counter)
    by_gran: Counter[tuple[str, bool]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    docs: int = 0
    docs_dct_from_text: int = 0
    docs_skipped: int = 0
    seconds: float = 0.0

    def figures(self) -> dict[str, float]:
        return {
            "found": self.found / max(1, self.gold),
            "exact": self.exact / max(1, self.gold),
            "exact_body": self.exact_body / max(1, self.gold_body),
            "precision": self.mentions_right / max(1, self.mentions_scored),
        }


def _mention_str(m: DateMention) -> str:
    return f"{m.text!r}->{m.start}..{m.end}/{m.granularity}"


def measure(corpora_dir: Path, use_spacy: bool = True) -> Score:
    """Run spaCy + find_dates on every MEANTIME document and score against the gold TIMEX3 DATE values."""
    path = corpora_dir / "meantime_en" / "meantime_en_intradoc_flat.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    parsed: list[Any] = [None] * len(docs)
    if use_spacy:
        from newsdesk.enrich.nlp import parse

        parsed = list(parse([d["text"] for d in docs]))
    # warm-up outside the timing: the first dateparser call loads its language data (~0.1-0.2 s, once per process)
    find_dates("It was 2025/10/12 then.", date(2025, 10, 12), [(7, 17)])
    score = Score()
    for doc, sp in zip(docs, parsed):
        pub = parse_dct(doc)
        if pub is None:
            score.docs_skipped += 1
            continue
        score.docs += 1
        if not doc.get("dct") or gold_range(doc["dct"]) is None:
            score.docs_dct_from_text += 1
        text: str = doc["text"]
        spans = sents = None
        if sp is not None:
            spans = [(e.start_char, e.end_char) for e in sp.ents if e.label_ == "DATE"]
            sents = [(s.start_char, s.end_char) for s in sp.sents]
        t0 = time.perf_counter()
        mentions = find_dates(text, pub, spans, sents)
        score.seconds += time.perf_counter() - t0

        timexes = [(t, gold_range(t["value"])) for t in doc["timex3"]]
        for t, g in timexes:
            if t["type"] != "DATE":
                continue
            if g is None:
                score.excluded[_excluded_kind(t["value"])] += 1
                continue
            over = [m for m in mentions if m.offset < t["end"] and t["start"] < m.offset + len(m.text)]
            ok = any(_matches(m, g) for m in over)
            body = t.get("function") != "CREATION_TIME"
            score.gold += 1
            score.found += bool(over)
            score.exact += ok
            score.gold_body += body
            score.found_body += body and bool(over)
            score.exact_body += body and ok
            score.by_gran[(g.gran, ok)] += 1
            if not ok:
                got = ", ".join(_mention_str(m) for m in over) or "nothing"
                score.misses.append(f"{doc['doc_id']} pub={pub} gold {t['text']!r}={t['value']} got {got}")

        lines = text.split("\n")
        annotated_end = sum(len(x) + 1 for x in lines[:ANNOTATED_LINES])
        for m in mentions:
            if m.offset >= annotated_end:
                continue
            near = [(t, g) for t, g in timexes if t["start"] < m.offset + len(m.text) and m.offset < t["end"]]
            if any(g is not None and _matches(m, g) for _, g in near):
                score.mentions_scored += 1
                score.mentions_right += 1
            elif near and all(g is None for _, g in near):
                score.mentions_ignored += 1
            else:
                score.mentions_scored += 1
                gold = ", ".join(f"{t['text']!r}={t['value']}" for t, _ in near) or "no gold"
                score.wrong.append(f"{doc['doc_id']} pub={pub} ours {_mention_str(m)} vs {gold}")
    return score


def report(score: Score, label: str) -> str:
    f = score.figures()
    out = [
        f"== {label}",
        (
            f"documents: {score.docs} (DCT read from the date line: {score.docs_dct_from_text};"
            f" skipped: {score.docs_skipped})"
        ),
        f"gold DATE expressions with a calendar value: {score.gold} "
        f"(left out, not calendar ranges: {sum(score.excluded.values())} = "
        + ", ".join(f"{k} {v}" for k, v in score.excluded.most_common())
        + ")",
        f"found (span overlap):          {score.found}/{score.gold} = {f['found']:.3f}",
        f"resolved exactly:              {score.exact}/{score.gold} = {f['exact']:.3f}",
        f"  without the date lines (DCT): {score.exact_body}/{score.gold_body} = {f['exact_body']:.3f}",
        "  by gold granularity: "
        + ", ".join(
            f"{g} {score.by_gran[(g, True)]}/{score.by_gran[(g, True)] + score.by_gran[(g, False)]}"
            for g in ("day", "week", "month", "quarter", "season", "year", "decade")
            if score.by_gran[(g, True)] + score.by_gran[(g, False)]
        ),
        (
            f"precision (annotated lines):   {score.mentions_right}/{score.mentions_scored} = {f['precision']:.3f}"
            f" (ignored, overlapping only non-calendar gold: {score.mentions_ignored})"
        ),
        (
            f"find_dates time: {score.seconds * 1000:.1f} ms for {score.docs} documents "
            f"({score.seconds * 1000 / max(1, score.docs):.2f} ms/doc, spaCy excluded)"
        ),
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--misses", action="store_true", help="list gold expressions not resolved exactly, and wrong mentions"
    )
    args = ap.parse_args(argv)
    corpora = load_settings().corpora_dir
    if not (corpora / "meantime_en" / "meantime_en_intradoc_flat.jsonl").exists():
        print(f"MEANTIME not found under {corpora} (set NEWSDESK_CORPORA)", file=sys.stderr)
        return 2
    with_spacy = measure(corpora, use_spacy=True)
    print(report(with_spacy, "rules + spaCy DATE spans (the pipeline)"))
    print(report(measure(corpora, use_spacy=False), "rules only (no spaCy spans, own sentence splitter)"))
    if args.misses:
        print("\n-- not resolved exactly:")
        print("\n".join(with_spacy.misses))
        print("\n-- wrong mentions (annotated lines):")
        print("\n".join(with_spacy.wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
