"""Shared page pieces: the sidebar filters (kept in the URL), friendly query errors, pagination, safe text."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

import data

# URL parameter names of the sidebar filters (bound widgets use their key as the parameter name).
DATES_KEY, ACTOR_KEY, TOPIC_KEY, SOURCE_KEY = "published", "actor", "topic", "source"
CONFIDENCE_KEY = "min_confidence"  # the minimum confidence of an actor link (0..1; 0 = every link)
FILTER_KEYS = (DATES_KEY, ACTOR_KEY, CONFIDENCE_KEY, TOPIC_KEY, SOURCE_KEY)
CONFIDENCE_STEP = 0.05
FILTER_OPTION_LIMIT = 2_000
ACTOR_OPTION_LIMIT = 200  # the unsearched actor list; "Find actor" reaches every other actor server-side
ACTOR_SEARCH_MAX_CHARS = 100
PAGE_SIZES = (10, 25, 50, 100)
MAX_CHART_ROWS = 5_000  # points one time chart may draw (a coarser bucket draws the rest)
MAX_LIST_ROWS = 1_000  # rows a profile table shows at once (Export has every matching row)


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
    min_confidence: float | None = None  # actor links less sure than this are left out of every actor count and list

    def params(self) -> dict[str, Any]:
        """The parameters of the `_filtered_articles` partial (and of `_actor_links`)."""
        return {"start": self.start, "end": self.end, "actor": self.actor, "topic": self.topic, "source": self.source,
                "min_confidence": self.min_confidence}

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
    st.caption("The dashboard reads the reader store the loader publishes every batch into:")
    st.code(str(data.store_dir()), language=None)


def _options(name: str, **params: Any) -> pd.DataFrame:
    frame = load(name, **params)
    return frame if frame is not None else pd.DataFrame()


def _first(name: str, **params: Any) -> dict[str, Any] | None:
    """The one row a lookup query returns, or None when it finds nothing (or fails, which it reports itself)."""
    frame = load(name, **params)
    return None if frame is None or frame.empty else frame.iloc[0].to_dict()


def _unique_labels(ids: list[str], labels: list[str]) -> dict[str, str]:
    # Labels must be unique so a viewer can tell options apart.
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    return {i: (f"{lab} [{i}]" if seen[lab] > 1 else lab) for i, lab in zip(ids, labels)}


def actor_label(name: object, kind: object) -> str:
    return f"{name} ({kind})"


def actor_matches(search: str = "", *, limit: int = ACTOR_OPTION_LIMIT) -> tuple[dict[str, str], dict[str, str]]:
    """(actor id -> "Name (type)", actor id -> option text). With `search`: every actor whose name or alias matches
    (server-side, case and diacritics ignored; the option names the alias that matched); without: the most mentioned
    actors."""
    search = search.strip()[:ACTOR_SEARCH_MAX_CHARS]
    actors = (_options("actor_search", q=search, limit=limit) if search
              else _options("filter_actors", limit=limit))
    if actors.empty:
        return {}, {}
    ids = actors["actor_id"].tolist()
    plain = _unique_labels(ids, [actor_label(n, t) for n, t in zip(actors["name"], actors["type"])])
    if not search:
        return plain, plain
    shown = {}
    for i, name, form in zip(ids, actors["name"], actors["matched_form"]):
        alias = str(form).casefold() not in str(name).casefold()
        shown[i] = f"{plain[i]} — “{form}”" if alias else plain[i]
    return plain, shown


def actor_options(search: str = "", *, limit: int = ACTOR_OPTION_LIMIT) -> dict[str, str]:
    """Actor id -> option text for actor pickers (see actor_matches)."""
    return actor_matches(search, limit=limit)[1]


# --- Filters in the URL -------------------------------------------------------------------------------------------
# The sidebar filters are bound to the URL by hand, not with bind="query-params": a bound widget silently drops a
# value that is not among its options (an actor outside the top N, a date before Streamlit's ten-year window), so a
# shared link would quietly mean "everything". Here every URL value is looked up; a value the database does not know
# is reported on the page and removed, never ignored in silence.

_SYNCED = "_filters_synced"  # what this session last wrote to the URL, per filter key
_NOTICES = "_filter_notices"  # messages about URL values that could not be applied, shown until dismissed
_LABELS = "_filter_labels"  # id -> label of the values chosen from the URL or a search (chip and option text)


@dataclass(frozen=True)
class Notice:
    level: str  # "warning" | "info"
    text: str  # already markdown-escaped where it quotes the URL


def _url_values(key: str) -> list[str]:
    return [v for v in st.query_params.get_all(key) if v != ""]


def _parse_dates(values: list[str]) -> tuple[tuple[date, ...], Notice | None]:
    days: list[date] = []
    for v in values[:2]:
        try:
            days.append(date.fromisoformat(v.strip()))
        except ValueError:
            return (), Notice("warning", f"The link's publication date **{md_escape(v)}** is not a date "
                                         "(YYYY-MM-DD), so no date range is applied.")
    if len(values) > 2:
        return (), Notice("warning", "The link has more than two publication dates, so no date range is applied.")
    if len(days) == 2 and days[0] > days[1]:
        days.reverse()
        return tuple(days), Notice("info", f"The link's dates were in reverse order; showing {days[0]:%Y-%m-%d} "
                                           f"to {days[1]:%Y-%m-%d}.")
    return tuple(days), None


def _empty(key: str) -> Any:
    """A filter widget's value that filters nothing."""
    return () if key == DATES_KEY else 0.0 if key == CONFIDENCE_KEY else None


