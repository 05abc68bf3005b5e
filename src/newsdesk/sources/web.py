"""Web inputs for the pipeline: page URLs, RSS/Atom feeds and (news) sitemaps, through the guarded fetcher."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from newsdesk.sources.fetch import FetchError, Fetcher, FetchPolicy
from newsdesk.settings import load_settings
from newsdesk.sources.feeds import collect
from newsdesk.sources.files import InputRecord, ReadFailure
from newsdesk.sources.urls import canonical_url

_FEEDISH = re.compile(r"(?:\.xml(?:\.gz)?|\.rss|\.atom|/feed/?|/rss/?|sitemap[^/]*)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def pipeline_fetcher() -> Fetcher:
    """The process's fetcher for loads: politeness interval from the settings (NEWSDESK_FETCH_MIN_INTERVAL, seconds,
    default 1)."""
    return Fetcher(FetchPolicy(min_interval_s=load_settings().fetch_min_interval_s))


def fetch_options() -> dict[str, Any]:
    """Per-URL limits from the settings: NEWSDESK_FETCH_DEADLINE (seconds, default 20), NEWSDESK_FETCH_MAX_BYTES
    (default 5 MB)."""
    s = load_settings()
    return {"deadline_s": s.fetch_deadline_s, "max_bytes": s.fetch_max_bytes}


def feed_max_bytes() -> int:
    """Cap for one feed or sitemap document: NEWSDESK_FEED_MAX_BYTES, default 50 MB (the sitemap protocol's own
    limit), separate from the page cap: a big feed is parsed up to the URL cap, never refused for its size."""
    return load_settings().feed_max_bytes


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def looks_like_feed(url: str) -> bool:
    """Auto-detection for URLs given without --feed/--sitemap: feed- and sitemap-shaped paths."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    return bool(_FEEDISH.search(path))


@dataclass
class Expanded:
    """The article URLs behind the given pages, feeds and sitemaps, and the feeds that failed."""

    pages: list[tuple[str, str | None]] = field(default_factory=list)  # (url, published ISO or None)
    failures: list[ReadFailure] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)


def expand(pages: Iterable[str], feeds: Iterable[str], *, max_urls: int = 1000,
           validators: dict[str, dict[str, str]] | None = None, fetcher: Fetcher | None = None) -> Expanded:
    """Page URLs as given; feed and sitemap URLs replaced by the article URLs they list (deduplicated)."""
    out = Expanded()
    seen: set[str] = set()
    for url in pages:
        key = canonical_url(url)
        if key not in seen:
            seen.add(key)
            out.pages.append((url, None))
    feeds = list(feeds)
    if feeds:
        got = collect(feeds, fetcher=fetcher or pipeline_fetcher(), max_urls=max_urls, validators=validators,
                      **{**fetch_options(), "max_bytes": feed_max_bytes()})
        out.not_modified = list(got.not_modified)
        for url, rule, message in got.errors:
            out.failures.append(ReadFailure(url, f"feed:{rule}", message, {"feed": url}))
        for e in got.entries:
            key = canonical_url(e.url)
            if key not in seen:
                seen.add(key)
                out.pages.append((e.url, e.published.isoformat() if e.published else None))
    return out


def fetch_record(url: str, published: str | None = None, fetcher: Fetcher | None = None) -> InputRecord | ReadFailure:
    """Fetch one page; any fetch problem becomes a ReadFailure with a rule naming it (never an exception)."""
    try:
        result = (fetcher or pipeline_fetcher()).fetch(url, **fetch_options())
    except FetchError as exc:
        reason = getattr(exc, "reason", "") or ""
        rule = "fetch:" + type(exc).__name__ + (f":{reason}" if reason else "")
        after = getattr(exc, "after_s", None) or getattr(exc, "retry_after", None)
        return ReadFailure(url, rule, str(exc)[:500], {"url": url, "retryable": bool(getattr(exc, "retryable", False)),
                                                       "retry_after_s": after})
    rec: Any = result.to_input_record()
    rec.published = published
    return rec
