"""German actors by rules and gazetteers (texts written for these tests)."""

from __future__ import annotations

import pytest

from newsdesk.enrich.german import extract_actors_de, find_mentions, lookup_de


def actors(text: str) -> dict[str, object]:
    return {a.name: a for a in extract_actors_de(text, "")}


@pytest.mark.parametrize("form,code", [
    ("Deutschland", "DE"), ("Deutschlands", "DE"), ("Russlands", "RU"), ("der Ukraine", "UA"), ("USA", "US"),
    ("Großbritannien", "GB"), ("Vereinigten Staaten", "US"), ("Frankreichs", "FR"), ("Moskau", "RU"),
    ("Kiew", "UA"), ("Bayern", "DE"), ("München", "DE"), ("Wien", "AT"), ("Gazastreifen", "PS"),
])
def test_german_place_names(form: str, code: str) -> None:
    place = lookup_de(form)
    assert place is not None and place.code == code


@pytest.mark.parametrize("word", ["Mann", "Kita", "Dabei", "Norden", "Essen", "Rede", "Wetter", "Türen", "Rest"])
def test_common_words_are_not_places(word: str) -> None:
    assert lookup_de(word) is None


def test_countries_people_roles_and_institutions() -> None:
    text = ("Bundeskanzler Olaf Scholz hat am Montag in Berlin mit US-Präsident Joe Biden über die Lage in der "
            "Ukraine gesprochen. Scholz sagte, Deutschland stehe an der Seite Kiews. Die Europäische Union und die "
            "Nato wollen ihre Hilfe ausweiten. „Wir lassen niemanden allein“, sagte Anna Müller vom Deutschen "
            "Roten Kreuz. Auch die SPD und die Grünen unterstützen den Kurs der Bundesregierung.")
    got = actors(text)
    assert got["Olaf Scholz"].type == "person" and got["Olaf Scholz"].roles == ["Chancellor"]
    assert got["Olaf Scholz"].mentions == 2  # "Scholz" alone joins the full name
    assert got["Joe Biden"].roles == ["President"] and got["Joe Biden"].country == "US"
    assert got["Anna Müller"].type == "person"
    assert got["Ukraine"].type == "country" and got["Germany"].country == "DE"
    # "Kiews": the genitive of the place English articles call Kyiv: one actor whichever language names it
    assert got["Kyiv"].type == "place" and got["Kyiv"].country == "UA" and "Kiews" in got["Kyiv"].aliases
    # German forms resolve to the same actors as English articles name (the curated alias table)
    assert got["European Union"].wikidata_qid == "Q458" and "Europäische Union" in got["European Union"].aliases
    assert "NATO" in got and "German Red Cross" in got
    assert {"SPD", "Grüne", "Bundesregierung"} <= set(got)
    assert "Berlin" in got and got["Berlin"].type == "place"


def test_nouns_are_not_people() -> None:
    text = ("Die Beschäftigten fordern mehr Geld. Einige Geschädigte berichten von Problemen. Die Regierung "
            "plant eine Reform, sagte ein Sprecher. Seine Schicht beginnt um sechs Uhr.")
    assert [a for a in extract_actors_de(text, "") if a.type == "person"] == []


def test_acronyms_need_a_definition_or_a_second_use() -> None:
    text = ("Das Technische Hilfswerk (THW) war im Einsatz. Das THW meldete keine Verletzten. "
            "Im IC nach Hamburg gab es WLAN. Die DMA-Regeln gelten.")
    names = {e.text for e in find_mentions(text)}
    assert "THW" in names and "IC" not in names and "WLAN" not in names
    got = actors(text)
    assert "Technisches Hilfswerk" in got and got["Technisches Hilfswerk"].mentions >= 2


def test_role_prefix_and_trailing_noun_are_not_part_of_the_name() -> None:
    text = "Hamburgs Polizeipräsident Falk Schnabel sagte am Abend, die Lage sei ruhig."
    got = actors(text)
    person = got["Falk Schnabel"]
    assert person.roles_written == ["Hamburgs Polizeipräsident"] and person.roles == ["Police Chief"]
    assert person.country == "DE"


def test_german_quotes_with_speakers() -> None:
    from newsdesk.enrich.quotes import extract_quotes

    text = ("Bundeskanzler Olaf Scholz reiste nach Kiew. „Wir stehen fest an der Seite der Ukraine“, sagte Scholz am "
            "Montag. „Das ist ein wichtiges Signal für Europa“, sagte er weiter. Außenministerin Annalena Baerbock "
            "sagte: „Wir helfen, solange es nötig ist.“ „Die Lage bleibt ernst und schwierig“, so Baerbock.")
    quotes = extract_quotes(text, extract_actors_de(text, ""), language="de")
    assert [q.speaker for q in quotes] == ["Olaf Scholz", "Olaf Scholz", "Annalena Baerbock", "Annalena Baerbock"]


