-- One row per feed or sitemap URL fetched: the validators for the next conditional request (ETag, Last-Modified).
CREATE TABLE IF NOT EXISTS feed_state (
    url            VARCHAR PRIMARY KEY,
    etag           VARCHAR,
    last_modified  VARCHAR,
    checked_at     TIMESTAMP NOT NULL
);
