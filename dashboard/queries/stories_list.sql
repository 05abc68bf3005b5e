-- One row per story (near-duplicate articles: syndicated copies) among the filtered articles: copies, outlets,
-- independent sources (outlets running one agency's copy count once), wire agencies, first and last seen.
-- Most independent sources first; stories carried by one article only are left out.
WITH filtered AS (
{{filtered_articles}}
)
SELECT s.story_id,
       arg_min(a.title, coalesce(a.published_at, TIMESTAMP '9999-12-31')) AS title,
       count(*) AS articles,
       count(DISTINCT coalesce(a.site_name, a.url)) AS outlets,
       count(DISTINCT coalesce('agency:' || a.wire_agencies[1], a.site_name, a.url)) AS independent_sources,
       list_sort(list_distinct(flatten(list(coalesce(a.wire_agencies, []))))) AS wire_agencies,
       list_sort(list_distinct(list(a.site_name) FILTER (WHERE a.site_name IS NOT NULL)))[1:20] AS outlet_names,
       min(a.published_at) AS first_seen,
       max(a.published_at) AS last_seen
FROM article_stories s
JOIN articles a USING (article_id)
JOIN filtered USING (article_id)
GROUP BY s.story_id
HAVING count(*) >= 2
ORDER BY independent_sources DESC, articles DESC, last_seen DESC NULLS LAST, s.story_id
LIMIT $limit
