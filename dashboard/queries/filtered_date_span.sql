-- One row: the first and last publication day among the filtered articles (chooses the time charts' bucket).
WITH filtered AS (
{{filtered_articles}}
)
SELECT min(CAST(a.published_at AS DATE)) AS first_day, max(CAST(a.published_at AS DATE)) AS last_day
FROM articles a
JOIN filtered USING (article_id)
LIMIT 1
