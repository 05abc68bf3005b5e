-- One row: headline counts over the filtered articles.
WITH filtered AS (
{{filtered_articles}}
)
SELECT
    (SELECT count(*) FROM filtered) AS articles,
    -- syndicated copies count once; an article without a story row is its own story
    (SELECT count(DISTINCT coalesce(s.story_id, f.article_id)) FROM filtered f
       LEFT JOIN article_stories s USING (article_id)) AS stories,
    (SELECT count(DISTINCT m.actor_id) FROM mart_actor_mentions m JOIN filtered USING (article_id)) AS actors,
    (SELECT count(*) FROM quotes q JOIN filtered USING (article_id)) AS quotes,
    (SELECT count(DISTINCT a.site_name) FROM mart_articles a JOIN filtered USING (article_id)) AS sources,
    -- time expressions the stories make (the dateline's own date, function 'creation_time', is metadata)
    (SELECT count(*) FROM date_mentions d JOIN filtered USING (article_id)
       WHERE d.function IS DISTINCT FROM 'creation_time') AS date_mentions,
    (SELECT count(DISTINCT t.code) FROM mart_article_topics t JOIN filtered USING (article_id)) AS topics,
    (SELECT min(a.published_at) FROM mart_articles a JOIN filtered USING (article_id)) AS first_published,
    (SELECT max(a.published_at) FROM mart_articles a JOIN filtered USING (article_id)) AS last_published
LIMIT 1
