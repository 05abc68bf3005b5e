"""The fetch path's typed errors: what a caller sees instead of an httpx exception.

`FetchError` (the base, with `retryable`) and `FetchRefused` (the URL or address guard said no) live in
`newsdesk.sources.urls`, which raises them before any fetch starts.
"""

from __future__ import annotations

from newsdesk.sources.urls import FetchError, FetchRefused

__all__ = [
    "ContentError", "CorruptBody", "FetchConnectionError", "FetchError", "FetchRefused", "FetchTimeout",
    "FetchTooLarge", "HTTPError", "NotHTML", "RetryLater", "RobotsDisallowed", "TLSError", "UnsupportedEncoding",
]


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
