-- One row per actor that appears in any article: the options of the actor filter, most mentioned first. Counted from
-- the pre-aggregated agg_actor_day (newsdesk.store.aggregates).
WITH counts AS (
    SELECT g.actor_id, CAST(sum(g.articles) AS BIGINT) AS articles
    FROM agg_actor_day g
    GROUP BY g.actor_id
    HAVING sum(g.articles) > 0
)
SELECT ac.actor_id, ac.name, ac.type, c.articles
FROM counts c
JOIN actors ac USING (actor_id)
ORDER BY c.articles DESC, ac.name, ac.actor_id
LIMIT $limit
