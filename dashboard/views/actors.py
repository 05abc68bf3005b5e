"""Actors: find any actor by name or alias, who is mentioned most, and one actor's profile: attention over time,
roles as written, who appears with them, what they said, what about, and the articles."""

from __future__ import annotations

import functools
import math
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

import data
import ui

ACTOR_TYPES = ("person", "organization", "country", "place", "group")
SORTS = {"mentions": "Most mentions", "articles": "Most articles", "name": "Name (A-Z)"}
FOCUS_PARAM = "focus"  # the profiled actor's id in the URL
SEARCH_LIMIT = 100
NETWORK_MAX = 25  # partners drawn in the graph (the table lists them all)
MEASURES = {"articles": "Articles", "share": "Share of all articles"}


def render() -> None:
    st.title("Actors")
    filters = ui.current_filters()

    q = st.text_input(
        "Find any actor",
        key="actor_q",
        bind="query-params",
        max_chars=ui.ACTOR_SEARCH_MAX_CHARS,
        placeholder="Any name or alias, e.g. Scholz or Selenskyj",
        help="Searches every actor in the database by name and by every alias (all languages the alias table "
             "holds); case and accents are ignored.",
    )
    q = (q or "").strip()
    listed = search_results(q) if q else most_mentioned(filters)
    if listed is None:
        return
    st.divider()
    focus_id = pick_focus(filters, listed)
    if focus_id:
        profile(filters, focus_id)


def search_results(q: str) -> pd.DataFrame | None:
    found = ui.load("actor_search", q=q, limit=SEARCH_LIMIT)
    if found is None:
        return None
    if found.empty:
        ui.empty("No actor has this name or alias. Try part of a name (\"Scholz\") or another spelling.")
        return found
    more = " (the first 100)" if len(found) >= SEARCH_LIMIT else ""
    st.caption(f"{len(found):,} actors match{more}, best match first. Select a row to open the actor's profile.")
    shown = found.assign(matched_form=[f if str(f).casefold() != str(n).casefold() else ""
                                       for f, n in zip(found["matched_form"], found["name"])])
    _selectable(shown, "actor_search_table",
                {"actor_id": None, "name": "Actor", "type": "Type", "country": "Country",
                 "matched_form": "Matched alias", "articles": "Articles (all time)"})
    return found


def most_mentioned(filters: ui.Filters) -> pd.DataFrame | None:
    c1, c2, c3 = st.columns([2, 2, 1])
    actor_type = c1.selectbox(
        "Type", ACTOR_TYPES, index=None, placeholder="All types", key="actor_type", bind="query-params"
    )
    sort = c2.selectbox("Sort by", list(SORTS), format_func=SORTS.__getitem__, key="actor_sort", bind="query-params")
    top_n = c3.number_input("Rows", min_value=5, max_value=500, value=50, step=5, key="actor_rows")

    top = ui.load("actors_top", **filters.params(), actor_type=actor_type, limit=top_n, order=sort)
    if top is None:
        return None
    if top.empty:
        ui.empty("No actors in the articles that match these filters.")
        return top

    st.subheader("Most mentioned")
    chart = (
        alt.Chart(top.head(15))
        .mark_bar()
        .encode(
            x=alt.X("mentions:Q", axis=ui.count_axis("Mentions")),
            y=alt.Y("name:N", sort=None, title=None, axis=alt.Axis(labelLimit=200)),
            color=alt.Color("type:N", title="Type"),
            tooltip=[alt.Tooltip("name:N", title="Actor"), alt.Tooltip("type:N", title="Type"),
                     alt.Tooltip("articles:Q", title="Articles"), alt.Tooltip("mentions:Q", title="Mentions")],
        )
        .add_params(ui.pick_param("actor_id"))
    )
    st.caption("Click a bar or select a row to open the actor's profile.")
    ui.clickable_chart(chart, key="actors_bars", field="actor_id", opens=ui.open_actor)
    _selectable(top, "actors_table", {"actor_id": None, "name": "Actor", "type": "Type", "country": "Country",
                                      "articles": "Articles", "mentions": "Mentions"})
    return top


