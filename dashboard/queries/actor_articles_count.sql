-- One row: how many filtered articles mention one actor.
WITH filtered AS (
{{filtered_articles}}
)
SELECT count(*) AS total
FROM article_actors aa
JOIN filtered USING (article_id)
WHERE aa.actor_id = CAST($focus AS VARCHAR)
LIMIT 1
