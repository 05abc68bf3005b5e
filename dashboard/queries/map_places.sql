-- One row per place or country (actors of type 'place' / 'country') mentioned in the filtered articles: how many
-- articles mention it. With no filter but dates (and no minimum link confidence), counted from agg_actor_day
-- (newsdesk.store.aggregates); otherwise from the actor links at least that sure.
WITH filtered AS (
{{filtered_articles}}
),
places AS (
    SELECT actor_id FROM actors WHERE type IN ('country', 'place')
),
agg AS (
    SELECT g.actor_id, CAST(sum(g.articles) AS BIGINT) AS articles
    FROM agg_actor_day g
    WHERE {{only_dates}} AND {{all_links}} AND {{agg_days}} AND g.actor_id IN (SELECT actor_id FROM places)
    GROUP BY g.actor_id
    HAVING sum(g.articles) > 0
),
base AS (
    SELECT x.actor_id, count(DISTINCT x.article_id) AS articles
    FROM {{actor_links}} x
    JOIN filtered USING (article_id)
    WHERE NOT ({{only_dates}} AND {{all_links}}) AND x.actor_id IN (SELECT actor_id FROM places)
    GROUP BY x.actor_id
)
SELECT ac.actor_id, ac.name, ac.type, ac.country, c.articles
FROM (SELECT * FROM agg UNION ALL SELECT * FROM base) c
JOIN actors ac USING (actor_id)
ORDER BY c.articles DESC, ac.name, ac.actor_id
LIMIT $limit
