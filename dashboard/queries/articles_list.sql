-- One row per filtered article, optionally whose title matches an escaped ILIKE pattern; one page of them. The page
-- is chosen from the articles table first; only its rows get their outlet name and counts (as mart_articles has them).
WITH filtered AS (
{{filtered_articles}}
),
page AS (
    SELECT a.article_id, a.published_at, a.title, a.authors
    FROM articles a
    JOIN filtered USING (article_id)
    WHERE CAST($pattern AS VARCHAR) IS NULL OR a.title ILIKE CAST($pattern AS VARCHAR) ESCAPE '\'
    ORDER BY {{order_by}}
    LIMIT $limit OFFSET $offset
),
listed AS (
{{page_extras}}
)
SELECT * FROM listed a
ORDER BY {{order_by}}
LIMIT $limit
