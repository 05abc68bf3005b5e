-- One row per actor that appears in the same filtered articles as one actor ("who appears with whom"), with how many
-- articles they share (the edge weight) and the first and last day they did. Reads the base tables (cheaper than
-- the mart_actor_cooccurrence self-join over every pair): the actor's filtered articles first, once, with their day.
-- Both ends of a pair are links at least as sure as $min_confidence.
WITH mine AS MATERIALIZED (
    SELECT aa.article_id, CAST(a.published_at AS DATE) AS day
    FROM {{actor_links}} aa
    JOIN articles a USING (article_id)
    WHERE aa.actor_id = CAST($focus AS VARCHAR) AND {{article_filter}}
),
pairs AS (
    SELECT p.actor_id, count(DISTINCT p.article_id) AS shared_articles, min(m.day) AS first_day,
           max(m.day) AS last_day
    FROM {{actor_links}} p
    JOIN mine m USING (article_id)
    WHERE p.actor_id <> CAST($focus AS VARCHAR)
    GROUP BY p.actor_id
)
SELECT p.actor_id AS partner_id, ac.name AS partner, ac.type, ac.country, p.shared_articles, p.first_day, p.last_day
FROM pairs p
JOIN actors ac ON ac.actor_id = p.actor_id
ORDER BY shared_articles DESC, partner, partner_id
LIMIT $limit
