-- What became of a remembered input: NULL = its article is stored; 'rejected' = it was quarantined for a reason that
-- the same bytes will meet again (a later load counts it as rejected again without re-processing it; `ingest
-- --force` re-processes it, e.g. after an upgrade). Quarantines that depend on the moment (timeouts, memory) are
-- never remembered.
ALTER TABLE input_state ADD COLUMN IF NOT EXISTS outcome VARCHAR;
