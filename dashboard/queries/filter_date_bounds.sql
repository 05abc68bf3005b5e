-- One row: the first and last publication day in the database (the date filter's bounds).
SELECT min(CAST(published_at AS DATE)) AS first_day, max(CAST(published_at AS DATE)) AS last_day
FROM mart_articles
LIMIT 1
