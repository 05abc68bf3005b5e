"""Dashboard query speed: every page's queries, as the pages run them, under typical filters.

    python bench/dashboard_speed.py --db FILE [--runs N] [--pages overview,actors,...]

Each page is replayed through dashboard/data.py's `query` (the same named SQL, bound parameters, persistent
read-only session and ceilings the pages use; later queries take their inputs from earlier results, as the pages
do) under six filter sets: none, a one-month range (the last full month of data), an actor (the most mentioned), a
topic (the most frequent), a source (the largest) and a search (the Articles search box, the actor search boxes
and the quote search, with no sidebar filter). The cache is cleared before every query, so each figure is a query
run, not a cache hit. One warm-up pass, then `--runs` timed passes.

Prints, per page and query: median, p95 and max milliseconds and the most rows it returned; per page: p95 and the
rows the page holds at once (the sum over its queries, the largest over the filter sets); and, as the last line,
`p95_ms=<number> max_ms=<number>` over every timed query.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Ctx:
    """The sample values the filter sets use, read from the database once."""

    first_day: date | None = None
    last_day: date | None = None
    actor: str | None = None
    actor_name: str = ""
    topic: str | None = None
    source: str | None = None
    search: str = ""


@dataclass
class Scenario:
    name: str
    filters: dict[str, Any]
    search: str = ""  # the search boxes' text ("" = empty boxes)


@dataclass
class Recorder:
    data: Any
    timings: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    rows: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    held: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[str] = field(default_factory=list)
    page: str = ""
    record: bool = True
    verbose: bool = False
    _page_rows: int = 0

    def q(self, name: str, *, order: str | None = None, **params: Any) -> Any:
        import pandas as pd

        self.data.clear_cache()
        t = time.perf_counter()
        try:
            frame = self.data.query(name, order=order, **params)
        except self.data.DataError as exc:
            self.failures.append(f"{self.page}/{name}: {type(exc).__name__}: {exc}")
            frame = pd.DataFrame()
        ms = (time.perf_counter() - t) * 1000
        if self.verbose:
            print(f"  {self.page}/{name}: {ms:.0f} ms, {len(frame)} rows", file=sys.stderr, flush=True)
        if self.record:
            self.timings[(self.page, name)].append(ms)
            self.rows[(self.page, name)] = max(self.rows[(self.page, name)], len(frame))
        self._page_rows += len(frame)
        return frame

    def start(self, page: str) -> None:
        self.page, self._page_rows = page, 0

    def end(self) -> None:
        if self.record:
            self.held[self.page] = max(self.held[self.page], self._page_rows)


# ---- the pages, as dashboard/views/*.py and ui.py call their queries -------------------------------------------

FILTER_OPTION_LIMIT, ACTOR_OPTION_LIMIT, MAX_CHART_ROWS, MAX_LIST_ROWS = 2_000, 200, 5_000, 1_000


def _bucket(r: Recorder, f: dict[str, Any]) -> str:
    span = r.q("filtered_date_span", **f)
    first = last = None
    if len(span) and span["first_day"].notna().iloc[0]:
        first, last = span["first_day"].iloc[0].date(), span["last_day"].iloc[0].date()
    first, last = f["start"] or first, f["end"] or last
    if first is None or last is None:
        return "month"
    days = (last - first).days + 1
    return "day" if days <= 92 else "week" if days <= 732 else "month" if days <= 12 * 366 else "year"


def sidebar(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    """ui.sidebar_filters: runs above every page (lookups of the URL's values on a session's first run)."""
    if f["actor"]:
        r.q("filter_actor_lookup", focus=f["actor"])
    if f["topic"]:
        r.q("filter_topic_lookup", topic=f["topic"])
    if f["source"]:
        r.q("filter_source_lookup", source=f["source"])
    r.q("filter_date_bounds")
    if s.search:
        r.q("actor_search", q=ctx.actor_name.split()[-1], limit=ACTOR_OPTION_LIMIT)
    else:
        r.q("filter_actors", limit=ACTOR_OPTION_LIMIT)
    r.q("filter_topics", limit=FILTER_OPTION_LIMIT)
    r.q("filter_sources", limit=FILTER_OPTION_LIMIT)


def overview(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    r.q("overview_counts", **f)
    r.q("articles_over_time", **f, bucket=_bucket(r, f), limit=MAX_CHART_ROWS)
    r.q("actors_top", **f, actor_type=None, limit=5, order="mentions")
    r.q("topics_top", **f, limit=5)
    r.q("stories_top", **f, limit=10)
    r.q("loads_latest", limit=10)


def actors(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    if s.search:
        listed = r.q("actor_search", q=ctx.actor_name.split()[-1], limit=100)
    else:
        listed = r.q("actors_top", **f, actor_type=None, limit=50, order="mentions")
    focus = f["actor"] or (str(listed["actor_id"].iloc[0]) if len(listed) else None)
    if focus is None:
        return
    r.q("actor_profile", focus=focus)
    r.q("actor_articles_count", **f, focus=focus)
    r.q("attention", **f, kind="actor", ids=[focus], bucket=_bucket(r, f), limit=5_000)
    r.q("actor_roles_written", **f, focus=focus, limit=100)
    r.q("actor_roles", **f, focus=focus, limit=50)
    r.q("actor_cooccurrence", **f, focus=focus, limit=500)
    pattern = r.data.escape_like(s.search.split()[0]) if s.search else None
    r.q("actor_quotes", **f, focus=focus, pattern=pattern, limit=1_000)
    r.q("actor_topics", **f, focus=focus, limit=50)
    r.q("actor_articles", **f, focus=focus, limit=MAX_LIST_ROWS)


def topics(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    top = r.q("topics_top", **f, limit=100)
    if not len(top):
        return
    codes = top["code"].head(5).astype(str).tolist()
    r.q("attention", **f, kind="topic", ids=codes, bucket=_bucket(r, f), limit=MAX_CHART_ROWS)


def trends(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    for kind in ("actor", "topic", "source"):
        if kind == "actor":
            top = r.q("actors_top", **f, actor_type=None, limit=50, order="articles")
            ids = top["actor_id"].astype(str).head(3).tolist() if len(top) else []
        elif kind == "topic":
            top = r.q("topics_top", **f, limit=200)
            ids = top["code"].astype(str).head(3).tolist() if len(top) else []
        else:
            top = r.q("filter_sources", limit=FILTER_OPTION_LIMIT)
            ids = top["site_name"].astype(str).head(3).tolist() if len(top) else []
        if ids:
            r.q("attention", **f, kind=kind, ids=ids, bucket=_bucket(r, f), limit=MAX_CHART_ROWS)


def stories(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    listed = r.q("stories_list", **f, limit=500)
    if len(listed):  # the page opens a story (?story=<story id>): the first listed
        r.q("story_articles", article_id=str(listed["story_id"].iloc[0]), limit=MAX_LIST_ROWS)


def dates(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    span = r.q("filtered_date_span", **f)
    start = end = None
    if len(span) and span["first_day"].notna().iloc[0]:
        start = max(date(1800, 1, 1), span["first_day"].iloc[0].date() - timedelta(days=31))
        end = span["last_day"].iloc[0].date() + timedelta(days=31)
    r.q("timeline_events", **f, event_start=start, event_end=end, granularities=[], limit=1_000)
    r.q("timeline_events_count", **f, event_start=start, event_end=end, granularities=[])


def places(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    r.q("map_places", **f, limit=500)


def articles(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    r.q("has_search_index")
    parsed = r.data.search_params(s.search) if s.search else None
    if parsed:
        total = r.q("articles_fts_count", **f, **parsed)
        found = int(total["total"].iloc[0]) if len(total) else 0
        rows = r.q("articles_fts", **f, **parsed, limit=25, offset=0, order="relevance") if found else None
    else:
        total = r.q("articles_count", **f, pattern=None)
        rows = r.q("articles_list", **f, pattern=None, limit=25, offset=0, order="newest")
    if rows is not None and len(rows):  # the page opens the first article of the list
        a = str(rows["article_id"].iloc[0])
        r.q("article_detail", article_id=a)
        r.q("article_actors", article_id=a, limit=500)
        r.q("article_dates", article_id=a, limit=500)
        r.q("article_topics", article_id=a, limit=100)
        r.q("article_quotes", article_id=a, limit=500)


def export(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    # the first page of each data set (the page reads on, page by page, only when a file is prepared)
    for name in ("export_articles", "export_actor_mentions", "export_quotes", "export_date_mentions",
                 "export_topics"):
        r.q(name, **f, limit=5_000, offset=0)


def quality(r: Recorder, f: dict[str, Any], s: Scenario, ctx: Ctx) -> None:
    r.q("quality_validation_latest", limit=200)
    r.q("quality_rejects_summary", limit=200)
    r.q("quality_rejects_count", stage=None)
    r.q("quality_validation_history", limit=500)
    r.q("quality_rejects", stage=None, limit=25, offset=0)


PAGES: dict[str, Callable[[Recorder, dict[str, Any], Scenario, Ctx], None]] = {
    "sidebar": sidebar, "overview": overview, "actors": actors, "topics": topics, "trends": trends,
    "stories": stories, "dates": dates, "places": places, "articles": articles, "export": export, "quality": quality,
}
SEARCH_PAGES = ("sidebar", "actors", "articles")  # the pages with a search box


def context(r: Recorder) -> Ctx:
    ctx = Ctx()
    bounds = r.q("filter_date_bounds")
    if len(bounds) and bounds["first_day"].notna().iloc[0]:
        ctx.first_day, ctx.last_day = bounds["first_day"].iloc[0].date(), bounds["last_day"].iloc[0].date()
    top = r.q("filter_actors", limit=1)
    if len(top):
        ctx.actor, ctx.actor_name = str(top["actor_id"].iloc[0]), str(top["name"].iloc[0])
    t = r.q("filter_topics", limit=1)
    ctx.topic = str(t["code"].iloc[0]) if len(t) else None
    so = r.q("filter_sources", limit=1)
    ctx.source = str(so["site_name"].iloc[0]) if len(so) else None
    # a two-word search: the top actor's surname and a word prefix
    ctx.search = f'{ctx.actor_name.split()[-1] if ctx.actor_name else "news"} minist*'
    return ctx


def scenarios(ctx: Ctx) -> list[Scenario]:
    none = {"start": None, "end": None, "actor": None, "topic": None, "source": None}
    out = [Scenario("none", dict(none))]
    if ctx.last_day:
        end = ctx.last_day.replace(day=1) - timedelta(days=1)  # the last full month
        out.append(Scenario("month", {**none, "start": end.replace(day=1), "end": end}))
    if ctx.actor:
        out.append(Scenario("actor", {**none, "actor": ctx.actor}))
    if ctx.topic:
        out.append(Scenario("topic", {**none, "topic": ctx.topic}))
    if ctx.source:
        out.append(Scenario("source", {**none, "source": ctx.source}))
    out.append(Scenario("search", dict(none), search=ctx.search))
    return out


def pct(values: list[float], p: float) -> float:
    xs = sorted(values)
    if not xs:
        return 0.0
    k = max(0, min(len(xs) - 1, int(round(p / 100 * len(xs) + 0.5)) - 1))  # nearest rank
    return xs[k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="the writer's database file (its <db>.lake/ is read)")
    ap.add_argument("--runs", type=int, default=5, help="timed passes after one warm-up pass")
    ap.add_argument("--pages", default=",".join(PAGES), help="comma-separated pages (default: all)")
    ap.add_argument("--timeout", type=float, default=120.0, help="per-query deadline, seconds")
    ap.add_argument("--verbose", action="store_true", help="print every query's time as it runs (stderr)")
    args = ap.parse_args(argv)

    os.environ["NEWSDESK_DB"] = str(args.db.resolve())
    os.environ["NEWSDESK_QUERY_TIMEOUT"] = str(args.timeout)
    sys.path.insert(0, str(ROOT / "dashboard"))
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    import data  # noqa: E402  (dashboard/data.py, as the pages import it)

    pages = [p for p in args.pages.split(",") if p]
    unknown = set(pages) - set(PAGES)
    if unknown:
        ap.error(f"unknown pages {sorted(unknown)}; known: {', '.join(PAGES)}")
    r = Recorder(data, verbose=args.verbose)
    t0 = time.perf_counter()
    r.record = False
    r.start("context")
    ctx = context(r)
    n_articles = int(data.query("articles_count", start=None, end=None, actor=None, topic=None, source=None,
                                pattern=None)["total"].iloc[0])
    scen = scenarios(ctx)
    print(f"database {args.db} ({n_articles:,} articles); {args.runs} timed runs after 1 warm-up; filter sets:")
    for s in scen:
        shown = {k: v for k, v in s.filters.items() if v is not None}
        print(f"  {s.name:7s} {shown or ''}{' search=' + repr(s.search) if s.search else ''}")
    for run in range(args.runs + 1):
        r.record = run > 0
        for s in scen:
            for page in pages:
                if s.search and page not in SEARCH_PAGES:
                    continue
                r.start(page)
                PAGES[page](r, s.filters, s, ctx)
                r.end()

    print(f"\n{'page':9s} {'query':28s} {'n':>4s} {'median':>8s} {'p95':>8s} {'max':>8s} {'rows':>6s}")
    every: list[float] = []
    for page in pages:
        keys = [k for k in r.timings if k[0] == page]
        for key in sorted(keys, key=lambda k: -statistics.median(r.timings[k])):
            ts = r.timings[key]
            every += ts
            print(f"{page:9s} {key[1]:28s} {len(ts):4d} {statistics.median(ts):8.1f} {pct(ts, 95):8.1f} "
                  f"{max(ts):8.1f} {r.rows[key]:6d}")
    print(f"\n{'page':9s} {'queries':>7s} {'p95_ms':>8s} {'max_ms':>8s} {'rows held':>10s}")
    for page in pages:
        ts = [t for k, v in r.timings.items() if k[0] == page for t in v]
        print(f"{page:9s} {len([k for k in r.timings if k[0] == page]):7d} {pct(ts, 95):8.1f} "
              f"{max(ts, default=0):8.1f} {r.held[page]:10d}")
    if r.failures:
        print(f"\n{len(r.failures)} failed queries (first 10):")
        for line in sorted(set(r.failures))[:10]:
            print("  " + line)
    print(f"\n{len(every)} timed queries in {time.perf_counter() - t0:.0f} s")
    print(f"p95_ms={pct(every, 95):.1f} max_ms={max(every, default=0):.1f}")
    return 1 if r.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
