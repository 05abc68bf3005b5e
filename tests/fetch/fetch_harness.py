"""Local hostile web for the fetch-safety tests and bench/fetch_safety.py.

Everything listens on 127.0.0.1 (the "public" site the tests allow) or 127.0.0.2 (the stand-in for an internal
host, which must never be hit). Servers run in threads inside the calling process; nothing else is contacted:
names are answered by `FakeResolver`, never by DNS.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import socket
import ssl
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable

PUBLIC = "127.0.0.1"
INTERNAL = "127.0.0.2"

HTML = (b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kyiv talks</title></head><body><article>"
        b"<h1>Zelensky and Trump spoke</h1><p>Kyiv, Oct 12 (NationPress) Ukrainian President Volodymyr Zelensky "
        b"revealed that he engaged in a phone conversation with US President Donald Trump.</p></article></body></html>")


# ------------------------------------------------------------------------------------------------ servers


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    start: float
    end: float = 0.0
    client: str = ""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def do_GET(self) -> None:  # noqa: N802
        site = self.server.site
        hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic(),
                  client=self.client_address[0])
        with site.lock:
            site.hits.append(hit)
            site.in_flight += 1
            site.max_in_flight = max(site.max_in_flight, site.in_flight)
        try:
            path = self.path.split("?", 1)[0]
            route = site.routes.get(path) or site.routes.get("*") or not_found
            route(self)
        except (OSError, ssl.SSLError):
            self.close_connection = True
        finally:
            hit.end = time.monotonic()
            with site.lock:
                site.in_flight -= 1

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, site: "Site", addr: tuple[str, int]) -> None:
        self.site = site
        super().__init__(addr, _Handler)

    def get_request(self):  # type: ignore[no-untyped-def]
        sock, addr = self.socket.accept()
        with self.site.lock:
            self.site.connections += 1
        return sock, addr

    def finish_request(self, request, client_address):  # type: ignore[no-untyped-def]
        if self.site.tls is not None:
            try:
                request.settimeout(5)
                request = self.site.tls.wrap_socket(request, server_side=True)
                request.settimeout(None)
            except (OSError, ssl.SSLError):
                with self.site.lock:
                    self.site.handshake_failures += 1
                return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):  # type: ignore[no-untyped-def]
        pass


class Site:
    """A threaded HTTP(S) server with a route table that records every request it receives."""

    def __init__(self, host: str = PUBLIC, routes: dict[str, Callable] | None = None,
                 tls: ssl.SSLContext | None = None) -> None:
        self.host = host
        self.routes: dict[str, Callable] = dict(routes or {})
        self.tls = tls
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.stop_event = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0
        self.handshake_failures = 0
        self._server = _Server(self, (host, 0))
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    def count(self, prefix: str = "") -> int:
        with self.lock:
            return sum(1 for h in self.hits if h.path.startswith(prefix))

    def reset(self) -> None:
        with self.lock:
            self.hits.clear()
            self.connections = 0
            self.max_in_flight = 0

    def close(self) -> None:
        self.stop_event.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "Site":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SilentListener:
    """Accepts TCP connections into the backlog and never answers (not even a TLS handshake)."""

    def __init__(self, host: str = PUBLIC) -> None:
        self.sock = socket.socket()
        self.sock.bind((host, 0))
        self.sock.listen(64)
        self.host = host
        self.port = self.sock.getsockname()[1]

    def url(self, path: str = "/", scheme: str = "http") -> str:
        return f"{scheme}://{self.host}:{self.port}{path}"

    def close(self) -> None:
        self.sock.close()


class FakeResolver:
    """Name -> answers; a list of lists gives successive answers (DNS rebinding). Counts calls. No DNS traffic."""

    def __init__(self, table: dict[str, list[str] | list[list[str]]] | None = None, delay: float = 0.0) -> None:
        self.table = dict(table or {})
        self.calls: list[str] = []
        self.delay = delay

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        if self.delay:
            time.sleep(self.delay)
        if host not in self.table:
            raise OSError(f"fake resolver: unknown name {host}")
        answer = self.table[host]
        if answer and isinstance(answer[0], list):
            n = sum(1 for c in self.calls if c == host) - 1
            return list(answer[min(n, len(answer) - 1)])  # type: ignore[arg-type]
        return list(answer)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------ routes


def not_found(h: BaseHTTPRequestHandler) -> None:
    respond(h, 404, b"not found", content_type="text/plain")


def respond(h: BaseHTTPRequestHandler, status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None,
            content_type: str | None = "text/html; charset=utf-8") -> None:
    h.send_response(status)
    headers = dict(headers or {})
    if content_type is not None:
        h.send_header("Content-Type", content_type)
    if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
        h.send_header("Content-Length", str(len(body)))
    for k, v in headers.items():
        h.send_header(k, v)
    h.end_headers()
    if body:
        h.wfile.write(body)


def page(body: bytes = HTML, content_type: str | None = "text/html; charset=utf-8", status: int = 200,
         headers: dict[str, str] | None = None) -> Callable:
    return lambda h: respond(h, status, body, headers, content_type)


def redirect(location: str | Callable[[], str], status: int = 302) -> Callable:
    def route(h: BaseHTTPRequestHandler) -> None:
        loc = location() if callable(location) else location
        respond(h, status, b"", {"Location": loc}, content_type=None)

    return route


def slow_body(interval: float = 0.2) -> Callable:
    """Headers at once, then one byte every `interval` seconds, forever (slow-loris)."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100000")
        h.end_headers()
        h.wfile.write(b"<html><body>")
        while not h.server.site.stop_event.wait(interval):  # type: ignore[attr-defined]
            h.wfile.write(b"x")

    return route


