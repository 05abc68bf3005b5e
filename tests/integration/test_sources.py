"""Outlets as entities (issue 12): the `sources` table keyed by domain, one canonical name, country and language."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from newsdesk.store.db import connect_writer
from newsdesk.store.sources import canonical_name, country_of, domain_of, upsert_sources


def _articles(rows: list[tuple[str | None, str | None, str | None]]) -> pd.DataFrame:
    return pd.DataFrame([{"url": u, "canonical_url": None, "site_name": s, "language": lang} for u, s, lang in rows])


def test_domain_key_and_country_of_a_country_code_domain() -> None:
    assert domain_of("https://www.apnews.com/article/x?y=1") == "apnews.com"
    assert domain_of("https://m.bbc.co.uk/news/1") == "bbc.co.uk"
    assert domain_of(None) is None and domain_of("not a url") is None
    assert country_of("spiegel.de") == "DE" and country_of("bbc.co.uk") == "GB" and country_of("example.com") is None


def test_one_name_whatever_the_order() -> None:
    assert canonical_name(["AP NEWS", "AP News"]) == canonical_name(["AP News", "AP NEWS"]) == "AP News"
    assert canonical_name(["Example Times | Home", "Example Times"]) == "Example Times"


def test_sources_table_upserts_one_row_per_domain(tmp_path: Path) -> None:
    con = connect_writer(tmp_path / "s.duckdb")
    try:
        upsert_sources(con, _articles([("https://apnews.com/a", "AP NEWS", "en"),
                                       ("https://www.example.de/b", "EXAMPLE ZEITUNG", "de"),
                                       (None, "No URL", "en")]))
        upsert_sources(con, _articles([("https://www.apnews.com/c", "AP News", "en"),
                                       ("https://example.de/d", "Example Zeitung", "de")]))
        rows = {r[0]: r[1:] for r in con.execute(
            "SELECT domain, name, country, language, aliases, curated FROM sources ORDER BY domain").fetchall()}
    finally:
        con.close()
    assert set(rows) == {"apnews.com", "example.de"}  # no URL, no source
    assert rows["apnews.com"][:3] == ("AP News", "US", "en") and rows["apnews.com"][4] is True
    assert rows["example.de"] == ("Example Zeitung", "DE", "de", ["EXAMPLE ZEITUNG", "Example Zeitung"], False)
