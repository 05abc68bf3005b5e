-- One row per article, with its outlet and the counts of its facts (the article list). n_dates counts the dates
-- the story mentions, not its dateline; site_name_as_written keeps the page's own outlet name.
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
