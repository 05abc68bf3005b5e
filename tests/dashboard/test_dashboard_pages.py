"""Every page under AppTest: renders, shows the fixture's numbers, honours filters and URLs, resists injection."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from dashboard_fixture import (
    APP,
    HOSTILE,
    MERGED_AWAY,
    N_ACTORS,
    N_ARTICLES,
    N_DATE_MENTIONS,
    N_TIMELINE_MENTIONS,
    N_QUOTES,
    N_REJECTS,
    N_SOURCES,
    N_STORIES,
    SCHOLZ,
    SEED,
    STORY,
    XSS_AUTHOR,
    XSS_TITLE,
    FixtureDb,
)
from streamlit.testing.v1 import AppTest

import data

PAGES = ["overview", "actors", "topics", "trends", "stories", "dates", "articles", "export", "quality"]
TITLES = {"overview": "Overview", "actors": "Actors", "topics": "Topics", "trends": "Trends", "stories": "Stories",
          "dates": "Dates", "articles": "Articles", "export": "Export", "quality": "Data quality"}
INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE articles; --", "x%' OR title ILIKE '%", "\\'; SELECT 1; --"]


def open_page(page: str, /, clean: bool = True, **query_params: str | list[str]) -> AppTest:
    """Load the app at /<page>?<query_params>, as a browser opening a shared link would."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(query_params)
    if page != "overview":
        at.switch_page(f"views/{page}.py")
    at.run()
    if clean:
        assert_clean(at)
    else:
        assert not at.exception, [e.value for e in at.exception]
    return at


def url(at: AppTest, key: str) -> list[str]:
    """A query parameter of the page's URL as a list (one value or a repeated parameter)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def chips(at: AppTest) -> dict[str, str]:
    """The removable filter chips above the page: button key -> label as drawn (markdown escapes removed)."""
    return {b.key: b.label.replace("\\", "") for b in at.button if (b.key or "").startswith("chip_")}


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert not at.warning, [w.value for w in at.warning]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The data of the table ui.table rendered under `key`."""
    return at.get_by_key(key).dataframe[0].value  # type: ignore[union-attr,no-any-return]


def texts(at: AppTest) -> str:
    return "\n".join(t.value for t in at.text)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app_env: FixtureDb, page: str) -> None:
    at = open_page(page)
    assert at.title[0].value == TITLES[page]
    # The sidebar filters are on every page.
    assert {s.key for s in at.sidebar.selectbox} == {"actor", "topic", "source"}
    assert at.sidebar.date_input(key="published") is not None


def test_no_data_yet_is_a_friendly_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "newsdesk.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert "No data yet" in at.info[0].value and "newsdesk ingest seeds/" in at.info[0].value
    assert str(tmp_path / "newsdesk.lake") in at.code[0].value


def test_overview_counts(app_env: FixtureDb) -> None:
    at = open_page("overview")
    assert metrics(at) == {
        "Articles": str(N_ARTICLES),
        "Stories": str(N_STORIES),
        "Actors": str(N_ACTORS),
        "Quotes": str(N_QUOTES),
        "Sources": str(N_SOURCES),
        "Topics": "5",
        "Dates mentioned": str(N_DATE_MENTIONS),
    }
    loads = table(at, "loads_table")
    assert list(loads["load_id"]) == ["load-2", "load-1"]
    assert list(loads["n_landed"]) == [3, 3] and list(loads["n_rejected"]) == [2, 1]
    assert loads["seconds"].tolist() == [65.0, 42.0]
    top = table(at, "overview_actors")
    assert top.iloc[0].to_dict() == {"name": "Ukraine", "type": "country", "articles": 3, "mentions": 6}
    stories = table(at, "overview_stories")
    assert stories[["articles", "outlets", "independent_sources", "wire_agencies"]].iloc[0].to_dict() == {
        "articles": 3, "outlets": 2, "independent_sources": 2, "wire_agencies": "AP"}


