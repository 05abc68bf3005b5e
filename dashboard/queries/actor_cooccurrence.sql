-- One row per actor that appears in the same filtered articles as one actor ("who appears with whom").
WITH filtered AS (
{{filtered_articles}}
),
pairs AS (
    SELECT c.article_id, c.day,
           CASE WHEN c.actor_a = $focus THEN c.actor_b ELSE c.actor_a END AS partner_id,
           CASE WHEN c.actor_a = $focus THEN c.name_b ELSE c.name_a END AS partner
    FROM mart_actor_cooccurrence c
    JOIN filtered USING (article_id)
    WHERE c.actor_a = $focus OR c.actor_b = $focus
)
SELECT p.partner_id, p.partner, ac.type, ac.country,
       count(DISTINCT p.article_id) AS shared_articles, min(p.day) AS first_day, max(p.day) AS last_day
FROM pairs p
LEFT JOIN actors ac ON ac.actor_id = p.partner_id
GROUP BY p.partner_id, p.partner, ac.type, ac.country
ORDER BY shared_articles DESC, p.partner
LIMIT $limit
