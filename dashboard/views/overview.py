"""Overview: headline counts for the current filters, publishing over time, and the latest loads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

import ui


def render() -> None:
    st.title("Overview")
    filters = ui.current_filters()
    st.caption(
        "Counts for the articles that pass the sidebar filters." if filters.active else "Everything in the database."
    )

    counts = ui.load("overview_counts", **filters.params())
    if counts is None:
        return
    row = counts.iloc[0]
    cols = st.columns(7)
    for col, (label, field) in zip(
        cols,
        [("Articles", "articles"), ("Stories", "stories"), ("Actors", "actors"), ("Quotes", "quotes"), ("Sources", "sources"),
         ("Topics", "topics"), ("Dates mentioned", "date_mentions")],
    ):
        col.metric(label, f"{int(row[field]):,}", border=True)
    if int(row["articles"]) == 0:
        ui.empty("No articles match these filters. Widen the date range or clear a filter in the sidebar.")
    elif pd.notna(row["first_published"]):
        st.caption(f"Published from {row['first_published']:%Y-%m-%d} to {row['last_published']:%Y-%m-%d}.")

    st.subheader("Articles over time")
    bucket = ui.bucket_picker(filters, key="per")
    series = ui.load("articles_over_time", **filters.params(), bucket=bucket, limit=ui.MAX_CHART_ROWS)
    if series is not None:
        if series.empty:
            ui.empty("None of these articles has a publication date to chart.")
        else:
            chart = (
                alt.Chart(series)
                .mark_bar()
                .encode(
                    x=ui.time_x(bucket),
                    y=alt.Y("articles:Q", axis=ui.count_axis("Articles")),
                    tooltip=[ui.time_tooltip(bucket), alt.Tooltip("articles:Q", title="Articles"),
                             alt.Tooltip("sources:Q", title="Sources")],
                )
            )
            ui.time_chart(chart, key="overview_time")
            st.caption(f"Articles per {bucket}. Compare actors, topics or sources over time on the Trends page.")

    left, right = st.columns(2)
    with left:
        st.subheader("Most mentioned actors")
        actors = ui.load("actors_top", **filters.params(), actor_type=None, limit=5, order="mentions")
        if actors is not None:
            ui.linked_table(actors[["name", "type", "articles", "mentions"]], actors["actor_id"].tolist(),
                            ui.open_actor, key="overview_actors",
                            column_config={"name": "Actor", "type": "Type", "articles": "Articles",
                                           "mentions": "Mentions"})
            st.page_link("views/actors.py", label="All actors", icon=":material/arrow_forward:")
    with right:
        st.subheader("Top topics")
        topics = ui.load("topics_top", **filters.params(), limit=5)
        if topics is not None:
            ui.linked_table(topics[["label", "articles"]], topics["code"].tolist(), ui.open_topic,
                            key="overview_topics", column_config={"label": "Topic", "articles": "Articles"})
            st.page_link("views/topics.py", label="All topics", icon=":material/arrow_forward:")

    st.subheader("Stories carried by several articles")
    st.caption("Near-duplicate articles form one story; outlets that ran the same wire agency's copy count as one "
               "independent source. Select a row to open the story; in the tables above, an actor's profile or a "
               "topic's articles.")
    stories = ui.load("stories_top", **filters.params(), limit=10)
    if stories is not None:
        if stories.empty:
            ui.empty("No story was carried by more than one article yet.")
        else:
            stories = stories.assign(wire_agencies=stories["wire_agencies"].map(ui.format_list))
            ui.linked_table(stories[["title", "articles", "outlets", "independent_sources", "wire_agencies",
                                    "first_published"]], stories["story_id"].tolist(), ui.open_story,
                     key="overview_stories",
                     column_config={"title": "Story", "articles": "Articles", "outlets": "Outlets",
                                    "independent_sources": "Independent sources", "wire_agencies": "Wire agencies",
                                    "first_published": "First published"})

    st.subheader("Latest loads")
    loads = ui.load("loads_latest", limit=10)
    if loads is not None:
        if loads.empty:
            ui.empty("No loads recorded yet.")
        else:
            ui.table(
                loads,
                key="loads_table",
                column_config={
                    "load_id": "Load",
                    "status": "Status",
                    "started_at": st.column_config.DatetimeColumn("Started", format="YYYY-MM-DD HH:mm:ss"),
                    "finished_at": st.column_config.DatetimeColumn("Finished", format="YYYY-MM-DD HH:mm:ss"),
                    "seconds": st.column_config.NumberColumn("Seconds", format="%.1f"),
                    "source": "Input",
                    "n_inputs": "Read",
                    "n_landed": "Landed",
                    "n_rejected": "Rejected",
                    "n_duplicates": "Duplicates",
                    "n_skipped": "Skipped",
                },
            )


render()
