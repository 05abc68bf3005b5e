-- One row: how many date mentions timeline_events would list without its LIMIT (same filters, window, plausibility).
WITH e AS (
    SELECT dm.article_id, dm.start_date, dm.end_date, dm.granularity, CAST(a.published_at AS DATE) AS published_day
    FROM date_mentions dm
    JOIN articles a USING (article_id)
    WHERE dm.start_date IS NOT NULL AND dm.function IS DISTINCT FROM 'creation_time' AND {{article_filter}}
)
SELECT count(*) AS total, count(DISTINCT e.article_id) AS articles, min(e.start_date) AS earliest,
       max(e.end_date) AS latest
FROM e
WHERE {{plausible_event}}
  AND (CAST($event_start AS DATE) IS NULL OR e.end_date >= CAST($event_start AS DATE))
  AND (CAST($event_end AS DATE) IS NULL OR e.start_date <= CAST($event_end AS DATE))
  AND (len(CAST($granularities AS VARCHAR[])) = 0 OR list_contains(CAST($granularities AS VARCHAR[]), e.granularity))
LIMIT 1
