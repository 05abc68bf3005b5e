-- Time expressions normalised the TimeML way (issue 12): every date mention gets a TIMEX3 `type` (date, time,
-- duration, set) and `value` (2025-10-12, 2025-W41, 2025-10-12T09:00, P3Y, XXXX-WXX-2, PRESENT_REF ...), and
-- `function` ('creation_time' for the dateline's date, the document creation time in TimeML terms; else NULL).
-- Durations, sets and PRESENT/PAST/FUTURE_REF denote no calendar interval: their start_date, end_date and
-- granularity are NULL, so those columns may now be NULL (marts that place events in time keep calendar rows only).
-- No DEFAULT on purpose (see 007: DuckDB 1.5.5 cannot replay a WAL holding ADD COLUMN ... DEFAULT); existing rows,
-- all calendar dates, are back-filled with the value of their interval (the same rule as
-- newsdesk.record.calendar_value), and the GX suite keeps type and value non-null.
ALTER TABLE date_mentions ADD COLUMN IF NOT EXISTS type VARCHAR;
ALTER TABLE date_mentions ADD COLUMN IF NOT EXISTS value VARCHAR;
ALTER TABLE date_mentions ADD COLUMN IF NOT EXISTS function VARCHAR;
ALTER TABLE date_mentions ALTER COLUMN start_date DROP NOT NULL;
ALTER TABLE date_mentions ALTER COLUMN end_date DROP NOT NULL;
ALTER TABLE date_mentions ALTER COLUMN granularity DROP NOT NULL;

UPDATE date_mentions SET type = 'date' WHERE type IS NULL;
UPDATE date_mentions SET value = (
    WITH u AS (
        SELECT CASE granularity
                   WHEN 'week' THEN CAST(isoyear(start_date) AS VARCHAR) || '-W' || lpad(CAST(week(start_date) AS VARCHAR), 2, '0')
                   WHEN 'month' THEN strftime(start_date, '%Y-%m')
                   WHEN 'quarter' THEN CAST(year(start_date) AS VARCHAR) || '-Q' || CAST(quarter(start_date) AS VARCHAR)
                   WHEN 'season' THEN CAST(year(start_date) AS VARCHAR) || '-'
                       || CASE month(start_date) WHEN 3 THEN 'SP' WHEN 6 THEN 'SU' WHEN 9 THEN 'FA' WHEN 12 THEN 'WI' ELSE 'XX' END
                   WHEN 'year' THEN CAST(year(start_date) AS VARCHAR)
                   WHEN 'decade' THEN substr(CAST(year(start_date) AS VARCHAR), 1, 3)
                   ELSE strftime(start_date, '%Y-%m-%d') END AS a,
               CASE granularity
                   WHEN 'week' THEN CAST(isoyear(end_date) AS VARCHAR) || '-W' || lpad(CAST(week(end_date) AS VARCHAR), 2, '0')
                   WHEN 'month' THEN strftime(end_date, '%Y-%m')
                   WHEN 'quarter' THEN CAST(year(end_date) AS VARCHAR) || '-Q' || CAST(quarter(end_date) AS VARCHAR)
                   WHEN 'season' THEN NULL
                   WHEN 'year' THEN CAST(year(end_date) AS VARCHAR)
                   WHEN 'decade' THEN substr(CAST(year(end_date) AS VARCHAR), 1, 3)
                   ELSE strftime(end_date, '%Y-%m-%d') END AS b
    )
    SELECT CASE
               WHEN granularity = 'week' AND dayofweek(start_date) = 6 AND date_diff('day', start_date, end_date) = 1
                   THEN a || '-WE'
               WHEN b IS NULL OR a = b THEN a
               ELSE a || '/' || b END
    FROM u
) WHERE value IS NULL AND start_date IS NOT NULL;

-- Event timeline: calendar mentions only (a duration or "now" is not a day on a timeline), with type and value;
-- the dateline's date (function 'creation_time') is the publication date, not an event the story reports.
CREATE OR REPLACE VIEW mart_event_timeline AS
SELECT dm.article_id, dm.mention_idx, dm.text AS date_text, dm.sentence, dm.start_date, dm.end_date, dm.granularity,
       a.title, CAST(a.published_at AS DATE) AS published_day, a.site_name,
       aa.actor_id, ac.name AS actor_name, ac.type AS actor_type, dm.type AS date_type, dm.value AS date_value
FROM date_mentions dm
JOIN articles a USING (article_id)
LEFT JOIN article_actors aa ON aa.article_id = dm.article_id
LEFT JOIN actors ac ON ac.actor_id = aa.actor_id
WHERE dm.start_date IS NOT NULL AND dm.function IS DISTINCT FROM 'creation_time';

-- n_dates counts the dates a story mentions, not its dateline (as before this migration).
CREATE OR REPLACE VIEW mart_articles AS
SELECT a.article_id, a.title, a.url, a.site_name, a.language, a.published_at, a.published_source,
       a.published_inferred, a.dateline_place, a.dateline_agency, a.authors, a.wire_agencies, a.word_count, a.load_id,
       (SELECT count(*) FROM article_actors x WHERE x.article_id = a.article_id) AS n_actors,
       (SELECT count(*) FROM date_mentions x WHERE x.article_id = a.article_id
          AND x.function IS DISTINCT FROM 'creation_time') AS n_dates,
       (SELECT count(*) FROM quotes x WHERE x.article_id = a.article_id) AS n_quotes,
       (SELECT string_agg(t.label, ', ' ORDER BY x.rank) FROM article_topics x JOIN topics t USING (code)
         WHERE x.article_id = a.article_id AND x.rank <= 3) AS top_topics
FROM articles a;
