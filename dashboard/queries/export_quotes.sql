-- Export: one row per quotation in the filtered articles, speaker id and name, with the article's URL; one page.
WITH filtered AS (
{{filtered_articles}}
)
SELECT q.article_id, coalesce(a.canonical_url, a.url) AS url, CAST(a.published_at AS DATE) AS published_day,
       q.quote_idx, q.speaker_actor_id, q.speaker, q.text AS quote, q.char_start, q.char_end
FROM quotes q
JOIN filtered USING (article_id)
JOIN articles a USING (article_id)
ORDER BY a.published_at NULLS LAST, q.article_id, q.quote_idx
LIMIT $limit OFFSET $offset
