-- Syndication: stories are clusters of near-duplicate articles (one wire story republished by many outlets).
-- Derived at landing time from the articles' text (like the full-text index), so it has no GX suite of its own.

-- One row per article: the story it belongs to and its MinHash signature.
CREATE TABLE IF NOT EXISTS article_stories (
    article_id          VARCHAR PRIMARY KEY,
    story_id            VARCHAR NOT NULL,  -- article_id of the first article of the story that landed
    matched_article_id  VARCHAR,           -- the near-duplicate it was matched to (NULL for a story's first article)
    similarity          DOUBLE NOT NULL,   -- estimated Jaccard similarity with matched_article_id (1.0 when first)
    minhash             UBIGINT[] NOT NULL,
    load_id             VARCHAR NOT NULL
);

-- One row per LSH band per article: the look-up index for near-duplicate candidates.
CREATE TABLE IF NOT EXISTS article_lsh (
    article_id  VARCHAR NOT NULL,
    band        SMALLINT NOT NULL,
    bucket      UBIGINT NOT NULL,
    PRIMARY KEY (article_id, band)
);
CREATE INDEX IF NOT EXISTS article_lsh_bucket ON article_lsh (band, bucket);

-- One row per story: how many articles and how many independent sources carried it.
CREATE OR REPLACE VIEW mart_stories AS
SELECT s.story_id,
       count(*) AS articles,
       count(DISTINCT coalesce(a.site_name, regexp_extract(a.url, '^https?://([^/]+)', 1), a.dateline_agency,
                               a.source_ref)) AS sources,
       min(a.published_at) AS first_published,
       max(a.published_at) AS last_published,
       arg_min(a.title, coalesce(a.published_at, TIMESTAMP '9999-12-31')) AS title
FROM article_stories s
JOIN articles a USING (article_id)
GROUP BY s.story_id;
