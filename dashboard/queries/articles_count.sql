-- One row: how many filtered articles there are (whose title matches an escaped ILIKE pattern, if one is given).
WITH filtered AS (
{{filtered_articles}}
)
SELECT count(*) AS total
FROM articles a
JOIN filtered USING (article_id)
WHERE CAST($pattern AS VARCHAR) IS NULL OR a.title ILIKE CAST($pattern AS VARCHAR) ESCAPE '\'
LIMIT 1
