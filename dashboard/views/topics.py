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
    bucket = ui.bucket_picker(filters, key="per")
    st.subheader(f"Articles per {bucket}, by topic")
    codes = top["code"].head(top_n).astype(str).tolist()
    series = ui.load("attention", **filters.params(), kind="topic", ids=codes, bucket=bucket, limit=ui.MAX_CHART_ROWS)
    if series is not None:
        if series.empty:
            ui.empty("None of these articles has a publication date to chart.")
        else:
            # A heatmap, not lines: an article carries several topics and most periods have few articles, so
            # stacked bars would count articles more than once.
            chart = (
                alt.Chart(series)
                .mark_rect(cornerRadius=2)
                .encode(
                    x=ui.time_x(bucket),
                    y=alt.Y("series:N", title=None, sort=top["label"].tolist(), axis=alt.Axis(labelLimit=250)),
                    color=alt.Color("articles:Q", title="Articles", scale=alt.Scale(scheme="blues", domainMin=0),
                                    legend=alt.Legend(format="d", tickMinStep=1)),
                    tooltip=[ui.time_tooltip(bucket), alt.Tooltip("series:N", title="Topic"),
                             alt.Tooltip("articles:Q", title="Articles"),
                             alt.Tooltip("share:Q", title="Share of articles", format=".1%")],
                )
                .properties(height=alt.Step(28))
            )
            ui.time_chart(chart, key="topics_time")

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
        .add_params(ui.pick_param("code"))
    )
    st.caption("Click a bar or select a row to read the topic's articles.")
    ui.clickable_chart(chart, key="topics_bars", field="code", opens=ui.open_topic)
    ui.linked_table(
        top,
        top["code"].tolist(),
        ui.open_topic,
        key="topics_table",
        column_config={"code": "Code", "label": "Topic", "level": "Level", "articles": "Articles",
                       "avg_score": st.column_config.NumberColumn("Mean score", format="%.3f")},
    )
    st.caption("Topic codes and labels: IPTC Media Topics, (c) IPTC, CC BY 4.0.")


render()
