-- One row per article of the story $article_id belongs to (any of its articles names the story), first seen first:
-- which outlet ran it, when, how similar it is to the copy it was matched to, with its id and URL.
SELECT a.article_id, a.published_at, a.title, a.site_name, a.wire_agencies, s.similarity,
       s.matched_article_id, coalesce(a.canonical_url, a.url) AS url
FROM article_stories s
JOIN articles a USING (article_id)
WHERE s.story_id = (SELECT x.story_id FROM article_stories x WHERE x.article_id = CAST($article_id AS VARCHAR))
ORDER BY a.published_at NULLS LAST, a.article_id
LIMIT $limit
