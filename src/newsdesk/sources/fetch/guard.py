"""The address guard: every URL and redirect hop is validated (`urls.validate_url`), its addresses pinned for the
rest of the fetch, and name lookups answered once per host and capped by the deadline (no DNS rebinding between hops
or robots.txt). The transport then connects only to pinned addresses (`transport.PinnedBackend`).
"""

from __future__ import annotations

import ipaddress
import threading
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urljoin

import httpx

from newsdesk.sources.fetch.errors import FetchRefused, FetchTimeout
from newsdesk.sources.fetch.policy import Deadline
from newsdesk.sources.urls import AllowList, Resolver, Target, default_resolver, validate_url


@dataclass
class FetchState:
    """State of one fetch() call (shared by its hops, robots.txt requests and retries)."""

    deadline: Deadline
    allow: AllowList
    resolver: Resolver | None
    user_agent: str
    pins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dns: dict[str, list[str]] = field(default_factory=dict)
    attempts: int = 0
    waited: float = 0.0
    peers: list[str] = field(default_factory=list)
    unpinned: list[str] = field(default_factory=list)


def pin_key(host: str) -> str:
    """The host as the pin table keys it (no brackets, no trailing dot, lower case)."""
    return host.strip("[]").rstrip(".").lower()


def same_ip(a: str, b: str) -> bool:
    """Two spellings of one IP address (False when either is not an address)."""
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return False


def call_with_timeout(fn: Callable[[], Any], timeout: float, what: str) -> Any:
    """Run `fn` in a daemon thread (a hung resolver never blocks the caller or interpreter exit)."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="newsdesk-dns", daemon=True).start()
    if not done.wait(max(0.001, timeout)):
        raise FetchTimeout(f"{what} did not answer in time", phase="dns")
    if "error" in box:
        raise box["error"]
    return box["value"]


def state_resolver(state: FetchState) -> Resolver:
    """A resolver that answers each host once per fetch, within the time the fetch has left."""

    def resolve(host: str, port: int) -> list[str]:
        if host in state.dns:  # one answer per host per fetch: no rebinding between hops or robots.txt
            return state.dns[host]
        # getaddrinfo has no timeout of its own: resolve in a daemon thread, wait at most the time left
        answers = call_with_timeout(lambda: list((state.resolver or default_resolver)(host, port)),
                                    state.deadline.remaining(), f"DNS for {host}")
        state.dns[host] = answers
        return answers

    return resolve


def validate(url: str, state: FetchState) -> Target:
    """Check one URL or hop against the allow list and pin the addresses it resolved to; FetchRefused if not."""
    if state.deadline.expired:
        raise FetchTimeout("deadline passed before the request", phase="deadline", url=url)
    target = validate_url(url, resolver=state_resolver(state), allow=state.allow)
    try:
        hx = httpx.URL(url)
        key = pin_key(hx.raw_host.decode("ascii"))
    except Exception as exc:
        raise FetchRefused("invalid-url", f"{exc}", url=url) from None
    if key != target.host and not same_ip(key, target.host):
        raise FetchRefused("ambiguous-url", f"parsers disagree on the host ({key!r} vs {target.host!r})", url=url)
    state.pins.setdefault(key, target.addresses)
    return target


def join_url(base: str, location: str) -> str:
    """A redirect's Location made absolute; FetchRefused when it cannot be."""
    try:
        return urljoin(base, location.strip())
    except ValueError as exc:
        raise FetchRefused("invalid-url", f"bad redirect Location {location[:200]!r}: {exc}", url=base) from None
