-- One row per calendar date mention per actor of the same article (one row with no actor when the article has
-- none): what happened when, and who was involved. Calendar mentions only (a duration or "now" is not a day on a
-- timeline); the dateline's date (function 'creation_time') is the publication date, not an event the story reports.
CREATE OR REPLACE VIEW mart_event_timeline AS
SELECT dm.article_id, dm.mention_idx, dm.text AS date_text, dm.sentence, dm.start_date, dm.end_date, dm.granularity,
       a.title, CAST(a.published_at AS DATE) AS published_day, src.site_name,
       aa.actor_id, ac.name AS actor_name, ac.type AS actor_type, dm.type AS date_type, dm.value AS date_value,
       aa.confidence AS actor_confidence
FROM date_mentions dm
JOIN articles a USING (article_id)
JOIN mart_article_sources src USING (article_id)
LEFT JOIN article_actors aa ON aa.article_id = dm.article_id
LEFT JOIN actors ac ON ac.actor_id = aa.actor_id
WHERE dm.start_date IS NOT NULL AND dm.function IS DISTINCT FROM 'creation_time';
