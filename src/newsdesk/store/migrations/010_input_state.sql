-- One row per local input (a file, or one line of a JSONL file) whose article is stored: what it looked like when it
-- was read, so a later load counts it as a duplicate without reading, cleaning or enriching it again while it is
-- unchanged (same size and modification time, or the same content hash). `ingest --force` ignores this table.
CREATE TABLE IF NOT EXISTS input_state (
    source_ref    VARCHAR PRIMARY KEY,  -- file path, or path:line for a JSONL record
    size          BIGINT,               -- bytes (a JSONL record: the line's)
    mtime_ns      BIGINT,               -- the file's modification time (NULL for a JSONL record)
    content_hash  VARCHAR NOT NULL,     -- sha256 of the file's bytes (or the line's)
    load_id       VARCHAR NOT NULL,
    seen_at       TIMESTAMP NOT NULL
);
