"""Articles: search and page through the filtered articles; open one to see its actors, dates, topics and quotes."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

import data
import ui

ARTICLE_PARAM = "article"
ORIGINAL_URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)
SEARCH_MAX_CHARS = 200
SORTS = {"relevance": "Best match", "newest": "Newest first", "oldest": "Oldest first", "title": "Title (A-Z)"}
LIST_COLUMNS: dict[str, Any] = {
    "published_at": st.column_config.DatetimeColumn("Published", format="YYYY-MM-DD HH:mm"),
    "title": st.column_config.TextColumn("Title", width="large"),
    "snippet": st.column_config.TextColumn("Where it matches", width="large",
                                           help="The text around the first searched word, the words «marked»."),
    "site_name": "Source",
    "authors": st.column_config.ListColumn("Authors"),
    "n_actors": "Actors",
    "n_dates": "Dates",
    "n_quotes": "Quotes",
    "top_topics": "Topics",
    "score": st.column_config.NumberColumn("Score", format="%.2f"),
}

ACTOR_COLUMNS: dict[str, Any] = {
    "actor_id": None, "name": "Actor", "type": "Type", "country": "Country", "mentions": "Mentions",
    "roles": st.column_config.ListColumn("Roles"), "roles_written": st.column_config.ListColumn("Roles as written"),
    "aliases": st.column_config.ListColumn("Written as"), "in_title": "In title", "in_lead": "In lead",
    "is_source": "Cited as source",
    "confidence": st.column_config.NumberColumn("Confidence", format="%.2f"),
}
DATE_COLUMNS: dict[str, Any] = {
    "mention_idx": None, "date_text": "As written", "date_type": "Type", "date_value": "Value (TimeML)",
    "start_date": ui.date_column("From"),
    "end_date": ui.date_column("To"), "granularity": "Granularity", "sentence": "Sentence",
}
TOPIC_COLUMNS: dict[str, Any] = {"code": "Code", "label": "Topic", "level": "Level", "score": "Score", "rank": "Rank",
                                 "method": "Method"}
QUOTE_COLUMNS: dict[str, Any] = {"quote_idx": None, "speaker": "Speaker", "quote": "Quote", "char_start": "From char",
                                 "char_end": "To char"}


def render() -> None:
    article_id = st.query_params.get(ARTICLE_PARAM)
    if article_id:
        article_view(article_id)
    else:
        article_list()


def open_article(article_id: str) -> None:
    st.query_params[ARTICLE_PARAM] = article_id


def close_article() -> None:
    st.query_params.pop(ARTICLE_PARAM, None)


def article_list() -> None:
    st.title("Articles")
    filters = ui.current_filters()
    fts = data.search_available()

    c1, c2 = st.columns([3, 1])
    q = c1.text_input(
        "Search",
        max_chars=SEARCH_MAX_CHARS,
        key="q",
        bind="query-params",
        on_change=ui.reset_page,
        placeholder="Words in the title or text" if fts else "Words in the title",
        help=('All words must appear. "exact phrase", OR between alternatives, -word or NOT word to exclude, '
              "prefix* for word beginnings; case, accents and apostrophes do not matter.") if fts
        else "Matches titles containing this text.",
    )
    q = (q or "").strip()
    sorts = list(SORTS) if (q and fts) else [k for k in SORTS if k != "relevance"]  # no score without a search
    sort = c2.selectbox("Sort by", sorts, format_func=SORTS.__getitem__, key="sort", bind="query-params",
                        on_change=ui.reset_page)

    parsed = data.search_params(q) if q and fts else None
    full_text = parsed is not None
    pattern = data.escape_like(q) if q and not fts else None  # the fallback: escaped ILIKE on titles
    if full_text:
        counted = ui.load("articles_fts_count", **filters.params(), **parsed)
    else:
        counted = ui.load("articles_count", **filters.params(), pattern=pattern)
    if counted is None:
        return
    total = int(counted["total"].iloc[0])
    if total == 0:
        ui.empty("No articles match. Try other words, or clear filters in the sidebar." if q else
                 "No articles match these filters. Widen the date range or clear a filter in the sidebar.")
        return

    limit, offset = ui.pager(total)
    if full_text:
        rows = ui.load("articles_fts", **filters.params(), **parsed, limit=limit, offset=offset, order=sort)
    else:
        rows = ui.load("articles_list", **filters.params(), pattern=pattern, limit=limit, offset=offset, order=sort)
    if rows is None:
        return
    if full_text and "snippet" in rows.columns:
        rows = rows.assign(snippet=[ui.mark_words(str(t), list(parsed["q_word"]), list(parsed["q_prefix"]))
                                    if isinstance(t, str) else "" for t in rows["snippet"]])
    matches = "1 article matches" if total == 1 else f"{total:,} articles match"
    st.caption(f"{matches}. Select a row (or pick a title below) to open the article.")
    with st.container(key="articles_table"):
        event = st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            column_order=[c for c in LIST_COLUMNS if c in rows.columns],
            column_config=LIST_COLUMNS,
            on_select="rerun",
            selection_mode="single-row",
            key="articles_selection",
        )
    picked = event.selection.rows if event is not None else []
    if picked:
        open_article(str(rows["article_id"].iloc[picked[0]]))
        st.rerun()

    titles = dict(zip(rows["article_id"], rows["title"]))
    choice = st.selectbox("Open article", list(titles), index=None, format_func=titles.__getitem__,
                          placeholder="Pick a title on this page", key="open_pick")
    if choice:
        open_article(choice)
        st.rerun()


def article_view(article_id: str) -> None:
    st.button("Back to articles", icon=":material/arrow_back:", on_click=close_article)
    detail = ui.load("article_detail", article_id=article_id)
    if detail is None:
        return
    if detail.empty:
        st.title("Article not found")
        ui.empty("No article has this id. It may have been replaced by a newer load; search for it again.")
        return
    a = detail.iloc[0]
    # Titles are scraped text: escaped so markdown, HTML and links in them show as literal characters.
    st.title(ui.md_escape(a["title"]))
    original = _text(a["canonical_url"] if pd.notna(a["canonical_url"]) else a["url"])
    if ORIGINAL_URL.fullmatch(original):  # http(s) only: never javascript:, data: or a file
        st.link_button("Open the original", original, icon=":material/open_in_new:")
    meta = pd.DataFrame(
        {
            "field": ["Published", "Source", "Authors", "Wire agencies", "Dateline", "Language", "Words", "URL", "Article id",
                      "Read from", "Load"],
            "value": [
                _published(a),
                _text(a["site_name"]),
                ui.format_list(a["authors"]),
                ui.format_list(a["wire_agencies"]),
                " · ".join(_text(v) for v in (a["dateline_place"], a["dateline_agency"]) if pd.notna(v)),
                _text(a["language"]),
                f"{int(a['word_count']):,}",
                _text(a["canonical_url"] if pd.notna(a["canonical_url"]) else a["url"]),
                str(a["article_id"]),
                _text(a["source_ref"]),
                _text(a["load_id"]),
            ],
        }
    )
    ui.table(meta, key="article_meta", column_config={"field": "Field", "value": "Value"})

    min_confidence = ui.current_filters().min_confidence
    actors = ui.load("article_actors", article_id=article_id, min_confidence=min_confidence, limit=500)
    dates = ui.load("article_dates", article_id=article_id, limit=500)
    topics = ui.load("article_topics", article_id=article_id, limit=100)
    quotes = ui.load("article_quotes", article_id=article_id, limit=500)

    def count(frame: pd.DataFrame | None) -> str:
        return "" if frame is None else f" ({len(frame)})"

    tabs = st.tabs(["Text", f"Actors{count(actors)}", f"Dates{count(dates)}", f"Topics{count(topics)}",
                    f"Quotes{count(quotes)}"])
    with tabs[0]:
        if int(a["text_chars"]) > len(a["text"]):
            st.caption(f"Showing the first {len(a['text']):,} of {int(a['text_chars']):,} characters.")
        marks = _marks(actors, dates, quotes)
        lit = st.toggle("Highlight what was found", value=True, key="highlight",
                        help="Actors (as written) on blue, dates on orange, quotations on green.")
        if lit and any(marks.values()):
            st.caption("Actors on :blue-background[blue], dates on :orange-background[orange], quotations on "
                       ":green-background[green].")
        with st.container(height=480, key="article_text"):
            if lit and any(marks.values()):
                # Every character of the text is escaped by ui.highlighted; only its background directives are markdown.
                st.markdown(ui.highlighted(str(a["text"]), marks))
            else:
                st.text(a["text"])  # st.text never interprets markdown or HTML
    sections = [
        (tabs[1], actors, "No actors found in this article.", ACTOR_COLUMNS, "article_actors"),
        (tabs[2], dates, "No dates found in this article.", DATE_COLUMNS, "article_dates"),
        (tabs[3], topics, "No topics assigned to this article.", TOPIC_COLUMNS, "article_topics"),
        (tabs[4], quotes, "No quotations found in this article.", QUOTE_COLUMNS, "article_quotes"),
    ]
    for tab, frame, empty_message, columns, key in sections:
        with tab:
            if key == "article_actors" and min_confidence:
                st.caption(f"Actor links at least {min_confidence:.2f} sure (the sidebar's minimum confidence).")
            if frame is None:
                continue
            if frame.empty:
                ui.empty(empty_message)
            elif key == "article_actors":
                st.caption("Select a row to open the actor's profile.")
                ui.linked_table(frame, frame["actor_id"].tolist(), ui.open_actor, key=key, column_config=columns)
            elif key == "article_topics":
                st.caption("Select a row to read the topic's other articles.")
                ui.linked_table(frame, frame["code"].tolist(), ui.open_topic, key=key, column_config=columns)
            else:
                ui.table(frame, key=key, column_config=columns)


def _marks(actors: pd.DataFrame | None, dates: pd.DataFrame | None,
           quotes: pd.DataFrame | None) -> dict[str, list[str]]:
    """What to highlight in the text: each actor as the article wrote it, each date and each quotation."""
    def strings(frame: pd.DataFrame | None, column: str) -> list[str]:
        if frame is None or frame.empty or column not in frame.columns:
            return []
        out: list[str] = []
        for v in frame[column]:
            if isinstance(v, str):
                out.append(v)
            elif v is not None and not (isinstance(v, float) and pd.isna(v)):
                out.extend(str(x) for x in list(v))
        return out

    return {"actor": strings(actors, "aliases") + strings(actors, "name"), "date": strings(dates, "date_text"),
            "quote": strings(quotes, "quote")}


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else str(value)


def _published(a: pd.Series) -> str:
    if pd.isna(a["published_at"]):
        return "unknown"
    how = f" ({a['published_source']})" if pd.notna(a["published_source"]) else ""
    inferred = ", partly inferred" if bool(a["published_inferred"]) else ""
    return f"{pd.Timestamp(a['published_at']):%Y-%m-%d %H:%M}{how}{inferred}"


render()
