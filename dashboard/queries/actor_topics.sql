-- One row per topic of the filtered articles that mention one actor: what the actor is in the news about.
WITH filtered AS (
{{filtered_articles}}
)
SELECT x.code, t.label, count(DISTINCT x.article_id) AS articles
FROM article_topics x
JOIN topics t USING (code)
JOIN filtered USING (article_id)
WHERE x.article_id IN (SELECT aa.article_id FROM article_actors aa WHERE aa.actor_id = CAST($focus AS VARCHAR))
GROUP BY x.code, t.label
ORDER BY articles DESC, t.label
LIMIT $limit
