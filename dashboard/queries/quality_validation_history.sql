-- One row per suite per load, newest first.
SELECT run_at, load_id, table_name, suite, success, evaluated, failed_rows, CAST(failures AS VARCHAR) AS failures
FROM validation_results
ORDER BY run_at DESC, table_name
LIMIT $limit
