-- One row per date mentioned in the filtered articles (what happened when), with the article's actors.
-- Optional window on the event dates themselves: a mention is kept when its range overlaps the window.
-- Plausible dates only (_plausible_event): not before 1800, not more than 20 years after the article's publication
-- (benchmark scores and model numbers read as years, "1061", are not events).
WITH filtered AS (
{{filtered_articles}}
)
SELECT e.article_id, e.mention_idx, e.date_text, e.start_date, e.end_date, e.granularity,
       e.title, e.published_day, e.site_name, e.sentence,
       string_agg(DISTINCT e.actor_name, ', ' ORDER BY e.actor_name) AS actors,
       count(DISTINCT e.actor_id) AS n_actors
FROM mart_event_timeline e
JOIN filtered USING (article_id)
WHERE {{plausible_event}}
  AND (CAST($event_start AS DATE) IS NULL OR e.end_date >= CAST($event_start AS DATE))
  AND (CAST($event_end AS DATE) IS NULL OR e.start_date <= CAST($event_end AS DATE))
  AND (len(CAST($granularities AS VARCHAR[])) = 0 OR list_contains(CAST($granularities AS VARCHAR[]), e.granularity))
GROUP BY e.article_id, e.mention_idx, e.date_text, e.start_date, e.end_date, e.granularity,
         e.title, e.published_day, e.site_name, e.sentence
ORDER BY e.start_date, e.end_date, e.published_day, e.article_id, e.mention_idx
LIMIT $limit
