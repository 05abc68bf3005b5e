-- One row per actor that appears in the same filtered articles as one actor ("who appears with whom"), with how many
-- articles they share (the edge weight) and the first and last day they did. Reads the base tables (cheaper than
-- the mart_actor_cooccurrence self-join over every pair).
WITH filtered AS (
{{filtered_articles}}
),
mine AS (
    SELECT aa.article_id
    FROM article_actors aa
    JOIN filtered USING (article_id)
    WHERE aa.actor_id = CAST($focus AS VARCHAR)
)
SELECT p.actor_id AS partner_id, ac.name AS partner, ac.type, ac.country,
       count(DISTINCT p.article_id) AS shared_articles,
       min(CAST(a.published_at AS DATE)) AS first_day, max(CAST(a.published_at AS DATE)) AS last_day
FROM article_actors p
JOIN mine USING (article_id)
JOIN articles a USING (article_id)
JOIN actors ac ON ac.actor_id = p.actor_id
WHERE p.actor_id <> CAST($focus AS VARCHAR)
GROUP BY p.actor_id, ac.name, ac.type, ac.country
ORDER BY shared_articles DESC, partner, partner_id
LIMIT $limit
