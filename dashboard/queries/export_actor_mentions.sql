-- Export: one row per actor per filtered article (ids, names, roles as written) with the article's URL; one page.
WITH filtered AS (
{{filtered_articles}}
)
SELECT aa.article_id, coalesce(a.canonical_url, a.url) AS url, CAST(a.published_at AS DATE) AS published_day,
       aa.actor_id, ac.name, ac.type, ac.country, aa.mentions, aa.roles, aa.roles_written, aa.aliases AS written_as,
       aa.in_title, aa.in_lead, aa.is_source
FROM article_actors aa
JOIN filtered USING (article_id)
JOIN articles a USING (article_id)
LEFT JOIN actors ac ON ac.actor_id = aa.actor_id
ORDER BY a.published_at NULLS LAST, aa.article_id, aa.actor_id
LIMIT $limit OFFSET $offset
