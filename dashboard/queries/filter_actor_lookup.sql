-- One row: the actor an id in a URL names, or the actor it was merged into (`newsdesk actors merge`); none if unknown.
SELECT actor_id, name, type, merged_from
FROM (
    SELECT ac.actor_id, ac.name, ac.type, CAST(NULL AS VARCHAR) AS merged_from, 0 AS pick
    FROM actors ac
    WHERE ac.actor_id = CAST($focus AS VARCHAR)
    UNION ALL
    SELECT ac.actor_id, ac.name, ac.type, o.from_actor_id AS merged_from, 1 AS pick
    FROM actor_overrides o
    JOIN actors ac ON ac.actor_id = o.into_actor_id
    WHERE o.kind = 'merge' AND o.from_actor_id = CAST($focus AS VARCHAR)
)
ORDER BY pick
LIMIT 1
