-- One row: the canonical record of one actor, with how many articles mention it overall (from agg_actor_day,
-- newsdesk.store.aggregates).
SELECT ac.actor_id, ac.name, ac.type, ac.country, ac.aliases, ac.first_load,
       (SELECT coalesce(CAST(sum(g.articles) AS BIGINT), 0) FROM agg_actor_day g WHERE g.actor_id = ac.actor_id)
           AS articles
FROM actors ac
WHERE ac.actor_id = $focus
LIMIT 1
