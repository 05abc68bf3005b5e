-- One row per filtered article that mentions one actor, newest first, with how it was written and its role there.
WITH filtered AS (
{{filtered_articles}}
)
SELECT a.article_id, a.published_at, a.title, a.site_name, aa.mentions, aa.roles_written, aa.aliases AS written_as,
       coalesce(a.canonical_url, a.url) AS url
FROM article_actors aa
JOIN filtered USING (article_id)
JOIN articles a USING (article_id)
WHERE aa.actor_id = CAST($focus AS VARCHAR)
ORDER BY a.published_at DESC NULLS LAST, a.article_id
LIMIT $limit
