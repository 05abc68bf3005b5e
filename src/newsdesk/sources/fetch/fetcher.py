"""The fetcher: one URL in, the page's bytes (or a typed error) out. It wires the other modules together: the guard
validates every hop, politeness and robots.txt gate each request, the transport sends it, decoding reads the body,
and the policy decides retries. `fetch()` and `default_fetcher()` are the module-level entry points.
"""

from __future__ import annotations

import random
import ssl
import threading
import time
from typing import Any, Callable, Mapping

import httpx

from newsdesk.sources.fetch.content import SNIFF_BYTES, detect_charset, gate_content_type, meta_refresh, sniff_kind
from newsdesk.sources.fetch.decoding import BodyReader, make_decoder, supported_encodings
from newsdesk.sources.fetch.errors import (
    FetchConnectionError, FetchRefused, FetchTimeout, FetchTooLarge, HTTPError, NotHTML, RetryLater,
    UnsupportedEncoding,
)
from newsdesk.sources.fetch.guard import FetchState, join_url, validate
from newsdesk.sources.fetch.policy import (
    DEFAULT_DEADLINE_S, DEFAULT_MAX_BYTES, MAX_ENCODINGS, REDIRECT_STATUSES, ROBOTS_MAX_BYTES, Deadline, FetchPolicy,
    default_user_agent, parse_retry_after, retryable_status,
)
from newsdesk.sources.fetch.results import FetchResult, Hop, Redirect, Response
from newsdesk.sources.fetch.robots import Politeness
from newsdesk.sources.fetch.transport import Session, mapped_errors, open_session, verified_ssl_context
from newsdesk.sources.urls import AllowList, Resolver, Target, canonical_url

ACCEPT = {
    "html": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "xml": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
    "robots": "text/plain,*/*;q=0.1",
}


