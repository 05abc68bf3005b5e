"""The guarded fetch path: one URL in, the page's bytes (or a typed error) out, whatever the server does.

Guarantees (RELIABILITY.md items 9-20; tests in tests/fetch/):

- a total deadline per URL covering DNS, connect, TLS, headers, body, redirects, robots.txt and retry waits: every
  blocking socket call is capped by the time left, so slow-loris drips and hanging servers end on time;
- a size cap on the wire bytes and, separately, on the output of every decoding stage (gzip, deflate, br, zstd,
  stacked encodings, and gzip bytes sniffed in a body that declared none); decoders are fed with bounded outputs
  so a bomb stops within one read of the cap, with memory of the order of the cap;
- only HTML/XHTML (or, with accept="xml", feed/sitemap XML) gets through: Content-Type first (a declared image,
  PDF, zip ... is refused before any body byte is read), then magic bytes of the decoded body (a PDF served as
  text/html is refused). `NotHTML.kind` says what it was ('pdf', 'image', 'zip', 'feed', ...) so a caller can route;
- every URL and every redirect hop (HTTP 30x, relative, scheme-relative, and <meta http-equiv=refresh>) is checked by
  `urls.validate_url`; the connection is made to the validated address itself (pinned: no second DNS lookup, so DNS
  rebinding cannot reach an internal address); proxy variables are ignored (trust_env=False);
- TLS certificates and host names are always verified; there is no unverified fallback;
- robots.txt is fetched through the same guard, cached per origin and honoured (Crawl-delay too); requests to one
  host are serialised (concurrency 1) and spaced by a minimum interval; the User-Agent names the product and a contact;
- 5xx, 429 and timeouts are retried with capped exponential backoff (Retry-After honoured up to a cap, longer waits
  raise RetryLater so the run re-queues the URL); 4xx and unparseable content are never retried.

Pure core: no Prefect or Streamlit imports. `FetchResult.to_input_record()` hands the page to the cleaning stage.
"""

from __future__ import annotations

import codecs
import email.utils
import html as html_lib
import os
import random
import re
import socket
import ssl
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from newsdesk import __version__
from newsdesk.sources.urls import (
    AllowList,
    FetchError,
    FetchRefused,
    Resolver,
    Target,
    canonical_url,
    default_resolver,
    validate_url,
)

# ------------------------------------------------------------------------------------------------- defaults

DEFAULT_DEADLINE_S = 20.0
DEFAULT_MAX_BYTES = 5_000_000
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
ROBOTS_AGENT = "newsdesk"  # the product token matched against robots.txt User-agent lines
CONTACT_ENV = "NEWSDESK_FETCH_CONTACT"
SNIFF_BYTES = 1024
MAX_ENCODINGS = 3
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def default_user_agent() -> str:
    contact = os.environ.get(CONTACT_ENV, "").strip() or "https://newsdesk.invalid/bot; set NEWSDESK_FETCH_CONTACT"
    return f"newsdesk/{__version__} (+{contact})"


# ---------------------------------------------------------------------------------------------------- errors


class FetchTimeout(FetchError):
    """The URL's total deadline (phase='deadline') or one connect/read/DNS wait ran out. Retryable by a later run."""

    retryable = True

    def __init__(self, message: str, *, phase: str, elapsed: float | None = None, url: str | None = None) -> None:
        super().__init__(message, url=url)
        self.phase = phase
        self.elapsed = elapsed


class FetchTooLarge(FetchError):
    """The body passed the size cap: on the wire, declared by Content-Length, or after decompression (`stage`)."""

    def __init__(self, message: str, *, limit: int, stage: str, wire_bytes: int, decoded_bytes: int,
                 url: str | None = None) -> None:
        super().__init__(message, url=url)
        self.limit = limit
        self.stage = stage
        self.wire_bytes = wire_bytes
        self.decoded_bytes = decoded_bytes


class ContentError(FetchError):
    """The response cannot be used as an article page (or feed): quarantine, never retry."""


class NotHTML(ContentError):
    """Not HTML (or not feed XML with accept='xml'); `kind` routes it: pdf, image, zip, gzip, feed, sitemap, text..."""

    def __init__(self, kind: str, content_type: str = "", detail: str = "", *, url: str | None = None) -> None:
        super().__init__(f"not {'HTML' if kind != 'html' else 'XML'}: {kind} ({content_type or 'no Content-Type'})"
                         f"{'; ' + detail if detail else ''}", url=url)
        self.kind = kind
        self.content_type = content_type


class UnsupportedEncoding(ContentError):
    """A Content-Encoding this process cannot decode safely (e.g. br without a brotli library)."""

    def __init__(self, encoding: str, *, url: str | None = None) -> None:
        super().__init__(f"unsupported Content-Encoding {encoding!r}", url=url)
        self.encoding = encoding


class CorruptBody(ContentError):
    """Compressed data that does not decode."""


class HTTPError(FetchError):
    """A final non-2xx answer. `retryable` is True for 5xx, 429 and 408 (after this call's own retries)."""

    def __init__(self, status: int, retryable: bool, *, retry_after: float | None = None, attempts: int = 1,
                 url: str | None = None, detail: str = "") -> None:
        super().__init__(f"HTTP {status}{' (' + detail + ')' if detail else ''}", url=url)
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after
        self.attempts = attempts


class RetryLater(FetchError):
    """The server (or politeness) asks for a wait longer than this run will spend: re-queue after `after_s`."""

    retryable = True

    def __init__(self, after_s: float, *, status: int | None = None, url: str | None = None, detail: str = "") -> None:
        super().__init__(f"retry after {after_s:.0f} s{' (' + detail + ')' if detail else ''}", url=url)
        self.after_s = after_s
        self.status = status


class RobotsDisallowed(FetchError):
    """robots.txt forbids the URL for our agent (or is unreachable: `retryable`, RFC 9309 says assume disallowed)."""

    def __init__(self, message: str, *, retryable: bool = False, url: str | None = None) -> None:
        super().__init__(message, url=url)
        self.retryable = retryable


