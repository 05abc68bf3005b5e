-- One row per date mentioned in the filtered articles (what happened when), with the article's actors.
-- Calendar events only: a range (start_date) and not the dateline's own date (function creation_time), as
-- mart_event_timeline; read from the base tables, which is cheaper than that mart's per-row joins.
-- Optional window on the event dates themselves: a mention is kept when its range overlaps the window.
-- Plausible dates only (_plausible_event): not before 1800, not more than 20 years after the article's publication
-- (benchmark scores and model numbers read as years, "1061", are not events).
WITH filtered AS (
{{filtered_articles}}
),
e AS (
    SELECT dm.article_id, dm.mention_idx, dm.text AS date_text, dm.start_date, dm.end_date, dm.granularity,
           a.title, CAST(a.published_at AS DATE) AS published_day, a.site_name, dm.sentence
    FROM date_mentions dm
    JOIN filtered USING (article_id)
    JOIN articles a USING (article_id)
    WHERE dm.start_date IS NOT NULL AND dm.function IS DISTINCT FROM 'creation_time'
),
picked AS (
    SELECT e.*
    FROM e
    WHERE {{plausible_event}}
      AND (CAST($event_start AS DATE) IS NULL OR e.end_date >= CAST($event_start AS DATE))
      AND (CAST($event_end AS DATE) IS NULL OR e.start_date <= CAST($event_end AS DATE))
      AND (len(CAST($granularities AS VARCHAR[])) = 0
           OR list_contains(CAST($granularities AS VARCHAR[]), e.granularity))
    ORDER BY e.start_date, e.end_date, e.published_day, e.article_id, e.mention_idx
    LIMIT $limit
)
SELECT p.article_id, p.mention_idx, p.date_text, p.start_date, p.end_date, p.granularity,
       p.title, p.published_day, p.site_name, p.sentence,
       string_agg(DISTINCT ac.name, ', ' ORDER BY ac.name) AS actors,
       count(DISTINCT aa.actor_id) AS n_actors
FROM picked p
LEFT JOIN article_actors aa ON aa.article_id = p.article_id
LEFT JOIN actors ac ON ac.actor_id = aa.actor_id
GROUP BY p.article_id, p.mention_idx, p.date_text, p.start_date, p.end_date, p.granularity,
         p.title, p.published_day, p.site_name, p.sentence
ORDER BY p.start_date, p.end_date, p.published_day, p.article_id, p.mention_idx
LIMIT $limit