def test_changing_a_filter_changes_the_counts(app_env: FixtureDb) -> None:
    at = open_page("overview")
    at.sidebar.selectbox(key="source").set_value("NationPress").run()
    assert_clean(at)
    assert metrics(at)["Articles"] == "2"
    at.sidebar.selectbox(key="actor").set_value("person:donald-trump").run()
    assert metrics(at)["Articles"] == "1"  # NationPress AND Trump: the seed story only
    at.sidebar.selectbox(key="source").set_value(None).run()
    assert metrics(at)["Articles"] == "2"
    at.sidebar.date_input(key="published").set_value((pd.Timestamp("2025-10-13").date(),
                                                      pd.Timestamp("2025-10-15").date())).run()
    assert metrics(at)["Articles"] == "1"


def test_filters_are_read_from_the_url(app_env: FixtureDb) -> None:
    # The URL holds the actor's id and the topic's code; dates are ISO, a range is a repeated parameter.
    at = open_page("overview", actor="person:volodymyr-zelensky", published=["2025-10-12", "2025-10-14"])
    assert at.sidebar.selectbox(key="actor").value == "person:volodymyr-zelensky"
    assert metrics(at)["Articles"] == "2"
    assert url(at, "actor") == ["person:volodymyr-zelensky"]
    assert url(at, "published") == ["2025-10-12", "2025-10-14"]
    # A range reaching past the data (a link shared before newer loads) is kept, not dropped.
    at = open_page("overview", published=["2025-10-13", "2025-12-31"])
    assert metrics(at)["Articles"] == "3"
    # An older link naming the topic by its label still works, and is rewritten to the code.
    at = open_page("overview", topic="sport")
    assert metrics(at)["Articles"] == "1"
    assert url(at, "topic") == ["medtop:15000000"]
    at = open_page("overview", source="Wire Daily")
    assert metrics(at)["Articles"] == "1"


def test_a_linked_range_before_streamlits_ten_year_window_is_kept(app_env: FixtureDb) -> None:
    at = open_page("overview", published=["2001-01-01", "2025-10-13"])
    assert at.sidebar.date_input(key="published").value == (pd.Timestamp("2001-01-01").date(),
                                                              pd.Timestamp("2025-10-13").date())
    assert metrics(at)["Articles"] == "3"
    assert chips(at) == {"chip_dates": "Published 2001-01-01 – 2025-10-13"}


def test_date_picker_bounds_come_from_the_data(app_env: FixtureDb) -> None:
    at = open_page("overview")
    proto = at.sidebar.date_input(key="published").proto
    assert (proto.min, proto.max) == ("2025-10-01", "2025-10-15")  # first and last publication day


def test_every_active_filter_is_a_removable_chip_on_every_page(app_env: FixtureDb) -> None:
    for page in PAGES:
        at = open_page(page, actor="person:donald-trump", topic="medtop:20000639", source="NationPress",
                       published=["2025-10-01", "2025-10-31"])
        assert chips(at) == {
            "chip_dates": "Published 2025-10-01 – 2025-10-31",
            "chip_actor": "Actor: Donald Trump (person)",
            "chip_topic": "Topic: diplomacy",
            "chip_source": "Source: NationPress",
            "chip_clear_all": "Clear all",
        }, page
    at = open_page("overview", actor="person:donald-trump", source="NationPress")
    assert metrics(at)["Articles"] == "1"
    at.button(key="chip_source").click().run()
    assert_clean(at)
    assert metrics(at)["Articles"] == "2" and "source" not in at.query_params
    assert set(chips(at)) == {"chip_actor"}
    at.button(key="chip_actor").click().run()
    assert metrics(at)["Articles"] == str(N_ARTICLES) and chips(at) == {} and "actor" not in at.query_params


@pytest.mark.parametrize("param", ["actor", "topic", "source"])
def test_an_unknown_value_in_the_url_says_so(app_env: FixtureDb, param: str) -> None:
    at = open_page("overview", clean=False, **{param: "no-such-thing"})
    assert any("no\\-such\\-thing" in w.value and "removed" in w.value for w in at.warning), at.warning
    assert param not in at.query_params and chips(at) == {}
    # The message stays while the viewer works on, until dismissed.
    at.sidebar.selectbox(key="source").set_value("NationPress").run()
    assert len(at.warning) == 1
    at.button(key="dismiss_notices").click().run()
    assert_clean(at)