class FetchConnectionError(FetchError):
    """Connection refused / reset / closed mid-response: transient, retried."""

    retryable = True


class TLSError(FetchError):
    """The TLS handshake failed (untrusted or mismatched certificate...). Never retried without verification."""


# -------------------------------------------------------------------------------------------------- deadline


class _DeadlineHit(Exception):
    pass


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
            raise _DeadlineHit()
        return left if timeout is None else max(0.001, min(timeout, left))

    def extend(self, seconds: float) -> None:
        self.end += seconds
        if self.parent is not None:
            self.parent.extend(seconds)


# ------------------------------------------------------------------------ network: pinned, deadline-capped sockets


@dataclass
class _Ctx:
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


class _Stream(httpcore.NetworkStream):
    def __init__(self, sock: socket.socket, ctx: _Ctx) -> None:
        self._sock = sock
        self._ctx = ctx

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            self._sock.settimeout(self._ctx.deadline.cap(timeout))
            return self._sock.recv(max_bytes)
        except (_DeadlineHit, socket.timeout) as exc:
            raise httpcore.ReadTimeout(str(exc) or "deadline") from exc
        except OSError as exc:
            raise httpcore.ReadError(str(exc)) from exc

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            while buffer:
                self._sock.settimeout(self._ctx.deadline.cap(timeout))
                n = self._sock.send(buffer)
                buffer = buffer[n:]
        except (_DeadlineHit, socket.timeout) as exc:
            raise httpcore.WriteTimeout(str(exc) or "deadline") from exc
        except OSError as exc:
            raise httpcore.WriteError(str(exc)) from exc

    def close(self) -> None:
        self._sock.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        try:
            self._sock.settimeout(self._ctx.deadline.cap(timeout))
            tls = ssl_context.wrap_socket(self._sock, server_hostname=server_hostname)
        except (_DeadlineHit, socket.timeout) as exc:
            self.close()
            raise httpcore.ConnectTimeout(str(exc) or "deadline") from exc
        except OSError as exc:  # ssl.SSLError (incl. certificate failures) is an OSError
            self.close()
            raise httpcore.ConnectError(str(exc)) from exc
        return _Stream(tls, self._ctx)

    def get_extra_info(self, info: str) -> Any:
        if info == "ssl_object" and isinstance(self._sock, ssl.SSLSocket):
            return self._sock._sslobj  # type: ignore[attr-defined]
        if info == "client_addr":
            return self._sock.getsockname()
        if info == "server_addr":
            return self._sock.getpeername()
        if info == "socket":
            return self._sock
        if info == "is_readable":
            from httpcore._utils import is_socket_readable

            return is_socket_readable(self._sock)
        return None


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects only to the addresses validated for the host in this fetch; never resolves a name itself."""

    def __init__(self, ctx: _Ctx) -> None:
        self._ctx = ctx

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        addresses = self._ctx.pins.get(_pin_key(host))
        if not addresses:
            self._ctx.unpinned.append(host)
            raise httpcore.ConnectError(f"{host} was not validated in this fetch")
        last: Exception | None = None
        for ip in addresses:
            try:
                sock = socket.create_connection((ip, port), timeout=self._ctx.deadline.cap(timeout))
            except (_DeadlineHit, socket.timeout) as exc:
                raise httpcore.ConnectTimeout(str(exc) or "deadline") from exc
            except OSError as exc:
                last = exc
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._ctx.peers.append(ip)
            return _Stream(sock, self._ctx)
        raise httpcore.ConnectError(str(last))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:  # pragma: no cover
        raise httpcore.ConnectError("unix sockets are not used by the fetcher")

    def sleep(self, seconds: float) -> None:  # pragma: no cover
        time.sleep(seconds)


def _pin_key(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


class _Session:
    """One fetch's transport and cookie jar. Requests go straight to the transport: no client-side redirect
    handling, no proxy lookup, no event hooks — every hop is ours to validate."""

    def __init__(self, transport: httpx.BaseTransport, timeout: httpx.Timeout) -> None:
        self.transport = transport
        self.cookies = httpx.Cookies()
        self.timeout = timeout.as_dict()

    def send(self, url: str, headers: Mapping[str, str]) -> httpx.Response:
        request = httpx.Request("GET", url, headers=dict(headers), extensions={"timeout": self.timeout})
        self.cookies.set_cookie_header(request)
        response = self.transport.handle_request(request)
        response.request = request
        self.cookies.extract_cookies(response)
        return response

    def close(self) -> None:
        self.transport.close()


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, ctx: _Ctx, ssl_context: ssl.SSLContext) -> None:
        super().__init__(verify=ssl_context, trust_env=False, http2=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, max_connections=4, max_keepalive_connections=2, keepalive_expiry=5.0,
            http1=True, http2=False, retries=0, network_backend=_PinnedBackend(ctx),
        )


def verified_ssl_context(cafile: str | None = None) -> ssl.SSLContext:
    """Certificate and host name checks on, TLS >= 1.2; CA bundle from certifi when installed, else the system's."""
    if cafile is None:
        try:
            import certifi

            cafile = certifi.where()
        except ImportError:  # pragma: no cover
            cafile = None
    ctx = ssl.create_default_context(cafile=cafile)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def _call_with_timeout(fn: Callable[[], Any], timeout: float, what: str) -> Any:
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


# ----------------------------------------------------------------------------------------------- decoders


STEP = 64 * 1024  # decoders hand out at most this much output per piece (one zstandard slice: up to ~512 KiB)


class _Decoder:
    """A streaming decoder: `feed(data)` yields output in bounded pieces; `produced` counts everything yielded."""

    produced = 0
    name = "?"

    def feed(self, data: bytes) -> Iterator[bytes]:
        raise NotImplementedError

    def flush(self) -> Iterator[bytes]:
        return self.feed(b"")


