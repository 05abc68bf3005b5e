-- Actor identity across articles (issue 3): Wikidata ids for known actors, the pipeline's own actor id on every
-- article link, and the user's merge/split decisions, which every load applies when it lands rows.

-- Wikidata QID of the actor when the curated alias table (or the user's, NEWSDESK_ALIASES) knows it; NULL otherwise.
ALTER TABLE actors ADD COLUMN wikidata_qid VARCHAR;

-- The actor id the pipeline computed for this link, before actor_overrides were applied (actor_id is after).
ALTER TABLE article_actors ADD COLUMN source_actor_id VARCHAR;

-- One row per identity decision. Applied at landing time (merges first, following chains, then splits), so a
-- decision survives re-ingesting and reprocessing. Written by `newsdesk actors merge|split`.
CREATE TABLE IF NOT EXISTS actor_overrides (
    override_id    VARCHAR PRIMARY KEY,  -- 'merge:<from_actor_id>' | 'split:<from_actor_id>:<alias key>'
    kind           VARCHAR NOT NULL,     -- merge | split
    from_actor_id  VARCHAR NOT NULL,     -- merge: the actor merged away; split: the actor an alias is taken from
    into_actor_id  VARCHAR NOT NULL,     -- merge: the actor it becomes; split: the id of the new actor
    alias          VARCHAR,              -- split: the written form (name or alias) whose links become the new actor
    name           VARCHAR NOT NULL,     -- merge: the merged-away actor's name (kept to undo); split: the new name
    type           VARCHAR NOT NULL,
    country        VARCHAR,
    aliases        VARCHAR[] NOT NULL,   -- merge: the merged-away actor's aliases (kept to undo)
    note           VARCHAR,
    created_at     TIMESTAMP NOT NULL
);
