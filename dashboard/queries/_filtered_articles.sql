-- Partial (included by other queries as {{filtered_articles}}): the ids of the articles that pass the sidebar filters.
-- Every filter is optional: a NULL parameter means "no filter". Articles without a publication date drop out as soon
-- as a date bound is set, because their day is unknown.
SELECT a.article_id
FROM mart_articles a
WHERE (CAST($start AS DATE) IS NULL OR CAST(a.published_at AS DATE) >= CAST($start AS DATE))
  AND (CAST($end AS DATE) IS NULL OR CAST(a.published_at AS DATE) <= CAST($end AS DATE))
  AND (CAST($source AS VARCHAR) IS NULL OR a.site_name = CAST($source AS VARCHAR))
  AND (CAST($actor AS VARCHAR) IS NULL OR a.article_id IN (
        SELECT m.article_id FROM mart_actor_mentions m WHERE m.actor_id = CAST($actor AS VARCHAR)))
  AND (CAST($topic AS VARCHAR) IS NULL OR a.article_id IN (
        SELECT t.article_id FROM mart_article_topics t WHERE t.code = CAST($topic AS VARCHAR)))