class Fetcher:
    """Holds what outlives one URL: per-host politeness state, the robots.txt cache, the TLS context, the policy.

    Thread-safe; one per process is the norm (`default_fetcher()`). Politeness is per process: workers in other
    processes keep their own. `policy` tunes it (FetchPolicy's defaults when omitted); the other arguments are what
    it talks to: the allow list for internal hosts, a resolver, the TLS context (verifying only) and a sleep function.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        user_agent: str | None = None,
        allow: str | list[str] | AllowList | None = None,
        resolver: Resolver | None = None,
        ssl_context: ssl.SSLContext | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if ssl_context is not None and (ssl_context.verify_mode != ssl.CERT_REQUIRED or not ssl_context.check_hostname):
            raise ValueError("the fetcher only accepts TLS contexts that verify certificates and host names")
        self.policy = policy or FetchPolicy()
        self.user_agent = user_agent or default_user_agent()
        self.allow = allow
        self.resolver = resolver
        self.ssl_context = ssl_context or verified_ssl_context()
        self._sleep = sleep
        self.encodings = supported_encodings()
        self.stats: dict[str, int] = {"requests": 0, "robots_fetches": 0, "retries": 0}
        self.politeness = Politeness(self.policy, sleep, self.stats)

    # ---------------------------------------------------------------------------------------------- public

    def fetch(
        self,
        url: str,
        *,
        deadline_s: float = DEFAULT_DEADLINE_S,
        max_bytes: int = DEFAULT_MAX_BYTES,
        accept: str = "html",
        allow: str | list[str] | AllowList | None = None,
        resolver: Resolver | None = None,
        user_agent: str | None = None,
        headers: Mapping[str, str] | None = None,
        respect_robots: bool | None = None,
        max_redirects: int = 10,
        follow_meta_refresh: bool = True,
    ) -> FetchResult:
        """Fetch one page (accept='html') or feed/sitemap (accept='xml'); see the package docstring for guarantees."""
        if accept not in ("html", "xml"):
            raise ValueError("accept must be 'html' or 'xml'")
        started = time.monotonic()
        state = FetchState(
            deadline=Deadline(deadline_s),
            allow=AllowList.parse(allow if allow is not None else self.allow),
            resolver=resolver or self.resolver,
            user_agent=user_agent or self.user_agent,
        )
        robots = self.policy.respect_robots if respect_robots is None else respect_robots
        hops: list[Hop] = []
        conditional = any(k.lower() in ("if-none-match", "if-modified-since") for k in (headers or {}))
        with open_session(state, self.policy, self.ssl_context) as client:
            current = url
            for _ in range(max_redirects + 1):
                target = validate(current, state)
                if robots:
                    self.politeness.check_robots(target, state, lambda u: self._get_robots(client, u, state))
                outcome = self._with_retries(client, target, state, accept, max_bytes, dict(headers or {}),
                                             conditional)
                if isinstance(outcome, Redirect):
                    location = join_url(current, outcome.location)
                    hops.append(Hop(outcome.status, current, location))
                    current = location
                    continue
                if accept == "html" and follow_meta_refresh and outcome.status == 200:
                    refresh = meta_refresh(outcome.body, current)
                    if refresh and refresh[0] <= self.policy.meta_refresh_max_delay_s and \
                            canonical_url(refresh[1]) != canonical_url(current):
                        hops.append(Hop(0, current, refresh[1]))
                        current = refresh[1]
                        continue
                elapsed = time.monotonic() - started - state.waited
                ct = outcome.content_type
                return FetchResult(
                    url=url, final_url=current, status=outcome.status, headers=outcome.headers, body=outcome.body,
                    content_type=ct, charset=detect_charset(outcome.headers.get("content-type", ""), outcome.body),
                    elapsed=elapsed, kind=outcome.kind, redirects=tuple(hops), attempts=state.attempts,
                    wire_bytes=outcome.wire_bytes, waited_s=state.waited,
                    peer=state.peers[-1] if state.peers else None,
                )
        raise FetchRefused("too-many-redirects", f"more than {max_redirects} redirects", url=url)

    def host_stats(self, host: str) -> dict[str, float]:
        """Requests made to `host`, the most ever in flight at once, and its current interval."""
        return self.politeness.host_stats(host)

    # ---------------------------------------------------------------------------------------------- pieces

    def _get_robots(self, client: Session, url: str, state: FetchState) -> Redirect | Response:
        hop = validate(url, state)
        return self._attempt(client, hop, state, "robots", ROBOTS_MAX_BYTES, {}, False, truncate=True)

    def _with_retries(self, client: Session, target: Target, state: FetchState, accept: str, max_bytes: int,
                      headers: dict[str, str], conditional: bool) -> Redirect | Response:
        policy = self.policy
        attempt = 0
        while True:
            attempt += 1
            state.attempts += 1
            try:
                return self._attempt(client, target, state, accept, max_bytes, headers, conditional)
            except (HTTPError, FetchTimeout, FetchConnectionError) as exc:
                if not exc.retryable:
                    raise
                if isinstance(exc, HTTPError):
                    exc.attempts = attempt
                retry_after = getattr(exc, "retry_after", None)
                if retry_after is not None and retry_after > policy.max_retry_after_s:
                    raise RetryLater(retry_after, status=getattr(exc, "status", None), url=target.url,
                                     detail="Retry-After over the cap") from exc
                if attempt >= policy.max_attempts or state.deadline.expired:
                    raise
                wait = retry_after if retry_after is not None else \
                    policy.backoff(attempt) * random.uniform(0.75, 1.0)
                if wait >= state.deadline.remaining():
                    if retry_after is not None:
                        raise RetryLater(retry_after, status=getattr(exc, "status", None), url=target.url,
                                         detail="Retry-After beyond this URL's deadline") from exc
                    raise
                self.stats["retries"] += 1
                self._sleep(wait)

    def _request_headers(self, state: FetchState, accept: str, extra: Mapping[str, str]) -> dict[str, str]:
        out = {"User-Agent": state.user_agent, "Accept": ACCEPT[accept], "Accept-Encoding": ", ".join(self.encodings)}
        for k, v in extra.items():
            if k.lower() not in ("host", "accept-encoding", "user-agent"):
                out[k] = v
        return out

    def _attempt(self, client: Session, target: Target, state: FetchState, accept: str, max_bytes: int,
                 headers: Mapping[str, str], conditional: bool, truncate: bool = False) -> Redirect | Response:
        url = target.url
        with self.politeness.slot(target.host, state):
            with mapped_errors(url, state):
                response = client.send(url, self._request_headers(state, accept, headers))
            try:
                return self._read_response(response, target, state, accept, max_bytes, conditional, truncate)
            finally:
                response.close()

    def _read_response(self, response: httpx.Response, target: Target, state: FetchState, accept: str,
                       max_bytes: int, conditional: bool, truncate: bool) -> Redirect | Response:
        url = target.url
        status = response.status_code
        hdrs = {k.lower(): v for k, v in response.headers.items()}
        if status in REDIRECT_STATUSES:
            location = hdrs.get("location", "").strip()
            if not location:
                raise HTTPError(status, False, url=url, detail="redirect without Location")
            return Redirect(status, location)
        if status == 304 and conditional:
            return Response(304, hdrs, b"", hdrs.get("content-type", "").split(";")[0].strip().lower(), 0, "none")
        if status != 200 and not (200 < status < 300 and status not in (204, 205, 206)):
            raise HTTPError(status, retryable_status(status), retry_after=parse_retry_after(hdrs.get("retry-after")),
                            url=url)

        raw_ct = hdrs.get("content-type", "")
        ct = raw_ct.split(";")[0].strip().lower()
        declared = gate_content_type(ct, accept, url)
        length = hdrs.get("content-length", "").strip()
        if length.isdigit() and int(length) > max_bytes and not truncate:
            raise FetchTooLarge(f"Content-Length {length} over the {max_bytes} byte cap", limit=max_bytes,
                                stage="content-length", wire_bytes=0, decoded_bytes=0, url=url)
        encodings = [e for e in hdrs.get("content-encoding", "").split(",") if e.strip()]
        if len(encodings) > MAX_ENCODINGS:
            raise UnsupportedEncoding(", ".join(encodings), url=url)
        decoders = [d for d in (make_decoder(e, self.encodings, url) for e in reversed(encodings)) if d is not None]
        reader = BodyReader(decoders=decoders, max_bytes=max_bytes, mode=accept, declared=declared, content_type=ct,
                            url=url, truncate=truncate)
        with mapped_errors(url, state):
            for chunk in response.iter_raw():
                reader.feed(chunk)
                if reader.done:
                    break
                if state.deadline.expired:
                    raise FetchTimeout("total deadline passed while reading the body", phase="deadline", url=url)
        body = reader.finish()
        kind = "text" if accept == "robots" else sniff_kind(body[:SNIFF_BYTES])
        if kind == "empty" and accept != "robots":
            raise NotHTML("empty", ct, "empty body", url=url)
        return Response(status, hdrs, body, ct, reader.wire, kind)


# ------------------------------------------------------------------------------------------- module-level API

_DEFAULT: Fetcher | None = None
_DEFAULT_LOCK = threading.Lock()


def default_fetcher() -> Fetcher:
    """The process-wide fetcher (shared politeness state and robots.txt cache)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Fetcher()
        return _DEFAULT


def fetch(
    url: str,
    *,
    deadline_s: float = DEFAULT_DEADLINE_S,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow: str | list[str] | AllowList | None = None,
    user_agent: str | None = None,
    resolver: Resolver | None = None,
    accept: str = "html",
    headers: Mapping[str, str] | None = None,
    fetcher: Fetcher | None = None,
    **options: Any,
) -> FetchResult:
    """Fetch one URL through the guard (see the package docstring). Raises a FetchError subclass on any failure."""
    return (fetcher or default_fetcher()).fetch(
        url, deadline_s=deadline_s, max_bytes=max_bytes, allow=allow, user_agent=user_agent, resolver=resolver,
        accept=accept, headers=headers, **options,
    )
