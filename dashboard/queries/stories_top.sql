-- One row per story (near-duplicate articles) among the filtered articles that two or more articles carried: how
-- many outlets ran it and how many independent originators it has (outlets running one agency's copy count once).
-- Ranked on counts first; titles and agency lists are built for the listed stories only.
WITH filtered AS (
{{filtered_articles}}
),
rows AS (
    SELECT s.story_id, a.title, a.published_at, a.site_name, a.url, a.source_ref, a.wire_agencies
    FROM article_stories s
    JOIN filtered USING (article_id)
    JOIN articles a USING (article_id)
    WHERE s.story_id IN (SELECT story_id FROM article_stories GROUP BY story_id HAVING count(*) >= 2)
),
ranked AS (
    SELECT story_id,
           count(*) AS articles,
           count(DISTINCT coalesce(site_name, url, source_ref)) AS outlets,
           count(DISTINCT coalesce('agency:' || wire_agencies[1], site_name, url, source_ref)) AS independent_sources,
           min(published_at) AS first_published
    FROM rows
    GROUP BY story_id
    HAVING count(*) >= 2
    ORDER BY independent_sources DESC, articles DESC, first_published, story_id
    LIMIT $limit
)
SELECT k.story_id,
       arg_min(r.title, coalesce(r.published_at, TIMESTAMP '9999-12-31')) AS title,
       any_value(k.articles) AS articles, any_value(k.outlets) AS outlets,
       any_value(k.independent_sources) AS independent_sources,
       list_sort(list_distinct(flatten(list(coalesce(r.wire_agencies, []))))) AS wire_agencies,
       any_value(k.first_published) AS first_published
FROM ranked k
JOIN rows r USING (story_id)
GROUP BY k.story_id
ORDER BY independent_sources DESC, articles DESC, first_published, k.story_id
LIMIT $limit
