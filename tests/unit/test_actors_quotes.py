from __future__ import annotations

from datetime import date

from newsdesk.clean import clean
from newsdesk.enrich import nlp
from newsdesk.enrich.actors import extract_actors
from newsdesk.enrich.places import lookup
from newsdesk.enrich.quotes import extract_quotes
from newsdesk.record import Actor, actor_id_for
from newsdesk.sources.files import InputRecord, read


def _actors(text: str, title: str = "") -> list[Actor]:
    doc = next(nlp.parse([text]))
    return extract_actors(doc, title)


def _by_name(actors: list[Actor]) -> dict[str, Actor]:
    return {a.name: a for a in actors}


def test_gazetteer_resolves_demonyms_capitals_and_names() -> None:
    assert lookup("Russian").code == "RU" and lookup("Moscow").code == "RU"
    assert lookup("Ukraine's").code == "UA" and lookup("U.S.").code == "US"
    assert lookup("Xinhua") is None


def test_seed_actors(seed_path) -> None:
    rec = next(r for r in read([seed_path]) if isinstance(r, InputRecord))
    art = clean(rec, date(2025, 10, 12))
    doc = next(nlp.parse([art.text]))
    actors = _by_name(extract_actors(doc, art.title, art.lead_end, (0, len(art.dateline.raw))))
    z = actors["Volodymyr Zelensky"]
    assert (z.type, z.country, z.roles) == ("person", "UA", ["President"]) and "Zelensky" in z.aliases
    assert z.in_title and z.mentions >= 4
    t = actors["Donald Trump"]
    assert (t.type, t.country, t.roles) == ("person", "US", ["President"])
    lav = actors["Sergei Lavrov"]
    assert (lav.country, lav.roles, lav.roles_written) == ("RU", ["Foreign Minister"], ["Russian Foreign Minister"])
    ru = actors["Russia"]
    assert ru.type == "country" and ru.country == "RU" and {"Russian", "Moscow"} <= set(ru.aliases)
    assert actors["Ukraine"].country == "UA" and actors["United States"].country == "US"
    assert actors["Xinhua"].type == "organization" and actors["Xinhua"].is_source
    assert actors["UN General Assembly"].type == "organization"
    # noise from title case and the dateline never becomes an actor
    assert not {"Trump Discuss", "Air Defence", "NationPress", "X."} & set(actors)
    # one actor per identity
    assert len([a for a in actors.values() if "Zelensky" in a.name]) == 1


def test_false_merge_guard_for_junior() -> None:
    text = ("Donald Trump spoke in Ohio on Monday. Donald Trump Jr. later appeared at a separate event. "
            "Trump said the economy was strong.")
    names = {a.name for a in _actors(text) if a.type == "person"}
    assert "Donald Trump" in names
    assert any("Jr" in n for n in names), names


def test_actor_ids_are_stable_and_countries_keyed_by_iso() -> None:
    assert actor_id_for("Russia", "country", "RU") == "country:RU"
    assert actor_id_for("Sergei Lavrov", "person", "RU") == actor_id_for("sergei  LAVROV", "person", None)


def test_quotes_with_named_and_pronoun_speakers() -> None:
    text = ('Angela Merkel met reporters in Berlin. "We will stay the course on energy policy," Merkel said. '
            'Later she added: "There is no alternative to cooperation in Europe." '
            '"Prices must come down soon for families," said Olaf Scholz.')
    actors = _actors(text)
    quotes = extract_quotes(text, actors)
    assert [(q.speaker, q.text.split()[0]) for q in quotes] == [
        ("Angela Merkel", "We"), ("Angela Merkel", "There"), ("Olaf Scholz", "Prices")]


def test_unattributed_quote_has_no_speaker() -> None:
    text = 'The sign read "no entry after dark for anyone" and nobody disputed it.'
    quotes = extract_quotes(text, _actors(text))
    assert len(quotes) == 1 and quotes[0].speaker is None


def test_half_converted_smart_quotes_pair() -> None:
    from newsdesk.enrich.quotes import extract_quotes

    for text in ('He said: “We will not give up on this plan," and left.',
                 '"We will not give up on this plan,” Smith said.'):
        assert [q.text for q in extract_quotes(text, [])] == ["We will not give up on this plan"]
