-- One row per filtered article matching a search (see _search_hits.sql: words, OR, NOT, "phrases", prefix*);
-- one page of them. The page is chosen first; only its rows get their outlet name and counts.
WITH hits AS (
{{search_hits}}
),
page AS MATERIALIZED (
    SELECT a.article_id, a.published_at, a.title, a.authors, a.site_name, a.url, a.canonical_url, h.score
    FROM articles a
    JOIN hits h USING (article_id)
    WHERE {{article_filter}}
    ORDER BY {{order_by}}
    LIMIT $limit OFFSET $offset
),
listed AS (
{{page_extras}}
)
SELECT a.*, round(h.score, 3) AS score
FROM listed a
JOIN page h USING (article_id)
ORDER BY {{order_by}}
LIMIT $limit
