-- One row per topic assigned to any article: the options of the topic filter, most frequent first.
SELECT code, label, count(DISTINCT article_id) AS articles
FROM mart_article_topics
GROUP BY code, label
ORDER BY articles DESC, label, code
LIMIT $limit
