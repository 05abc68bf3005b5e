"""JSON-LD: the article objects of a page (lists, ``@graph``, ``mainEntity``, ``@id`` references)."""

from __future__ import annotations

import json
import re
from typing import Any, Iterable
from urllib.parse import urlsplit




ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "satiricalarticle", "blogposting",
    "liveblogposting", "socialmediaposting", "techarticle", "scholarlyarticle", "report", "advertisercontentarticle",
    "claimreview", "medicalscholarlyarticle", "discussionforumposting",
}
PAGE_TYPES = {"webpage", "itempage", "collectionpage", "medicalwebpage", "aboutpage"}

# --------------------------------------------------------------------------------------------- JSON-LD


def _loads_lenient(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:]
    if raw.endswith("-->"):
        raw = raw[:-3]
    raw = re.sub(r"^\s*(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?", "", raw)
    raw = re.sub(r"(?://|/\*)?\s*\]\]>\s*(?:\*/)?\s*$", "", raw).strip().rstrip(";")
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        pass
    fixed = re.sub(r",\s*([}\]])", r"\1", raw)  # trailing commas
    fixed = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", fixed)
    try:
        return json.loads(fixed, strict=False)
    except ValueError:
        return None


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type") or obj.get("type") or []
    if isinstance(t, str):
        t = [t]
    out = set()
    for x in t if isinstance(t, list) else []:
        if isinstance(x, str):
            out.add(x.rsplit("/", 1)[-1].rsplit(":", 1)[-1].strip().lower())
    return out


def json_ld_objects(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page: top-level, in lists, in ``@graph``, and main entities."""
    out: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _loads_lenient(script.text or "")
        stack = [data]
        while stack:
            x = stack.pop(0)
            if isinstance(x, list):
                stack.extend(x)
            elif isinstance(x, dict):
                out.append(x)
                for k in ("@graph", "mainEntity"):
                    if isinstance(x.get(k), (list, dict)):
                        stack.append(x[k])
    return out


def _ld_ids(objs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["@id"]: o for o in objs if isinstance(o.get("@id"), str) and len(o) > 1}


def _same_page(obj: dict[str, Any], urls: set[str]) -> bool:
    for k in ("url", "mainEntityOfPage", "@id"):
        v = obj.get(k)
        if isinstance(v, dict):
            v = v.get("@id") or v.get("url")
        if isinstance(v, str) and _url_key(v) in urls:
            return True
    return False


def _url_key(url: str) -> str:
    try:
        p = urlsplit(url.strip())
    except ValueError:
        return url
    return (p.netloc.lower().removeprefix("www.") + p.path.rstrip("/")).lower()


def article_objects(objs: list[dict[str, Any]], page_urls: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The article objects, the one describing this page first (by URL), then in page order."""
    arts = [o for o in objs if _types(o) & ARTICLE_TYPES]
    keys = {_url_key(u) for u in page_urls if u}
    if keys and len(arts) > 1:
        arts.sort(key=lambda o: not _same_page(o, keys))
    return arts
