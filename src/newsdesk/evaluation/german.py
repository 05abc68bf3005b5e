"""German enrichment measured on our own labels of 28 German pages of the fundus corpus (`bench/german_labels/`).

The labels were written by team members reading the text newsdesk extracts from each page (every fourth German
page of the corpus in manifest order), without looking at the German extractor, following
`bench/german_labels/GUIDELINES.md`: document-level sets of named people, organisations, countries (ISO codes)
and places, and every calendar date expression with its resolved TIMEX3-style value. They are our labels, not an
independent benchmark: read the figures as a regression guard and a rough level, not as a published score.

* ``german_actor_f1`` (+ precision, recall): our actors (person, organisation, country, place) of the page body
  against the gold entities; an actor matches a gold entity when one of its names or aliases equals one of the
  gold's names after normalisation with German case endings folded (`de_key`; countries: by ISO code),
  one-to-one (maximum matching). People are also
  matched by the gold's surname alone (the gold lists "Olaf Scholz", the body may call him "Scholz" only in a
  quote we keep).
* ``german_date_exact``: the share of gold date expressions that one of our date mentions overlaps with the gold
  granularity and a range inside the gold range (as ``meantime_date_exact``); ``german_date_found``: overlapped at
  all; ``german_date_precision``: the share of all our date mentions that exactly match a gold expression
  (a mention where the labels have none counts against it).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.evaluation.meantime import _matches, _max_matching, gold_range, name_key
from newsdesk.record import Actor, DateMention

LABELS_DIR = Path(__file__).resolve().parents[3] / "bench" / "german_labels"


def default_labels() -> Path:
    return LABELS_DIR


@dataclass
class GoldDoc:
    file: str
    published: str
    entities: list[tuple[str, set[str]]]  # (kind, name keys) — kind: person | organization | country | place
    dates: list[dict[str, Any]]


def de_key(name: str) -> str:
    """`name_key` with German case endings folded, on both sides: the labels give names in the nominative
    ("Internationaler Währungsfonds", "Naher Osten"), the text inflects them ("des Internationalen
    Währungsfonds", "im Nahen Osten")."""
    return " ".join(re.sub(r"(?:er|en|es|em|e|s)$", "", w) if len(w) >= 5 else w for w in name_key(name).split())


def load_labels(labels_dir: Path) -> list[GoldDoc]:
    out = []
    for path in sorted(Path(labels_dir).glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        ents: list[tuple[str, set[str]]] = []
        for name in d.get("people", []):
            keys = {de_key(name)}
            if len(name.split()) > 1:
                keys.add(de_key(name.split()[-1]))
            ents.append(("person", keys))
        ents += [("organization", {de_key(n)}) for n in d.get("organizations", [])]
        ents += [("country", {"iso:" + c.upper()}) for c in d.get("countries", [])]
        ents += [("place", {de_key(n)}) for n in d.get("places", [])]
        out.append(GoldDoc(d["file"], d["published"], ents, d.get("dates", [])))
    return out


def _keys(actor: Actor) -> set[str]:
    keys = {de_key(n) for n in [actor.name, *actor.aliases] if de_key(n)}
    if actor.type == "country" and actor.country:
        keys.add("iso:" + actor.country)
    return keys


def _locate(text: str, dates: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Gold date expressions (listed in text order) at their offsets in the body."""
    out, pos = [], 0
    for g in dates:
        at = text.find(g["text"], pos)
        if at < 0:
            at = text.find(g["text"])
        if at < 0:
            continue
        out.append((at, at + len(g["text"]), g))
        pos = at + 1
    return out


@dataclass
class Score:
    docs: int = 0
    gold: int = 0
    ours: int = 0
    matched: int = 0
    dates_gold: int = 0
    dates_found: int = 0
    dates_exact: int = 0
    dates_ours: int = 0
    dates_ours_exact: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    date_misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        p = self.matched / max(1, self.ours)
        r = self.matched / max(1, self.gold)
        return {"german_actor_f1": 2 * p * r / (p + r) if p + r else 0.0, "german_actor_precision": p,
                "german_actor_recall": r, "german_date_exact": self.dates_exact / max(1, self.dates_gold),
                "german_date_found": self.dates_found / max(1, self.dates_gold),
                "german_date_precision": self.dates_ours_exact / max(1, self.dates_ours)}


def evaluate(corpora_dir: Path, labels_dir: Path | None = None) -> dict[str, Any]:
    """Clean each labelled page and run the German enrichment on it, as the pipeline does."""
    import gzip
    from datetime import date

    from newsdesk.clean import clean
    from newsdesk.enrich.facts import enrich_batch
    from newsdesk.sources.files import InputRecord

    golds = load_labels(labels_dir or LABELS_DIR)
    base = Path(corpora_dir) / "fundus"
    manifest = {json.loads(x)["html_file"]: json.loads(x) for x in (base / "manifest.jsonl").open(encoding="utf-8")}
    t0 = time.perf_counter()
    arts = []
    for g in golds:
        row = manifest[g.file]
        art = clean(InputRecord(f"fundus/{g.file}", "html", html=gzip.open(base / g.file, "rb").read(), url=row["url"]))
        # the labels resolve relative dates against the labelled publication day
        arts.append(art)
    facts = enrich_batch(arts)
    seconds = time.perf_counter() - t0
    s = Score()
    for g, art, f in zip(golds, arts, facts):
        s.docs += 1
        pub = date.fromisoformat(g.published[:10])
        ours = [a for a in f.actors if a.type in ("person", "organization", "country", "place")]
        names = [_keys(a) for a in ours]
        edges = {i: [j for j, (_, keys) in enumerate(g.entities) if names[i] & keys] for i in range(len(ours))}
        match = _max_matching({i: js for i, js in edges.items() if js})
        s.gold += len(g.entities)
        s.ours += len(ours)
        s.matched += len(match)
        hit = set(match.values())
        tag = g.file.rsplit("/", 1)[-1]
        s.misses += [f"{tag} {k} {sorted(keys)[0]!r}" for j, (k, keys) in enumerate(g.entities) if j not in hit]
        s.wrong += [f"{tag} {a.type} {a.name!r}" for i, a in enumerate(ours) if i not in match]
        located = _locate(art.text, g.dates)
        mentions: list[DateMention] = [m for m in f.dates if m.function != "creation_time"]  # not the dateline
        if art.published_at is None or art.published_at.date() != pub:
            from newsdesk.enrich.facts import german_dates

            mentions = german_dates(art, pub)
        exact_ours: set[int] = set()
        for a, b, gd in located:
            rng = gold_range(gd["value"])
            if rng is None:
                continue
            s.dates_gold += 1
            over = [i for i, m in enumerate(mentions) if m.offset < b and a < m.offset + len(m.text)]
            s.dates_found += bool(over)
            ok = [i for i in over if _matches(mentions[i], rng)]
            if ok:
                s.dates_exact += 1
                exact_ours.update(ok)
            else:
                got = "; ".join(f"{mentions[i].text!r}->{mentions[i].start}/{mentions[i].granularity}" for i in over)
                s.date_misses.append(f"{tag} {gd['text']!r}={gd['value']} got: {got or '-'}")
        # precision over every mention we produce (a mention no gold expression overlaps is wrong)
        s.dates_ours += len(mentions)
        s.dates_ours_exact += len(exact_ours)
        gold_spans = [(a, b) for a, b, _ in located]
        s.date_misses += [f"{tag} extra {m.text!r}->{m.start}/{m.granularity}" for m in mentions
                          if not any(m.offset < b and a < m.offset + len(m.text) for a, b in gold_spans)]
    out: dict[str, Any] = {k: round(v, 4) for k, v in s.figures().items()}
    out.update({"n": s.docs, "gold_entities": s.gold, "our_actors": s.ours, "gold_dates": s.dates_gold,
                "seconds": seconds, "misses": s.misses, "wrong": s.wrong, "date_misses": s.date_misses})
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    from newsdesk.settings import load_settings

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=None)
    ap.add_argument("--misses", action="store_true", help="list missed and wrong actors and dates")
    args = ap.parse_args(argv)
    r = evaluate(args.corpora or load_settings().corpora_dir)
    for k in ("german_actor_f1", "german_actor_precision", "german_actor_recall", "german_date_exact",
              "german_date_found", "german_date_precision"):
        print(f"{k:<26} {r[k]:.3f}")
    print(f"documents {r['n']}, gold entities {r['gold_entities']}, our actors {r['our_actors']}, "
          f"gold dates {r['gold_dates']}, {r['seconds']:.1f} s")
    if args.misses:
        for title, rows in (("missed", r["misses"]), ("wrong", r["wrong"]), ("dates", r["date_misses"])):
            print(f"\n== {title} ({len(rows)})")
            print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
