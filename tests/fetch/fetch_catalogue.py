"""The fetch-safety catalogue: one scenario per guarantee of `newsdesk.sources.fetch`, run against local servers,
each returning its rows and a figure. Items keep the catalogue's own numbers (10-20 and 25, see ITEMS at the end):
10 address validation, 11 redirects inward, 12 DNS rebinding, 13 proxy variables, 14 slow and hanging servers,
15 retries, 16 decompression bombs, 17 oversize bodies, 18 non-HTML, 19 bad TLS certificates, 20 robots.txt and
politeness, 25 feeds and sitemaps.

Used by tests/fetch/test_fetch_*.py (which assert every row) and bench/fetch_safety.py (which prints the figures).
Traffic: only to servers started here on 127.0.0.1 and the 127.0.0.2 stand-in for "internal"; names are answered
by FakeResolver. Forbidden addresses elsewhere are only ever given to the validator, with sockets disabled.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import socket
import tempfile
import threading
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterator

import httpx

from fetch_harness import (
    BOMB_XML, HTML, INTERNAL, JPEG, PDF, PNG, PUBLIC, RSS, FakeResolver, NoSockets, SilentListener, Site, br_bomb,
    deflate_bomb, delayed, drip_chunks, endless, gzip_bomb, hang, make_pki, page, redirect, respond, sequence,
    real_zero_bomb, server_context, slow_body, slow_headers, stacked_gzip_bomb, timed, zip_bytes, zstd_bomb,
)
from newsdesk.sources import feeds
from newsdesk.sources.fetch import (
    Fetcher, FetchPolicy, FetchRefused, FetchTimeout, FetchTooLarge, HTTPError, NotHTML, RetryLater,
    RobotsDisallowed, TLSError, UnsupportedEncoding, default_user_agent, supported_encodings, verified_ssl_context,
)
from newsdesk.sources.urls import check_address

ALLOW = PUBLIC  # tests reach their own 127.0.0.1 servers; 127.0.0.2 stays forbidden


@dataclass
class Row:
    case: str
    ok: bool
    detail: str


@dataclass
class Report:
    item: int
    title: str
    rows: list[Row] = field(default_factory=list)
    figure: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and all(r.ok for r in self.rows)

    def add(self, case: str, ok: bool, detail: str) -> None:
        self.rows.append(Row(case, bool(ok), detail))

    def failures(self) -> str:
        return "\n".join(f"  FAIL {r.case}: {r.detail}" for r in self.rows if not r.ok) or "(none)"

    def line(self) -> str:
        return f"{self.item:>2}. {'PASS' if self.ok else 'FAIL'} {self.title}: {self.figure}"


POLICY = FetchPolicy(min_interval_s=0.0, backoff_base_s=0.1, backoff_cap_s=0.5)  # no politeness waits in tests


def fetcher(**kw: Any) -> Fetcher:
    """A fetcher for the local servers: FetchPolicy fields in `kw` adjust POLICY, the rest go to Fetcher."""
    names = {f.name for f in dataclasses.fields(FetchPolicy)}
    policy = dataclasses.replace(POLICY, **{k: kw.pop(k) for k in list(kw) if k in names})
    opts: dict[str, Any] = dict(allow=ALLOW, resolver=FakeResolver())
    opts.update(kw)
    return Fetcher(policy, **opts)


def _name(exc: object) -> str:
    return type(exc).__name__ if isinstance(exc, BaseException) else "ok"


def _reason(exc: object) -> str:
    return getattr(exc, "reason", "") or _name(exc)


ROBOTS_404 = {"/robots.txt": page(b"", "text/plain", status=404)}


# ---------------------------------------------------------------------------------------------------- 10

FORBIDDEN_CASES: list[tuple[str, str]] = [
    ("http://127.0.0.1/", "loopback"), ("http://127.1/", "loopback"), ("http://2130706433/", "loopback"),
    ("http://0x7f.1/", "loopback"), ("http://0x7f000001/", "loopback"), ("http://017700000001/", "loopback"),
    ("http://0177.0.0.1/", "loopback"), ("http://127.000.000.001/", "loopback"), ("http://[::1]/", "loopback"),
    ("http://[0:0:0:0:0:0:0:1]/", "loopback"), ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:7f00:1]/", "loopback"), ("http://localhost/", "loopback"), ("http://LOCALHOST./", "loopback"),
    ("http://app.localhost/", "loopback"), ("http://0.0.0.0/", "unspecified"), ("http://0/", "unspecified"),
    ("http://[::]/", "unspecified"), ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://[fd00:ec2::254]/", "metadata"), ("http://169.254.1.1/", "link-local"), ("http://[fe80::1]/", "link-local"),
    ("http://[fe80::1%25eth0]/", "link-local"), ("http://10.0.0.1/", "private"), ("http://172.16.5.4/", "private"),
    ("http://192.168.1.1/", "private"), ("http://[fc00::1]/", "private"), ("http://[fd12:3456::1]/", "private"),
    ("http://100.64.0.1/", "shared"), ("http://100.100.100.200/", "shared"), ("http://224.0.0.1/", "multicast"),
    ("http://239.255.255.250/", "multicast"), ("http://[ff02::1]/", "multicast"), ("http://240.0.0.1/", "reserved"),
    ("http://255.255.255.255/", "broadcast"), ("http://192.0.2.1/", "documentation"),
    ("http://198.18.0.1/", "reserved"), ("http://[64:ff9b::7f00:1]/", "nat64-loopback"),
    ("http://[64:ff9b::a9fe:a9fe]/", "nat64-metadata"), ("http://[64:ff9b::10.0.0.1]/", "nat64-private"),
    ("http://[2002:7f00:1::]/", "6to4-loopback"), ("http://[2002:c0a8:101::1]/", "6to4-private"),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "teredo"), ("file:///etc/passwd", "scheme"),
    ("gopher://127.0.0.1:70/_x", "scheme"), ("ftp://example.org/x", "scheme"), ("data:text/html,<h1>x</h1>", "scheme"),
    ("javascript:alert(1)", "scheme"), ("dict://127.0.0.1:11211/", "scheme"),
    ("http://user:pass@example.org/", "credentials"), ("http://user@example.org/", "credentials"),
    ("http://example.org@127.0.0.1/", "credentials"), ("http://mixed.test/", "private"),
    ("http://meta.test/", "metadata"), ("http://v6loop.test/", "loopback"), ("http://nowhere.test/", "dns"),
    ("http://1.2.3.999/", "invalid-host"),
]
PUBLIC_CASES = ["http://example.org/", "https://news.test/a?b=1", "http://93.184.216.34/", "http://8.8.8.8:8080/",
                "http://[2606:4700:4700::1111]/", "http://[64:ff9b::5db8:d822]/", "http://bücher.test/",
                "HTTPS://NEWS.TEST:443/x"]
RESOLVER_TABLE = {
    "example.org": ["93.184.216.34"], "news.test": ["93.184.216.34", "2606:2800:220:1::1"],
    "xn--bcher-kva.test": ["93.184.216.35"],
    "mixed.test": ["93.184.216.34", "10.0.0.5"],  # one public, one private answer -> refused
    "meta.test": ["169.254.169.254"], "v6loop.test": ["::1"],
}


def item10() -> Report:
    rep = Report(10, "address validation (no sockets)")
    resolver = FakeResolver(RESOLVER_TABLE)
    with NoSockets() as guard:
        for url, expected in FORBIDDEN_CASES:
            try:
                check_address(url, resolver=resolver, allow="")
                rep.add(url, False, f"accepted, expected {expected}")
            except FetchRefused as exc:
                rep.add(url, exc.reason == expected, f"refused {exc.reason} (expected {expected})")
        for url in PUBLIC_CASES:
            try:
                check_address(url, resolver=resolver, allow="")
                rep.add(url, True, "accepted")
            except FetchRefused as exc:
                rep.add(url, False, f"public fixture refused: {exc}")
        # the allow-list opens exactly what it names
        try:
            check_address("http://127.0.0.1:8080/", resolver=resolver, allow="127.0.0.1")
            rep.add("allow 127.0.0.1", True, "127.0.0.1 allowed by the allow-list")
        except FetchRefused as exc:
            rep.add("allow 127.0.0.1", False, str(exc))
        try:
            check_address("http://127.0.0.2/", resolver=resolver, allow="127.0.0.1")
            rep.add("allow 127.0.0.1 keeps 127.0.0.2 out", False, "127.0.0.2 accepted")
        except FetchRefused as exc:
            rep.add("allow 127.0.0.1 keeps 127.0.0.2 out", exc.reason == "loopback", exc.reason)
        try:
            check_address("file:///etc/passwd", resolver=resolver, allow="0.0.0.0/0,::/0")
            rep.add("allow-all never allows file:", False, "accepted")
        except FetchRefused as exc:
            rep.add("allow-all never allows file:", exc.reason == "scheme", exc.reason)
    rep.add("sockets opened", guard.attempts == 0, f"{guard.attempts} socket/DNS calls")
    n_forb = len(FORBIDDEN_CASES)
    refused = sum(1 for r in rep.rows[:n_forb] if r.ok)
    accepted = sum(1 for r in rep.rows[n_forb:n_forb + len(PUBLIC_CASES)] if r.ok)
    reasons = sorted({e for _, e in FORBIDDEN_CASES})
    rep.figure = (f"{refused}/{n_forb} forbidden URLs refused with the expected named reason ({len(reasons)} reasons), "
                  f"{accepted}/{len(PUBLIC_CASES)} public fixtures accepted, {guard.attempts} sockets opened")
    return rep


# ---------------------------------------------------------------------------------------------------- 11


def item11() -> Report:
    rep = Report(11, "redirects into the 127.0.0.2 stand-in")
    internal = Site(INTERNAL, {"*": page(b"<html><body>internal secret</body></html>")})
    ip = internal.port
    to_internal = f"http://{INTERNAL}:{ip}/admin"
    routes: dict[str, Callable] = dict(ROBOTS_404)
    cases: list[tuple[str, str, str]] = []  # (case, path, expected reason)
    for status in (301, 302, 303, 307, 308):
        routes[f"/r{status}"] = redirect(to_internal, status)
        cases.append((f"{status} absolute", f"/r{status}", "loopback"))
    routes["/rel"] = redirect("/rel2")  # relative hop on the same host, whose next hop goes inside
    routes["/rel2"] = redirect("../hop3")
    routes["/hop3"] = redirect(to_internal, 307)
    cases.append(("relative chain (3 hops)", "/rel", "loopback"))
    routes["/schemerel"] = redirect(f"//{INTERNAL}:{ip}/admin", 301)
    cases.append(("scheme-relative //127.0.0.2", "/schemerel", "loopback"))
    for label, host in (("decimal 2130706434", "2130706434"), ("short 127.2", "127.2"),
                        ("hex 0x7f.0.0.2", "0x7f.0.0.2"), ("octal 0177.0.0.2", "0177.0.0.2"),
                        ("v4-mapped [::ffff:127.0.0.2]", "[::ffff:127.0.0.2]"),
                        ("localhost", "localhost"), ("name -> 127.0.0.2", "internal.test")):
        path = "/odd-" + label.split()[0]
        routes[path] = redirect(f"http://{host}:{ip}/admin")
        cases.append((f"spelling {label}", path, "loopback"))
    refresh = f"<html><head><meta http-equiv='refresh' content='0; url={to_internal}'></head></html>"
    routes["/meta"] = page(refresh.encode())
    cases.append(("meta refresh", "/meta", "loopback"))
    routes["/meta-rel"] = page(f"<html><head><meta content=\"1;URL='//{INTERNAL}:{ip}/x'\" http-equiv=Refresh>"
                               "</head><body>moved</body></html>".encode())
    cases.append(("meta refresh scheme-relative", "/meta-rel", "loopback"))
    routes["/file"] = redirect("file:///etc/passwd")
    cases.append(("to file:", "/file", "scheme"))
    routes["/creds"] = redirect(f"http://user:pw@{INTERNAL}:{ip}/")
    cases.append(("to credentials@internal", "/creds", "credentials"))
    routes["/ok"] = page()
    routes["/to-ok"] = redirect("/ok", 301)
    site = Site(PUBLIC, routes)
    resolver = FakeResolver({"internal.test": [INTERNAL]})
    try:
        f = fetcher(resolver=resolver)
        for case, path, expected in cases:
            _, out = timed(lambda: f.fetch(site.url(path), deadline_s=5))
            rep.add(case, isinstance(out, FetchRefused) and out.reason == expected,
                    f"{_name(out)} {_reason(out)} (expected {expected})")
        _, out = timed(lambda: f.fetch(site.url("/to-ok"), deadline_s=5))
        rep.add("control: redirect to a public page", not isinstance(out, Exception) and out.final_url.endswith("/ok"),
                _name(out))
        hits = internal.count()
        rep.add("hits on 127.0.0.2", hits == 0, f"{hits} hits")
        # control: the listener is reachable when (and only when) the allow-list names it
        g = fetcher(resolver=resolver, allow=f"{PUBLIC},{INTERNAL}")
        _, out = timed(lambda: g.fetch(site.url("/r302"), deadline_s=5))
        control = internal.count()
        rep.add("control: 127.0.0.2 allowed -> reached", control >= 1, f"{control} hit(s), {_name(out)}")
    finally:
        site.close()
        internal.close()
    rep.figure = (f"{len(cases)} redirect variants (301/302/303/307/308, relative, scheme-relative, 7 odd spellings, "
                  f"meta refresh, file:, credentials) refused at the hop; hits on 127.0.0.2 = {hits} "
                  f"(control with it allowed: {control})")
    return rep


# ---------------------------------------------------------------------------------------------------- 12


def item12() -> Report:
    rep = Report(12, "DNS rebinding")
    internal = Site(INTERNAL, {"*": page(b"<html><body>internal</body></html>")})
    public = Site(PUBLIC, {**ROBOTS_404, "/": page(), "/again": redirect("/")})
    try:
        # (a) the answer changes between lookups: one lookup per fetch, robots.txt + page + redirect use it
        r = FakeResolver({"rebind.test": [[PUBLIC], [INTERNAL]]})
        f = fetcher(resolver=r)
        url = f"http://rebind.test:{public.port}/again"
        _, out = timed(lambda: f.fetch(url, deadline_s=5))
        rep.add("public then private answer, one fetch", not isinstance(out, Exception) and out.peer == PUBLIC,
                f"{_name(out)} peer={getattr(out, 'peer', None)} lookups={len(r.calls)}")
        # (b) a second fetch sees the private answer: refused before any connection
        _, out2 = timed(lambda: f.fetch(url, deadline_s=5))
        rep.add("next fetch gets the private answer", isinstance(out2, FetchRefused) and out2.reason == "loopback",
                f"{_name(out2)} {_reason(out2)}")
        # (c) the OS resolver now says 127.0.0.2; the fetcher connects to the validated 127.0.0.1 anyway
        real_gai = socket.getaddrinfo
        os_calls: list[str] = []

        def rebound_gai(host: Any, *a: Any, **k: Any) -> Any:
            if isinstance(host, str) and host.endswith(".test"):
                os_calls.append(host)
                return real_gai(INTERNAL, *a, **k)
            return real_gai(host, *a, **k)

        socket.getaddrinfo = rebound_gai  # type: ignore[assignment]
        try:
            g = fetcher(resolver=FakeResolver({"pinned.test": [PUBLIC]}))
            _, out3 = timed(lambda: g.fetch(f"http://pinned.test:{public.port}/", deadline_s=5))
        finally:
            socket.getaddrinfo = real_gai  # type: ignore[assignment]
        rep.add("system DNS rebound after validation", not isinstance(out3, Exception) and out3.peer == PUBLIC
                and not os_calls, f"{_name(out3)} peer={getattr(out3, 'peer', None)} system lookups={len(os_calls)}")
        hits = internal.count()
        rep.add("hits on 127.0.0.2", hits == 0, f"{hits}")
        rep.figure = (f"connections went to the validated address in 2/2 fetches (1 lookup per fetch, 0 system "
                      f"lookups at connect time), rebound answer refused as 'loopback'; hits on 127.0.0.2 = {hits}")
    finally:
        public.close()
        internal.close()
    return rep


# ---------------------------------------------------------------------------------------------------- 13

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@contextmanager
def proxy_env(url: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in PROXY_VARS + ("NO_PROXY", "no_proxy")}
    try:
        for k in PROXY_VARS:
            os.environ[k] = url
        os.environ.pop("NO_PROXY", None)
        os.environ.pop("no_proxy", None)
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def item13() -> Report:
    rep = Report(13, "proxy variables set")
    proxy = Site(PUBLIC, {"*": page(b"<html><body>via proxy</body></html>")})
    internal = Site(INTERNAL, {"*": page()})
    site = Site(PUBLIC, {**ROBOTS_404, "/": page(), "/in": redirect(internal.url("/"))})
    try:
        with proxy_env(proxy.base):
            f = fetcher()
            _, direct = timed(lambda: f.fetch(site.url("/"), deadline_s=5))
            rep.add("allowed page fetched directly", not isinstance(direct, Exception) and site.count("/") >= 1,
                    f"{_name(direct)}; site hits {site.count('/')}")
            _, blocked = timed(lambda: f.fetch(internal.url("/"), deadline_s=5))
            rep.add("127.0.0.2 still refused", isinstance(blocked, FetchRefused),
                    f"{_name(blocked)} {_reason(blocked)}")
            _, hop = timed(lambda: f.fetch(site.url("/in"), deadline_s=5))
            rep.add("redirect to 127.0.0.2 still refused", isinstance(hop, FetchRefused),
                    f"{_name(hop)} {_reason(hop)}")
            proxied = proxy.count()
            # control: a default httpx client *does* obey these variables (so they were live)
            try:
                httpx.get(f"http://{PUBLIC}:{site.port}/control", timeout=3)
            except Exception:  # noqa: BLE001
                pass
            control = proxy.count() - proxied
        rep.add("requests through the proxy", proxied == 0, f"{proxied}")
        rep.add("hits on 127.0.0.2", internal.count() == 0, f"{internal.count()}")
        rep.add("control: env proxy live for a default client", control == 1, f"{control} proxied")
        rep.figure = (f"with HTTP(S)_PROXY/ALL_PROXY set: guard on (127.0.0.2 refused directly and via redirect), "
                      f"{proxied} requests via the proxy, {internal.count()} hits on 127.0.0.2 "
                      f"(a default httpx client sent {control} via the proxy)")
    finally:
        site.close()
        proxy.close()
        internal.close()
    return rep


# ---------------------------------------------------------------------------------------------------- 14


def item14(deadline: float = 2.0) -> Report:
    rep = Report(14, "slow-loris and hanging servers")
    site = Site(PUBLIC, {**ROBOTS_404, "/drip-body": slow_body(0.2), "/drip-headers": slow_headers(0.2),
                         "/hang": hang, "/chunks": drip_chunks(interval=0.05),
                         "/slow-robots-page": page()})
    slow_robots = Site(PUBLIC, {"/robots.txt": hang, "/": page()})
    silent = SilentListener(PUBLIC)
    cases: list[tuple[str, str, dict[str, Any]]] = [
        ("body drip 1 B / 0.2 s", site.url("/drip-body"), {}),
        ("header drip 1 B / 0.2 s", site.url("/drip-headers"), {}),
        ("request read, never answered", site.url("/hang"), {}),
        ("chunked drip, 100 B / 0.05 s (every read quick)", site.url("/chunks"), {}),
        ("TCP accepted, never read (http)", silent.url("/"), {}),
        ("TCP accepted, no TLS handshake (https)", silent.url("/", "https"), {}),
        ("robots.txt hangs", slow_robots.url("/"), {}),
        ("DNS never answers", f"http://slowdns.test:{site.port}/", {"resolver": FakeResolver({"slowdns.test": [PUBLIC]},
                                                                                                delay=30)}),
    ]
    results: dict[str, tuple[float, object]] = {}

    def run(case: str, url: str, kw: dict[str, Any]) -> None:
        f = fetcher(read_timeout_s=60, connect_timeout_s=60, **kw)
        results[case] = timed(lambda: f.fetch(url, deadline_s=deadline))

    threads = [threading.Thread(target=run, args=c, daemon=True) for c in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join(deadline + 10)
    overs = []
    try:
        for case, _, _ in cases:
            elapsed, out = results.get(case, (float("inf"), None))
            over = elapsed - deadline
            overs.append(over)
            rep.add(case, isinstance(out, FetchTimeout) and -0.05 <= over <= 1.0,
                    f"{_name(out)} after {elapsed:.3f} s (overshoot {over:+.3f} s)")
    finally:
        site.close()
        slow_robots.close()
        silent.close()
    rep.data["max_overshoot"] = max(overs)
    rep.figure = (f"{len(cases)} hostile servers, deadline {deadline:.1f} s: all ended by FetchTimeout, overshoot "
                  f"{min(overs):+.3f}..{max(overs):+.3f} s (trafilatura: 108-120 s)")
    return rep


# ---------------------------------------------------------------------------------------------------- 15


def item15() -> Report:
    rep = Report(15, "5xx / 429 / Retry-After / 4xx")
    later = format_datetime(datetime.now(timezone.utc) + timedelta(hours=2), usegmt=True)
    ok = page()
    routes = {
        **ROBOTS_404,
        "/503": page(b"busy", status=503),
        "/429-then-ok": sequence(page(b"slow down", status=429, headers={"Retry-After": "1"}), ok),
        "/500-then-ok": sequence(page(b"oops", status=500), ok),
        "/503-3600": page(b"later", status=503, headers={"Retry-After": "3600"}),
        "/429-date": page(b"later", status=429, headers={"Retry-After": later}),
        "/404": page(b"no", status=404), "/410": page(b"gone", status=410), "/403": page(b"no", status=403),
        "/pdf": page(PDF, "application/pdf"), "/hang": hang,
    }
    site = Site(PUBLIC, routes)
    cap = 0.5
    waits: list[float] = []

    def sleep(s: float) -> None:
        waits.append(s)
        time.sleep(s)

    f = fetcher(max_attempts=3, backoff_base_s=0.2, backoff_cap_s=cap, max_retry_after_s=5.0, read_timeout_s=0.5,
                sleep=sleep)

    def run(path: str, deadline: float = 10.0) -> tuple[float, object, int, list[float]]:
        waits.clear()
        before = site.count(path)
        el, out = timed(lambda: f.fetch(site.url(path), deadline_s=deadline))
        return el, out, site.count(path) - before, list(waits)

    try:
        el, out, hits, w = run("/503")
        rep.add("503 always", isinstance(out, HTTPError) and out.retryable and hits == 3 and max(w) <= cap,
                f"{_name(out)} after {hits} attempts, waits {[round(x, 2) for x in w]} (cap {cap}), {el:.2f} s")
        fig_503 = f"503: {hits} attempts, waits {'/'.join(f'{x:.2f}' for x in w)} s ≤ cap {cap} s"
        el, out, hits, w = run("/429-then-ok")
        rep.add("429 Retry-After: 1 then 200", not isinstance(out, Exception) and hits == 2 and w == [1.0],
                f"{_name(out)} after {hits} attempts, waited {w}")
        fig_429 = f"429 Retry-After 1 s: honoured ({w[0] if w else '-'} s), then 200"
        el, out, hits, w = run("/500-then-ok")
        rep.add("500 then 200", not isinstance(out, Exception) and hits == 2, f"{_name(out)} after {hits} attempts")
        el, out, hits, w = run("/503-3600")
        rep.add("503 Retry-After: 3600 -> re-queue", isinstance(out, RetryLater) and out.after_s == 3600 and hits == 1
                and el < 1.0, f"{_name(out)} after {hits} attempt in {el:.2f} s")
        fig_long = f"Retry-After 3600 s: RetryLater after {hits} attempt in {el:.2f} s"
        el, out, hits, w = run("/429-date")
        rep.add("429 Retry-After: HTTP-date +2 h -> re-queue", isinstance(out, RetryLater) and hits == 1,
                f"{_name(out)} after {hits} attempt")
        for path in ("/404", "/410", "/403"):
            el, out, hits, w = run(path)
            rep.add(f"{path[1:]} not retried", isinstance(out, HTTPError) and not out.retryable and hits == 1,
                    f"{_name(out)} retryable={getattr(out, 'retryable', None)} attempts={hits}")
        el, out, hits, w = run("/pdf")
        rep.add("unparseable (PDF) not retried", isinstance(out, NotHTML) and hits == 1,
                f"{_name(out)} attempts={hits}")
        el, out, hits, w = run("/hang", deadline=5.0)
        rep.add("read timeouts retried, bounded", isinstance(out, FetchTimeout) and hits == 3 and el < 5.0,
                f"{_name(out)} after {hits} attempts, {el:.2f} s")
        fig_to = f"timeouts: {hits} attempts in {el:.1f} s"
    finally:
        site.close()
    rep.figure = (f"{fig_503}; {fig_429}; {fig_long}; {fig_to}; 4xx and PDF: 1 attempt each")
    return rep


# ---------------------------------------------------------------------------------------------------- 16


@contextmanager
def peak_memory() -> Iterator[dict[str, int]]:
    box: dict[str, int] = {}
    tracemalloc.start()
    try:
        yield box
    finally:
        box["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def item16(cap: int = 5_000_000) -> Report:
    rep = Report(16, "decompression bombs")
    enc = supported_encodings()
    bombs: list[tuple[str, bytes | None, dict[str, str], str]] = [
        ("gzip", gzip_bomb(), {"Content-Encoding": "gzip"}, "text/html"),
        ("deflate (zlib)", deflate_bomb(), {"Content-Encoding": "deflate"}, "text/html"),
        ("deflate (raw)", deflate_bomb(raw=True), {"Content-Encoding": "deflate"}, "text/html"),
        ("gzip, gzip (stacked, 256 MiB)", stacked_gzip_bomb(), {"Content-Encoding": "gzip, gzip"}, "text/html"),
        ("gzip, no Content-Encoding (text/html)", gzip_bomb(), {}, "text/html"),
        ("gzip, no Content-Encoding (octet-stream)", gzip_bomb(), {}, "application/octet-stream"),
        ("gzip in declared gzip (stacked, 1 declared)", stacked_gzip_bomb(), {"Content-Encoding": "gzip"}, "text/html"),
    ]
    if "br" in enc:
        bombs.append(("br", br_bomb(), {"Content-Encoding": "br"}, "text/html"))
    if "zstd" in enc:
        bombs.append(("zstd", zstd_bomb(), {"Content-Encoding": "zstd"}, "text/html"))
    if "br" in enc and "zstd" in enc:
        import zstandard  # type: ignore[import-not-found]

        bombs.append(("br, zstd (stacked)", zstandard.ZstdCompressor().compress(br_bomb() or b""),
                      {"Content-Encoding": "br, zstd"}, "text/html"))
    routes: dict[str, Callable] = {**ROBOTS_404}
    for i, (_, body, headers, ct) in enumerate(bombs):
        routes[f"/b{i}"] = page(body or b"", ct, headers=headers)
    routes["/zeros"] = page(real_zero_bomb(), headers={"Content-Encoding": "gzip"})
    routes["/gz-ok"] = page(gzip.compress(HTML * 50), headers={"Content-Encoding": "gzip"})
    routes["/raw-gz-ok"] = page(gzip.compress(HTML * 50), "text/html")
    routes["/br-anyway"] = page(b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
    routes["/zstd-anyway"] = page(b"\x28\xb5\x2f\xfd\x00\x00", headers={"Content-Encoding": "zstd"})
    routes["/x-unknown"] = page(b"abc", headers={"Content-Encoding": "x-custom"})
    site = Site(PUBLIC, routes)
    f = fetcher()
    ratios, peaks = [], []
    try:
        for i, (label, body, _, _) in enumerate(bombs):
            with peak_memory() as mem:
                el, out = timed(lambda: f.fetch(site.url(f"/b{i}"), deadline_s=20, max_bytes=cap))
            ok = isinstance(out, FetchTooLarge) and out.decoded_bytes <= cap * 1.1 and mem["peak"] < 4 * cap
            if isinstance(out, FetchTooLarge):
                ratios.append(out.decoded_bytes / cap)
            peaks.append(mem["peak"])
            rep.add(label, ok, f"{_name(out)} stage={getattr(out, 'stage', '-')} decoded "
                               f"{getattr(out, 'decoded_bytes', 0) / cap:.3f}x cap, "
                               f"wire {getattr(out, 'wire_bytes', 0)} B "
                               f"of {len(body or b'')}, peak {mem['peak'] / 1e6:.1f} MB, {el:.2f} s")
        el, out = timed(lambda: f.fetch(site.url("/zeros"), max_bytes=cap))
        rep.add("zero-filled gzip bomb: refused as binary by the sniff", isinstance(out, NotHTML) and
                out.kind == "binary", f"{_name(out)} {getattr(out, 'kind', '')}")
        el, out = timed(lambda: f.fetch(site.url("/gz-ok"), max_bytes=cap))
        rep.add("control: gzip page decodes", not isinstance(out, Exception) and out.body == HTML * 50, _name(out))
        el, out = timed(lambda: f.fetch(site.url("/raw-gz-ok"), max_bytes=cap))
        rep.add("control: gzip bytes without Content-Encoding sniffed and decoded",
                not isinstance(out, Exception) and out.body == HTML * 50, _name(out))
        advertised = [h.headers.get("accept-encoding", "") for h in site.hits][-1]
        for path, name in (("/br-anyway", "br"), ("/zstd-anyway", "zstd")):
            if name in enc:
                continue
            el, out = timed(lambda: f.fetch(site.url(path), max_bytes=cap))
            rep.add(f"{name}: no library -> not advertised, refused if sent anyway",
                    name not in advertised and isinstance(out, UnsupportedEncoding),
                    f"Accept-Encoding '{advertised}'; {_name(out)}")
        el, out = timed(lambda: f.fetch(site.url("/x-unknown"), max_bytes=cap))
        rep.add("unknown encoding refused", isinstance(out, UnsupportedEncoding), _name(out))
    finally:
        site.close()
    missing = [n for n in ("br", "zstd") if n not in enc]
    rep.figure = (f"{len(bombs)} bombs stopped at {min(ratios):.3f}-{max(ratios):.3f}x the {cap / 1e6:.0f} MB cap, "
                  f"peak traced memory ≤ {max(peaks) / 1e6:.1f} MB; Accept-Encoding '{', '.join(enc)}'"
                  + (f"; {'/'.join(missing)}: no library installed, not advertised, refused if sent"
                     if missing else ""))
    return rep


# ---------------------------------------------------------------------------------------------------- 17


def item17(cap: int = 1_000_000) -> Report:
    rep = Report(17, "oversize and endless bodies")

    def big_declared(h: Any) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(50 * cap))
        h.end_headers()
        try:
            for _ in range(50):
                h.wfile.write(b"a" * cap)
        except OSError:
            pass

    site = Site(PUBLIC, {**ROBOTS_404, "/declared": big_declared, "/chunked": endless(chunked=True),
                         "/close": endless(chunked=False), "/under": page(b"<html>" + b"a" * (cap - 100))})
    f = fetcher()
    figs = []
    try:
        for label, path, stage in (("Content-Length 50x cap", "/declared", "content-length"),
                                   ("endless chunked", "/chunked", "wire"),
                                   ("endless, no length (read to close)", "/close", "wire")):
            el, out = timed(lambda: f.fetch(site.url(path), deadline_s=10, max_bytes=cap))
            wire = getattr(out, "wire_bytes", -1)
            rep.add(label, isinstance(out, FetchTooLarge) and out.stage == stage and wire <= cap + 65536,
                    f"{_name(out)} stage={getattr(out, 'stage', '-')} read {wire} B of cap {cap} in {el:.2f} s")
            figs.append(f"{label}: {wire / cap:.3f}x cap read")
        el, out = timed(lambda: f.fetch(site.url("/under"), max_bytes=cap))
        rep.add("control: page just under the cap", not isinstance(out, Exception), _name(out))
    finally:
        site.close()
    rep.figure = "; ".join(figs) + f" (cap {cap} B)"
    return rep


# ---------------------------------------------------------------------------------------------------- 18


def item18() -> Report:
    rep = Report(18, "non-HTML routed by Content-Type and magic bytes")
    cases = [
        ("PDF as application/pdf", page(PDF, "application/pdf"), "pdf", "html"),
        ("PDF as text/html", page(PDF, "text/html"), "pdf", "html"),
        ("PNG as text/html", page(PNG, "text/html; charset=utf-8"), "image", "html"),
        ("JPEG with no Content-Type", page(JPEG, None), "image", "html"),
        ("zip as application/octet-stream", page(zip_bytes(), "application/octet-stream"), "zip", "html"),
        ("zip as text/html", page(zip_bytes(), "text/html"), "zip", "html"),
        ("HTML as image/jpeg", page(HTML, "image/jpeg"), "image", "html"),
        ("RSS as text/html (routed to feeds)", page(RSS, "text/html"), "feed", "html"),
        ("RSS as application/rss+xml", page(RSS, "application/rss+xml"), "feed", "html"),
        ("JSON", page(b'{"a": 1}', "application/json"), "json", "html"),
        ("plain text", page(b"just words", "text/plain"), "text", "html"),
        ("binary with NULs as text/html", page(b"ab\x00\x01\x02" * 100, "text/html"), "binary", "html"),
        ("PDF asked as a feed", page(PDF, "application/xml"), "pdf", "xml"),
        ("HTML asked as a feed", page(HTML, "text/html"), "html", "xml"),
    ]
    controls = [
        ("HTML with no Content-Type", page(HTML, None), "html"),
        ("XHTML", page(b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body>x</body></html>",
                       "application/xhtml+xml"), "html"),
        ("RSS asked as a feed", page(RSS, "application/rss+xml"), "xml"),
        ("RSS as text/xml asked as a feed", page(RSS, "text/xml"), "xml"),
    ]
    routes: dict[str, Callable] = {**ROBOTS_404}
    for i, (_, route, _, _) in enumerate(cases):
        routes[f"/n{i}"] = route
    for i, (_, route, _) in enumerate(controls):
        routes[f"/c{i}"] = route
    site = Site(PUBLIC, routes)
    f = fetcher()
    by_type = 0
    try:
        for i, (label, _, kind, accept) in enumerate(cases):
            el, out = timed(lambda: f.fetch(site.url(f"/n{i}"), accept=accept))
            ok = isinstance(out, NotHTML) and out.kind == kind
            by_type += int(ok and "by Content-Type" in str(out))
            rep.add(label, ok, f"{_name(out)} kind={getattr(out, 'kind', '-')} (expected {kind}): {out}")
        for i, (label, _, accept) in enumerate(controls):
            el, out = timed(lambda: f.fetch(site.url(f"/c{i}"), accept=accept))
            rep.add(f"control: {label}", not isinstance(out, Exception), _name(out))
    finally:
        site.close()
    rep.figure = (f"{sum(r.ok for r in rep.rows[:len(cases)])}/{len(cases)} non-HTML responses refused with their kind "
                  f"({by_type} by Content-Type before any body byte, the rest by magic bytes/sniffing in the first "
                  f"1 KiB); {len(controls)}/{len(controls)} HTML/XHTML/feed controls accepted")
    return rep


# ---------------------------------------------------------------------------------------------------- 19


def item19() -> Report:
    rep = Report(19, "untrusted TLS certificates")
    tmp = tempfile.mkdtemp(prefix="newsdesk-tls-")
    pki = make_pki(tmp)
    ca_file = os.path.join(tmp, "ca.pem")
    with open(ca_file, "wb") as fh:
        fh.write(pki.ca_pem)
    trusting = verified_ssl_context(cafile=ca_file)  # trusts the test CA (still verifying)
    resolver = FakeResolver({"good.test": [PUBLIC]})
    sites = {name: Site(PUBLIC, {**ROBOTS_404, "/": page()}, tls=server_context(*pki.certs[name], tmp))
             for name in ("good", "wrong-host", "expired", "self-signed")}
    total_conns = 0
    try:
        cases = [
            ("self-signed certificate", "self-signed", trusting),
            ("host name mismatch (trusted CA)", "wrong-host", trusting),
            ("expired certificate (trusted CA)", "expired", trusting),
            ("unknown CA (default trust store)", "good", None),
        ]
        for label, name, ctx in cases:
            s = sites[name]
            s.reset()
            f = fetcher(resolver=resolver, ssl_context=ctx, max_attempts=3)
            el, out = timed(lambda: f.fetch(f"https://good.test:{s.port}/", deadline_s=5))
            total_conns += s.connections
            rep.add(label, isinstance(out, TLSError) and s.connections == 1 and s.count() == 0,
                    f"{_name(out)}; connections {s.connections}, HTTP requests served {s.count()}: {out}")
        s = sites["good"]
        s.reset()
        f = fetcher(resolver=resolver, ssl_context=trusting)
        el, out = timed(lambda: f.fetch(f"https://good.test:{s.port}/", deadline_s=5))
        rep.add("control: trusted CA, matching name", not isinstance(out, Exception), _name(out))
        try:
            import ssl

            bad = ssl.create_default_context()
            bad.check_hostname = False
            bad.verify_mode = ssl.CERT_NONE
            Fetcher(ssl_context=bad)
            rep.add("unverified context refused", False, "accepted")
        except ValueError:
            rep.add("unverified context refused", True, "ValueError")
    finally:
        for s in sites.values():
            s.close()
    rep.figure = (f"4/4 bad certificates (self-signed, wrong host, expired, unknown CA) -> TLSError, 1 connection each "
                  f"({total_conns} in all: no retry, no unverified fallback), 0 HTTP requests served; "
                  "trusted control ok")
    return rep


# ---------------------------------------------------------------------------------------------------- 20


def item20() -> Report:
    rep = Report(20, "robots.txt and per-host politeness")
    robots = (b"User-agent: *\nDisallow: /\n\n"
              b"User-agent: newsdesk\nDisallow: /private\nAllow: /\n")
    slow_ok = delayed(page(), 0.25)
    site = Site(PUBLIC, {"/robots.txt": page(robots, "text/plain"), "/": page(), "/a": page(), "/b": page(),
                         "/private": page(), "/private/x": page(), "/slow": slow_ok})
    crawl = Site(PUBLIC, {"/robots.txt": page(b"User-agent: *\nCrawl-delay: 1\n", "text/plain"), "/": page()})
    broken = Site(PUBLIC, {"/robots.txt": page(b"err", status=503), "/": page()})
    internal = Site(INTERNAL, {"*": page(b"User-agent: *\nAllow: /\n", "text/plain")})
    redirected = Site(PUBLIC, {"/robots.txt": redirect(internal.url("/robots.txt")), "/": page()})
    resolver = FakeResolver({"a.test": [PUBLIC], "b.test": [PUBLIC]})
    figs: list[str] = []
    try:
        f = fetcher(resolver=resolver)
        for path in ("/private", "/private/x"):
            el, out = timed(lambda: f.fetch(site.url(path)))
            rep.add(f"disallowed {path}", isinstance(out, RobotsDisallowed), _name(out))
        for path in ("/", "/a", "/b"):
            el, out = timed(lambda: f.fetch(site.url(path)))
            rep.add(f"allowed {path}", not isinstance(out, Exception), _name(out))
        rp = site.count("/robots.txt")
        ph = site.count("/private")
        rep.add("disallowed pages never requested", ph == 0, f"{ph} hits")
        rep.add("robots.txt cached per origin", rp == 1, f"{rp} robots.txt fetch for 5 pages")
        uas = {h.headers.get("user-agent") for h in site.hits}
        rep.add("User-Agent on every request", uas == {default_user_agent()} and "newsdesk/" in default_user_agent(),
                f"{uas}")
        figs.append(f"robots: {ph} hits on disallowed paths, {rp} robots.txt fetch for 5 pages")

        # minimum interval between requests to one host
        site.reset()
        g = fetcher(resolver=resolver, min_interval_s=0.3)
        for path in ("/", "/a", "/b", "/"):
            g.fetch(site.url(path))
        starts = sorted(h.start for h in site.hits)
        gaps = [b - a for a, b in zip(starts, starts[1:])]
        rep.add("min interval 0.3 s per host", min(gaps) >= 0.29, f"gaps {[round(x, 3) for x in gaps]}")
        figs.append(f"interval 0.3 s: min gap {min(gaps):.3f} s")

        # concurrency 1 per host: 4 threads, one host; then two host names in parallel
        site.reset()
        h = fetcher(resolver=resolver)
        h.fetch(site.url("/"))  # robots.txt cached
        site.reset()

        def many(urls: list[str]) -> float:
            t0 = time.monotonic()
            ts = [threading.Thread(target=lambda u=u: h.fetch(u, deadline_s=10)) for u in urls]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
            return time.monotonic() - t0

        one_host = many([site.url("/slow")] * 4)
        per_host = site.max_in_flight
        rep.add("concurrency 1 per host (4 threads)", per_host == 1, f"max in flight {per_host}, {one_host:.2f} s")
        site.reset()
        two = many([f"http://a.test:{site.port}/slow", f"http://b.test:{site.port}/slow"] * 2)
        rep.add("different hosts run in parallel", site.max_in_flight == 2, f"max in flight {site.max_in_flight}, "
                                                                             f"{two:.2f} s")
        figs.append(f"4 threads on one host: max in flight {per_host} ({one_host:.2f} s); two hosts: "
                    f"{site.max_in_flight} ({two:.2f} s)")

        # Crawl-delay from robots.txt raises the interval
        k = fetcher(resolver=resolver)
        for _ in range(3):
            k.fetch(crawl.url("/"))
        starts = sorted(x.start for x in crawl.hits if x.path == "/")
        cgaps = [b - a for a, b in zip(starts, starts[1:])]
        rep.add("Crawl-delay: 1 honoured", min(cgaps) >= 0.99, f"gaps {[round(x, 3) for x in cgaps]}")
        figs.append(f"Crawl-delay 1: min gap {min(cgaps):.2f} s")

        # robots.txt answering 5xx: assume disallowed (RFC 9309), retry later
        k = fetcher(resolver=resolver)
        el, out = timed(lambda: k.fetch(broken.url("/")))
        rep.add("robots.txt 503 -> disallowed, retryable",
                isinstance(out, RobotsDisallowed) and out.retryable
                and broken.count("/") - broken.count("/robots") == 0,
                f"{_name(out)} retryable={getattr(out, 'retryable', None)}")
        # robots.txt redirecting inside: not followed, treated as absent
        el, out = timed(lambda: k.fetch(redirected.url("/")))
        rep.add("robots.txt redirect to 127.0.0.2 not followed",
                internal.count() == 0 and not isinstance(out, Exception),
                f"{_name(out)}; 127.0.0.2 hits {internal.count()}")
    finally:
        for s in (site, crawl, broken, internal, redirected):
            s.close()
    rep.figure = "; ".join(figs) + f"; UA '{default_user_agent()}'"
    return rep


# ---------------------------------------------------------------------------------------------------- 25


def item25() -> Report:
    rep = Report(25, "RSS / sitemap XML")
    internal = Site(INTERNAL, {"*": page(b"<!ENTITY leak 'LEAKED'>", "application/xml-dtd")})
    tmp = tempfile.mkdtemp(prefix="newsdesk-xml-")
    secret = os.path.join(tmp, "secret.txt")
    with open(secret, "w") as fh:
        fh.write("SECRET-CONTENT-42")
    dtd_url = internal.url("/evil.dtd")

    def rss(doctype: str, title: str) -> bytes:
        return (f"<?xml version='1.0'?>{doctype}<rss version='2.0'><channel><title>{title}</title><item>"
                f"<title>{title}</title><link>http://news.test/a</link></item></channel></rss>").encode()

    hostile = [
        ("XXE file://", rss(f"<!DOCTYPE r [<!ENTITY x SYSTEM 'file://{secret}'>]>", "&x;")),
        ("XXE http:// (127.0.0.2)", rss(f"<!DOCTYPE r [<!ENTITY x SYSTEM '{dtd_url}'>]>", "&x;")),
        ("external DTD (127.0.0.2)", rss(f"<!DOCTYPE rss SYSTEM '{dtd_url}'>", "&leak;")),
        ("parameter entity (127.0.0.2)", rss(f"<!DOCTYPE r [<!ENTITY % p SYSTEM '{dtd_url}'> %p;]>", "&leak;")),
        ("billion laughs", rss("<!DOCTYPE r [<!ENTITY l0 'lol'>" + "".join(
            f"<!ENTITY l{i} '{('&l' + str(i - 1) + ';') * 10}'>" for i in range(1, 10)) + "]>", "&l9;")),
        ("quadratic blowup", rss("<!DOCTYPE r [<!ENTITY a '" + "a" * 50000 + "'>]>", "&a;" * 20000)),
    ]
    worst_t, worst_mem = 0.0, 0
    for label, doc in hostile:
        with peak_memory() as mem:
            el, out = timed(lambda: feeds.parse_feed(doc, max_bytes=5_000_000))
        worst_t, worst_mem = max(worst_t, el), max(worst_mem, mem["peak"])
        text = repr(out)
        inert = "SECRET" not in text and "LEAKED" not in text and "lollol" not in text and "aaaa" * 100 not in text
        rep.add(label, inert and el < 1.0 and mem["peak"] < 20_000_000 and
                (isinstance(out, feeds.Feed) or isinstance(out, feeds.FeedError)),
                f"{_name(out) if isinstance(out, Exception) else 'parsed inert'} in {el * 1000:.1f} ms, "
                f"peak {mem['peak'] / 1e6:.2f} MB")
    rep.add("hits on 127.0.0.2 (DTD / entity fetches)", internal.count() == 0, f"{internal.count()}")

    # over the network: caps on bytes, URL count, index depth, document count
    def urlset(n: int, start: int = 0) -> bytes:
        return (b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>" + b"".join(
            b"<url><loc>http://news.test/a%d</loc></url>" % i for i in range(start, start + n)) + b"</urlset>")

    def index(children: list[str]) -> bytes:
        return (b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>" + b"".join(
            f"<sitemap><loc>{c}</loc></sitemap>".encode() for c in children) + b"</sitemapindex>")

    site_box: dict[str, Site] = {}

    def chain(h: Any) -> None:
        n = int(h.path.rsplit("/", 1)[-1].split(".")[0])
        respond(h, 200, index([site_box["s"].url(f"/chain/{n + 1}.xml")]), content_type="application/xml")

    def wide(h: Any) -> None:
        respond(h, 200, index([site_box["s"].url(f"/leaf/{i}.xml") for i in range(10_000)]),
                content_type="application/xml")

    def leaf(h: Any) -> None:
        n = int(h.path.rsplit("/", 1)[-1].split(".")[0])
        respond(h, 200, urlset(3, n * 3), content_type="application/xml")

    routes: dict[str, Callable] = {
        **ROBOTS_404,
        "/huge.xml": page(urlset(200_000), "application/xml"),
        "/big-bytes.xml": page(b"<urlset>" + b"<!-- pad -->" * 500_000 + b"</urlset>", "application/xml"),
        "/bomb.xml.gz": page(gzip_bomb(prefix=BOMB_XML), "application/x-gzip"),
        "/self.xml": lambda h: respond(h, 200,
                                       index([site_box["s"].url("/self.xml"), site_box["s"].url("/self.xml?x")]),
                                       content_type="application/xml"),
        "/wide.xml": wide,
        "/ok.xml.gz": page(gzip.compress(urlset(5)), "application/x-gzip"),
        "/news.xml": page(b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
                          b"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url><loc>http://news.test/z</loc>"
                          b"<news:news><news:publication_date>2025-10-12T09:00:00+03:00</news:publication_date>"
                          b"<news:title>Zelensky call</news:title></news:news></url></urlset>", "application/xml"),
    }
    for p in [f"/chain/{i}.xml" for i in range(50)]:
        routes[p] = chain
    for p in [f"/leaf/{i}.xml" for i in range(10_000)]:
        routes[p] = leaf
    s = Site(PUBLIC, routes)
    site_box["s"] = s
    f = fetcher()
    figs = []
    try:
        t0 = time.monotonic()
        res = feeds.collect(s.url("/huge.xml"), fetcher=f, max_urls=1000)
        rep.add("200,000-URL sitemap, cap 1,000", len(res.entries) == 1000 and res.truncated,
                f"{len(res.entries)} entries, truncated={res.truncated}, {time.monotonic() - t0:.2f} s")
        figs.append(f"200k-URL sitemap -> {len(res.entries)} entries (cap 1,000)")
        res = feeds.collect(s.url("/big-bytes.xml"), fetcher=f, max_bytes=1_000_000)
        rep.add("document over the byte cap", res.errors and res.errors[0][1] == "FetchTooLarge",
                f"{res.errors[:1]}")
        res = feeds.collect(s.url("/bomb.xml.gz"), fetcher=f, max_bytes=5_000_000)
        rep.add("gzip bomb as sitemap.xml.gz", res.errors and res.errors[0][1] == "FetchTooLarge", f"{res.errors[:1]}")
        s.reset()
        res = feeds.collect(s.url("/self.xml"), fetcher=f)
        selfhits = s.count("/self.xml")
        rep.add("sitemap index listing itself", selfhits <= 2 and not res.entries, f"{selfhits} fetches")
        s.reset()
        res = feeds.collect(s.url("/chain/0.xml"), fetcher=f, max_index_depth=3)
        chain_hits = s.count("/chain/")
        rep.add("endless chain of indexes, depth cap 3",
                chain_hits == 4 and any(e[1] == "index-depth" for e in res.errors),
                f"{chain_hits} documents fetched")
        figs.append(f"endless index chain -> {chain_hits} documents (depth cap 3); self-listing index -> "
                    f"{selfhits} fetches")
        s.reset()
        res = feeds.collect(s.url("/wide.xml"), fetcher=f, max_documents=20, max_urls=10_000)
        wide_hits = s.count("/leaf/") + s.count("/wide")
        rep.add("index with 10,000 children, document cap 20", wide_hits == 20 and len(res.entries) == 19 * 3,
                f"{wide_hits} documents, {len(res.entries)} entries")
        figs.append(f"10,000-child index -> {wide_hits} documents (cap 20)")
        res = feeds.collect([s.url("/ok.xml.gz"), s.url("/news.xml")], fetcher=f)
        news = [e for e in res.entries if e.url.endswith("/z")]
        rep.add("control: gzip sitemap + Google News sitemap", len(res.entries) == 6 and news and
                news[0].title == "Zelensky call" and news[0].published is not None, f"{len(res.entries)} entries")
        deep = b"<rss><channel>" + b"<x>" * 100 + b"</x>" * 100 + b"</channel></rss>"
        el, out = timed(lambda: feeds.parse_feed(deep))
        rep.add("element depth cap", isinstance(out, feeds.FeedError) and out.rule == "depth", f"{_name(out)}")
    finally:
        s.close()
        internal.close()
    rep.figure = (f"XXE/DTD/parameter entities/billion laughs/quadratic blowup inert: worst {worst_t * 1000:.1f} ms, "
                  f"{worst_mem / 1e6:.2f} MB, {internal.count()} hits on 127.0.0.2; " + "; ".join(figs)
                  + "; byte cap and gzip bomb -> FetchTooLarge")
    return rep


ITEMS: dict[int, Callable[[], Report]] = {10: item10, 11: item11, 12: item12, 13: item13, 14: item14, 15: item15,
                                          16: item16, 17: item17, 18: item18, 19: item19, 20: item20, 25: item25}
