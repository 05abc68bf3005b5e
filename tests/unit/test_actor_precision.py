"""Issue 12, actor precision: junk kinds never become actors, two people never merge into one, places have one
identity, demonyms resolve to the country with the people, and every link carries a confidence."""

from __future__ import annotations

from newsdesk.enrich import nlp
from newsdesk.enrich.actors import CONFIDENCE, RETYPED_CAP, extract_actors, harmonise_types
from newsdesk.enrich.places import lookup
from newsdesk.record import Actor


def _actors(text: str, title: str = "") -> dict[str, Actor]:
    return {a.name: a for a in extract_actors(next(nlp.parse([text])), title)}


def test_demonyms_resolve_to_the_country_with_the_people() -> None:
    assert lookup("Indian").code == "IN"  # countryinfo also gives it to the British Indian Ocean Territory
    actors = _actors("Indian officials met the delegation. Indian markets fell on Monday.")
    assert "British Indian Ocean Territory" not in actors and actors["India"].type == "country"


def test_place_spellings_are_one_place() -> None:
    for form in ("Kiev", "Kyiv", "Kiew"):
        p = lookup(form)
        assert p is not None and (p.code, p.name) == ("UA", "Kyiv"), form
    assert lookup("Bombay").name == "Mumbai"
    actors = _actors("Explosions were heard in Kiev on Monday. Later, the power failed across Kyiv.")
    assert [a.name for a in actors.values() if a.type == "place"] == ["Kyiv"]


def test_a_place_is_one_place_in_either_language_and_by_any_name_of_its_capital() -> None:
    from newsdesk.enrich.german import lookup_de

    # German articles write "New York", "Frankfurt", "München": the places English articles resolve
    for de, en in (("New York", "New York City"), ("Frankfurt", "Frankfurt am Main"), ("München", "Munich"),
                   ("Kiew", "Kyiv")):
        assert lookup_de(de) == lookup(en), de
    for form in ("Washington D.C.", "Washington, D.C.", "Washington DC"):  # countryinfo's name of the capital
        assert lookup(form) == lookup("Washington"), form


def test_two_surnames_are_two_people() -> None:
    text = ("Donald Trump met María Corina Machado at the White House on Thursday. "
            "The Trump Machado meeting lasted an hour, and Machado said it went well.")
    actors = _actors(text)
    trump = actors["Donald Trump"]
    assert not any("Machado" in a for a in trump.aliases), trump.aliases
    assert "María Corina Machado" in actors


def test_scores_tables_handles_and_products_are_not_actors() -> None:
    text = ("Final score: Everton 2, Chelsea 1. Readers' Choice 2-4 was announced. Follow @nytimes for more. "
            "Apple said the MacBook Air and the Apple TV would ship in May. Toyota said the RAV4 Hybrid sold well.")
    names = set(_actors(text))
    assert not {"Everton 2", "Choice 2-4", "@nytimes", "MacBook Air", "Apple TV", "RAV4 Hybrid"} & names, names
    assert "Apple" in names and "Toyota" in names


def test_families_and_adjectives_are_not_actors() -> None:
    text = ("President Joe Biden spoke on Monday. The Bidens spent the weekend in Delaware. "
            "Democratic senators and European diplomats said the plan would fail.")
    actors = _actors(text)
    assert "Bidens" not in actors and "Democratic" not in actors and "European" not in actors, set(actors)
    assert actors["Joe Biden"].type == "person"


def test_market_index_and_government_forms() -> None:
    actors = _actors("The Standard & Poor's 500 fell 2%. The Canadian Government said it would act.")
    assert "Standard & Poor" not in actors and actors["Canada"].type == "country"


def test_models_products_and_moving_indexes_are_not_their_makers() -> None:
    text = ("Qantas said on Monday it would buy eight new Airbus A380 jets and retire its Vickers VC-10 tankers. "
            "Sony said its iTunes Music Store rival would open in May. The Nasdaq fell 82.65 points on Friday.")
    names = set(_actors(text, title="Qantas to buy Airbus A380 jets"))
    assert not {"Airbus", "Vickers", "Music Store", "Nasdaq"} & names, names
    assert {"Qantas", "Sony"} <= names, names
    # the maker named on its own is an actor; a title naming its model does not name it
    assert _actors("Airbus said deliveries would resume in May.", title="Airbus resumes deliveries")["Airbus"].in_title
    assert not _actors("Airbus said deliveries would resume in May.",
                       title="Qantas to buy Airbus A380 jets")["Airbus"].in_title


def test_a_maker_before_a_product_names_the_product() -> None:
    from types import SimpleNamespace

    from newsdesk.enrich.german import Ent

    # the model's labels: the maker ORG, its model PRODUCT right after ("Lockheed Tristar", "Ford Taurus")
    text = "They replace Lockheed Tristar aircraft. Ford said sales of the Ford Taurus fell."
    at = text.index
    ents = [Ent("Lockheed", "ORG", at("Lockheed"), at("Lockheed") + 8),
            Ent("Tristar", "PRODUCT", at("Tristar"), at("Tristar") + 7),
            Ent("Ford", "ORG", at("Ford said"), at("Ford said") + 4),
            Ent("Ford", "ORG", at("Ford Taurus"), at("Ford Taurus") + 4),
            Ent("Taurus", "PRODUCT", at("Taurus"), at("Taurus") + 6)]
    actors = {a.name: a for a in extract_actors(SimpleNamespace(text=text, ents=ents), "")}  # type: ignore[arg-type]
    assert set(actors) == {"Ford"} and actors["Ford"].mentions == 1, actors


