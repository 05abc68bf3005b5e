"""Date expressions resolved to calendar ranges (newsdesk.enrich.dates), with fixed publication dates."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.enrich.dates import find_dates, split_sentences
from newsdesk.record import DateMention

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a756ebb544484e00.txt"
SEED_PUB = date(2025, 10, 12)  # a Sunday
D = date


def one(text: str, published: date, expr: str, **kw: object) -> DateMention:
    """The single mention whose text is `expr` (fails loudly when missing or duplicated)."""
    got = [m for m in find_dates(text, published, **kw) if m.text == expr]  # type: ignore[arg-type]
    assert len(got) == 1, f"{expr!r} in {[(m.text, m.start, m.end) for m in find_dates(text, published)]}"
    return got[0]


def rng(m: DateMention) -> tuple[date, date, str]:
    return m.start, m.end, m.granularity


def resolve(text: str, published: date, expr: str) -> tuple[date, date, str]:
    return rng(one(text, published, expr))


def nothing(text: str, published: date) -> list[tuple[str, date, date]]:
    """The calendar dates found (durations, sets and PRESENT/PAST/FUTURE_REF have no calendar range: see timex())."""
    return [(m.text, m.start, m.end) for m in find_dates(text, published) if m.start is not None]


def timex(text: str, published: date, **kw: object) -> dict[str, tuple[str, str]]:
    """Every mention as text -> (TimeML type, value)."""
    return {m.text: (m.type, m.value) for m in find_dates(text, published, **kw)}  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------------- the seed


def _spacy(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    from newsdesk.enrich.nlp import parse

    doc = next(iter(parse([text])))
    return (
        [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"],
        [(s.start_char, s.end_char) for s in doc.sents],
    )


SEED_EXPECTED = {
    "Oct 12": (D(2025, 10, 12), D(2025, 10, 12), "day"),  # the dateline
    "Earlier this week": (D(2025, 10, 6), D(2025, 10, 12), "week"),
    "September 27": (D(2025, 9, 27), D(2025, 9, 27), "day"),
    "Friday": (D(2025, 10, 10), D(2025, 10, 10), "day"),
    "Saturday": (D(2025, 10, 11), D(2025, 10, 11), "day"),
}


def test_seed_without_spacy() -> None:
    text = SEED.read_text(encoding="utf-8")
    got = {m.text: rng(m) for m in find_dates(text, SEED_PUB) if m.start is not None}
    assert got == SEED_EXPECTED


def test_seed_with_spacy_spans_and_sentences() -> None:
    text = SEED.read_text(encoding="utf-8")
    spans, sents = _spacy(text)
    mentions = find_dates(text, SEED_PUB, spans, sents)
    assert {m.text: rng(m) for m in mentions if m.start is not None} == SEED_EXPECTED
    assert {(m.text, m.type, m.value) for m in mentions if m.start is None} == {("recent", "date", "PAST_REF")}
    friday = next(m for m in mentions if m.text == "Friday")
    assert friday.offset == text.index("On Friday") + len("On ")
    assert friday.sentence.startswith("On Friday, Russia executed a significant airstrike")
    assert friday.sentence.endswith("widespread blackouts.")
    saturday = next(m for m in mentions if m.text == "Saturday")
    assert saturday.sentence.startswith("Power was restored on Saturday")
    assert [m.offset for m in mentions] == sorted(m.offset for m in mentions)


def test_offsets_and_text_agree() -> None:
    text = SEED.read_text(encoding="utf-8")
    for m in find_dates(text, SEED_PUB):
        assert text[m.offset : m.offset + len(m.text)] == m.text
        assert m.text in m.sentence


# ------------------------------------------------------------------------------------------------------ weekdays


def test_weekday_past_is_the_most_recent_before_publication() -> None:
    assert resolve("Officials said on Friday that talks failed.", SEED_PUB, "Friday") == (
        D(2025, 10, 10), D(2025, 10, 10), "day")  # fmt: skip
    assert resolve("The company announced Wednesday it had cut jobs.", SEED_PUB, "Wednesday")[0] == D(2025, 10, 8)


def test_weekday_future_tense_is_the_next_one() -> None:
    assert resolve("The talks will resume on Tuesday in Geneva.", SEED_PUB, "Tuesday")[0] == D(2025, 10, 14)
    assert resolve("The board is scheduled to meet Friday.", SEED_PUB, "Friday")[0] == D(2025, 10, 17)
    assert resolve("He plans to visit Kyiv on Monday.", SEED_PUB, "Monday")[0] == D(2025, 10, 13)
    assert resolve("Markets will stay closed until Thursday.", SEED_PUB, "Thursday")[0] == D(2025, 10, 16)


def test_weekday_past_and_future_in_one_sentence() -> None:
    text = "On Friday, Zelensky said Russia will attack again."
    assert resolve(text, SEED_PUB, "Friday")[0] == D(2025, 10, 10)


def test_weekday_equal_to_publication_weekday_is_the_publication_day() -> None:
    monday = date(2025, 10, 13)
    assert resolve("Shares fell sharply on Monday in Tokyo.", monday, "Monday")[0] == monday


def test_generic_weekdays_and_seasons_are_skipped() -> None:
    assert nothing("Always try to book on a Tuesday.", SEED_PUB) == []
    assert nothing("The market opens every Friday.", SEED_PUB) == []
    assert nothing("It is cold in winter here.", SEED_PUB) == []
    assert resolve("In a Wednesday media event, Apple spoke.", SEED_PUB, "Wednesday")[0] == D(2025, 10, 8)


def test_last_and_next_weekday() -> None:
    assert resolve("He resigned last Friday.", SEED_PUB, "last Friday")[0] == D(2025, 10, 10)
    assert resolve("They meet next Friday.", SEED_PUB, "next Friday")[0] == D(2025, 10, 17)
    assert resolve("It was signed last Sunday.", SEED_PUB, "last Sunday")[0] == D(2025, 10, 5)


def test_named_days_are_not_weekdays() -> None:
    assert nothing("Markets crashed on Black Monday.", SEED_PUB) == []
    assert nothing("Shops opened early for Good Friday.", SEED_PUB) == []
    assert nothing("The museum is closed on Mondays.", SEED_PUB) == []


# --------------------------------------------------------------------------------------------- relative day words


@pytest.mark.parametrize(
    ("expr", "day"),
    [("yesterday", D(2025, 10, 11)), ("today", D(2025, 10, 12)), ("tomorrow", D(2025, 10, 13)),
     ("earlier today", D(2025, 10, 12)), ("last night", D(2025, 10, 11)), ("this morning", D(2025, 10, 12))],
)  # fmt: skip
def test_relative_days(expr: str, day: date) -> None:
    assert resolve(f"The minister spoke {expr} in Kyiv.", SEED_PUB, expr) == (day, day, "day")


def test_usa_today_is_a_newspaper() -> None:
    assert nothing("She told USA Today about the plan.", SEED_PUB) == []


# ------------------------------------------------------------------------------------------------ weeks and months


@pytest.mark.parametrize(
    ("expr", "start", "end", "gran"),
    [
        ("earlier this week", D(2025, 10, 6), D(2025, 10, 12), "week"),
        ("this week", D(2025, 10, 6), D(2025, 10, 12), "week"),
        ("last week", D(2025, 9, 29), D(2025, 10, 5), "week"),
        ("next week", D(2025, 10, 13), D(2025, 10, 19), "week"),
        ("earlier this month", D(2025, 10, 1), D(2025, 10, 12), "month"),
        ("last month", D(2025, 9, 1), D(2025, 9, 30), "month"),
        ("next month", D(2025, 11, 1), D(2025, 11, 30), "month"),
        ("this year", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("last year", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("next year", D(2026, 1, 1), D(2026, 12, 31), "year"),
        ("later this year", D(2025, 10, 12), D(2025, 12, 31), "year"),
        ("last quarter", D(2025, 7, 1), D(2025, 9, 30), "quarter"),
    ],
)
def test_relative_units(expr: str, start: date, end: date, gran: str) -> None:
    assert resolve(f"Prices moved {expr}, traders said.", SEED_PUB, expr) == (start, end, gran)


def test_month_boundaries_roll_over_the_year() -> None:
    jan = date(2025, 1, 15)
    assert resolve("Sales fell last month.", jan, "last month") == (D(2024, 12, 1), D(2024, 12, 31), "month")
    assert resolve("Sales fell last week.", D(2025, 1, 2), "last week") == (D(2024, 12, 23), D(2024, 12, 29), "week")


def test_the_past_year_is_a_duration() -> None:
    assert nothing("Prices rose 20% over the past year.", SEED_PUB) == []
    assert nothing("Prices rose during the last week.", SEED_PUB) == []


def test_weekends() -> None:
    assert resolve("Protests are planned for this weekend.", SEED_PUB, "this weekend") == (
        D(2025, 10, 11), D(2025, 10, 12), "week")  # fmt: skip
    assert resolve("Talks took place over the weekend.", D(2025, 10, 13), "the weekend") == (
        D(2025, 10, 11), D(2025, 10, 12), "week")  # fmt: skip


def test_earlier_in_the_week() -> None:
    assert resolve("Prices rose earlier in the week.", SEED_PUB, "earlier in the week") == (
        D(2025, 10, 6), D(2025, 10, 12), "week")  # fmt: skip


def test_nth_week_of_month() -> None:
    pub = D(2009, 4, 1)
    assert resolve("Sales rebounded in the last week of March.", pub, "the last week of March") == (
        D(2009, 3, 23), D(2009, 3, 29), "week")  # fmt: skip


# -------------------------------------------------------------------------------------------------- calendar dates


def test_month_day_nearest_past_unless_future() -> None:
    assert resolve("On September 27, Lavrov addressed the UN.", SEED_PUB, "September 27") == (
        D(2025, 9, 27), D(2025, 9, 27), "day")  # fmt: skip
    assert resolve("The vote will be held on September 27.", SEED_PUB, "September 27")[0] == D(2026, 9, 27)
    # no tense cue: the nearest occurrence, biased to the past
    assert resolve("The automaker has a June 1 deadline.", D(2009, 5, 28), "June 1")[0] == D(2009, 6, 1)


def test_month_day_forms() -> None:
    assert resolve("It closed on Oct. 12, a spokesman said.", SEED_PUB, "Oct. 12")[0] == D(2025, 10, 12)
    assert resolve("It opened on 10 January.", SEED_PUB, "10 January")[0] == D(2025, 1, 10)
    assert resolve("It will open on 10 January.", SEED_PUB, "10 January")[0] == D(2026, 1, 10)
    assert resolve("The memo is dated June 1st.", D(2009, 6, 4), "June 1st")[0] == D(2009, 6, 1)
    assert resolve("It closed on the first of October.", SEED_PUB, "the first of October")[0] == D(2025, 10, 1)


@pytest.mark.parametrize(
    ("text", "expr", "day"),
    [
        ("The deal was signed January 10, 2026 in Paris.", "January 10, 2026", D(2026, 1, 10)),
        ("The deal was signed on 10 January 2026.", "10 January 2026", D(2026, 1, 10)),
        ("Data as of 2025-10-12 show a fall.", "2025-10-12", D(2025, 10, 12)),
        ("Tokenised: March 01 , 2008 here.", "March 01 , 2008", D(2008, 3, 1)),
        ("It was Friday, October 10, 2025.", "Friday, October 10, 2025", D(2025, 10, 10)),
        ("Written 12.10.2025 in Berlin.", "12.10.2025", D(2025, 10, 12)),
        ("The plane was unveiled on 7/8/07 in Everett.", "7/8/07", D(2007, 7, 8)),
        ("Remembering the victims of 9/11 today.", "9/11", D(2001, 9, 11)),
    ],
)
def test_absolute_days(text: str, expr: str, day: date) -> None:
    assert resolve(text, SEED_PUB, expr) == (day, day, "day")


def test_weekday_picks_the_year_of_a_yearless_date() -> None:
    # 10 October is a Friday in 2025, a Thursday in 2024
    assert resolve("It happened on Friday, Oct. 10.", SEED_PUB, "Friday, Oct. 10")[0] == D(2025, 10, 10)


def test_day_range() -> None:
    assert resolve("The summit ran October 6-8, 2025.", SEED_PUB, "October 6-8, 2025") == (
        D(2025, 10, 6), D(2025, 10, 8), "day")  # fmt: skip


def test_months() -> None:
    assert resolve("Output fell in mid-October.", SEED_PUB, "mid-October") == (D(2025, 10, 1), D(2025, 10, 31), "month")
    assert resolve("The plant closed in March.", SEED_PUB, "March") == (D(2025, 3, 1), D(2025, 3, 31), "month")
    assert resolve("It was launched in November 2006.", SEED_PUB, "November 2006")[0] == D(2006, 11, 1)
    assert resolve("It peaked last September.", SEED_PUB, "last September")[0] == D(2025, 9, 1)
    assert resolve("It peaked last November.", SEED_PUB, "last November")[0] == D(2024, 11, 1)
    assert resolve("Delivery is expected in October of next year.", SEED_PUB, "October of next year")[0] == D(
        2026, 10, 1
    )
    assert resolve("The transaction should be completed in October.", D(2009, 6, 5), "October")[0] == D(2009, 10, 1)


def test_may_and_march_as_words_are_not_months() -> None:
    assert nothing("Troops may march on the capital.", SEED_PUB) == []


# ------------------------------------------------------------------------------------- years, decades, quarters


def test_years() -> None:
    assert resolve("The war began in 2014, officials said.", SEED_PUB, "2014") == (
        D(2014, 1, 1),
        D(2014, 12, 31),
        "year",
    )
    assert resolve("Profits should recover by early 2027.", SEED_PUB, "early 2027")[0] == D(2027, 1, 1)
    assert resolve("It ran the 2008-09 season.", SEED_PUB, "2008-09") == (D(2008, 1, 1), D(2009, 12, 31), "year")


def test_numbers_that_are_not_years() -> None:
    assert nothing("The plant employs 2000 workers.", SEED_PUB) == []
    assert nothing("It cost $2014 in total.", SEED_PUB) == []
    assert nothing("The Russell 2000 Index fell.", SEED_PUB) == []
    assert nothing("The index closed at 1,987.5 points.", SEED_PUB) == []


def test_decades() -> None:
    assert resolve("Growth was faster in the 1990s.", SEED_PUB, "1990s") == (D(1990, 1, 1), D(1999, 12, 31), "decade")
    assert resolve("Cars of the '70s were boxy.", SEED_PUB, "'70s")[0] == D(1970, 1, 1)
    assert resolve("Cars of the 70s and 80s were boxy.", SEED_PUB, "80s")[0] == D(1980, 1, 1)
    assert nothing("Most voters in their 70s stayed home.", SEED_PUB) == []


@pytest.mark.parametrize(
    ("text", "expr", "start", "end"),
    [
        ("Profit rose in the third quarter.", "the third quarter", D(2025, 7, 1), D(2025, 9, 30)),
        ("Revenue hit a record in Q3 2024.", "Q3 2024", D(2024, 7, 1), D(2024, 9, 30)),
        ("GM lost in the first quarter of last year.", "the first quarter of last year", D(2024, 1, 1), D(2024, 3, 31)),
        ("It expects growth in the fourth quarter.", "the fourth quarter", D(2025, 10, 1), D(2025, 12, 31)),
        ("Our third-quarter results were strong.", "third-quarter", D(2025, 7, 1), D(2025, 9, 30)),
    ],
)  # fmt: skip
def test_quarters(text: str, expr: str, start: date, end: date) -> None:
    assert resolve(text, SEED_PUB, expr) == (start, end, "quarter")


def test_fiscal_and_sports_quarters_are_skipped() -> None:
    assert nothing("Apple reported its fiscal third quarter results.", SEED_PUB) == []
    assert nothing("He scored twice in the fourth quarter of the game.", SEED_PUB) == []


def test_seasons() -> None:
    assert resolve("Prices rose this summer.", SEED_PUB, "this summer") == (D(2025, 6, 1), D(2025, 8, 31), "season")
    assert resolve("Blackouts hit last winter.", SEED_PUB, "last winter") == (D(2024, 12, 1), D(2025, 2, 28), "season")
    assert resolve("Blackouts are feared this winter.", SEED_PUB, "this winter") == (
        D(2025, 12, 1), D(2026, 2, 28), "season")  # fmt: skip
    assert resolve("Work starts in spring 2026.", SEED_PUB, "spring 2026")[0] == D(2026, 3, 1)
    assert nothing("Leaders of the Arab Spring met.", SEED_PUB) == []


def test_part_of_a_unit() -> None:
    assert resolve("Plants close by the end of this year.", SEED_PUB, "the end of this year") == (
        D(2025, 1, 1), D(2025, 12, 31), "year")  # fmt: skip
    assert resolve("Debt rose at the end of last year.", SEED_PUB, "the end of last year")[0] == D(2024, 1, 1)
    assert resolve("At the end of June last year, he left.", SEED_PUB, "the end of June last year") == (
        D(2024, 6, 1), D(2024, 6, 30), "month")  # fmt: skip


# ------------------------------------------------------------------------------------------------ counted offsets


def test_ago_and_in() -> None:
    assert resolve("The strike happened two weeks ago.", SEED_PUB, "two weeks ago") == (
        D(2025, 9, 28), D(2025, 9, 28), "day")  # fmt: skip
    assert resolve("He arrived three days ago.", SEED_PUB, "three days ago")[0] == D(2025, 10, 9)
    assert resolve("The tsunami hit a week ago.", SEED_PUB, "a week ago")[0] == D(2025, 10, 5)
    assert resolve("They will return in two weeks.", SEED_PUB, "in two weeks")[0] == D(2025, 10, 26)
    assert resolve("It closed two years ago.", SEED_PUB, "two years ago")[2] == "year"


def test_durations_ages_and_bare_numbers_are_skipped() -> None:
    assert nothing("Prices rose 5% in two weeks.", SEED_PUB) == []
    assert nothing("He served for three years.", SEED_PUB) == []
    assert nothing("The 45 years old driver was unhurt.", SEED_PUB) == []
    assert nothing("He was 45 years old.", SEED_PUB) == []
    assert nothing("They counted 12 votes and 31 abstentions.", SEED_PUB) == []
    assert nothing("Over the next few years, output will grow.", SEED_PUB) == []


def test_same_day_anaphora_takes_the_last_day_mentioned() -> None:
    text = "Shares rose on Tuesday. The index ended the day up 2%."
    assert resolve(text, SEED_PUB, "the day") == (D(2025, 10, 7), D(2025, 10, 7), "day")
    assert nothing("The index ended the day up 2%.", SEED_PUB) == []  # nothing to refer to
    text = "Shares rose on Tuesday. He said the day before the vote was calm."
    spans = [(text.index("the day"), text.index(" the vote"))]  # spaCy: "the day before"
    assert [m.text for m in find_dates(text, SEED_PUB, date_spans=spans)] == ["Tuesday"]


def test_holidays() -> None:
    assert resolve("Shops will close on Christmas Day.", SEED_PUB, "Christmas Day")[0] == D(2025, 12, 25)


# ------------------------------------------------------------------------------------------- spaCy spans, layers


def test_spacy_span_lets_a_bare_month_through() -> None:
    text = "April was a good month for sales."
    assert nothing(text, SEED_PUB) == []  # a bare capitalised month at sentence start could be a name
    got = find_dates(text, SEED_PUB, date_spans=[(0, 5)])
    assert [(m.text, m.start, m.granularity) for m in got] == [("April", D(2025, 4, 1), "month")]


def test_spacy_span_unknown_format_goes_to_dateparser() -> None:
    text = "It was 2025/10/12 then."
    assert nothing(text, SEED_PUB) == []
    got = find_dates(text, SEED_PUB, date_spans=[(7, 17)])
    assert [(m.text, m.start, m.granularity) for m in got] == [("2025/10/12", D(2025, 10, 12), "day")]


def test_spacy_list_span_is_split_by_rules() -> None:
    text = "Talks resumed September 27 and October 3."
    spans = [(text.index("September"), text.index("3.") + 1)]
    got = find_dates(text, SEED_PUB, date_spans=spans)
    assert [(m.text, m.start) for m in got] == [("September 27", D(2025, 9, 27)), ("October 3", D(2025, 10, 3))]


def test_bare_year_needs_spacy_when_spans_are_given() -> None:
    text = "Output 2020 rose sharply."
    assert [m.text for m in find_dates(text, SEED_PUB)] == ["2020"]
    assert find_dates(text, SEED_PUB, date_spans=[]) == []


def test_given_sentences_are_used() -> None:
    text = "First part; On Friday it rained. Second."
    got = one(text, SEED_PUB, "Friday", sentences=[(0, 10), (12, 32), (33, 40)])
    assert got.sentence == "On Friday it rained."


def test_fallback_sentence_splitter() -> None:
    text = "Mr. Smith left on Oct. 3. He came back.\nNew line here"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Mr. Smith left on Oct. 3.", "He came back.", "New line here"]  # fmt: skip


# --------------------------------------------------------------------------------------------------- robustness


def test_datetime_publication_is_accepted() -> None:
    assert resolve("It rained yesterday.", datetime(2025, 10, 12, 23, 59), "yesterday")[0] == D(2025, 10, 11)


@pytest.mark.parametrize("pub", [date(1, 1, 1), date(9999, 12, 31), date(1000, 1, 1), date(2999, 12, 31)])
def test_extreme_publication_dates_do_not_raise(pub: date) -> None:
    text = "Yesterday, last week, next year, in two weeks, on Friday, September 27, the 1990s, Q3 2024."
    for m in find_dates(text, pub):
        assert m.start <= m.end


def test_impossible_dates_are_skipped_not_guessed() -> None:
    assert nothing("It ends on January 10, 9999.", SEED_PUB) == []
    assert nothing("It ended on February 30, 2025.", SEED_PUB) == []
    assert nothing("It ended on 0000-01-01.", SEED_PUB) == []


def test_garbage_spans_and_unicode() -> None:
    text = "Ünïcødé 🎉 — on Friday, 東京 said «yesterday»\x00 mid-October…"
    got = find_dates(text, SEED_PUB, date_spans=[(-5, 3), (50, 10_000), (20, 10), (0, 0)], sentences=[(99, 3)])
    assert {m.text for m in got} == {"Friday", "yesterday", "mid-October"}
    assert find_dates("", SEED_PUB) == []


_PIECES = [*"0123456789 ,.-/'\nQqAaMyJunOctFridaWek", "May ", "Friday ", "last ", "week ", "the ", "2024 ",
           "1990s ", "in ", "ago ", "Q3 ", "quarter ", "summer ", "day ", "of ", "two ", "9999", "0000"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(st.sampled_from(_PIECES), max_size=80).map("".join),
    pub=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
def test_never_raises(text: str, pub: date) -> None:
    for m in find_dates(text, pub, date_spans=[(0, len(text))]):
        assert text[m.offset : m.offset + len(m.text)] == m.text
        assert m.type in ("date", "time", "duration", "set") and m.value
        assert (m.start is None) == (m.end is None) == (m.granularity is None)
        assert m.start is None or m.start <= m.end


@pytest.mark.timeout(120)  # a hang guard, not a speed target: `make bench-stages` prints the speed
def test_a_long_text_is_read_like_its_parts() -> None:
    """500 copies of the seed (~1M characters) give the seed's mentions 500 times, at the same offsets within each copy:
    nothing is truncated, skipped or merged across copies however long the text."""
    seed = SEED.read_text(encoding="utf-8")
    one = [(m.offset, m.text, m.value) for m in find_dates(seed, SEED_PUB)]
    assert len(one) >= 4
    huge = find_dates(seed * 500, SEED_PUB)
    assert len(huge) == 500 * len(one)
    for i, m in enumerate(huge):
        copy, k = divmod(i, len(one))
        assert (m.offset - copy * len(seed), m.text, m.value) == one[k]


# ----------------------------------------------------------------------- TimeML types and values (issue 12)

MARCH_PUB = date(2025, 3, 12)  # a Wednesday


def test_calendar_dates_carry_their_timeml_value() -> None:
    got = timex("On September 27 and earlier this week, last month, in the third quarter of 2024, in the 1990s, "
                "last summer and over the weekend.", SEED_PUB)
    assert got["September 27"] == ("date", "2025-09-27")
    assert got["earlier this week"] == ("date", "2025-W41")
    assert got["last month"] == ("date", "2025-09")
    assert got["the third quarter of 2024"] == ("date", "2024-Q3")
    assert got["1990s"] == ("date", "199")
    assert got["last summer"] == ("date", "2024-SU")
    assert timex("Talks took place over the weekend.", D(2025, 10, 13))["the weekend"] == ("date", "2025-W41-WE")


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("He served for three years.", "three years", "P3Y"),
        ("Prices rose 20% over the past six months.", "the past six months", "P6M"),
        ("The flight took two hours.", "two hours", "PT2H"),
        ("It lasted 90 minutes.", "90 minutes", "PT90M"),
        ("Over the next few years, output will grow.", "the next few years", "PXY"),
        ("a five-year plan", "five-year", "P5Y"),
        ("Prices rose during the last week.", "the last week", "P1W"),
        ("In the last twenty four hours the index fell.", "the last twenty four hours", "PT24H"),
        ("They have waited for decades.", "decades", "PXE"),  # TimeML's unit letters: E decade, C century
        ("It took two decades.", "two decades", "P20Y"),
        ("It took about a decade.", "about a decade", "P1E"),
        ("The war lasted two centuries.", "two centuries", "P2C"),
        ("He has been there two and a half years.", "two and a half years", "P2Y6M"),  # TimeML: the half in months
    ],
)
def test_durations(text: str, expr: str, value: str) -> None:
    m = one(text, SEED_PUB, expr)
    assert (m.type, m.value) == ("duration", value)
    assert (m.start, m.end, m.granularity) == (None, None, None)  # a duration is not a calendar interval


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Shares fell Tuesday morning.", "Tuesday morning", "2025-10-07TMO"),
        ("The vote is at 9 p.m.", "9 p.m.", "2025-10-12T21:00"),
        ("It began at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2025-10-08T22:00"),
        ("The blast came at 7:15 a.m. yesterday.", "7:15 a.m. yesterday", "2025-10-11T07:15"),
        ("Troops moved in last night.", "last night", "2025-10-11TNI"),
        ("He spoke this afternoon.", "this afternoon", "2025-10-12TAF"),
        ("Polls close at 1800 GMT.", "1800 GMT", "2025-10-12T18:00"),
        ("They met at noon Thursday.", "noon Thursday", "2025-10-09T12:00"),
    ],
)
def test_times_of_day(text: str, expr: str, value: str) -> None:
    m = one(text, SEED_PUB, expr)
    assert (m.type, m.value) == ("time", value)
    assert m.start == m.end == date.fromisoformat(value[:10]) and m.granularity == "day"  # the day it falls on


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The board meets every week.", "every week", "P1W"),
        ("Elections are held every four years.", "every four years", "P4Y"),
        ("The market opens every Friday.", "every Friday", "XXXX-WXX-5"),
        ("The museum is closed on Mondays.", "Mondays", "XXXX-WXX-1"),
        ("He plays Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
        ("They meet twice a year.", "a year", "P1Y"),
        ("It earns $5 million a year.", "a year", "P1Y"),
        ("The festival returns each July.", "each July", "XXXX-07"),
        ("The paper is published daily.", "daily", "P1D"),
    ],
)
def test_sets(text: str, expr: str, value: str) -> None:
    m = one(text, SEED_PUB, expr)
    assert (m.type, m.value, m.start) == ("set", value, None)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Prices are high now.", "now", "PRESENT_REF"),
        ("He currently leads the party.", "currently", "PRESENT_REF"),
        ("At the time, nobody objected.", "the time", "PAST_REF"),
        ("Talks will resume in the coming weeks.", "the coming weeks", "FUTURE_REF"),
        ("Such crises happened in the past.", "the past", "PAST_REF"),
        ("The plan may change in the future.", "the future", "FUTURE_REF"),
        ("She recently moved.", "recently", "PAST_REF"),
        ("It opened several years ago.", "several years ago", "PAST_REF"),
    ],
)
def test_present_past_and_future_references(text: str, expr: str, value: str) -> None:
    m = one(text, SEED_PUB, expr)
    assert (m.type, m.value, m.start) == ("date", value, None)


def test_now_as_a_conjunction_is_not_a_time() -> None:
    assert "now" not in timex("Now that the war is over, trade resumes.", SEED_PUB)


def test_ranges_are_one_interval() -> None:
    m = one("The war lasted 2009-2010.", SEED_PUB, "2009-2010")
    assert (rng(m), m.value) == ((D(2009, 1, 1), D(2010, 12, 31), "year"), "2009/2010")
    m = one("He studied there in 1957-58.", SEED_PUB, "1957-58")
    assert (rng(m), m.value) == ((D(1957, 1, 1), D(1958, 12, 31), "year"), "1957/1958")
    m = one("The exhibition runs from March to May.", MARCH_PUB, "March to May")
    assert (rng(m), m.value) == ((D(2025, 3, 1), D(2025, 5, 31), "month"), "2025-03/2025-05")
    m = one("Fighting raged from November 2023 to February 2024.", MARCH_PUB, "November 2023 to February 2024")
    assert rng(m) == (D(2023, 11, 1), D(2024, 2, 29), "month")
    assert [x.text for x in find_dates("Sales rose in April and June.", MARCH_PUB)] == ["April", "June"]  # a list


def test_future_clause_takes_this_june_not_last() -> None:
    assert resolve("The programme will run through June.", MARCH_PUB, "June") == (
        D(2025, 6, 1), D(2025, 6, 30), "month")  # fmt: skip
    assert resolve("The programme ran through June.", MARCH_PUB, "June")[0] == D(2024, 6, 1)


@pytest.mark.parametrize(
    "text",
    [
        "The benchmark scored 1061 points.",
        "Its score of 1530 beat the rival.",
        "The bus leaves at 1530.",
        "Polls close at 1530 GMT.",
        "A 1920x1080 screen.",
        "It costs $2025.",
        "The card runs at 1530 MHz.",
        "Model 2020 sold well.",
        "Prices range from 1061 to 1530.",
    ],
)
def test_numbers_need_evidence_to_be_years(text: str) -> None:
    assert [m for m in find_dates(text, SEED_PUB) if m.granularity == "year"] == []


def test_old_years_with_evidence_are_years() -> None:
    assert resolve("In 1530 the city fell.", SEED_PUB, "1530") == (D(1530, 1, 1), D(1530, 12, 31), "year")
    assert resolve("The abbey was built in 1066.", SEED_PUB, "1066")[2] == "year"


def test_reporting_periods_follow_the_quarter_named() -> None:
    text = ("Net income rose in the third quarter. Profit in the quarter was $5 million, up from $3 million "
            "a year earlier. The year-ago quarter included a charge.")
    got = timex(text, D(1989, 11, 2))
    assert got["the third quarter"] == ("date", "1989-Q3")
    assert got["the quarter"] == ("date", "1989-Q3")
    assert got["a year earlier"] == ("date", "1988-Q3")
    assert got["The year-ago quarter"] == ("date", "1988-Q3")
    assert timex("The plant closed a year earlier.", D(1989, 11, 2))["a year earlier"] == ("date", "1988")


def test_dateline_style_and_anaphora_keep_plain_days() -> None:
    text = "Shares fell Tuesday morning. The index ended the day up 2%."
    got = {m.text: (m.type, m.value) for m in find_dates(text, SEED_PUB)}
    assert got == {"Tuesday morning": ("time", "2025-10-07TMO"), "the day": ("date", "2025-10-07")}


def test_a_deadline_lies_ahead_even_in_a_past_sentence() -> None:
    pub = D(1989, 10, 30)
    assert resolve("The offer was extended to Nov. 16.", pub, "Nov. 16")[0] == D(1989, 11, 16)
    assert resolve("The dividend is payable Jan. 3.", pub, "Jan. 3")[0] == D(1990, 1, 3)
    assert resolve("The offer expired Oct. 3.", pub, "Oct. 3")[0] == D(1989, 10, 3)  # past, not a deadline


def test_adjectives_are_not_sets() -> None:
    assert timex("Magna cut its quarterly dividend.", SEED_PUB) == {}
    text = "Magna cut its quarterly dividend."
    spans = [(text.index("quarterly"), text.index(" dividend"))]  # spaCy's DATE span ends at the word
    assert timex(text, SEED_PUB, date_spans=spans) == {}
    assert timex("Profits doubled annually.", SEED_PUB) == {"annually": ("set", "P1Y")}


def test_plans_made_in_the_past_and_fractions() -> None:
    pub = D(1989, 10, 30)  # a Monday
    assert resolve("It had been due to expire Friday evening.", pub, "Friday evening")[0] == D(1989, 10, 27)
    assert resolve("The offensive began as previously planned Saturday night.", pub, "Saturday night")[0] == D(
        1989, 10, 28)
    assert resolve("The vote is scheduled for Friday.", pub, "Friday")[0] == D(1989, 11, 3)
    assert timex("About three-quarters of the votes were counted.", pub) == {}


def test_the_same_period_a_year_ago_follows_the_unit_named() -> None:
    got = timex("Sales fell 35% in January, compared to the same month a year ago.", D(2009, 2, 3))
    assert got["the same month a year ago"] == ("date", "2008-01")
    got = timex("Sales rose 43% in February compared to the same period last year.", D(2010, 3, 3))
    assert got["the same period last year"] == ("date", "2009-02")
    got = timex("Profit rose in the third quarter; the corresponding period last year had a loss.", D(1989, 11, 1))
    assert got["the corresponding period last year"] == ("date", "1988-Q3")
    # nothing named before it: no guess
    assert "the same month a year ago" not in timex("Sales fell from the same month a year ago.", D(2009, 2, 3))
    assert timex("The same time last year it was cold.", D(2009, 2, 3)) == {}


def test_the_full_year_is_the_year_of_the_period_named() -> None:
    got = timex("GM lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the entire year.",
                D(2006, 1, 27))
    assert got["the entire year"] == ("date", "2005")
    assert timex("It expects a profit for the full year.", D(1989, 11, 2))["the full year"] == ("date", "1989")


def test_late_in_the_day_is_the_day_the_text_is_about() -> None:
    got = timex("Stocks fell yesterday. The index rebounded late in the day after falling 250 points.",
                D(2007, 8, 10))
    assert got["late in the day"] == ("date", "2007-08-09")


def test_a_clock_time_takes_the_day_named_before_it_in_its_sentence() -> None:
    got = timex("The jet made its first flight Tuesday in Everett at 18:00 UTC. It landed at 3 p.m.", D(2009, 12, 16))
    assert got["18:00 UTC"] == ("time", "2009-12-15T18:00")
    assert got["3 p.m."] == ("time", "2009-12-16T15:00")  # another sentence: the publication day


def test_fiscal_periods_carry_their_label_but_no_calendar_interval() -> None:
    pub = D(1989, 10, 26)
    for text, expr, value in [("Profit in fiscal 1989 rose.", "fiscal 1989", "1989"),
                              ("Net fell in the fiscal first quarter ended Sept. 30.", "the fiscal first quarter",
                               "1989-Q1"),
                              ("It expects a loss for the current fiscal year.", "the current fiscal year", "1989"),
                              ("Sales rose in the latest fiscal year.", "the latest fiscal year", "1988"),
                              ("Revenue for FY2024 was flat.", "FY2024", "2024")]:
        m = one(text, pub, expr)
        assert (m.type, m.value, m.start, m.end) == ("date", value, None, None), text
    assert timex("Fiscal policy is tight.", pub) == {}


def test_ages_are_not_durations() -> None:
    pub = D(1989, 10, 26)
    assert timex("Mr. Reupke, 52 years old, resigned.", pub) == {}
    assert timex("The 136-year-old firm and an 8-month-old girl.", pub) == {}
    assert timex("He worked there 52 years.", pub) == {"52 years": ("duration", "P52Y")}


def test_a_future_clause_about_a_quarter_just_ended_means_that_quarter() -> None:
    pub = D(1989, 10, 27)
    assert timex("It expects to report a profit for the third quarter.", pub)["the third quarter"] == (
        "date", "1989-Q3")
    assert timex("It expects to report a profit for the first quarter.", pub)["the first quarter"] == (
        "date", "1990-Q1")


def test_the_latest_quarter_is_one_that_is_over() -> None:
    text = "It expects a loss in the fourth quarter. Net rose 5% in the latest quarter."
    assert timex(text, D(1989, 11, 2))["the latest quarter"] == ("date", "1989-Q3")


def test_adjectives_ending_in_ed_are_not_past_tense() -> None:
    pub = D(1989, 10, 27)
    assert resolve("It said it will redeem 9.5 million Series H preferred shares on Oct. 31.", pub, "Oct. 31")[0] == \
        D(1989, 10, 31)
    assert resolve("The split would be paid on a still unspecified date in January.", pub, "January")[0] == \
        D(1990, 1, 1)


def test_halves_centuries_and_spelled_decades() -> None:
    pub = D(1998, 10, 26)
    m = one("Sales rose in the first half of 1998.", pub, "the first half of 1998")
    assert (m.value, m.start, m.end) == ("1998-H1", D(1998, 1, 1), D(1998, 6, 30))
    assert timex("It will improve in the second half of this year.", pub)["the second half of this year"] == (
        "date", "1998-H2")
    assert timex("the greatest war of the 20th century", pub)["the 20th century"] == ("date", "19")
    assert timex("a church built in the eleventh century", pub)["the eleventh century"] == ("date", "10")
    assert timex("Shares of 20th Century Fox rose.", pub) == {}
    assert timex("Prices soared in the nineties.", pub)["nineties"] == ("date", "199")
    assert timex("She is in her forties.", pub) == {}


def test_arrangements_in_the_present_progressive_lie_ahead() -> None:
    pub = D(1998, 5, 1)  # a Friday
    assert resolve("Netanyahu is meeting Albright on Monday.", pub, "Monday")[0] == D(1998, 5, 4)
    assert resolve("Netanyahu met Albright on Monday.", pub, "Monday")[0] == D(1998, 4, 27)
    # an ongoing state is not an arrangement
    text = "It is continuing to sell itself under a June agreement."
    spans = [(text.index("June"), text.index("June") + 4)]  # spaCy's DATE span: a bare month needs one
    assert one(text, D(1989, 10, 27), "June", date_spans=spans).start == D(1989, 6, 1)


def test_the_present_perfect_is_past() -> None:
    text = "Oil prices have come down from the middle of October to the levels we're seeing today."
    assert resolve(text, D(1998, 2, 23), "the middle of October")[0] == D(1997, 10, 1)


def test_the_following_and_previous_unit_count_from_the_unit_named() -> None:
    pub = D(1998, 4, 18)
    got = timex("He was arrested on March 3. He died the next day. Police came the following week.", pub)
    assert got["the next day"] == ("date", "1998-03-04") and got["the following week"] == ("date", "1998-W11")
    assert timex("It was founded in 1995 and listed the following year.", pub)["the following year"] == (
        "date", "1996")
    assert timex("Talks failed on Monday. They had met the day before, and agreed.", pub)["the day before"] == (
        "date", "1998-04-12")
    assert timex("Sales rose in the previous year.", pub)["the previous year"] == ("date", "1997")  # no year named



def test_a_streak_or_record_ending_with_the_story_is_its_period() -> None:
    assert timex("US stocks log gains for fourth week in a row", D(2009, 4, 4))["fourth week"] == ("date", "2009-W14")
    got = timex("US stock markets have their best week since November", D(2009, 3, 13))
    assert got["best week"] == ("date", "2009-W11")
    assert timex("Stocks fell for a third straight day.", D(2009, 4, 2))["third straight day"] == (
        "date", "2009-04-02")
    assert timex("It was the third consecutive month that jobs grew.", D(2009, 4, 4)) == {}


def test_a_season_after_a_possessive_in_a_spacy_span() -> None:
    text = "The IMF and the World Bank held their Autumn meetings."
    spans = [(text.index("Autumn"), text.index("Autumn") + 6)]
    assert timex(text, D(2008, 10, 13), date_spans=spans)["Autumn"] == ("date", "2008-FA")
    text = "It is cold in winter."
    assert timex(text, D(2008, 10, 13), date_spans=[(text.index("winter"), text.index("winter") + 6)]) == {}


def test_a_date_about_to_come_beats_one_a_year_back_in_a_past_sentence() -> None:
    pub = D(1989, 10, 30)
    assert resolve("It said it would extend its bid, due to expire last Thursday, to Nov. 6.", pub, "Nov. 6")[0] == D(
        1989, 11, 6)
    assert resolve("The plant closed on Oct. 3.", pub, "Oct. 3")[0] == D(1989, 10, 3)  # the past is near too
    assert resolve("The plant closed on Nov. 26.", pub, "Nov. 26")[0] == D(1988, 11, 26)  # not within two weeks


def test_a_week_or_so_ago() -> None:
    pub = D(1998, 3, 3)
    assert timex("Then, a week or so ago, the general left.", pub)["a week or so ago"] == ("date", "1998-02-24")


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("It took 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("It lasted a minute and a half.", "a minute and a half", "PT1M30S"),
        ("It lasted one and a half days.", "one and a half days", "P1DT12H"),
        ("Shares fell for eight trading days.", "eight trading days", "P8D"),
        ("Over the next couple of years, output will grow.", "the next couple of years", "P2Y"),
    ],
)
def test_halves_working_days_and_couples_in_durations(text: str, expr: str, value: str) -> None:
    assert timex(text, SEED_PUB)[expr] == ("duration", value)


def test_reporting_years_and_year_end() -> None:
    pub = D(1989, 10, 30)
    got = timex("For the year ended Sept. 30, it earned more. Third-quarter profit rose. Sales will rise by year-end.",
                pub)
    assert got["the year"] == ("duration", "P1Y") and got["Sept. 30"] == ("date", "1989-09-30")
    assert got["Third-quarter"] == ("date", "1989-Q3") and got["year-end"] == ("date", "1989")
    got = timex("At year-end 1988 it had debt. It had cash at year end.", D(1990, 2, 3))
    assert got["year-end 1988"] == ("date", "1988") and got["year end"] == ("date", "1989")  # past, in February


def test_timetables_in_the_present_simple_lie_ahead_and_relative_centuries() -> None:
    pub = D(1998, 2, 13)  # a Friday
    assert resolve("The law takes effect Jan. 1.", pub, "Jan. 1")[0] == D(1999, 1, 1)
    assert resolve("The council meets Tuesday.", pub, "Tuesday")[0] == D(1998, 2, 17)
    assert resolve("He meets with aides Tuesday.", pub, "Tuesday")[0] == D(1998, 2, 10)  # not a timetable
    got = timex("By the end of this century output will double, and again in the next century.", pub)
    assert got["this century"] == ("date", "19") and got["the next century"] == ("date", "20")
    assert "the past century" not in timex("Prices rose over the past century.", pub)


def test_the_same_period_after_a_half_is_that_half() -> None:
    got = timex("The floods began in June. In the first half of this year, exports grew 10 percent over the same "
                "period last year.", D(1998, 8, 8))
    assert got["the same period last year"] == ("date", "1997-H1")


def test_soon_and_the_weeks_ahead() -> None:
    got = timex("Talks will resume soon. Soon after the attack, police came. Do it as soon as possible. "
                "In the weeks ahead, prices will rise.", SEED_PUB)
    assert got == {"soon": ("date", "FUTURE_REF"), "the weeks ahead": ("duration", "PXW")}


def test_years_spelled_out_as_transcripts_write_them() -> None:
    got = timex("In nineteen ninety-six, sales rose. January nineteen ninety-seven was cold. By the year two "
                "thousand, two thousand people had come. He paid twenty dollars.", D(1998, 2, 27))
    assert got == {"nineteen ninety-six": ("date", "1996"), "January nineteen ninety-seven": ("date", "1997-01"),
                   "two thousand": ("date", "2000")}


def test_a_year_before_a_quarter_names_that_years_quarter() -> None:
    pub = D(1989, 10, 30)
    got = timex("In the 1988 third quarter, it lost money. Profit rose in the third quarter from $2 million in "
                "the 1988 quarter. It took three years and 2 months.", pub)
    assert got == {"the 1988 third quarter": ("date", "1988-Q3"), "the third quarter": ("date", "1989-Q3"),
                   "the 1988 quarter": ("date", "1988-Q3"), "three years": ("duration", "P3Y"),
                   "2 months": ("duration", "P2M")}  # was '988 quarter' P988Q: a count inside a year
    assert timex("It earned less in the 1988 quarter.", pub) == {"the 1988 quarter": ("date", "1988")}


def test_mid_morning_and_afternoon_are_parts_of_the_day() -> None:
    got = timex("In London at mid-afternoon yesterday, shares rose. By mid afternoon, it was over. "
                "They met at noon Thursday.", D(1989, 11, 2))
    assert got == {"mid-afternoon yesterday": ("time", "1989-11-01TAF"), "mid afternoon": ("time", "1989-11-02TAF"),
                   "noon Thursday": ("time", "1989-11-02T12:00")}  # was 'noon yesterday' inside 'afternoon'


def test_the_near_term_and_a_later_date_lie_ahead() -> None:
    got = timex("In the near term, prices will rise. We will decide at a later date. Nobody knows the near future. "
                "In the short term interest rates fell. It is a long-term plan.", D(1989, 10, 30))
    assert got == {"the near term": ("date", "FUTURE_REF"), "a later date": ("date", "FUTURE_REF"),
                   "the near future": ("date", "FUTURE_REF")}


def test_that_year_is_the_year_named_before_it() -> None:
    got = timex("Imports totaled $37 million in 1988, a small share of the $1.5 billion that year. He arrived in "
                "March 1987. Later that month he left.", D(1989, 11, 2))
    assert got == {"1988": ("date", "1988"), "that year": ("date", "1988"), "March 1987": ("date", "1987-03"),
                   "that month": ("date", "1987-03")}
    assert timex("It happened that year. He said that year-end results were good.", D(1989, 11, 2)) == {
        "year-end": ("date", "1989")}  # nothing named before it: no year


def test_a_season_of_a_spelled_year_and_one_day_ahead() -> None:
    pub = D(1998, 3, 3)
    assert timex("It was cold in the winter of nineteen ninety-four.", pub) == {
        "winter of nineteen ninety-four": ("date", "1994-WI")}
    mentions = find_dates("Islam will one day be the largest religion. The trial will take one day.", pub)
    assert [(m.text, m.type, m.value) for m in mentions] == [
        ("one day", "date", "FUTURE_REF"), ("one day", "duration", "P1D")]
