-- One row per role given to one actor in the filtered articles ("President", "Foreign Minister").
WITH roles AS (
    SELECT m.article_id, unnest(m.roles) AS role
    FROM {{actor_links}} m
    JOIN articles a USING (article_id)
    WHERE m.actor_id = CAST($focus AS VARCHAR) AND {{article_filter}}
)
SELECT role, count(DISTINCT article_id) AS articles
FROM roles
GROUP BY role
ORDER BY articles DESC, role
LIMIT $limit
