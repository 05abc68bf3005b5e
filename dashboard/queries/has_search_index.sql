-- One row: whether the reader store has the search postings (newsdesk.store.search) and they cover any article.
SELECT EXISTS (SELECT 1 FROM duckdb_tables() WHERE table_name = 'search_docs')
       AND EXISTS (SELECT 1 FROM duckdb_tables() WHERE table_name = 'search_terms') AS available
LIMIT 1
