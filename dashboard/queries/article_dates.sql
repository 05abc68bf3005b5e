-- One row per date expression of one article, in reading order.
SELECT mention_idx, text AS date_text, start_date, end_date, granularity, sentence
FROM date_mentions
WHERE article_id = $article_id
ORDER BY char_offset, mention_idx
LIMIT $limit
