"""What a fetch returns: `FetchResult` (the page and how it was reached) and the internal outcomes of one request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

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
            extra={"decode_flags": flags, "fetch": {
                             "status": self.status, "content_type": self.content_type, "charset": self.charset,
                             "redirects": [h.location for h in self.redirects], "elapsed_s": round(self.elapsed, 3),
                             "etag": self.headers.get("etag"), "last_modified": self.headers.get("last-modified")}},
        )


@dataclass
class Redirect:
    status: int
    location: str


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    content_type: str
    wire_bytes: int
    kind: str

