-- One row: how many filtered articles mention one actor.
SELECT count(*) AS total
FROM {{actor_links}} aa
JOIN articles a USING (article_id)
WHERE aa.actor_id = CAST($focus AS VARCHAR) AND {{article_filter}}
LIMIT 1
