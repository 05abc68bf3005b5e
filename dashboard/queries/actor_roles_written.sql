-- One row per role given to one actor in the filtered articles, as the articles wrote it ("Ukrainian President").
WITH roles AS (
    SELECT aa.article_id, unnest(aa.roles_written) AS role_written
    FROM {{actor_links}} aa
    JOIN articles a USING (article_id)
    WHERE aa.actor_id = CAST($focus AS VARCHAR) AND {{article_filter}}
)
SELECT role_written, count(DISTINCT article_id) AS articles
FROM roles
GROUP BY role_written
ORDER BY articles DESC, role_written
LIMIT $limit