def test_minimum_actor_confidence_from_the_url_is_a_chip_and_a_bad_one_says_so(app_env: FixtureDb) -> None:
    at = open_page("overview", min_confidence="0.8")
    assert chips(at) == {"chip_confidence": "Actor confidence ≥ 0.80"}
    assert metrics(at)["Actors"] == str(N_ACTORS - 1) and metrics(at)["Articles"] == str(N_ARTICLES)
    assert at.sidebar.slider(key="min_confidence").value == 0.8
    at.button(key="chip_confidence").click().run()
    assert_clean(at)
    assert metrics(at)["Actors"] == str(N_ACTORS) and "min_confidence" not in at.query_params and chips(at) == {}
    for bad in ("high", "1.5", "-0.2", "nan"):
        at = open_page("overview", clean=False, min_confidence=bad)
        assert any("from 0 to 1" in w.value for w in at.warning), (bad, at.warning)
        assert "min_confidence" not in at.query_params and chips(at) == {}
        assert metrics(at)["Actors"] == str(N_ACTORS)


def test_an_actor_id_merged_away_names_the_actor_it_became(app_env: FixtureDb) -> None:
    at = open_page("overview", clean=False, actor=MERGED_AWAY)
    assert any("merged into" in i.value for i in at.info)
    assert at.sidebar.selectbox(key="actor").value == "person:volodymyr-zelensky"
    assert metrics(at)["Articles"] == "2"


def test_a_bad_date_in_the_url_says_so(app_env: FixtureDb) -> None:
    at = open_page("overview", clean=False, published=["2025-13-45"])
    assert any("is not a date" in w.value for w in at.warning)
    assert metrics(at)["Articles"] == str(N_ARTICLES) and "published" not in at.query_params


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_through_url_filters_is_reported_and_not_applied(app_env: FixtureDb, evil: str) -> None:
    # A value the database does not know is looked up as a bound parameter, reported, and dropped.
    at = open_page("overview", clean=False, actor=evil, topic=evil, source=evil, published=[evil, evil])
    assert at.sidebar.selectbox(key="actor").value is None
    assert metrics(at)["Articles"] == str(N_ARTICLES)
    assert len(at.warning) == 4


def test_actors_page(app_env: FixtureDb) -> None:
    at = open_page("actors")
    top = table(at, "actors_table")
    assert len(top) == N_ACTORS
    assert top.iloc[0][["name", "articles", "mentions"]].tolist() == ["Ukraine", 3, 6]
    assert XSS_AUTHOR in set(top["name"])  # hostile names are data, shown as text

    at.selectbox(key="focus").set_value("person:volodymyr-zelensky").run()
    assert_clean(at)
    assert url(at, "focus") == ["person:volodymyr-zelensky"]  # the id, not a label
    assert metrics(at)["Articles (all time)"] == "2"
    assert table(at, "roles_table").to_dict("records") == [{"role": "President", "articles": 1}]
    assert table(at, "roles_written_table").to_dict("records") == [{"role_written": "Ukrainian President",
                                                                     "articles": 1}]
    assert "Zelensky, Volodymyr Zelensky, Wolodymyr Selenskyj, Selenskyj" in texts(at)
    partners = table(at, "partners_table").set_index("partner")["shared_articles"].to_dict()
    assert partners["Ukraine"] == 2  # seed + energy story
    assert partners["Donald Trump"] == 1 and partners["Sergei Lavrov"] == 1 and "Xinhua" in partners
    assert set(table(at, "actor_articles_table")["article_id"]) == {SEED, "a-energy"}
    assert table(at, "actor_topics_table").set_index("label")["articles"].to_dict() == {
        "conflict, war and peace": 2, "energy and resource": 2, "diplomacy": 1}


