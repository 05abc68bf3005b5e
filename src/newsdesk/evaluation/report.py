"""The quality report behind `newsdesk eval`: every figure beside the baseline it must beat, measured in one run.

Parts (select with ``only``):

* ``aeb``: scrapinghub_aeb body extraction (``newsdesk.evaluation.aeb``); baseline trafilatura alone;
* ``fundus``: fundus title / date / authors / body, all languages and English (``newsdesk.evaluation.fundus``);
  baseline trafilatura alone;
* ``meantime``: actors and dates on MEANTIME (``newsdesk.evaluation.meantime``); a figure it does not report is
  listed as missing, never guessed;
* ``topics``: our hand-labelled IPTC level-1 set (``newsdesk.evaluation.topics``);
* ``german``: our German labels (``newsdesk.evaluation.german``);
* ``timebank``: every TIMEX3 of TimeBank 1.2 (development) and AQUAINT (held aside) normalised the TimeML way
  (``newsdesk.evaluation.timebank``), TempEval-3 scoring; reference: HeidelTime's published TempEval-3 value F1.

``run`` returns a JSON-ready dict: ``figures`` (name -> ours, baseline, target, n), ``missing`` (name -> why),
``seconds`` (part -> ours / baseline), ``topics_confusion`` and run facts (versions, corpora folder).
"""

from __future__ import annotations

import platform
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

PARTS = ("aeb", "fundus", "meantime", "topics", "german", "timebank")

# Targets from the quality issue; a figure with no target is reported for information.
TARGETS: dict[str, float] = {
    "aeb_body_f1": 0.965,
    "fundus_title_exact": 0.90,
    "fundus_date_same_day": 0.98,
    "fundus_authors_exact": 0.85,
    "meantime_actor_f1": 0.90,
    "meantime_actor_precision": 0.88,
    "meantime_date_exact": 0.85,
    "topics_top3": 0.85,
    "aquaint_value_f1": 0.80,
}
# Figures that must also be at least the same-run baseline.
MUST_BEAT_BASELINE = ("aeb_body_f1", "fundus_body_f1")
MEANTIME_KEYS = ("meantime_actor_f1", "meantime_actor_precision", "meantime_actor_recall", "meantime_date_exact",
                 "meantime_date_exact_body", "meantime_date_found", "meantime_date_precision")
MEANTIME_PART_KEYS = tuple(
    [f"meantime_actor_{k}_{p}" for p in ("dev", "held") for k in ("f1", "precision", "recall")]
    + [f"meantime_actor_{t}_f1{p}" for p in ("", "_dev", "_held") for t in ("per", "org", "loc")])


def _figure(ours: float | None, baseline: float | None = None, n: int | None = None, name: str = "") -> dict[str, Any]:
    return {"ours": ours, "baseline": baseline, "target": TARGETS.get(name), "n": n}


def _aeb(corpora: Path, out: dict[str, Any]) -> None:
    from newsdesk.evaluation import aeb

    r = aeb.evaluate(corpora)
    for k in ("f1", "precision", "recall"):
        name = f"aeb_body_{k}"
        out["figures"][name] = _figure(r["ours"][k], r["baseline"][k], r["n"], name)
    out["figures"]["aeb_accuracy"] = _figure(r["ours"]["accuracy"], r["baseline"]["accuracy"], r["n"], "aeb_accuracy")
    out["seconds"]["aeb"] = r["seconds"]


def _fundus(corpora: Path, out: dict[str, Any]) -> None:
    from newsdesk.evaluation import fundus

    r = fundus.evaluate(corpora)
    for subset, suffix in (("all", ""), ("en", "_en")):
        o, b = r["ours"][subset], r["baseline"][subset]
        for k in ("title_exact", "date_same_day", "authors_exact", "authors_exact_people", "body_f1",
                  "body_precision", "body_recall"):
            name = f"fundus_{k}{suffix}"
            n = o["n_people"] if k == "authors_exact_people" else o["n"]
            out["figures"][name] = _figure(o[k], b[k], n, name)
    o, b = r["ours"]["all"], r["baseline"]["all"]
    out["figures"]["fundus_authors_exact_credits"] = _figure(o["authors_exact_credits"], b["authors_exact_credits"],
                                                             o["n_credits"])
    # ceilings: what any rule within the product's definitions can reach on this gold
    out["figures"]["fundus_authors_ceiling"] = _figure(o["authors_ceiling"], None, o["n"])
    ts = r["title_sources"]
    out["figures"]["fundus_title_ceiling"] = _figure(ts["title_any_source"], None, o["n"])
    for k, v in ts.items():
        if k.endswith("_only"):
            out["figures"][f"fundus_{k}"] = _figure(v, None, o["n"])
    out["title_sources_disagree"] = ts["title_sources_disagree"]
    out["seconds"]["fundus"] = r["seconds"]


