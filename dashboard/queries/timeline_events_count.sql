-- One row: how many date mentions timeline_events would list without its LIMIT (same filters and window).
WITH filtered AS (
{{filtered_articles}}
)
SELECT count(*) AS total, count(DISTINCT e.article_id) AS articles, min(e.start_date) AS earliest,
       max(e.end_date) AS latest
FROM (SELECT DISTINCT article_id, mention_idx, start_date, end_date, granularity, published_day
      FROM mart_event_timeline) e
JOIN filtered USING (article_id)
WHERE {{plausible_event}}
  AND (CAST($event_start AS DATE) IS NULL OR e.end_date >= CAST($event_start AS DATE))
  AND (CAST($event_end AS DATE) IS NULL OR e.start_date <= CAST($event_end AS DATE))
  AND (len(CAST($granularities AS VARCHAR[])) = 0 OR list_contains(CAST($granularities AS VARCHAR[]), e.granularity))
LIMIT 1
