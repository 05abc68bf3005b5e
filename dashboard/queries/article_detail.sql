-- One row: one article with its metadata; the text is capped so a huge page cannot flood the browser.
SELECT article_id, title, url, canonical_url, authors, site_name, language, published_at, published_source,
       published_inferred, dateline_place, dateline_date, dateline_agency, wire_agencies, word_count,
       left(text, 100000) AS text, length(text) AS text_chars, source_ref, input_format, fetched_at, load_id
FROM articles
WHERE article_id = $article_id
LIMIT 1
