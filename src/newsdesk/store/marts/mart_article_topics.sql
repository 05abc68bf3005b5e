-- One row per topic per article, with the topic's label and level and the article's publication day and outlet.
CREATE OR REPLACE VIEW mart_article_topics AS
SELECT tp.article_id, tp.code, t.label, t.level, tp.score, tp.rank, tp.method,
       CAST(a.published_at AS DATE) AS day, src.site_name, src.source_domain
FROM article_topics tp
JOIN topics t USING (code)
JOIN articles a USING (article_id)
JOIN mart_article_sources src USING (article_id);
