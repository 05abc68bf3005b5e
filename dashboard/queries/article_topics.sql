-- One row per topic of one article, best first.
SELECT x.code, t.label, t.level, round(x.score, 3) AS score, x.rank, x.method
FROM article_topics x
JOIN topics t USING (code)
WHERE x.article_id = $article_id
ORDER BY rank, code
LIMIT $limit
