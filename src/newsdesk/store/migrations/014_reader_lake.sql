-- Readers move from a whole-file read copy to the DuckLake reader store (newsdesk.store.lake), mirrored batch by
-- batch. lake_pending: what landed in this file but is not yet published to readers (seq = the publish it belongs
-- to; scope article / actor / load / reject / full (key = a table name); replaced = the article had an earlier
-- version whose rows must go). Search moves to the lake's own postings tables, so the FTS index over the whole
-- articles table, rebuilt after every load, is dropped.
-- lake_counter: the last sequence number handed out (a one-row table: DuckDB 1.5.5 loses a SEQUENCE's advances
-- across a checkpoint and reopen).
CREATE TABLE IF NOT EXISTS lake_counter (seq BIGINT NOT NULL);
INSERT INTO lake_counter SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM lake_counter);
CREATE TABLE IF NOT EXISTS lake_pending (
    seq      BIGINT NOT NULL,
    scope    VARCHAR NOT NULL,
    key      VARCHAR NOT NULL,
    replaced BOOLEAN NOT NULL DEFAULT false
);
DROP SCHEMA IF EXISTS fts_main_articles CASCADE;