def _meantime(corpora: Path, out: dict[str, Any]) -> None:
    from newsdesk.evaluation import meantime

    t0 = time.perf_counter()
    r = meantime.evaluate(corpora)
    seconds = r.get("seconds", time.perf_counter() - t0)
    for k in MEANTIME_KEYS:
        if r.get(k) is None:
            out["missing"][k] = "not reported by newsdesk.evaluation.meantime"
        else:
            out["figures"][k] = _figure(float(r[k]), r.get(f"{k}_baseline"), r.get("n"), k)
    # development and held-aside parts, and per-type F1, each beside the bare spaCy model on the same documents
    for k in MEANTIME_PART_KEYS:
        if r.get(k) is not None:
            kind = k.split("_")[2]  # per / org / loc (n = gold entities of the type), else a part (n = documents)
            n = r.get(k.replace("_f1", "_n")) if kind in ("per", "org", "loc") else \
                r.get(f"meantime_actor_docs_{k.rsplit('_', 1)[-1]}")
            out["figures"][k] = _figure(float(r[k]), r.get(f"{k}_baseline"), n, k)
    out["seconds"]["meantime"] = {"ours": seconds}


def _topics(corpora: Path, out: dict[str, Any]) -> None:
    from newsdesk.evaluation import topics

    labels = topics.default_labels()
    if not labels.exists():
        for k in ("topics_top1", "topics_top3"):
            out["missing"][k] = f"labels not found at {labels}"
        return
    r = topics.evaluate(corpora, labels)
    for k in ("top1", "top3"):
        name = f"topics_{k}"
        out["figures"][name] = _figure(r[k], None, r["n"], name)
        for split in sorted(s for s in r["splits"] if s != "all"):
            out["figures"][f"topics_{k}_{split}"] = _figure(r["splits"][split][k], None, r["splits"][split]["n"])
    out["seconds"]["topics"] = {"ours": r["seconds"]}
    out["topics_confusion"] = {"rows": "first gold level-1 code", "columns": "predicted top-1",
                               "cells": r["confusion"], "codes": r["codes"], "table": topics.confusion_table(r)}


def _german(corpora: Path, out: dict[str, Any]) -> None:
    from newsdesk.evaluation import german

    labels = german.default_labels()
    if not any(labels.glob("*.json")):
        out["missing"]["german_actor_f1"] = f"labels not found in {labels}"
        return
    r = german.evaluate(corpora, labels)
    for k in ("german_actor_f1", "german_actor_precision", "german_actor_recall", "german_date_exact",
              "german_date_found", "german_date_precision"):
        n = r["gold_dates"] if k.startswith("german_date") else r["gold_entities"]
        out["figures"][k] = _figure(r[k], None, n, k)
    out["seconds"]["german"] = {"ours": r["seconds"]}


def _timebank(corpora: Path, out: dict[str, Any]) -> None:
    from newsdesk.evaluation import timebank

    if not (corpora / "timebank").is_dir():
        out["missing"]["timebank_value_f1"] = f"TimeBank not found in {corpora / 'timebank'}"
        return
    r = timebank.evaluate(corpora)
    ref = (r["reference_heideltime_te3_value_f1"], "HeidelTime, TempEval-3 (published)")
    for part in timebank.PARTS:
        if f"{part}_value_f1" not in r:
            out["missing"][f"{part}_value_f1"] = f"{timebank.PARTS[part]} not found"
            continue
        n = r[f"{part}_gold"]
        for k in ("value_f1", "span_precision", "span_recall", "span_f1", "value_accuracy", "type_accuracy"):
            name = f"{part}_{k}"
            out["figures"][name] = _figure(r[name], None, n, name)
            if k == "value_f1":
                out["figures"][name]["reference"] = ref
        for t, x in r[f"{part}_per_type"].items():
            out["figures"][f"{part}_{t}_value_recall"] = _figure(x["value_recall"], None, x["gold"])
    out["seconds"]["timebank"] = {"ours": r["seconds"]}


