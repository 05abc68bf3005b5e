"""Politeness: robots.txt fetched through the same guard, cached per origin and honoured (Crawl-delay too), and
requests to one host serialised (concurrency 1) and spaced by a minimum interval. State is per process: workers in
other processes keep their own.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.robotparser import RobotFileParser

from newsdesk.sources.fetch.errors import (
    ContentError, FetchRefused, FetchTimeout, FetchTooLarge, HTTPError, RetryLater, RobotsDisallowed,
)
from newsdesk.sources.fetch.guard import FetchState, join_url
from newsdesk.sources.fetch.policy import ROBOTS_AGENT, Deadline, FetchPolicy
from newsdesk.sources.fetch.results import Redirect, Response
from newsdesk.sources.urls import Target

UNREACHABLE_TTL_S = 60.0  # a robots.txt that timed out or answered 5xx/429 is asked again after this


@dataclass
class HostState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_ok: float = 0.0
    interval: float = 0.0
    requests: int = 0
    in_flight: int = 0
    max_in_flight: int = 0


@dataclass
class RobotsEntry:
    parser: RobotFileParser | None  # None: everything allowed
    expires: float
    unreachable: str = ""


# fetches one robots.txt URL through the guard (validate + one request, body truncated at ROBOTS_MAX_BYTES)
RobotsGet = Callable[[str], "Redirect | Response"]


class Politeness:
    """Per-host slots and the robots.txt cache of one fetcher (thread-safe)."""

    def __init__(self, policy: FetchPolicy, sleep: Callable[[float], None], stats: dict[str, int]) -> None:
        self.policy = policy
        self._sleep = sleep
        self.stats = stats
        self._hosts: dict[str, HostState] = {}
        self._robots: dict[str, RobotsEntry] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def host_stats(self, host: str) -> dict[str, float]:
        """Requests made to `host`, the most ever in flight at once, and its current interval."""
        st = self._hosts.get(host.lower())
        if st is None:
            return {"requests": 0, "max_in_flight": 0, "interval": self.policy.min_interval_s}
        return {"requests": st.requests, "max_in_flight": st.max_in_flight, "interval": st.interval}

    def _host(self, host: str) -> HostState:
        with self._lock:
            return self._hosts.setdefault(host, HostState(interval=self.policy.min_interval_s))

    @contextmanager
    def slot(self, host: str, state: FetchState) -> Iterator[None]:
        """Hold the host's only slot for one request, after its interval; the wait is not charged to the deadline."""
        st = self._host(host)
        t0 = time.monotonic()
        max_wait = self.policy.max_polite_wait_s
        if not st.lock.acquire(timeout=max_wait):
            raise RetryLater(max_wait, detail=f"{host} busy (concurrency 1 per host)")
        try:
            wait = st.next_ok - time.monotonic()
            if wait > max_wait:
                raise RetryLater(wait, detail=f"{host} crawl interval")
            if wait > 0:
                self._sleep(wait)
            waited = time.monotonic() - t0
            if waited > 0.001:
                state.deadline.extend(waited)
                state.waited += waited
            st.requests += 1
            st.in_flight += 1
            st.max_in_flight = max(st.max_in_flight, st.in_flight)
            self.stats["requests"] += 1
            try:
                yield
            finally:
                st.in_flight -= 1
        finally:
            st.next_ok = time.monotonic() + st.interval
            st.lock.release()

    def check_robots(self, target: Target, state: FetchState, get: RobotsGet) -> None:
        """RobotsDisallowed unless the origin's robots.txt (cached, else fetched with `get`) allows the URL."""
        host = f"[{target.host}]" if ":" in target.host else target.host
        origin = f"{target.scheme}://{host}:{target.port}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            entry = self._robots.get(origin)
            if entry is None or entry.expires < time.monotonic():
                entry = self._load_robots(origin, target, state, get)
                self._robots[origin] = entry
        if entry.unreachable:
            raise RobotsDisallowed(f"robots.txt unreachable ({entry.unreachable}): assuming disallowed",
                                   retryable=True, url=target.url)
        if entry.parser is not None:
            if not entry.parser.can_fetch(ROBOTS_AGENT, target.url):
                raise RobotsDisallowed(f"robots.txt of {origin} disallows this URL for {ROBOTS_AGENT}", url=target.url)
            delay = entry.parser.crawl_delay(ROBOTS_AGENT)
            if delay:
                st = self._host(target.host)
                with self._lock:
                    st.interval = max(self.policy.min_interval_s, min(float(delay), self.policy.max_crawl_delay_s))

    def _load_robots(self, origin: str, target: Target, state: FetchState, get: RobotsGet) -> RobotsEntry:
        self.stats["robots_fetches"] += 1
        ttl = self.policy.robots_ttl_s
        parent = state.deadline
        state.deadline = Deadline(self.policy.robots_timeout_s, parent=parent)
        now = time.monotonic()
        try:
            url = origin + "/robots.txt"
            for _ in range(6):  # RFC 9309: follow at least five redirects
                outcome = get(url)
                if isinstance(outcome, Redirect):
                    url = join_url(url, outcome.location)
                    continue
                parser = RobotFileParser(url)
                parser.parse(outcome.body.decode("utf-8", errors="replace").splitlines())
                return RobotsEntry(parser, now + ttl)
            return RobotsEntry(None, now + ttl)  # too many redirects: treat as unavailable
        except HTTPError as exc:
            if exc.status >= 500 or exc.status == 429:
                return RobotsEntry(None, now + UNREACHABLE_TTL_S, unreachable=f"HTTP {exc.status}")
            return RobotsEntry(None, now + ttl)  # 4xx: no robots.txt, all allowed
        except (FetchRefused, ContentError, FetchTooLarge):
            return RobotsEntry(None, now + ttl)  # robots.txt unusable: treated as absent
        except FetchTimeout as exc:
            if parent.expired:
                raise FetchTimeout("total deadline passed while fetching robots.txt", phase="deadline",
                                   url=target.url) from None
            return RobotsEntry(None, now + UNREACHABLE_TTL_S, unreachable=f"timeout ({exc.phase})")
        # TLSError and FetchConnectionError propagate: the page itself cannot be reached either
        finally:
            state.deadline = parent
