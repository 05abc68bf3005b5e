"""Direct quotations and their speakers: a named speaker next to a speech verb, else "he/she said" -> last speaker."""

from __future__ import annotations

import re

from newsdesk.record import Actor, Quote, normalise_name

SPEECH_VERBS = (
    "said|says|say|shared|told|tells|stated|states|added|adds|noted|notes|articulated|reiterated|explained|"
    "wrote|writes|declared|announced|insisted|argued|claimed|warned|asked|replied|responded|remarked|stressed|"
    "emphasised|emphasized|underlined|continued|mentioned|posted|tweeted|commented|acknowledged|admitted|"
    "revealed|confirmed|urged|vowed|promised|recalled|concluded|observed|sagte|erklärte|betonte|schrieb"
)
# “...” or "..." with at least three words inside
# Quotation marks pair by style: "…", “…”, „…“ (German), «…» (French, Swiss), »…« (German books and Spiegel);
# pairing matters: in „A“, sagte sie. „B“ the text between “ and „ is not a quote.
_INNER = r"([^\"“”„«»]{12,2000}?)"
# (half-converted smart quotes pair too: "…” and “…")
QUOTE_RE = re.compile(rf"\"{_INNER}[\"”]|“{_INNER}[”“\"]|„{_INNER}[“”]|«{_INNER}»|»{_INNER}«")


def _inner(m: re.Match[str]) -> int:
    return next(i for i in range(1, 6) if m.group(i) is not None)
_NAME = r"(?:[A-Z][\w'’.\-]+)(?:\s+[A-Z][\w'’.\-]+){0,5}|he|she|they|He|She|They"
AFTER_RE = re.compile(  # optional lowercase role words first: ', union leader Niek Stam said'
    r"^[\s,]*(?:(?:the\s+)?(?:[a-z][a-z\-]+\s+){0,3}?(?P<n1>" + _NAME + r")\s+(?:" + SPEECH_VERBS + r")|(?:" + SPEECH_VERBS + r")\s+(?P<n2>" + _NAME + r"))"
)
BEFORE_RE = re.compile(r"(?P<name>" + _NAME + r")\s+(?:" + SPEECH_VERBS + r")(?:\s+\w+){0,6}?\s*[,:]?\s*$")
PRONOUNS = {"he", "she", "they", "er", "sie"}
# German: „…“, sagte Scholz. / „…“, so die Ministerin. / „…“, sagte er. / Scholz sagte: „…“
SPEECH_VERBS_DE = (
    "sagte|sagt|sagten|erklärte|erklärt|betonte|betont|schrieb|schreibt|meinte|meint|warnte|warnt|kritisierte|"
    "kritisiert|forderte|fordert|ergänzte|ergänzt|bestätigte|bestätigt|versicherte|räumte|fügte|teilte|vermutet|"
    "vermutete|berichtet|berichtete|erzählt|erzählte|fragt|fragte|antwortet|antwortete|glaubt|findet|fand|"
    "resümiert|resümierte|sagte\\s+am\\s+\\w+|so"
)
_NAME_DE = r"(?:[A-ZÄÖÜ][\w'’.\-]+)(?:\s+[A-ZÄÖÜ][\w'’.\-]+){0,4}|er|sie|Er|Sie"
AFTER_RE_DE = re.compile(
    r"^[\s,]*(?:(?:" + SPEECH_VERBS_DE + r")\s+(?:(?:der|die|dem|den)\s+)?(?:[a-zäöü][\w\-]+\s+){0,2}?"
    r"(?P<n2>" + _NAME_DE + r")|(?P<n1>" + _NAME_DE + r")\s+(?:" + SPEECH_VERBS_DE + r"))"
)
BEFORE_RE_DE = re.compile(r"(?P<name>" + _NAME_DE + r")(?:\s+(?:" + SPEECH_VERBS_DE + r")(?:\s+\w+){0,6}?\s*[,:]?"
                          r"|\s*:)\s*$")  # "Scholz sagte am Montag: „…“", "Kabayel: „…“"


def extract_quotes(text: str, actors: list[Actor], language: str | None = "en") -> list[Quote]:
    """Quotations in `text`, each with the canonical name of its speaker when one can be attributed (speech
    verbs and pronouns of English, or of German when `language` is "de")."""
    after_re, before_re = (AFTER_RE_DE, BEFORE_RE_DE) if language == "de" else (AFTER_RE, BEFORE_RE)
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
        speaker = _resolve(speaker_form, alias_to_actor, last_speaker, persons_by_offset, m.start())
        if speaker is not None:
            last_speaker = speaker
        quotes.append(Quote(text=inner, speaker=speaker.name if speaker else None, start=m.start(g),
                            end=m.end(g), speaker_actor_id=speaker.actor_id if speaker else None))
    return quotes


def _resolve(form: str | None, aliases: dict[str, Actor], last: Actor | None,
             persons: list[tuple[int, Actor]], offset: int) -> Actor | None:
    if not form:
        return None
    if form.lower() in PRONOUNS:
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
