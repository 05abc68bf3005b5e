-- Marts: the views the dashboard and analysts read. Grain stated for each.

-- One row per actor per article, with the article's day and source (the base of the actor marts).
CREATE OR REPLACE VIEW mart_actor_mentions AS
SELECT aa.article_id, aa.actor_id, ac.name, ac.type, ac.country, aa.mentions, aa.roles, aa.is_source,
       CAST(a.published_at AS DATE) AS day, a.site_name, a.title
FROM article_actors aa
JOIN actors ac USING (actor_id)
JOIN articles a USING (article_id);

-- One row per actor per publication day.
CREATE OR REPLACE VIEW mart_actor_daily AS
SELECT actor_id, name, type, country, day,
       count(*) AS articles, sum(mentions) AS mentions
FROM mart_actor_mentions
GROUP BY ALL;

-- One row per pair of actors per article they both appear in (actor_a < actor_b by id).
CREATE OR REPLACE VIEW mart_actor_cooccurrence AS
SELECT x.article_id, x.day, x.actor_id AS actor_a, x.name AS name_a, y.actor_id AS actor_b, y.name AS name_b
FROM mart_actor_mentions x
JOIN mart_actor_mentions y ON x.article_id = y.article_id AND x.actor_id < y.actor_id;

-- One row per topic per article, with labels and the level-1 ancestor.
CREATE OR REPLACE VIEW mart_article_topics AS
SELECT tp.article_id, tp.code, t.label, t.level, tp.score, tp.rank, tp.method,
       CAST(a.published_at AS DATE) AS day, a.site_name
FROM article_topics tp
JOIN topics t USING (code)
JOIN articles a USING (article_id);

-- One row per topic per publication day.
CREATE OR REPLACE VIEW mart_topic_daily AS
SELECT code, label, day, count(*) AS articles
FROM mart_article_topics
GROUP BY ALL;

-- One row per date mention per actor of the same article: what happened when, and who was involved.
CREATE OR REPLACE VIEW mart_event_timeline AS
SELECT dm.article_id, dm.mention_idx, dm.text AS date_text, dm.sentence, dm.start_date, dm.end_date, dm.granularity,
       a.title, CAST(a.published_at AS DATE) AS published_day, a.site_name,
       aa.actor_id, ac.name AS actor_name, ac.type AS actor_type
FROM date_mentions dm
JOIN articles a USING (article_id)
LEFT JOIN article_actors aa ON aa.article_id = dm.article_id
LEFT JOIN actors ac ON ac.actor_id = aa.actor_id;

-- One row per article, with counts of its facts (the article list).
CREATE OR REPLACE VIEW mart_articles AS
SELECT a.article_id, a.title, a.url, a.site_name, a.language, a.published_at, a.published_source,
       a.published_inferred, a.dateline_place, a.dateline_agency, a.authors, a.word_count, a.load_id,
       (SELECT count(*) FROM article_actors x WHERE x.article_id = a.article_id) AS n_actors,
       (SELECT count(*) FROM date_mentions x WHERE x.article_id = a.article_id) AS n_dates,
       (SELECT count(*) FROM quotes x WHERE x.article_id = a.article_id) AS n_quotes,
       (SELECT string_agg(t.label, ', ' ORDER BY x.rank) FROM article_topics x JOIN topics t USING (code)
         WHERE x.article_id = a.article_id AND x.rank <= 3) AS top_topics
FROM articles a;
