"""newsdesk: news articles in, actors / topics / dates out, in DuckDB."""

__version__ = "0.1.0"