class _ZlibDecoder(_Decoder):
    """gzip (all members) or deflate (zlib-wrapped or raw)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._d: Any = zlib.decompressobj(31) if name == "gzip" else None
        self._pending = b""
        self.produced = 0

    def feed(self, data: bytes) -> Iterator[bytes]:
        if data:
            self._pending = self._pending + data if self._pending else data
        try:
            while self._pending:
                if self._d is None:  # deflate: zlib header or raw stream?
                    if len(self._pending) < 2:
                        return
                    b0, b1 = self._pending[0], self._pending[1]
                    wrapped = (b0 & 0x0F) == 8 and ((b0 << 8) | b1) % 31 == 0
                    self._d = zlib.decompressobj(15 if wrapped else -15)
                if self._d.eof:
                    rest = self._pending.lstrip(b"\x00")
                    if self.name != "gzip" or not rest.startswith(b"\x1f\x8b"):
                        self._pending = b""  # trailing bytes after the stream: ignored
                        return
                    self._d = zlib.decompressobj(31)  # next gzip member
                    self._pending = rest
                chunk = self._d.decompress(self._pending, STEP)
                self._pending = self._d.unused_data if self._d.eof else self._d.unconsumed_tail
                if chunk:
                    self.produced += len(chunk)
                    yield chunk
                elif not self._d.eof and not self._pending:
                    return
        except zlib.error as exc:
            raise CorruptBody(f"{self.name} data does not decode: {exc}") from None


class _BrotliDecoder(_Decoder):
    name = "br"

    def __init__(self) -> None:
        import brotli  # type: ignore[import-not-found]

        self._error = brotli.error
        self._d = brotli.Decompressor()
        self._pending: list[bytes] = []
        self.produced = 0

    def feed(self, data: bytes) -> Iterator[bytes]:
        if data:
            self._pending.append(data)
        stalls = 0
        try:
            while not self._d.is_finished() and stalls < 3:
                if not self._d.can_accept_more_data():
                    chunk = self._d.process(b"", output_buffer_limit=STEP)
                elif self._pending:
                    chunk = self._d.process(self._pending.pop(0), output_buffer_limit=STEP)
                else:
                    return
                if chunk:
                    stalls = 0
                    self.produced += len(chunk)
                    yield chunk
                else:
                    stalls += 1
        except self._error as exc:
            raise CorruptBody(f"br data does not decode: {exc}") from None


class _ZstdDecoder(_Decoder):
    """zstd: the bounded stdlib-style API (compression.zstd / backports.zstd) when present, else `zstandard`
    fed in 16-byte slices (one RLE block is at most 128 KiB, so one slice yields at most ~512 KiB)."""

    name = "zstd"
    SLICE = 16

    def __init__(self) -> None:
        self._bounded = _zstd_bounded_module()
        if self._bounded is not None:
            self._d = self._bounded.ZstdDecompressor()
        else:
            import zstandard  # type: ignore[import-not-found]

            self._d = zstandard.ZstdDecompressor().decompressobj()
        self._pending = b""
        self.produced = 0

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._pending += data
        try:
            if self._bounded is not None:
                while not self._d.eof:
                    if self._d.needs_input and not self._pending:
                        return
                    chunk = self._d.decompress(self._pending, max_length=STEP)
                    self._pending = b""
                    if chunk:
                        self.produced += len(chunk)
                        yield chunk
                    elif self._d.needs_input:
                        return
            else:
                while self._pending:
                    piece, self._pending = self._pending[: self.SLICE], self._pending[self.SLICE:]
                    chunk = self._d.decompress(piece)
                    if self._d.eof:
                        self._pending = b""
                    if chunk:
                        self.produced += len(chunk)
                        yield chunk
        except CorruptBody:
            raise
        except Exception as exc:  # ZstdError / compression.zstd.ZstdError
            raise CorruptBody(f"zstd data does not decode: {exc}") from None


def _zstd_bounded_module() -> Any:
    for name in ("compression.zstd", "backports.zstd"):
        try:
            return __import__(name, fromlist=["ZstdDecompressor"])
        except ImportError:
            continue
    return None


def _brotli_available() -> bool:
    try:
        import brotli  # noqa: F401

        return hasattr(brotli.Decompressor(), "can_accept_more_data")  # bounded output API (brotli >= 1.2)
    except Exception:
        return False


def _zstd_available() -> bool:
    if _zstd_bounded_module() is not None:
        return True
    try:
        import zstandard  # noqa: F401

        return True
    except Exception:
        return False


def supported_encodings() -> list[str]:
    """Content-Encodings this process decodes with bounded output (and so advertises in Accept-Encoding)."""
    names = ["gzip", "deflate"]
    if _brotli_available():
        names.append("br")
    if _zstd_available():
        names.append("zstd")
    return names


def _make_decoder(name: str, supported: list[str], url: str) -> _Decoder | None:
    name = name.strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip"):
        return _ZlibDecoder("gzip")
    if name == "deflate":
        return _ZlibDecoder("deflate")
    if name == "br" and "br" in supported:
        return _BrotliDecoder()
    if name == "zstd" and "zstd" in supported:
        return _ZstdDecoder()
    raise UnsupportedEncoding(name, url=url)


# -------------------------------------------------------------------------------------------------- sniffing

_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "image"), (b"\xff\xd8\xff", "image"), (b"GIF87a", "image"),
    (b"GIF89a", "image"), (b"II*\x00", "image"), (b"MM\x00*", "image"), (b"\x00\x00\x01\x00", "image"),
    (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"), (b"PK\x07\x08", "zip"), (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!\x1a\x07", "rar"),
    (b"\x28\xb5\x2f\xfd", "zstd"), (b"\x7fELF", "executable"), (b"MZ", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office"), (b"OggS", "media"), (b"ID3", "media"), (b"fLaC", "media"),
    (b"\x1aE\xdf\xa3", "media"), (b"%!PS", "postscript"), (b"{\\rtf", "rtf"), (b"\x00asm", "wasm"),
    (b"wOFF", "font"), (b"wOF2", "font"), (b"SQLite format 3\x00", "database"),
]
_HTML_START = re.compile(
    r"^(<!doctype\s+html|<html|<head|<body|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<br|<p|<!--"
    r"|<meta|<link|<section|<article|<main|<header|<nav|<span|<form|<noscript|<svg)[\s>/]")
_HTML_ANY = re.compile(r"<(html|head|body)[\s>]")
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf|urlset|sitemapindex)[\s>]")
_XML_START = re.compile(r"^(<\?xml[\s?]|<[a-z_][\w:.-]*[\s>/])")

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                       "text/xml", "application/x-rss+xml", "application/x-atom+xml"})
GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip", "application/x-gunzip", "application/gzipped"})
UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/unknown",
                           "unknown/unknown", "application/x-unknown-content-type"})


def magic_kind(head: bytes) -> str | None:
    """What the first bytes say the body is (None: no known binary signature)."""
    for sig, kind in _MAGIC:
        if head.startswith(sig):
            return kind
    if head[:4] == b"RIFF" and len(head) >= 12:
        return "image" if head[8:12] == b"WEBP" else "media"
    if head[4:8] == b"ftyp":
        return "media"
    return None


def _head_text(head: bytes) -> str:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="ignore").lstrip().lower()
    return head.decode("latin-1").lstrip().lower()


def _utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def sniff_kind(head: bytes) -> str:
    """Classify the first decoded bytes: pdf/image/zip/... (magic), 'feed'/'sitemap', 'html', 'xml', 'binary', 'text'."""
    if not head.strip():
        return "empty"
    kind = magic_kind(head)
    if kind:
        return kind
    if b"\x00" in head and not _utf16(head):
        return "binary"
    text = _head_text(head)
    feed = _FEED_ROOT.search(text)
    if feed and not _HTML_ANY.search(text):
        return "sitemap" if feed.group(1) in ("urlset", "sitemapindex") else "feed"
    if _HTML_START.match(text) or _HTML_ANY.search(text):
        return "html"
    if _XML_START.match(text):
        return "xml"
    return "text"


def _kind_from_type(ct: str) -> str:
    if ct.startswith("image/"):
        return "image"
    if ct.startswith(("video/", "audio/")):
        return "media"
    if ct == "application/pdf":
        return "pdf"
    if ct in ("application/zip", "application/x-zip-compressed"):
        return "zip"
    if ct in GZIP_TYPES:
        return "gzip"
    if ct in XML_TYPES and ct != "application/xml" and ct != "text/xml":
        return "feed"
    if "json" in ct:
        return "json"
    if ct.startswith("text/"):
        return "text"
    if ct.startswith("font/"):
        return "font"
    return "binary"


_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.I)


def detect_charset(content_type: str, body: bytes) -> str | None:
    """Charset from the Content-Type parameter, else the BOM, else <meta charset> / the XML declaration."""
    candidates = []
    m = _CHARSET_PARAM.search(content_type or "")
    if m:
        candidates.append(m.group(1).decode() if isinstance(m.group(1), bytes) else m.group(1))
    if body.startswith(b"\xef\xbb\xbf"):
        candidates.insert(0, "utf-8")
    elif body.startswith(b"\xff\xfe"):
        candidates.insert(0, "utf-16-le")
    elif body.startswith(b"\xfe\xff"):
        candidates.insert(0, "utf-16-be")
    head = body[:4096]
    for rx in (_META_CHARSET, _XML_ENCODING):
        m2 = rx.search(head)
        if m2:
            candidates.append(m2.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_REFRESH = re.compile(r"""^\s*(\d+(?:\.\d*)?)?\s*(?:[;,]\s*(?:url\s*=\s*)?(.*))?$""", re.I | re.S)
_COMMENTS = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>|<noscript\b.*?</noscript\s*>", re.I | re.S)


def meta_refresh(body: bytes, base_url: str) -> tuple[float, str] | None:
    """(delay, absolute URL) of a <meta http-equiv="refresh" content="N; url=..."> in the page head, if any."""
    text = body[:65536].decode("latin-1")
    text = _COMMENTS.sub(" ", text)
    for tag in _META_TAG.findall(text):
        attrs = {k.lower(): (v[1:-1] if v[:1] in "\"'" and v[-1:] == v[:1] and len(v) > 1 else v)
                 for k, v in _ATTR.findall(tag)}
        if attrs.get("http-equiv", "").strip().lower() != "refresh":
            continue
        m = _REFRESH.match(html_lib.unescape(attrs.get("content", "")))
        if not m or not m.group(2):
            continue
        target = m.group(2).strip().strip("\"'").strip()
        if not target:
            continue
        return float(m.group(1) or 0), urljoin(base_url, target)
    return None


def parse_retry_after(value: str | None) -> float | None:
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


def _retryable_status(status: int) -> bool:
    return status in (408, 425, 429) or (500 <= status < 600 and status not in (501, 505))


# ---------------------------------------------------------------------------------------------- body reader


class _Full(Exception):
    """Internal: the truncating reader (robots.txt) has what it will keep."""


class _BodyReader:
    """Wire bytes -> declared decoders -> sniff gate (may add one gzip stage) -> capped output.

    Decoders are generators handing out pieces of at most STEP bytes, each checked against the cap before the next
    is produced: a bomb stops within one piece of the cap and memory stays about one cap plus a few pieces.
    """

    def __init__(self, *, decoders: list[_Decoder], max_bytes: int, mode: str, declared: str, content_type: str,
                 url: str, truncate: bool = False) -> None:
        self.decoders = decoders
        self.max_bytes = max_bytes
        self.mode = mode
        self.declared = declared  # html | xml | xmlish | gzip | unknown | any
        self.content_type = content_type
        self.url = url
        self.truncate = truncate
        self.wire = 0
        self.pieces: list[bytes] = []
        self.size = 0
        self.head = bytearray()
        self.classified = mode == "robots"
        self.post: _ZlibDecoder | None = None
        self.sniffed_gzip = False
        self.done = False

    def _over(self, stage: str) -> Exception:
        if self.truncate:
            return _Full()
        decoded = max([self.size] + [d.produced for d in self.decoders] + ([self.post.produced] if self.post else []))
        return FetchTooLarge(f"body over the {self.max_bytes} byte cap ({stage})", limit=self.max_bytes, stage=stage,
                             wire_bytes=self.wire, decoded_bytes=decoded, url=self.url)

    def _through(self, d: _Decoder, pieces: Iterable[bytes], final: bool, stage: str) -> Iterator[bytes]:
        for piece in pieces:
            for out in d.feed(piece):
                if d.produced > self.max_bytes:
                    raise self._over(stage)
                yield out
        if final:
            for out in d.flush():
                if d.produced > self.max_bytes:
                    raise self._over(stage)
                yield out

    def _run(self, chunk: bytes, final: bool) -> None:
        if self.done:
            return
        try:
            pieces: Iterable[bytes] = [chunk] if chunk else []
            for d in self.decoders:
                pieces = self._through(d, pieces, final, f"decoded {d.name}")
            for piece in pieces:
                self._sink(piece, False)
            if final:
                self._sink(b"", True)
        except _Full:
            self.done = True

    def feed(self, chunk: bytes) -> None:
        self.wire += len(chunk)
        if self.wire > self.max_bytes and not self.truncate:
            raise self._over("wire")
        self._run(chunk, final=False)

    def finish(self) -> bytes:
        self._run(b"", final=True)
        body = b"".join(self.pieces)
        self.pieces = []
        return body[: self.max_bytes]

    def _sink(self, piece: bytes, final: bool) -> None:
        if self.post is not None:
            for out in self._through(self.post, [piece] if piece else [], final,
                                     "decoded gzip (sniffed, no Content-Encoding)"):
                self._emit(out, False)
            if final:
                self._emit(b"", True)
            return
        self._emit(piece, final)

    def _emit(self, data: bytes, final: bool) -> None:
        if not self.classified:
            self.head += data
            if len(self.head) < SNIFF_BYTES and not final:
                return
            head, self.head = bytes(self.head), bytearray()
            if self._classify(head) == "gzip":
                self.post = _ZlibDecoder("gzip")
                self.sniffed_gzip = True
                self._sink(head, final)
                return
            self.classified = True
            data = head
        if data:
            self.pieces.append(data)
            self.size += len(data)
            if self.size > self.max_bytes:
                raise self._over("decoded")

    def _classify(self, head: bytes) -> str | None:
        kind = sniff_kind(head)
        if kind == "gzip":
            if self.post is None and self.mode in ("html", "xml"):
                return "gzip"
            raise NotHTML("gzip", self.content_type, "gzip inside gzip", url=self.url)
        if self.declared == "gzip" and self.post is None:
            raise NotHTML(kind, self.content_type, "declared gzip but is not", url=self.url)
        if self.mode == "html":
            if kind == "html":
                return None
            if kind in ("text", "xml") and self.declared == "html" and "<" in _head_text(head):
                return None  # served as HTML, textual, has markup: let the cleaner decide
            raise NotHTML(kind, self.content_type, "sniffed", url=self.url)
        if self.mode == "xml":
            if kind in ("feed", "sitemap", "xml"):
                return None
            raise NotHTML(kind, self.content_type, "sniffed, expected feed or sitemap XML", url=self.url)
        return None


# ------------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Hop:
    status: int  # 301/302/303/307/308, or 0 for a <meta http-equiv=refresh>
    url: str  # where this hop came from
    location: str  # where it pointed (absolute)


@dataclass(frozen=True)
class FetchResult:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]  # lowercase names
    body: bytes  # decoded (Content-Encoding removed), at most max_bytes
    content_type: str  # the MIME type without parameters
    charset: str | None
    elapsed: float  # seconds of network time (politeness waits excluded)
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    kind: str = "html"  # html | feed | sitemap | xml | text (robots)
    redirects: tuple[Hop, ...] = ()
    attempts: int = 1
    wire_bytes: int = 0
    waited_s: float = 0.0  # spent waiting for politeness (per-host interval / concurrency)
    peer: str | None = None  # the address actually connected to (the validated one)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def decoded(self) -> tuple[str, list[str]]:
        """The body as text and what decoding repaired: the declared/meta charset when the bytes fit it, else
        UTF-8 or cp1252, flagged (files.decode_html); NULs removed."""
        from newsdesk.sources.files import decode_html

        return decode_html(self.body, self.charset, prefer_utf8=False)

    def text(self) -> str:
        return self.decoded()[0]

    def to_input_record(self) -> Any:
        """The page as the cleaning stage's input (source_ref = the URL asked, url = the final URL)."""
        from newsdesk.sources.files import InputRecord

        html, flags = self.decoded()
        return InputRecord(
            source_ref=self.url, format="html", html=html, url=self.final_url, file_mtime=self.fetched_at,
            extra={"decode_flags": flags, "fetch": {"status": self.status, "content_type": self.content_type, "charset": self.charset,
                             "redirects": [h.location for h in self.redirects], "elapsed_s": round(self.elapsed, 3),
                             "etag": self.headers.get("etag"), "last_modified": self.headers.get("last-modified")}},
        )


