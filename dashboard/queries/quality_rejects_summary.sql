-- One row per stage per broken rule: how many quarantined records broke it.
WITH rules AS (
    SELECT reject_id, stage, unnest(rules) AS rule FROM rejects
)
SELECT stage, rule, count(DISTINCT reject_id) AS rejects
FROM rules
GROUP BY stage, rule
ORDER BY rejects DESC, stage, rule
LIMIT $limit
