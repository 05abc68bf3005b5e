-- One row per story (a cluster of near-duplicate articles): how many articles carried it, from how many outlets
-- (counted by their source, one outlet whatever name its pages give) and independent sources (outlets that ran
-- the same agency's copy count once), its wire agencies and first and last publication.
CREATE OR REPLACE VIEW mart_stories AS
SELECT s.story_id,
       count(*) AS articles,
       count(DISTINCT coalesce(src.source_domain, a.site_name, regexp_extract(a.url, '^https?://([^/]+)', 1),
                               a.dateline_agency, a.source_ref)) AS sources,
       count(DISTINCT coalesce('agency:' || a.wire_agencies[1], src.source_domain,
                               a.site_name, regexp_extract(a.url, '^https?://([^/]+)', 1), a.source_ref))
           AS independent_sources,
       list_sort(list_distinct(flatten(list(a.wire_agencies)))) AS wire_agencies,
       min(a.published_at) AS first_published,
       max(a.published_at) AS last_published,
       arg_min(a.title, coalesce(a.published_at, TIMESTAMP '9999-12-31')) AS title
FROM article_stories s
JOIN articles a USING (article_id)
JOIN mart_article_sources src USING (article_id)
GROUP BY s.story_id;
