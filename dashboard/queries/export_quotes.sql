-- Export: one row per quotation in the filtered articles, speaker id and name, with the article's URL; one page.
WITH arts AS MATERIALIZED (  -- the first $limit + $offset filtered articles that have rows, in export order
    SELECT a.article_id, a.published_at
    FROM articles a
    WHERE {{article_filter}} AND a.article_id IN (SELECT article_id FROM quotes)
    ORDER BY a.published_at NULLS LAST, a.article_id
    LIMIT $limit + $offset
),
page AS MATERIALIZED (
    SELECT q.*, x.published_at
    FROM quotes q
    JOIN arts x USING (article_id)
    ORDER BY x.published_at NULLS LAST, q.article_id, q.quote_idx
    LIMIT $limit OFFSET $offset
),
urls AS MATERIALIZED (  -- the page's articles' URLs, read for them only
    SELECT a.article_id, coalesce(a.canonical_url, a.url) AS url
    FROM articles a
    WHERE a.article_id IN (SELECT article_id FROM page)
)
SELECT q.article_id, u.url, CAST(q.published_at AS DATE) AS published_day,
       q.quote_idx, q.speaker_actor_id, q.speaker, q.text AS quote, q.char_start, q.char_end
FROM page q
JOIN urls u USING (article_id)
ORDER BY q.published_at NULLS LAST, q.article_id, q.quote_idx
LIMIT $limit
