-- One row per actor mentioned in the filtered articles, optionally of one type.
WITH filtered AS (
{{filtered_articles}}
)
SELECT m.actor_id, m.name, m.type, m.country,
       count(DISTINCT m.article_id) AS articles, sum(m.mentions) AS mentions
FROM mart_actor_mentions m
JOIN filtered USING (article_id)
WHERE CAST($actor_type AS VARCHAR) IS NULL OR m.type = CAST($actor_type AS VARCHAR)
GROUP BY m.actor_id, m.name, m.type, m.country
ORDER BY {{order_by}}
LIMIT $limit
