"""Stories: clusters of near-duplicate articles (one story syndicated by many outlets): how many copies, outlets and
independent sources carried it, first and last seen; open a story to see its articles."""

from __future__ import annotations

import streamlit as st

import ui

STORY_PARAM = "story"  # any article id of the opened story
MAX_STORIES = 500


def render() -> None:
    st.title("Stories")
    filters = ui.current_filters()
    st.caption("Near-duplicate articles form one story. Outlets that ran the same wire agency's copy count as one "
               "independent source. Stories are ranked by independent sources, then copies.")
    stories = ui.load("stories_list", **filters.params(), limit=MAX_STORIES)
    if stories is None:
        return
    if stories.empty:
        ui.empty("No story was carried by more than one of the articles that pass the filters. Widen the date range "
                 "or clear a filter.")
        return
    more = f" (the top {MAX_STORIES})" if len(stories) >= MAX_STORIES else ""
    st.caption(f"{len(stories):,} stories{more}. Select a row to open a story's articles.")
    shown = stories.assign(wire_agencies=stories["wire_agencies"].map(ui.format_list),
                           outlet_names=stories["outlet_names"].map(ui.format_list))
    with st.container(key="stories_table"):
        st.dataframe(
            shown, hide_index=True, width="stretch",
            column_order=["title", "articles", "outlets", "independent_sources", "wire_agencies", "outlet_names",
                          "first_seen", "last_seen"],
            column_config={
                "title": st.column_config.TextColumn("Story", width="large"), "articles": "Copies",
                "outlets": "Outlets", "independent_sources": "Independent sources",
                "wire_agencies": "Wire agencies", "outlet_names": "Outlet names",
                "first_seen": st.column_config.DatetimeColumn("First seen", format="YYYY-MM-DD HH:mm"),
                "last_seen": st.column_config.DatetimeColumn("Last seen", format="YYYY-MM-DD HH:mm"),
            },
            on_select=_opened, selection_mode="single-row", key="stories_selection",
        )
    st.session_state["_story_ids"] = stories["story_id"].astype(str).tolist()

    titles = dict(zip(stories["story_id"].astype(str), stories["title"].astype(str)))
    wanted = st.query_params.get(STORY_PARAM)
    st.selectbox("Open story", list(titles), index=list(titles).index(wanted) if wanted in titles else None,
                 format_func=titles.__getitem__, placeholder="Pick a story", key="story_pick",
                 on_change=_picked)
    if wanted:
        story(wanted)


def _opened() -> None:
    rows = st.session_state["stories_selection"].selection.rows
    ids = st.session_state.get("_story_ids", [])
    if rows and rows[0] < len(ids):
        st.query_params[STORY_PARAM] = ids[rows[0]]


def _picked() -> None:
    picked = st.session_state.get("story_pick")
    if picked:
        st.query_params[STORY_PARAM] = picked
    else:
        st.query_params.pop(STORY_PARAM, None)


def story(article_id: str) -> None:
    rows = ui.load("story_articles", article_id=article_id, limit=ui.MAX_LIST_ROWS)
    if rows is None:
        return
    if rows.empty:
        st.warning(f"The link opens story **{ui.md_escape(article_id)}**, which is not in the database (it may have "
                   "been re-clustered by a later load).", icon=":material/link_off:")
        return
    st.subheader("Articles of this story")
    st.caption(f"{len(rows):,} articles, first seen first. Select a row to open the article.")
    with st.container(key="story_articles_table"):
        event = st.dataframe(
            rows.assign(wire_agencies=rows["wire_agencies"].map(ui.format_list)), hide_index=True, width="stretch",
            column_order=["published_at", "title", "site_name", "wire_agencies", "similarity", "url"],
            column_config={"published_at": st.column_config.DatetimeColumn("Published", format="YYYY-MM-DD HH:mm"),
                           "title": st.column_config.TextColumn("Title", width="large"), "site_name": "Outlet",
                           "wire_agencies": "Wire agencies",
                           "similarity": st.column_config.NumberColumn("Similarity", format="%.2f"), "url": "URL"},
            on_select="rerun", selection_mode="single-row", key="story_articles_selection",
        )
    picked = event.selection.rows if event is not None else []
    if picked:
        st.switch_page("views/articles.py",
                       query_params={**ui.filter_query(), "article": str(rows["article_id"].iloc[picked[0]])})


render()
