-- Export: one row per time expression in the filtered articles (as written, TimeML type/value, calendar range),
-- with the article's URL; one page.
WITH arts AS MATERIALIZED (  -- the first $limit + $offset filtered articles that have rows, in export order
    SELECT a.article_id, a.published_at
    FROM articles a
    WHERE {{article_filter}} AND a.article_id IN (SELECT article_id FROM date_mentions)
    ORDER BY a.published_at NULLS LAST, a.article_id
    LIMIT $limit + $offset
),
page AS MATERIALIZED (
    SELECT d.*, x.published_at
    FROM date_mentions d
    JOIN arts x USING (article_id)
    ORDER BY x.published_at NULLS LAST, d.article_id, d.mention_idx
    LIMIT $limit OFFSET $offset
),
urls AS MATERIALIZED (  -- the page's articles' URLs, read for them only
    SELECT a.article_id, coalesce(a.canonical_url, a.url) AS url
    FROM articles a
    WHERE a.article_id IN (SELECT article_id FROM page)
)
SELECT d.article_id, u.url, CAST(d.published_at AS DATE) AS published_day,
       d.mention_idx, d.text AS date_text, d.type AS date_type, d.value AS date_value, d.function, d.start_date,
       d.end_date, d.granularity, d.sentence
FROM page d
JOIN urls u USING (article_id)
ORDER BY d.published_at NULLS LAST, d.article_id, d.mention_idx
LIMIT $limit
