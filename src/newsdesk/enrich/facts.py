"""Enrich a batch of cleaned articles into ArticleFacts (one spaCy pass per batch)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from newsdesk.enrich import nlp
from newsdesk.enrich.actors import extract_actors
from newsdesk.enrich.dates import find_dates
from newsdesk.enrich.quotes import extract_quotes
from newsdesk.enrich.topics import classify
from newsdesk.record import Article, ArticleFacts

# Which enrichment runs for which language: topics (lexicon) for en and de; NER-based actors, dates and
# quotes only for English, because the only model we ship is English (a German model would mislabel less,
# but none is installable offline here).
NER_LANGUAGES = {"en", None}


def enrich_batch(articles: list[Article], batch_size: int = 16) -> list[ArticleFacts]:
    """Actors, dates, topics and quotes for each article, in input order."""
    out = [ArticleFacts(article=a) for a in articles]
    english = [i for i, a in enumerate(articles) if a.language in NER_LANGUAGES]
    docs = nlp.parse((articles[i].text for i in english), batch_size=batch_size)
    for i, doc in zip(english, docs):
        facts, art = out[i], articles[i]
        at = art.text.find(art.dateline.raw) if art.dateline.raw else -1
        skip = (at, at + len(art.dateline.raw or "")) if at >= 0 else (0, 0)  # the dateline is metadata, not facts
        facts.actors = extract_actors(doc, art.title, lead_end=art.lead_end, skip=skip)
        published = _reference_day(art)
        facts.dates = find_dates(
            art.text, published,
            date_spans=[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"],
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
        )
        facts.dates = [d for d in facts.dates if not skip[0] <= d.offset < skip[1]]
        facts.quotes = extract_quotes(art.text, facts.actors)
    for facts in out:
        a = facts.article
        facts.topics = classify(a.title, a.text, a.language)
    return out


def _reference_day(art: Article) -> date:
    if art.published_at is not None:
        return art.published_at.date()
    if art.dateline.date is not None:
        return art.dateline.date
    return (art.fetched_at or datetime.now(timezone.utc)).date()
