"""TimeML-annotated news (TimeBank 1.2 and AQUAINT, TempEval-3 "TBAQ-cleaned"): every TIMEX3, normalised.

Corpus: ``<corpora>/timebank/{TimeBank,AQUAINT}/*.tml`` (see its ABOUT.md). Nothing is copied; the files are read
where they lie. TimeBank is the development part; AQUAINT is held aside (only its aggregate figures are printed,
never its individual misses: ``--misses`` refuses it).

What runs: the pipeline's own date code, as in the MEANTIME evaluation — spaCy (``newsdesk.enrich.nlp.parse``) for
DATE spans and sentences, then ``find_dates`` with published = the document creation time (the DCT TIMEX3). The
text is the content of ``<TEXT>`` with its markup removed (the DCT line itself is metadata, not scored).

Scoring (TempEval-3, normalisation): system and gold expressions match when their character spans overlap
(relaxed), one to one, in text order. Relaxed precision = matched system / system expressions, recall = matched gold /
gold expressions; value accuracy = matches whose ``value`` equals the gold value exactly / matches; **value F1 =
value accuracy × relaxed F1** (over all TIMEX3 types: DATE, TIME, DURATION, SET). Type accuracy likewise. Per gold
type: how many were found (relaxed) and how many got the gold value. The reference is HeidelTime's published
TempEval-3 value F1 (about 0.78, on the TempEval-3 test set).

Run: ``python -m newsdesk.evaluation.timebank [--corpora DIR] [--part timebank|aquaint] [--misses]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsdesk.enrich.dates import find_dates
from newsdesk.record import DateMention

PARTS = {"timebank": "TimeBank", "aquaint": "AQUAINT"}
HELD_ASIDE = {"aquaint"}
HEIDELTIME_TE3_VALUE_F1 = 0.776  # HeidelTime, TempEval-3 task A, value F1 (UzZaman et al. 2013)
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TmlDoc:
    doc_id: str
    dct: date
    text: str
    timexes: list[Timex]


def corpus_dir(corpora_dir: Path, part: str) -> Path:
    return Path(corpora_dir) / "timebank" / PARTS[part]


def read_tml(path: Path) -> TmlDoc | None:
    """The <TEXT> of a .tml file without markup, its TIMEX3 spans in that text, and the DCT."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    text_el = root.find("TEXT")
    if dct_el is None or text_el is None:
        return None
    v = dct_el.get("value", "")[:10]
    try:
        dct = date.fromisoformat(v)
    except ValueError:
        return None
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            timexes.append(Timex(start, pos, "".join(parts)[start:pos], el.get("type", ""), el.get("value", "")))

    walk(text_el)
    doc_id = root.findtext("DOCID", path.stem).strip()
    return TmlDoc(doc_id, dct, "".join(parts), sorted(timexes, key=lambda t: t.start))


def load_docs(corpora_dir: Path, part: str) -> list[TmlDoc]:
    out = []
    for p in sorted(corpus_dir(corpora_dir, part).glob("*.tml")):
        d = read_tml(p)
        if d is not None:
            out.append(d)
    return out


@dataclass
class Score:
    docs: int = 0
    gold: int = 0
    system: int = 0
    matched: int = 0
    value_ok: int = 0
    type_ok: int = 0
    gold_by_type: Counter[str] = field(default_factory=Counter)
    found_by_type: Counter[str] = field(default_factory=Counter)
    value_by_type: Counter[str] = field(default_factory=Counter)
    system_by_type: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def figures(self) -> dict[str, Any]:
        p = self.matched / max(1, self.system)
        r = self.matched / max(1, self.gold)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.value_ok / max(1, self.matched)
        tacc = self.type_ok / max(1, self.matched)
        per_type = {
            t.lower(): {
                "gold": self.gold_by_type[t],
                "found": round(self.found_by_type[t] / max(1, self.gold_by_type[t]), 4),
                "value_recall": round(self.value_by_type[t] / max(1, self.gold_by_type[t]), 4),
                "ours": self.system_by_type[t],
            }
            for t in TYPES
        }
        return {"value_f1": round(f1 * acc, 4), "span_precision": round(p, 4), "span_recall": round(r, 4),
                "span_f1": round(f1, 4), "value_accuracy": round(acc, 4), "type_accuracy": round(tacc, 4),
                "type_f1": round(f1 * tacc, 4), "gold": self.gold, "system": self.system, "matched": self.matched,
                "docs": self.docs, "per_type": per_type}


def _overlap(m: DateMention, t: Timex) -> bool:
    return m.offset < t.end and t.start < m.offset + len(m.text)


