"""A small news site on 127.0.0.1 for tests: real corpus pages, an RSS feed, a sitemap, and hostile routes.

A second listener on 127.0.0.2 stands in for an "internal" host; it counts every connection it gets.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOSTILE = {
    "slow": "drips one byte every 0.5 s",
    "hang": "sends nothing after the request",
    "huge": "an endless body",
    "bomb": "a gzip bomb (Content-Encoding: gzip)",
    "internal": "a redirect to the 127.0.0.2 listener",
    "pdf": "a PDF served as text/html",
    "gone": "404",
}


@dataclass
class Site:
    base: str
    internal_hits: list[str]
    requests: list[str]
    pages: dict[str, bytes] = field(default_factory=dict)
    servers: list[ThreadingHTTPServer] = field(default_factory=list)

    def article_urls(self) -> list[str]:
        return [f"{self.base}/articles/{name}" for name in sorted(self.pages)]

    def hostile_urls(self) -> dict[str, str]:
        return {k: f"{self.base}/hostile/{k}" for k in HOSTILE}

    def close(self) -> None:
        for s in self.servers:
            s.shutdown()
            s.server_close()


def load_pages(corpora: Path, n: int) -> dict[str, bytes]:
    """The first `n` English fundus pages (raw HTML as published), keyed by a file name."""
    rows = [json.loads(line) for line in (corpora / "fundus" / "manifest.jsonl").read_text().splitlines()]
    out = {}
    for row in [r for r in rows if r["language"] == "en"][:n]:
        html = gzip.decompress((corpora / "fundus" / row["html_file"]).read_bytes())
        out[Path(row["html_file"]).name.removesuffix(".gz")] = html
    return out


def _bomb() -> bytes:
    return gzip.compress(b"<html><body>" + b"A" * 60_000_000, compresslevel=9)


def serve(pages: dict[str, bytes], feed_etag: str = '"v1"', flaky_failures: int = 0) -> Site:
    """Start the site (and the 127.0.0.2 listener) in threads; call `.close()` when done."""
    internal_hits: list[str] = []
    requests: list[str] = []
    flaky_count = [0]
    bomb = _bomb()

    class Internal(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            internal_hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"secret")

        def log_message(self, *a: object) -> None:
            pass

    internal = ThreadingHTTPServer(("127.0.0.2", 0), Internal)
    internal.daemon_threads = True
    internal_port = internal.server_address[1]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a: object) -> None:
            pass

        def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            requests.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            path = self.path.split("?", 1)[0]
            if path == "/robots.txt":
                return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path.startswith("/articles/") and path[10:] in pages:
                return self._send(200, pages[path[10:]])
            if path in ("/feed.xml", "/sitemap.xml"):
                if self.headers.get("If-None-Match") == feed_etag:
                    self.send_response(304)
                    self.send_header("ETag", feed_etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                links = [f"{base}/articles/{n}" for n in sorted(pages)]
                links += [f"{base}/hostile/{k}" for k in HOSTILE] + [f"{base}/private/page.html"]
                return self._send(200, _feed(path, links), "application/xml", {"ETag": feed_etag})
            if path == "/big-feed.xml":  # 100,000 items, about 7.7 MB: over the page cap, under the feed cap
                return self._send(200, big_feed(base), "application/rss+xml")
            if path.startswith("/flaky/"):  # 503 for the first `flaky_failures` requests, then a real page
                flaky_count[0] += 1
                if flaky_count[0] <= flaky_failures:
                    return self._send(503, b"busy", headers={"Retry-After": "0"})
                return self._send(200, next(iter(pages.values())))
            if path.startswith("/hostile/"):
                return self._hostile(path[9:], internal_port)
            return self._send(404, b"not found")

        def _hostile(self, kind: str, internal_port: int) -> None:
            if kind == "slow":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(400):
                        self.wfile.write(b"<")
                        self.wfile.flush()
                        time.sleep(0.5)
                except OSError:
                    pass
                return None
            if kind == "hang":
                time.sleep(60)
                return None
            if kind == "huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    while True:
                        self.wfile.write(b"<p>" + b"x" * 65536)
                except OSError:
                    return None
            if kind == "bomb":
                return self._send(200, bomb, headers={"Content-Encoding": "gzip"})
            if kind == "internal":
                return self._send(302, b"", headers={"Location": f"http://127.0.0.2:{internal_port}/secret"})
            if kind == "pdf":
                return self._send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + b"0" * 2000)
            return self._send(404, b"gone")

    site_server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site_server.daemon_threads = True
    for srv in (site_server, internal):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    return Site(f"http://127.0.0.1:{site_server.server_address[1]}", internal_hits, requests, pages,
                [site_server, internal])


def _feed(path: str, links: list[str]) -> bytes:
    now = format_datetime(datetime(2025, 10, 12, 8, 0, tzinfo=timezone.utc))
    if path == "/feed.xml":
        items = "".join(f"<item><title>Item {i}</title><link>{u}</link><pubDate>{now}</pubDate></item>"
                        for i, u in enumerate(links))
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{items}</channel></rss>'.encode()
    urls = "".join(f"<url><loc>{u}</loc><lastmod>2025-10-12</lastmod></url>" for u in links)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def big_feed(base: str, n: int = 100_000) -> bytes:
    items = "".join(f"<item><title>Story {i}</title><link>{base}/story/{i}</link></item>" for i in range(n))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()
