-- One row per topic of one article, best first.
SELECT code, label, level, round(score, 3) AS score, rank, method
FROM mart_article_topics
WHERE article_id = $article_id
ORDER BY rank, code
LIMIT $limit
