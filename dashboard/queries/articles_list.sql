-- One row per filtered article, optionally whose title matches an escaped ILIKE pattern; one page of them.
WITH filtered AS (
{{filtered_articles}}
)
SELECT a.article_id, a.published_at, a.title, a.site_name, a.authors,
       a.n_actors, a.n_dates, a.n_quotes, a.top_topics
FROM mart_articles a
JOIN filtered USING (article_id)
WHERE CAST($pattern AS VARCHAR) IS NULL OR a.title ILIKE CAST($pattern AS VARCHAR) ESCAPE '\'
ORDER BY {{order_by}}
LIMIT $limit OFFSET $offset