def _selectable(frame: pd.DataFrame, key: str, columns: dict[str, Any]) -> None:
    """A table whose selected row opens that actor's profile (its id goes into the URL)."""
    with st.container(key=key):
        st.dataframe(frame, hide_index=True, width="stretch", column_config=columns,
                     column_order=[c for c in columns if c in frame.columns and columns[c] is not None],
                     on_select=functools.partial(_focus_selected, f"{key}_selection", frame["actor_id"].tolist()),
                     selection_mode="single-row", key=f"{key}_selection")


def _focus_selected(key: str, ids: list[str]) -> None:
    """on_select: a newly selected row's actor becomes the profile (a callback, so an old selection never overrides
    a later pick in the 'Profile of' box)."""
    rows = st.session_state[key].selection.rows
    if rows:
        st.query_params[FOCUS_PARAM] = str(ids[rows[0]])


def _set_focus() -> None:
    picked = st.session_state.get("focus")
    if picked:
        st.query_params[FOCUS_PARAM] = picked
    else:
        st.query_params.pop(FOCUS_PARAM, None)


def pick_focus(filters: ui.Filters, listed: pd.DataFrame) -> str | None:
    """The profiled actor: the URL's `focus` id (looked up; an unknown id is reported), else the sidebar actor, else
    the first listed actor."""
    st.subheader("Actor profile")
    wanted = st.query_params.get(FOCUS_PARAM)
    focus: str | None = None
    labels: dict[str, str] = {}
    if wanted:
        row = ui.load("filter_actor_lookup", focus=wanted)
        if row is None:
            return None
        if row.empty:
            st.warning(f"The link asks for actor id **{ui.md_escape(wanted)}**, which is not in the database. "
                       "Find the actor by name above.", icon=":material/person_off:")
        else:
            r = row.iloc[0]
            focus = str(r["actor_id"])
            labels[focus] = ui.actor_label(r["name"], r["type"])
            if focus != wanted:
                st.info(f"Actor **{ui.md_escape(wanted)}** was merged into **{ui.md_escape(r['name'])}**; "
                        "showing that actor.", icon=":material/merge:")
                st.query_params[FOCUS_PARAM] = focus
    if focus is None and not wanted:
        focus = filters.actor or (str(listed["actor_id"].iloc[0]) if not listed.empty else None)
    for i, name, kind in zip(listed.get("actor_id", []), listed.get("name", []), listed.get("type", [])):
        labels.setdefault(str(i), ui.actor_label(name, kind))
    if filters.actor and filters.actor not in labels:
        labels[filters.actor] = st.session_state.get("_filter_labels", {}).get(filters.actor, filters.actor)
    if focus is not None and focus not in labels:
        row = ui.load("filter_actor_lookup", focus=focus)
        labels[focus] = ui.actor_label(row["name"].iloc[0], row["type"].iloc[0]) if row is not None and not row.empty \
            else focus
    if not labels:
        return None
    st.session_state["focus"] = focus
    st.selectbox("Profile of", list(labels), format_func=labels.__getitem__, key="focus", index=None,
                 placeholder="Pick an actor", on_change=_set_focus)
    return focus


def profile(filters: ui.Filters, focus: str) -> None:
    prof = ui.load("actor_profile", focus=focus)
    if prof is None or prof.empty:
        return
    p = prof.iloc[0]
    counted = ui.load("actor_articles_count", **filters.params(), focus=focus)
    n_filtered = int(counted["total"].iloc[0]) if counted is not None else 0
    st.markdown(f"### {ui.md_escape(p['name'])}")
    m1, m2, m3, m4 = st.columns(4)
    # Metric values render markdown; these come from the data, so they are escaped.
    m1.metric("Type", ui.md_escape(p["type"]), border=True)
    m2.metric("Country", ui.md_escape(p["country"]) if pd.notna(p["country"]) else "—", border=True)
    m3.metric("Articles (all time)", f"{int(p['articles']):,}", border=True)
    m4.metric("Articles (these filters)", f"{n_filtered:,}", border=True)
    st.markdown("**Aliases**")
    st.text(ui.format_list(p["aliases"]) or "(none recorded)")
    st.caption(f"Actor id: {ui.md_escape(focus)}")
    if filters.actor != focus:
        st.button("Filter every page by this actor", icon=":material/filter_alt:", key="focus_to_filter",
                  on_click=_filter_by, args=(focus,))

    tabs = st.tabs(["Over time", "Roles", "Appears with", "Quotes", "Topics", "Articles"])
    with tabs[0]:
        attention(filters, focus)
    with tabs[1]:
        roles(filters, focus)
    with tabs[2]:
        co_mentions(filters, focus, str(p["name"]))
    with tabs[3]:
        quotes(filters, focus)
    with tabs[4]:
        topics(filters, focus)
    with tabs[5]:
        articles(filters, focus)