RUNNERS: dict[str, Callable[[Path, dict[str, Any]], None]] = {
    "aeb": _aeb, "fundus": _fundus, "meantime": _meantime, "topics": _topics, "german": _german,
    "timebank": _timebank,
}


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("newsdesk", "trafilatura", "htmldate", "spacy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "-"
    return out


def run(corpora_dir: Path, only: list[str] | None = None) -> dict[str, Any]:
    """Measure the selected parts (default: all) on the corpora in `corpora_dir`."""
    parts = list(only or PARTS)
    unknown = [p for p in parts if p not in RUNNERS]
    if unknown:
        raise ValueError(f"unknown part(s) {unknown}; choose from {', '.join(PARTS)}")
    corpora = Path(corpora_dir).resolve()
    out: dict[str, Any] = {"corpora_dir": str(corpora), "parts": parts,
                           "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                           "versions": _versions(), "figures": {}, "missing": {}, "seconds": {}}
    t0 = time.perf_counter()
    for part in PARTS:
        if part in parts:
            RUNNERS[part](corpora, out)
    out["seconds"]["total"] = time.perf_counter() - t0
    out["checks"] = checks(out)
    return out


def checks(report: dict[str, Any]) -> dict[str, Any]:
    """Which figures meet their target, and which beat (or tie) their same-run baseline."""
    meets, beats = {}, {}
    for name, f in report["figures"].items():
        if f.get("target") is not None and f.get("ours") is not None:
            meets[name] = f["ours"] >= f["target"]
        if name in MUST_BEAT_BASELINE and f.get("baseline") is not None:
            beats[name] = f["ours"] >= f["baseline"]
    return {"meets_target": meets, "not_below_baseline": beats}


def _fmt(v: Any) -> str:
    return "-" if v is None else f"{v:.3f}"


def format_table(report: dict[str, Any]) -> str:
    """The printed report: one line per figure, the timings, the topics confusion table."""
    lines = [f"newsdesk quality report — corpora {report['corpora_dir']}",
             "versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()), "",
             f"{'figure':<34} {'ours':>7} {'baseline':>9} {'target':>7} {'n':>5}  status"]
    for name, f in report["figures"].items():
        status = []
        if f["target"] is not None:
            status.append("meets target" if f["ours"] >= f["target"] else "BELOW TARGET")
        if name in MUST_BEAT_BASELINE and f["baseline"] is not None:
            status.append("not below baseline" if f["ours"] >= f["baseline"] else "BELOW BASELINE")
        if f.get("reference"):
            status.append(f"reference {f['reference'][1]}: {f['reference'][0]:.3f}")
        n = "" if f["n"] is None else str(f["n"])
        lines.append(f"{name:<34} {_fmt(f['ours']):>7} {_fmt(f['baseline']):>9} {_fmt(f['target']):>7} {n:>5}  "
                     + "; ".join(status))
    for name, why in report["missing"].items():
        lines.append(f"{name:<34} {'missing':>7} {'':>9} {_fmt(TARGETS.get(name)):>7} {'':>5}  {why}")
    lines += ["", "seconds (ours = newsdesk code, baseline = trafilatura alone; same pages, same run):"]
    for part, s in report["seconds"].items():
        if part == "total":
            continue
        base = f", baseline {s['baseline']:.1f}" if "baseline" in s else ""
        lines.append(f"  {part:<9} ours {s['ours']:.1f}{base}")
    lines.append(f"  total     {report['seconds']['total']:.1f}")
    if "title_sources_disagree" in report:
        f = report["title_sources_disagree"]
        lines += ["", f"fundus titles: on {sum(f.values())} pages the JSON-LD headline and og:title disagree; the gold "
                  f"took the JSON-LD headline on {f['json-ld']}, og:title on {f['og:title']}, "
                  f"neither on {f['neither']}"]
    if "topics_confusion" in report:
        c = report["topics_confusion"]
        lines += ["", "topics confusion: rows = first gold level-1 code, columns = predicted top-1 (-- = no topic)",
                  c["table"], "codes: " + "; ".join(f"{k} {v}" for k, v in c["codes"].items())]
    return "\n".join(lines)
