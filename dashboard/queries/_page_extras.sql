SELECT a.article_id, a.published_at, a.title, coalesce(src.name, a.site_name) AS site_name, a.authors,
       coalesce(na.n, 0) AS n_actors, coalesce(nd.n, 0) AS n_dates, coalesce(nq.n, 0) AS n_quotes, tt.top_topics
FROM page a
-- the outlet's canonical name as mart_article_sources gives it, for the page's rows only
LEFT JOIN sources src
  ON src.domain = regexp_replace(lower(regexp_extract(coalesce(a.canonical_url, a.url), '^https?://([^/:?#]+)', 1)),
                                 '^(www[0-9]?|m|amp|mobile)\.', '')
LEFT JOIN (SELECT article_id, count(*) AS n FROM {{actor_links}} x
           WHERE article_id IN (SELECT article_id FROM page) GROUP BY 1) na ON na.article_id = a.article_id
LEFT JOIN (SELECT article_id, count(*) AS n FROM date_mentions
           WHERE article_id IN (SELECT article_id FROM page) AND function IS DISTINCT FROM 'creation_time'
           GROUP BY 1) nd ON nd.article_id = a.article_id
LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes
           WHERE article_id IN (SELECT article_id FROM page) GROUP BY 1) nq ON nq.article_id = a.article_id
LEFT JOIN (SELECT x.article_id, string_agg(t.label, ', ' ORDER BY x.rank) AS top_topics
           FROM article_topics x JOIN topics t USING (code)
           WHERE x.article_id IN (SELECT article_id FROM page) AND x.rank <= 3 GROUP BY 1) tt
     ON tt.article_id = a.article_id
