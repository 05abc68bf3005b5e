-- One row: the first and last publication day among the filtered articles (chooses the time charts' bucket). With
-- no filter but dates, read from the articles' own column (no join to the filtered ids).
WITH filtered AS (
{{filtered_articles}}
),
spans AS (
    SELECT min(CAST(a.published_at AS DATE)) AS first_day, max(CAST(a.published_at AS DATE)) AS last_day
    FROM articles a
    WHERE {{only_dates}}
      AND (CAST($start AS DATE) IS NULL OR CAST(a.published_at AS DATE) >= CAST($start AS DATE))
      AND (CAST($end AS DATE) IS NULL OR CAST(a.published_at AS DATE) <= CAST($end AS DATE))
    UNION ALL
    SELECT min(CAST(a.published_at AS DATE)), max(CAST(a.published_at AS DATE))
    FROM articles a
    JOIN filtered USING (article_id)
    WHERE NOT {{only_dates}}
)
SELECT min(first_day) AS first_day, max(last_day) AS last_day
FROM spans
LIMIT 1
