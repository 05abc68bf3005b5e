-- One row: how many filtered articles match a search (the total behind articles_fts's pages).
WITH filtered AS (
{{filtered_articles}}
),
hits AS (
{{search_hits}}
)
SELECT count(*) AS total
FROM hits
JOIN filtered USING (article_id)
LIMIT 1
