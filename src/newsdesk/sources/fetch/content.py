"""Content: what a response is, decided from its Content-Type before any body byte (`gate_content_type`) and then
from its first decoded bytes (`sniff_kind`, magic numbers); its charset; a <meta http-equiv=refresh> redirect.
Pure functions on headers and bytes.
"""

from __future__ import annotations

import codecs
import html as html_lib
import re
from urllib.parse import urljoin

from newsdesk.sources.fetch.errors import NotHTML

SNIFF_BYTES = 1024  # the body's first bytes that decide its kind

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


def head_text(head: bytes) -> str:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="ignore").lstrip().lower()
    return head.decode("latin-1").lstrip().lower()


def _utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def sniff_kind(head: bytes) -> str:
    """Classify the first decoded bytes: pdf/image/zip... (magic), feed/sitemap, html, xml, binary, text or empty."""
    if not head.strip():
        return "empty"
    kind = magic_kind(head)
    if kind:
        return kind
    if b"\x00" in head and not _utf16(head):
        return "binary"
    text = head_text(head)
    feed = _FEED_ROOT.search(text)
    if feed and not _HTML_ANY.search(text):
        return "sitemap" if feed.group(1) in ("urlset", "sitemapindex") else "feed"
    if _HTML_START.match(text) or _HTML_ANY.search(text):
        return "html"
    if _XML_START.match(text):
        return "xml"
    return "text"


def kind_from_type(ct: str) -> str:
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
        candidates.append(m.group(1))
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


def gate_content_type(ct: str, accept: str, url: str) -> str:
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
        raise NotHTML(kind_from_type(ct), ct, "by Content-Type", url=url)
    if ct in XML_TYPES or ct.endswith("+xml"):
        return "xml"
    if ct in GZIP_TYPES:
        return "gzip"
    if ct in ("text/html", "text/plain"):
        return "xmlish"
    raise NotHTML(kind_from_type(ct), ct, "by Content-Type", url=url)