@pytest.mark.parametrize(("typed", "expected"), [("Scholz", SCHOLZ), ("scholz", SCHOLZ),
                                                 ("Selenskyj", "person:volodymyr-zelensky"),
                                                 ("Zelenskyy", "person:volodymyr-zelensky"),  # merged-away alias
                                                 ("ukrai", "country:UA")])
def test_actor_search_finds_every_actor_by_any_name_or_alias(app_env: FixtureDb, typed: str, expected: str) -> None:
    at = open_page("actors", actor_q=typed)
    found = table(at, "actor_search_table")
    assert found["actor_id"].iloc[0] == expected
    # The best match is profiled straight away, and a row click or the picker changes it.
    assert at.selectbox(key="focus").value == expected


def test_scholz_finds_the_person_before_the_institute_and_the_sidebar_can_filter_by_him(app_env: FixtureDb) -> None:
    at = open_page("actors", actor_q="Scholz")
    assert table(at, "actor_search_table")["name"].tolist() == ["Olaf Scholz", "Scholz Institute of Technology"]
    assert metrics(at)["Articles (all time)"] == "0"  # in no article yet: still found, not hidden by a top-N list
    at.sidebar.text_input(key="actor_find").input("Selenskyj").run()
    assert at.sidebar.selectbox(key="actor").options == ["Volodymyr Zelensky (person) — “Selenskyj”"]
    at.sidebar.selectbox(key="actor").set_value("person:volodymyr-zelensky").run()
    assert_clean(at)
    assert url(at, "actor") == ["person:volodymyr-zelensky"]
    assert chips(at)["chip_actor"] == "Actor: Volodymyr Zelensky (person)"


def test_actor_quotes_are_searchable(app_env: FixtureDb) -> None:
    at = open_page("actors", focus="person:volodymyr-zelensky")
    assert len(table(at, "actor_quotes_table")) == 2
    at.text_input(key="quote_q").input("halt conflict").run()
    assert_clean(at)
    assert table(at, "actor_quotes_table")["quote"].tolist() == [
        "If we can halt conflict in one area, surely, we can cease other conflicts as well"]
    at.text_input(key="quote_q").input("' OR 1=1 --").run()
    assert any("No quotation attributed to this actor matches" in i.value for i in at.info)


def test_unknown_profile_actor_id_says_so(app_env: FixtureDb) -> None:
    at = open_page("actors", clean=False, focus="person:nobody-at-all")
    assert any("person\\:nobody\\-at\\-all" in w.value and "not in the database" in w.value for w in at.warning)
    with pytest.raises(KeyError):
        table(at, "partners_table")
    at = open_page("actors", clean=False, focus=MERGED_AWAY)
    assert any("merged into" in i.value for i in at.info)
    assert at.selectbox(key="focus").value == "person:volodymyr-zelensky"
    assert url(at, "focus") == ["person:volodymyr-zelensky"]


def test_actors_page_type_filter_and_focus_from_url(app_env: FixtureDb) -> None:
    at = open_page("actors", actor_type="person", focus="person:donald-trump")
    top = table(at, "actors_table")
    assert set(top["type"]) == {"person"} and len(top) == 4
    assert at.selectbox(key="focus").value == "person:donald-trump"
    partners = table(at, "partners_table").set_index("partner")["shared_articles"].to_dict()
    assert partners["Sergei Lavrov"] == 2 and partners["Russia"] == 2
    # A threshold on shared articles keeps the strongest ties only.
    at.slider(key="partners_min").set_value(2).run()
    assert set(table(at, "partners_table")["partner"]) == {"Sergei Lavrov", "Russia"}


def test_actors_page_follows_the_sidebar_actor(app_env: FixtureDb) -> None:
    at = open_page("actors", actor="person:sergei-lavrov")
    assert at.selectbox(key="focus").value == "person:sergei-lavrov"
    assert table(at, "roles_table")["role"].tolist() == ["Foreign Minister"]
    # Only the two articles that mention Lavrov count.
    assert table(at, "actors_table").set_index("name").loc["Russia", "articles"] == 2


