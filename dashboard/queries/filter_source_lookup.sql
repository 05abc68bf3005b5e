-- One row if any article's outlet (canonical name, as mart_articles names it) is $source.
SELECT coalesce(s.name, g.site_name) AS site_name, CAST(sum(g.articles) AS BIGINT) AS articles
FROM agg_source_day g
LEFT JOIN sources s ON s.domain = g.source_domain
WHERE coalesce(s.name, g.site_name) = CAST($source AS VARCHAR)
GROUP BY 1
HAVING sum(g.articles) > 0
LIMIT 1
