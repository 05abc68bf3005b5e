-- Partial (included by other queries as {{filtered_articles}}): the ids of the articles that pass the sidebar filters.
-- Every filter is optional: a NULL parameter means "no filter". Articles without a publication date drop out as soon
-- as a date bound is set, because their day is unknown. Reads the base tables (the marts' per-row joins and the
-- outlet-name resolution cost a full pass each).
SELECT a.article_id
FROM articles a
WHERE (CAST($start AS DATE) IS NULL OR CAST(a.published_at AS DATE) >= CAST($start AS DATE))
  AND (CAST($end AS DATE) IS NULL OR CAST(a.published_at AS DATE) <= CAST($end AS DATE))
  AND (CAST($source AS VARCHAR) IS NULL OR a.article_id IN (
        -- the outlet's canonical name as mart_article_sources gives it; the names its pages wrote (from the small
        -- agg_source_day) narrow the articles before their URLs are parsed
        WITH written AS (
            SELECT DISTINCT g.site_name
            FROM agg_source_day g LEFT JOIN sources s ON s.domain = g.source_domain
            WHERE coalesce(s.name, g.site_name) = CAST($source AS VARCHAR)
        )
        SELECT x.article_id
        FROM articles x
        LEFT JOIN sources s
          ON s.domain = regexp_replace(lower(regexp_extract(coalesce(x.canonical_url, x.url), '^https?://([^/:?#]+)', 1)),
                                       '^(www[0-9]?|m|amp|mobile)\.', '')
        WHERE (x.site_name IN (SELECT site_name FROM written)
               OR (x.site_name IS NULL AND EXISTS (SELECT 1 FROM written WHERE site_name IS NULL)))
          AND coalesce(s.name, x.site_name) = CAST($source AS VARCHAR)))
  AND (CAST($actor AS VARCHAR) IS NULL OR a.article_id IN (
        SELECT m.article_id FROM article_actors m WHERE m.actor_id = CAST($actor AS VARCHAR)))
  AND (CAST($topic AS VARCHAR) IS NULL OR a.article_id IN (
        SELECT t.article_id FROM article_topics t WHERE t.code = CAST($topic AS VARCHAR)))
