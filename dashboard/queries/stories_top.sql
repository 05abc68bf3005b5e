-- One row per story (near-duplicate articles) among the filtered articles that two or more articles carried: how
-- many outlets ran it and how many independent originators it has (outlets running one agency's copy count once).
-- Ranked on counts first; titles and agency lists are built for the listed stories only.
WITH multi AS MATERIALIZED (  -- stories two or more articles carried (over every article, as the counts require)
    SELECT story_id FROM article_stories GROUP BY story_id HAVING count(*) >= 2
),
rows AS MATERIALIZED (
    SELECT s.story_id, a.article_id, a.published_at,
           coalesce(a.site_name, a.url, a.source_ref) AS outlet,
           coalesce('agency:' || a.wire_agencies[1], a.site_name, a.url, a.source_ref) AS originator
    FROM article_stories s
    JOIN articles a USING (article_id)
    WHERE {{article_filter}} AND s.story_id IN (SELECT story_id FROM multi)
),
ranked AS MATERIALIZED (
    SELECT story_id,
           count(*) AS articles,
           count(DISTINCT outlet) AS outlets,
           count(DISTINCT originator) AS independent_sources,
           min(published_at) AS first_published
    FROM rows
    GROUP BY story_id
    HAVING count(*) >= 2
    ORDER BY independent_sources DESC, articles DESC, first_published, story_id
    LIMIT $limit
),
listed AS MATERIALIZED (  -- the listed stories' articles, with their titles and agencies
    SELECT r.story_id, r.published_at, a.title, a.wire_agencies
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
       any_value(k.first_published) AS first_published
FROM ranked k
JOIN listed r USING (story_id)
GROUP BY k.story_id
ORDER BY independent_sources DESC, articles DESC, first_published, k.story_id
LIMIT $limit
