"""Dates: the events the articles talk about, placed on a calendar, with the actors of each article."""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st

import ui

GRANULARITIES = ("day", "week", "month", "quarter", "season", "year", "decade")
CHART_ROWS = 80
MAX_MENTIONS = 1_000
EARLIEST = date(1800, 1, 1)  # the plausible-date floor (queries/_plausible_event.sql)
MARGIN = timedelta(days=31)  # the default event window: the publication period and a month either side


def _around_the_period(filters: ui.Filters) -> tuple[date, date] | tuple[()]:
    """The default event window: the filtered articles' publication period, a month either side."""
    span = ui.load("filtered_date_span", **filters.params())
    if span is None or span.empty or pd.isna(span["first_day"].iloc[0]):
        return ()
    first = pd.Timestamp(span["first_day"].iloc[0]).date()
    last = pd.Timestamp(span["last_day"].iloc[0]).date()
    return (max(EARLIEST, first - MARGIN), last + MARGIN)


def render() -> None:
    st.title("Dates")
    filters = ui.current_filters()
    st.caption(
        "Dates the articles mention (\"On Friday\", \"September 27\", \"earlier this week\"), resolved to calendar "
        "ranges against each article's publication date. Durations (\"three years\"), sets (\"every week\") and "
        "references such as \"now\" have no calendar range: they are listed with each article, not here."
    )

    c1, c2 = st.columns(2)
    default = _around_the_period(filters)
    window = c1.date_input("Events between", value=default, key="events", bind="query-params",
                           min_value=EARLIEST, max_value=date.today() + timedelta(days=20 * 366),
                           format="YYYY-MM-DD",
                           help="Keep mentions whose date range overlaps this window. It starts around the period "
                                "the filtered articles were published in; clear it to see every plausible date.")
    grains = c2.multiselect("Granularity", GRANULARITIES, key="granularity", bind="query-params",
                            placeholder="Any granularity")
    window = tuple(window) if isinstance(window, (tuple, list)) else ((window,) if window else ())

    events = ui.load(
        "timeline_events",
        **filters.params(),
        event_start=window[0] if len(window) >= 1 else None,
        event_end=window[1] if len(window) >= 2 else None,
        granularities=list(grains),
        limit=MAX_MENTIONS,
    )
    if events is None:
        return
    if events.empty:
        ui.empty("No dated events in the articles that match these filters.")
        return

    counted = ui.load(
        "timeline_events_count",
        **filters.params(),
        event_start=window[0] if len(window) >= 1 else None,
        event_end=window[1] if len(window) >= 2 else None,
        granularities=list(grains),
    )
    total = int(counted["total"].iloc[0]) if counted is not None else len(events)
    n_articles = int(counted["articles"].iloc[0]) if counted is not None else events["article_id"].nunique()
    if total > len(events):
        st.caption(f"Showing the first {len(events):,} of {total:,} mentions by date; narrow the window or the "
                   "filters to see the rest.")
    m1, m2, m3 = st.columns(3)
    m1.metric("Date mentions", f"{total:,}", border=True)
    m2.metric("Articles", f"{n_articles:,}", border=True)
    m3.metric("Earliest event", f"{pd.Timestamp(events['start_date'].min()):%Y-%m-%d}", border=True)

    st.subheader("Timeline")
    plot = events.head(CHART_ROWS).copy()
    # A one-day event still needs a visible bar: draw each range up to the day after it ends.
    plot["end_excl"] = pd.to_datetime(plot["end_date"]) + timedelta(days=1)
    # Short labels, so a phone keeps room for the plot; the tooltip has the whole title.
    plot["label"] = [f"{t[:24]} — {title[:28]}" for t, title in zip(plot["date_text"], plot["title"])]
    plot["actors"] = plot["actors"].fillna("")
    chart = (
        alt.Chart(plot)
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X("start_date:T", title="Event date", axis=alt.Axis(format="%d %b %Y", labelOverlap=True)),
            x2="end_excl:T",
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=150)),
            color=alt.Color("granularity:N", title="Granularity", legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("date_text:N", title="As written"),
                alt.Tooltip("start_date:T", title="From"),
                alt.Tooltip("end_date:T", title="To"),
                alt.Tooltip("actors:N", title="Actors"),
                alt.Tooltip("title:N", title="Article"),
                alt.Tooltip("published_day:T", title="Published"),
            ],
        )
        .properties(height=alt.Step(26))  # one readable row per mention, however many there are
        .add_params(ui.pick_param("article_id"))
    )
    st.caption("Click a bar or select a row to open the article that mentions the date.")
    ui.clickable_chart(chart, key="timeline_bars", field="article_id", opens=ui.open_article)
    if len(events) > CHART_ROWS:
        st.caption(f"The chart shows the first {CHART_ROWS} of {len(events):,} mentions; the table has them all.")

    st.subheader("Every mention")
    ui.linked_table(
        events.drop(columns=["article_id", "mention_idx"]),
        events["article_id"].tolist(),
        ui.open_article,
        key="events_table",
        column_order=["start_date", "end_date", "date_text", "granularity", "actors", "title", "published_day",
                      "site_name", "n_actors", "sentence"],
        column_config={
            "start_date": ui.date_column("From"), "end_date": ui.date_column("To"), "date_text": "As written",
            "granularity": "Granularity", "actors": "Actors", "title": "Article",
            "published_day": ui.date_column("Published"), "site_name": "Source", "n_actors": "Actors (n)",
            "sentence": "Sentence",
        },
    )


render()
