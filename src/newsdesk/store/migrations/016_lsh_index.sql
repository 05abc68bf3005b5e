-- The secondary index on article_lsh (band, bucket) is dropped: DuckDB answers the near-duplicate look-up with a
-- scan and a hash join, never with this index, while every checkpoint rewrote it (1.5 s at a million articles, 32M
-- rows, against 0.05 s without it). The look-up reads only the bucket column (newsdesk.store.stories).
DROP INDEX IF EXISTS article_lsh_bucket;
