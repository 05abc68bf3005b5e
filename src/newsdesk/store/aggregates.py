"""Pre-aggregated tables in the reader store: per publication day, the counts the dashboard would otherwise scan
every article for (what an unfiltered or date-filtered page asks: most mentioned actors, top topics, outlets,
articles per period, headline counts).

Grain (one row per ...; several rows per key may exist, see below):
- `agg_source_day`: publication day (NULL = undated) x outlet as stored (`source_domain`, the key of `sources`,
  as mart_article_sources derives it from the URL; `site_name`, the page's own name): articles, quotes, date
  mentions (the dateline's own date left out, as Overview counts them).
- `agg_actor_day`: publication day x actor: articles that mention the actor, mentions.
- `agg_topic_day`: publication day x topic code: articles, the sum of their scores (mean = score_sum / articles).

The tables live only in the reader store, like the search postings, and are kept by the publish of each batch
(`newsdesk.store.lake`): rows are *deltas*, appended, never updated. A batch adds its articles' counts; an article
replaced by a forced re-load, or rewritten by an actor merge or split, first has its old rows' counts appended with
the opposite sign. Readers therefore always `sum()` per key and keep keys whose sum is above zero; the cost of a
publish stays that of the batch. A whole rebuild (`rebuild`: a first mirror, a new schema, a lost store) writes one
row per key, sorted by day so a date range reads only the files and row groups of its days.

The outlet is kept as stored, not by its canonical name, so a renamed outlet (`sources.name`) needs no rewrite:
queries name it through `sources` exactly as mart_article_sources does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import duckdb

TABLES = {
    "agg_source_day": "CREATE TABLE IF NOT EXISTS {db}.agg_source_day (day DATE, source_domain VARCHAR, "
                      "site_name VARCHAR, articles BIGINT, quotes BIGINT, date_mentions BIGINT)",
    "agg_actor_day": "CREATE TABLE IF NOT EXISTS {db}.agg_actor_day (day DATE, actor_id VARCHAR, articles BIGINT, "
                     "mentions BIGINT)",
    "agg_topic_day": "CREATE TABLE IF NOT EXISTS {db}.agg_topic_day (day DATE, code VARCHAR, articles BIGINT, "
                     "score_sum DOUBLE)",
}
SOURCE_TABLES = ("articles", "article_actors", "article_topics", "quotes", "date_mentions")

# The outlet's key exactly as mart_article_sources (migration 013) derives it.
DOMAIN_SQL = ("regexp_replace(lower(regexp_extract(coalesce(a.canonical_url, a.url), '^https?://([^/:?#]+)', 1)), "
              "'^(www[0-9]?|m|amp|mobile)\\.', '')")

# The counts of the articles in the relations {articles} ... (one per SOURCE_TABLES entry), times {sign}.
_COUNTS = {
    "agg_source_day": """
        SELECT CAST(a.published_at AS DATE) AS day, {domain} AS source_domain, a.site_name,
               {sign} * count(*) AS articles, {sign} * coalesce(sum(q.n), 0) AS quotes,
               {sign} * coalesce(sum(d.n), 0) AS date_mentions
        FROM {articles} a
        LEFT JOIN (SELECT article_id, count(*) AS n FROM {quotes} GROUP BY article_id) q USING (article_id)
        LEFT JOIN (SELECT article_id, count(*) AS n FROM {date_mentions}
                   WHERE function IS DISTINCT FROM 'creation_time' GROUP BY article_id) d USING (article_id)
        GROUP BY ALL""",
    "agg_actor_day": """
        SELECT CAST(a.published_at AS DATE) AS day, x.actor_id,
               {sign} * count(DISTINCT x.article_id) AS articles, {sign} * coalesce(sum(x.mentions), 0) AS mentions
        FROM {article_actors} x JOIN {articles} a USING (article_id)
        GROUP BY ALL""",
    "agg_topic_day": """
        SELECT CAST(a.published_at AS DATE) AS day, x.code,
               {sign} * count(DISTINCT x.article_id) AS articles, {sign} * coalesce(sum(x.score), 0) AS score_sum
        FROM {article_topics} x JOIN {articles} a USING (article_id)
        GROUP BY ALL""",
}

_EMPTY = {
    "articles": "(SELECT CAST(NULL AS VARCHAR) AS article_id, CAST(NULL AS TIMESTAMP) AS published_at, "
                "CAST(NULL AS VARCHAR) AS url, CAST(NULL AS VARCHAR) AS canonical_url, "
                "CAST(NULL AS VARCHAR) AS site_name WHERE false)",
    "article_actors": "(SELECT CAST(NULL AS VARCHAR) AS article_id, CAST(NULL AS VARCHAR) AS actor_id, "
                      "CAST(NULL AS INTEGER) AS mentions WHERE false)",
    "article_topics": "(SELECT CAST(NULL AS VARCHAR) AS article_id, CAST(NULL AS VARCHAR) AS code, "
                      "CAST(NULL AS DOUBLE) AS score WHERE false)",
    "quotes": "(SELECT CAST(NULL AS VARCHAR) AS article_id WHERE false)",
    "date_mentions": "(SELECT CAST(NULL AS VARCHAR) AS article_id, CAST(NULL AS VARCHAR) AS function WHERE false)",
}


def _existing(con: duckdb.DuckDBPyConnection, db: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ? "
                                      "AND schema_name = 'main'", [db]).fetchall()}


def ensure(con: duckdb.DuckDBPyConnection, db: str) -> None:
    """Create the tables in `db` if missing, filled from `db`'s own article tables (an older store, upgraded)."""
    have = _existing(con, db)
    missing = [t for t in TABLES if t not in have]
    for table in missing:
        con.execute(TABLES[table].format(db=db))
    if missing and all(t in have for t in SOURCE_TABLES):
        rebuild(con, db)


def rebuild(con: duckdb.DuckDBPyConnection, db: str) -> None:
    """Replace the tables' rows with one row per key counted from `db`'s article tables, sorted by day."""
    rels = {t: f'{db}."{t}"' for t in SOURCE_TABLES}
    for table, sql in _COUNTS.items():
        con.execute(f"DELETE FROM {db}.{table}")
        con.execute(f"INSERT INTO {db}.{table} SELECT * FROM ({_sql(sql, rels, 1)}) ORDER BY day NULLS FIRST")


def apply(con: duckdb.DuckDBPyConnection, db: str, rows: Mapping[str, Any], sign: int) -> None:
    """Append the counts of some articles to `db`'s tables: `sign` 1 for rows that arrive, -1 for rows about to go.

    `rows`: by table name (SOURCE_TABLES), a DataFrame or Arrow table, or the text of a SQL relation; a table left
    out has no rows for these articles."""
    if sign not in (1, -1):
        raise ValueError("sign must be 1 or -1")
    rels: dict[str, str] = {}
    registered: list[str] = []
    try:
        for table in SOURCE_TABLES:
            value = rows.get(table)
            if value is None or (not isinstance(value, str) and len(value) == 0):
                rels[table] = _EMPTY[table]
            elif isinstance(value, str):
                rels[table] = value
            else:
                name = f"_nd_agg_{table}"
                con.register(name, value)
                registered.append(name)
                rels[table] = name
        if rels["articles"] == _EMPTY["articles"]:
            return
        for table, sql in _COUNTS.items():
            con.execute(f"INSERT INTO {db}.{table} {_sql(sql, rels, sign)}")
    finally:
        for name in registered:
            con.unregister(name)


def _sql(template: str, rels: Mapping[str, str], sign: int) -> str:
    return template.format(sign=sign, domain=DOMAIN_SQL, **rels)