def _filter_by(actor_id: str) -> None:
    st.session_state[ui.ACTOR_KEY] = actor_id


def attention(filters: ui.Filters, focus: str) -> None:
    c1, c2 = st.columns([3, 2])
    with c1:
        bucket = ui.bucket_picker(filters, key="per")
    with c2:
        measure = ui.url_choice("Measure", MEASURES, key="measure", default="articles")
    frame = ui.load("attention", **filters.params(), kind="actor", ids=[focus], bucket=bucket, limit=5_000)
    if frame is None:
        return
    if frame.empty or int(frame["articles"].sum()) == 0:
        ui.empty("No dated article mentions this actor under these filters. Widen the date range or remove a filter.")
        return
    ui.time_chart(ui.attention_chart(frame, bucket, measure or "articles"), key="actor_time")
    st.caption(f"Articles that mention the actor per {bucket}; the share is of all the articles that pass the "
               "filters in that period. Compare actors, topics and sources on the Trends page.")


def roles(filters: ui.Filters, focus: str) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown("**As written**")
        written = ui.load("actor_roles_written", **filters.params(), focus=focus, limit=100)
        if written is not None:
            if written.empty:
                st.text("(no roles recorded)")
            else:
                ui.table(written, key="roles_written_table",
                         column_config={"role_written": "Role as written", "articles": "Articles"})
    with right:
        st.markdown("**Normalised**")
        normal = ui.load("actor_roles", **filters.params(), focus=focus, limit=50)
        if normal is not None:
            if normal.empty:
                st.text("(no roles recorded)")
            else:
                ui.table(normal, key="roles_table", column_config={"role": "Role", "articles": "Articles"})


def co_mentions(filters: ui.Filters, focus: str, name: str) -> None:
    partners = ui.load("actor_cooccurrence", **filters.params(), focus=focus, limit=500)
    if partners is None:
        return
    if partners.empty:
        ui.empty("Nobody else is mentioned in the same articles under these filters.")
        return
    top_weight = int(partners["shared_articles"].max())
    threshold = 1
    if top_weight > 1:
        threshold = st.slider("At least this many shared articles", min_value=1, max_value=top_weight, value=1,
                              key="partners_min")
    kept = partners[partners["shared_articles"] >= threshold]
    st.caption(f"{len(kept):,} actors share at least {threshold} article(s) with this actor; the graph draws the "
               f"{min(len(kept), NETWORK_MAX)} strongest, line width and node size by shared articles.")
    st.caption("Click a partner in the graph or select a row to open their profile.")
    ui.clickable_chart(network(kept.head(NETWORK_MAX), name, focus), key="network", version=focus, field="actor_id",
                       opens=ui.open_actor)
    ui.linked_table(
        kept.drop(columns=["partner_id"]),
        kept["partner_id"].tolist(),
        ui.open_actor,
        key="partners_table",
        version=focus,
        column_config={"partner": "Actor", "type": "Type", "country": "Country",
                       "shared_articles": "Shared articles", "first_day": ui.date_column("First"),
                       "last_day": ui.date_column("Last")},
    )


