"""Wire agencies: the names bylines and datelines credit them with, folded to one short name each.

A credited agency is kept in an article's authors as written ("dpa", "The Associated Press"): it wrote the copy,
it is not the outlet that ran it. The folded names (`Article.wire_agencies`) let marts count a story carried by
ten outlets from one dpa report as one independent source.
"""

from __future__ import annotations

import re
from importlib import resources

from newsdesk.lang import read_entries

# credited name (case-folded) -> the agency's short name: data/wire_agencies.tsv (sorted, unique, checked)
_FILE = resources.files("newsdesk") / "data" / "wire_agencies.tsv"
WIRE_AGENCIES: dict[str, str] = {k: v for k, v in read_entries(_FILE, columns=2)}


def wire_agency(name: str | None) -> str | None:
    """The agency a credit names ("Deutsche Presse-Agentur" -> "dpa"), or None."""
    if not name:
        return None
    return WIRE_AGENCIES.get(re.sub(r"\s+", " ", name).strip(" ,;:.()").casefold())


def wire_agencies(credits: list[str], dateline_agency: str | None = None) -> list[str]:
    """The distinct agencies among byline credits and a dateline's "(AP)", in order of first credit."""
    out: list[str] = []
    for c in [*credits, dateline_agency]:
        for part in re.split(r"\s*/\s*", c or ""):  # "dpa/lno": the agency and its regional desk
            a = wire_agency(part)
            if a and a not in out:
                out.append(a)
    return out
