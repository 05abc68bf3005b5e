-- Partial (included by other queries as {{filtered_articles}}): the ids of the articles that pass the sidebar filters.
-- Every filter is optional: a NULL parameter means "no filter". Articles without a publication date drop out as soon
-- as a date bound is set, because their day is unknown. Reads the base tables (the marts' per-row joins and the
-- outlet-name resolution cost a full pass each).
SELECT a.article_id
FROM articles a
WHERE {{article_filter}}
