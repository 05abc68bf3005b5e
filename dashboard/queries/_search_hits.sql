-- Partial (included as {{search_hits}}): (article_id, score) for a parsed search (newsdesk.store.search.Query's
-- params: one list entry per word of every alternative). Every clause must match; a clause matches when any of its
-- alternatives does; an alternative (a word, a prefix or a phrase) matches when all its words are in the article
-- and, for a phrase, appear in order in the folded title + text. Articles with an excluded word drop out. Score:
-- BM25 (k1 1.2, b 0.75) over the matched terms, from the postings the loader appends batch by batch.
SELECT article_id, score FROM (
    WITH qw AS (
        SELECT unnest(CAST($q_clause AS INTEGER[])) AS clause, unnest(CAST($q_alt AS INTEGER[])) AS alt,
               unnest(CAST($q_word AS VARCHAR[])) AS word, unnest(CAST($q_prefix AS BOOLEAN[])) AS prefix,
               unnest(CAST($q_alt_words AS INTEGER[])) AS n_words, unnest(CAST($q_regex AS VARCHAR[])) AS regex
    ),
    stats AS (SELECT count(*) AS n_docs, avg(n_terms) AS avgdl FROM search_docs),
    p AS (
        SELECT s.article_id, s.term, s.tf, qw.clause, qw.alt, qw.word, qw.n_words, qw.regex
        FROM qw JOIN search_terms s ON s.term = qw.word
        WHERE NOT qw.prefix
        UNION ALL
        SELECT s.article_id, s.term, s.tf, qw.clause, qw.alt, qw.word, qw.n_words, qw.regex
        FROM qw JOIN search_terms s ON starts_with(s.term, qw.word)
        WHERE qw.prefix
    ),
    df AS (SELECT term, count(DISTINCT article_id) AS df FROM p GROUP BY term),
    alt_hits AS (
        SELECT article_id, clause, alt, any_value(regex) AS regex
        FROM p
        GROUP BY article_id, clause, alt
        HAVING count(DISTINCT word) = any_value(n_words)
    ),
    clause_hits AS (
        SELECT h.article_id, h.clause
        FROM alt_hits h
        JOIN articles a USING (article_id)
        WHERE h.regex = ''
           OR regexp_matches(replace(lower(strip_accents(replace(replace(coalesce(a.title, '') || ' ' || coalesce(a.text, ''), '’', ''''), '‘', ''''))), 'ß', 'ss'), h.regex)
    ),
    matched AS (
        SELECT article_id
        FROM clause_hits
        GROUP BY article_id
        HAVING count(DISTINCT clause) = CAST($q_n_clauses AS INTEGER)
    ),
    excluded AS (
        SELECT DISTINCT article_id FROM search_terms WHERE term IN (SELECT unnest(CAST($q_exclude AS VARCHAR[])))
    )
    SELECT m.article_id,
           sum(ln(1 + (st.n_docs - df.df + 0.5) / (df.df + 0.5))
               * p.tf * 2.2 / (p.tf + 1.2 * (0.25 + 0.75 * d.n_terms / st.avgdl))) AS score
    FROM matched m
    JOIN p USING (article_id)
    JOIN df USING (term)
    JOIN search_docs d USING (article_id)
    CROSS JOIN stats st
    WHERE m.article_id NOT IN (SELECT article_id FROM excluded)
    GROUP BY m.article_id
)