def test_topics_page(app_env: FixtureDb) -> None:
    at = open_page("topics")
    top = table(at, "topics_table").set_index("label")["articles"].to_dict()
    assert top == {"energy and resource": 3, "conflict, war and peace": 2, "diplomacy": 2,
                   "politics and government": 2, "sport": 1}
    at = open_page("topics", published=["2025-10-13", "2025-10-15"])
    top = table(at, "topics_table").set_index("label")["articles"].to_dict()
    assert top == {"politics and government": 2, "diplomacy": 1, "energy and resource": 1,
                   "conflict, war and peace": 1}


def test_dates_page(app_env: FixtureDb) -> None:
    at = open_page("dates")
    # the timeline holds calendar events only: not the duration, not the dateline's own date
    assert metrics(at)["Date mentions"] == str(N_TIMELINE_MENTIONS)
    events = table(at, "events_table")
    assert len(events) == N_TIMELINE_MENTIONS and "three years" not in set(events["date_text"])
    sept = events[events["date_text"] == "September 27"].iloc[0]
    assert pd.Timestamp(sept["start_date"]).date().isoformat() == "2025-09-27"
    assert "Volodymyr Zelensky" in sept["actors"] and "Sergei Lavrov" in sept["actors"]
    week = events[events["granularity"] == "week"].iloc[0]
    assert (pd.Timestamp(week["start_date"]).day, pd.Timestamp(week["end_date"]).day) == (6, 12)


def test_dates_page_event_window_and_granularity(app_env: FixtureDb) -> None:
    at = open_page("dates", events=["2025-10-10", "2025-10-11"])
    # Friday, Saturday, and the week range that overlaps them.
    assert sorted(table(at, "events_table")["date_text"]) == ["Earlier this week", "On Friday", "Saturday"]
    at = open_page("dates", granularity="week")
    assert table(at, "events_table")["date_text"].tolist() == ["Earlier this week"]


def test_articles_list_and_pagination(app_env: FixtureDb) -> None:
    at = open_page("articles")
    rows = table(at, "articles_table")
    assert len(rows) == N_ARTICLES
    assert rows["article_id"].iloc[0] == HOSTILE  # newest first; the undated article last
    assert rows["article_id"].iloc[-1] == "a-undated"
    at = open_page("articles", size="10", sort="Title (A-Z)")
    assert table(at, "articles_table")["title"].tolist()[0] == XSS_TITLE  # "<" sorts before letters


