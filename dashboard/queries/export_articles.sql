-- Export: one row per filtered article with its ids and URLs; one page of them (the export reads page by page).
WITH filtered AS (
{{filtered_articles}}
)
SELECT a.article_id, a.url, a.canonical_url, a.title, a.site_name, a.published_at, a.language, a.authors,
       a.dateline_place, a.dateline_agency, a.wire_agencies, a.word_count, s.story_id, a.load_id
FROM articles a
JOIN filtered USING (article_id)
LEFT JOIN article_stories s USING (article_id)
ORDER BY a.published_at NULLS LAST, a.article_id
LIMIT $limit OFFSET $offset
