-- One row: how many filtered articles match a full-text query (the total behind articles_fts's pages).
WITH filtered AS (
{{filtered_articles}}
)
SELECT count(*) AS total
FROM (SELECT article_id, fts_main_articles.match_bm25(article_id, $q, conjunctive := 1) AS score FROM articles) h
JOIN filtered USING (article_id)
WHERE h.score IS NOT NULL
LIMIT 1
