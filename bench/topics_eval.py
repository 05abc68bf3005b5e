"""Topic classifier quality on our hand-labelled articles (bench/topics_labels.csv) from the shared corpora.

Usage: python bench/topics_eval.py [--misses]

Reads the article texts from the corpora at run time (NEWSDESK_CORPORA, default <project>/../shared/corpora); the
repository holds only references and our labels. Prints top-1 / top-3 accuracy over level-1 topics (a hit when any
gold code is among the predicted level-1 codes), overall and per split ("dev": articles read while the lexicon was
written; "holdout": labelled after the lexicon was written, never used for tuning), a confusion table (first gold code
vs predicted top-1) and timing.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import json
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsdesk.enrich.topics import classify, taxonomy

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "topics_labels.csv"


@dataclass
class Item:
    corpus: str
    ref: str
    gold: list[str]
    split: str
    title: str
    text: str
    language: str | None


def corpora_dir() -> Path:
    """Where the shared corpora live (never copied into the project)."""
    return Path(os.environ.get("NEWSDESK_CORPORA", ROOT.parent / "shared" / "corpora")).resolve()


def _html_title(path: Path) -> str:
    """The page's <title>, as a fetcher would see it (the AEB gold has body text only)."""
    raw = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
    m = re.search(r"<title[^>]*>(.*?)</title>", raw, re.S | re.I)
    return " ".join(html.unescape(m.group(1)).split()) if m else ""


def load_items(base: Path) -> list[Item]:
    """Join our labels with the corpora's own texts."""
    with LABELS.open(newline="", encoding="utf-8") as f:
        labels = list(csv.DictReader(f))
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
    for lab in labels:
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
            raise ValueError(f"unknown corpus {corpus!r} in {LABELS}")
    return items


def main(argv: list[str]) -> int:
    """Run the classifier over the labelled set and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list the articles whose gold is not in the top 3")
    args = ap.parse_args(argv)
    base = corpora_dir()
    if not (base / "README.md").exists():
        print(f"corpora not found at {base} (set NEWSDESK_CORPORA)", file=sys.stderr)
        return 2
    items = load_items(base)
    level1 = taxonomy().query("level == 1").set_index("code")["label"].to_dict()
    short = {c: c.split(":")[1][:2] for c in level1}  # medtop:16000000 -> "16"

    classify("warm up", "compile the lexicon once")  # keep the one-off regex compilation out of the timing
    top1: Counter[str] = Counter()
    top3: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
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
            got = ",".join(short[c] for c in ranked[:3]) or "none"
            gold = "/".join(short[g] for g in it.gold)
            misses.append(f"  [{it.split}] {it.corpus}:{it.ref[:48]}  gold={gold}  top3={got}")

    n = len(items)
    by_corpus = Counter(it.corpus for it in items)
    print(f"articles: {n} ({', '.join(f'{k} {v}' for k, v in sorted(by_corpus.items()))})")
    splits = Counter(it.split for it in items)
    for key, size in [("all", n)] + sorted(splits.items()):
        print(
            f"{key:>8}: top-1 accuracy {top1[key] / size:.3f} ({top1[key]}/{size})   "
            f"top-3 accuracy {top3[key] / size:.3f} ({top3[key]}/{size})"
        )
    print(f"speed: {elapsed / n * 1000:.2f} ms/article, {elapsed / max(words, 1) * 1e6:.2f} ms per 1,000 words")
    print()
    print("confusion: rows = first gold level-1 code, columns = predicted top-1 (-- = no topic)")
    cols = sorted({p for _, p in confusion}, key=lambda c: (c == "--", c))
    rows = sorted({g for g, _ in confusion})
    print("gold\\pred " + " ".join(f"{c:>3}" for c in cols) + "   n")
    for g in rows:
        cells = [confusion.get((g, c), 0) for c in cols]
        print(f"{g:>4}      " + " ".join(f"{x or '.':>3}" for x in cells) + f" {sum(cells):>3}")
    print()
    print("codes: " + "; ".join(f"{short[c]} {label}" for c, label in sorted(level1.items())))
    if args.misses and misses:
        print()
        print("gold not in top 3:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
