"""Actor identity: identity keys, the curated alias table (and a user's), in-article canonicalisation rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.enrich import nlp
from newsdesk.enrich.actors import extract_actors
from newsdesk.enrich.aliases import AliasTableError, alias_index, packaged_table, parse_table
from newsdesk.record import Actor, actor_id_for, org_key, person_key


def _actors(text: str, title: str = "") -> dict[str, Actor]:
    return {a.name: a for a in extract_actors(next(nlp.parse([text])), title)}


def test_transliteration_variants_share_one_id() -> None:
    ids = {actor_id_for(n, "person", None) for n in
           ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "volodymyr  ZELENSKY")}
    assert len(ids) == 1
    assert person_key("Sergei Lavrov") == person_key("Sergey Lavrov") == person_key("Mr. Sergei Lavrov")
    assert person_key("Alexei Navalny") == person_key("Aleksei Navalny")


def test_false_merges_are_guarded() -> None:
    assert actor_id_for("Donald Trump", "person", "US") != actor_id_for("Donald Trump Jr.", "person", "US")
    assert actor_id_for("John Smith II", "person", None) != actor_id_for("John Smith III", "person", None)
    assert person_key("Jan Kowalski") != person_key("Ian Kowalski")
    assert actor_id_for("Apple", "organization", None) != actor_id_for("Apple", "person", None)


def test_organisation_keys_ignore_articles_and_legal_forms() -> None:
    assert org_key("the UN General Assembly") == org_key("UN General Assembly")
    assert actor_id_for("Apple Inc.", "organization", None) == actor_id_for("Apple", "organization", None)
    assert org_key("Bank of America Corporation") == "bank of america"
    assert org_key("Group") == "group"


def test_packaged_alias_table_is_well_formed() -> None:
    table = packaged_table()
    assert len(table) >= 50
    names = {a.name for a in table}
    assert {"Volodymyr Zelensky", "Donald Trump", "United Nations", "European Union", "NATO", "Reuters",
            "Associated Press", "Agence France-Presse", "Xinhua", "Deutsche Presse-Agentur"} <= names
    assert len(names) == len(table)  # one row per canonical actor
    idx = alias_index()
    for form in ("Zelenskyy", "Zelenskiy", "Volodymyr Zelenskyy"):
        known = idx.resolve(form, "person")
        assert known is not None and (known.name, known.wikidata_qid) == ("Volodymyr Zelensky", "Q3874799")
    assert idx.resolve("AFP", "organization").name == "Agence France-Presse"
    assert idx.resolve("AFP", "person") is None  # an organisation's alias never names a person


def test_user_alias_file_extends_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "mine.csv"
    f.write_text("name,type,country,wikidata_qid,aliases\n"
                 "Acme Mining,organization,CL,,Acme|Acme Copper\n"
                 "Xinhua,organization,CN,Q204839,Xinhua News Agency|Xinhua Agency\n", encoding="utf-8")
    monkeypatch.setenv("NEWSDESK_ALIASES", str(f))
    idx = alias_index()
    assert idx.resolve("Acme Copper", "organization").name == "Acme Mining"
    assert idx.resolve("Xinhua Agency", "organization").wikidata_qid == "Q204839"
    assert idx.resolve("Reuters", "organization") is not None  # the packaged rows are still there
    monkeypatch.delenv("NEWSDESK_ALIASES")
    assert alias_index().resolve("Acme Copper", "organization") is None


def test_malformed_alias_file_is_a_clear_error() -> None:
    with pytest.raises(AliasTableError, match="mine.csv:2: type 'thing'"):
        parse_table("name,type,country,wikidata_qid,aliases\nX,thing,,,\n", "mine.csv")
    with pytest.raises(AliasTableError, match="QID"):
        parse_table("name,type,country,wikidata_qid,aliases\nX,person,,42,\n", "mine.csv")


def test_known_actors_resolve_to_canonical_name_and_qid() -> None:
    actors = _actors("Ukrainian President Volodymyr Zelenskyy met European leaders on Tuesday. Zelenskiy said "
                     "Ukraine needed more air defence and thanked the United Nations for its support.")
    z = actors["Volodymyr Zelensky"]
    assert z.wikidata_qid == "Q3874799" and z.country == "UA" and z.mentions == 2 and z.roles == ["President"]
    assert {"Zelenskiy", "Volodymyr Zelenskyy"} <= set(z.aliases)
    assert actors["United Nations"].wikidata_qid == "Q1065"


def test_acronyms_abbreviations_and_short_names_join_their_organisation() -> None:
    actors = _actors("The European Union agreed new sanctions on Monday. EU ministers met in Brussels. "
                     "The Government Accountability Office (GAO) upheld the protest, and the GAO said the Air Force "
                     "erred.")
    assert "EU" in actors["European Union"].aliases and "EU" not in actors
    gao = next(a for a in actors.values() if "GAO" in a.aliases or a.name == "GAO")
    assert gao.name == "Government Accountability Office" and gao.mentions >= 2
    # a short name written after the full one; here NER even tags the full name as a person
    actors = _actors("Defense contractor Lockheed Martin will appeal the decision, a spokesman said. "
                     "Lockheed lost the tanker contract in 2008.")
    assert "Lockheed" not in actors and "Lockheed" in actors["Lockheed Martin"].aliases
    assert actors["Lockheed Martin"].type == "organization"


def test_capitals_as_governments_and_as_places() -> None:
    actors = _actors("Russia launched new strikes on Ukraine. Moscow said the talks were over. "
                     "Power was cut in Kyiv and in nine other regions of Ukraine.")
    assert "Moscow" in actors["Russia"].aliases and "Moscow" not in actors
    assert actors["Kyiv"].type == "place" and actors["Kyiv"].country == "UA"
    assert "Kyiv" in actors["Ukraine"].aliases  # the place is also a name of its country


def test_noise_titles_and_things_are_not_people() -> None:
    actors = _actors("Spokeswoman Sandy Angers said the Dow fell 2% by 16:00 UTC. Shares of Rolls-Royce rose "
                     "after its Trent 900 engine was certified. Angers said the company would hire 500 people. "
                     "The Beatles catalogue went on sale at the iTunes Music Store on Tuesday.")
    assert "Sandy Angers" in actors and actors["Sandy Angers"].roles == ["Spokesperson"]
    assert not {"Dow", "UTC", "Rolls-Royce Trent 900", "Trent 900"} & set(actors)
    assert all(a.type != "person" for n, a in actors.items() if "Store" in n or "Beatles" in n)
