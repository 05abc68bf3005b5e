-- One row per article: its outlet as a `sources` row names it. `site_name` is the outlet's canonical name (the
-- page's own `articles.site_name` when the outlet has no source row, e.g. an article without a URL),
-- `source_domain` the key of `sources` (the URL's host without "www."/"m."/"amp."; the same rule as
-- newsdesk.store.sources and newsdesk.store.aggregates).
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
