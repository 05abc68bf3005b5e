-- One row per publication day: how often one actor was mentioned in the filtered articles.
WITH filtered AS (
{{filtered_articles}}
)
SELECT m.day, count(DISTINCT m.article_id) AS articles, sum(m.mentions) AS mentions
FROM mart_actor_mentions m
JOIN filtered USING (article_id)
WHERE m.actor_id = $focus AND m.day IS NOT NULL
  AND ({{all_links}} OR m.confidence >= CAST($min_confidence AS DOUBLE))
GROUP BY m.day
ORDER BY m.day
LIMIT $limit
