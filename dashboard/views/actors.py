"""Actors: who is mentioned most, one actor's mentions over time, who appears with whom, roles and aliases."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

import ui

ACTOR_TYPES = ("person", "organization", "country", "place", "group")
SORTS = {"mentions": "Most mentions", "articles": "Most articles", "name": "Name (A-Z)"}


def render() -> None:
    st.title("Actors")
    filters = ui.current_filters()

    c1, c2, c3 = st.columns([2, 2, 1])
    actor_type = c1.selectbox(
        "Type", ACTOR_TYPES, index=None, placeholder="All types", key="actor_type", bind="query-params"
    )
    sort = c2.selectbox("Sort by", list(SORTS), format_func=SORTS.__getitem__, key="actor_sort", bind="query-params")
    top_n = c3.number_input("Rows", min_value=5, max_value=500, value=50, step=5, key="actor_rows")

    top = ui.load("actors_top", **filters.params(), actor_type=actor_type, limit=top_n, order=sort)
    if top is None:
        return
    if top.empty:
        ui.empty("No actors in the articles that match these filters.")
        return

    st.subheader("Most mentioned")
    chart_rows = top.head(15)
    chart = (
        alt.Chart(chart_rows)
        .mark_bar()
        .encode(
            x=alt.X("mentions:Q", axis=ui.count_axis("Mentions")),
            y=alt.Y("name:N", sort=None, title=None, axis=alt.Axis(labelLimit=200)),
            color=alt.Color("type:N", title="Type"),
            tooltip=[alt.Tooltip("name:N", title="Actor"), alt.Tooltip("type:N", title="Type"),
                     alt.Tooltip("articles:Q", title="Articles"), alt.Tooltip("mentions:Q", title="Mentions")],
        )
    )
    st.altair_chart(chart, width="stretch")
    ui.table(
        top.drop(columns=["actor_id"]),
        key="actors_table",
        column_config={"name": "Actor", "type": "Type", "country": "Country", "articles": "Articles",
                       "mentions": "Mentions"},
    )

    st.divider()
    focus_actor(filters, top)


def focus_actor(filters: ui.Filters, top: pd.DataFrame) -> None:
    st.subheader("One actor")
    labels = ui.actor_options()
    ids = list(labels)
    # The sidebar actor is the natural focus; otherwise the top actor of the table above.
    wanted = filters.actor or str(top["actor_id"].iloc[0])
    default = ids.index(wanted) if wanted in ids else 0
    focus = st.selectbox("Actor", ids, index=default, format_func=labels.__getitem__, key="focus",
                         bind="query-params")
    if focus is None:
        return

    profile = ui.load("actor_profile", focus=focus)
    if profile is None or profile.empty:
        return
    p = profile.iloc[0]
    m1, m2, m3 = st.columns(3)
    # Metric values render markdown; these come from the data, so they are escaped.
    m1.metric("Type", ui.md_escape(p["type"]), border=True)
    m2.metric("Country", ui.md_escape(p["country"]) if pd.notna(p["country"]) else "—", border=True)
    m3.metric("Articles (all time)", f"{int(p['articles']):,}", border=True)
    st.markdown("**Aliases**")
    st.text(ui.format_list(p["aliases"]) or "(none recorded)")

    roles = ui.load("actor_roles", **filters.params(), focus=focus, limit=50)
    st.markdown("**Roles**")
    if roles is not None:
        if roles.empty:
            st.text("(no roles recorded)")
        else:
            ui.table(roles, key="roles_table", column_config={"role": "Role", "articles": "Articles"})

    left, right = st.columns(2)
    with left:
        st.markdown("**Mentions over time**")
        daily = ui.load("actor_daily", **filters.params(), focus=focus, limit=5_000)
        if daily is not None:
            if daily.empty:
                ui.empty("No dated mentions for this actor under these filters.")
            else:
                chart = (
                    alt.Chart(daily)
                    .mark_bar()
                    .encode(
                        x=ui.day_axis(daily["day"], "Published"),
                        y=alt.Y("mentions:Q", axis=ui.count_axis("Mentions")),
                        tooltip=[alt.Tooltip("day:T", title="Day"), alt.Tooltip("articles:Q", title="Articles"),
                                 alt.Tooltip("mentions:Q", title="Mentions")],
                    )
                )
                st.altair_chart(chart, width="stretch")
    with right:
        st.markdown("**Appears with**")
        partners = ui.load("actor_cooccurrence", **filters.params(), focus=focus, limit=200)
        if partners is not None:
            if partners.empty:
                ui.empty("Nobody else is mentioned in the same articles under these filters.")
            else:
                chart = (
                    alt.Chart(partners.head(15))
                    .mark_bar()
                    .encode(
                        x=alt.X("shared_articles:Q", axis=ui.count_axis("Shared articles")),
                        y=alt.Y("partner:N", sort=None, title=None, axis=alt.Axis(labelLimit=200)),
                        color=alt.Color("type:N", title="Type"),
                        tooltip=[alt.Tooltip("partner:N", title="Actor"),
                                 alt.Tooltip("shared_articles:Q", title="Shared articles"),
                                 alt.Tooltip("first_day:T", title="First"), alt.Tooltip("last_day:T", title="Last")],
                    )
                )
                st.altair_chart(chart, width="stretch")
    if partners is not None and not partners.empty:
        ui.table(
            partners.drop(columns=["partner_id"]),
            key="partners_table",
            column_config={"partner": "Actor", "type": "Type", "country": "Country",
                           "shared_articles": "Shared articles", "first_day": ui.date_column("First"),
                           "last_day": ui.date_column("Last")},
        )


render()
