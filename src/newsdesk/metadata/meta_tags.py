"""Meta tags (OpenGraph, Dublin Core, parsely, microdata ``itemprop``) by normalised name."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsdesk.metadata.text import _text


# --------------------------------------------------------------------------------------------- meta tags


@lru_cache(maxsize=8192)
def mkey(name: str) -> str:
    """Meta tag names compared without case and punctuation: article:published_time = article:published:time."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def meta_tags(tree: Any) -> dict[str, list[str]]:
    """Meta tags by normalised (``mkey``) property / name / itemprop / http-equiv, values kept in page order."""
    out: dict[str, list[str]] = {}
    for el in tree.iterfind(".//meta"):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        keys = {mkey(el.get(attr) or "") for attr in ("property", "name", "itemprop", "http-equiv")}
        for key in keys - {""}:
            out.setdefault(key, []).append(content.strip())
    return out


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for k in keys:
        for v in meta.get(mkey(k), []):
            t = _text(v)
            if t:
                return t
    return None
