"""Titles: the declared headline, cleaned of site-name prefixes and suffixes."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from newsdesk.metadata.meta_tags import _first
from newsdesk.metadata.text import _clean_space, _key, _text


# --------------------------------------------------------------------------------------------- titles

SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " * ", " / ", " ‹ ", " › ", " « ", " » ", "｜", "：",
              " ─ ", " ~ ", " ― ", "‖", " ｜ ", " −")
_SEP_RE = re.compile("(" + "|".join(re.escape(s) for s in sorted(set(SEPARATORS), key=len, reverse=True)) + ")")
_DATE_SEG = re.compile(r"^\W*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\W*$")


def _is_site_segment(seg: str, outlet_keys: set[str]) -> bool:
    s = seg.strip()
    k = _key(s)
    if not k:
        return True
    if _DATE_SEG.match(s) or re.match(r"^(?:by|von|par|por|av|door)\s", s, re.I):
        return True
    for o in outlet_keys:
        if len(o) >= 2 and (k == o or (len(o) >= 3 and (k.startswith(o) or k.endswith(o)
                                                        or o.startswith(k) and len(k) >= 3))):
            return True
    return False


def strip_site_name(title: str, outlet_keys: set[str]) -> str:
    """Drop leading and trailing segments that name the site (or are a date or a "by <author>" note)."""
    parts = _SEP_RE.split(title)
    # parts = [seg, sep, seg, sep, seg ...]
    segs = parts[0::2]
    seps = parts[1::2]
    if len(segs) < 2:
        return title.strip()
    changed = True
    while changed and len(segs) > 1:
        changed = False
        if _is_site_segment(segs[-1], outlet_keys):
            segs, seps, changed = segs[:-1], seps[:-1], True
            continue
        if len(segs) > 1 and _is_site_segment(segs[0], outlet_keys) and \
                seps[0].strip() in ("|", "｜", "::", "·", "•", "‹", "›", "«", "»"):
            segs, seps, changed = segs[1:], seps[1:], True
    out = segs[0]
    for sep, seg in zip(seps, segs[1:]):
        out += sep + seg
    return out.strip()


def _cut_extensions(cands: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A candidate that another one extends with a separator and more text is cut to the shorter one."""
    texts = {t for _, t in cands if t}
    out = []
    for src, t in cands:
        best = t
        for other in texts:
            if other != t and len(other) >= 8 and t.startswith(other):
                rest = t[len(other):]
                if _SEP_RE.match(rest) or rest[:2] in ("｜", "：") or re.match(r"^\s*[|:·•\-–—]\s", rest):
                    if len(other) < len(best) or best == t:
                        best = other
        out.append((src, best))
    return out


def _title_candidates(arts: list[dict[str, Any]], meta: dict[str, list[str]], tree: Any) -> list[tuple[str, str]]:
    c: list[tuple[str, str]] = []
    for o in arts[:1]:
        h = _text(o.get("headline")) or _text(o.get("name"))
        if h:
            c.append(("json-ld", h))
    for k in ("og:title",):
        v = _first(meta, k)
        if v:
            c.append((k, v))
    h1s = [_clean_space(h.text_content()) for h in tree.iterfind(".//h1")]
    h1s = [h for h in h1s if len(h) >= 8]
    if h1s:
        c.append(("h1", h1s[0]))
    for k in ("twitter:title", "sailthru.title", "parsely-title", "dc.title", "cxenseparse:title", "title"):
        v = _first(meta, k)
        if v:
            c.append(("meta:title" if k == "title" else k, v))  # <meta name="title">, not the <title> element
    t = tree.find(".//head/title")
    if t is None:
        t = tree.find(".//title")
    if t is not None and _clean_space(t.text_content()):
        c.append(("title", _clean_space(t.text_content())))
    return [(s, unicodedata.normalize("NFC", v)) for s, v in c]


def clean_titles(cands: list[tuple[str, str]], outlet_keys: set[str]) -> list[tuple[str, str]]:
    """(source, title) candidates cleaned of site names and cut to another candidate they merely extend."""
    cleaned = [(s, strip_site_name(t, outlet_keys)) for s, t in cands]
    return _cut_extensions([(s, t) for s, t in cleaned if t])


def pick_title(cands: list[tuple[str, str]], outlet_keys: set[str]) -> tuple[str | None, str | None]:
    """The first candidate in source order (JSON-LD headline, og:title, <h1>, twitter:title, other meta titles,
    <title>), cleaned of site names and cut to another candidate it merely extends."""
    cleaned = clean_titles(cands, outlet_keys)
    if not cleaned:
        return None, None
    return cleaned[0][1], cleaned[0][0]
