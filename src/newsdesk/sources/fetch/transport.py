"""Transport: httpx/httpcore on sockets that connect only to the addresses the guard pinned, every blocking call
capped by the fetch's deadline, TLS always verified, no proxies, no client-side redirects; httpx's exceptions
mapped to the fetch path's typed errors (`mapped_errors`).
"""

from __future__ import annotations

import socket
import ssl
import time
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

import httpcore
import httpx

from newsdesk.sources.fetch.errors import FetchConnectionError, FetchError, FetchRefused, FetchTimeout, TLSError
from newsdesk.sources.fetch.guard import FetchState, pin_key
from newsdesk.sources.fetch.policy import DeadlineHit, FetchPolicy


class Stream(httpcore.NetworkStream):
    def __init__(self, sock: socket.socket, state: FetchState) -> None:
        self._sock = sock
        self._state = state

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            self._sock.settimeout(self._state.deadline.cap(timeout))
            return self._sock.recv(max_bytes)
        except (DeadlineHit, socket.timeout) as exc:
            raise httpcore.ReadTimeout(str(exc) or "deadline") from exc
        except OSError as exc:
            raise httpcore.ReadError(str(exc)) from exc

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            while buffer:
                self._sock.settimeout(self._state.deadline.cap(timeout))
                n = self._sock.send(buffer)
                buffer = buffer[n:]
        except (DeadlineHit, socket.timeout) as exc:
            raise httpcore.WriteTimeout(str(exc) or "deadline") from exc
        except OSError as exc:
            raise httpcore.WriteError(str(exc)) from exc

    def close(self) -> None:
        self._sock.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        try:
            self._sock.settimeout(self._state.deadline.cap(timeout))
            tls = ssl_context.wrap_socket(self._sock, server_hostname=server_hostname)
        except (DeadlineHit, socket.timeout) as exc:
            self.close()
            raise httpcore.ConnectTimeout(str(exc) or "deadline") from exc
        except OSError as exc:  # ssl.SSLError (incl. certificate failures) is an OSError
            self.close()
            raise httpcore.ConnectError(str(exc)) from exc
        return Stream(tls, self._state)

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


class PinnedBackend(httpcore.NetworkBackend):
    """Connects only to the addresses validated for the host in this fetch; never resolves a name itself."""

    def __init__(self, state: FetchState) -> None:
        self._state = state

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        addresses = self._state.pins.get(pin_key(host))
        if not addresses:
            self._state.unpinned.append(host)
            raise httpcore.ConnectError(f"{host} was not validated in this fetch")
        last: Exception | None = None
        for ip in addresses:
            try:
                sock = socket.create_connection((ip, port), timeout=self._state.deadline.cap(timeout))
            except (DeadlineHit, socket.timeout) as exc:
                raise httpcore.ConnectTimeout(str(exc) or "deadline") from exc
            except OSError as exc:
                last = exc
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._state.peers.append(ip)
            return Stream(sock, self._state)
        raise httpcore.ConnectError(str(last))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:  # pragma: no cover
        raise httpcore.ConnectError("unix sockets are not used by the fetcher")

    def sleep(self, seconds: float) -> None:  # pragma: no cover
        time.sleep(seconds)


class Session:
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


class GuardedTransport(httpx.HTTPTransport):
    def __init__(self, state: FetchState, ssl_context: ssl.SSLContext) -> None:
        super().__init__(verify=ssl_context, trust_env=False, http2=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, max_connections=4, max_keepalive_connections=2, keepalive_expiry=5.0,
            http1=True, http2=False, retries=0, network_backend=PinnedBackend(state),
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


@contextmanager
def open_session(state: FetchState, policy: FetchPolicy, ssl_context: ssl.SSLContext) -> Iterator[Session]:
    """One fetch's session over the guarded transport, closed on exit."""
    timeout = httpx.Timeout(connect=policy.connect_timeout_s, read=policy.read_timeout_s,
                            write=policy.read_timeout_s, pool=policy.read_timeout_s)
    session = Session(GuardedTransport(state, ssl_context), timeout)
    try:
        yield session
    finally:
        session.close()


@contextmanager
def mapped_errors(url: str, state: FetchState) -> Iterator[None]:
    """httpx/httpcore exceptions -> the fetch path's typed errors."""
    try:
        yield
    except FetchError:
        raise
    except httpx.TimeoutException as exc:
        phase = "deadline" if state.deadline.expired else type(exc).__name__.replace("Timeout", "").lower()
        raise FetchTimeout(f"{'total deadline passed' if phase == 'deadline' else type(exc).__name__}",
                           phase=phase, url=url) from None
    except httpx.ConnectError as exc:
        if state.unpinned:
            raise FetchRefused("unvalidated-host", f"connection to {state.unpinned[-1]} was not validated",
                               url=url) from None
        cause = ssl_cause(exc)
        if cause is not None:
            raise TLSError(f"TLS handshake failed: {cause}", url=url) from None
        raise FetchConnectionError(f"connection failed: {exc}", url=url) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise FetchRefused("invalid-url", str(exc), url=url) from None
    except httpx.TransportError as exc:  # read/write errors, protocol errors, closed mid-body
        raise FetchConnectionError(f"{type(exc).__name__}: {exc}", url=url) from None


def ssl_cause(exc: BaseException) -> BaseException | None:
    """The TLS error somewhere in an exception's chain, if any."""
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, (ssl.SSLError, ssl.CertificateError)):
            return cur
        cur = cur.__cause__ or cur.__context__
    return None
