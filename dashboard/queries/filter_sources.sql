-- One row per source (canonical outlet name, as mart_articles names it): the options of the source filter, largest
-- first. Counted from the pre-aggregated agg_source_day (newsdesk.store.aggregates), not from every article.
SELECT coalesce(s.name, g.site_name) AS site_name, CAST(sum(g.articles) AS BIGINT) AS articles
FROM agg_source_day g
LEFT JOIN sources s ON s.domain = g.source_domain
GROUP BY 1
HAVING coalesce(s.name, g.site_name) IS NOT NULL AND sum(g.articles) > 0
ORDER BY articles DESC, site_name
LIMIT $limit
