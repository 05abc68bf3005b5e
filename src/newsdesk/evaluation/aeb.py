"""Body extraction on the scrapinghub / Zyte article-extraction-benchmark (``scrapinghub_aeb``).

The metric is the benchmark's own, as its ABOUT.md spells it (re-implemented here, no code copied):

1. tokens = ``re.findall(r"\\w+", text)`` (Unicode, case kept);
2. 4-gram shingles (tuples of 4 consecutive tokens) as a multiset; a text of 1-3 tokens is one shorter shingle,
   an empty text has none;
3. per document: tp = sum of min(count_true, count_pred), fp = predicted excess, fn = missing; each count divided
   by tp + fp + fn so every document weighs the same;
4. precision_doc = tp / (tp + fp), recall_doc = tp / (tp + fn), each 1 when its error count is 0; a document
   enters the mean only when tp + fp + fn > 0;
5. precision and recall are macro-averaged over documents, F1 = 2PR / (P + R) of the two means;
6. accuracy = share of documents whose token sequences are identical.

``evaluate`` runs our pipeline (``newsdesk.clean.clean`` on an ``InputRecord`` built like the file loader builds
it, with the page's URL) and the baseline, trafilatura 2.3.1 ``bare_extraction(with_metadata=True,
include_comments=False)`` alone (comments off: the benchmark's own setting, 0.960 here as the corpora README
says), on every page, in the same run.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from newsdesk.sources.files import InputRecord

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def doc_counts(expected: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one document, normalised so they add up to 1 (all 0 when both texts are empty)."""
    t, p = shingles(expected), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def score(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """The benchmark's figures over (expected, predicted) pairs: f1, precision, recall, accuracy, n."""
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    n = 0
    for expected, predicted in pairs:
        n += 1
        exact += tokens(expected) == tokens(predicted)
        tp, fp, fn = doc_counts(expected, predicted)
        if tp + fp + fn == 0:
            continue
        precisions.append(1.0 if fp == 0 else tp / (tp + fp))
        recalls.append(1.0 if fn == 0 else tp / (tp + fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": f1, "precision": p, "recall": r, "accuracy": exact / n if n else 0.0, "n": n}


def load(corpora_dir: Path) -> list[dict[str, Any]]:
    """The benchmark's pages: item id, URL, gold body and the page's HTML (read from the corpora, never copied)."""
    base = Path(corpora_dir) / "scrapinghub_aeb"
    gt = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    items = []
    for item_id in sorted(gt):
        html = gzip.open(base / "html" / f"{item_id}.html.gz", "rb").read()
        items.append({"id": item_id, "url": gt[item_id].get("url"), "expected": gt[item_id]["articleBody"],
                      "html": html})
    return items


def ours(item: dict[str, Any]) -> str:
    """Our pipeline's text for one page ("" when the cleaner rejects the page)."""
    from newsdesk.clean import CleanError, clean

    rec = InputRecord(f"scrapinghub_aeb/{item['id']}.html.gz", "html", html=item["html"], url=item["url"])
    try:
        return clean(rec).text
    except CleanError:
        return ""


def baseline(item: dict[str, Any]) -> str:
    """trafilatura alone: ``bare_extraction(with_metadata=True, include_comments=False)`` (the benchmark's setting)."""
    import trafilatura
    from trafilatura.settings import Document

    from newsdesk.sources.files import decode_text

    doc = trafilatura.bare_extraction(decode_text(item["html"]), url=item["url"], with_metadata=True,
                                      include_comments=False)
    return (doc.text or "") if isinstance(doc, Document) else ""  # None: trafilatura found no text


@lru_cache(maxsize=4)
def _baseline_run(corpora_dir: str) -> tuple[dict[str, str], float]:
    items = load(Path(corpora_dir))
    t0 = time.perf_counter()
    out = {it["id"]: baseline(it) for it in items}
    return out, time.perf_counter() - t0


def evaluate(corpora_dir: Path, with_baseline: bool = True, details: bool = False) -> dict[str, Any]:
    """aeb_body_f1 / precision / recall / accuracy for ours and (cached per process) for the baseline."""
    items = load(Path(corpora_dir))
    t0 = time.perf_counter()
    predicted = {it["id"]: ours(it) for it in items}
    seconds = time.perf_counter() - t0
    res: dict[str, Any] = {"n": len(items), "ours": score((it["expected"], predicted[it["id"]]) for it in items),
                           "seconds": {"ours": seconds}}
    if with_baseline:
        base, base_s = _baseline_run(str(Path(corpora_dir).resolve()))
        res["baseline"] = score((it["expected"], base[it["id"]]) for it in items)
        res["seconds"]["baseline"] = base_s
    if details:
        res["docs"] = [
            {"id": it["id"], "url": it["url"], "ours": doc_counts(it["expected"], predicted[it["id"]]),
             "baseline": doc_counts(it["expected"], base[it["id"]]) if with_baseline else None}
            for it in items
        ]
    return res
