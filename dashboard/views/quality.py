"""Data quality: the latest validation outcome per table, and the records quarantined with their reasons."""

from __future__ import annotations

import altair as alt
import streamlit as st

import data
import ui

STAGES = ("read", "clean", "enrich", "validate")


def render() -> None:
    st.title("Data quality")
    st.caption("Every batch is validated with Great Expectations; records that fail are quarantined, never dropped. "
               "The sidebar filters do not apply here.")

    latest = ui.load("quality_validation_latest", limit=200)
    summary = ui.load("quality_rejects_summary", limit=200)
    total = ui.load("quality_rejects_count", stage=None)
    if latest is None or summary is None or total is None:
        return

    n_fail = int((~latest["success"].astype(bool)).sum()) if not latest.empty else 0
    m1, m2, m3 = st.columns(3)
    m1.metric("Tables validated", f"{len(latest):,}", border=True)
    m2.metric("Failing suites (latest run)", f"{n_fail:,}", border=True)
    m3.metric("Quarantined records", f"{int(total['total'].iloc[0]):,}", border=True)

    st.subheader("Latest validation per table")
    if latest.empty:
        ui.empty("No validation results yet: they appear after the first load.")
    else:
        ui.table(
            latest,
            key="validation_table",
            column_config={
                "table_name": "Table", "suite": "Suite",
                "success": st.column_config.CheckboxColumn("Passed"),
                "evaluated": "Rows checked", "failed_rows": "Rows failed", "failures": "Failures by expectation",
                "load_id": "Load", "run_at": st.column_config.DatetimeColumn("Run at", format="YYYY-MM-DD HH:mm:ss"),
            },
        )
        with st.expander("History"):
            history = ui.load("quality_validation_history", limit=500)
            if history is not None:
                ui.table(history, key="validation_history")

    docs = data.data_docs_index()
    if docs is not None:
        st.markdown("**Great Expectations Data Docs** — open this file in a browser:")
        st.code(docs.as_uri(), language=None)
    else:
        st.caption("No Data Docs built yet (the loader writes them to data/data_docs/index.html).")

    st.subheader("Quarantined records")
    if summary.empty:
        ui.empty("Nothing has been quarantined.")
        return
    chart = (
        alt.Chart(summary)
        .mark_bar()
        .encode(
            x=alt.X("sum(rejects):Q", axis=ui.count_axis("Records")),
            y=alt.Y("rule:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
            color=alt.Color("stage:N", title="Stage"),
            tooltip=[alt.Tooltip("stage:N", title="Stage"), alt.Tooltip("rule:N", title="Rule"),
                     alt.Tooltip("rejects:Q", title="Records")],
        )
    )
    st.altair_chart(chart, width="stretch")

    stage = st.columns(3)[0].selectbox(
        "Stage", STAGES, index=None, placeholder="All stages", key="stage", bind="query-params",
        on_change=ui.reset_page, args=("rejects_page",),
    )
    counted = ui.load("quality_rejects_count", stage=stage)
    if counted is None:
        return
    n = int(counted["total"].iloc[0])
    if n == 0:
        ui.empty("No quarantined records at this stage.")
        return
    limit, offset = ui.pager(n, key="rejects_page", size_key="rejects_size")
    rejects = ui.load("quality_rejects", stage=stage, limit=limit, offset=offset)
    if rejects is not None:
        ui.table(
            rejects,
            key="rejects_table",
            column_config={
                "rejected_at": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm:ss"),
                "load_id": "Load", "stage": "Stage", "table_name": "Table", "source_ref": "Input",
                "article_id": "Article", "rules": st.column_config.ListColumn("Rules"), "reason": "Reason",
                "payload": "Record (truncated)",
            },
        )


render()
