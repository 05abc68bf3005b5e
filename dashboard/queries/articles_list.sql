-- One row per filtered article, optionally whose title matches an escaped ILIKE pattern; one page of them. The page
-- is chosen from the articles table first; only its rows get their outlet name and counts (as mart_articles has them).
WITH page AS MATERIALIZED (  -- chosen once (each of page_extras' joins would otherwise choose it again)
    SELECT a.article_id, a.published_at, a.title, a.authors, a.site_name, a.url, a.canonical_url
    FROM articles a
    WHERE {{article_filter}}
      AND (CAST($pattern AS VARCHAR) IS NULL OR a.title ILIKE CAST($pattern AS VARCHAR) ESCAPE '\')
    ORDER BY {{order_by}}
    LIMIT $limit OFFSET $offset
),
listed AS (
{{page_extras}}
)
SELECT * FROM listed a
ORDER BY {{order_by}}
LIMIT $limit
