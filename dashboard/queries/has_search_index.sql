-- One row: whether the BM25 index over articles exists and the FTS extension is loaded in this connection.
SELECT EXISTS (SELECT 1 FROM duckdb_schemas() WHERE schema_name = 'fts_main_articles')
       AND EXISTS (SELECT 1 FROM duckdb_functions() WHERE function_name = 'stem') AS available
LIMIT 1
