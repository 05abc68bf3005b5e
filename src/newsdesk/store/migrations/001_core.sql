-- Core tables. The grain of every table is stated above it.
-- Types and NOT NULL live here; semantic rules live in expectations/<table>.json (GX suites).

-- One row per load (one `newsdesk ingest` call or one flow run).
CREATE TABLE IF NOT EXISTS loads (
    load_id       VARCHAR PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    status        VARCHAR NOT NULL,          -- running | succeeded | failed | interrupted
    source        VARCHAR,                    -- what was asked for (paths, flow name)
    n_inputs      INTEGER NOT NULL DEFAULT 0, -- records read (files, JSONL lines)
    n_landed      INTEGER NOT NULL DEFAULT 0, -- new or changed articles written
    n_rejected    INTEGER NOT NULL DEFAULT 0, -- records quarantined in `rejects`
    n_duplicates  INTEGER NOT NULL DEFAULT 0, -- records already stored with identical content
    n_skipped     INTEGER NOT NULL DEFAULT 0, -- files that are not articles (reported, not read)
    timings       JSON,                       -- seconds per stage
    versions      JSON                        -- versions of the extractors used
);

-- One row per article. Key: stable id from the canonical URL, or from the content hash when there is no URL.
CREATE TABLE IF NOT EXISTS articles (
    article_id          VARCHAR PRIMARY KEY,
    url                 VARCHAR,
    canonical_url       VARCHAR,
    title               VARCHAR NOT NULL,
    authors             VARCHAR[] NOT NULL,
    site_name           VARCHAR,
    language            VARCHAR,
    published_at        TIMESTAMP,
    published_source    VARCHAR,   -- how the date was found: input | metadata | htmldate | dateline | dateline+reference | file-mtime
    published_inferred  BOOLEAN NOT NULL DEFAULT FALSE, -- true when part of the date (e.g. the year) was inferred
    dateline_place      VARCHAR,
    dateline_date       DATE,
    dateline_agency     VARCHAR,
    text                VARCHAR NOT NULL,
    word_count          INTEGER NOT NULL,
    content_hash        VARCHAR NOT NULL,
    source_ref          VARCHAR NOT NULL, -- file path (and line) or URL it was read from
    input_format        VARCHAR NOT NULL, -- html | txt | jsonl-html | jsonl-text
    fetched_at          TIMESTAMP NOT NULL,
    load_id             VARCHAR NOT NULL
);

-- One row per canonical actor (across all articles). Key: stable id from type and normalised name (countries: ISO code).
CREATE TABLE IF NOT EXISTS actors (
    actor_id    VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    type        VARCHAR NOT NULL,   -- person | organization | country | place | group
    country     VARCHAR,            -- ISO 3166-1 alpha-2 the actor belongs to (for a country: itself)
    aliases     VARCHAR[] NOT NULL,
    first_load  VARCHAR NOT NULL
);

-- One row per actor per article.
CREATE TABLE IF NOT EXISTS article_actors (
    article_id    VARCHAR NOT NULL,
    actor_id      VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,     -- canonical name as resolved in this article
    mentions      INTEGER NOT NULL,
    aliases       VARCHAR[] NOT NULL,   -- surface forms seen in this article
    roles         VARCHAR[] NOT NULL,   -- normalised roles ("President", "Foreign Minister")
    roles_written VARCHAR[] NOT NULL,   -- roles as written ("Ukrainian President")
    first_offset  INTEGER NOT NULL,
    in_title      BOOLEAN NOT NULL,
    in_lead       BOOLEAN NOT NULL,
    is_source     BOOLEAN NOT NULL,     -- cited as a source ("as reported by Xinhua")
    load_id       VARCHAR NOT NULL,
    PRIMARY KEY (article_id, actor_id)
);

-- One row per date expression per article, resolved against the publication date.
CREATE TABLE IF NOT EXISTS date_mentions (
    article_id   VARCHAR NOT NULL,
    mention_idx  INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    sentence     VARCHAR NOT NULL,
    start_date   DATE NOT NULL,
    end_date     DATE NOT NULL,
    granularity  VARCHAR NOT NULL,  -- day | week | month | quarter | season | year | decade
    char_offset  INTEGER NOT NULL,
    load_id      VARCHAR NOT NULL,
    PRIMARY KEY (article_id, mention_idx)
);

-- One row per IPTC Media Topic (the taxonomy, loaded from the packaged snapshot).
CREATE TABLE IF NOT EXISTS topics (
    code    VARCHAR PRIMARY KEY,   -- e.g. medtop:16000000
    label   VARCHAR NOT NULL,
    parent  VARCHAR,
    level   INTEGER NOT NULL
);

-- One row per topic per article.
CREATE TABLE IF NOT EXISTS article_topics (
    article_id  VARCHAR NOT NULL,
    code        VARCHAR NOT NULL,
    score       DOUBLE NOT NULL,
    rank        INTEGER NOT NULL,
    method      VARCHAR NOT NULL,
    load_id     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, code)
);

-- One row per direct quotation.
CREATE TABLE IF NOT EXISTS quotes (
    article_id        VARCHAR NOT NULL,
    quote_idx         INTEGER NOT NULL,
    speaker           VARCHAR,          -- canonical speaker name, NULL when unattributed
    speaker_actor_id  VARCHAR,
    text              VARCHAR NOT NULL,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    load_id           VARCHAR NOT NULL,
    PRIMARY KEY (article_id, quote_idx)
);

-- One row per quarantined input record or row, with the rule(s) it broke and what is needed to replay it.
CREATE TABLE IF NOT EXISTS rejects (
    reject_id    VARCHAR PRIMARY KEY,  -- stable per (stage, input, table, rules, row): a replay updates load_id
    load_id      VARCHAR NOT NULL,
    stage        VARCHAR NOT NULL,     -- read | clean | enrich | validate
    table_name   VARCHAR,              -- for validate: the table whose suite failed
    source_ref   VARCHAR NOT NULL,     -- file path (and line) or URL
    article_id   VARCHAR,
    rules        VARCHAR[] NOT NULL,   -- rule names (GX expectation types + column, or error class)
    reason       VARCHAR NOT NULL,
    payload      JSON,                 -- the row or record as it was (truncated for huge values)
    rejected_at  TIMESTAMP NOT NULL
);

-- One row per suite per load: the GX validation outcome of each batch, summed over the load.
CREATE TABLE IF NOT EXISTS validation_results (
    load_id      VARCHAR NOT NULL,
    table_name   VARCHAR NOT NULL,
    suite        VARCHAR NOT NULL,
    success      BOOLEAN NOT NULL,
    evaluated    INTEGER NOT NULL,
    failed_rows  INTEGER NOT NULL,
    failures     JSON,      -- {expectation: unexpected count}
    run_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (load_id, table_name)
);