@pytest.mark.parametrize("text", [
    "»Der Zusammenbruch der Bank zeigt große Mängel«, erklärte Fed-Vizechef Michael Barr am Freitag.",
    "„Der Zusammenbruch der Bank zeigt große Mängel“, erklärte Fed-Vizechef Michael Barr am Freitag.",
    "«Der Zusammenbruch der Bank zeigt große Mängel», erklärte Fed-Vizechef Michael Barr am Freitag.",
])
def test_quotation_marks_pair_by_style(text: str) -> None:
    from newsdesk.enrich.quotes import extract_quotes

    quotes = extract_quotes(text, extract_actors_de(text, ""), language="de")
    assert [(q.text, q.speaker) for q in quotes] == [("Der Zusammenbruch der Bank zeigt große Mängel", "Michael Barr")]


@pytest.mark.parametrize("text", ["X" * 200_000, "Ab-" * 30_000, "Anna " * 20_000, "Müller (" * 20_000],
                         ids=["one-long-word", "hyphen-chain", "repeated-first-name", "open-parentheses"])
def test_hostile_text_ends(text: str) -> None:
    """Texts built to make regular expressions backtrack (each took over a minute, or never ended, before the
    patterns were bounded); the deadline is ten times what they take now, so only a relapse trips it."""
    import signal
    from datetime import date

    from newsdesk.enrich.dates_de import find_dates_de
    from newsdesk.enrich.quotes import extract_quotes

    def too_slow(*_: object) -> None:
        raise TimeoutError("German enrichment did not end within 30 s")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(30)
    try:
        found = extract_actors_de(text, "")
        find_dates_de(text, date(2024, 1, 1))
        extract_quotes(text, found, language="de")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("text,expected", [
    ("Die Freien Demokraten wollen mit Christian Lindner regieren.", [("Christian Lindner", "person")]),
    ("Der russische Sicherheitsrat unter Dmitri Medwedew tagte.", [("Dmitri Medwedew", "person")]),
    ("Die Familie sucht ein Haus im Grünen und fährt ins Grüne.", []),
    ("Das Smartphone bietet zwei Modi für die Kamera.", []),
    ("In Sofia Proteste gegen die Regierung.", [("Sofia", "place")]),
    ("Früher kostete das Ticket 20 Mark Eintritt.", []),
    ("Die Grünen und die Linke stimmten dagegen.", [("Grüne", "organization"), ("Die Linke", "organization")]),
])
def test_words_that_look_like_known_actors(text: str, expected: list[tuple[str, str]]) -> None:
    """Party names, surnames and first names that are also German words need context."""
    assert [(a.name, a.type) for a in extract_actors_de(text, "")] == expected


def test_organisation_names_built_from_a_head_word() -> None:
    text = ("Die Deutsche Gesellschaft für Immunologie widersprach. Die Feuerwehr rückte aus. Auch die Kommunistische "
            "Partei Kenias protestierte, ebenso die Hochschule für Grafik und Buchkunst. Im Zentrum der Proteste stand "
            "die Regierung.")
    names = {a.name for a in extract_actors_de(text, "") if a.type == "organization"}
    assert names == {"Deutsche Gesellschaft für Immunologie", "Kommunistische Partei Kenias",
                     "Hochschule für Grafik und Buchkunst"}


def test_places_take_the_names_english_articles_use() -> None:
    """One actor whichever language names it: the same actor id as the English pipeline gives."""
    from newsdesk.record import actor_id_for

    got = actors("In München und im Nahen Osten, in Europa und in Moskau wurde protestiert.")
    assert {"Munich", "Middle East", "Europe", "Moscow"} <= set(got)
    assert got["Europe"].country is None and got["Munich"].country == "DE"
    assert got["Munich"].actor_id == actor_id_for("Munich", "place", "DE")


def test_german_quote_after_a_colon_and_more_speech_verbs() -> None:
    from newsdesk.enrich.quotes import extract_quotes

    text = ("Trainer Agit Kabayel gewann. Kabayel: „Ich bin bereit für den nächsten Kampf.“ Der Ökonom Konrad "
            "Kleinfeld blieb vorsichtig. „Die Zinsen sinken wohl nicht so bald“, vermutet Konrad Kleinfeld.")
    quotes = extract_quotes(text, extract_actors_de(text, ""), language="de")
    assert [q.speaker for q in quotes] == ["Agit Kabayel", "Konrad Kleinfeld"]
