-- One row per actor mentioned in the filtered articles, optionally of one type. With no filter but dates, counted
-- from agg_actor_day (newsdesk.store.aggregates) unless a minimum link confidence is set; otherwise from the actor
-- links at least that sure.
WITH filtered AS (
{{filtered_articles}}
),
agg AS (
    SELECT g.actor_id, CAST(sum(g.articles) AS BIGINT) AS articles, CAST(sum(g.mentions) AS BIGINT) AS mentions
    FROM agg_actor_day g
    WHERE {{only_dates}} AND {{all_links}} AND {{agg_days}}
    GROUP BY g.actor_id
    HAVING sum(g.articles) > 0
),
base AS (
    SELECT x.actor_id, count(DISTINCT x.article_id) AS articles, CAST(sum(x.mentions) AS BIGINT) AS mentions
    FROM {{actor_links}} x
    JOIN filtered USING (article_id)
    WHERE NOT ({{only_dates}} AND {{all_links}})
    GROUP BY x.actor_id
)
SELECT m.actor_id, m.name, m.type, m.country, c.articles, c.mentions
FROM (SELECT * FROM agg UNION ALL SELECT * FROM base) c
JOIN actors m USING (actor_id)
WHERE CAST($actor_type AS VARCHAR) IS NULL OR m.type = CAST($actor_type AS VARCHAR)
ORDER BY {{order_by}}
LIMIT $limit