@dataclass
class _Redirect:
    status: int
    location: str


@dataclass
class _Response:
    status: int
    headers: dict[str, str]
    body: bytes
    content_type: str
    wire_bytes: int
    kind: str


@dataclass
class _HostState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_ok: float = 0.0
    interval: float = 0.0
    requests: int = 0
    in_flight: int = 0
    max_in_flight: int = 0


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed
    expires: float
    unreachable: str = ""


# -------------------------------------------------------------------------------------------------- fetcher


class Fetcher:
    """Holds what outlives one URL: per-host politeness state, the robots.txt cache, the TLS context, defaults.

    Thread-safe; one per process is the norm (`default_fetcher()`). Politeness is per process: workers in other
    processes keep their own.
    """

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        allow: "str | list[str] | AllowList | None" = None,
        resolver: Resolver | None = None,
        min_interval_s: float = 1.0,
        max_crawl_delay_s: float = 30.0,
        respect_robots: bool = True,
        robots_ttl_s: float = 3600.0,
        robots_timeout_s: float = 10.0,
        max_attempts: int = 3,
        backoff_base_s: float = 0.5,
        backoff_cap_s: float = 8.0,
        max_retry_after_s: float = 30.0,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 10.0,
        max_polite_wait_s: float = 60.0,
        meta_refresh_max_delay_s: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if ssl_context is not None and (ssl_context.verify_mode != ssl.CERT_REQUIRED or not ssl_context.check_hostname):
            raise ValueError("the fetcher only accepts TLS contexts that verify certificates and host names")
        self.user_agent = user_agent or default_user_agent()
        self.allow = allow
        self.resolver = resolver
        self.min_interval_s = min_interval_s
        self.max_crawl_delay_s = max_crawl_delay_s
        self.respect_robots = respect_robots
        self.robots_ttl_s = robots_ttl_s
        self.robots_timeout_s = robots_timeout_s
        self.max_attempts = max(1, max_attempts)
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self.max_retry_after_s = max_retry_after_s
        self.connect_timeout_s = connect_timeout_s
        self.read_timeout_s = read_timeout_s
        self.max_polite_wait_s = max_polite_wait_s
        self.meta_refresh_max_delay_s = meta_refresh_max_delay_s
        self.ssl_context = ssl_context or verified_ssl_context()
        self._sleep = sleep
        self._hosts: dict[str, _HostState] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self.encodings = supported_encodings()
        self.stats: dict[str, int] = {"requests": 0, "robots_fetches": 0, "retries": 0}

    # ---------------------------------------------------------------------------------------------- public

    def fetch(
        self,
        url: str,
        *,
        deadline_s: float = DEFAULT_DEADLINE_S,
        max_bytes: int = DEFAULT_MAX_BYTES,
        accept: str = "html",
        allow: "str | list[str] | AllowList | None" = None,
        resolver: Resolver | None = None,
        user_agent: str | None = None,
        headers: Mapping[str, str] | None = None,
        respect_robots: bool | None = None,
        max_redirects: int = 10,
        follow_meta_refresh: bool = True,
    ) -> FetchResult:
        """Fetch one page (accept='html') or feed/sitemap (accept='xml'); see the module docstring for guarantees."""
        if accept not in ("html", "xml"):
            raise ValueError("accept must be 'html' or 'xml'")
        started = time.monotonic()
        ctx = _Ctx(
            deadline=Deadline(deadline_s),
            allow=AllowList.parse(allow if allow is not None else self.allow),
            resolver=resolver or self.resolver,
            user_agent=user_agent or self.user_agent,
        )
        robots = self.respect_robots if respect_robots is None else respect_robots
        hops: list[Hop] = []
        conditional = any(k.lower() in ("if-none-match", "if-modified-since") for k in (headers or {}))
        with self._client(ctx) as client:
            current = url
            for _ in range(max_redirects + 1):
                target = self._validate(current, ctx)
                if robots:
                    self._check_robots(client, target, ctx)
                outcome = self._with_retries(client, target, ctx, accept, max_bytes, dict(headers or {}), conditional)
                if isinstance(outcome, _Redirect):
                    location = _join(current, outcome.location)
                    hops.append(Hop(outcome.status, current, location))
                    current = location
                    continue
                if accept == "html" and follow_meta_refresh and outcome.status == 200:
                    refresh = meta_refresh(outcome.body, current)
                    if refresh and refresh[0] <= self.meta_refresh_max_delay_s and \
                            canonical_url(refresh[1]) != canonical_url(current):
                        hops.append(Hop(0, current, refresh[1]))
                        current = refresh[1]
                        continue
                elapsed = time.monotonic() - started - ctx.waited
                ct = outcome.content_type
                return FetchResult(
                    url=url, final_url=current, status=outcome.status, headers=outcome.headers, body=outcome.body,
                    content_type=ct, charset=detect_charset(outcome.headers.get("content-type", ""), outcome.body),
                    elapsed=elapsed, kind=outcome.kind, redirects=tuple(hops), attempts=ctx.attempts,
                    wire_bytes=outcome.wire_bytes, waited_s=ctx.waited, peer=ctx.peers[-1] if ctx.peers else None,
                )
        raise FetchRefused("too-many-redirects", f"more than {max_redirects} redirects", url=url)

    def host_stats(self, host: str) -> dict[str, float]:
        st = self._hosts.get(host.lower())
        if st is None:
            return {"requests": 0, "max_in_flight": 0, "interval": self.min_interval_s}
        return {"requests": st.requests, "max_in_flight": st.max_in_flight, "interval": st.interval}

    # ---------------------------------------------------------------------------------------------- pieces

    @contextmanager
    def _client(self, ctx: _Ctx) -> Iterator["_Session"]:
        timeout = httpx.Timeout(connect=self.connect_timeout_s, read=self.read_timeout_s, write=self.read_timeout_s,
                                pool=self.read_timeout_s)
        session = _Session(_GuardedTransport(ctx, self.ssl_context), timeout)
        try:
            yield session
        finally:
            session.close()

    def _resolve(self, ctx: _Ctx) -> Resolver:
        def resolve(host: str, port: int) -> list[str]:
            if host in ctx.dns:  # one answer per host per fetch: no rebinding between hops or robots.txt
                return ctx.dns[host]
            # getaddrinfo has no timeout of its own: resolve in a daemon thread, wait at most the time left
            answers = _call_with_timeout(lambda: list((ctx.resolver or default_resolver)(host, port)),
                                         ctx.deadline.remaining(), f"DNS for {host}")
            ctx.dns[host] = answers
            return answers

        return resolve

    def _validate(self, url: str, ctx: _Ctx) -> Target:
        if ctx.deadline.expired:
            raise FetchTimeout("deadline passed before the request", phase="deadline", url=url)
        target = validate_url(url, resolver=self._resolve(ctx), allow=ctx.allow)
        try:
            hx = httpx.URL(url)
            key = _pin_key(hx.raw_host.decode("ascii"))
        except Exception as exc:
            raise FetchRefused("invalid-url", f"{exc}", url=url) from None
        if key != target.host and not _same_ip(key, target.host):
            raise FetchRefused("ambiguous-url", f"parsers disagree on the host ({key!r} vs {target.host!r})", url=url)
        ctx.pins.setdefault(key, target.addresses)
        return target

    @contextmanager
    def _host_slot(self, host: str, ctx: _Ctx) -> Iterator[None]:
        with self._lock:
            st = self._hosts.setdefault(host, _HostState(interval=self.min_interval_s))
        t0 = time.monotonic()
        if not st.lock.acquire(timeout=self.max_polite_wait_s):
            raise RetryLater(self.max_polite_wait_s, detail=f"{host} busy (concurrency 1 per host)")
        try:
            wait = st.next_ok - time.monotonic()
            if wait > self.max_polite_wait_s:
                raise RetryLater(wait, detail=f"{host} crawl interval")
            if wait > 0:
                self._sleep(wait)
            waited = time.monotonic() - t0
            if waited > 0.001:
                ctx.deadline.extend(waited)
                ctx.waited += waited
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

    def _with_retries(self, client: "_Session", target: Target, ctx: _Ctx, accept: str, max_bytes: int,
                      headers: dict[str, str], conditional: bool) -> _Redirect | _Response:
        attempt = 0
        while True:
            attempt += 1
            ctx.attempts += 1
            try:
                return self._attempt(client, target, ctx, accept, max_bytes, headers, conditional)
            except (HTTPError, FetchTimeout, FetchConnectionError) as exc:
                if not exc.retryable:
                    raise
                if isinstance(exc, HTTPError):
                    exc.attempts = attempt
                retry_after = getattr(exc, "retry_after", None)
                if retry_after is not None and retry_after > self.max_retry_after_s:
                    raise RetryLater(retry_after, status=getattr(exc, "status", None), url=target.url,
                                     detail="Retry-After over the cap") from exc
                if attempt >= self.max_attempts or ctx.deadline.expired:
                    raise
                wait = retry_after if retry_after is not None else \
                    min(self.backoff_cap_s, self.backoff_base_s * 2 ** (attempt - 1)) * random.uniform(0.75, 1.0)
                if wait >= ctx.deadline.remaining():
                    if retry_after is not None:
                        raise RetryLater(retry_after, status=getattr(exc, "status", None), url=target.url,
                                         detail="Retry-After beyond this URL's deadline") from exc
                    raise
                self.stats["retries"] += 1
                self._sleep(wait)

    def _request_headers(self, ctx: _Ctx, accept: str, extra: Mapping[str, str]) -> dict[str, str]:
        accept_value = {
            "html": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "xml": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
            "robots": "text/plain,*/*;q=0.1",
        }[accept]
        out = {"User-Agent": ctx.user_agent, "Accept": accept_value, "Accept-Encoding": ", ".join(self.encodings)}
        for k, v in extra.items():
            if k.lower() not in ("host", "accept-encoding", "user-agent"):
                out[k] = v
        return out

    def _attempt(self, client: "_Session", target: Target, ctx: _Ctx, accept: str, max_bytes: int,
                 headers: Mapping[str, str], conditional: bool, truncate: bool = False) -> _Redirect | _Response:
        url = target.url
        with self._host_slot(target.host, ctx):
            with self._mapped(url, ctx):
                response = client.send(url, self._request_headers(ctx, accept, headers))
            try:
                return self._read_response(response, target, ctx, accept, max_bytes, conditional, truncate)
            finally:
                response.close()

    def _read_response(self, response: httpx.Response, target: Target, ctx: _Ctx, accept: str, max_bytes: int,
                       conditional: bool, truncate: bool) -> _Redirect | _Response:
        url = target.url
        status = response.status_code
        hdrs = {k.lower(): v for k, v in response.headers.items()}
        if status in REDIRECT_STATUSES:
            location = hdrs.get("location", "").strip()
            if not location:
                raise HTTPError(status, False, url=url, detail="redirect without Location")
            return _Redirect(status, location)
        if status == 304 and conditional:
            return _Response(304, hdrs, b"", hdrs.get("content-type", "").split(";")[0].strip().lower(), 0, "none")
        if status != 200 and not (200 < status < 300 and status not in (204, 205, 206)):
            raise HTTPError(status, _retryable_status(status), retry_after=parse_retry_after(hdrs.get("retry-after")),
                            url=url)

        raw_ct = hdrs.get("content-type", "")
        ct = raw_ct.split(";")[0].strip().lower()
        declared = self._gate_content_type(ct, accept, url)
        length = hdrs.get("content-length", "").strip()
        if length.isdigit() and int(length) > max_bytes and not truncate:
            raise FetchTooLarge(f"Content-Length {length} over the {max_bytes} byte cap", limit=max_bytes,
                                stage="content-length", wire_bytes=0, decoded_bytes=0, url=url)
        encodings = [e for e in hdrs.get("content-encoding", "").split(",") if e.strip()]
        if len(encodings) > MAX_ENCODINGS:
            raise UnsupportedEncoding(", ".join(encodings), url=url)
        decoders = [d for d in (_make_decoder(e, self.encodings, url) for e in reversed(encodings)) if d is not None]
        reader = _BodyReader(decoders=decoders, max_bytes=max_bytes, mode=accept, declared=declared, content_type=ct,
                             url=url, truncate=truncate)
        with self._mapped(url, ctx):
            for chunk in response.iter_raw():
                reader.feed(chunk)
                if reader.done:
                    break
                if ctx.deadline.expired:
                    raise FetchTimeout("total deadline passed while reading the body", phase="deadline", url=url)
        body = reader.finish()
        kind = "text" if accept == "robots" else sniff_kind(body[:SNIFF_BYTES])
        if kind == "empty" and accept != "robots":
            raise NotHTML("empty", ct, "empty body", url=url)
        return _Response(status, hdrs, body, ct, reader.wire, kind)

    @staticmethod
    def _gate_content_type(ct: str, accept: str, url: str) -> str:
        """Decide from Content-Type alone (before any body byte): refuse, or say what the sniff must confirm."""
        if accept == "robots":
            return "any"
        if ct in UNKNOWN_TYPES:
            return "unknown"
        if accept == "html":
            if ct in HTML_TYPES:
                return "html"
            if ct in ("application/xml", "text/xml"):
                return "xmlish"
            raise NotHTML(_kind_from_type(ct), ct, "by Content-Type", url=url)
        if ct in XML_TYPES or ct.endswith("+xml"):
            return "xml"
        if ct in GZIP_TYPES:
            return "gzip"
        if ct in ("text/html", "text/plain"):
            return "xmlish"
        raise NotHTML(_kind_from_type(ct), ct, "by Content-Type", url=url)

    @contextmanager
    def _mapped(self, url: str, ctx: _Ctx) -> Iterator[None]:
        """httpx/httpcore exceptions -> the fetch path's typed errors."""
        try:
            yield
        except FetchError:
            raise
        except httpx.TimeoutException as exc:
            phase = "deadline" if ctx.deadline.expired else type(exc).__name__.replace("Timeout", "").lower()
            raise FetchTimeout(f"{'total deadline passed' if phase == 'deadline' else type(exc).__name__}",
                               phase=phase, url=url) from None
        except httpx.ConnectError as exc:
            if ctx.unpinned:
                raise FetchRefused("unvalidated-host", f"connection to {ctx.unpinned[-1]} was not validated",
                                   url=url) from None
            cause = _ssl_cause(exc)
            if cause is not None:
                raise TLSError(f"TLS handshake failed: {cause}", url=url) from None
            raise FetchConnectionError(f"connection failed: {exc}", url=url) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise FetchRefused("invalid-url", str(exc), url=url) from None
        except httpx.TransportError as exc:  # read/write errors, protocol errors, closed mid-body
            raise FetchConnectionError(f"{type(exc).__name__}: {exc}", url=url) from None

    # ------------------------------------------------------------------------------------------------ robots

    def _check_robots(self, client: "_Session", target: Target, ctx: _Ctx) -> None:
        host = f"[{target.host}]" if ":" in target.host else target.host
        origin = f"{target.scheme}://{host}:{target.port}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            entry = self._robots.get(origin)
            if entry is None or entry.expires < time.monotonic():
                entry = self._load_robots(client, origin, target, ctx)
                self._robots[origin] = entry
        if entry.unreachable:
            raise RobotsDisallowed(f"robots.txt unreachable ({entry.unreachable}): assuming disallowed",
                                   retryable=True, url=target.url)
        if entry.parser is not None:
            if not entry.parser.can_fetch(ROBOTS_AGENT, target.url):
                raise RobotsDisallowed(f"robots.txt of {origin} disallows this URL for {ROBOTS_AGENT}", url=target.url)
            delay = entry.parser.crawl_delay(ROBOTS_AGENT)
            if delay:
                with self._lock:
                    st = self._hosts.setdefault(target.host, _HostState(interval=self.min_interval_s))
                    st.interval = max(self.min_interval_s, min(float(delay), self.max_crawl_delay_s))

    def _load_robots(self, client: "_Session", origin: str, target: Target, ctx: _Ctx) -> _Robots:
        self.stats["robots_fetches"] += 1
        parent = ctx.deadline
        ctx.deadline = Deadline(self.robots_timeout_s, parent=parent)
        now = time.monotonic()
        try:
            url = origin + "/robots.txt"
            for _ in range(6):  # RFC 9309: follow at least five redirects
                hop = self._validate(url, ctx)
                outcome = self._attempt(client, hop, ctx, "robots", ROBOTS_MAX_BYTES, {}, False, truncate=True)
                if isinstance(outcome, _Redirect):
                    url = _join(url, outcome.location)
                    continue
                parser = RobotFileParser(url)
                parser.parse(outcome.body.decode("utf-8", errors="replace").splitlines())
                return _Robots(parser, now + self.robots_ttl_s)
            return _Robots(None, now + self.robots_ttl_s)  # too many redirects: treat as unavailable
        except HTTPError as exc:
            if exc.status >= 500 or exc.status == 429:
                return _Robots(None, now + 60.0, unreachable=f"HTTP {exc.status}")
            return _Robots(None, now + self.robots_ttl_s)  # 4xx: no robots.txt, all allowed
        except (FetchRefused, ContentError, FetchTooLarge):
            return _Robots(None, now + self.robots_ttl_s)  # robots.txt unusable: treated as absent
        except FetchTimeout as exc:
            if parent.expired:
                raise FetchTimeout("total deadline passed while fetching robots.txt", phase="deadline",
                                   url=target.url) from None
            return _Robots(None, now + 60.0, unreachable=f"timeout ({exc.phase})")
        # TLSError and FetchConnectionError propagate: the page itself cannot be reached either
        finally:
            ctx.deadline = parent


