-- One row per topic assigned to the filtered articles. With no filter but dates, counted from agg_topic_day
-- (newsdesk.store.aggregates); otherwise from article_topics.
WITH filtered AS (
{{filtered_articles}}
),
agg AS (
    SELECT g.code, CAST(sum(g.articles) AS BIGINT) AS articles, sum(g.score_sum) / CAST(sum(g.articles) AS BIGINT) AS avg_score
    FROM agg_topic_day g
    WHERE {{only_dates}} AND {{agg_days}}
    GROUP BY g.code
    HAVING sum(g.articles) > 0
),
base AS (
    SELECT x.code, count(DISTINCT x.article_id) AS articles, avg(x.score) AS avg_score
    FROM article_topics x
    JOIN filtered USING (article_id)
    WHERE NOT {{only_dates}}
    GROUP BY x.code
)
SELECT c.code, t.label, t.level, c.articles, round(c.avg_score, 3) AS avg_score
FROM (SELECT * FROM agg UNION ALL SELECT * FROM base) c
JOIN topics t USING (code)
ORDER BY c.articles DESC, t.label
LIMIT $limit
