-- One row per quotation one actor said in the filtered articles (speaker_actor_id), optionally whose text matches an
-- escaped ILIKE pattern; newest first, with the article it comes from.
WITH filtered AS (
{{filtered_articles}}
)
SELECT q.article_id, q.quote_idx, q.text AS quote, CAST(a.published_at AS DATE) AS published_day, a.title,
       a.site_name, coalesce(a.canonical_url, a.url) AS url
FROM quotes q
JOIN filtered USING (article_id)
JOIN articles a USING (article_id)
WHERE q.speaker_actor_id = CAST($focus AS VARCHAR)
  AND (CAST($pattern AS VARCHAR) IS NULL OR q.text ILIKE CAST($pattern AS VARCHAR) ESCAPE '\')
ORDER BY a.published_at DESC NULLS LAST, q.article_id, q.quote_idx
LIMIT $limit