def _parse_confidence(raw: str) -> tuple[float, Notice | None]:
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:  # also NaN
        return 0.0, Notice("warning", f"The link's minimum actor confidence **{md_escape(raw)}** is not a number "
                                      "from 0 to 1, so every actor link is shown.")
    return round(value, 2), None


def _apply_url_value(key: str, values: list[str], notices: list[Notice], labels: dict[str, str]) -> Any:
    """The widget value a URL's parameter asks for, looked up in the data; None plus a notice when it is unknown."""
    if key == DATES_KEY:
        days, notice = _parse_dates(values)
        if notice:
            notices.append(notice)
        return days
    raw = values[-1].strip()
    if key == CONFIDENCE_KEY:
        value, notice = _parse_confidence(raw)
        if notice:
            notices.append(notice)
        return value
    if key == ACTOR_KEY:
        row = _first("filter_actor_lookup", focus=raw)
        if row is None:
            notices.append(Notice("warning", f"The link asks for actor id **{md_escape(raw)}**, which is not in the "
                                             "database; the actor filter was removed. Pick an actor in the sidebar."))
            return None
        labels[row["actor_id"]] = actor_label(row["name"], row["type"])
        if row["merged_from"] is not None and not pd.isna(row["merged_from"]):
            notices.append(Notice("info", f"Actor **{md_escape(raw)}** was merged into **{md_escape(row['name'])}** "
                                          f"({md_escape(row['actor_id'])}); showing that actor."))
        return row["actor_id"]
    if key == TOPIC_KEY:
        row = _first("filter_topic_lookup", topic=raw)
        if row is None:
            notices.append(Notice("warning", f"The link asks for topic **{md_escape(raw)}**, which is not in the "
                                             "taxonomy; the topic filter was removed."))
            return None
        labels[row["code"]] = str(row["label"])
        return row["code"]
    if key == SOURCE_KEY:
        row = _first("filter_source_lookup", source=raw)
        if row is None:
            notices.append(Notice("warning", f"The link asks for source **{md_escape(raw)}**, which no article has; "
                                             "the source filter was removed."))
            return None
        return row["site_name"]
    raise KeyError(key)


