"""Metadata and body extraction on the fundus corpus (258 real news pages with hand-checked publisher parsers).

Figures, each for all pages and for the English ones (``language == "en"`` in the corpus manifest):

* ``title_exact``: our title equals the gold title after normalisation N (below);
* ``date_same_day``: the publication date falls on the gold's calendar day, read in the gold's own timezone
  (its UTC offset; a gold without an offset is taken as written). A value with a time of day is converted to
  that offset before its date is taken; a value with only a day (trafilatura's ``YYYY-MM-DD``, or one of our
  naive-UTC datetimes at exactly 00:00:00, which is how a date without a time lands) is compared as that day;
* ``authors_exact``: the set of author names equals the gold set after N plus case folding (the same person
  spelled "JANE ROE" or "Jane Roe"); a page whose gold has no authors is right only when we find none;
* ``authors_exact_people``: the same, on the pages whose gold names only people; ``authors_exact_credits`` on
  the pages whose gold names people and wire agencies only. The gold also credits desks and the outlet itself
  on many pages ("BBC News", "MND Staff", "ORF.at"), which newsdesk drops on purpose (authors are the people and
  agencies who wrote the copy, never the outlet); ``authors_ceiling`` is the share of pages that rule can get
  right. A gold name is an agency, a desk or the outlet by fixed word lists and the manifest's publisher name
  or domain (never newsdesk's own filter);
* ``title_sources``: each title source of the page (JSON-LD headline, og:title, <h1>, twitter:title, <title>,
  cleaned as newsdesk cleans them) taken alone, and ``title_any_source``, the share of pages where at least one
  is right: the ceiling of any rule that picks among the page's own titles; and, on the pages whose JSON-LD
  headline and og:title disagree, which of the two the gold took;
* ``body_f1`` (+ precision, recall): the scrapinghub 4-gram shingle metric (``newsdesk.evaluation.aeb.score``)
  of our text against the gold body (summary, section headlines and paragraphs).

Normalisation N, applied identically to ours, the baseline and the gold: Unicode NFC, every run of whitespace
(including no-break and zero-width spaces) collapsed to one space, stripped; case is kept for titles.

Ours = ``newsdesk.clean.clean`` on an ``InputRecord`` built as the file loader builds it, with the page's URL.
Baseline = trafilatura 2.3.1 ``bare_extraction(with_metadata=True, include_comments=False)`` alone (its
``title``, ``date``, ``author`` split on ";", ``text``), run in the same process on the same pages.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsdesk.evaluation.aeb import doc_counts, score
from newsdesk.sources.files import InputRecord

_WS = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+")


def norm(text: str | None) -> str:
    """Normalisation N: NFC, whitespace runs to one space, stripped (case kept)."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def norm_authors(names: list[str] | None) -> frozenset[str]:
    return frozenset(n for n in (norm(a).casefold() for a in names or []) if n)


@dataclass
class Extracted:
    """What one extractor said about one page."""

    title: str
    published: datetime | date | None  # aware / naive datetime, or a bare day
    authors: list[str]
    text: str


def gold_day(value: str) -> tuple[date, timezone | None]:
    dt = datetime.fromisoformat(value)
    return dt.date(), (dt.tzinfo if dt.tzinfo is not None else None)  # type: ignore[return-value]


def same_day(found: datetime | date | None, gold: str) -> bool:
    """Whether `found` is on the gold's day in the gold's timezone (see the module docstring)."""
    if found is None:
        return False
    gday, gtz = gold_day(gold)
    if not isinstance(found, datetime):
        return found == gday
    if found.tzinfo is None:
        if found.time() == datetime.min.time():
            return found.date() == gday  # a day without a time of day
        found = found.replace(tzinfo=timezone.utc)  # our naive datetimes are UTC
    if gtz is None:
        return found.date() == gday if found.utcoffset() is None else found.astimezone(timezone.utc).date() == gday
    return found.astimezone(gtz).date() == gday


