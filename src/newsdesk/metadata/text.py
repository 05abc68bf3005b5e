"""Text helpers shared by the metadata readers: plain text of JSON-LD values and markup, name keys."""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from typing import Any




_WS = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+")


def _plain_text(value: str) -> str:
    """articleBody as paragraphs of text: markup some sites leave in it removed, entities decoded."""
    value = re.sub(r"(?i)<\s*(?:br|/p|/div|/h[1-6]|/li)\s*/?>", "\n", value)
    value = htmllib.unescape(re.sub(r"<[^>]{0,2000}>", " ", value))
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def _clean_space(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _text(value: Any) -> str:
    """A JSON-LD / meta value as clean text (HTML entities decoded, tags dropped, whitespace collapsed)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    if not isinstance(value, str):
        value = str(value)
    if "&" in value:
        value = htmllib.unescape(htmllib.unescape(value))
    if "<" in value and ">" in value:
        value = re.sub(r"<[^>]{0,200}>", " ", value)
    return unicodedata.normalize("NFC", _clean_space(value))


def _key(text: str) -> str:
    """A loose comparison key: lower case, letters and digits only, diacritics kept as base letters."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "".join(c for c in s.casefold() if c.isalnum())