def _to_url(key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if key == DATES_KEY:
        return [d.isoformat() for d in value]
    if key == CONFIDENCE_KEY:
        return [f"{value:g}"]
    return [str(value)]


def _sync_from_url() -> None:
    """Before the widgets: a filter the URL sets to something this session did not write is looked up and applied."""
    state = st.session_state
    synced: dict[str, list[str]] | None = state.get(_SYNCED)
    notices: list[Notice] = state.setdefault(_NOTICES, [])
    labels: dict[str, str] = state.setdefault(_LABELS, {})
    for key in FILTER_KEYS:
        values = _url_values(key)
        if synced is None:  # first run of this session: the URL is the whole question
            state[key] = _apply_url_value(key, values, notices, labels) if values else _empty(key)
        elif values and values != synced.get(key):  # the URL changed under us (a link followed in this session)
            state[key] = _apply_url_value(key, values, notices, labels)
        elif key not in state:  # widget state dropped (e.g. an interrupted run): fall back to what we last wrote
            state[key] = _empty(key)


def _sync_to_url() -> None:
    """After the widgets: the URL holds exactly the active filters (ids, codes, ISO dates), so a link reproduces them."""
    written: dict[str, list[str]] = {}
    for key in FILTER_KEYS:
        values = _to_url(key, st.session_state.get(key) or None)
        if values:
            if _url_values(key) != values:
                st.query_params[key] = values if len(values) > 1 else values[0]
        elif key in st.query_params:
            del st.query_params[key]
        written[key] = values
    st.session_state[_SYNCED] = written


def _date_bounds() -> tuple[date | None, date | None]:
    bounds = _options("filter_date_bounds")
    if bounds.empty:
        return None, None
    first, last = bounds["first_day"].iloc[0], bounds["last_day"].iloc[0]
    return (None if pd.isna(first) else pd.Timestamp(first).date(),
            None if pd.isna(last) else pd.Timestamp(last).date())


def sidebar_filters() -> Filters:
    """Render the sidebar filters, kept in the URL so a view can be shared; return their values."""
    _sync_from_url()
    state = st.session_state
    labels: dict[str, str] = state[_LABELS]
    first, last = _date_bounds()

    # The picker's bounds come from the data (not Streamlit's ten-year window), widened to a linked range that
    # reaches past them so a shared link from before newer loads is kept as it was.
    picked = tuple(state.get(DATES_KEY) or ())
    lo = min([d for d in (first, *picked) if d is not None], default=None)
    hi = max([d for d in (last, *picked) if d is not None], default=None)

    with st.sidebar:
        st.header("Filters")
        span = f" Articles span {first:%Y-%m-%d} to {last:%Y-%m-%d}." if first and last else ""
        st.date_input(
            "Published between",
            # No `value`: _sync_from_url always sets this key's state (empty = no range) before the widget runs.
            min_value=lo,
            max_value=hi,
            key=DATES_KEY,
            format="YYYY-MM-DD",
            help="Publication date of the articles. Leave empty for all dates." + span,
        )
        found = st.text_input(
            "Find actor",
            key="actor_find",
            max_chars=ACTOR_SEARCH_MAX_CHARS,
            placeholder="Name or alias, e.g. Scholz",
            help="Searches every actor by name and alias (any language the alias table holds); "
                 "then pick one in the list below.",
        )
        plain, matches = actor_matches(found or "")
        labels.update(plain)
        options = dict(matches)
        current = state.get(ACTOR_KEY)
        if current is not None and current not in options:
            options = {current: labels.get(current) or _actor_label_of(current), **options}
        st.selectbox(
            "Actor",
            list(options),
            format_func=lambda i: options.get(i, i),
            index=None,
            placeholder=f"{len(matches):,} matching actors — pick one" if found else "All actors",
            key=ACTOR_KEY,
            help="Only articles that mention this actor.",
        )
        if found:
            st.caption(f"{len(matches):,} actors match “{md_escape(found.strip())}”." if matches else
                       "No actor has that name or alias.")
        st.slider(
            "Minimum actor confidence",
            min_value=0.0,
            max_value=1.0,
            step=CONFIDENCE_STEP,
            format="%.2f",
            # No `value`: _sync_from_url always sets this key's state (0 = every link) before the widget runs.
            key=CONFIDENCE_KEY,
            help="How sure each actor link must be to count (0 = every link). Links vouched for by the alias table "
                 "or a country's name score 0.95, a full name with a title 0.9, an organisation named once 0.6, a "
                 "country only as an adjective 0.5. Applies to every actor count and list, and to the actor filter.",
        )
        topics = _options("filter_topics", limit=FILTER_OPTION_LIMIT)
        topic_labels = _unique_labels(topics["code"].tolist(), topics["label"].tolist()) if not topics.empty else {}
        if state.get(TOPIC_KEY) is not None and state[TOPIC_KEY] not in topic_labels:
            topic_labels = {state[TOPIC_KEY]: labels.get(state[TOPIC_KEY], state[TOPIC_KEY]), **topic_labels}
        labels.update(topic_labels)
        st.selectbox("Topic", list(topic_labels), format_func=lambda c: topic_labels.get(c, c),
                     index=None, placeholder="All topics", key=TOPIC_KEY)
        sources = _options("filter_sources", limit=FILTER_OPTION_LIMIT)
        source_names = sources["site_name"].tolist() if not sources.empty else []
        if state.get(SOURCE_KEY) is not None and state[SOURCE_KEY] not in source_names:
            source_names = [state[SOURCE_KEY], *source_names]
        st.selectbox("Source", source_names, index=None, placeholder="All sources", key=SOURCE_KEY)
        stamp = data.published_at()
        if stamp is not None:
            st.caption(f"Data as of {stamp:%Y-%m-%d %H:%M}")
    _sync_to_url()
    return current_filters()


def _actor_label_of(actor_id: str) -> str:
    row = _first("filter_actor_lookup", focus=actor_id)
    return actor_label(row["name"], row["type"]) if row else actor_id


def current_filters() -> Filters:
    """The filter values the sidebar widgets hold for this run."""
    state = st.session_state
    picked = state.get(DATES_KEY) or ()
    if isinstance(picked, date):  # a single date, not a range
        picked = (picked,)
    start = picked[0] if len(picked) >= 1 else None
    end = picked[1] if len(picked) >= 2 else None
    confidence = state.get(CONFIDENCE_KEY) or None
    return Filters(start=start, end=end, actor=state.get(ACTOR_KEY), topic=state.get(TOPIC_KEY),
                   source=state.get(SOURCE_KEY), min_confidence=float(confidence) if confidence else None)


def _clear(keys: tuple[str, ...]) -> None:
    for key in keys:
        st.session_state[key] = _empty(key)


def _dismiss_notices() -> None:
    st.session_state[_NOTICES] = []


def filter_bar() -> None:
    """Above every page, at every width: what the URL could not apply, and each active filter as a removable chip."""
    notices: list[Notice] = st.session_state.get(_NOTICES, [])
    if notices:
        with st.container(key="filter_notices"):
            for n in notices:
                (st.warning if n.level == "warning" else st.info)(n.text, icon=":material/link_off:"
                                                                  if n.level == "warning" else ":material/info:")
            st.button("Dismiss", key="dismiss_notices", on_click=_dismiss_notices, type="tertiary")
    f = current_filters()
    labels: dict[str, str] = st.session_state.get(_LABELS, {})
    chips: list[tuple[str, str, tuple[str, ...]]] = []
    if f.start or f.end:
        when = (f"{f.start:%Y-%m-%d} – {f.end:%Y-%m-%d}" if f.start and f.end else
                f"from {f.start:%Y-%m-%d}" if f.start else f"until {f.end:%Y-%m-%d}")
        chips.append(("chip_dates", f"Published {when}", (DATES_KEY,)))
    if f.actor:
        chips.append(("chip_actor", f"Actor: {labels.get(f.actor, f.actor)}", (ACTOR_KEY,)))
    if f.min_confidence:
        chips.append(("chip_confidence", f"Actor confidence ≥ {f.min_confidence:.2f}", (CONFIDENCE_KEY,)))
    if f.topic:
        chips.append(("chip_topic", f"Topic: {labels.get(f.topic, f.topic)}", (TOPIC_KEY,)))
    if f.source:
        chips.append(("chip_source", f"Source: {f.source}", (SOURCE_KEY,)))
    if not chips:
        return
    with st.container(key="filter_chips", horizontal=True, gap="small", vertical_alignment="center"):
        for key, text, keys in chips:
            st.button(md_escape(text), key=key, icon=":material/close:", icon_position="right", on_click=_clear,
                      args=(keys,), help="Remove this filter")
        if len(chips) > 1:
            st.button("Clear all", key="chip_clear_all", type="tertiary", on_click=_clear, args=(FILTER_KEYS,))


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


# --- Time charts ----------------------------------------------------------------------------------------------------
BUCKETS = ("day", "week", "month", "year")
# Vega-Lite time units that draw one band per bucket (so a bar is as wide as its period, at any range).
_TIME_UNITS = {"day": "yearmonthdate", "week": "yearweek", "month": "yearmonth", "year": "year"}
_BUCKET_FORMATS = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


def auto_bucket(first: date | None, last: date | None) -> str:
    """The bucket that gives a readable number of bars (about 10 to 150) over a range of days."""
    if first is None or last is None:
        return "month"
    days = (last - first).days + 1
    if days <= 92:
        return "day"
    if days <= 2 * 366:
        return "week"
    if days <= 12 * 366:
        return "month"
    return "year"


def filter_query() -> dict[str, str | list[str]]:
    """The active filters as URL parameters, to carry them along when a link opens another page."""
    out: dict[str, str | list[str]] = {}
    for key in FILTER_KEYS:
        values = _to_url(key, st.session_state.get(key) or None)
        if values:
            out[key] = values if len(values) > 1 else values[0]
    return out


def url_choice(label: str, options: dict[str, str], *, key: str, default: str,
               on_change: Any = None) -> str:
    """A segmented control whose value lives in the URL as the option's id (`?key=id`, not its label); an id the
    control does not offer falls back to the default with a visible note."""
    state = st.session_state
    widget = f"_w_{key}"
    wanted = st.query_params.get(key)
    if widget not in state or (wanted and wanted != state.get(f"_url_{key}")):
        if wanted and wanted not in options:
            st.warning(f"The link's {md_escape(key)}={md_escape(wanted)} is not one of "
                       f"{md_escape(', '.join(options))}; showing {md_escape(options[default])}.",
                       icon=":material/link_off:")
        state[widget] = wanted if wanted in options else default
    picked = st.segmented_control(label, list(options), format_func=options.__getitem__, key=widget,
                                  required=True, on_change=on_change) or default
    if st.query_params.get(key) != picked:
        st.query_params[key] = picked
    state[f"_url_{key}"] = picked
    return str(picked)


def bucket_picker(filters: Filters, *, key: str) -> str:
    """A 'per day/week/month/year' control (in the URL), 'auto' choosing from the filtered range; the bucket."""
    span = load("filtered_date_span", **filters.params())
    first = last = None
    if span is not None and not span.empty and pd.notna(span["first_day"].iloc[0]):
        first, last = pd.Timestamp(span["first_day"].iloc[0]).date(), pd.Timestamp(span["last_day"].iloc[0]).date()
    auto = auto_bucket(filters.start or first, filters.end or last)
    labels = {"auto": f"Auto ({auto})", **{b: b.capitalize() for b in BUCKETS}}
    picked = url_choice("Per", labels, key=key, default="auto")
    return auto if picked == "auto" else picked


def time_x(bucket: str, title: str = "Published", field: str = "period") -> alt.X:
    return alt.X(f"{_TIME_UNITS[bucket]}({field}):T", title=title,
                 axis=alt.Axis(format=_BUCKET_FORMATS[bucket], labelOverlap=True))


def time_tooltip(bucket: str, field: str = "period") -> alt.Tooltip:
    return alt.Tooltip(f"{_TIME_UNITS[bucket]}({field}):T", title=bucket.capitalize(), format=_BUCKET_FORMATS[bucket])


def attention_chart(frame: pd.DataFrame, bucket: str, measure: str) -> alt.Chart:
    """Articles (or share of all filtered articles) per period, one line per series; bars for a single series."""
    y_title = "Share of articles" if measure == "share" else "Articles"
    y = (alt.Y("share:Q", title=y_title, axis=alt.Axis(format="%")) if measure == "share"
         else alt.Y("articles:Q", axis=count_axis(y_title)))
    tooltip = [alt.Tooltip("series:N", title="Series"), time_tooltip(bucket),
               alt.Tooltip("articles:Q", title="Articles"), alt.Tooltip("all_articles:Q", title="All articles"),
               alt.Tooltip("share:Q", title="Share", format=".1%")]
    base = alt.Chart(frame).encode(x=time_x(bucket), y=y, tooltip=tooltip)
    if frame["series_id"].nunique() == 1:
        return base.mark_bar()
    color = alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom", columns=2, labelLimit=240))
    return base.mark_line(point=True).encode(color=color)


# --- Click-through ----------------------------------------------------------------------------------------------------
# A selected row or chart mark opens what it names. Selections are handled in on_select callbacks (they fire once, when
# the selection changes, so a selection kept in widget state never opens its target again); a callback cannot switch
# pages, so it leaves the target here and app.py's follow() opens it at the top of the next run, filters kept.
_GOTO = "_goto"
ACTORS_PAGE, ARTICLES_PAGE, STORIES_PAGE = "views/actors.py", "views/articles.py", "views/stories.py"


def go(page: str, **params: str) -> None:
    """From a callback: open `page` with these URL parameters (beside the active filters) on the next run."""
    st.session_state[_GOTO] = (page, params)


def follow() -> None:
    """Open the page a click asked for (see go); called by app.py on every run, after navigation is set up."""
    target = st.session_state.pop(_GOTO, None)
    if target:
        page, params = target
        st.switch_page(page, query_params={**filter_query(), **params})


def open_actor(actor_id: str) -> None:
    """An actor's profile (Actors page, ?focus=)."""
    go(ACTORS_PAGE, focus=str(actor_id))


def open_topic(code: str) -> None:
    """A topic's articles: the Articles page filtered by the topic (a removable chip like any filter)."""
    go(ARTICLES_PAGE, topic=str(code))


def open_source(name: str) -> None:
    """A source's articles: the Articles page filtered by the outlet."""
    go(ARTICLES_PAGE, source=str(name))


def open_story(story_id: str) -> None:
    go(STORIES_PAGE, story=str(story_id))


def open_article(article_id: str) -> None:
    go(ARTICLES_PAGE, article=str(article_id))


def _widget_key(key: str, version: str) -> str:
    """A widget key per `version` (e.g. the profiled actor), so a new version starts without the old selection."""
    return f"{key}_{re.sub(r'[^A-Za-z0-9_-]', '_', version)}" if version else key


def linked_table(frame: pd.DataFrame, ids: list[Any], opens: Any, *, key: str, version: str = "",
                 column_config: dict[str, Any] | None = None, column_order: list[str] | None = None) -> None:
    """ui.table whose selected row opens `opens(ids[row])` (an actor's profile, a topic's articles...)."""
    names = [str(i) for i in ids]
    widget = _widget_key(f"{key}_selection", version)

    def picked() -> None:
        rows = st.session_state[widget].selection.rows
        if rows and rows[0] < len(names) and names[rows[0]] not in ("", "nan", "None"):
            opens(names[rows[0]])

    with st.container(key=key):
        st.dataframe(frame, hide_index=True, width="stretch", column_config=column_config, column_order=column_order,
                     on_select=picked, selection_mode="single-row", key=widget)


PICK = "pick"  # the point-selection parameter of clickable charts
BRUSH = "brush"  # the interval-selection parameter of time charts (a drag sets the date range)


def pick_param(field: str) -> Any:
    """A click on a mark selects its `field` (an id)."""
    return alt.selection_point(name=PICK, fields=[field], on="click", clear="dblclick")


def clickable_chart(chart: Any, *, key: str, field: str, opens: Any, version: str = "") -> None:
    """Draw a chart that has pick_param(field) on a layer; a click on a mark opens `opens(its field)`."""
    box, key = key, _widget_key(key, version)

    def picked() -> None:
        chosen = st.session_state[key].selection.get(PICK) or []
        value = chosen[0].get(field) if chosen and isinstance(chosen[0], dict) else None
        if value not in (None, ""):
            opens(str(value))

    with st.container(key=f"{box}_box"):
        st.altair_chart(chart, width="stretch", on_select=picked, selection_mode=[PICK], key=key)


def _brush_day(value: Any) -> date:
    stamp = pd.Timestamp(value, unit="ms") if isinstance(value, (int, float)) else pd.Timestamp(value)
    return stamp.date()


def time_chart(chart: Any, *, key: str) -> None:
    """Draw a time chart (x: periods) with a drag-to-select interval: the dragged range becomes the date filter."""
    f = current_filters()
    widget = _widget_key(key, f"{f.start}_{f.end}")  # a new range draws a fresh chart, without the old brush

    def dragged() -> None:
        brush = st.session_state[widget].selection.get(BRUSH) or {}
        values = next(iter(brush.values()), None) if isinstance(brush, dict) else None
        if not values or len(values) != 2:
            return
        lo, hi = sorted(_brush_day(v) for v in values)
        st.session_state[DATES_KEY] = (lo, hi)

    with st.container(key=f"{key}_box"):
        st.altair_chart(chart.add_params(alt.selection_interval(name=BRUSH, encodings=["x"])), width="stretch",
                        on_select=dragged, selection_mode=[BRUSH], key=widget)
    st.caption("Drag across the chart to set the date range.")


# --- Highlighting -----------------------------------------------------------------------------------------------------
HIGHLIGHT_COLOURS = {"quote": "green", "date": "orange", "actor": "blue"}  # also the order spans are claimed in
_SPACES = re.compile(r"[ \t\r\f\v]+")


def _inline(text: str) -> str:
    """Scraped text as inert inline markdown: every special character escaped, runs of spaces one space (no code
    blocks), edge spaces kept (unlike md_escape, which trims)."""
    return _MD_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text))


