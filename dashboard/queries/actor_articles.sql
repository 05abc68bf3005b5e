-- One row per filtered article that mentions one actor, newest first, with how it was written and its role there.
-- The page is chosen on the narrow columns first; only its rows get their titles and URLs.
WITH mine AS MATERIALIZED (
    SELECT aa.article_id, a.published_at, aa.mentions, aa.roles_written, aa.aliases AS written_as
    FROM {{actor_links}} aa
    JOIN articles a USING (article_id)
    WHERE aa.actor_id = CAST($focus AS VARCHAR) AND {{article_filter}}
    ORDER BY a.published_at DESC NULLS LAST, a.article_id
    LIMIT $limit
)
SELECT m.article_id, m.published_at, a.title, a.site_name, m.mentions, m.roles_written, m.written_as,
       coalesce(a.canonical_url, a.url) AS url
FROM mine m
JOIN articles a ON a.article_id = m.article_id
ORDER BY m.published_at DESC NULLS LAST, m.article_id
LIMIT $limit
