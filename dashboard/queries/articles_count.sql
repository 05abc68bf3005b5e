-- One row: how many filtered articles match (the total behind articles_list's pages).
WITH filtered AS (
{{filtered_articles}}
)
SELECT count(*) AS total
FROM mart_articles a
JOIN filtered USING (article_id)
WHERE CAST($pattern AS VARCHAR) IS NULL OR a.title ILIKE CAST($pattern AS VARCHAR) ESCAPE '\'
LIMIT 1
