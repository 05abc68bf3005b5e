-- Export: one row per topic per filtered article (IPTC code, label, score, rank, method) with the URL; one page.
WITH filtered AS (
{{filtered_articles}}
)
SELECT t.article_id, coalesce(a.canonical_url, a.url) AS url, CAST(a.published_at AS DATE) AS published_day,
       t.code, tp.label, t.score, t.rank, t.method
FROM article_topics t
JOIN filtered USING (article_id)
JOIN articles a USING (article_id)
LEFT JOIN topics tp ON tp.code = t.code
ORDER BY a.published_at NULLS LAST, t.article_id, t.rank, t.code
LIMIT $limit OFFSET $offset
