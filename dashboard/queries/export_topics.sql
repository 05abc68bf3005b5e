-- Export: one row per topic per filtered article (IPTC code, label, score, rank, method) with the URL; one page.
WITH arts AS MATERIALIZED (  -- the first $limit + $offset filtered articles that have rows, in export order
    SELECT a.article_id, a.published_at
    FROM articles a
    WHERE {{article_filter}} AND a.article_id IN (SELECT article_id FROM article_topics)
    ORDER BY a.published_at NULLS LAST, a.article_id
    LIMIT $limit + $offset
),
page AS MATERIALIZED (
    SELECT t.*, x.published_at
    FROM article_topics t
    JOIN arts x USING (article_id)
    ORDER BY x.published_at NULLS LAST, t.article_id, t.rank, t.code
    LIMIT $limit OFFSET $offset
),
urls AS MATERIALIZED (  -- the page's articles' URLs, read for them only
    SELECT a.article_id, coalesce(a.canonical_url, a.url) AS url
    FROM articles a
    WHERE a.article_id IN (SELECT article_id FROM page)
)
SELECT t.article_id, u.url, CAST(t.published_at AS DATE) AS published_day,
       t.code, tp.label, t.score, t.rank, t.method
FROM page t
JOIN urls u USING (article_id)
LEFT JOIN topics tp ON tp.code = t.code
ORDER BY t.published_at NULLS LAST, t.article_id, t.rank, t.code
LIMIT $limit
