-- One row per actor of one article whose link is at least as sure as $min_confidence (NULL: every link).
SELECT aa.actor_id, aa.name, ac.type, ac.country, aa.mentions, aa.roles, aa.roles_written, aa.aliases,
       aa.in_title, aa.in_lead, aa.is_source, aa.confidence
FROM {{actor_links}} aa
LEFT JOIN actors ac USING (actor_id)
WHERE aa.article_id = $article_id
ORDER BY aa.mentions DESC, aa.name
LIMIT $limit