def slow_headers(interval: float = 0.2) -> Callable:
    """A status line, then a header that never ends, one byte at a time."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        while not h.server.site.stop_event.wait(interval):  # type: ignore[attr-defined]
            h.wfile.write(b"a")

    return route


def hang(h: BaseHTTPRequestHandler) -> None:
    """Read the request, never answer."""
    h.server.site.stop_event.wait(120)  # type: ignore[attr-defined]


def drip_chunks(chunk: bytes = b"<p>" + b"x" * 97, interval: float = 0.05) -> Callable:
    """A chunked body of small pieces at a steady pace, never ending (each read returns quickly)."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        h.wfile.write(b"%x\r\n<html>\r\n" % 6)
        while not h.server.site.stop_event.wait(interval):  # type: ignore[attr-defined]
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    return route


def endless(chunk_size: int = 65536, chunked: bool = True) -> Callable:
    """An endless fast body (chunked, or no length and no end)."""
    piece = (b"<p>" + b"a" * (chunk_size - 3))

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if chunked:
            h.send_header("Transfer-Encoding", "chunked")
        else:
            h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        for _ in range(100_000):
            if h.server.site.stop_event.is_set():  # type: ignore[attr-defined]
                return
            h.wfile.write((b"%x\r\n%s\r\n" % (len(piece), piece)) if chunked else piece)

    return route


def sequence(*routes: Callable) -> Callable:
    """Successive requests get successive routes (the last one repeats)."""
    state = {"n": 0}
    lock = threading.Lock()

    def route(h: BaseHTTPRequestHandler) -> None:
        with lock:
            i = min(state["n"], len(routes) - 1)
            state["n"] += 1
        routes[i](h)

    return route


