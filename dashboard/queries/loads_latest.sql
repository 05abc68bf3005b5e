-- One row per load, newest first.
SELECT load_id, status, started_at, finished_at,
       date_diff('millisecond', started_at, finished_at) / 1000.0 AS seconds,
       source, n_inputs, n_landed, n_rejected, n_duplicates, n_skipped
FROM loads
ORDER BY started_at DESC, load_id
LIMIT $limit
