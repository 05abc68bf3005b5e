-- Partial (included as {{all_links}}): no minimum confidence is set, so every actor link counts (and the
-- pre-aggregated agg_actor_day, which counts every link, may answer). Keep this partial's last line free of comments.
(CAST($min_confidence AS DOUBLE) IS NULL)
