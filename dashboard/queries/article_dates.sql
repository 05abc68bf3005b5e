-- One row per date expression of one article, in reading order.
-- Durations, sets and PRESENT/PAST/FUTURE_REF have no calendar range (start_date NULL); `value` is TimeML's.
SELECT mention_idx, text AS date_text, type AS date_type, value AS date_value, start_date, end_date, granularity,
       sentence
FROM date_mentions
WHERE article_id = $article_id
ORDER BY char_offset, mention_idx
LIMIT $limit
