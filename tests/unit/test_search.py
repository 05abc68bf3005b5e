"""Search query parsing and folding (newsdesk.store.search); the SQL side is tested on a real store in
tests/dashboard/test_dashboard_data.py."""

from __future__ import annotations

import re

from newsdesk.store import search


def alts(q: str) -> list[list[tuple[str, list[str]]]]:
    return search.parse(q).clauses


def test_words_are_all_required_and_folded() -> None:
    assert alts("Air Défence") == [[("word", ["air"])], [("word", ["defence"])]]
    assert search.terms("Düsseldorf’s STRAẞE") == ["dusseldorf", "s", "strasse"]


def test_phrases_or_not_and_prefixes() -> None:
    assert alts('"air defence" talks') == [[("phrase", ["air", "defence"])], [("word", ["talks"])]]
    assert alts("Trump OR Biden") == [[("word", ["trump"]), ("word", ["biden"])]]
    q = search.parse("Kyiv -marathon NOT Lviv")
    assert q.clauses == [[("word", ["kyiv"])]] and q.exclude == ["marathon", "lviv"]
    assert alts("Selensk*") == [[("prefix", ["selensk"])]]
    assert alts("a*") == [[("word", ["a"])]]  # a one-letter prefix would match half the vocabulary
    assert alts("Ukraine's") == [[("phrase", ["ukraine", "s"])]]  # one written word stays together
    assert alts("„Luftabwehr stärken“") == [[("phrase", ["luftabwehr", "starken"])]]


def test_degenerate_queries_are_empty_not_errors() -> None:
    for q in ("", "   ", "OR", "NOT", "-x", '""', "'; DROP TABLE articles; --"[:3], "***"):
        assert not search.parse(q).clauses or all(ws for c in search.parse(q).clauses for _, ws in c)
    assert not search.parse("-only -negative")
    assert len(search.parse(" ".join(f"w{i}" for i in range(40))).words()) == search.MAX_TERMS


def test_params_are_one_entry_per_word_and_phrase_regexes_match_folded_text() -> None:
    p = search.parse('"air defence" OR shield* -drill').params()
    assert p["q_word"] == ["air", "defence", "shield"] and p["q_clause"] == [0, 0, 0]
    assert p["q_alt"] == [1, 1, 2] and p["q_prefix"] == [False, False, True] and p["q_alt_words"] == [2, 2, 1]
    assert p["q_exclude"] == ["drill"] and p["q_n_clauses"] == 1
    regex = p["q_regex"][0].replace(r"\p{L}\p{N}", r"\w")  # Python's re has no \p{..}; \w is its near twin here
    assert re.search(regex, search.fold("Talks on AIR-DEFENCE systems"))
    assert not re.search(regex, search.fold("defence of the air"))
    assert not re.search(regex, search.fold("hair defences"))


def test_the_dashboard_phrase_check_folds_text_like_the_index() -> None:
    from pathlib import Path

    partial = (Path(__file__).resolve().parents[2] / "dashboard" / "queries" / "_search_hits.sql").read_text()
    assert search.NORMALISE_SQL.format(x="coalesce(a.title, '') || ' ' || coalesce(a.text, '')") in partial
