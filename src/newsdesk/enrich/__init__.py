"""Enrichment: pure functions from a cleaned article to its facts (actors, dates, topics, quotes)."""
