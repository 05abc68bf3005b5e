"""Topic classifier quality on our hand-labelled articles (``bench/topics_labels.csv``) from the shared corpora.

The repository holds only article references and our labels; the texts are read from the corpora at run time.
Figures: top-1 / top-3 accuracy over level-1 IPTC Media Topics (a hit when any gold code is among the predicted
level-1 codes), overall and per split ("dev": articles read while the lexicon was written; "holdout": labelled
after the lexicon was written, never used for tuning), a confusion table (first gold code vs predicted top-1) and
timing. The classifier (``newsdesk.enrich.topics.classify``) sees each article's title and gold body text.
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def default_labels() -> Path:
    from newsdesk.settings import load_settings

    return load_settings().root / "bench" / "topics_labels.csv"


@dataclass
class Item:
    corpus: str
    ref: str
    gold: list[str]
    split: str
    title: str
    text: str
    language: str | None


def _html_title(path: Path) -> str:
    """The page's <title>, as a fetcher would see it (the AEB gold has body text only)."""
    raw = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
    m = re.search(r"<title[^>]*>(.*?)</title>", raw, re.S | re.I)
    return " ".join(html.unescape(m.group(1)).split()) if m else ""


def load_items(base: Path, labels: Path | None = None) -> list[Item]:
    """Join our labels with the corpora's own texts."""
    labels = labels or default_labels()
    with labels.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    fundus = {}
    for line in (base / "fundus" / "expected_flat.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        fundus[row["html_file"]] = row
    aeb = json.loads((base / "scrapinghub_aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    meantime = {}
    for line in (base / "meantime_en" / "meantime_en_intradoc_flat.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        meantime[doc["doc_id"]] = doc
    items = []
    for lab in rows:
        gold = [g.strip() for g in lab["gold"].split(";") if g.strip()]
        corpus, ref, split = lab["corpus"], lab["ref"], lab.get("split") or "dev"
        if corpus == "fundus":
            row = fundus[ref]
            items.append(Item(corpus, ref, gold, split, row["title"], row["body_text"], row["language"]))
        elif corpus == "scrapinghub_aeb":
            title = _html_title(base / "scrapinghub_aeb" / "html" / f"{ref}.html.gz")
            # language left to the classifier's guess (the AEB gold has none)
            items.append(Item(corpus, ref, gold, split, title, aeb[ref]["articleBody"], None))
        elif corpus == "meantime_en":
            doc = meantime[ref]
            body = doc["text"].split("\n", 1)[1] if "\n" in doc["text"] else doc["text"]  # line 0 repeats the title
            items.append(Item(corpus, ref, gold, split, doc["title"], body, "en"))
        else:
            raise ValueError(f"unknown corpus {corpus!r} in {labels}")
    return items


def evaluate(corpora_dir: Path, labels: Path | None = None) -> dict[str, Any]:
    """Run the classifier over the labelled set: accuracy per split, confusion counts, misses, timing."""
    from newsdesk.enrich.topics import classify, taxonomy

    items = load_items(Path(corpora_dir), labels)
    level1 = taxonomy().query("level == 1").set_index("code")["label"].to_dict()
    short = {c: c.split(":")[1][:2] for c in level1}  # medtop:16000000 -> "16"

    classify("warm up", "compile the lexicon once")  # keep the one-off regex compilation out of the timing
    top1: Counter[str] = Counter()
    top3: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    misses: list[dict[str, Any]] = []
    elapsed = 0.0
    words = 0
    for it in items:
        t0 = time.perf_counter()
        result = classify(it.title, it.text, it.language)
        elapsed += time.perf_counter() - t0
        words += len(it.title.split()) + len(it.text.split())
        ranked = [t.code for t in result if t.code in level1]
        hit1 = bool(ranked) and ranked[0] in it.gold
        hit3 = any(g in ranked[:3] for g in it.gold)
        for key in ("all", it.split):
            top1[key] += hit1
            top3[key] += hit3
        confusion[(short[it.gold[0]], short[ranked[0]] if ranked else "--")] += 1
        if not hit3:
            misses.append({"split": it.split, "corpus": it.corpus, "ref": it.ref,
                           "gold": [short[g] for g in it.gold], "top3": [short[c] for c in ranked[:3]]})
    n = len(items)
    sizes = Counter(it.split for it in items)
    sizes["all"] = n
    splits = {k: {"n": size, "top1": top1[k] / size, "top3": top3[k] / size, "hits1": top1[k], "hits3": top3[k]}
              for k, size in sizes.items()}
    return {
        "n": n,
        "by_corpus": dict(sorted(Counter(it.corpus for it in items).items())),
        "splits": splits,
        "top1": splits["all"]["top1"] if n else 0.0,
        "top3": splits["all"]["top3"] if n else 0.0,
        "confusion": [{"gold": g, "pred": p, "n": c} for (g, p), c in sorted(confusion.items())],
        "codes": {short[c]: label for c, label in sorted(level1.items())},
        "misses": misses,
        "seconds": elapsed,
        "ms_per_article": elapsed / n * 1000 if n else 0.0,
        "ms_per_1000_words": elapsed / max(words, 1) * 1e6,
    }


def confusion_table(res: dict[str, Any]) -> str:
    """Rows = first gold level-1 code, columns = predicted top-1 (-- = no topic)."""
    cells = {(c["gold"], c["pred"]): c["n"] for c in res["confusion"]}
    cols = sorted({p for _, p in cells}, key=lambda c: (c == "--", c))
    rows = sorted({g for g, _ in cells})
    out = ["gold\\pred " + " ".join(f"{c:>3}" for c in cols) + "   n"]
    for g in rows:
        vals = [cells.get((g, c), 0) for c in cols]
        out.append(f"{g:>4}      " + " ".join(f"{x or '.':>3}" for x in vals) + f" {sum(vals):>3}")
    return "\n".join(out)


def format_report(res: dict[str, Any], misses: bool = False) -> str:
    lines = [f"articles: {res['n']} ({', '.join(f'{k} {v}' for k, v in res['by_corpus'].items())})"]
    order = ["all"] + sorted(k for k in res["splits"] if k != "all")
    for key in order:
        s = res["splits"][key]
        lines.append(f"{key:>8}: top-1 accuracy {s['top1']:.3f} ({s['hits1']}/{s['n']})   "
                     f"top-3 accuracy {s['top3']:.3f} ({s['hits3']}/{s['n']})")
    lines.append(f"speed: {res['ms_per_article']:.2f} ms/article, {res['ms_per_1000_words']:.2f} ms per 1,000 words")
    lines += ["", "confusion: rows = first gold level-1 code, columns = predicted top-1 (-- = no topic)",
              confusion_table(res), "", "codes: " + "; ".join(f"{c} {label}" for c, label in res["codes"].items())]
    if misses and res["misses"]:
        lines += ["", "gold not in top 3:"]
        lines += [f"  [{m['split']}] {m['corpus']}:{m['ref'][:48]}  gold={'/'.join(m['gold'])}  "
                  f"top3={','.join(m['top3']) or 'none'}" for m in res["misses"]]
    return "\n".join(lines)
