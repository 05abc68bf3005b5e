-- One row per filtered article matching a search (see _search_hits.sql: words, OR, NOT, "phrases", prefix*);
-- one page of them. The page is chosen first; only its rows get their outlet name, counts and a snippet.
WITH hits AS (
{{search_hits}}
),
page AS MATERIALIZED (
    SELECT a.article_id, a.published_at, a.title, a.authors, a.site_name, a.url, a.canonical_url, h.score
    FROM articles a
    JOIN hits h USING (article_id)
    WHERE {{article_filter}}
    ORDER BY {{order_by}}
    LIMIT $limit OFFSET $offset
),
listed AS (
{{page_extras}}
),
found AS MATERIALIZED (  -- where a searched word first occurs in each of the page's texts, folded as the search folds
    SELECT x.article_id, any_value(x.text) AS text,
           min(nullif(instr(replace(lower(strip_accents(replace(replace(x.text, '’', ''''), '‘', ''''))), 'ß', 'ss'),
                            w.word), 0)) AS pos
    FROM articles x, (SELECT unnest(CAST($q_word AS VARCHAR[])) AS word) w
    WHERE x.article_id IN (SELECT article_id FROM page) AND w.word <> ''
    GROUP BY x.article_id
)
SELECT a.*, round(h.score, 3) AS score,
       -- about 200 characters of the text around the first searched word (its start when only the title matched)
       CASE WHEN coalesce(f.pos, 1) > 80 THEN '…' ELSE '' END
           || substr(f.text, greatest(coalesce(f.pos, 1) - 80, 1), 200)
           || CASE WHEN length(f.text) >= greatest(coalesce(f.pos, 1) - 80, 1) + 200 THEN '…' ELSE '' END AS snippet
FROM listed a
JOIN page h USING (article_id)
LEFT JOIN found f USING (article_id)
ORDER BY {{order_by}}
LIMIT $limit
