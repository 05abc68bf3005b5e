-- One row: headline counts over the filtered articles. With no filter but dates, the counts come from the
-- pre-aggregated tables (newsdesk.store.aggregates); otherwise from the base tables.
WITH filtered AS (
{{filtered_articles}}
),
days AS (  -- only dates: the pre-aggregated per-day counts in the range
    SELECT g.day, g.source_domain, g.site_name, g.articles, g.quotes, g.date_mentions
    FROM agg_source_day g
    WHERE {{only_dates}} AND {{agg_days}}
),
agg AS (
    SELECT
        (SELECT CAST(coalesce(sum(articles), 0) AS BIGINT) FROM days) AS articles,
        (SELECT count(*) FROM (SELECT g.actor_id FROM agg_actor_day g WHERE {{agg_days}} GROUP BY g.actor_id
                               HAVING sum(g.articles) > 0)) AS actors,
        (SELECT CAST(coalesce(sum(quotes), 0) AS BIGINT) FROM days) AS quotes,
        (SELECT count(*) FROM (SELECT coalesce(s.name, d.site_name) AS name FROM days d
                               LEFT JOIN sources s ON s.domain = d.source_domain
                               GROUP BY 1 HAVING name IS NOT NULL AND sum(d.articles) > 0)) AS sources,
        (SELECT CAST(coalesce(sum(date_mentions), 0) AS BIGINT) FROM days) AS date_mentions,
        (SELECT count(*) FROM (SELECT g.code FROM agg_topic_day g JOIN topics USING (code) WHERE {{agg_days}}
                               GROUP BY g.code HAVING sum(g.articles) > 0)) AS topics
    WHERE {{only_dates}}
),
base AS (
    SELECT
        (SELECT count(*) FROM filtered) AS articles,
        (SELECT count(DISTINCT m.actor_id) FROM article_actors m JOIN filtered USING (article_id)) AS actors,
        (SELECT count(*) FROM quotes q JOIN filtered USING (article_id)) AS quotes,
        (SELECT count(DISTINCT a.site_name) FROM mart_article_sources a JOIN filtered USING (article_id)) AS sources,
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
     (SELECT min(first_published) AS first_published, max(last_published) AS last_published FROM (
      SELECT min(a.published_at) AS first_published, max(a.published_at) AS last_published
      FROM articles a
      WHERE {{only_dates}}
        AND (CAST($start AS DATE) IS NULL OR CAST(a.published_at AS DATE) >= CAST($start AS DATE))
        AND (CAST($end AS DATE) IS NULL OR CAST(a.published_at AS DATE) <= CAST($end AS DATE))
      UNION ALL
      SELECT min(a.published_at), max(a.published_at) FROM articles a JOIN filtered USING (article_id)
      WHERE NOT {{only_dates}})) p
LIMIT 1
