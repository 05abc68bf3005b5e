"""newsdesk: news articles in, actors / topics / dates out, in DuckDB."""

from __future__ import annotations

__version__ = "0.1.0"
