-- One row: headline counts over the filtered articles. With no filter but dates, the counts come from the
-- pre-aggregated tables (newsdesk.store.aggregates); otherwise from the base tables. Actors count only links at least
-- as sure as $min_confidence: with one set, the actor count is taken from those links even when only dates filter.
WITH filtered AS MATERIALIZED (  -- computed once for every count below
    SELECT a.article_id, a.published_at
    FROM articles a
    WHERE {{article_filter}}
),
days AS (  -- only dates: the pre-aggregated per-day counts in the range
    SELECT g.day, g.source_domain, g.site_name, g.articles, g.quotes, g.date_mentions
    FROM agg_source_day g
    WHERE {{only_dates}} AND {{agg_days}}
),
agg AS (
    SELECT
        (SELECT CAST(coalesce(sum(articles), 0) AS BIGINT) FROM days) AS articles,
        (SELECT count(*) FROM (SELECT g.actor_id FROM agg_actor_day g WHERE {{agg_days}} AND {{all_links}}
                               GROUP BY g.actor_id HAVING sum(g.articles) > 0))
          + (SELECT count(DISTINCT m.actor_id) FROM {{actor_links}} m JOIN filtered USING (article_id)
             WHERE NOT {{all_links}}) AS actors,
        (SELECT CAST(coalesce(sum(quotes), 0) AS BIGINT) FROM days) AS quotes,
        (SELECT count(*) FROM (SELECT coalesce(s.name, d.site_name) AS name FROM days d
                               LEFT JOIN sources s ON s.domain = d.source_domain
                               GROUP BY 1 HAVING name IS NOT NULL AND sum(d.articles) > 0)) AS sources,
        (SELECT CAST(coalesce(sum(date_mentions), 0) AS BIGINT) FROM days) AS date_mentions,
        (SELECT count(*) FROM (SELECT g.code FROM agg_topic_day g JOIN topics USING (code) WHERE {{agg_days}}
                               GROUP BY g.code HAVING sum(g.articles) > 0)) AS topics
    WHERE {{only_dates}}
),
filtered_urls AS MATERIALIZED (  -- the filtered articles' URLs (narrowed first, so only theirs are parsed)
    SELECT a.site_name, a.url, a.canonical_url
    FROM articles a
    WHERE NOT {{only_dates}} AND a.article_id IN (SELECT article_id FROM filtered)
),
base AS (
    SELECT
        (SELECT count(*) FROM filtered) AS articles,
        (SELECT count(DISTINCT m.actor_id) FROM {{actor_links}} m JOIN filtered USING (article_id)) AS actors,
        (SELECT count(*) FROM quotes q JOIN filtered USING (article_id)) AS quotes,
        -- the outlet's canonical name as mart_article_sources gives it, for the filtered articles only
        (SELECT count(DISTINCT coalesce(s.name, a.site_name))
           FROM filtered_urls a
           LEFT JOIN sources s
             ON s.domain = regexp_replace(lower(regexp_extract(coalesce(a.canonical_url, a.url),
                                                               '^https?://([^/:?#]+)', 1)),
                                          '^(www[0-9]?|m|amp|mobile)\.', '')
           ) AS sources,
        -- time expressions the stories make (the dateline's own date, function 'creation_time', is metadata)
        (SELECT count(*) FROM date_mentions d JOIN filtered USING (article_id)
           WHERE d.function IS DISTINCT FROM 'creation_time') AS date_mentions,
        (SELECT count(DISTINCT t.code) FROM article_topics t JOIN topics USING (code)
           JOIN filtered USING (article_id)) AS topics
    WHERE NOT {{only_dates}}
),
counts AS (SELECT * FROM agg UNION ALL SELECT * FROM base)
SELECT c.articles,
       -- syndicated copies count once; an article without a story row is its own story
       (SELECT count(DISTINCT coalesce(s.story_id, f.article_id)) FROM filtered f
          LEFT JOIN article_stories s USING (article_id)) AS stories,
       c.actors, c.quotes, c.sources, c.date_mentions, c.topics,
       p.first_published, p.last_published
FROM counts c,
     (SELECT min(published_at) AS first_published, max(published_at) AS last_published FROM filtered) p
LIMIT 1
