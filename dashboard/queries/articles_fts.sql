-- One row per filtered article matching a full-text query (BM25 over title and text, all terms required);
-- one page of them. Only valid when has_search_index says the index exists.
WITH filtered AS (
{{filtered_articles}}
),
hits AS (
    SELECT article_id, score
    FROM (SELECT article_id, fts_main_articles.match_bm25(article_id, $q, conjunctive := 1) AS score FROM articles)
    WHERE score IS NOT NULL
)
SELECT a.article_id, a.published_at, a.title, a.site_name, a.authors,
       a.n_actors, a.n_dates, a.n_quotes, a.top_topics, round(h.score, 3) AS score
FROM mart_articles a
JOIN filtered USING (article_id)
JOIN hits h USING (article_id)
ORDER BY {{order_by}}
LIMIT $limit OFFSET $offset
