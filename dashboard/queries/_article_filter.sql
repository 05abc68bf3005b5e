-- Partial (included as {{article_filter}} in a WHERE over `articles a`): the article passes the sidebar filters.
-- Every filter is optional: a NULL parameter means "no filter". Articles without a publication date drop out as soon
-- as a date bound is set, because their day is unknown. A query that reads `articles a` anyway filters it in place
-- (no join of the articles to their own filtered ids: a million-row hash join at 1M articles). The actor filter
-- counts only links at least as sure as $min_confidence ({{actor_links}}).
((CAST($start AS DATE) IS NULL OR CAST(a.published_at AS DATE) >= CAST($start AS DATE))
  AND (CAST($end AS DATE) IS NULL OR CAST(a.published_at AS DATE) <= CAST($end AS DATE))
  AND (CAST($source AS VARCHAR) IS NULL OR a.article_id IN (
        -- the outlet's canonical name as mart_article_sources gives it; the names its pages wrote (from the small
        -- agg_source_day) narrow the articles before their URLs are parsed
        WITH written AS (
            SELECT DISTINCT g.site_name
            FROM agg_source_day g LEFT JOIN sources s ON s.domain = g.source_domain
            WHERE coalesce(s.name, g.site_name) = CAST($source AS VARCHAR)
        ),
        candidates AS MATERIALIZED (  -- narrowed first, so only their URLs are parsed
            SELECT x.article_id, x.site_name, x.url, x.canonical_url
            FROM articles x
            WHERE x.site_name IN (SELECT site_name FROM written)
               OR (x.site_name IS NULL AND EXISTS (SELECT 1 FROM written WHERE site_name IS NULL))
        )
        SELECT x.article_id
        FROM candidates x
        LEFT JOIN sources s
          ON s.domain = regexp_replace(lower(regexp_extract(coalesce(x.canonical_url, x.url), '^https?://([^/:?#]+)', 1)),
                                       '^(www[0-9]?|m|amp|mobile)\.', '')
        WHERE coalesce(s.name, x.site_name) = CAST($source AS VARCHAR)))
  AND (CAST($actor AS VARCHAR) IS NULL OR a.article_id IN (
        SELECT m.article_id FROM {{actor_links}} m WHERE m.actor_id = CAST($actor AS VARCHAR)))
  AND (CAST($topic AS VARCHAR) IS NULL OR a.article_id IN (
        SELECT t.article_id FROM article_topics t WHERE t.code = CAST($topic AS VARCHAR))))
