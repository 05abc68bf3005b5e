-- One row per date mentioned in the filtered articles (what happened when), with the article's actors.
-- Calendar events only: a range (start_date) and not the dateline's own date (function creation_time), as
-- mart_event_timeline; read from the base tables, which is cheaper than that mart's per-row joins. The mentions are
-- chosen on their narrow columns first; only the chosen ones get their text, sentence, title and actors.
-- Optional window on the event dates themselves: a mention is kept when its range overlaps the window.
-- Plausible dates only (_plausible_event): not before 1800, not more than 20 years after the article's publication
-- (benchmark scores and model numbers read as years, "1061", are not events).
WITH e AS (
    SELECT dm.article_id, dm.mention_idx, dm.start_date, dm.end_date, dm.granularity,
           CAST(a.published_at AS DATE) AS published_day
    FROM date_mentions dm
    JOIN articles a USING (article_id)
    WHERE dm.start_date IS NOT NULL AND dm.function IS DISTINCT FROM 'creation_time' AND {{article_filter}}
),
picked AS MATERIALIZED (
    SELECT e.*
    FROM e
    WHERE {{plausible_event}}
      AND (CAST($event_start AS DATE) IS NULL OR e.end_date >= CAST($event_start AS DATE))
      AND (CAST($event_end AS DATE) IS NULL OR e.start_date <= CAST($event_end AS DATE))
      AND (len(CAST($granularities AS VARCHAR[])) = 0
           OR list_contains(CAST($granularities AS VARCHAR[]), e.granularity))
    ORDER BY e.start_date, e.end_date, e.published_day, e.article_id, e.mention_idx
    LIMIT $limit
),
texts AS MATERIALIZED (  -- the chosen mentions' words and sentences
    SELECT dm.article_id, dm.mention_idx, dm.text AS date_text, dm.sentence
    FROM date_mentions dm
    WHERE dm.article_id IN (SELECT article_id FROM picked)
),
titles AS MATERIALIZED (
    SELECT a.article_id, a.title, a.site_name
    FROM articles a
    WHERE a.article_id IN (SELECT article_id FROM picked)
),
names AS MATERIALIZED (
    SELECT aa.article_id, string_agg(DISTINCT ac.name, ', ' ORDER BY ac.name) AS actors,
           count(DISTINCT aa.actor_id) AS n_actors
    FROM {{actor_links}} aa
    LEFT JOIN actors ac ON ac.actor_id = aa.actor_id
    WHERE aa.article_id IN (SELECT article_id FROM picked)
    GROUP BY aa.article_id
)
SELECT p.article_id, p.mention_idx, x.date_text, p.start_date, p.end_date, p.granularity,
       t.title, p.published_day, t.site_name, x.sentence,
       n.actors, coalesce(n.n_actors, 0) AS n_actors
FROM picked p
JOIN texts x USING (article_id, mention_idx)
JOIN titles t USING (article_id)
LEFT JOIN names n USING (article_id)
ORDER BY p.start_date, p.end_date, p.published_day, p.article_id, p.mention_idx
LIMIT $limit
