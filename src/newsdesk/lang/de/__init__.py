"""German: rules and gazetteers find actors (no German model is installable offline here), German date rules
find dates; this folder's data feeds both and the quote attribution."""

from __future__ import annotations

from importlib import resources

from newsdesk.lang import load

_NAME = r"(?:[A-ZÄÖÜ][\w'’.\-]+)(?:\s+[A-ZÄÖÜ][\w'’.\-]+){0,4}|er|sie|Er|Sie"

LANGUAGE = load(
    resources.files(__name__), code="de", name="German", pipeline="rules",
    actor_rules="newsdesk.enrich.german:extract_actors_de",
    date_rules="newsdesk.enrich.dates_de:find_dates_de",
    # „…“, sagte Scholz. / „…“, so die Ministerin. / „…“, sagte er. / Scholz sagte: „…“ / Kabayel: „…“
    quote_after=(r"^[\s,]*(?:(?:{verbs})\s+(?:(?:der|die|dem|den)\s+)?(?:[a-zäöü][\w\-]+\s+){0,2}?"
                 r"(?P<n2>" + _NAME + r")|(?P<n1>" + _NAME + r")\s+(?:{verbs}))"),
    quote_before=r"(?P<name>" + _NAME + r")(?:\s+(?:{verbs})(?:\s+\w+){0,6}?\s*[,:]?|\s*:)\s*$",
)