def network(partners: pd.DataFrame, name: str, focus: str = "") -> alt.LayerChart:
    """The actor at the centre, each partner on a circle around it; edges and nodes weighted by shared articles."""
    n = len(partners)
    angles = [2 * math.pi * i / max(n, 1) - math.pi / 2 for i in range(n)]
    nodes = pd.DataFrame({
        "label": [name, *partners["partner"].astype(str)],
        "actor_id": [focus, *partners["partner_id"].astype(str)],
        "type": ["(this actor)", *partners["type"].fillna("").astype(str)],
        "weight": [int(partners["shared_articles"].max()) if n else 1, *partners["shared_articles"].astype(int)],
        "x": [0.0, *[math.cos(a) for a in angles]],
        "y": [0.0, *[math.sin(a) for a in angles]],
    })
    edges = pd.DataFrame({
        "x": [0.0] * n, "y": [0.0] * n, "x2": nodes["x"][1:].tolist(), "y2": nodes["y"][1:].tolist(),
        "weight": partners["shared_articles"].astype(int).tolist(), "label": partners["partner"].astype(str).tolist(),
    })
    axis = alt.Axis(labels=False, ticks=False, domain=False, grid=False, title=None)
    scale = alt.Scale(domain=[-1.6, 1.6])
    lines = alt.Chart(edges).mark_rule(opacity=0.5).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale), x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("weight:Q", title="Shared articles", scale=alt.Scale(range=[1, 8])),
        tooltip=[alt.Tooltip("label:N", title="With"), alt.Tooltip("weight:Q", title="Shared articles")],
    )
    dots = alt.Chart(nodes).mark_circle(opacity=0.9).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale),
        size=alt.Size("weight:Q", legend=None, scale=alt.Scale(range=[80, 900])),
        color=alt.Color("type:N", title="Type"),
        tooltip=[alt.Tooltip("label:N", title="Actor"), alt.Tooltip("weight:Q", title="Shared articles")],
    ).add_params(ui.pick_param("actor_id"))
    text = alt.Chart(nodes).mark_text(dy=-16, fontSize=11).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale), text="label:N",
    )
    return (lines + dots + text).properties(height=420)


def quotes(filters: ui.Filters, focus: str) -> None:
    q = st.text_input("Search what they said", key="quote_q", max_chars=200, placeholder="Words in the quote")
    q = (q or "").strip()
    said = ui.load("actor_quotes", **filters.params(), focus=focus, pattern=data.escape_like(q) if q else None,
                   limit=ui.PAGE_SIZES[-1] * 10)
    if said is None:
        return
    if said.empty:
        ui.empty("No quotation attributed to this actor matches." if q else
                 "No quotation is attributed to this actor in the articles that pass the filters.")
        return
    st.caption(f"{len(said):,} quotations, newest first.")
    ui.table(said, key="actor_quotes_table",
             column_order=["quote", "published_day", "title", "site_name", "url"],
             column_config={"quote": st.column_config.TextColumn("Quote", width="large"),
                            "published_day": ui.date_column("Published"), "title": "Article", "site_name": "Source",
                            "url": "URL"})


def topics(filters: ui.Filters, focus: str) -> None:
    about = ui.load("actor_topics", **filters.params(), focus=focus, limit=50)
    if about is None:
        return
    if about.empty:
        ui.empty("No topics in the articles that mention this actor under these filters.")
        return
    st.caption("Select a row to read the topic's articles.")
    ui.linked_table(about, about["code"].tolist(), ui.open_topic, key="actor_topics_table", version=focus,
                    column_config={"code": "Code", "label": "Topic", "articles": "Articles"})


def articles(filters: ui.Filters, focus: str) -> None:
    rows = ui.load("actor_articles", **filters.params(), focus=focus, limit=ui.MAX_LIST_ROWS)
    if rows is None:
        return
    if rows.empty:
        ui.empty("No article that passes the filters mentions this actor.")
        return
    st.caption(f"{len(rows):,} articles, newest first. Select a row to open the article.")
    with st.container(key="actor_articles_table"):
        event = st.dataframe(
            rows, hide_index=True, width="stretch",
            column_order=["published_at", "title", "site_name", "mentions", "roles_written", "written_as", "url"],
            column_config={"published_at": st.column_config.DatetimeColumn("Published", format="YYYY-MM-DD HH:mm"),
                           "title": st.column_config.TextColumn("Title", width="large"), "site_name": "Source",
                           "mentions": "Mentions", "roles_written": st.column_config.ListColumn("Roles as written"),
                           "written_as": st.column_config.ListColumn("Written as"), "url": "URL"},
            on_select="rerun", selection_mode="single-row", key="actor_articles_selection",
        )
    picked = event.selection.rows if event is not None else []
    if picked:
        st.switch_page("views/articles.py",
                       query_params={**ui.filter_query(), "article": str(rows["article_id"].iloc[picked[0]])})


render()
