-- Pre-aggregated counts for the dashboard (newsdesk.store.aggregates): agg_source_day (publication day x outlet as
-- stored: articles, quotes, date mentions), agg_actor_day (day x actor: articles, mentions), agg_topic_day (day x
-- topic: articles, score sum). They live only in the reader store, like the search postings, kept by every publish
-- as appended deltas (readers sum per key). Nothing changes in this file: the new schema version makes the next
-- writer (a load's catch-up, `newsdesk upgrade`) create and fill them in an existing reader store.
SELECT 1;
