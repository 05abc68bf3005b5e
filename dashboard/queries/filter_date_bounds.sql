-- One row: the first and last publication day in the database (the date filter's bounds). Read from the articles'
-- own column statistics, not a mart (whose outlet names cost a pass over every article).
SELECT min(CAST(published_at AS DATE)) AS first_day, max(CAST(published_at AS DATE)) AS last_day
FROM articles
LIMIT 1
