"""newsdesk dashboard: `streamlit run dashboard/app.py`. Reads only the read copy the loader publishes."""

from __future__ import annotations

import streamlit as st
from PIL import Image, ImageDraw

import data
import ui


def _favicon() -> Image.Image:
    """A small drawn icon: Material or emoji favicons make the browser fetch them from a Google CDN."""
    img = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((2, 2, 29, 29), radius=6, fill=(0, 104, 201, 255))
    for y in (9, 15, 21):
        draw.rectangle((8, y, 23, y + 2), fill=(255, 255, 255, 255))
    return img


st.set_page_config(page_title="newsdesk", page_icon=_favicon(), layout="wide")

if not data.has_data():
    # Before the first load there is nothing to navigate; say what to do instead of failing on a missing file.
    st.title("newsdesk")
    ui.no_data_message()
    st.stop()

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/actors.py", title="Actors", icon=":material/groups:"),
    st.Page("views/topics.py", title="Topics", icon=":material/label:"),
    st.Page("views/trends.py", title="Trends", icon=":material/show_chart:"),
    st.Page("views/stories.py", title="Stories", icon=":material/newspaper:"),
    st.Page("views/dates.py", title="Dates", icon=":material/event:"),
    st.Page("views/places.py", title="Places", icon=":material/map:"),
    st.Page("views/articles.py", title="Articles", icon=":material/article:"),
    st.Page("views/export.py", title="Export", icon=":material/download:"),
    st.Page("views/quality.py", title="Data quality", icon=":material/fact_check:"),
]

page = st.navigation(PAGES)
ui.follow()  # a row or mark clicked in the last run opens its page (ui.go)
# Again after navigation: a page's own (Material) icon would otherwise become the favicon, fetched from a CDN.
st.set_page_config(page_icon=_favicon())
ui.sidebar_filters()
# Above every page and at every width (the sidebar is folded away on a phone): active filters as removable chips.
ui.filter_bar()
page.run()
