-- One row per publication day per topic, for the $top_n most frequent topics of the filtered articles.
WITH filtered AS (
{{filtered_articles}}
),
top AS (
    SELECT t.code
    FROM mart_article_topics t
    JOIN filtered USING (article_id)
    GROUP BY t.code
    ORDER BY count(DISTINCT t.article_id) DESC, t.code
    LIMIT $top_n
)
SELECT t.day, t.code, t.label, count(DISTINCT t.article_id) AS articles
FROM mart_article_topics t
JOIN filtered USING (article_id)
JOIN top USING (code)
WHERE t.day IS NOT NULL
GROUP BY t.day, t.code, t.label
ORDER BY t.day, t.label
LIMIT $limit
