-- Wire agencies credited by each article (byline credits and the dateline's "(AP)"), by short name: "dpa", "AP".
-- A story that ten outlets ran from one dpa report has one independent source, not ten.
-- No DEFAULT on purpose: DuckDB 1.5.5 cannot replay a WAL holding `ADD COLUMN ... DEFAULT []` (the database
-- would not open again after a crash before the next checkpoint); rows are back-filled instead, and the GX suite
-- keeps the column non-null.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS wire_agencies VARCHAR[];
UPDATE articles SET wire_agencies = [] WHERE wire_agencies IS NULL;

CREATE OR REPLACE VIEW mart_articles AS
SELECT a.article_id, a.title, a.url, a.site_name, a.language, a.published_at, a.published_source,
       a.published_inferred, a.dateline_place, a.dateline_agency, a.authors, a.wire_agencies, a.word_count, a.load_id,
       (SELECT count(*) FROM article_actors x WHERE x.article_id = a.article_id) AS n_actors,
       (SELECT count(*) FROM date_mentions x WHERE x.article_id = a.article_id) AS n_dates,
       (SELECT count(*) FROM quotes x WHERE x.article_id = a.article_id) AS n_quotes,
       (SELECT string_agg(t.label, ', ' ORDER BY x.rank) FROM article_topics x JOIN topics t USING (code)
         WHERE x.article_id = a.article_id AND x.rank <= 3) AS top_topics
FROM articles a;

-- One row per story. `sources`: distinct outlets that ran it; `independent_sources`: distinct originators, where
-- an article credited to a wire agency counts as that agency, whichever outlet ran it.
CREATE OR REPLACE VIEW mart_stories AS
SELECT s.story_id,
       count(*) AS articles,
       count(DISTINCT coalesce(a.site_name, regexp_extract(a.url, '^https?://([^/]+)', 1), a.dateline_agency,
                               a.source_ref)) AS sources,
       count(DISTINCT coalesce('agency:' || a.wire_agencies[1],
                               a.site_name, regexp_extract(a.url, '^https?://([^/]+)', 1), a.source_ref))
           AS independent_sources,
       list_sort(list_distinct(flatten(list(a.wire_agencies)))) AS wire_agencies,
       min(a.published_at) AS first_published,
       max(a.published_at) AS last_published,
       arg_min(a.title, coalesce(a.published_at, TIMESTAMP '9999-12-31')) AS title
FROM article_stories s
JOIN articles a USING (article_id)
GROUP BY s.story_id;