def delayed(route: Callable, seconds: float) -> Callable:
    def wrapped(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        route(h)

    return wrapped


# ---------------------------------------------------------------------------------------------- payloads

_CACHE: dict[str, bytes] = {}


BOMB_HTML = b"<!DOCTYPE html><html><head><title>bomb</title></head><body><p>"
BOMB_XML = b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"


def zeros_stream(total: int, piece: int = 1 << 20, prefix: bytes = BOMB_HTML) -> Iterable[bytes]:
    """A bomb body that sniffs as HTML (or XML): a document start, then spaces (compresses ~1000:1 like zeros)."""
    yield prefix
    block = b" " * piece
    for _ in range(total // piece):
        yield block


def real_zero_bomb(total: int = 64 << 20) -> bytes:
    key = f"zero{total}"
    if key not in _CACHE:
        c = zlib.compressobj(9, zlib.DEFLATED, 31)
        _CACHE[key] = b"".join(c.compress(b"\0" * (1 << 20)) for _ in range(total >> 20)) + c.flush()
    return _CACHE[key]


def gzip_bomb(total: int = 64 << 20, prefix: bytes = BOMB_HTML) -> bytes:
    key = f"gzip{total}{prefix!r}"
    if key not in _CACHE:
        c = zlib.compressobj(9, zlib.DEFLATED, 31)
        _CACHE[key] = b"".join(c.compress(b) for b in zeros_stream(total, prefix=prefix)) + c.flush()
    return _CACHE[key]


def deflate_bomb(total: int = 64 << 20, raw: bool = False) -> bytes:
    key = f"deflate{total}{raw}"
    if key not in _CACHE:
        c = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
        _CACHE[key] = b"".join(c.compress(b) for b in zeros_stream(total)) + c.flush()
    return _CACHE[key]


def stacked_gzip_bomb(total: int = 256 << 20) -> bytes:
    """gzip(gzip(256 MiB of zeros)): about 1 kB on the wire."""
    key = f"stacked{total}"
    if key not in _CACHE:
        _CACHE[key] = gzip.compress(gzip_bomb(total), 9)
    return _CACHE[key]


def br_bomb(total: int = 64 << 20) -> bytes | None:
    try:
        import brotli  # type: ignore[import-not-found]
    except ImportError:
        return None
    key = f"br{total}"
    if key not in _CACHE:
        c = brotli.Compressor(quality=1)
        _CACHE[key] = b"".join(c.process(b) for b in zeros_stream(total)) + c.finish()
    return _CACHE[key]


def zstd_bomb(total: int = 64 << 20) -> bytes | None:
    try:
        import zstandard  # type: ignore[import-not-found]
    except ImportError:
        return None
    key = f"zstd{total}"
    if key not in _CACHE:
        c = zstandard.ZstdCompressor(level=3).compressobj()
        _CACHE[key] = b"".join(c.compress(b) for b in zeros_stream(total)) + c.flush()
    return _CACHE[key]


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n" + b"<html>" * 10
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 200
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\0" * 200


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.html", HTML)
    return buf.getvalue()


RSS = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>A</title>"
       b"<link>http://127.0.0.1/a</link></item></channel></rss>")


# --------------------------------------------------------------------------------------------------- TLS


@dataclass
class Pki:
    ca_pem: bytes
    certs: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # name -> (cert pem, key pem)
    self_signed: tuple[bytes, bytes] | None = None


def make_pki(tmp: "str | object") -> Pki:
    """A throwaway CA with leaf certificates (good, expired, wrong host) and a self-signed one; made at test time."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    now = dt.datetime.now(dt.timezone.utc)

    def key() -> ec.EllipticCurvePrivateKey:
        return ec.generate_private_key(ec.SECP256R1())

    def pem_key(k: ec.EllipticCurvePrivateKey) -> bytes:
        return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())

    ca_key = key()
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "newsdesk test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    pki = Pki(ca.public_bytes(serialization.Encoding.PEM))

    def leaf(names: list[str], ips: list[str], start: dt.datetime, end: dt.datetime, issuer_key=ca_key,
             issuer=ca_name) -> tuple[bytes, bytes]:
        k = key()
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0] if names else ips[0])])
        san = [x509.DNSName(n) for n in names] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(k.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
                   .add_extension(x509.SubjectAlternativeName(san), critical=False)
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False))
        if issuer_key is ca_key:
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        cert = builder.sign(issuer_key if issuer_key is not None else k, hashes.SHA256())
        return cert.public_bytes(serialization.Encoding.PEM), pem_key(k)

    valid = (now - dt.timedelta(days=1), now + dt.timedelta(days=10))
    pki.certs["good"] = leaf(["good.test"], [PUBLIC], *valid)
    pki.certs["wrong-host"] = leaf(["other.test"], [], *valid)
    pki.certs["expired"] = leaf(["good.test"], [PUBLIC], now - dt.timedelta(days=30), now - dt.timedelta(days=2))
    # self-signed: its own issuer, signed by its own key, not under the CA
    k = key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "good.test")])
    ss = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(k.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(valid[0]).not_valid_after(valid[1])
          .add_extension(x509.SubjectAlternativeName([x509.DNSName("good.test"),
                                                      x509.IPAddress(ipaddress.ip_address(PUBLIC))]), critical=False)
          .sign(k, hashes.SHA256()))
    pki.certs["self-signed"] = (ss.public_bytes(serialization.Encoding.PEM), pem_key(k))
    return pki


def server_context(cert_pem: bytes, key_pem: bytes, tmpdir: str) -> ssl.SSLContext:
    import os
    import tempfile

    fd, path = tempfile.mkstemp(dir=tmpdir, suffix=".pem")
    with os.fdopen(fd, "wb") as f:
        f.write(cert_pem + key_pem)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(path)
    return ctx


# ------------------------------------------------------------------------------------------- measurement


class NoSockets:
    """Context manager: any socket creation, connect or DNS lookup in this process raises (and is counted)."""

    def __init__(self) -> None:
        self.attempts = 0

    def __enter__(self) -> "NoSockets":
        self._saved = (socket.socket.connect, socket.getaddrinfo, socket.create_connection, socket.gethostbyname)

        def deny(*a: object, **k: object) -> None:
            self.attempts += 1
            raise AssertionError("network use during a no-socket check")

        socket.socket.connect = deny  # type: ignore[method-assign]
        socket.getaddrinfo = deny  # type: ignore[assignment]
        socket.create_connection = deny  # type: ignore[assignment]
        socket.gethostbyname = deny  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        (socket.socket.connect, socket.getaddrinfo, socket.create_connection,  # type: ignore[method-assign]
         socket.gethostbyname) = self._saved


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result or the exception raised)."""
    t0 = time.monotonic()
    try:
        out: object = fn()
    except Exception as exc:  # noqa: BLE001
        out = exc
    return time.monotonic() - t0, out
