"""ArticleFacts -> one DataFrame per landed table (column names = the table's columns), and their bulk insert."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from newsdesk.record import ArticleFacts

LANDED_TABLES = ("articles", "actors", "article_actors", "date_mentions", "article_topics", "quotes")
# Columns of each landed table as built here (`actors` carries article_id until the upsert merges it away);
# tests/integration/test_schema.py keeps these, the SQL schema and the GX suites in step.
COLUMNS = {
    "articles": ["article_id", "url", "canonical_url", "title", "authors", "site_name", "language", "published_at",
                 "published_source", "published_inferred", "dateline_place", "dateline_date", "dateline_agency",
                 "text", "word_count", "content_hash", "source_ref", "input_format", "fetched_at", "load_id", "wire_agencies",
                 "flags"],
    "actors": ["actor_id", "name", "type", "country", "aliases", "first_load", "wikidata_qid", "article_id"],
    "article_actors": ["article_id", "actor_id", "name", "mentions", "aliases", "roles", "roles_written",
                       "first_offset", "in_title", "in_lead", "is_source", "load_id", "source_actor_id", "confidence"],
    "date_mentions": ["article_id", "mention_idx", "text", "sentence", "start_date", "end_date", "granularity",
                      "char_offset", "load_id", "type", "value", "function"],
    "article_topics": ["article_id", "code", "score", "rank", "method", "load_id"],
    "quotes": ["article_id", "quote_idx", "speaker", "speaker_actor_id", "text", "char_start", "char_end", "load_id"],
}


def facts_to_frames(batch: list[ArticleFacts], load_id: str) -> dict[str, pd.DataFrame]:
    """Rows for every landed table; `_row` numbers rows within a table (GX reports failing rows by it)."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in LANDED_TABLES}
    for f in batch:
        a = f.article
        aid = a.article_id
        rows["articles"].append({
            "article_id": aid, "url": a.url, "canonical_url": a.canonical_url, "title": a.title,
            "authors": list(a.authors), "site_name": a.site_name, "language": a.language,
            "published_at": a.published_at, "published_source": a.published_source,
            "published_inferred": a.published_inferred, "dateline_place": a.dateline.place,
            "dateline_date": a.dateline.date, "dateline_agency": a.dateline.agency, "text": a.text,
            "word_count": a.word_count, "content_hash": a.content_hash, "source_ref": a.source_ref,
            "input_format": a.input_format, "fetched_at": a.fetched_at, "load_id": load_id,
            "wire_agencies": a.wire_agencies, "flags": list(a.flags),
        })
        for x in f.actors:
            rows["actors"].append({
                "actor_id": x.actor_id, "name": x.name, "type": x.type, "country": x.country,
                "aliases": sorted(set(x.aliases) | {x.name}), "first_load": load_id,
                "wikidata_qid": x.wikidata_qid, "article_id": aid,
            })
            rows["article_actors"].append({
                "article_id": aid, "actor_id": x.actor_id, "name": x.name, "mentions": x.mentions,
                "aliases": list(x.aliases), "roles": list(x.roles), "roles_written": list(x.roles_written),
                "first_offset": x.first_offset, "in_title": x.in_title, "in_lead": x.in_lead,
                "is_source": x.is_source, "load_id": load_id, "source_actor_id": x.actor_id,
                "confidence": float(x.confidence),
            })
        for i, d in enumerate(f.dates):
            rows["date_mentions"].append({
                "article_id": aid, "mention_idx": i, "text": d.text, "sentence": d.sentence,
                "start_date": d.start, "end_date": d.end, "granularity": d.granularity,
                "char_offset": d.offset, "load_id": load_id, "type": d.type, "value": d.value,
                "function": d.function or None,
            })
        for rank, t in enumerate(f.topics, start=1):
            rows["article_topics"].append({
                "article_id": aid, "code": t.code, "score": float(t.score), "rank": rank,
                "method": t.method, "load_id": load_id,
            })
        for i, q in enumerate(f.quotes):
            rows["quotes"].append({
                "article_id": aid, "quote_idx": i, "speaker": q.speaker, "speaker_actor_id": q.speaker_actor_id,
                "text": q.text, "char_start": q.start, "char_end": q.end, "load_id": load_id,
            })
    frames = {}
    for table, rs in rows.items():
        df = pd.DataFrame(rs, columns=COLUMNS[table])
        df.insert(0, "_row", range(len(df)))
        frames[table] = df
    if not frames["articles"].empty:
        frames["articles"]["published_at"] = pd.to_datetime(frames["articles"]["published_at"])
        frames["articles"]["fetched_at"] = pd.to_datetime(frames["articles"]["fetched_at"])
    return frames


def merge_actor_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per actor_id for the `actors` upsert (aliases unioned across the batch)."""
    if df.empty:
        return df
    agg = df.groupby("actor_id", sort=True).agg(
        name=("name", "first"), type=("type", "first"), country=("country", "first"),
        aliases=("aliases", lambda s: sorted({a for lst in s for a in lst})), first_load=("first_load", "first"),
        wikidata_qid=("wikidata_qid", lambda s: next((q for q in s if isinstance(q, str) and q), None)),
    )
    return agg.reset_index()


def insert_df(con: duckdb.DuckDBPyConnection, table: str, df: Any, conflict: str = "") -> None:
    """Bulk insert a DataFrame (or an Arrow table) whose columns are named after the table's columns."""
    if len(df) == 0:
        return
    cols = ", ".join(f'"{c}"' for c in getattr(df, "column_names", None) or df.columns)
    con.register("_nd_batch", df)
    try:
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _nd_batch {conflict}")
    finally:
        con.unregister("_nd_batch")
