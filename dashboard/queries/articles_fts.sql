-- One row per filtered article matching a search (see _search_hits.sql: words, OR, NOT, "phrases", prefix*);
-- one page of them.
WITH filtered AS (
{{filtered_articles}}
),
hits AS (
{{search_hits}}
)
SELECT a.article_id, a.published_at, a.title, a.site_name, a.authors,
       a.n_actors, a.n_dates, a.n_quotes, a.top_topics, round(h.score, 3) AS score
FROM mart_articles a
JOIN filtered USING (article_id)
JOIN hits h USING (article_id)
ORDER BY {{order_by}}
LIMIT $limit OFFSET $offset
