"""Topics: which IPTC Media Topics the filtered articles are about, and how that changes over time."""

from __future__ import annotations

import altair as alt
import streamlit as st

import ui


def render() -> None:
    st.title("Topics")
    filters = ui.current_filters()
    st.caption("IPTC Media Topics assigned to the articles that pass the sidebar filters.")

    top = ui.load("topics_top", **filters.params(), limit=100)
    if top is None:
        return
    if top.empty:
        ui.empty("No topics in the articles that match these filters.")
        return

    top_n = st.slider("Topics to chart", min_value=1, max_value=10, value=min(5, len(top)), key="topics_n",
                      bind="query-params")
    st.subheader("Articles per day, by topic")
    daily = ui.load("topics_daily", **filters.params(), top_n=top_n, limit=5_000)
    if daily is not None:
        if daily.empty:
            ui.empty("None of these articles has a publication date to chart.")
        else:
            # A heatmap, not lines: an article carries several topics and most days have few articles, so
            # lines would join unrelated days and stacked bars would count articles more than once.
            chart = (
                alt.Chart(daily)
                .mark_rect(cornerRadius=2)
                .encode(
                    x=ui.day_axis(daily["day"], "Published"),
                    y=alt.Y("label:N", title=None, sort=top["label"].tolist(), axis=alt.Axis(labelLimit=250)),
                    color=alt.Color("articles:Q", title="Articles", scale=alt.Scale(scheme="blues", domainMin=0),
                                    legend=alt.Legend(format="d", tickMinStep=1)),
                    tooltip=[alt.Tooltip("day:T", title="Day"), alt.Tooltip("label:N", title="Topic"),
                             alt.Tooltip("articles:Q", title="Articles")],
                )
                .properties(height=alt.Step(28))
            )
            st.altair_chart(chart, width="stretch")

    st.subheader("Top topics")
    chart = (
        alt.Chart(top.head(20))
        .mark_bar()
        .encode(
            x=alt.X("articles:Q", axis=ui.count_axis("Articles")),
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=250)),
            tooltip=[alt.Tooltip("label:N", title="Topic"), alt.Tooltip("code:N", title="Code"),
                     alt.Tooltip("articles:Q", title="Articles"), alt.Tooltip("avg_score:Q", title="Mean score")],
        )
    )
    st.altair_chart(chart, width="stretch")
    ui.table(
        top,
        key="topics_table",
        column_config={"code": "Code", "label": "Topic", "level": "Level", "articles": "Articles",
                       "avg_score": st.column_config.NumberColumn("Mean score", format="%.3f")},
    )
    st.caption("Topic codes and labels: IPTC Media Topics, (c) IPTC, CC BY 4.0.")


render()
