-- One row per actor whose name or any alias matches $q: every actor in `actors` (not only the most mentioned), its
-- aliases in any language the alias table holds ("Selenskyj"), and the names of actors merged into it
-- (actor_overrides). Case and diacritics are ignored. Exact name/alias first, then prefix, then word start, then
-- anywhere; more articles first within a rank.
WITH needle AS (
    SELECT lower(strip_accents(trim(CAST($q AS VARCHAR)))) AS q
),
forms AS (
    SELECT actor_id, name AS form FROM actors
    UNION ALL
    SELECT actor_id, unnest(aliases) AS form FROM actors
    UNION ALL
    SELECT into_actor_id AS actor_id, name AS form FROM actor_overrides WHERE kind = 'merge'
    UNION ALL
    SELECT into_actor_id AS actor_id, unnest(aliases) AS form FROM actor_overrides WHERE kind = 'merge'
),
matched AS (
    SELECT f.actor_id, f.form,
           CASE WHEN lower(strip_accents(f.form)) = n.q THEN 0
                WHEN starts_with(lower(strip_accents(f.form)), n.q) THEN 1
                WHEN contains(' ' || lower(strip_accents(f.form)), ' ' || n.q) THEN 2
                ELSE 3 END AS rank
    FROM forms f, needle n
    WHERE length(n.q) > 0 AND contains(lower(strip_accents(f.form)), n.q)
),
best AS (
    SELECT actor_id, min(rank) AS rank, arg_min(form, rank) AS matched_form
    FROM matched
    GROUP BY actor_id
),
counts AS (
    SELECT aa.actor_id, count(*) AS articles
    FROM article_actors aa
    WHERE aa.actor_id IN (SELECT actor_id FROM best)
    GROUP BY aa.actor_id
)
SELECT ac.actor_id, ac.name, ac.type, ac.country, b.matched_form, coalesce(c.articles, 0) AS articles
FROM best b
JOIN actors ac USING (actor_id)
LEFT JOIN counts c USING (actor_id)
ORDER BY b.rank, articles DESC, ac.name, ac.actor_id
LIMIT $limit
