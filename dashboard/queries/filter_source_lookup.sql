-- One row: the source (site name) a URL names, with its article count; none if no article has it.
SELECT site_name, count(*) AS articles
FROM mart_articles
WHERE site_name = CAST($source AS VARCHAR)
GROUP BY site_name
LIMIT 1
