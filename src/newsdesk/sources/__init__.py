"""Inputs: local files now; URLs, feeds and sitemaps (all network I/O lives here)."""