def _join(base: str, location: str) -> str:
    try:
        return urljoin(base, location.strip())
    except ValueError as exc:
        raise FetchRefused("invalid-url", f"bad redirect Location {location[:200]!r}: {exc}", url=base) from None


def _same_ip(a: str, b: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return False


def _ssl_cause(exc: BaseException) -> BaseException | None:
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, ssl.SSLError) or isinstance(cur, ssl.CertificateError):
            return cur
        cur = cur.__cause__ or cur.__context__
    return None


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
    allow: "str | list[str] | AllowList | None" = None,
    user_agent: str | None = None,
    resolver: Resolver | None = None,
    accept: str = "html",
    headers: Mapping[str, str] | None = None,
    fetcher: Fetcher | None = None,
    **options: Any,
) -> FetchResult:
    """Fetch one URL through the guard (see the module docstring). Raises a FetchError subclass on any failure."""
    return (fetcher or default_fetcher()).fetch(
        url, deadline_s=deadline_s, max_bytes=max_bytes, allow=allow, user_agent=user_agent, resolver=resolver,
        accept=accept, headers=headers, **options,
    )


__all__ = [
    "ContentError", "CorruptBody", "Deadline", "FetchConnectionError", "FetchError", "FetchRefused", "FetchResult",
    "FetchTimeout", "FetchTooLarge", "Fetcher", "HTTPError", "Hop", "NotHTML", "RetryLater", "RobotsDisallowed",
    "TLSError", "UnsupportedEncoding", "default_fetcher", "default_user_agent", "detect_charset", "fetch",
    "magic_kind", "meta_refresh", "parse_retry_after", "sniff_kind", "supported_encodings", "verified_ssl_context",
]