def score_doc(doc: TmlDoc, mentions: list[DateMention], score: Score, keep_misses: bool) -> None:
    """One-to-one relaxed matching in text order: each gold expression takes the first unused overlapping mention."""
    score.docs += 1
    score.gold += len(doc.timexes)
    score.system += len(mentions)
    for m in mentions:
        score.system_by_type[(m.type or "").upper()] += 1
    used: set[int] = set()
    for t in doc.timexes:
        score.gold_by_type[t.type] += 1
        cands = [i for i, m in enumerate(mentions) if i not in used and _overlap(m, t)]
        # prefer a mention with the gold value, then the one overlapping most
        best = None
        for i in cands:
            if mentions[i].value == t.value:
                best = i
                break
        if best is None and cands:
            best = cands[0]
        if best is None:
            if keep_misses:
                score.misses.append(f"{doc.doc_id} dct={doc.dct} MISSED {t.type} {t.text!r}={t.value}")
            continue
        used.add(best)
        m = mentions[best]
        score.matched += 1
        score.found_by_type[t.type] += 1
        ok = m.value == t.value
        score.value_ok += ok
        score.value_by_type[t.type] += ok
        score.type_ok += (m.type or "").upper() == t.type
        if keep_misses and not ok:
            score.misses.append(f"{doc.doc_id} dct={doc.dct} WRONG {t.type} {t.text!r}={t.value} "
                                f"got {m.type} {m.text!r}={m.value}")
    if keep_misses:
        for i, m in enumerate(mentions):
            if i not in used:
                score.misses.append(f"{doc.doc_id} dct={doc.dct} EXTRA {m.type} {m.text!r}={m.value}")


def measure(corpora_dir: Path, part: str, misses: bool = False) -> Score:
    """Run spaCy + find_dates on every document of `part` and score it (TempEval-3, relaxed)."""
    if misses and part in HELD_ASIDE:
        raise ValueError(f"{part} is held aside: only its aggregate figures are reported")
    from newsdesk.enrich.nlp import parse

    docs = load_docs(corpora_dir, part)
    find_dates("It was 2025/10/12 then.", date(2025, 10, 12), [(7, 17)])  # warm-up (dateparser's data)
    score = Score()
    for doc, sp in zip(docs, parse(d.text for d in docs)):
        spans = [(e.start_char, e.end_char) for e in sp.ents if e.label_ == "DATE"]
        sents = [(s.start_char, s.end_char) for s in sp.sents]
        t0 = time.perf_counter()
        mentions = find_dates(doc.text, doc.dct, spans, sents)
        score.seconds += time.perf_counter() - t0
        score_doc(doc, mentions, score, misses)
    return score


def evaluate(corpora_dir: Path) -> dict[str, Any]:
    """Figures for both parts: ``timebank_*`` (development) and ``aquaint_*`` (held aside)."""
    t0 = time.perf_counter()
    out: dict[str, Any] = {"reference_heideltime_te3_value_f1": HEIDELTIME_TE3_VALUE_F1}
    for part in PARTS:
        if not corpus_dir(corpora_dir, part).is_dir():
            continue
        f = measure(corpora_dir, part).figures()
        for k, v in f.items():
            out[f"{part}_{k}"] = v
    out["seconds"] = round(time.perf_counter() - t0, 2)
    return out


def report(part: str, f: dict[str, Any]) -> str:
    held = " (held aside: aggregate only)" if part in HELD_ASIDE else " (development)"
    lines = [f"== {PARTS[part]}{held}: {f['docs']} documents, {f['gold']} gold TIMEX3, {f['system']} ours",
             f"value F1 (TempEval-3):  {f['value_f1']:.3f}   (HeidelTime, TempEval-3: {HEIDELTIME_TE3_VALUE_F1:.3f})",
             f"relaxed span P/R/F1:    {f['span_precision']:.3f} / {f['span_recall']:.3f} / {f['span_f1']:.3f}",
             f"value accuracy:         {f['value_accuracy']:.3f}   type accuracy {f['type_accuracy']:.3f}",
             "per gold type (found / value right):"]
    for t, x in f["per_type"].items():
        lines.append(f"  {t:<9} {x['gold']:>5} gold  found {x['found']:.3f}  value {x['value_recall']:.3f}"
                     f"  ({x['ours']} of ours typed {t})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from newsdesk.settings import load_settings

    ap = argparse.ArgumentParser(description="TimeML (TimeBank / AQUAINT) time-expression figures of the pipeline.")
    ap.add_argument("--corpora", type=Path, help="the corpora folder (default: $NEWSDESK_CORPORA or ../shared/corpora)")
    ap.add_argument("--part", choices=sorted(PARTS), action="append", help="default: both")
    ap.add_argument("--misses", action="store_true", help="list misses (development part only)")
    args = ap.parse_args(argv)
    corpora = args.corpora or load_settings().corpora_dir
    for part in args.part or list(PARTS):
        if not corpus_dir(corpora, part).is_dir():
            print(f"{PARTS[part]} not found under {corpora}/timebank (set NEWSDESK_CORPORA)", file=sys.stderr)
            return 2
        if args.misses and part in HELD_ASIDE:
            print(f"{PARTS[part]} is held aside: no misses are listed for it", file=sys.stderr)
            continue
        s = measure(corpora, part, misses=args.misses)
        f = s.figures()
        print(report(part, f))
        print(json.dumps({k: v for k, v in f.items() if k != "per_type"}))
        if args.misses:
            print("\n".join(s.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