def load(corpora_dir: Path) -> list[dict[str, Any]]:
    """Manifest rows joined with the flattened gold (read from the corpora, never copied)."""
    base = Path(corpora_dir) / "fundus"
    manifest = [json.loads(x) for x in (base / "manifest.jsonl").open(encoding="utf-8")]
    gold = {r["html_file"]: r for r in (json.loads(x) for x in (base / "expected_flat.jsonl").open(encoding="utf-8"))}
    items = []
    for row in manifest:
        g = gold[row["html_file"]]
        items.append({"file": row["html_file"], "url": row["url"], "language": row["language"],
                      "publisher": row["publisher"], "publisher_name": row.get("publisher_name") or row["publisher"],
                      "domain": row.get("domain") or "", "gold": g,
                      "html": gzip.open(base / row["html_file"], "rb").read()})
    return items


def ours(item: dict[str, Any]) -> Extracted:
    from newsdesk.clean import CleanError, clean

    rec = InputRecord(f"fundus/{item['file']}", "html", html=item["html"], url=item["url"])
    try:
        art = clean(rec)
    except CleanError:
        return Extracted("", None, [], "")
    published = art.published_at if art.published_source not in (None, "file-mtime") else None
    return Extracted(art.title, published, list(art.authors), art.text)


def baseline(item: dict[str, Any]) -> Extracted:
    import trafilatura
    from trafilatura.settings import Document

    from newsdesk.sources.files import decode_text

    doc = trafilatura.bare_extraction(decode_text(item["html"]), url=item["url"], with_metadata=True,
                                      include_comments=False)
    if not isinstance(doc, Document):  # None: trafilatura found no text
        return Extracted("", None, [], "")
    day = None
    if doc.date:
        try:
            day = date.fromisoformat(doc.date[:10])
        except ValueError:
            day = None
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Extracted(doc.title or "", day, authors, doc.text or "")


_AGENCY = re.compile(
    r"\b(?:dpa|afp|ap|reuters|associated press|sda|sid|epd|kna|apa|ansa|efe|xinhua|anadolu ajansı|anadolu agency)\b"
    r"|presse-agentur", re.I)
_DESK = re.compile(r"redaktion|redaction|staff|team|newsroom|agentur|agency", re.I)


def _loose(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text).casefold() if c.isalnum())


def gold_credit_kind(item: dict[str, Any]) -> str:
    """What the gold author list credits: "people" (only people), "agency" (people and wire agencies), or
    "outlet" (a desk, or the outlet itself by the manifest's publisher name or domain). Judged from the corpus
    alone, with fixed word lists, never with newsdesk's own author filter."""
    outlet = {_loose(item["publisher_name"]), _loose(item["publisher"])}
    host = re.sub(r"^https?://(www\.)?", "", item["domain"]).split("/")[0]
    outlet |= {_loose(host), _loose(host.split(".")[0])}
    outlet = {o for o in outlet if len(o) >= 3}
    kind = "people"
    for name in item["gold"].get("authors") or []:
        k = _loose(name)
        if any(o in k for o in outlet) or (_DESK.search(name) and not _AGENCY.search(name)):
            return "outlet"
        if _AGENCY.search(name):
            kind = "agency"
    return kind


def gold_names_people(item: dict[str, Any]) -> bool:
    """Whether the gold author list names only people (no wire agency, desk or outlet)."""
    return gold_credit_kind(item) == "people"


TITLE_SOURCES = ("json-ld", "og:title", "h1", "twitter:title", "title")


def title_sources(items: list[dict[str, Any]]) -> dict[str, Any]:
    """How each of a page's own title sources (cleaned as newsdesk cleans them) matches the gold: the share of
    pages where the source alone is right, where any source is right (the ceiling of choosing among them),
    and how often the JSON-LD headline and og:title both exist and disagree."""
    from trafilatura.utils import load_html

    from newsdesk import metadata
    from newsdesk.clean import _decode_html

    right = {s: 0 for s in TITLE_SOURCES}
    any_right = 0
    follows = {"json-ld": 0, "og:title": 0, "neither": 0}  # on pages where the two disagree, which the gold took
    for it in items:
        tree = load_html(_decode_html(it["html"])[0])
        # each source taken alone: cleaned of site names, not cut against the other sources
        page = metadata.extract(tree, it["url"]) if tree is not None else None
        cands = [(src, metadata.strip_site_name(t, page.outlet_keys)) for src, t in page.raw_titles] if page else []
        gold = norm(it["gold"]["title"])
        first: dict[str, str] = {}
        for src, t in cands:
            first.setdefault(src, t)
        for src in TITLE_SOURCES:
            right[src] += norm(first.get(src)) == gold
        any_right += any(norm(t) == gold for _, t in cands)
        j, o = first.get("json-ld"), first.get("og:title")
        if j and o and norm(j) != norm(o):
            follows["json-ld" if norm(j) == gold else "og:title" if norm(o) == gold else "neither"] += 1
    n = len(items) or 1
    return {"title_any_source": any_right / n, "title_sources_disagree": follows,
            **{f"title_{s.replace(':', '_').replace('-', '_')}_only": right[s] / n for s in TITLE_SOURCES}}


