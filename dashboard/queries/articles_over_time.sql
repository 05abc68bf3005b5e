-- One row per $bucket ('day' | 'week' | 'month' | 'year') period: how many filtered articles were published in it,
-- by how many outlets (names as the pages wrote them). With no filter but dates, from agg_source_day.
WITH filtered AS (
{{filtered_articles}}
),
agg AS (
    SELECT period, CAST(sum(n) AS BIGINT) AS articles, count(site_name) AS sources
    FROM (SELECT CAST(date_trunc(CAST($bucket AS VARCHAR), g.day) AS DATE) AS period, g.site_name,
                 CAST(sum(g.articles) AS BIGINT) AS n
          FROM agg_source_day g
          WHERE {{only_dates}} AND {{agg_days}} AND g.day IS NOT NULL
          GROUP BY period, g.site_name
          HAVING sum(g.articles) > 0)
    GROUP BY period
),
base AS (
    SELECT CAST(date_trunc(CAST($bucket AS VARCHAR), CAST(a.published_at AS DATE)) AS DATE) AS period,
           count(*) AS articles, count(DISTINCT a.site_name) AS sources
    FROM articles a
    JOIN filtered USING (article_id)
    WHERE NOT {{only_dates}} AND a.published_at IS NOT NULL
    GROUP BY period
)
SELECT period, articles, sources FROM (SELECT * FROM agg UNION ALL SELECT * FROM base)
ORDER BY period
LIMIT $limit
