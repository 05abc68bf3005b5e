"""Trends: attention over time for several actors, topics or sources on one chart, in articles or as a share of all
the filtered articles, per day, week, month or year."""

from __future__ import annotations

import streamlit as st

import ui

KINDS = {"actor": "Actors", "topic": "Topics", "source": "Sources"}
KIND_PARAM, COMPARE_PARAM = "kind", "compare"
MAX_SERIES = 8
DEFAULT_SERIES = 3
MEASURES = {"articles": "Articles", "share": "Share of all articles"}
_SEEDED = "_trends_seeded"  # the URL's `compare` values have been looked up once this session


def render() -> None:
    st.title("Trends")
    filters = ui.current_filters()
    st.caption("How often actors, topics or sources were in the news, compared on one chart. Counts are articles "
               "(an article that mentions an actor ten times counts once), among those that pass the filters.")

    kind = ui.url_choice("Compare", KINDS, key=KIND_PARAM, default="actor", on_change=_kind_changed)
    options, labels = _options(kind, filters)
    _picked(kind, options, labels)
    st.multiselect(
        f"{KINDS[kind]} to compare",
        list(options),
        format_func=lambda i: options.get(i, labels.get(i, i)),
        max_selections=MAX_SERIES,
        key=f"compare_{kind}",
        placeholder=f"Pick up to {MAX_SERIES}",
        on_change=_picks_changed,
        args=(kind,),
    )
    picked = list(st.session_state.get(f"compare_{kind}") or [])
    auto = not picked
    if auto:
        picked = list(options)[:DEFAULT_SERIES]
    if not picked:
        ui.empty(f"No {KINDS[kind].lower()} in the articles that pass the filters. Widen the date range or clear a "
                 "filter.")
        return
    if auto:
        st.caption(f"Showing the {len(picked)} most frequent; pick others above to compare them.")

    c1, c2 = st.columns([3, 2])
    with c1:
        bucket = ui.bucket_picker(filters, key="per")
    with c2:
        measure = ui.url_choice("Measure", MEASURES, key="measure", default="articles")

    frame = ui.load("attention", **filters.params(), kind=kind, ids=picked, bucket=bucket, limit=ui.MAX_CHART_ROWS)
    if frame is None:
        return
    if frame.empty or int(frame["articles"].sum()) == 0:
        ui.empty("None of these appears in a dated article that passes the filters. Widen the date range, clear a "
                 "filter, or pick others.")
        return
    if len(frame) >= ui.MAX_CHART_ROWS:
        st.caption("The range holds more periods than one chart can draw; choose a coarser bucket.")
    ui.time_chart(ui.attention_chart(frame, bucket, measure), key="trend_time")
    totals = (frame.groupby(["series_id", "series"], as_index=False)["articles"].sum()
              .sort_values("articles", ascending=False))
    st.caption("Select a row to open the actor's profile." if kind == "actor" else
               f"Select a row to read the {kind}'s articles.")
    opens = {"actor": ui.open_actor, "topic": ui.open_topic, "source": ui.open_source}[kind]
    ui.linked_table(totals.drop(columns=["series_id"]), totals["series_id"].tolist(), opens, key="trend_totals",
                    version=kind,
             column_config={"series": KINDS[kind][:-1], "articles": f"Articles (summed per {bucket})"})
    with st.expander("Chart data"):
        ui.table(frame, key="trend_data",
                 column_config={"series_id": "Id", "series": "Series", "period": ui.date_column("Period start"),
                                "articles": "Articles", "all_articles": "All articles",
                                "share": st.column_config.NumberColumn("Share", format="percent")})
        st.download_button("Download CSV", frame.to_csv(index=False).encode("utf-8"),
                           file_name=f"newsdesk-trends-{kind}-{bucket}.csv", mime="text/csv", key="trend_csv")


