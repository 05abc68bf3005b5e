"""Fetch policy: the limits, waits and retry rules one `Fetcher` applies, and the deadline every blocking call obeys.

`FetchPolicy` is the one object that tunes a fetcher (politeness, robots.txt, retries, timeouts); what a fetcher
talks to (allow list, resolver, TLS context, clock) is passed to `Fetcher` separately. Pure: no I/O here.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from newsdesk import __version__
from newsdesk.settings import load_settings

DEFAULT_DEADLINE_S = 20.0
DEFAULT_MAX_BYTES = 5_000_000
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
ROBOTS_AGENT = "newsdesk"  # the product token matched against robots.txt User-agent lines
CONTACT_ENV = "NEWSDESK_FETCH_CONTACT"  # read by newsdesk.settings (fetch_contact)
MAX_ENCODINGS = 3
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def default_user_agent() -> str:
    """The User-Agent: product, version and a contact (the settings' fetch_contact, NEWSDESK_FETCH_CONTACT)."""
    contact = load_settings().fetch_contact or "https://newsdesk.invalid/bot; set NEWSDESK_FETCH_CONTACT"
    return f"newsdesk/{__version__} (+{contact})"


@dataclass(frozen=True)
class FetchPolicy:
    """How a fetcher behaves towards servers: politeness, robots.txt, retries and per-wait timeouts."""

    min_interval_s: float = 1.0  # between two requests to one host (robots.txt Crawl-delay may raise it)
    max_crawl_delay_s: float = 30.0  # a larger Crawl-delay is capped to this
    max_polite_wait_s: float = 60.0  # a longer wait for a host raises RetryLater instead of sleeping
    respect_robots: bool = True
    robots_ttl_s: float = 3600.0  # robots.txt cached per origin this long
    robots_timeout_s: float = 10.0  # robots.txt gets at most this much of the URL's deadline
    max_attempts: int = 3  # per request, for 5xx / 429 / timeouts / dropped connections
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 8.0
    max_retry_after_s: float = 30.0  # a longer Retry-After raises RetryLater (the run re-queues the URL)
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0
    meta_refresh_max_delay_s: float = 10.0  # a <meta refresh> with a longer delay is a page, not a redirect

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            object.__setattr__(self, "max_attempts", 1)

    def backoff(self, attempt: int) -> float:
        """The longest wait before retry number `attempt` (1-based): capped exponential."""
        return float(min(self.backoff_cap_s, self.backoff_base_s * 2 ** (attempt - 1)))


class DeadlineHit(Exception):
    """Internal: a blocking call was asked to start after the deadline."""


class Deadline:
    """A point in time (monotonic) that every blocking call is capped by; `extend` excludes politeness waits."""

    def __init__(self, seconds: float, parent: "Deadline | None" = None) -> None:
        self.end = time.monotonic() + seconds
        self.parent = parent
        if parent is not None:
            self.end = min(self.end, parent.end)

    def remaining(self) -> float:
        return self.end - time.monotonic()

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0

    def cap(self, timeout: float | None) -> float:
        left = self.remaining()
        if left <= 0:
            raise DeadlineHit()
        return left if timeout is None else max(0.001, min(timeout, left))

    def extend(self, seconds: float) -> None:
        self.end += seconds
        if self.parent is not None:
            self.parent.extend(seconds)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def retryable_status(status: int) -> bool:
    """Whether a final status is worth another attempt: timeouts, too early, rate limits and most 5xx."""
    return status in (408, 425, 429) or (500 <= status < 600 and status not in (501, 505))
