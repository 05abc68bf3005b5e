-- One row per source (site name): the options of the source filter, largest first.
SELECT site_name, count(*) AS articles
FROM mart_articles
WHERE site_name IS NOT NULL
GROUP BY site_name
ORDER BY articles DESC, site_name
LIMIT $limit
