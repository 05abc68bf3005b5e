-- One row per URL whose fetch failed with a transient error (5xx, 429, timeout, connection, Retry-After too long).
-- Later loads try it again once `next_after` has passed, up to a few attempts; a landed URL leaves the queue.
CREATE TABLE IF NOT EXISTS fetch_retry (
    url              VARCHAR PRIMARY KEY,
    attempts         INTEGER NOT NULL,
    last_rule        VARCHAR NOT NULL,
    last_error       VARCHAR,
    next_after       TIMESTAMP NOT NULL,
    first_failed_at  TIMESTAMP NOT NULL,
    last_failed_at   TIMESTAMP NOT NULL
);