def judge(item: dict[str, Any], got: Extracted) -> dict[str, Any]:
    g = item["gold"]
    return {
        "title": norm(got.title) == norm(g["title"]),
        "date": same_day(got.published, g["publishing_date"]) if g.get("publishing_date") else None,
        "authors": norm_authors(got.authors) == norm_authors(g.get("authors")),
        "body": doc_counts(g["body_text"], got.text),
    }


def figures(items: list[dict[str, Any]], got: dict[str, Extracted]) -> dict[str, float]:
    verdicts = [judge(it, got[it["file"]]) for it in items]
    dated = [v["date"] for v in verdicts if v["date"] is not None]
    body = score((it["gold"]["body_text"], got[it["file"]].text) for it in items)
    n = len(items)
    kinds = [gold_credit_kind(it) for it in items]
    people = [v["authors"] for k, v in zip(kinds, verdicts) if k == "people"]
    credits = [v["authors"] for k, v in zip(kinds, verdicts) if k != "outlet"]
    return {
        "title_exact": sum(v["title"] for v in verdicts) / n,
        "date_same_day": sum(dated) / len(dated) if dated else 0.0,
        "authors_exact": sum(v["authors"] for v in verdicts) / n,
        "authors_exact_people": sum(people) / len(people) if people else 0.0,
        "n_people": len(people),
        # pages whose gold credits people and wire agencies only: what "authors are people and the agencies
        # credited, never the outlet or a desk" can reach, and how much of the corpus that is
        "authors_exact_credits": sum(credits) / len(credits) if credits else 0.0,
        "n_credits": len(credits), "authors_ceiling": len(credits) / n,
        "body_f1": body["f1"], "body_precision": body["precision"], "body_recall": body["recall"],
        "n": n,
    }


@lru_cache(maxsize=4)
def _baseline_run(corpora_dir: str) -> tuple[dict[str, Extracted], float]:
    items = load(Path(corpora_dir))
    t0 = time.perf_counter()
    out = {it["file"]: baseline(it) for it in items}
    return out, time.perf_counter() - t0


def evaluate(corpora_dir: Path, with_baseline: bool = True, details: bool = False) -> dict[str, Any]:
    """Figures for all pages and for English pages, ours and (cached per process) the baseline."""
    items = load(Path(corpora_dir))
    t0 = time.perf_counter()
    got = {it["file"]: ours(it) for it in items}
    seconds = time.perf_counter() - t0
    english = [it for it in items if it["language"] == "en"]
    res: dict[str, Any] = {"n": len(items), "n_en": len(english),
                           "ours": {"all": figures(items, got), "en": figures(english, got)},
                           "seconds": {"ours": seconds}, "title_sources": title_sources(items)}
    base: dict[str, Extracted] = {}
    if with_baseline:
        base, base_s = _baseline_run(str(Path(corpora_dir).resolve()))
        res["baseline"] = {"all": figures(items, base), "en": figures(english, base)}
        res["seconds"]["baseline"] = base_s
    if details:
        res["docs"] = [
            {"file": it["file"], "language": it["language"],
             "gold": {k: it["gold"][k] for k in ("title", "authors", "publishing_date")},
             "ours": {"title": got[it["file"]].title, "authors": got[it["file"]].authors,
                      "published": str(got[it["file"]].published), "ok": judge(it, got[it["file"]])},
             "baseline": ({"title": base[it["file"]].title, "authors": base[it["file"]].authors,
                           "published": str(base[it["file"]].published), "ok": judge(it, base[it["file"]])}
                          if with_baseline else None)}
            for it in items
        ]
    return res
