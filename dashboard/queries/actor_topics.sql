-- One row per topic of the filtered articles that mention one actor: what the actor is in the news about.
WITH filtered AS (
{{filtered_articles}}
)
SELECT t.code, t.label, count(DISTINCT t.article_id) AS articles
FROM mart_article_topics t
JOIN filtered USING (article_id)
WHERE t.article_id IN (SELECT aa.article_id FROM article_actors aa WHERE aa.actor_id = CAST($focus AS VARCHAR))
GROUP BY t.code, t.label
ORDER BY articles DESC, t.label
LIMIT $limit
