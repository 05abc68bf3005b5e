-- One row per topic assigned to the filtered articles.
WITH filtered AS (
{{filtered_articles}}
)
SELECT t.code, t.label, t.level, count(DISTINCT t.article_id) AS articles, round(avg(t.score), 3) AS avg_score
FROM mart_article_topics t
JOIN filtered USING (article_id)
GROUP BY t.code, t.label, t.level
ORDER BY articles DESC, t.label
LIMIT $limit
