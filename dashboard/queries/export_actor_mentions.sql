-- Export: one row per actor per filtered article (ids, names, roles as written, the link's confidence) with the
-- article's URL; one page. Only links at least as sure as $min_confidence.
WITH arts AS MATERIALIZED (  -- the first $limit + $offset filtered articles that have rows, in export order
    SELECT a.article_id, a.published_at
    FROM articles a
    WHERE {{article_filter}} AND a.article_id IN (SELECT article_id FROM {{actor_links}} l)
    ORDER BY a.published_at NULLS LAST, a.article_id
    LIMIT $limit + $offset
),
page AS MATERIALIZED (
    SELECT aa.*, x.published_at
    FROM {{actor_links}} aa
    JOIN arts x USING (article_id)
    ORDER BY x.published_at NULLS LAST, aa.article_id, aa.actor_id
    LIMIT $limit OFFSET $offset
),
urls AS MATERIALIZED (  -- the page's articles' URLs, read for them only
    SELECT a.article_id, coalesce(a.canonical_url, a.url) AS url
    FROM articles a
    WHERE a.article_id IN (SELECT article_id FROM page)
)
SELECT aa.article_id, u.url, CAST(aa.published_at AS DATE) AS published_day,
       aa.actor_id, ac.name, ac.type, ac.country, aa.mentions, aa.roles, aa.roles_written, aa.aliases AS written_as,
       aa.in_title, aa.in_lead, aa.is_source, aa.confidence
FROM page aa
JOIN urls u USING (article_id)
LEFT JOIN actors ac ON ac.actor_id = aa.actor_id
ORDER BY aa.published_at NULLS LAST, aa.article_id, aa.actor_id
LIMIT $limit
