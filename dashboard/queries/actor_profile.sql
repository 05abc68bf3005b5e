-- One row: the canonical record of one actor, with how many articles mention it overall.
SELECT ac.actor_id, ac.name, ac.type, ac.country, ac.aliases, ac.first_load,
       (SELECT count(DISTINCT m.article_id) FROM mart_actor_mentions m WHERE m.actor_id = ac.actor_id) AS articles
FROM actors ac
WHERE ac.actor_id = $focus
LIMIT 1
