-- Outlets as entities (issue 12). `sources`: one row per outlet, keyed by its domain (the article URL's host
-- without "www."/"m."/"amp."), with one canonical name ("AP News" for pages that say "AP NEWS" or "AP News"), the
-- names its pages gave (`aliases`), and its country and language where known (the packaged outlet list
-- newsdesk/data/sources.csv, else the country of a country-code domain and the language most of its articles
-- have). Written at landing by newsdesk.store.sources; articles without a URL have no source row.
CREATE TABLE IF NOT EXISTS sources (
    domain      VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    country     VARCHAR,
    language    VARCHAR,
    aliases     VARCHAR[] NOT NULL,
    curated     BOOLEAN NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- How sure each actor link is, 0..1 (newsdesk.enrich.actors.CONFIDENCE); NULL for links landed before this
-- migration (not scored). No DEFAULT on purpose (see 007).
ALTER TABLE article_actors ADD COLUMN IF NOT EXISTS confidence DOUBLE;

-- Existing articles: their outlets, named by the names their pages gave (the next load that lands an article of
-- the outlet applies the packaged list and the naming rule of newsdesk.store.sources).
INSERT INTO sources
SELECT domain,
       arg_max(site_name, n) AS name, NULL AS country, arg_max(language, n) AS language,
       list_sort(list_distinct(list(site_name))) AS aliases, false AS curated, now()::TIMESTAMP AS updated_at
FROM (
    SELECT regexp_replace(lower(regexp_extract(coalesce(canonical_url, url), '^https?://([^/:?#]+)', 1)),
                          '^(www[0-9]?|m|amp|mobile)\.', '') AS domain,
           site_name, language, count(*) AS n
    FROM articles
    WHERE coalesce(canonical_url, url) IS NOT NULL AND site_name IS NOT NULL
    GROUP BY ALL
) t
WHERE domain <> ''
GROUP BY domain
ON CONFLICT (domain) DO NOTHING;

-- The marts name each article's outlet by its source: `site_name` is the canonical name (the page's own
-- `articles.site_name` when the outlet has no source row), `source_domain` the key of `sources`.
CREATE OR REPLACE VIEW mart_article_sources AS
SELECT a.article_id,
       s.domain AS source_domain,
       coalesce(s.name, a.site_name) AS site_name,
       s.country AS source_country,
       s.language AS source_language
FROM articles a
LEFT JOIN sources s
  ON s.domain = regexp_replace(lower(regexp_extract(coalesce(a.canonical_url, a.url), '^https?://([^/:?#]+)', 1)),
                               '^(www[0-9]?|m|amp|mobile)\.', '');

CREATE OR REPLACE VIEW mart_actor_mentions AS
SELECT aa.article_id, aa.actor_id, ac.name, ac.type, ac.country, aa.mentions, aa.roles, aa.is_source,
       CAST(a.published_at AS DATE) AS day, src.site_name, a.title, aa.confidence, src.source_domain
FROM article_actors aa
JOIN actors ac USING (actor_id)
JOIN articles a USING (article_id)
JOIN mart_article_sources src USING (article_id);

CREATE OR REPLACE VIEW mart_article_topics AS
SELECT tp.article_id, tp.code, t.label, t.level, tp.score, tp.rank, tp.method,
       CAST(a.published_at AS DATE) AS day, src.site_name, src.source_domain
FROM article_topics tp
JOIN topics t USING (code)
JOIN articles a USING (article_id)
JOIN mart_article_sources src USING (article_id);

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

CREATE OR REPLACE VIEW mart_articles AS
SELECT a.article_id, a.title, a.url, src.site_name, a.language, a.published_at, a.published_source,
       a.published_inferred, a.dateline_place, a.dateline_agency, a.authors, a.wire_agencies, a.word_count, a.load_id,
       (SELECT count(*) FROM article_actors x WHERE x.article_id = a.article_id) AS n_actors,
       (SELECT count(*) FROM date_mentions x WHERE x.article_id = a.article_id
          AND x.function IS DISTINCT FROM 'creation_time') AS n_dates,
       (SELECT count(*) FROM quotes x WHERE x.article_id = a.article_id) AS n_quotes,
       (SELECT string_agg(t.label, ', ' ORDER BY x.rank) FROM article_topics x JOIN topics t USING (code)
         WHERE x.article_id = a.article_id AND x.rank <= 3) AS top_topics,
       src.source_domain, src.source_country, src.source_language, a.site_name AS site_name_as_written
FROM articles a
JOIN mart_article_sources src USING (article_id);

-- Outlets counted by their source (one outlet whatever name its pages give), else as before.
CREATE OR REPLACE VIEW mart_stories AS
SELECT s.story_id,
       count(*) AS articles,
       count(DISTINCT coalesce(src.source_domain, a.site_name, regexp_extract(a.url, '^https?://([^/]+)', 1),
                               a.dateline_agency, a.source_ref)) AS sources,
       count(DISTINCT coalesce('agency:' || a.wire_agencies[1], src.source_domain,
                               a.site_name, regexp_extract(a.url, '^https?://([^/]+)', 1), a.source_ref))
           AS independent_sources,
       list_sort(list_distinct(flatten(list(a.wire_agencies)))) AS wire_agencies,
       min(a.published_at) AS first_published,
       max(a.published_at) AS last_published,
       arg_min(a.title, coalesce(a.published_at, TIMESTAMP '9999-12-31')) AS title
FROM article_stories s
JOIN articles a USING (article_id)
JOIN mart_article_sources src USING (article_id)
GROUP BY s.story_id;
