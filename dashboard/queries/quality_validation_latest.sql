-- One row per validated table: the most recent GX outcome for it.
SELECT table_name, suite, success, evaluated, failed_rows, CAST(failures AS VARCHAR) AS failures, load_id, run_at
FROM validation_results
QUALIFY row_number() OVER (PARTITION BY table_name ORDER BY run_at DESC, load_id DESC) = 1
ORDER BY success, table_name
LIMIT $limit