def test_airlines_and_country_prefixed_acronyms() -> None:
    actors = _actors("Accidents included the losses of Adam Air Flight 574 and Garuda Indonesia Flight 200 this year. "
                     "The USAF has announced a deal to protect the Air Force's interests.")
    assert {"Adam Air", "Garuda Indonesia"} <= set(actors), set(actors)
    assert not ({"USAF", "Air Force"} <= set(actors)), set(actors)  # one organisation


def test_a_word_tagged_organisation_and_person_is_the_organisation() -> None:
    from types import SimpleNamespace

    from newsdesk.enrich.german import Ent

    # the model's labels as it gave them on such a text: ORG once, PERSON three times, no title or speech verb
    text = ("Irish low cost airline, Ryanair, announced that it is buying five aircraft. This brings Ryanair's "
            "orders to 230. Ryanair's chief executive defended the choice. Ryanair's costs are the lowest.")
    starts = [i for i in range(len(text)) if text.startswith("Ryanair", i)]
    ents = [Ent("Ryanair", "ORG" if n == 0 else "PERSON", i, i + 7) for n, i in enumerate(starts)]
    actors = {a.name: a for a in extract_actors(SimpleNamespace(text=text, ents=ents), "")}  # type: ignore[arg-type]
    assert actors["Ryanair"].type == "organization" and actors["Ryanair"].mentions == 4, actors
    # a word only ever tagged PERSON, with nothing marking a person, is still left out
    ents = [Ent("Ryanair", "PERSON", i, i + 7) for i in starts]
    assert not extract_actors(SimpleNamespace(text=text, ents=ents), "")  # type: ignore[arg-type]


def test_a_first_name_and_a_word_is_a_person() -> None:
    actors = _actors('"This is a difficult day for us," said Jim Press, the Vice Chairman of Chrysler.')
    assert actors["Jim Press"].type == "person"


def test_confidence_ranks_what_vouches_for_a_link() -> None:
    actors = _actors("Russian Foreign Minister Sergei Lavrov said talks would go on. Japanese carmakers fell. "
                     "Russia's position has not changed, Lavrov added.")
    assert actors["Sergei Lavrov"].confidence >= CONFIDENCE["person_marked"]
    assert actors["Russia"].confidence == CONFIDENCE["country_named"]
    assert actors["Japan"].confidence == CONFIDENCE["country_demonym"]  # only an adjective
    assert all(0.0 < a.confidence <= 1.0 for a in actors.values())


def test_types_agree_across_a_batch() -> None:
    batch = [[Actor("Cisco", "organization", confidence=0.85)] for _ in range(3)] + [[Actor("Cisco", "place")]]
    assert harmonise_types(batch) == 1
    assert batch[3][0].type == "organization" and batch[3][0].confidence == RETYPED_CAP
    tie = [[Actor("Jordan", "person")], [Actor("Jordan", "place")]]
    assert harmonise_types(tie) == 0 and tie[1][0].type == "place"  # no majority: each keeps its own type


def test_retyping_never_leaves_two_links_to_one_actor() -> None:
    # the last article names "Acme" as a place and as an organisation; the batch says organisation
    batch = [[Actor("Acme", "organization", mentions=1)] for _ in range(3)]
    batch.append([Actor("Acme", "place", mentions=1, first_offset=5), Actor("Acme", "organization", mentions=2)])
    harmonise_types(batch)
    assert len(batch[3]) == 1 and batch[3][0].mentions == 3 and batch[3][0].type == "organization"


def test_a_name_misspelled_by_a_swap_is_the_same_organisation() -> None:
    from newsdesk.enrich.actors import _one_transposition

    assert _one_transposition("chrysler", "chrylser") and not _one_transposition("chrysler", "chrysler")
    assert not _one_transposition("chrysler", "chrysler-x") and not _one_transposition("chrysler", "chryslar")
    text = ("Chrysler said on Monday it would close 789 dealerships, and Chrysler dealers were told by letter. "
            "Unlike Chrylser, General Motors will not publish its list.")
    orgs = {a.name: a for a in _actors(text).values() if a.type == "organization"}
    assert "Chrylser" not in orgs and "Chrylser" in orgs["Chrysler"].aliases, orgs


def test_a_company_head_after_a_first_name_is_a_company() -> None:
    class Ent:
        def __init__(self, text: str, start: int, label: str) -> None:
            self.text, self.start_char, self.end_char, self.label_ = text, start, start + len(text), label

    class FakeDoc:
        def __init__(self, text: str, ents: list[tuple[str, str]]) -> None:
            self.text, self.ents = text, [Ent(t, text.index(t), lab) for t, lab in ents]

    text = "The plant was the original home of Douglas Aircraft. Jim Press joined the board."
    actors = {a.name: a for a in extract_actors(FakeDoc(text, [("Douglas Aircraft", "PERSON"),  # type: ignore[arg-type]
                                                               ("Jim Press", "PERSON")]), "")}
    assert actors["Douglas Aircraft"].type == "organization"
    assert actors["Jim Press"].type == "person"
