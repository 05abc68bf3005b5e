-- One row per publication day per source: how many filtered articles were published.
WITH filtered AS (
{{filtered_articles}}
)
SELECT CAST(a.published_at AS DATE) AS day, coalesce(a.site_name, '(unknown)') AS source, count(*) AS articles
FROM mart_articles a
JOIN filtered USING (article_id)
WHERE a.published_at IS NOT NULL
GROUP BY ALL
ORDER BY day, source
LIMIT $limit
