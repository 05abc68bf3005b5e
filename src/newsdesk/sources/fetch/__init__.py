"""The guarded fetch path: one URL in, the page's bytes (or a typed error) out, whatever the server does.

Guarantees (each one a scenario in tests/fetch/fetch_catalogue.py, asserted by tests/fetch/test_fetch_*.py):

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

The package, one concern per module (each imports only those above it):

- `errors`: the typed errors; `policy`: FetchPolicy (politeness, retries, timeouts), Deadline, retry rules;
- `guard`: URL and address validation, pinning, DNS capped by the deadline;
- `transport`: sockets to pinned addresses only, verified TLS, httpx errors mapped to ours;
- `content`: Content-Type gate, sniffing, charset, meta refresh; `decoding`: bounded decoders and the body reader;
- `results`: FetchResult; `robots`: robots.txt and per-host politeness; `fetcher`: Fetcher, which wires them.

Import from here (`newsdesk.sources.fetch`); the modules are the implementation.
"""

from __future__ import annotations

from newsdesk.sources.fetch.content import detect_charset, magic_kind, meta_refresh, sniff_kind
from newsdesk.sources.fetch.decoding import supported_encodings
from newsdesk.sources.fetch.errors import (
    ContentError, CorruptBody, FetchConnectionError, FetchError, FetchRefused, FetchTimeout, FetchTooLarge,
    HTTPError, NotHTML, RetryLater, RobotsDisallowed, TLSError, UnsupportedEncoding,
)
from newsdesk.sources.fetch.fetcher import Fetcher, default_fetcher, fetch
from newsdesk.sources.fetch.policy import (
    DEFAULT_DEADLINE_S, DEFAULT_MAX_BYTES, Deadline, FetchPolicy, default_user_agent, parse_retry_after,
)
from newsdesk.sources.fetch.results import FetchResult, Hop
from newsdesk.sources.fetch.transport import verified_ssl_context

__all__ = [
    "DEFAULT_DEADLINE_S", "DEFAULT_MAX_BYTES", "ContentError", "CorruptBody", "Deadline", "FetchConnectionError",
    "FetchError", "FetchPolicy", "FetchRefused", "FetchResult", "FetchTimeout", "FetchTooLarge", "Fetcher",
    "HTTPError", "Hop", "NotHTML", "RetryLater", "RobotsDisallowed", "TLSError", "UnsupportedEncoding",
    "default_fetcher", "default_user_agent", "detect_charset", "fetch", "magic_kind", "meta_refresh",
    "parse_retry_after", "sniff_kind", "supported_encodings", "verified_ssl_context",
]
