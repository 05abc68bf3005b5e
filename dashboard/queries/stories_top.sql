-- One row per story (near-duplicate articles) among the filtered articles that two or more articles carried: how
-- many outlets ran it and how many independent originators it has (outlets running one agency's copy count once).
WITH filtered AS (
{{filtered_articles}}
)
SELECT s.story_id,
       arg_min(a.title, coalesce(a.published_at, TIMESTAMP '9999-12-31')) AS title,
       count(*) AS articles,
       count(DISTINCT coalesce(a.site_name, a.url, a.source_ref)) AS outlets,
       count(DISTINCT coalesce('agency:' || a.wire_agencies[1], a.site_name, a.url, a.source_ref))
           AS independent_sources,
       list_sort(list_distinct(flatten(list(coalesce(a.wire_agencies, []))))) AS wire_agencies,
       min(a.published_at) AS first_published
FROM article_stories s
JOIN articles a USING (article_id)
JOIN filtered USING (article_id)
GROUP BY s.story_id
HAVING count(*) >= 2
ORDER BY independent_sources DESC, articles DESC, first_published
LIMIT $limit
