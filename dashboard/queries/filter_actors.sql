-- One row per actor that appears in any article: the options of the actor filter, most mentioned first.
SELECT actor_id, name, type, count(DISTINCT article_id) AS articles
FROM mart_actor_mentions
GROUP BY actor_id, name, type
ORDER BY articles DESC, name, actor_id
LIMIT $limit
