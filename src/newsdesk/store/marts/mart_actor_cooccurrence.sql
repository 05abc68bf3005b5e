-- One row per pair of actors per article they both appear in (actor_a < actor_b by id).
CREATE OR REPLACE VIEW mart_actor_cooccurrence AS
SELECT x.article_id, x.day, x.actor_id AS actor_a, x.name AS name_a, y.actor_id AS actor_b, y.name AS name_b
FROM mart_actor_mentions x
JOIN mart_actor_mentions y ON x.article_id = y.article_id AND x.actor_id < y.actor_id;