def test_articles_page_size_and_page_from_url(app_env: FixtureDb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.PAGE_SIZES", (2, 10, 25))
    at = open_page("articles", size="2", page="3")
    rows = table(at, "articles_table")
    assert len(rows) == 2 and rows["article_id"].tolist()[-1] == "a-undated"
    assert any("Page 3 of 3" in c.value for c in at.caption)


def test_full_text_search(app_env: FixtureDb) -> None:
    at = open_page("articles", q="Trump")
    assert set(table(at, "articles_table")["article_id"]) == {SEED, "a-trump-lavrov"}
    at.text_input(key="q").input("marathon").run()
    assert_clean(at)
    assert table(at, "articles_table")["article_id"].tolist() == ["a-sport"]


def test_search_results_show_where_they_match(app_env: FixtureDb) -> None:
    at = open_page("articles", q="restored")
    found = table(at, "articles_table").set_index("article_id")["snippet"].to_dict()
    # The seed's text has the word 300 characters in: the snippet starts before it, elided, and marks it.
    assert set(found) == {SEED, "a-energy"}
    assert found[SEED].startswith("…") and "Power was «restored» on Saturday" in found[SEED]
    assert found["a-energy"].startswith("Ukraine «restored» power to Kyiv.")
    # Prefixes mark the whole word; case and accents fold as the search folds them.
    at.text_input(key="q").input("ENGIN*").run()
    assert_clean(at)
    assert "Zelensky thanked «engineers»." in table(at, "articles_table")["snippet"].iloc[0]


def test_marked_words_fold_like_the_search() -> None:
    import ui

    assert ui.mark_words("Wolodymyr Selenskyj’s aide", ["selenskyj"]) == "Wolodymyr «Selenskyj»’s aide"
    assert ui.mark_words("Šefčovič met Straße officials", ["sefcovic", "strasse"]) == \
        "«Šefčovič» met «Straße» officials"
    assert ui.mark_words("trumpet and Trump", ["trump"]) == "trumpet and «Trump»"
    assert ui.mark_words("trumpet and Trump", ["trump"], [True]) == "«trumpet» and «Trump»"


def test_title_search_without_index(app_env_no_fts: FixtureDb) -> None:
    at = open_page("articles", q="zelensky")
    assert table(at, "articles_table")["article_id"].tolist() == [SEED]
    at = open_page("articles", q="%")
    assert any("No articles match" in i.value for i in at.info)


@pytest.mark.parametrize("fts", [True, False])
@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_in_search_returns_nothing(request: pytest.FixtureRequest, fts: bool, evil: str) -> None:
    request.getfixturevalue("app_env" if fts else "app_env_no_fts")
    at = open_page("articles", q=evil)
    assert any("No articles match" in i.value for i in at.info)
    with pytest.raises(KeyError):
        at.get_by_key("articles_table")
    # Nothing was harmed.
    assert int(data.query("articles_count", start=None, end=None, actor=None, topic=None, source=None,
                          pattern=None).iloc[0]["total"]) == N_ARTICLES


def test_article_view_from_url(app_env: FixtureDb) -> None:
    at = open_page("articles", article=SEED)
    assert at.title[0].value.startswith("Did Zelensky and Trump")
    meta = table(at, "article_meta").set_index("field")["value"].to_dict()
    assert meta["Source"] == "NationPress" and meta["Dateline"] == "Kyiv · NationPress"
    # The text with what was found highlighted: actors as written, dates, quotations; everything else escaped.
    body = at.get_by_key("article_text").markdown[0].value
    for marked in (":blue-background[Volodymyr Zelensky]", ":blue-background[Xinhua]",
                   ":orange-background[September 27]", ":orange-background[Earlier this week]",
                   ":green-background[I briefed President Trump on the recent assaults by Russia on our energy "
                   "infrastructure]"):
        assert marked in body, marked
    assert ":blue-background[Kyiv], :orange-background[Oct 12] \\(NationPress\\)" in body  # Kyiv: Ukraine's alias
    assert body.count("\n\n") >= 4  # paragraphs kept
    at.toggle(key="highlight").set_value(False).run()
    assert "Kyiv, Oct 12 (NationPress)" in texts(at)  # plain, verbatim
    assert set(table(at, "article_actors")["name"]) >= {"Volodymyr Zelensky", "Donald Trump", "Sergei Lavrov",
                                                        "Xinhua", "UN General Assembly"}
    dates = table(at, "article_dates")
    # every time expression of the article, durations (no calendar range) and the dateline's date included
    assert dates["date_text"].tolist() == ["Earlier this week", "September 27", "On Friday", "Saturday",
                                           "three years", "Oct 12"]
    dur = dates[dates["date_text"] == "three years"].iloc[0]
    assert (dur["date_type"], dur["date_value"]) == ("duration", "P3Y") and pd.isna(dur["start_date"])
    assert table(at, "article_topics")["label"].tolist()[0] == "conflict, war and peace"
    assert set(table(at, "article_quotes")["speaker"]) == {"Volodymyr Zelensky"}
    assert len(table(at, "article_quotes")) == 2


def test_article_view_escapes_scraped_text(app_env: FixtureDb) -> None:
    at = open_page("articles", article=HOSTILE)
    title = at.title[0].value
    # The markdown source is fully escaped: no raw "<" or "(" left for a renderer to act on.
    assert "<" not in title.replace("\\<", "") and "\\<script\\>" in title
    assert XSS_AUTHOR in table(at, "article_meta").set_index("field").loc["Authors", "value"]
    body = at.get_by_key("article_text").markdown[0].value  # highlighted: the quote and the date are marked
    assert ":green-background[\\<svg onload\\=alert\\(3\\)\\>]" in body
    assert "<" not in body.replace("\\<", "") and "(" not in body.replace("\\(", "")
    at.toggle(key="highlight").set_value(False).run()
    assert "[x](javascript:alert(1))" in texts(at)  # body shown by st.text, verbatim


def test_opening_and_closing_an_article(app_env: FixtureDb) -> None:
    at = open_page("articles")
    at.selectbox(key="open_pick").set_value("a-energy").run()
    assert_clean(at)
    assert at.query_params["article"] == "a-energy"  # selected article id kept in the URL
    assert at.title[0].value.startswith("Ukraine restores power")
    at.button[0].click().run()
    assert "article" not in at.query_params
    assert at.title[0].value == "Articles"


def test_unknown_article_id(app_env: FixtureDb) -> None:
    at = open_page("articles", article="' OR 1=1 --")
    assert at.title[0].value == "Article not found"


def test_quality_page(app_env: FixtureDb) -> None:
    at = open_page("quality")
    assert metrics(at) == {"Tables validated": "2", "Failing suites (latest run)": "1",
                           "Quarantined records": str(N_REJECTS)}
    latest = table(at, "validation_table").set_index("table_name")
    assert bool(latest.loc["articles", "success"]) is False and latest.loc["articles", "failed_rows"] == 1
    rejects = table(at, "rejects_table")
    assert len(rejects) == N_REJECTS
    assert "line 17 is not valid JSON" in set(rejects["reason"])
    at = open_page("quality", stage="validate")
    rejects = table(at, "rejects_table")
    assert list(rejects["rules"].iloc[0]) == ["expect_column_values_to_match_regex(url)"]


def test_slow_query_shows_a_friendly_message(app_env: FixtureDb, monkeypatch: pytest.MonkeyPatch) -> None:
    def too_slow(*args: object, **kwargs: object) -> None:
        raise data.QueryTimeout("stopped")

    monkeypatch.setattr(data, "_execute", too_slow)
    data.clear_cache()
    try:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.switch_page("views/topics.py").run()
        assert not at.exception
        assert any("took longer than" in w.value for w in at.warning)
    finally:
        data.clear_cache()


def test_trends_compares_two_actors_in_articles_and_share(app_env: FixtureDb) -> None:
    at = open_page("trends", compare=["person:volodymyr-zelensky", "person:donald-trump"], per="day")
    assert table(at, "trend_totals").set_index("series")["articles"].to_dict() == {"Volodymyr Zelensky": 2,
                                                                                  "Donald Trump": 2}
    points = table(at, "trend_data")
    zel = points[points["series_id"] == "person:volodymyr-zelensky"].set_index("period")
    assert {pd.Timestamp(d).date().isoformat(): n for d, n in zel["articles"].items() if n} == {
        "2025-10-12": 1, "2025-10-14": 1}
    # Days the filtered articles appear on but the actor does not are zeros, and the share is of all those articles.
    assert zel["articles"].min() == 0
    assert (points["share"] == (points["articles"] / points["all_articles"]).round(4)).all()
    at.multiselect(key="compare_actor").set_value(["person:sergei-lavrov"]).run()
    assert_clean(at)
    assert url(at, "compare") == ["person:sergei-lavrov"]


def test_trends_bucket_follows_the_range(app_env: FixtureDb) -> None:
    at = open_page("trends", kind="topic", compare=["medtop:20000256"], published=["2001-01-01", "2025-12-31"])
    periods = {pd.Timestamp(p).date().isoformat() for p in table(at, "trend_data")["period"]}
    assert periods == {"2025-01-01"}  # 25 years: one bar per year
    at = open_page("trends", kind="topic", compare=["medtop:20000256"])
    assert len(table(at, "trend_data")) == 5  # 15 days of articles: per day (the 5 days with dated articles)
    at = open_page("trends", kind="source", compare=["NationPress", "Wire Daily"], per="month")
    assert table(at, "trend_totals").set_index("series")["articles"].to_dict() == {"NationPress": 2,
                                                                                  "Wire Daily": 1}


def test_trends_reports_unknown_ids_and_has_an_empty_state(app_env: FixtureDb) -> None:
    at = open_page("trends", clean=False, compare=["person:volodymyr-zelensky", "person:nobody-at-all"])
    assert any("person\\:nobody\\-at\\-all" in w.value for w in at.warning)
    assert url(at, "compare") == ["person:volodymyr-zelensky"]
    at = open_page("trends", compare=["person:volodymyr-zelensky"], published=["2025-09-01", "2025-09-30"])
    assert any("None of these appears" in i.value for i in at.info)


def test_overview_and_topics_chart_per_bucket(app_env: FixtureDb) -> None:
    at = open_page("overview", per="week")
    assert at.segmented_control(key="_w_per").value == "week"
    at = open_page("topics", per="month")
    assert url(at, "per") == ["month"]


def test_dates_page_opens_around_the_filtered_period_with_plausible_dates_only(app_env: FixtureDb) -> None:
    at = open_page("dates")
    window = at.date_input(key="events").value
    assert [d.isoformat() for d in window] == ["2025-08-31", "2025-11-15"]  # published 10-01..10-15, a month around
    at.date_input(key="events").set_value(()).run()  # every date
    assert_clean(at)
    events = table(at, "events_table")
    assert len(events) == N_TIMELINE_MENTIONS and "1061" not in set(events["date_text"])  # a score, not a year
    at = open_page("dates", published=["2025-10-13", "2025-10-13"])
    assert [d.isoformat() for d in at.date_input(key="events").value] == ["2025-09-12", "2025-11-13"]


def test_stories_page_lists_clusters_and_opens_one(app_env: FixtureDb) -> None:
    at = open_page("stories")
    stories = table(at, "stories_table")
    assert len(stories) == 1
    row = stories.iloc[0]
    assert (row["articles"], row["outlets"], row["independent_sources"]) == (3, 2, 2)
    assert pd.Timestamp(row["first_seen"]).date().isoformat() == "2025-10-12"
    assert pd.Timestamp(row["last_seen"]).date().isoformat() == "2025-10-14"
    at.selectbox(key="story_pick").set_value(STORY[0]).run()
    assert_clean(at)
    assert url(at, "story") == [STORY[0]]
    assert table(at, "story_articles_table")["article_id"].tolist() == [SEED, "a-trump-lavrov", "a-energy"]
    # Any article of the story opens it; an unknown one says so.
    at = open_page("stories", story="a-energy")
    assert len(table(at, "story_articles_table")) == 3
    at = open_page("stories", clean=False, story="no-such-article")
    assert any("not in the database" in w.value for w in at.warning)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_export_returns_every_matching_row_with_ids_and_urls(app_env: FixtureDb, fmt: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("data.MAX_ROWS", 2)  # pages of two rows: the export must read them all
    data.clear_cache()
    try:
        at = open_page("export")
        at.selectbox(key="format").set_value(fmt).run()
        at.selectbox(key="dataset").set_value("export_articles").run()
        at.button(key="export_prepare").click().run()
        assert_clean(at)
        payload = at.session_state["_export"][3]
    finally:
        data.clear_cache()
    if fmt == "csv":
        frame = pd.read_csv(io.BytesIO(payload))
    elif fmt == "parquet":
        frame = pd.read_parquet(io.BytesIO(payload))
    else:
        frame = pd.read_json(io.BytesIO(payload), lines=True)
    assert len(frame) == N_ARTICLES and frame["article_id"].is_unique
    assert frame.set_index("article_id").loc[SEED, "url"] == f"https://news.example/{SEED}"


def test_export_follows_the_filters(app_env: FixtureDb) -> None:
    at = open_page("export", actor="person:volodymyr-zelensky")
    at.selectbox(key="dataset").set_value("export_quotes").run()
    at.button(key="export_prepare").click().run()
    import io

    frame = pd.read_csv(io.BytesIO(at.session_state["_export"][3]))
    assert len(frame) == 2 and set(frame["speaker_actor_id"]) == {"person:volodymyr-zelensky"}
    assert "speaker_actor_id" in at.code[0].value  # the SQL, to continue in DuckDB