def _options(kind: str, filters: ui.Filters) -> tuple[dict[str, str], dict[str, str]]:
    """(the picker's options: id -> text, most frequent under the filters first; id -> plain label)."""
    if kind == "actor":
        found = st.text_input("Find actors to add", key="trend_find", max_chars=ui.ACTOR_SEARCH_MAX_CHARS,
                              placeholder="Any name or alias, e.g. Scholz")
        if (found or "").strip():
            plain, shown = ui.actor_matches(found or "", limit=50)
            return shown, plain
        top = ui.load("actors_top", **filters.params(), actor_type=None, limit=50, order="articles")
        if top is None or top.empty:
            return {}, {}
        labels = {str(i): ui.actor_label(n, t) for i, n, t in zip(top["actor_id"], top["name"], top["type"])}
        return labels, labels
    if kind == "topic":
        top = ui.load("topics_top", **filters.params(), limit=200)
        if top is None or top.empty:
            return {}, {}
        labels = dict(zip(top["code"].astype(str), top["label"].astype(str)))
        return labels, labels
    top = ui.load("filter_sources", limit=ui.FILTER_OPTION_LIMIT)
    if top is None or top.empty:
        return {}, {}
    labels = {str(s): str(s) for s in top["site_name"]}
    return labels, labels


def _lookup(kind: str, value: str) -> tuple[str, str] | None:
    """(id, label) of a URL value, or None when the database does not know it."""
    if kind == "actor":
        row = ui.load("filter_actor_lookup", focus=value)
        return None if row is None or row.empty else (str(row["actor_id"].iloc[0]),
                                                      ui.actor_label(row["name"].iloc[0], row["type"].iloc[0]))
    if kind == "topic":
        row = ui.load("filter_topic_lookup", topic=value)
        return None if row is None or row.empty else (str(row["code"].iloc[0]), str(row["label"].iloc[0]))
    row = ui.load("filter_source_lookup", source=value)
    return None if row is None or row.empty else (str(row["site_name"].iloc[0]),) * 2


def _picked(kind: str, options: dict[str, str], labels: dict[str, str]) -> list[str]:
    """Seed the picker from the URL once per session (unknown values reported), keep the picked ones among the
    options, and remember their labels."""
    state = st.session_state
    key = f"compare_{kind}"
    known: dict[str, str] = state.setdefault("_trend_labels", {})
    seeded: set[str] = state.setdefault(_SEEDED, set())
    if kind not in seeded:
        seeded.add(kind)
        wanted = [v for v in st.query_params.get_all(COMPARE_PARAM) if v]
        ids, unknown = [], []
        for value in wanted[:MAX_SERIES]:
            hit = _lookup(kind, value)
            if hit is None:
                unknown.append(value)
            else:
                ids.append(hit[0])
                known[hit[0]] = hit[1]
        if unknown:
            state["_trend_unknown"] = unknown
        if wanted:
            state[key] = list(dict.fromkeys(ids))
    if state.get("_trend_unknown"):
        names = ", ".join(f"**{ui.md_escape(v)}**" for v in state["_trend_unknown"])  # each escaped
        st.warning(f"The link asks to compare {names}, which the database does not know as "
                   f"{KINDS[kind].lower()}; left out.", icon=":material/link_off:")
    known.update(labels)
    for i in state.get(key) or []:
        if i not in options:
            options[i] = known.get(i, i)
    _write_url(kind)
    return list(state.get(key) or [])


def _write_url(kind: str) -> None:
    picked = list(st.session_state.get(f"compare_{kind}") or [])
    if picked:
        if st.query_params.get_all(COMPARE_PARAM) != picked:
            st.query_params[COMPARE_PARAM] = picked
    elif COMPARE_PARAM in st.query_params:
        del st.query_params[COMPARE_PARAM]


def _kind_changed() -> None:
    """A new kind starts a new comparison: the URL's ids belonged to the old one."""
    st.session_state[_SEEDED] = set(KINDS)
    st.session_state.pop("_trend_unknown", None)
    st.query_params.pop(COMPARE_PARAM, None)


def _picks_changed(kind: str) -> None:
    st.session_state.pop("_trend_unknown", None)
    _write_url(kind)


render()
