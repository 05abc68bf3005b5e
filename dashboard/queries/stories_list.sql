-- One row per story (near-duplicate articles) that two or more filtered articles carried: copies, outlets,
-- independent sources (outlets running one agency's copy count once), wire agencies, outlet names, first/last seen.
-- Stories are ranked on counts alone first; titles and name lists are built for the listed stories only (building
-- them for every story of a million articles ran out of memory). Each step is computed once (MATERIALIZED).
WITH multi AS MATERIALIZED (  -- stories two or more articles carried (over every article, as the counts require)
    SELECT story_id FROM article_stories GROUP BY story_id HAVING count(*) >= 2
),
rows AS MATERIALIZED (
    SELECT s.story_id, a.article_id, a.published_at, a.site_name,
           coalesce(a.site_name, a.url) AS outlet,
           coalesce('agency:' || a.wire_agencies[1], a.site_name, a.url) AS originator
    FROM article_stories s
    JOIN articles a USING (article_id)
    WHERE {{article_filter}} AND s.story_id IN (SELECT story_id FROM multi)
),
ranked AS MATERIALIZED (
    SELECT story_id,
           count(*) AS articles,
           count(DISTINCT outlet) AS outlets,
           count(DISTINCT originator) AS independent_sources,
           min(published_at) AS first_seen,
           max(published_at) AS last_seen
    FROM rows
    GROUP BY story_id
    HAVING count(*) >= 2
    ORDER BY independent_sources DESC, articles DESC, last_seen DESC NULLS LAST, story_id
    LIMIT $limit
),
listed AS MATERIALIZED (  -- the listed stories' articles, with their titles and agencies
    SELECT r.story_id, r.published_at, r.site_name, a.title, a.wire_agencies
    FROM rows r
    JOIN articles a USING (article_id)
    WHERE r.story_id IN (SELECT story_id FROM ranked)
      AND a.article_id IN (SELECT article_id FROM rows WHERE story_id IN (SELECT story_id FROM ranked))
)
SELECT k.story_id,
       arg_min(r.title, coalesce(r.published_at, TIMESTAMP '9999-12-31')) AS title,
       any_value(k.articles) AS articles, any_value(k.outlets) AS outlets,
       any_value(k.independent_sources) AS independent_sources,
       list_sort(list_distinct(flatten(list(coalesce(r.wire_agencies, []))))) AS wire_agencies,
       list_sort(list_distinct(list(r.site_name) FILTER (WHERE r.site_name IS NOT NULL)))[1:20] AS outlet_names,
       any_value(k.first_seen) AS first_seen,
       any_value(k.last_seen) AS last_seen
FROM ranked k
JOIN listed r USING (story_id)
GROUP BY k.story_id
ORDER BY independent_sources DESC, articles DESC, last_seen DESC NULLS LAST, k.story_id
LIMIT $limit
