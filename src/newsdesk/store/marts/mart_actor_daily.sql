-- One row per actor per publication day: the articles that mention the actor and the mentions in them.
CREATE OR REPLACE VIEW mart_actor_daily AS
SELECT actor_id, name, type, country, day,
       count(*) AS articles, sum(mentions) AS mentions
FROM mart_actor_mentions
GROUP BY ALL;
