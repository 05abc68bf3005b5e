"""German date expressions resolved to calendar ranges (newsdesk.enrich.dates_de), with a fixed publication date."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.enrich.dates_de import find_dates_de, split_sentences_de
from newsdesk.record import DateMention

PUB = date(2025, 10, 15)  # a Wednesday; its ISO week runs Monday 13 to Sunday 19 October
D = date


def one(text: str, expr: str, published: date = PUB) -> DateMention:
    """The single mention whose text is `expr`; its offset must point at `expr` in `text`."""
    got = find_dates_de(text, published)
    hits = [m for m in got if m.text == expr]
    assert len(hits) == 1, f"{expr!r} in {[(m.text, m.start, m.end) for m in got]}"
    m = hits[0]
    assert m.offset == text.index(expr)
    return m


def rng(m: DateMention) -> tuple[date, date, str]:
    return m.start, m.end, m.granularity


def found(text: str, published: date = PUB) -> list[tuple[str, date, date, str]]:
    return [(m.text, m.start, m.end, m.granularity) for m in find_dates_de(text, published)]


# ------------------------------------------------------------------------------------------------------ calendar days


@pytest.mark.parametrize(
    ("text", "expr", "day"),
    [
        ("Der Vertrag wurde am 3. März 2024 unterzeichnet.", "am 3. März 2024", D(2024, 3, 3)),
        ("Der Vertrag wurde am 03.03.2024 unterzeichnet.", "am 03.03.2024", D(2024, 3, 3)),
        ("Der Vertrag wurde am 3.3.2024 unterzeichnet.", "am 3.3.2024", D(2024, 3, 3)),
        ("Der Vertrag wurde am 3.3.24 unterzeichnet.", "am 3.3.24", D(2024, 3, 3)),
        ("Das Urteil vom 12. April 2024 liegt vor.", "12. April 2024", D(2024, 4, 12)),
        ("Das Urteil vom 12. Apr. 2024 liegt vor.", "12. Apr. 2024", D(2024, 4, 12)),
        ("Die Daten vom 2024-03-03 zeigen einen Rückgang.", "2024-03-03", D(2024, 3, 3)),
        ("Er wurde am 6. Juni 1944 verwundet.", "am 6. Juni 1944", D(1944, 6, 6)),
        ("In Wien wurde am 1. Jänner 2025 gefeiert.", "am 1. Jänner 2025", D(2025, 1, 1)),
        ("Die Aktion läuft bis Sonntag, den 7. Mai 2023.", "Sonntag, den 7. Mai 2023", D(2023, 5, 7)),
        ("Am 3. März dieses Jahres wurde gewählt.", "Am 3. März dieses Jahres", D(2025, 3, 3)),
        ("Am 3. März vergangenen Jahres wurde gewählt.", "Am 3. März vergangenen Jahres", D(2024, 3, 3)),
        ("Er kam am 1. Mai nach Berlin.", "am 1. Mai", D(2025, 5, 1)),
        ("Die Frist läuft bis zum 3.11. ab.", "3.11.", D(2025, 11, 3)),
        ("Live-Ticker Donnerstag, 18. 7. 11.04 Uhr: Neue Angriffe.", "Donnerstag, 18. 7.", D(2025, 7, 18)),
        ("(Beschl. v. 16.12.2024, Az. 5 L 3799/24.F)", "16.12.2024", D(2024, 12, 16)),
    ],
)
def test_absolute_days(text: str, expr: str, day: date) -> None:
    assert rng(one(text, expr)) == (day, day, "day")


def test_weekday_picks_the_year_of_a_yearless_date() -> None:
    # 10 October is a Friday in 2025 and a Thursday in 2024
    assert rng(one("Es geschah am Freitag, 10. Oktober.", "am Freitag, 10. Oktober"))[0] == D(2025, 10, 10)
    assert rng(one("Es geschah am Donnerstag, 10. Oktober.", "am Donnerstag, 10. Oktober"))[0] == D(2024, 10, 10)


@pytest.mark.parametrize(
    ("text", "expr", "start", "end"),
    [
        ("Die Messe läuft vom 3. bis 5. März 2026.", "3. bis 5. März 2026", D(2026, 3, 3), D(2026, 3, 5)),
        ("Die Messe lief vom 3.-5. März.", "3.-5. März", D(2025, 3, 3), D(2025, 3, 5)),
    ],
)
def test_day_ranges(text: str, expr: str, start: date, end: date) -> None:
    assert rng(one(text, expr)) == (start, end, "day")


@pytest.mark.parametrize(
    ("text", "expr", "day"),
    [
        # past clause: the most recent occurrence
        ("Der Vertrag wurde am 3. März unterzeichnet.", "am 3. März", D(2025, 3, 3)),
        ("Die Polizei hat den Mann am 20. Dezember festgenommen.", "am 20. Dezember", D(2024, 12, 20)),
        # future clause: the next occurrence
        ("Der Vertrag soll am 3. März unterzeichnet werden.", "am 3. März", D(2026, 3, 3)),
        ("Der Vertrag wird am 3. März unterzeichnet.", "am 3. März", D(2026, 3, 3)),
        ("Die Wahl wird am 20. Dezember stattfinden.", "am 20. Dezember", D(2025, 12, 20)),
        # no cue: the nearest occurrence, biased to the past
        ("Stichtag: 20. Oktober.", "20. Oktober", D(2025, 10, 20)),
        ("Stichtag: 20. Dezember.", "20. Dezember", D(2025, 12, 20)),
        ("Stichtag: 20. Juni.", "20. Juni", D(2025, 6, 20)),
    ],
)
def test_month_day_takes_the_tense_of_its_clause(text: str, expr: str, day: date) -> None:
    assert rng(one(text, expr)) == (day, day, "day")


def test_clause_tense_beats_the_sentence() -> None:
    text = "Der Minister sagte am Montag, dass er am 20. Dezember zurücktreten werde."
    assert rng(one(text, "am Montag"))[0] == D(2025, 10, 13)
    assert rng(one(text, "am 20. Dezember"))[0] == D(2025, 12, 20)


# --------------------------------------------------------------------------------------------------------- holidays


@pytest.mark.parametrize(
    ("text", "expr", "day"),
    [
        ("An Weihnachten war die Familie zusammen.", "Weihnachten", D(2024, 12, 25)),
        ("An Weihnachten wird die Familie zusammen sein.", "Weihnachten", D(2025, 12, 25)),
        ("Heiligabend 2023 war ruhig.", "Heiligabend 2023", D(2023, 12, 24)),
        ("Am Heiligabend blieb es ruhig.", "Am Heiligabend", D(2024, 12, 24)),
        ("Zu Silvester gab es Feuerwerk.", "Silvester", D(2024, 12, 31)),
        ("In der Silvesternacht brannte eine Bar.", "Silvesternacht", D(2024, 12, 31)),
        ("An Neujahr 2025 war es kalt.", "Neujahr 2025", D(2025, 1, 1)),
        ("Am zweiten Weihnachtsfeiertag wurde gespielt.", "Am zweiten Weihnachtsfeiertag", D(2024, 12, 26)),
        ("Am Tag der Deutschen Einheit wurde gefeiert.", "Am Tag der Deutschen Einheit", D(2025, 10, 3)),
        ("Ostern 2024 war früh.", "Ostern 2024", D(2024, 3, 31)),
        ("Am Karfreitag war Ruhe.", "Am Karfreitag", D(2025, 4, 18)),
        ("Pfingstmontag 2026 ist frei.", "Pfingstmontag 2026", D(2026, 5, 25)),
    ],
)
def test_holidays(text: str, expr: str, day: date) -> None:
    assert rng(one(text, expr)) == (day, day, "day")


# --------------------------------------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("text", "expr", "day"),
    [
        # past or no cue: the most recent such day (the publication day itself when it is that weekday)
        ("Die Polizei nahm am Freitag einen Mann fest.", "am Freitag", D(2025, 10, 10)),
        ("Die Polizei hat am Montag einen Mann festgenommen.", "am Montag", D(2025, 10, 13)),
        ("Am Mittwoch trat der Rat zusammen.", "Am Mittwoch", D(2025, 10, 15)),
        ("Am Donnerstag hatte die Polizei ermittelt.", "Am Donnerstag", D(2025, 10, 9)),
        ("Die Polizei nahm Freitagabend einen Mann fest.", "Freitagabend", D(2025, 10, 10)),
        ("Die Polizei nahm am Freitagmorgen einen Mann fest.", "am Freitagmorgen", D(2025, 10, 10)),
        ("Am frühen Samstagmorgen kam es zu einem Unfall.", "Am frühen Samstagmorgen", D(2025, 10, 11)),
        ("Bereits am Sonnabend wurde gesperrt.", "am Sonnabend", D(2025, 10, 11)),
        ("Er trat am vergangenen Montag zurück.", "am vergangenen Montag", D(2025, 10, 13)),
        ("Er trat am letzten Mittwoch zurück.", "am letzten Mittwoch", D(2025, 10, 8)),
        ("Am Montag vergangener Woche begann der Streik.", "Am Montag vergangener Woche", D(2025, 10, 6)),
        ("Am gestrigen Dienstag begann der Streik.", "Am gestrigen Dienstag", D(2025, 10, 14)),
        # future: the next such day
        ("Der Gipfel wird am Freitag beginnen.", "am Freitag", D(2025, 10, 17)),
        ("Die Minister wollen am Montag in Brüssel beraten.", "am Montag", D(2025, 10, 20)),
        ("Die Ergebnisse werden am Montag veröffentlicht.", "am Montag", D(2025, 10, 20)),
        ("Er tritt am kommenden Montag zurück.", "am kommenden Montag", D(2025, 10, 20)),
        ("Er tritt am nächsten Mittwoch zurück.", "am nächsten Mittwoch", D(2025, 10, 22)),
        ("An diesem Freitag beginnt der Gipfel.", "An diesem Freitag", D(2025, 10, 17)),
        ("Ab Montag gilt die neue Regel.", "Montag", D(2025, 10, 20)),
        ("Das Treffen dauert bis Donnerstag.", "Donnerstag", D(2025, 10, 16)),
        ("Am Donnerstag dieser Woche wird gewählt.", "Am Donnerstag dieser Woche", D(2025, 10, 16)),
    ],
)
def test_weekdays(text: str, expr: str, day: date) -> None:
    assert rng(one(text, expr)) == (day, day, "day")


@pytest.mark.parametrize(
    "text",
    [
        "Jeden Montag trifft sich der Rat.",
        "Montags ist das Museum geschlossen.",
        "Das berichtete die Welt am Sonntag.",
        "Am Black Friday kaufen viele ein.",
        "Das Freitagsgebet fiel aus.",
        "Die Kanzlerin sprach mit Ministerin Freitag.",
    ],
)
def test_weekdays_that_are_not_dates(text: str) -> None:
    assert found(text) == []


# ------------------------------------------------------------------------------------------------- relative days


@pytest.mark.parametrize(
    ("text", "expr", "day"),
    [
        ("Heute beginnt der Gipfel.", "Heute", D(2025, 10, 15)),
        ("Der Gipfel beginnt heute in Paris.", "heute", D(2025, 10, 15)),
        ("Gestern begann der Gipfel.", "Gestern", D(2025, 10, 14)),
        ("Der Minister sprach gestern Abend.", "gestern Abend", D(2025, 10, 14)),
        ("Vorgestern begann der Gipfel.", "Vorgestern", D(2025, 10, 13)),
        ("Der Gipfel beginnt morgen früh.", "morgen früh", D(2025, 10, 16)),
        ("Der Gipfel beginnt übermorgen.", "übermorgen", D(2025, 10, 17)),
        ("Morgen wird gewählt.", "Morgen", D(2025, 10, 16)),
        ("Er sprach heute Morgen im Radio.", "heute Morgen", D(2025, 10, 15)),
        ("Am heutigen Tag wird gewählt.", "Am heutigen Tag", D(2025, 10, 15)),
        ("Vor drei Tagen begann der Streik.", "Vor drei Tagen", D(2025, 10, 12)),
        ("Er kam vor 10 Tagen an.", "vor 10 Tagen", D(2025, 10, 5)),
        ("In drei Tagen wird gewählt.", "In drei Tagen", D(2025, 10, 18)),
        ("Heute vor einem Jahr begann der Krieg.", "Heute vor einem Jahr", D(2024, 10, 15)),
    ],
)
def test_relative_days(text: str, expr: str, day: date) -> None:
    assert rng(one(text, expr)) == (day, day, "day")


def test_same_day_is_the_last_day_named() -> None:
    text = "Am 5. Oktober wurde er gewählt, noch am selben Tag trat er an."
    assert rng(one(text, "am selben Tag")) == (D(2025, 10, 5), D(2025, 10, 5), "day")


def test_mid_sentence_capitals_are_not_relative_days() -> None:
    # "Heute" is also an Austrian newspaper; "am Morgen" is "in the morning"
    assert found("Das berichtete die Zeitung Heute zuerst.") == []
    assert found("Am Morgen war es kalt.") == []
    assert found("Das sind die Methoden von gestern.") == []
    assert found("Das änderte sich von heute auf morgen.") == []
    assert found("Das zeigte das ZDF im heute journal.") == []


def test_heute_as_up_to_now_is_not_the_publication_day() -> None:
    assert found("Der Streit dauert bis heute an.") == []
    assert found("Das Haus steht noch heute.") == []
    assert rng(one("Heute stimmt der Landtag ab.", "Heute")) == (D(2025, 10, 15), D(2025, 10, 15), "day")


# ----------------------------------------------------------------------------------------- weeks, months, years


@pytest.mark.parametrize(
    ("text", "expr", "start", "end", "gran"),
    [
        ("Vergangene Woche trafen sich die Minister.", "Vergangene Woche", D(2025, 10, 6), D(2025, 10, 12), "week"),
        ("Letzte Woche trafen sich die Minister.", "Letzte Woche", D(2025, 10, 6), D(2025, 10, 12), "week"),
        ("Die Preise stiegen in der vergangenen Woche.", "in der vergangenen Woche", D(2025, 10, 6),
         D(2025, 10, 12), "week"),
        ("Diese Woche treffen sich die Minister.", "Diese Woche", D(2025, 10, 13), D(2025, 10, 19), "week"),
        ("In dieser Woche treffen sich die Minister.", "In dieser Woche", D(2025, 10, 13), D(2025, 10, 19), "week"),
        ("Nächste Woche treffen sich die Minister.", "Nächste Woche", D(2025, 10, 20), D(2025, 10, 26), "week"),
        ("Kommende Woche treffen sich die Minister.", "Kommende Woche", D(2025, 10, 20), D(2025, 10, 26), "week"),
        ("Übernächste Woche wird gewählt.", "Übernächste Woche", D(2025, 10, 27), D(2025, 11, 2), "week"),
        ("Der Dax stieg Ende vergangener Woche.", "Ende vergangener Woche", D(2025, 10, 6), D(2025, 10, 12),
         "week"),
        ("Mitte der Woche stieg der Dax.", "Mitte der Woche", D(2025, 10, 13), D(2025, 10, 19), "week"),
        ("Zur Wochenmitte stieg der Dax.", "Wochenmitte", D(2025, 10, 13), D(2025, 10, 19), "week"),
        ("Vor zwei Wochen begann der Streik.", "Vor zwei Wochen", D(2025, 9, 29), D(2025, 10, 5), "week"),
        ("Vor einer Woche begann der Streik.", "Vor einer Woche", D(2025, 10, 6), D(2025, 10, 12), "week"),
        ("In zwei Wochen wird gewählt.", "In zwei Wochen", D(2025, 10, 27), D(2025, 11, 2), "week"),
        ("Am Wochenende demonstrierten Tausende.", "Am Wochenende", D(2025, 10, 11), D(2025, 10, 12), "week"),
        ("Am kommenden Wochenende wird demonstriert.", "Am kommenden Wochenende", D(2025, 10, 25),
         D(2025, 10, 26), "week"),
        ("Vergangenen Monat stiegen die Preise.", "Vergangenen Monat", D(2025, 9, 1), D(2025, 9, 30), "month"),
        ("Letzten Monat stiegen die Preise.", "Letzten Monat", D(2025, 9, 1), D(2025, 9, 30), "month"),
        ("Diesen Monat steigen die Preise.", "Diesen Monat", D(2025, 10, 1), D(2025, 10, 31), "month"),
        ("Nächsten Monat steigen die Preise.", "Nächsten Monat", D(2025, 11, 1), D(2025, 11, 30), "month"),
        ("Im kommenden Monat steigen die Preise.", "Im kommenden Monat", D(2025, 11, 1), D(2025, 11, 30), "month"),
        ("Anfang des Monats stiegen die Preise.", "Anfang des Monats", D(2025, 10, 1), D(2025, 10, 31), "month"),
        ("Ende vergangenen Monats stiegen die Preise.", "Ende vergangenen Monats", D(2025, 9, 1), D(2025, 9, 30),
         "month"),
        ("Vor einem Monat begann der Krieg.", "Vor einem Monat", D(2025, 9, 1), D(2025, 9, 30), "month"),
        ("Vor drei Monaten begann der Krieg.", "Vor drei Monaten", D(2025, 7, 1), D(2025, 7, 31), "month"),
        ("Vergangenes Jahr stiegen die Preise.", "Vergangenes Jahr", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("Letztes Jahr stiegen die Preise.", "Letztes Jahr", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("Im vergangenen Jahr stiegen die Preise.", "Im vergangenen Jahr", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("Dieses Jahr steigen die Preise.", "Dieses Jahr", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("In diesem Jahr steigen die Preise.", "In diesem Jahr", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("Nächstes Jahr steigen die Preise.", "Nächstes Jahr", D(2026, 1, 1), D(2026, 12, 31), "year"),
        ("Im kommenden Jahr steigen die Preise.", "Im kommenden Jahr", D(2026, 1, 1), D(2026, 12, 31), "year"),
        ("Die Zahl der Fälle diesen Jahres ist hoch.", "diesen Jahres", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("Die Zahl der Fälle dieses Jahres ist hoch.", "dieses Jahres", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("Die Stürme des letzten Jahres waren schwer.", "letzten Jahres", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("Für das laufende Jahr rechnen Experten mit Wachstum.", "laufende Jahr", D(2025, 1, 1), D(2025, 12, 31),
         "year"),
        ("Heuer gibt es mehr Schnee.", "Heuer", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("Ende des Jahres soll das Gesetz kommen.", "Ende des Jahres", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("Im Laufe des Jahres soll es kommen.", "Im Laufe des Jahres", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("Ende vergangenen Jahres stieg der Dax.", "Ende vergangenen Jahres", D(2024, 1, 1), D(2024, 12, 31),
         "year"),
        ("Anfang nächsten Jahres soll es kommen.", "Anfang nächsten Jahres", D(2026, 1, 1), D(2026, 12, 31),
         "year"),
        ("Bis Jahresende soll das Gesetz kommen.", "Jahresende", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("Vor einem Jahr begann der Krieg.", "Vor einem Jahr", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("Der Betrieb wurde vor 40 Jahren gegründet.", "vor 40 Jahren", D(1985, 1, 1), D(1985, 12, 31), "year"),
        ("Das Netz soll in zwei Jahren fertig sein.", "in zwei Jahren", D(2027, 1, 1), D(2027, 12, 31), "year"),
    ],
)  # fmt: skip
def test_relative_units(text: str, expr: str, start: date, end: date, gran: str) -> None:
    assert rng(one(text, expr)) == (start, end, gran)


def test_units_roll_over_the_year() -> None:
    jan = D(2025, 1, 8)
    assert rng(one("Vergangenen Monat stiegen die Preise.", "Vergangenen Monat", jan)) == (
        D(2024, 12, 1), D(2024, 12, 31), "month")  # fmt: skip
    assert rng(one("Vergangene Woche stiegen die Preise.", "Vergangene Woche", D(2025, 1, 2))) == (
        D(2024, 12, 23), D(2024, 12, 29), "week")  # fmt: skip
    # told in the past early in January, "Ende des Jahres" is the year that just ended
    assert rng(one("Ende des Jahres war die Inflation gesunken.", "Ende des Jahres", jan))[0] == D(2024, 1, 1)
    assert rng(one("Ende des Jahres soll die Inflation sinken.", "Ende des Jahres", jan))[0] == D(2025, 1, 1)


# ---------------------------------------------------------------------------------------------------------- months


@pytest.mark.parametrize(
    ("text", "expr", "start"),
    [
        ("Die Preise stiegen im März 2024 deutlich.", "im März 2024", D(2024, 3, 1)),
        ("Seit Mai 2022 leitet er den Rat.", "Mai 2022", D(2022, 5, 1)),
        ("Der Ausbruch begann Anfang Mai 2026.", "Anfang Mai 2026", D(2026, 5, 1)),
        ("Die Preise stiegen im März deutlich.", "im März", D(2025, 3, 1)),
        ("Die Preise werden im März steigen.", "im März", D(2026, 3, 1)),
        ("Die Hitzewelle kam im Juli.", "im Juli", D(2025, 7, 1)),
        ("Die Wahl ist im November.", "im November", D(2025, 11, 1)),
        ("Anfang März begann die Reform.", "Anfang März", D(2025, 3, 1)),
        ("Mitte März begann die Reform.", "Mitte März", D(2025, 3, 1)),
        ("Ende März begann die Reform.", "Ende März", D(2025, 3, 1)),
        ("Seit März wird gestreikt.", "März", D(2025, 3, 1)),
        ("Der Termin wurde auf Mai verschoben.", "Mai", D(2025, 5, 1)),
        ("Die Preise fielen im vergangenen Dezember.", "im vergangenen Dezember", D(2024, 12, 1)),
        ("Die Preise fielen vergangenen September.", "vergangenen September", D(2025, 9, 1)),
        ("Die Preise steigen kommenden März.", "kommenden März", D(2026, 3, 1)),
        ("Die Preise stiegen im März dieses Jahres.", "im März dieses Jahres", D(2025, 3, 1)),
        ("Die Sanktionen vom Oktober vergangenen Jahres gelten.", "Oktober vergangenen Jahres", D(2024, 10, 1)),
        ("Die Ausgabe 03/2024 erschien spät.", "03/2024", D(2024, 3, 1)),
    ],
)
def test_months(text: str, expr: str, start: date) -> None:
    last = calendar.monthrange(start.year, start.month)[1]
    assert rng(one(text, expr)) == (start, start.replace(day=last), "month")


def test_month_lists_and_ranges() -> None:
    text = "Zwischen Januar und März 2024 stieg die Zahl, von Mai bis Juli fiel sie."
    assert [(m.text, m.start) for m in find_dates_de(text, PUB)] == [
        ("Januar", D(2025, 1, 1)),  # no year of its own: resolved on its own, past clause
        ("März 2024", D(2024, 3, 1)),
        ("Mai", D(2025, 5, 1)),
        ("Juli", D(2025, 7, 1)),
    ]


# ---------------------------------------------------------------------------------------- quarters and seasons


@pytest.mark.parametrize(
    ("text", "expr", "start", "end", "gran"),
    [
        ("Im ersten Quartal 2024 sank der Umsatz.", "Im ersten Quartal 2024", D(2024, 1, 1), D(2024, 3, 31),
         "quarter"),
        ("Im dritten Quartal sank der Umsatz.", "Im dritten Quartal", D(2025, 7, 1), D(2025, 9, 30), "quarter"),
        ("Im vierten Quartal soll der Umsatz steigen.", "Im vierten Quartal", D(2025, 10, 1), D(2025, 12, 31),
         "quarter"),
        ("Im 2. Quartal 2023 war es stark.", "Im 2. Quartal 2023", D(2023, 4, 1), D(2023, 6, 30), "quarter"),
        ("Q3 2024 war stark.", "Q3 2024", D(2024, 7, 1), D(2024, 9, 30), "quarter"),
        ("Im Q1/2024 war es stark.", "Im Q1/2024", D(2024, 1, 1), D(2024, 3, 31), "quarter"),
        ("Im vergangenen Quartal sank der Umsatz.", "Im vergangenen Quartal", D(2025, 7, 1), D(2025, 9, 30),
         "quarter"),
        ("Im laufenden Quartal steigt der Umsatz.", "Im laufenden Quartal", D(2025, 10, 1), D(2025, 12, 31),
         "quarter"),
        ("Im Schlussquartal 2022 wuchs sie.", "Im Schlussquartal 2022", D(2022, 10, 1), D(2022, 12, 31), "quarter"),
        ("Im Sommer 2023 war es heiß.", "Im Sommer 2023", D(2023, 6, 1), D(2023, 8, 31), "season"),
        ("Im Winter 2023/24 war es kalt.", "Im Winter 2023/24", D(2023, 12, 1), D(2024, 2, 29), "season"),
        ("Im Herbst 2022 begannen die Proteste.", "Im Herbst 2022", D(2022, 9, 1), D(2022, 11, 30), "season"),
        ("Im Herbst wird gewählt.", "Im Herbst", D(2025, 9, 1), D(2025, 11, 30), "season"),
        ("Im Frühling wurde gebaut.", "Im Frühling", D(2025, 3, 1), D(2025, 5, 31), "season"),
        ("Im Frühjahr soll gebaut werden.", "Im Frühjahr", D(2026, 3, 1), D(2026, 5, 31), "season"),
        ("Im Spätsommer wurde gebaut.", "Im Spätsommer", D(2025, 6, 1), D(2025, 8, 31), "season"),
        ("Im vergangenen Sommer war es heiß.", "Im vergangenen Sommer", D(2025, 6, 1), D(2025, 8, 31), "season"),
        ("Im kommenden Winter wird es teuer.", "Im kommenden Winter", D(2025, 12, 1), D(2026, 2, 28), "season"),
        ("Nächstes Frühjahr wird gebaut.", "Nächstes Frühjahr", D(2026, 3, 1), D(2026, 5, 31), "season"),
        ("Seit dem Sommer wird gebaut.", "Sommer", D(2025, 6, 1), D(2025, 8, 31), "season"),
        ("Die Anbindung ist im Herbst nächsten Jahres geplant.", "im Herbst nächsten Jahres", D(2026, 9, 1),
         D(2026, 11, 30), "season"),
    ],
)  # fmt: skip
def test_quarters_and_seasons(text: str, expr: str, start: date, end: date, gran: str) -> None:
    assert rng(one(text, expr)) == (start, end, gran)


@pytest.mark.parametrize(
    "text",
    [
        "Audi stellte den neuen Q3 vor.",
        "Im dritten Quartal des Geschäftsjahres 2024/25 stieg der Umsatz.",
        "Im Geschäftsjahr 2023 stieg der Umsatz.",
        "Die Sommerpause beginnt bald.",
        "Die Winterspiele fanden in Peking statt.",
    ],
)
def test_quarter_and_season_lookalikes(text: str) -> None:
    assert found(text) == []


# ----------------------------------------------------------------------------------------------- years, decades


@pytest.mark.parametrize(
    ("text", "expr", "year"),
    [
        ("Die Firma wurde 2023 gegründet.", "2023", 2023),
        ("Die Firma wurde im Jahr 2019 gegründet.", "im Jahr 2019", 2019),
        ("Das war im Jahre 1989.", "im Jahre 1989", 1989),
        ("Die Akkus aus dem Jahr 2021 sind schwach.", "Jahr 2021", 2021),
        ("Seit 1990 lebt er hier.", "1990", 1990),
        ("Bis 2030 soll das Netz fertig sein.", "2030", 2030),
        ("Ab 2025 gibt es eine Kooperation.", "2025", 2025),
        ("Ende 2024 lief der Vertrag aus.", "Ende 2024", 2024),
        ("Anfang 2022 kam ein zweiter Vortrag.", "Anfang 2022", 2022),
        ("Der 1955 geborene Politiker starb.", "1955", 1955),
        ("Baerbock (Jahrgang 1980) widersprach.", "1980", 1980),
        ("Die Bundeswehr wurde 1955 gegründet. 1956 folgte die Wehrpflicht.", "1956", 1956),
        ("Der Hamburg-Marathon 2024 war schnell.", "2024", 2024),
        ("Rizal, geboren 1861, war Schriftsteller.", "1861", 1861),
        ("Das Schloss wurde im Jahr 1648 zerstört.", "im Jahr 1648", 1648),
    ],
)
def test_years(text: str, expr: str, year: int) -> None:
    assert rng(one(text, expr)) == (D(year, 1, 1), D(year, 12, 31), "year")


def test_bare_years_outside_the_plausible_range_need_a_cue() -> None:
    # without a cue only 1900..publication year + 10 are years; a preposition widens that to 1800..publication + 30
    assert found("Er wurde 1861 geboren.") == []
    assert [m.text for m in find_dates_de("Das Ziel 2036 ist fern, 2035 nicht.", PUB)] == ["2035"]
    assert [m.text for m in find_dates_de("Der Vertrag gilt bis 2036.", PUB)] == ["2036"]
    assert [m.text for m in find_dates_de("Der Vertrag gilt bis 2060.", PUB)] == []


def test_year_lists_and_ranges() -> None:
    assert found("Von 2019 bis 2021 war er Minister.") == [
        ("2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
        ("2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
    ]
    assert found("Die Kontrollen fanden 2017, 2018 und 2019 statt.") == [
        ("2017", D(2017, 1, 1), D(2017, 12, 31), "year"),
        ("2018", D(2018, 1, 1), D(2018, 12, 31), "year"),
        ("2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
    ]
    # a noun after a year is a predicate unless it is a usual counted thing or the number is round
    assert [m.text for m in find_dates_de("Er war 1989 bis 1995 Präsident und wurde 2008 CEO.", PUB)] == [
        "1989", "1995", "2008"]  # fmt: skip
    assert [m.text for m in find_dates_de("Die Entscheidung wurde auf 2026 verschoben.", PUB)] == ["2026"]
    assert rng(one("Nach der Migrationskrise 2015/16 wuchs sie.", "2015/16")) == (
        D(2015, 1, 1), D(2016, 12, 31), "year")  # fmt: skip
    assert rng(one("Der Krieg 1939-1945 veränderte alles.", "1939-1945")) == (
        D(1939, 1, 1), D(1945, 12, 31), "year")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expr", "start"),
    [
        ("In den 1990er-Jahren wuchs die Stadt.", "1990er-Jahren", 1990),
        ("In den 1990er Jahren wuchs die Stadt.", "1990er Jahren", 1990),
        ("Die 1970er-Jahre waren wild.", "1970er-Jahre", 1970),
        ("Seit den 1990ern ist das so.", "1990ern", 1990),
        ("Das ist nicht der Basketball der 1990er oder 2000er.", "2000er", 2000),
        ("Die Neunzigerjahre waren wild.", "Neunzigerjahre", 1990),
        ("In den achtziger Jahren war alles anders.", "achtziger Jahren", 1980),
        ("Die Neunziger Jahre waren wild.", "Neunziger Jahre", 1990),
        ("In den 80er-Jahren war alles anders.", "80er-Jahren", 1980),
        ("Das Etikett gibt es seit Anfang der 1990er Jahre.", "Anfang der 1990er Jahre", 1990),
        ("Die Pflanze breitet sich seit Ende der 90er aus.", "Ende der 90er", 1990),
        ("Der Rückbau dauert bis in die 2030er Jahre.", "2030er Jahre", 2030),
        ("Die Zwanzigerjahre haben gerade erst begonnen.", "Zwanzigerjahre", 2020),
    ],
)
def test_decades(text: str, expr: str, start: int) -> None:
    assert rng(one(text, expr)) == (D(start, 1, 1), D(start + 9, 12, 31), "decade")


# ------------------------------------------------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    "text",
    [
        # durations
        "Er war drei Jahre lang Minister.",
        "Seit Wochen wird gestreikt.",
        "Seit drei Jahren wird gestreikt.",
        "In den vergangenen zwei Jahren stiegen die Preise.",
        "In den kommenden Monaten steigen die Preise.",
        "Er schaffte die Strecke in zwei Tagen.",
        "Die Reparatur dauerte zwei Wochen.",
        # times of day and scores
        "Das Treffen beginnt um 14 Uhr.",
        "Das Treffen beginnt um 14.30 Uhr.",
        "Das Spiel endete 2:1.",
        # sets
        "Jeden Montag trifft sich der Rat.",
        "Die Sitzung findet jährlich statt.",
        "Jedes Jahr im März blühen die Kirschen.",
        "Die Kirschen blühen im März jedes Jahres.",
        # vague
        "Bald wird gewählt, damals war alles anders, derzeit läuft es, zuletzt stieg die Zahl.",
        "Künftig gilt das, kürzlich war es anders, vor wenigen Tagen auch.",
        "Vor mehr als zwei Jahren war das anders.",
        "Dieser Tage ist vieles anders.",
        # anaphoric to another reference time
        "Im Vorjahr waren es weniger, in der Vorwoche mehr.",
        "Zwei Tage später trat er zurück.",
        # ages
        "Der 45-Jährige wurde verhaftet.",
        "Er ist Mitte 40 und sie in den Fünfzigern.",
        "Eine Frau in den 50ern wurde verletzt.",
        # numbers that are not years
        "2000 Menschen demonstrierten.",
        "Rund 2000 Demonstranten kamen.",
        "Es kamen bis zu 2000 Menschen.",
        "Es kamen 2000 weitere Soldaten.",
        "Etwa 1990 Euro kostet das Gerät.",
        "Die Halle hat eine Fläche von 2000 Quadratmetern.",
        "Die Zahl stieg von 1500 auf 2000 Euro.",
        "Die Zahl stieg von 1500 auf 2000.",
        "Es gab 2000 Beschwerden.",
        "Es gab 2019 Stimmen dafür.",
        "Die Studie (n = 2019) ist klein.",
        "Mit gezählten 1922 Aktivitäten war er vorn.",
        "Die Strecke ist 2019 km lang.",
        "Die Zustimmung lag bei 2020 Stimmen.",
        "Paragraf 218 regelt das.",
        "Nach Paragraf 1906 ist das erlaubt.",
        "Laut Seite 2019 steht es so.",
        "Die Kosten betragen 2010 €.",
        "Die Agenda 2030 ist ehrgeizig.",
        "Postfach 1990, 10115 Berlin",
    ],
)
def test_not_dates(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Kosten betragen 1.500 Euro.",
        "Es kamen 2.000 Menschen.",
        "Die Einnahmen lagen bei 2.024 Millionen Euro.",
        "Die Stadt hat 1.990.000 Einwohner.",
        "Die Quote lag bei 20,19 Prozent.",
        "Der Index stieg auf 2019,5 Punkte.",
        "Es wurden 12.000 Tickets verkauft, 3.500 davon am Abend.",
        "Der Kurs fiel um 1,2024 Prozent.",
    ],
)
def test_thousands_separators_and_decimal_commas_are_not_dates(text: str) -> None:
    assert found(text) == []


def test_a_year_next_to_a_count() -> None:
    text = "Im Jahr 2019 kamen 2.000 Menschen, 2020 waren es 2500 Menschen."
    assert [m.text for m in find_dates_de(text, PUB)] == ["Im Jahr 2019", "2020"]


# ------------------------------------------------------------------------------------ mention text and sentences


def test_text_offset_and_order() -> None:
    text = (
        "Berlin. Am vergangenen Samstag demonstrierten Tausende. Die Polizei teilte mit, im März 2024 sei es "
        "ähnlich gewesen. Anfang März werde es eine neue Demo geben, sagte die Sprecherin."
    )
    got = find_dates_de(text, PUB)
    assert [m.text for m in got] == ["Am vergangenen Samstag", "im März 2024", "Anfang März"]
    for m in got:
        assert text[m.offset : m.offset + len(m.text)] == m.text
    assert [m.offset for m in got] == sorted(m.offset for m in got)
    assert got[0].sentence == "Am vergangenen Samstag demonstrierten Tausende."
    assert got[1].sentence == "Die Polizei teilte mit, im März 2024 sei es ähnlich gewesen."
    assert got[2].start == D(2026, 3, 1)  # "werde": future


def test_longest_match_wins_and_nothing_overlaps() -> None:
    text = "Am Montag, den 3. März 2025 und im März dieses Jahres, Anfang der 1990er Jahre."
    got = find_dates_de(text, PUB)
    assert [m.text for m in got] == ["Am Montag, den 3. März 2025", "im März dieses Jahres", "Anfang der 1990er Jahre"]
    spans = [(m.offset, m.offset + len(m.text)) for m in got]
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:]))


def test_german_abbreviations_and_ordinals_do_not_split_sentences() -> None:
    text = (
        "Die Wahl findet am 3. März statt. Z. B. Herr Müller, Nr. 5 im Team, kam u.a. am 4. Okt. nach Berlin. "
        "Karl V. war Kaiser. Das war 2019. Der 2. Weltkrieg endete 1945.\nNeue Zeile"
    )
    assert [text[a:b] for a, b in split_sentences_de(text)] == [
        "Die Wahl findet am 3. März statt.",
        "Z. B. Herr Müller, Nr. 5 im Team, kam u.a. am 4. Okt. nach Berlin.",
        "Karl V. war Kaiser.",
        "Das war 2019.",
        "Der 2. Weltkrieg endete 1945.",
        "Neue Zeile",
    ]
    m = one(text, "am 4. Okt.")
    assert m.sentence == "Z. B. Herr Müller, Nr. 5 im Team, kam u.a. am 4. Okt. nach Berlin."
    assert rng(m) == (D(2025, 10, 4), D(2025, 10, 4), "day")


def test_given_sentences_are_used() -> None:
    text = "Erster Teil; am Freitag kam er. Zweiter Teil."
    got = find_dates_de(text, PUB, sentences=[(0, 31), (32, len(text))])
    assert [(m.text, m.sentence) for m in got] == [("am Freitag", "Erster Teil; am Freitag kam er.")]
    got = find_dates_de(text, PUB, sentences=[(0, 11), (12, len(text))])
    assert got[0].sentence == "am Freitag kam er. Zweiter Teil."


def test_bad_input() -> None:
    assert find_dates_de("", PUB) == []
    assert find_dates_de("Am Freitag kam er.", date(1, 1, 1)) == []
    assert [m.start for m in find_dates_de("Am Freitag kam er.", datetime(2025, 10, 15, 12, 0))] == [D(2025, 10, 10)]
    # impossible calendar dates are skipped, not guessed
    assert found("Am 31. Februar 2024 und am 30.02.2023 war nichts.") == []


_FRAGMENTS = [
    "am Freitag", "im März", "2019", "1.500 Euro", "vergangene Woche", "Anfang März", "vor zwei Wochen", "3. März",
    "03.03.2024", "Ende des Jahres", "im Sommer", "Q3", "1990er-Jahre", "heute", "Morgen", " ", ", ", ". ", "\n",
    "wurde", "wird", "hat gesagt", "Menschen", "am", "im", "den", "Jahr", "Woche", "z.B.", "2:1", "um 14 Uhr",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30), st.dates(date(1001, 1, 2), date(2998, 12, 30)))
def test_never_raises_and_mentions_are_consistent(parts: list[str], pub: date) -> None:
    text = " ".join(parts)
    got = find_dates_de(text, pub)
    ends = -1
    for m in got:
        assert text[m.offset : m.offset + len(m.text)] == m.text
        assert m.offset >= ends  # text order, no overlaps
        ends = m.offset + len(m.text)
        assert m.start <= m.end
        assert m.text in m.sentence or "\n" in m.text
