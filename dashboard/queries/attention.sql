-- One row per series per period: how many of the filtered articles mention each of $ids (actor ids, topic codes or
-- source names, by $kind) in each $bucket ('day' | 'week' | 'month' | 'year') period, and that as a share of all
-- the filtered articles published in the period. Periods in which the filtered articles appear but a series does
-- not carry 0, so lines drop to zero instead of joining distant points. With no filter but dates, counted from the
-- pre-aggregated tables (newsdesk.store.aggregates); otherwise (and for actors under a minimum link confidence,
-- which agg_actor_day cannot apply) from the base tables, counting only links at least that sure.
WITH filtered AS (
{{filtered_articles}}
),
base AS (
    SELECT a.article_id,
           CAST(date_trunc(CAST($bucket AS VARCHAR), CAST(a.published_at AS DATE)) AS DATE) AS period
    FROM articles a
    JOIN filtered USING (article_id)
    WHERE NOT ({{only_dates}} AND ({{all_links}} OR CAST($kind AS VARCHAR) <> 'actor')) AND a.published_at IS NOT NULL
),
base_totals AS (
    SELECT period, count(*) AS all_articles FROM base GROUP BY period
),
base_hits AS (
    SELECT aa.actor_id AS series_id, b.period, b.article_id
    FROM {{actor_links}} aa JOIN base b USING (article_id)
    WHERE CAST($kind AS VARCHAR) = 'actor' AND list_contains(CAST($ids AS VARCHAR[]), aa.actor_id)
    UNION ALL
    SELECT tp.code AS series_id, b.period, b.article_id
    FROM article_topics tp JOIN base b USING (article_id)
    WHERE CAST($kind AS VARCHAR) = 'topic' AND list_contains(CAST($ids AS VARCHAR[]), tp.code)
    UNION ALL
    SELECT m.site_name AS series_id, b.period, b.article_id  -- the canonical outlet name, as the source filter
    FROM mart_article_sources m JOIN base b USING (article_id)
    WHERE CAST($kind AS VARCHAR) = 'source' AND list_contains(CAST($ids AS VARCHAR[]), m.site_name)
),
base_counts AS (
    SELECT series_id, period, count(DISTINCT article_id) AS articles FROM base_hits GROUP BY series_id, period
),
agg_sources AS (
    SELECT CAST(date_trunc(CAST($bucket AS VARCHAR), g.day) AS DATE) AS period,
           coalesce(s.name, g.site_name) AS site_name, g.articles
    FROM agg_source_day g
    LEFT JOIN sources s ON s.domain = g.source_domain
    WHERE {{only_dates}} AND ({{all_links}} OR CAST($kind AS VARCHAR) <> 'actor') AND {{agg_days}} AND g.day IS NOT NULL
),
agg_totals AS (
    SELECT period, CAST(sum(articles) AS BIGINT) AS all_articles FROM agg_sources GROUP BY period HAVING sum(articles) > 0
),
agg_counts AS (
    SELECT g.actor_id AS series_id, CAST(date_trunc(CAST($bucket AS VARCHAR), g.day) AS DATE) AS period,
           CAST(sum(g.articles) AS BIGINT) AS articles
    FROM agg_actor_day g
    WHERE {{only_dates}} AND {{all_links}} AND CAST($kind AS VARCHAR) = 'actor' AND {{agg_days}} AND g.day IS NOT NULL
      AND list_contains(CAST($ids AS VARCHAR[]), g.actor_id)
    GROUP BY ALL
    UNION ALL
    SELECT g.code, CAST(date_trunc(CAST($bucket AS VARCHAR), g.day) AS DATE), CAST(sum(g.articles) AS BIGINT)
    FROM agg_topic_day g
    WHERE {{only_dates}} AND CAST($kind AS VARCHAR) = 'topic' AND {{agg_days}} AND g.day IS NOT NULL
      AND list_contains(CAST($ids AS VARCHAR[]), g.code)
    GROUP BY ALL
    UNION ALL
    SELECT site_name, period, CAST(sum(articles) AS BIGINT)
    FROM agg_sources
    WHERE CAST($kind AS VARCHAR) = 'source' AND list_contains(CAST($ids AS VARCHAR[]), site_name)
    GROUP BY ALL
),
totals AS (SELECT * FROM agg_totals UNION ALL SELECT * FROM base_totals),
counts AS (SELECT * FROM agg_counts UNION ALL SELECT * FROM base_counts),
grid AS (
    SELECT t.period, t.all_articles, s.series_id
    FROM totals t, (SELECT unnest(CAST($ids AS VARCHAR[])) AS series_id) s
)
SELECT g.series_id,
       coalesce(CASE CAST($kind AS VARCHAR) WHEN 'actor' THEN ac.name WHEN 'topic' THEN tp.label END, g.series_id)
           AS series,
       g.period, coalesce(c.articles, 0) AS articles, g.all_articles,
       round(coalesce(c.articles, 0) / g.all_articles, 4) AS share
FROM grid g
LEFT JOIN counts c USING (series_id, period)
LEFT JOIN actors ac ON CAST($kind AS VARCHAR) = 'actor' AND ac.actor_id = g.series_id
LEFT JOIN topics tp ON CAST($kind AS VARCHAR) = 'topic' AND tp.code = g.series_id
ORDER BY g.period, series, g.series_id
LIMIT $limit
