-- One row: how many filtered articles there are (whose title matches an escaped ILIKE pattern, if one is given).
SELECT count(*) AS total
FROM articles a
WHERE {{article_filter}}
  AND (CAST($pattern AS VARCHAR) IS NULL OR a.title ILIKE CAST($pattern AS VARCHAR) ESCAPE '\')
LIMIT 1
