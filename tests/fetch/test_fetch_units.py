"""Fetch pieces without a server: sniffing, charsets, meta refresh, Retry-After, the hand-off to cleaning."""

from __future__ import annotations

import gzip
import ssl
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from fetch_harness import HTML, JPEG, PDF, PNG, RSS, FakeResolver, Site, page, zip_bytes
from newsdesk.sources.fetch import (
    Deadline, Fetcher, FetchPolicy, FetchRefused, FetchResult, default_user_agent, detect_charset, meta_refresh,
    parse_retry_after, sniff_kind,
)


@pytest.mark.parametrize("body,kind", [
    (HTML, "html"), (b"\xef\xbb\xbf  <!doctype HTML><p>x", "html"),
    ("<html><body>é</body></html>".encode("utf-16"), "html"),
    (PDF, "pdf"), (PNG, "image"), (JPEG, "image"), (b"GIF89a....", "image"), (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image"),
    (zip_bytes(), "zip"), (gzip.compress(b"x"), "gzip"), (RSS, "feed"),
    (b"<?xml version='1.0'?><urlset xmlns='x'></urlset>", "sitemap"), (b"<?xml version='1.0'?><x/>", "xml"),
    (b"plain words", "text"), (b"a\x00b\x00c", "binary"), (b"   ", "empty"), (b"\x7fELF\x02", "executable"),
])
def test_sniff_kind(body: bytes, kind: str) -> None:
    assert sniff_kind(body[:1024]) == kind


@pytest.mark.parametrize("ctype,body,charset", [
    ("text/html; charset=ISO-8859-1", b"<html>", "iso8859-1"),
    ("text/html", b"<html><head><meta charset='shift_jis'>", "shift_jis"),
    ("text/html", b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "cp1252"),
    ("text/html", b"\xef\xbb\xbf<html>", "utf-8"),
    ("application/rss+xml", b"<?xml version='1.0' encoding='koi8-r'?><rss/>", "koi8-r"),
    ("text/html; charset=bogus-enc", b"<html>", None),
    ("text/html", b"<html>", None),
])
def test_detect_charset(ctype: str, body: bytes, charset: str | None) -> None:
    assert detect_charset(ctype, body) == charset


def test_meta_refresh_forms() -> None:
    base = "http://a.test/dir/page"
    assert meta_refresh(b"<meta http-equiv='refresh' content='0; url=/next'>", base) == (0.0, "http://a.test/next")
    assert meta_refresh(b'<META HTTP-EQUIV="Refresh" CONTENT="5;URL=\'other\'">', base) == (5.0, "http://a.test/dir/other")
    assert meta_refresh(b"<meta content=\"0;url=//b.test/x\" http-equiv=refresh>", base) == (0.0, "http://b.test/x")
    assert meta_refresh(b"<meta http-equiv='refresh' content='300'>", base) is None  # reload only
    assert meta_refresh(b"<!-- <meta http-equiv='refresh' content='0;url=/x'> -->", base) is None
    assert meta_refresh(b"<meta name='refresh' content='0;url=/x'>", base) is None


def test_retry_after() -> None:
    assert parse_retry_after("120") == 120.0
    later = datetime.now(timezone.utc) + timedelta(minutes=10)
    assert 590 <= parse_retry_after(format_datetime(later, usegmt=True)) <= 600  # type: ignore[operator]
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_deadline_caps_and_extends() -> None:
    d = Deadline(0.2)
    assert 0 < d.cap(10) <= 0.2
    d.extend(1.0)
    assert d.remaining() > 1.0
    child = Deadline(5.0, parent=d)
    assert child.end <= d.end


def test_user_agent_names_product_and_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_FETCH_CONTACT", "mailto:ops@example.org")
    assert default_user_agent() == "newsdesk/0.1.0 (+mailto:ops@example.org)"


def test_fetcher_refuses_unverified_tls_contexts() -> None:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    with pytest.raises(ValueError):
        Fetcher(ssl_context=ctx)
    ctx.verify_mode = ssl.CERT_NONE
    with pytest.raises(ValueError):
        Fetcher(ssl_context=ctx)


def test_fetch_result_becomes_an_input_record_for_cleaning() -> None:
    body = "<html><head><title>Kyiv</title></head><body><p>Zelensky — Trump</p></body></html>".encode("cp1252")
    res = FetchResult(url="http://a.test/x?utm_source=1", final_url="http://a.test/x", status=200,
                      headers={"etag": '"e1"'}, body=body, content_type="text/html", charset="cp1252", elapsed=0.1,
                      fetched_at=datetime(2025, 10, 12, tzinfo=timezone.utc))
    rec = res.to_input_record()
    assert rec.source_ref == "http://a.test/x?utm_source=1" and rec.url == "http://a.test/x"
    assert rec.format == "html" and "Zelensky — Trump" in rec.html
    assert rec.file_mtime == datetime(2025, 10, 12, tzinfo=timezone.utc)
    assert rec.extra["fetch"]["etag"] == '"e1"'


@pytest.mark.timeout(60)
def test_fetched_page_cleans_like_a_local_file() -> None:
    pytest.importorskip("trafilatura")
    from newsdesk.clean import clean

    article_html = (b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Zelensky spoke with Trump</title>"
                    b"</head><body><article><h1>Zelensky spoke with Trump</h1>"
                    + b"<p>Kyiv, Oct 12 (NationPress) Ukrainian President Volodymyr Zelensky revealed that he engaged "
                      b"in a phone conversation with US President Donald Trump about energy and air defence.</p>" * 3
                    + b"</article></body></html>")
    with Site(routes={"/robots.txt": page(b"", status=404), "/a": page(article_html)}) as site:
        res = Fetcher(FetchPolicy(min_interval_s=0), allow="127.0.0.1", resolver=FakeResolver()).fetch(site.url("/a"))
    article = clean(res.to_input_record())
    assert "Zelensky" in (article.title or "")
    assert "phone conversation" in article.text
    assert article.url == site.url("/a")


@pytest.mark.timeout(60)
def test_conditional_request_returns_not_modified() -> None:
    def etag_route(h):  # type: ignore[no-untyped-def]
        if h.headers.get("If-None-Match") == '"v1"':
            h.send_response(304)
            h.send_header("ETag", '"v1"')
            h.send_header("Content-Length", "0")
            h.end_headers()
        else:
            page(RSS, "application/rss+xml", headers={"ETag": '"v1"'})(h)

    with Site(routes={"/robots.txt": page(b"", status=404), "/feed": etag_route}) as site:
        f = Fetcher(FetchPolicy(min_interval_s=0), allow="127.0.0.1", resolver=FakeResolver())
        first = f.fetch(site.url("/feed"), accept="xml")
        again = f.fetch(site.url("/feed"), accept="xml", headers={"If-None-Match": first.headers["etag"]})
    assert first.status == 200 and first.kind == "feed"
    assert again.not_modified and again.body == b""


@pytest.mark.timeout(60)
def test_host_not_validated_cannot_be_connected() -> None:
    """Connections only go to addresses pinned by validation in the same fetch (belt and braces)."""
    from newsdesk.sources.fetch.guard import FetchState
    from newsdesk.sources.fetch.transport import PinnedBackend
    from newsdesk.sources.urls import AllowList

    ctx = FetchState(deadline=Deadline(2), allow=AllowList.parse("127.0.0.1"), resolver=None, user_agent="t")
    backend = PinnedBackend(ctx)
    import httpcore

    with pytest.raises(httpcore.ConnectError):
        backend.connect_tcp("127.0.0.1", 9)
    assert ctx.unpinned == ["127.0.0.1"]


def test_fetch_refuses_before_any_request_for_bad_urls() -> None:
    f = Fetcher(allow="", resolver=FakeResolver())
    t0 = time.monotonic()
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "gopher://x/", "http://[::1]:80/"):
        with pytest.raises(FetchRefused):
            f.fetch(url)
    assert time.monotonic() - t0 < 1.0
