"""English: the spaCy English model finds actors and date spans, rules and this folder's data do the rest."""

from __future__ import annotations

from importlib import resources

from newsdesk.lang import load

_NAME = r"(?:[A-Z][\w'’.\-]+)(?:\s+[A-Z][\w'’.\-]+){0,5}|he|she|they|He|She|They"

LANGUAGE = load(
    resources.files(__name__), code="en", name="English", pipeline="model",
    # "…," union leader Niek Stam said / "…," said Stam / Stam said: "…"  ({verbs}: speech_verbs.txt)
    quote_after=(r"^[\s,]*(?:(?:the\s+)?(?:[a-z][a-z\-]+\s+){0,3}?(?P<n1>" + _NAME + r")\s+(?:{verbs})"
                 r"|(?:{verbs})\s+(?P<n2>" + _NAME + r"))"),
    quote_before=r"(?P<name>" + _NAME + r")\s+(?:{verbs})(?:\s+\w+){0,6}?\s*[,:]?\s*$",
)
