"""Storage: the only code that writes DuckDB."""
