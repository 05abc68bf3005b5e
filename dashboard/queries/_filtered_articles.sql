-- Partial (included by other queries as {{filtered_articles}}): the ids of the articles that pass the sidebar filters.
-- Every filter is optional: a NULL parameter means "no filter". Articles without a publication date drop out as soon
-- as a date bound is set, because their day is unknown. Reads the base tables (the marts' per-row joins and the
-- outlet-name resolution cost a full pass each); only the source filter needs mart_articles' canonical site name.
SELECT a.article_id
FROM articles a
WHERE (CAST($start AS DATE) IS NULL OR CAST(a.published_at AS DATE) >= CAST($start AS DATE))
  AND (CAST($end AS DATE) IS NULL OR CAST(a.published_at AS DATE) <= CAST($end AS DATE))
  AND (CAST($source AS VARCHAR) IS NULL OR a.article_id IN (
        SELECT s.article_id FROM mart_articles s WHERE s.site_name = CAST($source AS VARCHAR)))
  AND (CAST($actor AS VARCHAR) IS NULL OR a.article_id IN (
        SELECT m.article_id FROM article_actors m WHERE m.actor_id = CAST($actor AS VARCHAR)))
  AND (CAST($topic AS VARCHAR) IS NULL OR a.article_id IN (
        SELECT t.article_id FROM article_topics t WHERE t.code = CAST($topic AS VARCHAR)))
