-- One row per topic assigned to any article: the options of the topic filter, most frequent first. Counted from the
-- pre-aggregated agg_topic_day (newsdesk.store.aggregates).
SELECT g.code, t.label, CAST(sum(g.articles) AS BIGINT) AS articles
FROM agg_topic_day g
JOIN topics t USING (code)
GROUP BY g.code, t.label
HAVING sum(g.articles) > 0
ORDER BY articles DESC, t.label, g.code
LIMIT $limit