def highlighted(text: str, marks: dict[str, list[str]]) -> str:
    """Article text as markdown with what was found in it on a coloured background: `marks` maps a kind (actor, date,
    quote) to the strings as the article wrote them. Every character of the text is escaped (only the background
    directives this function writes are markdown); paragraphs are kept; where spans overlap, quotes win over dates
    and dates over actors, and a longer string over a shorter."""
    taken = bytearray(len(text))
    spans: list[tuple[int, int, str]] = []
    for kind in HIGHLIGHT_COLOURS:
        terms = sorted({t.strip() for t in marks.get(kind, []) if t and len(t.strip()) >= 2}, key=len, reverse=True)
        for term in terms:
            for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text):
                if any(taken[m.start():m.end()]):
                    continue
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
                spans.append((m.start(), m.end(), kind))
    out: list[str] = []
    pos = 0
    for start, end, kind in sorted(spans):
        out.append(_paragraphs(text[pos:start]))
        out.append(f":{HIGHLIGHT_COLOURS[kind]}-background[{_inline(text[start:end].replace(chr(10), ' '))}]")
        pos = end
    out.append(_paragraphs(text[pos:]))
    return "".join(out)


def _paragraphs(text: str) -> str:
    return "\n\n".join(_inline(line) for line in text.split("\n"))


def _fold_char(c: str) -> str:
    """newsdesk.store.search.fold for one character (the dashboard does not import the store)."""
    c = "'" if c in "\u2019\u2018" else c
    c = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    return c.lower().replace("\u00df", "ss")


def mark_words(text: str, words: list[str], prefixes: list[bool] | None = None) -> str:
    """Plain text with every occurrence of the searched words between « and », compared as the search compares them
    (case, accents and apostrophes folded); a prefix (`minist*`) marks the whole word it starts."""
    chars: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        for f in _fold_char(c):
            chars.append(f)
            origin.append(i)
    folded = "".join(chars)
    flags = prefixes if prefixes is not None and len(prefixes) == len(words) else [False] * len(words)
    spans: list[tuple[int, int]] = []
    for word, prefix in set(zip(words, flags)):
        if not word:
            continue
        tail = r"[^\W_]*" if prefix else r"(?![^\W_])"
        for m in re.finditer(rf"(?<![^\W_]){re.escape(word)}{tail}", folded):
            spans.append((origin[m.start()], origin[m.end() - 1] + 1))
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:  # overlaps the previous mark
            continue
        out += [text[pos:start], "«", text[start:end], "»"]
        pos = end
    out.append(text[pos:])
    return "".join(out)
