-- One row per $bucket ('day' | 'week' | 'month' | 'year') period: how many filtered articles were published in it.
WITH filtered AS (
{{filtered_articles}}
)
SELECT CAST(date_trunc(CAST($bucket AS VARCHAR), CAST(a.published_at AS DATE)) AS DATE) AS period,
       count(*) AS articles, count(DISTINCT a.site_name) AS sources
FROM articles a
JOIN filtered USING (article_id)
WHERE a.published_at IS NOT NULL
GROUP BY period
ORDER BY period
LIMIT $limit
