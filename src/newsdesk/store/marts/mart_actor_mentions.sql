-- One row per actor per article, with the article's publication day, outlet and title and the link's confidence
-- (the base of the actor marts).
CREATE OR REPLACE VIEW mart_actor_mentions AS
SELECT aa.article_id, aa.actor_id, ac.name, ac.type, ac.country, aa.mentions, aa.roles, aa.is_source,
       CAST(a.published_at AS DATE) AS day, src.site_name, a.title, aa.confidence, src.source_domain
FROM article_actors aa
JOIN actors ac USING (actor_id)
JOIN articles a USING (article_id)
JOIN mart_article_sources src USING (article_id);
