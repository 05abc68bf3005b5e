-- One row per topic per publication day: the articles about the topic.
CREATE OR REPLACE VIEW mart_topic_daily AS
SELECT code, label, day, count(*) AS articles
FROM mart_article_topics
GROUP BY ALL;
