-- Export: one row per filtered article with its ids and URLs; one page of them (the export reads page by page).
-- The page is chosen on the narrow columns first; only its rows are read whole.
WITH page AS MATERIALIZED (
    SELECT a.article_id, a.published_at
    FROM articles a
    WHERE {{article_filter}}
    ORDER BY a.published_at NULLS LAST, a.article_id
    LIMIT $limit OFFSET $offset
)
SELECT a.article_id, a.url, a.canonical_url, a.title, a.site_name, a.published_at, a.language, a.authors,
       a.dateline_place, a.dateline_agency, a.wire_agencies, a.word_count, s.story_id, a.load_id
FROM articles a
JOIN page p USING (article_id)
LEFT JOIN article_stories s USING (article_id)
ORDER BY a.published_at NULLS LAST, a.article_id
LIMIT $limit
