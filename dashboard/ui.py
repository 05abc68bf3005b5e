"""Shared page pieces: the sidebar filters (kept in the URL), friendly query errors, pagination, safe text."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

import data

# URL parameter names of the sidebar filters (bound widgets use their key as the parameter name).
DATES_KEY, ACTOR_KEY, TOPIC_KEY, SOURCE_KEY = "published", "actor", "topic", "source"
FILTER_OPTION_LIMIT = 2_000
PAGE_SIZES = (10, 25, 50, 100)


# Every ASCII punctuation character that markdown, HTML or Streamlit's directives (":red[...]", ":material/x:",
# "$math$") give meaning to; CommonMark lets any of them be backslash-escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'/])")


def md_escape(text: object) -> str:
    """Scraped text made inert for st.markdown: every markdown, HTML and Streamlit directive character escaped."""
    flat = " ".join(str(text).split())  # newlines could start block syntax (lists, headings, tables)
    return _MD_SPECIAL.sub(r"\\\1", flat)


def count_axis(title: str) -> alt.Axis:
    """An axis for counts: whole numbers only."""
    return alt.Axis(title=title, format="d", tickMinStep=1)


def day_axis(days: pd.Series, title: str, field: str = "day") -> alt.X:
    """An x encoding of whole days, padded by a day each side so one day still draws as a normal-width bar."""
    first, last = pd.Timestamp(days.min()), pd.Timestamp(days.max())
    domain = [(first - pd.Timedelta(days=1)).isoformat(), (last + pd.Timedelta(days=2)).isoformat()]
    return alt.X(f"yearmonthdate({field}):T", title=title, scale=alt.Scale(domain=domain))


def date_column(label: str) -> Any:
    """A table column for DATE values (DuckDB hands them to pandas as midnight timestamps)."""
    return st.column_config.DateColumn(label, format="YYYY-MM-DD")


@dataclass(frozen=True)
class Filters:
    """The sidebar filters as SQL parameters (None = no filter)."""

    start: date | None = None
    end: date | None = None
    actor: str | None = None
    topic: str | None = None
    source: str | None = None

    def params(self) -> dict[str, Any]:
        """The parameters of the `_filtered_articles` partial."""
        return {"start": self.start, "end": self.end, "actor": self.actor, "topic": self.topic, "source": self.source}

    @property
    def active(self) -> bool:
        return any(v is not None for v in self.params().values())


def load(name: str, *, order: str | None = None, **params: Any) -> pd.DataFrame | None:
    """data.query, with failures shown as a friendly message; None means the page should stop this section."""
    try:
        return data.query(name, order=order, **params)
    except data.NoData:
        no_data_message()
    except data.QueryTimeout:
        st.warning(
            f"This view took longer than {data.timeout_s():g} seconds and was stopped. "
            "Narrow the date range or the other filters and try again.",
            icon=":material/timer_off:",
        )
    except data.QueryFailed:
        st.error(
            "The database could not answer this view. The published copy may come from an older or newer "
            "schema; run a fresh load (`make run`) and reload the page.",
            icon=":material/error:",
        )
    return None


def no_data_message() -> None:
    st.info(
        "**No data yet.** Load some articles first — run `make run`, or `newsdesk ingest seeds/` — "
        "then reload this page.",
        icon=":material/inbox:",
    )
    st.caption("The dashboard reads the copy the loader publishes after every load:")
    st.code(str(data.read_copy()), language=None)


def _options(name: str, **params: Any) -> pd.DataFrame:
    frame = load(name, **params)
    return frame if frame is not None else pd.DataFrame()


def _unique_labels(ids: list[str], labels: list[str]) -> dict[str, str]:
    # Bound selectboxes put the option's label in the URL, so labels must be unique to round-trip.
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    return {i: (f"{lab} [{i}]" if seen[lab] > 1 else lab) for i, lab in zip(ids, labels)}


def actor_options() -> dict[str, str]:
    """Actor id -> unique display label ("Name (type)"), most mentioned first, for actor pickers."""
    actors = _options("filter_actors", limit=FILTER_OPTION_LIMIT)
    if actors.empty:
        return {}
    return _unique_labels(actors["actor_id"].tolist(), [f"{n} ({t})" for n, t in zip(actors["name"], actors["type"])])


def sidebar_filters() -> Filters:
    """Render the sidebar filters, bound to the URL so a view can be shared; return their values."""
    bounds = _options("filter_date_bounds")
    first = bounds["first_day"].iloc[0] if not bounds.empty else None
    last = bounds["last_day"].iloc[0] if not bounds.empty else None
    first = None if pd.isna(first) else pd.Timestamp(first).date()
    last = None if pd.isna(last) else pd.Timestamp(last).date()

    actor_labels = actor_options()
    topics = _options("filter_topics", limit=FILTER_OPTION_LIMIT)
    sources = _options("filter_sources", limit=FILTER_OPTION_LIMIT)
    topic_labels = _unique_labels(topics["code"].tolist(), topics["label"].tolist()) if not topics.empty else {}
    source_names = sources["site_name"].tolist() if not sources.empty else []

    with st.sidebar:
        st.header("Filters")
        span = f" Articles span {first:%Y-%m-%d} to {last:%Y-%m-%d}." if first and last else ""
        st.date_input(
            "Published between",
            value=(),
            # No min/max from the data: a bound widget drops a URL range that exceeds them, so a shared link
            # would silently turn into "all dates" once the data moved on.
            key=DATES_KEY,
            bind="query-params",
            help="Publication date of the articles. Leave empty for all dates." + span,
        )
        st.selectbox(
            "Actor",
            list(actor_labels),
            index=None,
            format_func=actor_labels.__getitem__,
            placeholder="All actors",
            key=ACTOR_KEY,
            bind="query-params",
            help="Only articles that mention this actor.",
        )
        st.selectbox(
            "Topic",
            list(topic_labels),
            index=None,
            format_func=topic_labels.__getitem__,
            placeholder="All topics",
            key=TOPIC_KEY,
            bind="query-params",
        )
        st.selectbox(
            "Source",
            source_names,
            index=None,
            placeholder="All sources",
            key=SOURCE_KEY,
            bind="query-params",
        )
        stamp = data.published_at()
        if stamp is not None:
            st.caption(f"Data as of {stamp:%Y-%m-%d %H:%M}")
    return current_filters()


def current_filters() -> Filters:
    """The filter values the sidebar widgets hold for this run."""
    state = st.session_state
    picked = state.get(DATES_KEY) or ()
    if isinstance(picked, date):  # a single date, not a range
        picked = (picked,)
    start = picked[0] if len(picked) >= 1 else None
    end = picked[1] if len(picked) >= 2 else None
    return Filters(start=start, end=end, actor=state.get(ACTOR_KEY), topic=state.get(TOPIC_KEY),
                   source=state.get(SOURCE_KEY))


def pager(total: int, *, key: str = "page", size_key: str = "size") -> tuple[int, int]:
    """Page-size and page-number widgets (bound to the URL); return (limit, offset) for the current page."""
    left, right, info = st.columns([1, 1, 3], vertical_alignment="bottom")
    with left:
        size = st.selectbox("Rows per page", PAGE_SIZES, index=1, key=size_key, bind="query-params")
    pages = max(1, math.ceil(total / size))
    with right:
        page = st.number_input("Page", min_value=1, max_value=pages, value=1, step=1, key=key, bind="query-params")
    with info:
        st.caption(f"Page {page} of {pages} · {total:,} rows")
    return size, (page - 1) * size


def table(frame: pd.DataFrame, *, key: str, column_config: dict[str, Any] | None = None,
          column_order: list[str] | None = None) -> None:
    """A read-only table (cells are drawn as text, never HTML) in a keyed container, so tests can find it."""
    with st.container(key=key):
        st.dataframe(frame, hide_index=True, width="stretch", column_config=column_config, column_order=column_order)


def reset_page(key: str = "page") -> None:
    """on_change callback: a new search or filter starts again at page 1."""
    st.session_state[key] = 1


def empty(message: str) -> None:
    """The empty state of a section: what is missing and what to try."""
    st.info(message, icon=":material/search_off:")


def format_list(values: Any) -> str:
    """A list column (authors, roles) as plain comma-separated text."""
    if values is None:
        return ""
    try:
        return ", ".join(str(v) for v in list(values))
    except TypeError:
        return str(values)
