-- One row per topic of the filtered articles that mention one actor: what the actor is in the news about.
WITH mine AS MATERIALIZED (
    SELECT DISTINCT aa.article_id
    FROM {{actor_links}} aa
    JOIN articles a USING (article_id)
    WHERE aa.actor_id = CAST($focus AS VARCHAR) AND {{article_filter}}
)
SELECT x.code, t.label, count(DISTINCT x.article_id) AS articles
FROM article_topics x
JOIN topics t USING (code)
JOIN mine USING (article_id)
GROUP BY x.code, t.label
ORDER BY articles DESC, t.label
LIMIT $limit
