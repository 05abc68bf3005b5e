"""Direct quotations and their speakers: a named speaker next to a speech verb, else "he/she said" -> last speaker."""

from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.lang import DEFAULT, get, lookup, alternation
from newsdesk.record import Actor, Quote, normalise_name

# “...” or "..." with at least three words inside
# Quotation marks pair by style: "…", “…”, „…“ (German), «…» (French, Swiss), »…« (German books and Spiegel);
# pairing matters: in „A“, sagte sie. „B“ the text between “ and „ is not a quote.
_INNER = r"([^\"“”„«»]{12,2000}?)"
# (half-converted smart quotes pair too: "…” and “…")
QUOTE_RE = re.compile(rf"\"{_INNER}[\"”]|“{_INNER}[”“\"]|„{_INNER}[“”]|«{_INNER}»|»{_INNER}«")


def _inner(m: re.Match[str]) -> int:
    return next(i for i in range(1, 6) if m.group(i) is not None)


@lru_cache(maxsize=None)
def _patterns(code: str) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """A language's speaker patterns (its `quote_after` / `quote_before` with its speech verbs) and pronouns."""
    language = get(code)
    verbs = alternation(language.speech_verbs)
    return (re.compile(language.quote_after.replace("{verbs}", verbs)),
            re.compile(language.quote_before.replace("{verbs}", verbs)), language.pronouns)


def extract_quotes(text: str, actors: list[Actor], language: str | None = "en") -> list[Quote]:
    """Quotations in `text`, each with the canonical name of its speaker when one can be attributed (the speech
    verbs, pronouns and speaker patterns of `language`'s folder, `newsdesk.lang`; English when it has none)."""
    after_re, before_re, pronouns = _patterns((lookup(language) or get(DEFAULT)).code)
    alias_to_actor: dict[str, Actor] = {}
    for a in actors:
        if a.type != "person" and a.type != "organization":
            continue
        for form in [a.name, *a.aliases]:
            alias_to_actor[normalise_name(form)] = a
    persons_by_offset = sorted((a.first_offset, a) for a in actors if a.type == "person")
    quotes: list[Quote] = []
    last_speaker: Actor | None = None
    for m in QUOTE_RE.finditer(text):
        g = _inner(m)
        inner = m.group(g).strip().rstrip(",;:").strip()
        if len(inner.split()) < 3:
            continue
        speaker_form = None
        after = after_re.match(text[m.end(): m.end() + 120])
        if after:
            speaker_form = after.group("n1") or after.group("n2")
        else:
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = before_re.search(text[max(line_start, m.start() - 160): m.start()])
            if before:
                speaker_form = before.group("name")
        speaker = _resolve(speaker_form, alias_to_actor, last_speaker, persons_by_offset, m.start(), pronouns)
        if speaker is not None:
            last_speaker = speaker
        quotes.append(Quote(text=inner, speaker=speaker.name if speaker else None, start=m.start(g),
                            end=m.end(g), speaker_actor_id=speaker.actor_id if speaker else None))
    return quotes


def _resolve(form: str | None, aliases: dict[str, Actor], last: Actor | None,
             persons: list[tuple[int, Actor]], offset: int, pronouns: frozenset[str]) -> Actor | None:
    if not form:
        return None
    if form.lower() in pronouns:
        if last is not None:
            return last
        earlier = [a for off, a in persons if off < offset]
        return earlier[-1] if earlier else None
    key = normalise_name(form)
    if key in aliases:
        return aliases[key]
    # "Zelensky" said, with the actor known under a longer name; or "Energy Minister Lars Aagaard" said
    for k, a in aliases.items():
        if a.type == "person" and key and (k.endswith(" " + key) or k.startswith(key + " ")
                                           or key.endswith(" " + k)):
            return a
    return None
