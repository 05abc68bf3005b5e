-- One row per quotation in one article, in reading order.
SELECT quote_idx, coalesce(speaker, '(unattributed)') AS speaker, text AS quote, char_start, char_end
FROM quotes
WHERE article_id = $article_id
ORDER BY char_start, quote_idx
LIMIT $limit
