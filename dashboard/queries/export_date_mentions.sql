-- Export: one row per time expression in the filtered articles (as written, TimeML type/value, calendar range),
-- with the article's URL; one page.
WITH filtered AS (
{{filtered_articles}}
)
SELECT d.article_id, coalesce(a.canonical_url, a.url) AS url, CAST(a.published_at AS DATE) AS published_day,
       d.mention_idx, d.text AS date_text, d.type AS date_type, d.value AS date_value, d.function, d.start_date,
       d.end_date, d.granularity, d.sentence
FROM date_mentions d
JOIN filtered USING (article_id)
JOIN articles a USING (article_id)
ORDER BY a.published_at NULLS LAST, d.article_id, d.mention_idx
LIMIT $limit OFFSET $offset
