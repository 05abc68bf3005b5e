"""Enrich a batch of cleaned articles into ArticleFacts (one spaCy pass per batch for the English ones)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

from newsdesk import lang
from newsdesk.enrich import nlp
from newsdesk.enrich.actors import extract_actors, harmonise_types
from newsdesk.enrich.dates import find_dates
from newsdesk.enrich.quotes import extract_quotes
from newsdesk.enrich.topics import classify
from newsdesk.record import Article, ArticleFacts, DateMention

# Which enrichment runs for which language (README "Languages") is the language's `pipeline` (`newsdesk.lang`):
# - "model" (English, and text whose language is unknown): spaCy NER (the English model we ship) + rules for
#   actors, spaCy DATE spans + rules for dates, quotes, topics;
# - "rules" (German): the actor and date rules the language names (`newsdesk.enrich.german`, no German model is
#   installable offline here; `newsdesk.enrich.dates_de`), quotes, topics;
# - a language without a folder: topics only (the English lexicon), no actors, event dates or quotes.


def _language(art: Article) -> lang.Language | None:
    """The language an article is enriched as: its own, the default when unknown, None when we have no folder."""
    if art.language is None:
        return lang.get(lang.DEFAULT)
    return lang.get(art.language) if art.language in lang.codes() else None


def _skip(art: Article) -> tuple[int, int]:
    """The dateline's span in the text: metadata, not facts."""
    at = art.text.find(art.dateline.raw) if art.dateline.raw else -1
    return (at, at + len(art.dateline.raw or "")) if at >= 0 else (0, 0)


def enrich_batch(articles: list[Article], batch_size: int = 16) -> list[ArticleFacts]:
    """Actors, dates, topics and quotes for each article, in input order."""
    out = [ArticleFacts(article=a) for a in articles]
    languages = [_language(a) for a in articles]
    english = [i for i, language in enumerate(languages) if language is not None and language.enriched_by_model]
    docs = nlp.parse((articles[i].text for i in english), batch_size=batch_size)
    for i, doc in zip(english, docs):
        facts, art = out[i], articles[i]
        skip = _skip(art)
        facts.actors = extract_actors(doc, art.title, lead_end=art.lead_end, skip=skip)
        facts.dates = find_dates(
            art.text, _reference_day(art),
            date_spans=[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"],
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
        )
        facts.dates = _with_dateline(art, [d for d in facts.dates if not skip[0] <= d.offset < skip[1]])
        facts.quotes = extract_quotes(art.text, facts.actors)
    for i, art in enumerate(articles):
        language = languages[i]
        if language is not None and not language.enriched_by_model:
            facts, skip = out[i], _skip(art)
            facts.actors = language.rule("actor_rules")(art.text, art.title, lead_end=art.lead_end, skip=skip)
            finder = language.rule("date_rules")
            facts.dates = _with_dateline(art, rule_dates(art, _reference_day(art), finder), finder)
            facts.quotes = extract_quotes(art.text, facts.actors, language=language.code)
    harmonise_types([f.actors for f in out])  # a name's type agrees across the batch (corpus-level consistency)
    for facts in out:
        a = facts.article
        facts.topics = classify(a.title, a.text, a.language)
    return out


def rule_dates(art: Article, published: date, finder: Callable[..., list[DateMention]] | None = None
               ) -> list[DateMention]:
    """Date mentions of an article of a rules language resolved against `published` (the dateline excluded);
    `finder`: the language's date rules (German's when not given)."""
    finder = finder or lang.get("de").rule("date_rules")
    skip = _skip(art)
    return [d for d in finder(art.text, published) if not skip[0] <= d.offset < skip[1]]


def german_dates(art: Article, published: date) -> list[DateMention]:
    """Date mentions of a German article resolved against `published` (the dateline excluded)."""
    return rule_dates(art, published, lang.get("de").rule("date_rules"))


def _with_dateline(art: Article, dates: list[DateMention], finder: Callable[..., list[DateMention]] = find_dates
                   ) -> list[DateMention]:
    """The dateline's date ("Kyiv, Oct 12 (NationPress)") first, as a mention with function 'creation_time' (the
    document creation time in TimeML terms: metadata, kept apart from the events the story reports)."""
    raw, day = art.dateline.raw, art.dateline.date
    at = art.text.find(raw) if raw else -1
    if at < 0 or day is None:
        return dates
    for m in finder(raw, day):
        if m.start == day == m.end and m.granularity == "day":
            m.offset += at
            m.sentence = raw.strip()
            m.function = "creation_time"
            return [m, *dates]
    return dates


def _reference_day(art: Article) -> date:
    if art.published_at is not None:
        return art.published_at.date()
    if art.dateline.date is not None:
        return art.dateline.date
    return (art.fetched_at or datetime.now(timezone.utc)).date()
