"""Export: every row that matches the filters, with ids and URLs, as CSV, Parquet or JSON lines; and the SQL, to
continue in DuckDB."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

import data
import ui

DATASETS = {
    "export_articles": "Articles",
    "export_actor_mentions": "Actor mentions (actor per article)",
    "export_quotes": "Quotes",
    "export_date_mentions": "Date mentions",
    "export_topics": "Topics (topic per article)",
}
FORMATS = {"csv": "CSV", "parquet": "Parquet", "json": "JSON lines"}
PAGE = data.MAX_ROWS  # rows per query: the export reads page by page
MAX_EXPORT_ROWS = 200_000  # one download; narrow the filters (or use the SQL below) for more


def render() -> None:
    st.title("Export")
    filters = ui.current_filters()
    st.caption("Every row that matches the filters above (not just a page), with article ids and URLs.")
    c1, c2 = st.columns(2)
    name = c1.selectbox("Data", list(DATASETS), format_func=DATASETS.__getitem__, key="dataset")
    fmt = c2.selectbox("Format", list(FORMATS), format_func=FORMATS.__getitem__, key="format")
    if st.button("Prepare the file", icon=":material/download:", key="export_prepare", type="primary"):
        frame, truncated = _all_rows(name, filters)
        if frame is not None:
            st.session_state["_export"] = (name, fmt, filters, _encode(frame, fmt), len(frame), truncated)
    ready = st.session_state.get("_export")
    if ready and ready[:3] == (name, fmt, filters):
        _, _, _, payload, n, truncated = ready
        with st.container(key="export_ready"):
            st.caption(f"{n:,} rows ready." + (f" Stopped at {MAX_EXPORT_ROWS:,} rows: narrow the filters, or run "
                                               "the SQL below in DuckDB for everything." if truncated else ""))
            st.download_button(f"Download {FORMATS[fmt]}", payload, file_name=f"newsdesk-{name[7:]}.{_ext(fmt)}",
                               mime=_mime(fmt), key="export_download")

    with st.expander("SQL for this export (run it in the duckdb CLI or a notebook on the database file)"):
        st.code(data.sql_for(name), language="sql")
        bound = ", ".join(f"${k} = {v!r}" for k, v in filters.params().items())
        st.caption(f"Parameters: {ui.md_escape(bound)}; $limit and $offset page through the rows.")


def _all_rows(name: str, filters: ui.Filters) -> tuple[pd.DataFrame | None, bool]:
    pages: list[pd.DataFrame] = []
    offset = 0
    with st.spinner("Reading the rows…"):
        while offset < MAX_EXPORT_ROWS:
            page = ui.load(name, **filters.params(), limit=PAGE, offset=offset)
            if page is None:
                return None, False
            pages.append(page)
            if len(page) < PAGE:
                return pd.concat(pages, ignore_index=True), False
            offset += PAGE
    return pd.concat(pages, ignore_index=True), True


def _encode(frame: pd.DataFrame, fmt: str) -> bytes:
    if fmt == "csv":
        out = frame.copy()
        for col in out.columns:  # lists (authors, roles) as plain text in CSV
            if out[col].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist")).any():
                out[col] = out[col].map(ui.format_list)
        return out.to_csv(index=False).encode("utf-8")
    if fmt == "parquet":
        buf = io.BytesIO()
        frame.to_parquet(buf, index=False)
        return buf.getvalue()
    return frame.to_json(orient="records", lines=True, date_format="iso", force_ascii=False).encode("utf-8")


def _ext(fmt: str) -> str:
    return {"csv": "csv", "parquet": "parquet", "json": "jsonl"}[fmt]


def _mime(fmt: str) -> str:
    return {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "json": "application/x-ndjson"}[fmt]


render()
