"""Date expressions in news text, resolved to calendar ranges relative to the publication date.

Two layers feed one resolver:

* our own rules (regular expressions, always on): absolute dates ("January 10, 2026", "10 January", "2025-10-12",
  "Oct. 12", "7/8/07"), weekdays, today/yesterday/tomorrow, this/last/next week|month|year|quarter, "earlier this
  week", "two weeks ago", "in two weeks", months, years, decades, quarters, seasons, fixed-date holidays, and
  "the day"/"that day" (anaphora: the last single day mentioned before it);
* spaCy DATE entity spans when the caller passes them (`date_spans`): a span our rules resolve as a whole is kept as
  one mention; a span with a month name or a numeric date that no rule resolves goes to `dateparser` (a single date,
  never a list or range); inside other spans we also accept a bare month ("April was..."), "the summer", "Q3" or
  "the day" that we would not trust without spaCy's context. When spaCy spans are given, weak rule matches (a bare
  four-digit number read as a year) need spaCy's agreement.

Overlapping matches are merged (the longest span wins; an unresolvable longer match such as "January 10, 9999" or
"fiscal third quarter" blocks its shorter parts instead of letting them guess).

Relative expressions are read like a news reader would: a bare weekday is the most recent such day (the publication
day itself when it is that weekday: wire style names the weekday even for the day of publication) unless the clause
around it is future tense, then the next one; a month-day, month or quarter without a year takes the tense of its
clause, or without a tense cue the nearest occurrence with a bias to the past.

The shared machinery is public so another language's date rules (`dates_de.py`) reuse it without reaching into
this module's private names: the calendar ranges (`Resolved`, `res_day` ... `res_decade`, `res_day_range`,
`res_year_range`, `ok_year`, `quarter_of`, `season_label`, `year_candidates`), the rule table (`DateRule`,
`make_rule`, `Outcome`, `BLOCK`, `ANAPHOR`, `resolve_block`, `resolve_iso`, `group_text`), the tense context
(`Context`, `closer_cue`, `TENSE_WINDOW`) and the merging of matches into mentions (`Candidate`, `add_candidate`,
`anchor_windows`, `trim_span`, `to_mentions`). Words come from the language folders (`newsdesk.lang`).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

from newsdesk import lang
from newsdesk.record import DateMention, Granularity, TimexType

MIN_YEAR = 1000  # resolved dates outside these years are skipped (no "year 0" or "9999" guesses)
MAX_YEAR = 2999
# Wire style names the weekday even for the day of publication ("shares fell on Monday" in a Monday story); MEANTIME's
# gold agrees (every weekday that equals the publication weekday is normalised to the publication day).
SAME_WEEKDAY_IS_PUBLICATION_DAY = True
_IMMINENT = 14  # days: a date this close ahead beats one a year back, whatever the tense
TENSE_WINDOW = 80  # chars either side of an expression searched for tense cues (stays inside the sentence)
_MAX_SPAN = 80  # spaCy spans longer than this are never resolved whole (they are lists or clauses)

Tense = Literal["past", "future"]

# ---------------------------------------------------------------------------------------------------------------------
# Vocabulary

_EN = lang.get("en")  # the words: lang/en/*.tsv, *.txt
_WEEKDAYS = {w: int(n) for w, n in _EN.rows("weekdays.tsv")}  # "monday" -> 0
_WD_NAMES = tuple(w.capitalize() for w in sorted(_WEEKDAYS, key=_WEEKDAYS.__getitem__))  # "Monday" .. "Sunday"
_MONTHS: dict[str, int] = {w: int(n) for w, n, _form in _EN.rows("months.tsv")}  # names and abbreviations
_MONTH_NAMES = tuple(w.capitalize() for w, n, form in sorted(_EN.rows("months.tsv"), key=lambda r: int(r[1]))
                     if form == "name")  # "January" .. "December"
_MONTH_ABBR = tuple(w.capitalize()
                    for w, n, form in sorted(_EN.rows("months.tsv"), key=lambda r: (-len(r[0]), int(r[1])))
                    if form == "abbr")  # "Sept", "Jan" .. "Dec"
_MONTHS_CAP = set(_MONTH_NAMES)
_NUMBERS = {w: int(n) for w, n in _EN.rows("count_words.tsv")}  # "two" -> 2
_ORDINALS = {w: int(n) for w, n in _EN.rows("quarter_ordinals.tsv")}  # "third" -> 3
_ORDINAL_WORDS = {w: int(n) for w, n in _EN.rows("ordinal_words.tsv")}  # "twenty-first" -> 21
_SEASON_START = {w: int(n) for w, n in _EN.rows("seasons.tsv")}  # "autumn" -> 9
# Names with a weekday in them that are not "the most recent such weekday".
_NAMED_DAY_PREFIX = _EN.words("named_day_prefixes.txt")
_HOLIDAYS = {w: (int(mo), int(d)) for w, mo, d in _EN.rows("holidays.tsv")}
# ... as written: every word capitalised, either apostrophe ("New Year's Day", "New Year’s Day", "Valentines Day")
_HOLIDAY_NAMES = lang.alternation({" ".join(w.capitalize() for w in h.split()).replace("'", q)
                                   for h in _HOLIDAYS for q in "'’"})
# A four-digit number followed by one of these is a quantity or a clock time, not a year.
_NOT_AFTER_YEAR = _EN.words("not_year_after.txt")
# A quarter or half in a sentence with one of these is a game's ("a touchdown in the third quarter").
_SPORTS = re.compile(rf"\b(?:{lang.alternation(_EN.words('sports_words.txt'), space=' ')})\b")


def _alt(words: tuple[str, ...] | list[str]) -> str:
    """Alternation of capitalised and all-caps forms (lowercase 'may'/'march'/'sun' are ordinary words)."""
    return "|".join([*words, *(w.upper() for w in words)])


_WD = rf"(?<![A-Za-z])(?:{_alt(_WD_NAMES)})(?![A-Za-z])"
_MONFULL = rf"(?<![A-Za-z])(?:{_alt(_MONTH_NAMES)})(?![A-Za-z])"
_MON = rf"(?<![A-Za-z])(?:(?:{_alt(_MONTH_NAMES)})(?![A-Za-z])|(?:{_alt(_MONTH_ABBR)})(?![A-Za-z])\.?)"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9]|[.,][0-9]|:[0-9]|\s*%)"
_YEAR = r"[0-9]{4}(?![0-9]|[.,][0-9])"
_YSEP = r"(?:\s*,\s*|\s+)"  # "Oct 12, 2025", "Oct 12 2025", tokenised "Oct 12 , 2025"
_NUM = rf"(?:{lang.alternation(_NUMBERS)}|[0-9]{{1,3}})"  # count_words.tsv: "two", "a couple of"
_YEAR_PREP = lang.alternation(_EN.words("year_preps.txt"))  # "in", "since", "circa", "c."
_ORD_ALT = "|".join(sorted((w.replace("-", r"[\s-]") for w in _ORDINAL_WORDS), key=len, reverse=True))
_PREP = (
    r"(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Tt]hrough|[Tt]o|[Bb]efore|[Aa]fter|[Dd]uring|[Bb]etween|"
    r"[Ss]tarting|[Ee]nding|[Aa]s\s+of|[Aa]round|[Tt]hroughout|and|or|(?:end|beginning|start|middle|month|course|"
    r"half|rest|remainder)\s+of|as\s+(?:early|late|recently)\s+as)"
)

# ---------------------------------------------------------------------------------------------------------------------
# Calendar helpers


@dataclass(frozen=True)
class Resolved:
    start: date | None  # None: not a calendar interval (a duration, a set, a PRESENT/PAST/FUTURE_REF)
    end: date | None
    gran: Granularity | None
    type: TimexType = "date"
    value: str = ""  # TimeML value; "" = derived from the calendar interval


def _timex(type_: TimexType, value: str) -> Resolved:
    """A time expression that is not a calendar interval."""
    return Resolved(None, None, None, type_, value)


def _at_time(r: Resolved | None, value_suffix: str) -> Resolved | None:
    """A time of day on the day `r` ("Tuesday morning" -> 2025-10-07TMO): the day stays its calendar interval."""
    if not value_suffix or r is None or r.start is None or r.gran != "day" or r.start != r.end:
        return r
    return Resolved(r.start, r.end, "day", "time", r.start.isoformat() + value_suffix)


class _Blocked:
    """A match that is a date-looking phrase we must not resolve; it still wins overlaps (so parts don't guess)."""


BLOCK = _Blocked()
Outcome = Resolved | _Blocked | None  # (or a _QuarterRef placeholder, resolved in text order by to_mentions)


def ok_year(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


def res_day(y: int, m: int, d: int) -> Resolved | None:
    if not ok_year(y):
        return None
    try:
        x = date(y, m, d)
    except ValueError:
        return None
    return Resolved(x, x, "day")


def res_month(y: int, m: int) -> Resolved | None:
    if not ok_year(y) or not 1 <= m <= 12:
        return None
    return Resolved(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month")


def res_year(y: int) -> Resolved | None:
    return Resolved(date(y, 1, 1), date(y, 12, 31), "year") if ok_year(y) else None


def res_quarter(y: int, q: int) -> Resolved | None:
    if not ok_year(y) or not 1 <= q <= 4:
        return None
    m = 3 * q
    return Resolved(date(y, m - 2, 1), date(y, m, calendar.monthrange(y, m)[1]), "quarter")


def res_season(y: int, s: str) -> Resolved | None:
    """Meteorological season; winter Y runs December Y to February Y+1."""
    if not ok_year(y) or not ok_year(y + 1):
        return None
    m = _SEASON_START[s]
    if m == 12:
        return Resolved(date(y, 12, 1), date(y + 1, 3, 1) - timedelta(days=1), "season")
    return Resolved(date(y, m, 1), date(y, m + 3, 1) - timedelta(days=1), "season")


def season_label(d: date, s: str) -> int:
    """Year label of "this" season s: the publication year, except winter in Jan/Feb, which began last year."""
    if _SEASON_START[s] == 12 and d.month <= 2:
        return d.year - 1
    return d.year


def res_decade(y: int) -> Resolved | None:
    y -= y % 10
    return Resolved(date(y, 1, 1), date(y + 9, 12, 31), "decade") if ok_year(y) and ok_year(y + 9) else None


def res_week(d: date) -> Resolved:
    mon = d - timedelta(days=d.weekday())
    return Resolved(mon, mon + timedelta(days=6), "week")


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _int(s: str) -> int:
    return int(re.match(r"[0-9]+", s).group())  # type: ignore[union-attr]


def _month_no(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _num(s: str) -> int | None:
    s = " ".join(s.lower().split())
    if s.isdigit():
        return int(s)
    return _NUMBERS.get(s)


# ---------------------------------------------------------------------------------------------------------------------
# Tense of the clause around an expression

_SCHEDULE_VERBS = lang.alternation(_EN.words("schedule_verbs.txt"))  # "meets", "kicks off"
_ARRANGEMENT_VERBS = lang.alternation(_EN.words("arrangement_verbs.txt"))  # "holding", "travelling"
_FUTURE_WORDS = lang.alternation(_EN.words("future_cues.txt"))  # "upcoming", "next", "until"
_FUTURE_CUES = re.compile(
    r"\b(?:(?:will|would|should|shall|could|might|must|(?-i:may))\s+(?:not\s+)?(?:be|have\s+been)\s+\w+"
    r"|(?:has|have)\s+been\s+(?:scheduled|planned|set|slated|pencilled|penciled)"
    r"|will|shall|won't|wo\s*n't|(?<!was\s)(?<!were\s)going\s+to|should|must"
    r"|(?:is|are|'s|'re)\s+(?:to|due|set|scheduled|slated|expected|planned)"
    # the present simple of a scheduling verb is a timetable ("the law takes effect Jan. 1", "the council meets
    # Tuesday")
    rf"|(?:takes|take)\s+effect|goes\s+into\s+effect|(?:{_SCHEDULE_VERBS})(?!\s+(?:with|to)\b)"
    # the present progressive with a date is an arrangement ("is holding a vote Tuesday", "are meeting in May")
    rf"|(?:is|are|am|'re)\s+(?:(?:also|now|[a-z]+ly)\s+)?(?:{_ARRANGEMENT_VERBS})"
    # "had been due to expire Friday", "as previously planned": a plan made in the past, about the past
    r"|(?<!had\sbeen\s)(?<!previously\s)(?<!originally\s)(?:scheduled|slated|planned)"
    r"|set\s+(?:to|for)|plans?\s+to|planning\s+to|expects?\s+to|expected\s+to|intends?\s+to"
    r"|aims?\s+to|hopes?\s+to|ahead\s+of|in\s+the\s+run-up\s+to"
    r"|to\s+be\s+(?:held|built|sold|paid|made|set|[a-z]{3,}(?:ed|en))"
    rf"|{_FUTURE_WORDS}|would|could|might|(?-i:may)"
    r"|(?<!had\sbeen\s)due\s+(?:on|in|by|for|to\s+(?:be|begin|start|open|close|launch|arrive|take|end|expire)))\b"
    r"|(?<=\w)'ll\b",
    re.IGNORECASE,
)
_PARTICIPLES = lang.alternation(_EN.words("past_participles.txt"))  # "has/have ... taken"
_PAST_WORDS = lang.alternation(_EN.words("past_cues.txt"))  # "said", "ago", "took"
_PAST_CUES = re.compile(
    # the present perfect: "prices have come down from the middle of October"
    rf"\b(?:has|have|'ve)\s+(?:(?:already|just|not|never|also|[a-z]+ly)\s+)?(?:{_PARTICIPLES}|[a-z]{{2,}}ed)\b"
    rf"|\b(?:{_PAST_WORDS}|(?-i:[a-z]{{2,}}ed))\b",
    re.IGNORECASE,
)
_NOT_A_VERB = re.compile(  # before an -ed word: present passive, a compound adjective, or an attributive adjective
    r"(?:\b(?:is|are|am|be|being|'s|'re)\s+(?:[a-z]+ly\s+)?|-"
    r"|\b(?:the|a|an|its|his|her|their|our|your|this|that)\s+(?:(?:[a-z]+ly|still|yet|as\s+yet|not|newly)\s+)?)$",
    re.IGNORECASE,
)
_NOT_PAST = _EN.words("not_past_ed.txt")


# ---------------------------------------------------------------------------------------------------------------------
# Per-call context


class Context:
    """Everything a resolver needs: the text, the publication date and the sentences (for tense cues)."""

    def __init__(self, text: str, pub: date, sentences: list[tuple[int, int]] | None) -> None:
        self.text = text
        self.pub = pub
        self._given = sorted((a, b) for a, b in (sentences or []) if 0 <= a < b <= len(text))
        self._given_starts = [a for a, _ in self._given]
        self._fallback: list[tuple[int, int]] | None = None  # our own split, computed only when needed
        self._fallback_starts: list[int] = []
        self._tense_cache: dict[tuple[int, int], Tense | None] = {}

    def sentence(self, s: int, e: int) -> tuple[int, int]:
        """Span of the sentence containing [s, e) (given sentences first, then our own splitter)."""
        for which in (0, 1):
            spans, starts = (self._given, self._given_starts) if which == 0 else self._fallback_spans()
            i = bisect.bisect_right(starts, s) - 1
            if i >= 0 and spans[i][0] <= s < spans[i][1]:
                a, b = spans[i]
                return a, max(b, min(e, len(self.text)))
        return s, e

    def _fallback_spans(self) -> tuple[list[tuple[int, int]], list[int]]:
        if self._fallback is None:
            self._fallback = split_sentences(self.text)
            self._fallback_starts = [a for a, _ in self._fallback]
        return self._fallback, self._fallback_starts

    def tense(self, s: int, e: int) -> Tense | None:
        """Tense of the nearest cue word around [s, e) inside its sentence; None when there is no cue nearby."""
        key = (s, e)
        if key in self._tense_cache:
            return self._tense_cache[key]
        a, b = self.sentence(s, e)
        lo, hi = max(a, s - TENSE_WINDOW), min(b, e + TENSE_WINDOW)
        best: tuple[int, Tense] | None = None  # (distance in chars, tense) of the nearest cue
        future_spans: list[tuple[int, int]] = []
        for m in _FUTURE_CUES.finditer(self.text, lo, hi):
            future_spans.append(m.span())
            best = closer_cue(best, m.start(), m.end(), s, e, "future")
        for m in _PAST_CUES.finditer(self.text, lo, hi):
            if m.group().lower() in _NOT_PAST or any(fa <= m.start() < fb for fa, fb in future_spans):
                continue
            if m.group().endswith("ed") and _NOT_A_VERB.search(self.text, max(0, m.start() - 25), m.start()):
                continue  # "is officially reported", "star-studded", "the planned": not a past-tense verb
            best = closer_cue(best, m.start(), m.end(), s, e, "past")
        out = best[1] if best else None
        self._tense_cache[key] = out
        return out

    def pick(
        self, cands: Sequence[Resolved | None], s: int, e: int, default: Literal["past", "nearest", "future"]
    ) -> Resolved | None:
        """Choose among the occurrences of an under-specified date (a month-day without a year...) by tense."""
        opts = [c for c in cands if c is not None]
        if not opts:
            return None
        pub = self.pub
        if _DEADLINE_BEFORE.search(self.text, max(0, s - 30), s):
            # "extended to Nov. 20", "payable Jan. 3", "effective Dec. 7", "by February": a deadline, which lies ahead
            # even in a past-tense sentence, when one is near
            soon = [c for c in opts if pub < c.start <= pub + timedelta(days=183)]
            if soon:
                return min(soon, key=lambda c: c.start)
        tense = self.tense(s, e) or (None if default == "nearest" else default)
        if tense == "future":
            fut = [c for c in opts if c.end >= pub]
            return min(fut, key=lambda c: c.start) if fut else None
        if tense == "past":
            past = [c for c in opts if c.start <= pub]
            got = max(past, key=lambda c: c.start) if past else None
            if got is not None and (pub - got.start).days > 300:
                # a past-tense sentence rarely reaches back a year for a date about to come ("said ... on Nov. 6"
                # written on Oct. 30): a date starting within two weeks wins
                soon = [c for c in opts if pub < c.start <= pub + timedelta(days=_IMMINENT)]
                if soon:
                    return min(soon, key=lambda c: c.start)
            return got

        def cost(c: Resolved) -> tuple[int, int]:
            if c.start <= pub <= c.end:
                return (0, 0)
            if c.end < pub:
                return ((pub - c.end).days, 0)
            return (2 * (c.start - pub).days, 1)  # past-biased: the future must be twice as close to win

        return min(opts, key=cost)


_DEADLINE_BEFORE = re.compile(
    r"\b(?:(?:extended|extend|extends|extending|postponed|delayed|deferred|moved|pushed\s+back)\s+(?:it\s+)?(?:to|until)"
    r"|until|till|by|effective|expire|expires|expiring|payable|record|due(?:\s+(?:on|by))?)\s+(?:on\s+)?$",
    re.IGNORECASE,
)


def closer_cue(best: tuple[int, Tense] | None, a: int, b: int, s: int, e: int, t: Tense) -> tuple[int, Tense] | None:
    """Keep the cue nearest to the expression [s, e); a tie goes to the past (news is mostly past tense).

    A date attaches to the verb before it ("will close on Friday", "said Friday that ..."), so any cue before the
    expression beats every cue after it; cues after count only when nothing precedes ("On Friday, X will ...").
    """
    if a < e and s < b:  # the cue is part of the expression ("next week"): the expression says it itself
        return best
    dist = s - b if b <= s else TENSE_WINDOW + a - e
    if best is None or dist < best[0] or (dist == best[0] and t == "past"):
        return (dist, t)
    return best


_ABBREV_BEFORE_DOT = {*_EN.words("abbreviations.txt"), *(a.lower() for a in _MONTH_ABBR)}
_SENT_BREAK = re.compile(r"\n\s*|(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Simple sentence spans: line breaks, and . ! ? before a capital (not after Mr., Oct., U.S. and the like)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_BREAK.finditer(text):
        if "\n" not in m.group():
            # a dot after an abbreviation or an initial is not a sentence end
            i = m.start() - 1
            while i >= 0 and text[i] in ".!?\"'”’)]":
                i -= 1
            j = i
            while j >= 0 and (text[j].isalnum() or text[j] == "."):
                j -= 1
            word = text[j + 1 : i + 1]
            initial = len(word) == 1 and word.isalpha() and word.isupper()  # "J. Smith"
            if text[m.start() - 1] == "." and (word.lower() in _ABBREV_BEFORE_DOT or initial or "." in word):
                continue  # "Mr. Smith", "Oct. 3", "U.S. officials"
        if m.start() > start:
            spans.append(trim_span(text, start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append(trim_span(text, start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# ---------------------------------------------------------------------------------------------------------------------
# Resolvers: (match, ctx, start, end) -> Resolved | BLOCK | None


def group_text(m: re.Match[str], name: str) -> str:
    """A named group's text; "" when unmatched or when the rule's pattern has no such group."""
    try:
        return m[name] or ""
    except IndexError:
        return ""


def year_candidates(pub: date, make: Callable[[int], Resolved | None]) -> list[Resolved | None]:
    return [make(pub.year + k) for k in (-1, 0, 1)]


def resolve_iso(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    return res_day(int(group_text(m, "y")), int(group_text(m, "m")), int(group_text(m, "d"))) or BLOCK


def _r_slash(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    a, b, y = int(group_text(m, "a")), int(group_text(m, "b")), group_text(m, "y")
    yy = int(y)
    if len(y) == 2:  # two-digit year: the century that puts it no more than 10 years after publication
        yy += 2000 if 2000 + yy <= ctx.pub.year + 10 else 1900
    mo, d = (b, a) if a > 12 else (a, b)  # US month/day order unless the first number cannot be a month
    return res_day(yy, mo, d) or BLOCK


def _r_dotted(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    return res_day(int(group_text(m, "y")), int(group_text(m, "b")), int(group_text(m, "a"))) or BLOCK  # day.month.year


def _r_month_day(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    mo, d = _month_no(group_text(m, "mon")), _int(group_text(m, "day"))
    if group_text(m, "year"):
        return res_day(int(group_text(m, "year")), mo, d) or BLOCK
    if d > 31:
        return BLOCK
    cands = year_candidates(ctx.pub, lambda y: res_day(y, mo, d))
    if group_text(m, "wd"):  # "Friday, Oct. 10": the weekday tells the year
        wd = _WEEKDAYS[group_text(m, "wd").lower()]
        fits = [c for c in cands if c is not None and c.start.weekday() == wd]
        if len(fits) == 1:
            return fits[0]
    return ctx.pick(cands, s, e, "nearest")


def _r_ordinal_day(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """An ordinal word for the day: "the first of October"."""
    mo, d = _month_no(group_text(m, "mon")), _ORDINAL_WORDS[group_text(m, "dw").lower().replace(" ", "-")]
    if group_text(m, "year"):
        return res_day(int(group_text(m, "year")), mo, d) or BLOCK
    return ctx.pick(year_candidates(ctx.pub, lambda y: res_day(y, mo, d)), s, e, "nearest")


def _r_day_range(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    return res_day_range(ctx, _month_no(group_text(m, "mon")), _int(group_text(m, "d1")), _int(group_text(m, "d2")),
                         group_text(m, "year"), s, e)


def res_day_range(ctx: Context, mo: int, d1: int, d2: int, year: str, s: int, e: int) -> Outcome:
    """Days d1..d2 of month `mo` ("October 10-12", "10. bis 12. Oktober"), in `year` or the year the text means."""
    if d2 <= d1:
        return BLOCK

    def make(y: int) -> Resolved | None:
        a, b = res_day(y, mo, d1), res_day(y, mo, d2)
        return Resolved(a.start, b.end, "day") if a and b else None

    if year:
        return make(int(year)) or BLOCK
    return ctx.pick(year_candidates(ctx.pub, make), s, e, "nearest")


def _r_month_year(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    return res_month(int(group_text(m, "year")), _month_no(group_text(m, "mon"))) or BLOCK


def _r_month_rel_year(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    k = {"this": 0, "last": -1, "next": 1}[group_text(m, "rel").lower()]
    return res_month(ctx.pub.year + k, _month_no(group_text(m, "mon")))


def _r_rel_month(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    mo, rel, pub = _month_no(group_text(m, "mon")), " ".join(group_text(m, "rel").lower().split()), ctx.pub
    if rel == "this":
        return res_month(pub.year, mo)
    if rel in ("last", "past", "this past"):  # the most recent such month before the current one
        return res_month(pub.year if mo < pub.month else pub.year - 1, mo)
    return res_month(pub.year if mo > pub.month else pub.year + 1, mo)  # next / coming


def _r_bare_month(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    name = group_text(m, "mon")
    nxt = ctx.text[m.end() : m.end() + 40]
    if (
        name in ("April", "May", "June", "August")
        and re.match(r"\s+[A-Z][a-z]", nxt)
        and group_text(m, "pre")
        and group_text(m, "pre").strip() in ("and", "or")
    ):
        return None  # "Smith and June Carter": a first name
    mo = _month_no(name)
    return ctx.pick(year_candidates(ctx.pub, lambda y: res_month(y, mo)), s, e, "nearest")


def _r_weekday(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    before = ctx.text[max(0, s - 20) : s].split()
    if before and before[-1].strip("`'\"‘“").lower() in _NAMED_DAY_PREFIX and before[-1][:1].isupper():
        return BLOCK  # "Black Monday", "Good Friday"
    lowered = [w.lower() for w in before[-2:]]
    if not group_text(m, "rel") and lowered and (lowered[-1] in ("every", "each", "any")
                                                  or lowered[-2:] == ["on", "a"]):
        return None  # "book on a Tuesday", "every Friday": no particular day ("a Wednesday event" is one)
    wd = _WEEKDAYS[group_text(m, "wd").lower()]
    pub = ctx.pub
    rel = " ".join((group_text(m, "rel") or "").lower().split())
    back = (pub.weekday() - wd) % 7  # days since the most recent such weekday (0 = publication day)
    ahead = (wd - pub.weekday()) % 7
    if rel in ("last", "past", "this past"):
        d = pub - timedelta(days=back or 7)
    elif rel in ("next", "coming", "this coming"):
        d = pub + timedelta(days=ahead or 7)
    else:
        tense = ctx.tense(s, e) or ("future" if rel == "this" else "past")
        if tense == "future":
            d = pub + timedelta(days=ahead if (ahead or SAME_WEEKDAY_IS_PUBLICATION_DAY) else 7)
        else:
            d = pub - timedelta(days=back if (back or SAME_WEEKDAY_IS_PUBLICATION_DAY) else 7)
    if not ok_year(d.year):
        return None
    return _at_time(Resolved(d, d, "day"), _part_of_day(ctx.text[s:e]))


_PART_OF_DAY = _EN.table("parts_of_day.tsv")  # "morning" -> "TMO"


def _part_of_day(expr: str) -> str:
    """The TimeML time suffix of a part of the day named at the end (or start) of `expr`, else ""."""
    words = re.findall(r"[a-z]+", expr.lower())
    for w in (words[-1:] + words[:1]) if words else []:
        if w in _PART_OF_DAY:
            return _PART_OF_DAY[w]
    return ""


_RELATIVE_DAYS = {w: int(k) for w, k in _EN.rows("relative_days.tsv")}  # "yesterday" -> -1


def _r_rel_day(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    w = " ".join(m.group("w").lower().split())
    d = ctx.pub + timedelta(days=_RELATIVE_DAYS[w])
    if not ok_year(d.year):
        return None
    return _at_time(Resolved(d, d, "day"), _part_of_day(m.group()))


def _r_rel_unit(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """this/last/next week|weekend|month|quarter|year, with earlier/later/early/late."""
    pub = ctx.pub
    rel = (group_text(m, "rel") or "this").lower()  # "earlier in the week" reads as "earlier this week"
    unit = (group_text(m, "unit") or "").lower()
    pre = (group_text(m, "pre") or "").lower()
    the = bool(group_text(m, "the"))
    if the and unit not in ("quarter", "weekend") and rel in ("past", "last"):
        return _duration(1, unit)  # "the past week", "the last year": a duration, not a calendar unit
    if the and rel == "next" and unit != "weekend":
        return _duration(1, unit)  # "the next month": duration
    k = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]
    if unit == "weekend":
        if rel == "past":
            k = 0 if pub.weekday() >= 5 else -1
        mon = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
        sat = mon + timedelta(days=5)
        return Resolved(sat, sat + timedelta(days=1), "week")
    r: Resolved | None
    if unit == "week":
        r = res_week(pub + timedelta(weeks=k))
    elif unit == "month":
        y, mo = divmod(pub.year * 12 + pub.month - 1 + k, 12)
        r = res_month(y, mo + 1)
    elif unit == "quarter":
        y, q = divmod(pub.year * 4 + quarter_of(pub) - 1 + k, 4)
        r = res_quarter(y, q + 1)
    else:
        r = res_year(pub.year + k)
    if r is None:
        return None
    if k == 0 and pre == "earlier":
        return Resolved(r.start, pub, r.gran)
    if k == 0 and pre == "later":
        return Resolved(pub, r.end, r.gran)
    return r


def _r_the_weekend(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    pub = ctx.pub
    mon = pub - timedelta(days=pub.weekday())
    cands = [Resolved(mon + timedelta(days=5 + 7 * k), mon + timedelta(days=6 + 7 * k), "week") for k in (-1, 0)]
    return ctx.pick(cands, s, e, "past")


def _r_ago(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    n = _num(group_text(m, "n"))
    if n is None:
        return None
    unit, pub = group_text(m, "unit").lower(), ctx.pub
    sign = 1 if (group_text(m, "fwd") or group_text(m, "fwd2")) else -1
    if group_text(m, "fwd") and group_text(m, "fwd").lower().startswith("in") and ctx.tense(s, e) != "future":
        return _duration(n, unit)  # "rose 5% in two weeks": a duration
    try:
        if unit == "day":
            d = pub + timedelta(days=sign * n)
            return Resolved(d, d, "day") if ok_year(d.year) else None
        if unit == "week":
            d = pub + timedelta(weeks=sign * n)
            return Resolved(d, d, "day") if ok_year(d.year) else None
    except OverflowError:
        return None
    if unit == "month":
        y, mo = divmod(pub.year * 12 + pub.month - 1 + sign * n, 12)
        return res_month(y, mo + 1)
    return res_year(pub.year + sign * n)


def _r_year(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    y = int(group_text(m, "y"))
    after = ctx.text[m.end() : m.end() + 30]
    w = re.match(r"[^\S\n]*([A-Za-z%]+)", after)
    if w and (w.group(1).lower() in _NOT_AFTER_YEAR or w.group(1) == "%"):
        return None
    before = ctx.text[max(0, s - 6) : s]
    if re.search(r"(?:[$€£¥#]|\bNo\.?|\bUS\$)\s*$", before):
        return None
    if _NOT_A_YEAR_BEFORE.search(ctx.text, max(0, s - 40), s) or _NOT_A_YEAR_NEAR.match(ctx.text, m.end()):
        return None  # a score, a price, a clock time, a benchmark figure or a specification, not a year
    prep = group_text(m, "p").strip().lower()
    if y < 1800 and not group_text(m, "mod") and prep not in _STRONG_YEAR_PREP:
        return None  # "of 1530", "to 1061": an old year needs "in", "since", "until"... to be read as one
    if group_text(m, "mod"):
        return res_year(y)
    if "x" not in m.re.groupindex:  # bare year: "the Russell 2000 Index", "Windows 2000 Server" are names
        prev = ctx.text[max(0, s - 30) : s].rsplit("\n", 1)[-1].split()
        if prev and prev[-1][:1].isupper() and w and w.group(1)[:1].isupper() and w.group(1) not in _MONTHS_CAP:
            return None
    return res_year(y)


# A number is a year only with evidence: none after these words (scores, prices, times, specifications, counts) ...
_NOT_A_YEAR_BEFORE = re.compile(
    rf"\b(?i:{lang.alternation(_EN.words('not_year_before.txt'))})"  # "rated", "flight", "room"
    r"\s+(?:(?i:of|at|to|is|was|near|around|about|reached|hit)\s+)?"
    r"(?:(?i:about|around|roughly|nearly|almost|over|under|just)\s+)?(?:(?i:the)\s+)?$"
)
# ... nor before units of measurement, clock zones or multiplication signs ("1920x1080", "2048 MB", "1530 GMT").
_NOT_A_YEAR_NEAR = re.compile(
    rf"[^\S\n]*(?:[x×*]\s*[0-9]|(?i:{lang.alternation(_EN.words('not_year_units.txt'))}|p\b|h\b))"
)
_STRONG_YEAR_PREP = _EN.words("strong_year_preps.txt")


def _r_year_range(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    return res_year_range(int(group_text(m, "y1")), group_text(m, "y2"))


def res_year_range(y1: int, y2s: str) -> Resolved | _Blocked:
    """Years y1..y2 ("2019-2021", "2015/16"); y2 may be written with two digits."""
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if len(y2s) == 2 and y2 != y1 + 1:
        return BLOCK  # "2010-11" is a season label only when the years follow each other; else maybe YYYY-MM
    if not (y1 < y2 <= y1 + 50) or not ok_year(y1) or not ok_year(y2):
        return BLOCK
    return Resolved(date(y1, 1, 1), date(y2, 12, 31), "year")


def _r_short_year(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    yy = int(group_text(m, "yy"))
    cands = [res_year(c * 100 + yy) for c in (ctx.pub.year // 100 - 1, ctx.pub.year // 100)]
    return ctx.pick(cands, s, e, "past")


def _r_decade(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    if group_text(m, "full"):
        y = int(group_text(m, "full"))
        if y % 100 == 0 and y < 2000:
            return BLOCK  # "the 1900s" is as often the century as the decade
        return res_decade(y)
    d = int(group_text(m, "d"))
    if not group_text(m, "apos"):
        # bare "70s" is an age ("in their 70s") or a temperature unless it reads "the 70s" / "the 70s and 80s"
        before = ctx.text[max(0, s - 30) : s]
        if not re.search(
            r"(?:\bthe\s+(?:(?:early|mid|late)[\s-]+)?|\bthe\s+(?:[0-9]{2}|')?[0-9]0s\s*(?:and|or|to|through|,)\s+)$",
            before,
            re.IGNORECASE,
        ):
            return None
    # the latest decade with that digit that has started by publication
    c = ctx.pub.year // 100
    y = c * 100 + d * 10
    if y > ctx.pub.year:
        y -= 100
    return res_decade(y)


def _r_quarter(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    before = ctx.text[max(0, s - 25) : s].lower()
    if "fiscal" in before or re.search(r"\bfy\s*[0-9]*\s*$", before):
        return BLOCK  # fiscal quarters follow each company's own year
    ordw = (group_text(m, "ord") or "").lower()
    q = int(group_text(m, "q") or group_text(m, "q2") or 0) if (group_text(m, "q") or group_text(m, "q2")) else None
    pub = ctx.pub
    if q is None:
        if ordw in ("last", "final", "past", "previous"):
            # "the last quarter": the most recent complete quarter
            if not (group_text(m, "y") or group_text(m, "rel") or group_text(m, "yy")):
                y, qq = divmod(pub.year * 4 + quarter_of(pub) - 2, 4)
                return res_quarter(y, qq + 1)
            q = 4
        else:
            q = _ORDINALS.get(ordw)
    if q is None:
        return None
    if group_text(m, "y") or group_text(m, "y0"):  # "third quarter of 1988", "the 1988 third quarter"
        return res_quarter(int(group_text(m, "y") or group_text(m, "y0")), q) or BLOCK
    if group_text(m, "yy"):
        return res_quarter(2000 + int(group_text(m, "yy")), q)
    if group_text(m, "rel"):
        rel = group_text(m, "rel").lower()
        k = -1 if ("last" in rel or "previous" in rel) else 1 if "next" in rel else 0
        return res_quarter(pub.year + k, q)
    a, b = ctx.sentence(s, e)
    if _SPORTS.search(ctx.text, a, b):
        return BLOCK  # a quarter of a game
    cands = year_candidates(pub, lambda y: res_quarter(y, q))
    if ctx.tense(s, e) == "future":
        # "expects to report a profit for the third quarter" (late October): results come after a quarter ends, so a
        # future clause still means a quarter that ended within the last three months
        lately = [c for c in cands if c is not None and c.end >= pub - timedelta(days=_REPORTING_LAG)]
        return min(lately, key=lambda c: c.start) if lately else None
    return ctx.pick(cands, s, e, "nearest")


def _r_quarter_main(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    if (group_text(m, "q") or group_text(m, "q2")) and not (group_text(m, "y") or group_text(m, "yy")):
        return None  # a bare "Q3" is as often a product name (Audi Q3); spaCy's context decides (see _SPACY_RULES)
    return _r_quarter(m, ctx, s, e)


def _r_fiscal(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """A fiscal year or quarter: TimeML writes the year it is labelled with ("fiscal 1989" -> 1989, "the fiscal first
    quarter" -> 1989-Q1) but it is not that calendar interval (each company has its own year): no start/end."""
    ys = group_text(m, "y") or group_text(m, "y2")
    rel = group_text(m, "rel").lower()
    if not (ys or group_text(m, "yw") or group_text(m, "part")):
        return BLOCK  # "fiscal policy": not a time
    if ys:
        ys = ys.lstrip("'’")
        y = int(ys) if len(ys) == 4 else 2000 + int(ys) if 2000 + int(ys) <= ctx.pub.year + 10 else 1900 + int(ys)
    else:
        y = ctx.pub.year + {"last": -1, "previous": -1, "prior": -1, "latest": -1, "next": 1, "coming": 1}.get(rel, 0)
    if not ok_year(y):
        return BLOCK
    if group_text(m, "part"):
        ordw = group_text(m, "ord").lower()
        n = 4 if ordw in ("final", "last") else _ORDINALS[ordw]
        if group_text(m, "part").lower() == "half":
            if n > 2:
                return BLOCK
            return _timex("date", f"{y}-H{n}")
        return _timex("date", f"{y}-Q{n}")
    return _timex("date", str(y))


def _r_streak(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """A streak or record that ends with the story: "gains for a fourth week in a row", "their best week since
    November" -> the week (day, month...) of publication."""
    unit, pub = (group_text(m, "u") or group_text(m, "u2")).lower(), ctx.pub
    if unit == "day":
        return Resolved(pub, pub, "day")
    if unit == "week":
        return res_week(pub)
    if unit == "month":
        return res_month(pub.year, pub.month)
    if unit == "quarter":
        return res_quarter(pub.year, quarter_of(pub))
    return res_year(pub.year)


def _r_year_end(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"by year-end", "at year end 1988": the year whose end it is (the publication year, or last year when a
    past-tense sentence is written in the first quarter)."""
    if group_text(m, "y"):
        return res_year(int(group_text(m, "y"))) or BLOCK
    pub = ctx.pub
    if pub.month <= 3 and ctx.tense(s, e) == "past":
        return res_year(pub.year - 1)
    return res_year(pub.year)


_NUMBER_WORDS = sorted(((w, int(n), kind) for w, n, kind in _EN.rows("number_words.tsv")), key=lambda r: r[1])
_TEENS = {w: n for w, n, kind in _NUMBER_WORDS if kind == "teen"}  # "ten" .. "nineteen", in order
_TENS = {w: n for w, n, kind in _NUMBER_WORDS if kind == "tens"}  # "twenty" .. "ninety"
_UNITS = {w: n for w, n, kind in _NUMBER_WORDS if kind == "unit"}  # "one" .. "nine"
_SPELLED_YEAR = (
    r"(?:(?P<cent>(?i:eighteen|nineteen|twenty))[\s-]+(?:(?P<hund>(?i:hundred))|(?P<teen>(?i:" + "|".join(_TEENS)
    + r"))|(?P<tens>(?i:" + "|".join(_TENS) + r"))(?:[\s-]+(?P<unit>(?i:" + "|".join(_UNITS) + r")))?)"
    r"|(?i:two\s+thousand)(?:\s+(?i:and\s+)?(?P<unit2>(?i:" + "|".join(_UNITS) + r"|" + "|".join(_TEENS) + r")))?)"
)


def _spelled_year(m: re.Match[str]) -> int | None:
    """1996 from "nineteen ninety-six", 2000 from "two thousand", 1900 from "nineteen hundred"."""
    if group_text(m, "cent"):
        y = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[group_text(m, "cent").lower()]
        if group_text(m, "hund"):
            return y
        if group_text(m, "teen"):
            return y + _TEENS[group_text(m, "teen").lower()]
        return y + _TENS[group_text(m, "tens").lower()] + _UNITS.get(group_text(m, "unit").lower(), 0)
    u = group_text(m, "unit2").lower()
    return 2000 + (_UNITS.get(u) or _TEENS.get(u, 0))


def _r_spelled_year(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """A year spelled out, as broadcast transcripts write them: "nineteen ninety-six", "the year two thousand",
    "January nineteen ninety-seven"."""
    y = _spelled_year(m)
    if y is None:
        return None
    if group_text(m, "mon"):
        return res_month(y, _month_no(group_text(m, "mon"))) or BLOCK
    if not (group_text(m, "the") or group_text(m, "prep") or group_text(m, "cent")):
        return None  # a bare "two thousand" is a number
    return res_year(y) or BLOCK


def _r_half(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"the first half of 1998", "the second half of this year" -> 1998-H1 (January-June), 1998-H2."""
    ys, rel = group_text(m, "y"), (group_text(m, "rel") or "this").lower()
    y = int(ys) if ys else ctx.pub.year + {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    if not ok_year(y):
        return BLOCK
    h = 1 if group_text(m, "h").lower() == "first" else 2
    a, b = date(y, 1 + 6 * (h - 1), 1), date(y, 6 * h, 30 if h == 1 else 31)
    return Resolved(a, b, "month", "date", f"{y}-H{h}")


_CENTURY_ORD = {w: n for w, n in _ORDINAL_WORDS.items() if n <= 20}  # "nineteenth" -> 19
_DECADE_WORDS = {w: int(n) for w, n in _EN.rows("decade_words.tsv")}  # "nineties" -> 9


def _r_century(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"the 20th century" -> 19 (TimeML: the first two digits of its years), "this century" (the publication's),
    "the next century"; not a calendar unit we keep."""
    if group_text(m, "rel"):
        k = {"this": 0, "current": 0, "next": 1, "coming": 1, "last": -1, "previous": -1}[
            group_text(m, "rel").lower()]
        return _timex("date", f"{(ctx.pub.year - 1) // 100 + k:02d}")  # 2000 is still the 20th century
    w = group_text(m, "c").lower().replace("twenty-first", "21").replace("twenty first", "21")
    n = int(re.match(r"[0-9]+", w).group()) if w[:1].isdigit() else _CENTURY_ORD.get(w)  # type: ignore[union-attr]
    if not n or not 1 <= n <= 30:
        return None
    return _timex("date", f"{n - 1:02d}")


def _r_decade_word(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"the nineties", "the late eighties": the latest such decade that has started by publication."""
    y = ctx.pub.year // 100 * 100 + 10 * _DECADE_WORDS[group_text(m, "w").lower()]
    if y > ctx.pub.year:
        y -= 100
    return res_decade(y)


def _r_season(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    name = group_text(m, "s").lower()
    pub = ctx.pub
    if group_text(m, "y"):
        return res_season(int(group_text(m, "y")), name) or BLOCK
    rel = " ".join((group_text(m, "rel") or "").lower().split())
    this = season_label(pub, name)
    if rel == "this":
        return res_season(this, name)
    if rel == "last":
        return res_season(this - 1, name)
    if rel in ("next", "coming"):
        return res_season(this + 1, name)
    if rel in ("past", "this past"):  # the most recent one that is over
        cur = res_season(this, name)
        return cur if cur and cur.end < pub else res_season(this - 1, name)
    return ctx.pick([res_season(this + k, name) for k in (-1, 0, 1)], s, e, "nearest")


def _r_season_spelled(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"the winter of nineteen ninety-four" -> 1994-WI (a year spelled out, as transcripts write them)."""
    y = _spelled_year(m)
    return (res_season(y, group_text(m, "s").lower()) or BLOCK) if y is not None else None


_SEASON_DET_BEFORE = re.compile(r"\b(?i:the|this|its|their|his|her|our)\s+$")


def _r_sp_season(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """A season in a spaCy DATE span, with an article or possessive in the span or just before it ("their autumn
    meetings"); a bare one ("cold in winter") is generic."""
    if not (group_text(m, "det") or _SEASON_DET_BEFORE.search(ctx.text, max(0, s - 8), s)):
        return None
    return _r_season(m, ctx, s, e)


def _r_holiday(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    key = " ".join(group_text(m, "h").lower().replace("’", "'").split())
    mo, d = _HOLIDAYS[key]
    if group_text(m, "y"):
        return res_day(int(group_text(m, "y")), mo, d) or BLOCK
    return ctx.pick(year_candidates(ctx.pub, lambda y: res_day(y, mo, d)), s, e, "nearest")


def _r_nth_week(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    mo, ordw = _month_no(group_text(m, "mon")), group_text(m, "ord").lower()

    def make(y: int) -> Resolved | None:
        if not ok_year(y):
            return None
        last = calendar.monthrange(y, mo)[1]
        # the ISO-style rule: a week belongs to the month that holds most of its days
        anchor = last - 3 if ordw in ("last", "final") else 4 + 7 * (_ORDINALS.get(ordw, 1) - 1)
        if anchor > last:
            return None
        return res_week(date(y, mo, anchor))

    if group_text(m, "y"):
        return make(int(group_text(m, "y"))) or BLOCK
    return ctx.pick(year_candidates(ctx.pub, make), s, e, "nearest")


def _r_part_of(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """The whole unit a part-of phrase names: "the end of this year", "the beginning of 2009", "mid-March"."""
    pub = ctx.pub
    if group_text(m, "y"):
        return res_year(int(group_text(m, "y"))) or BLOCK
    if group_text(m, "mon"):
        mo = _month_no(group_text(m, "mon"))
        if group_text(m, "my"):
            return res_month(int(group_text(m, "my")), mo) or BLOCK
        if group_text(m, "mrel"):  # "the end of June last year"
            return res_month(pub.year + {"this": 0, "last": -1, "next": 1}[group_text(m, "mrel").lower()], mo)
        return ctx.pick(year_candidates(pub, lambda y: res_month(y, mo)), s, e, "nearest")
    unit = group_text(m, "unit").lower()
    rel = (group_text(m, "rel") or "this").lower()
    k = {"the": 0, "this": 0, "last": -1, "next": 1}[rel]
    if unit == "year":
        return res_year(pub.year + k)
    if unit == "month":
        y, mo = divmod(pub.year * 12 + pub.month - 1 + k, 12)
        return res_month(y, mo + 1)
    return res_week(pub + timedelta(weeks=k))


def _r_nine_eleven(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """The one month-day that names its own year in news: the attacks of September 11, 2001."""
    return res_day(2001, 9, 11) if ctx.pub.year >= 2001 else None


def _r_anaphor(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    if _NOT_ANAPHOR_AFTER.match(ctx.text, e):
        return None  # "the day before", "the day of the week", "the day when": not a day already named
    return ANAPHOR


_NOT_ANAPHOR_AFTER = re.compile(
    r"\s*(?:-|before|after|of\b|when|that\b|which|in\s+which|on\s+which|'s|’s|to\s+day|and\s+night)", re.IGNORECASE
)


ANAPHOR = Resolved(date(1, 1, 1), date(1, 1, 1), "day")  # placeholder: resolved to the previous day mention


@dataclass(frozen=True)
class _QuarterRef:
    """Placeholder for a reporting period read from the quarter the text last named (earnings-report style):
    "the quarter", "the latest quarter" (back=0); "the year-ago quarter", "a year earlier" (back=1 year)."""

    back: int
    quarterly: bool  # the phrase itself names a quarter/period (else it falls back to a year without context)
    complete: bool = False  # "the latest / most recent / just-ended quarter": one that is over by publication


_REPORTING_LAG = 92  # days after a quarter's end during which its results are still ahead
_QUARTER_CONTEXT = 1500  # chars: how far back a named quarter anchors a "the quarter" / "a year earlier"


@dataclass(frozen=True)
class _PeriodRef:
    """Placeholder for "the same month a year ago", "the corresponding period last year", "the full year": the unit
    the text last named (a day, week, month or quarter; "period": the latest month or quarter; "year": the year of
    the latest one, else the publication year), `back` years earlier, or in `year`."""

    unit: str
    back: int
    year: int | None = None
    or_year: bool = False  # "the 1988 quarter" with no quarter named before it: the year itself


def _r_same_period(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    unit = group_text(m, "unit").lower()
    if unit in ("time", "season"):
        return BLOCK  # "the same time last year": no unit we can name
    y = group_text(m, "y")
    return _PeriodRef(unit, 0 if y else 1, int(y) if y else None)  # type: ignore[return-value]


def _r_year_period(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"the 1988 quarter": the quarter the text last named, in that year (else the year). Not "the 1988 period":
    after "the first nine months" it is those months, so the year says more than a guessed quarter."""
    y = int(group_text(m, "y"))
    if not ok_year(y):
        return BLOCK
    return _PeriodRef(group_text(m, "unit").lower(), 0, y, or_year=True)  # type: ignore[return-value]


def _period_ref(ref: _PeriodRef, named: dict[str, tuple[int, Resolved]], at: int, pub: date) -> Resolved | None:
    """Resolve a _PeriodRef at offset `at` from the units named before it (unit -> (offset, interval))."""
    near = {u: r for u, (o, r) in named.items() if at - o <= _QUARTER_CONTEXT}
    if ref.unit == "year":
        last = max((named[u] for u in near if u in ("month", "quarter", "half")), default=None, key=lambda x: x[0])
        return res_year((last[1].start.year if last else pub.year) - ref.back)
    if ref.unit == "period":
        cands = [(named[u], u) for u in near if u in ("month", "quarter", "half")]
        if not cands:
            return None
        unit = max(cands, key=lambda x: x[0][0])[1]  # the latest of them
    else:
        unit = ref.unit
    got = near.get(unit)
    if got is None or got.start is None:
        return None
    d = got.start
    y = ref.year if ref.year is not None else d.year - ref.back
    if unit == "day":
        return res_day(y, d.month, d.day)
    if unit == "month":
        return res_month(y, d.month)
    if unit == "quarter":
        return res_quarter(y, quarter_of(d))
    if unit == "half":
        h = 1 if d.month <= 6 else 2
        return Resolved(date(y, 6 * h - 5, 1), date(y, 6 * h, 30 if h == 1 else 31), "month", "date", f"{y}-H{h}") \
            if ok_year(y) else None
    if unit == "week":
        try:
            return res_week(date.fromisocalendar(y, d.isocalendar()[1], 1))
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class _ShiftRef:
    """Placeholder for "the following year", "the previous day", "the next day", "the day before": the unit the text
    last named (else the one holding the publication date), shifted by `shift` units."""

    unit: str
    shift: int
    named_only: bool = False  # "that year": only a unit the text named (never the publication's)


def _r_shift_ref(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    rel = (group_text(m, "rel") or group_text(m, "rel2") or group_text(m, "rel3")).lower()
    unit = (group_text(m, "unit") or "day").lower()
    return _ShiftRef(unit, 1 if rel in ("following", "next", "after") else -1)  # type: ignore[return-value]


def _shift_ref(ref: _ShiftRef, named: dict[str, tuple[int, Resolved]], at: int, pub: date) -> Resolved | None:
    order = ("day", "week", "month", "quarter", "year")
    finer = [named[u] for u in order[: order.index(ref.unit) + 1]
             if u in named and at - named[u][0] <= _QUARTER_CONTEXT]
    got = max(finer, key=lambda x: x[0], default=None)  # the latest day, week... named, at most as coarse as the unit
    if got is None and ref.named_only:
        return None
    d = got[1].start if got is not None and got[1].start else pub
    k = ref.shift
    if ref.unit == "day":
        x = d + timedelta(days=k)
        return Resolved(x, x, "day") if ok_year(x.year) else None
    if ref.unit == "week":
        return res_week(d + timedelta(weeks=k))
    if ref.unit == "month":
        y, mo = divmod(d.year * 12 + d.month - 1 + k, 12)
        return res_month(y, mo + 1)
    return res_year(d.year + k)


def _r_quarter_ref(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    a, b = ctx.sentence(s, e)
    if _SPORTS.search(ctx.text, a, b):
        return BLOCK
    x = m.group().lower()
    back = 1 if re.search(r"year|prior|previous", x) else 0
    complete = back == 0 and bool(re.search(r"latest|just|recent", x))
    return _QuarterRef(back, bool(re.search(r"quarter|period", x)), complete)  # type: ignore[return-value]


def resolve_block(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    return BLOCK


# ---------------------------------------------------------------------------------------------------------------------
# Time expressions that are not calendar intervals (TimeML DURATION, SET, PRESENT/PAST/FUTURE_REF) and times of day

_UNIT_CODE = _EN.table("unit_codes.tsv")  # "week" -> "W"
_NUM_WORDS = {w: n for w, n, _kind in _NUMBER_WORDS}  # "dozen" -> 12, "half" -> 0
_TENS_ALT = "|".join(_TENS)
_UNITS_ALT = "|".join(_UNITS)
_NUMBER = (
    rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})*(?:\.[0-9]+)?|(?:{_TENS_ALT})(?:[\s-]+(?:{_UNITS_ALT}))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|a\s+hundred|one\s+hundred|a\s+dozen|a|an|a\s+couple\s+of|couple\s+of|a\s+half"
    r"|one\s+and\s+a\s+half)"
)
_VAGUE = r"(?:several|a\s+few|few|many|some|a\s+number\s+of|a\s+couple\s+of|couple\s+of)"
_DUR_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"


def _number(s: str) -> float | None:
    """A written or spelled-out number ("24", "1,000", "twenty four", "a couple of", "one and a half")."""
    w = " ".join(s.lower().replace("-", " ").split())
    if re.fullmatch(r"[0-9][0-9,]*(?:\.[0-9]+)?", w):
        return float(w.replace(",", ""))
    if w in ("a couple of", "couple of"):
        return 2
    if w in ("a half",):
        return 0.5
    if w == "one and a half":
        return 1.5
    if w in ("a hundred", "one hundred"):
        return 100
    if w == "a dozen":
        return 12
    total = 0
    for part in w.split():
        if part not in _NUM_WORDS:
            return None
        total += _NUM_WORDS[part]
    return total


def _duration(n: float | None, unit: str) -> Resolved:
    """A DURATION value: P3Y, P6M, PT2H, P1.5Y; P{X}{unit} when the number is vague."""
    unit = unit.lower().rstrip("s")
    code = _UNIT_CODE.get(unit, "X")
    if code == "2W":  # a fortnight
        n, code = (n or 1) * 2, "W"
    if code == "E" and n is not None and n > 1:  # TimeBank writes "two decades" as P20Y, "a decade" as P1E
        n, code = n * 10, "Y"
    t = ""
    if code.startswith("T"):
        t, code = "T", code[1:]
    if n is None:
        num = "X"
    elif n == int(n):
        num = str(int(n))
    elif n * 2 == int(n * 2) and (t + code) in _HALF_UNIT:  # a half: TimeML spells it in the next unit
        w = int(n)
        return _timex("duration", "P" + (f"{t}{w}{code}" if w else t) + _HALF_UNIT[t + code])
    else:
        num = f"{n:g}"
    return _timex("duration", f"P{t}{num}{code}")


# what half a unit is in the next smaller one ("2 1/2 years" -> P2Y6M, "a minute and a half" -> PT1M30S)
_HALF_UNIT = {"Y": "6M", "M": "15D", "D": "T12H", "TH": "30M", "TM": "30S"}


_AGE_AFTER = re.compile(r"(?:[^\S\n]+|-)old\b", re.IGNORECASE)


def _r_duration(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    unit = group_text(m, "unit")
    if _AGE_AFTER.match(ctx.text, e):
        return BLOCK  # "52 years old", "a 136-year-old firm": an age, which TimeML does not mark as a duration
    if group_text(m, "vague") or not group_text(m, "n"):
        n = None
    else:
        n = _number(group_text(m, "n"))
        if n is None:
            return None
        if group_text(m, "n").lower() in ("a", "an") and unit.lower().startswith(("second", "quarter")):
            return None  # "a second consecutive day", "about a quarter of the votes": not durations
        if unit.lower() == "quarters" and re.search(r"-quarters$", m.group("x")):
            return None  # "three-quarters of the votes": a fraction
        if n >= 1000 and unit.lower().startswith("year") and not group_text(m, "rel"):
            return None  # "1,000 years" is rare; "2000 years" is more often a misread
    if group_text(m, "frac") or group_text(m, "frac2"):
        n = (n or 0) + 0.5
    rel = (group_text(m, "rel") or "").lower()
    if rel == "coming" and n is None and unit.lower().endswith("s"):
        return _timex("date", "FUTURE_REF")  # "in the coming weeks": the near future, not a measured stretch
    return _duration(n, unit)


def _r_vague_plural(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"recent weeks", "the past few years", "for months", "the coming weeks" (FUTURE_REF)."""
    rel = " ".join((group_text(m, "rel") or "").lower().split())
    if rel.startswith("coming"):
        return _timex("date", "FUTURE_REF")
    return _duration(None, group_text(m, "unit"))


_SET_ADVERBS = _EN.table("set_adverbs.tsv")  # "weekly" -> "P1W"


# (checked on the text itself: a spaCy span that ends at the word would hide a look-ahead in the rule)
_ADJECTIVE_USE = re.compile(
    r"[^\S\n]+(?!(?:in|on|at|by|for|to|and|or|since|from|until|with|basis|through|over)\b)[a-z]|[^\S\n]+of\b"
)


def _r_set(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """every week (P1W), each year, every other month (P2M), every Monday (XXXX-WXX-1), each July (XXXX-07),
    Monday nights (XXXX-WXX-1TNI), twice a year (P1Y), daily (P1D)."""
    if group_text(m, "adv"):
        if _ADJECTIVE_USE.match(ctx.text, e):
            return None  # "quarterly dividend", "daily volume": an adjective, not how often something happens
        return _timex("set", _SET_ADVERBS[group_text(m, "adv").lower()])
    if group_text(m, "wd"):
        wd = _WEEKDAYS[group_text(m, "wd").lower()] + 1
        return _timex("set", f"XXXX-WXX-{wd}" + _part_of_day(group_text(m, "pod")))
    if group_text(m, "mon"):
        return _timex("set", f"XXXX-{_month_no(group_text(m, 'mon')):02d}")
    n = _number(group_text(m, "n")) if group_text(m, "n") else 1
    if group_text(m, "other"):
        n = 2
    v = _duration(n, group_text(m, "unit")).value
    return _timex("set", v)


def _r_set_wd(m: re.Match[str]) -> Resolved:
    wd = _WEEKDAYS[(group_text(m, "wd") or group_text(m, "wd2") or group_text(m, "wd3")).lower()] + 1
    pod = (group_text(m, "pod") or group_text(m, "pod2")).strip().lower().removesuffix("s")
    return _timex("set", f"XXXX-WXX-{wd}" + _PART_OF_DAY.get(pod, ""))


_REFS = _EN.table("time_refs.tsv")  # "recently" -> "PAST_REF"
# after "the short term": the words that make it an adjective ("the short term interest rates")
_NOT_TERM = r"[\s-]+(?:[a-z]+ing|rates?|interest|debt|bonds?|loans?|notes?|yields?|securities|paper|bills?)\b"


def _r_ref(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    if group_text(m, "agounit"):
        return _timex("date", "PAST_REF")  # "several years ago", "years ago"
    w = " ".join(m.group("x").lower().split())
    if w == "now" and re.match(r"\s*(?:that|-)", ctx.text[e : e + 6]):
        return None  # "now that ...": a conjunction; "now-defunct"
    return _timex("date", _REFS[w])


def _clock_value(m: re.Match[str]) -> str | None:
    """T21:00 from "9 p.m.", "9:30pm", "noon", "1530 GMT", "15:30 GMT"; TAF from "mid-afternoon"."""
    if group_text(m, "noon"):
        w = re.sub(r"[\s-]+", "", group_text(m, "noon").lower())  # "mid-day" is "midday"
        return _PART_OF_DAY.get(w) or _PART_OF_DAY[w.removeprefix("mid")]  # "mid-afternoon": TAF
    if group_text(m, "mil"):
        hhmm = group_text(m, "mil")
        h, mi = int(hhmm[:2]), int(hhmm[2:])
    elif group_text(m, "h24"):
        h, mi = int(group_text(m, "h24")), int(group_text(m, "mi24"))
    else:
        h, mi = int(group_text(m, "h")), int(group_text(m, "mi") or 0)
        pm = group_text(m, "ap").lower().startswith("p")
        if not 1 <= h <= 12:
            return None
        h = (h % 12) + (12 if pm else 0)
    if not (0 <= h <= 23 and 0 <= mi <= 59):
        return None
    return f"T{h:02d}:{mi:02d}"


def _r_clock(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """A clock time, with the day it names ("10 p.m. Wednesday", "Tuesday at 9 a.m.", "noon Thursday"), or on the
    publication day when it names none (TimeML anchors a bare clock time to the document's date)."""
    t = _clock_value(m)
    if t is None:
        return None
    if group_text(m, "wd"):
        day = _r_weekday(m, ctx, s, e)
    elif group_text(m, "rd"):
        k = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[group_text(m, "rd").lower()]
        d = ctx.pub + timedelta(days=k)
        day = Resolved(d, d, "day")
    elif group_text(m, "mon"):
        day = _r_month_day(m, ctx, s, e)
    else:
        if group_text(m, "noon") and not group_text(m, "pre"):
            return None  # a bare "noon" needs "at/by/before..." to be a time of this day
        return _ClockRef(t)  # type: ignore[return-value]  # on the day named before it in the sentence, else pub
    if not isinstance(day, Resolved) or day.start is None:
        return None
    if t.startswith("TMO") or t in ("TNI",):
        pass
    return Resolved(day.start, day.end, "day", "time", day.start.isoformat() + t)


@dataclass(frozen=True)
class _ClockRef:
    """Placeholder for a clock time that names no day ("flew Tuesday ... at 18:00 UTC"): the single day named
    before it in the same sentence, else the publication day (TimeML anchors a bare time to the document's date)."""

    suffix: str  # "T18:00"


def _r_month_range(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"from March to May", "March-May 2025", "between March and May": one interval of months."""
    m1, m2 = _month_no(group_text(m, "m1")), _month_no(group_text(m, "m2"))
    y1s, y2s = group_text(m, "y1"), group_text(m, "y2")

    def make(y2: int, y1: int | None = None) -> Resolved | None:
        if y1 is None:
            y1 = y2 if m1 <= m2 else y2 - 1
        a, b = res_month(y1, m1), res_month(y2, m2)
        if a is None or b is None or b.end < a.start:
            return None
        return Resolved(a.start, b.end, "month")

    if y2s:
        return make(int(y2s), int(y1s) if y1s else None) or BLOCK
    if y1s:
        return make(int(y1s) + (1 if m2 < m1 else 0), int(y1s)) or BLOCK
    if m1 == m2:
        return None
    return ctx.pick(year_candidates(ctx.pub, make), s, e, "nearest")




# ---------------------------------------------------------------------------------------------------------------------
# Rules

Resolver = Callable[[re.Match[str], Context, int, int], Outcome]


Anchor = tuple[re.Pattern[str], int, int]


@dataclass(frozen=True)
class DateRule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    weak: bool = False  # needs spaCy's agreement when spaCy spans are given
    anchors: tuple[Anchor, ...] = ()  # (cheap pattern, chars before, chars after): where the rule can match at all


def make_rule(name: str, pattern: str, resolve: Resolver, flags: int = 0, weak: bool = False) -> DateRule:
    # no expression spans a line break: headlines, date lines and paragraphs are separate lines
    pattern = pattern.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")
    return DateRule(name, re.compile(pattern, flags), resolve, weak)


_I = re.IGNORECASE
_MON_G = _MON.replace("(?:", "(?P<mon>", 1)
_WD_OPT = rf"(?:(?P<wd>{_WD})\s*,?\s+)?"

# Always on.
_RULES: list[DateRule] = [
    make_rule(  # "for the year ended Sept. 30": a reporting year, measured (TimeML: a duration)
        "year_ended",
        r"\b(?P<x>(?i:the)\s+(?:(?i:fiscal|financial)\s+)?(?i:year))\s+(?i:ended|ending|that\s+ended)\b",
        lambda m, ctx, s, e: _timex("duration", "P1Y"),
    ),
    make_rule(
        "year_end",
        r"\b(?P<x>(?i:year)(?:[\s-]+|['’]s\s+)(?i:end)\b(?![\s-]+(?i:of)\b)(?:\s+(?P<y>[12][0-9]{3})(?![0-9]))?)",
        _r_year_end,
    ),
    make_rule(
        "quarter_ref",
        r"\b(?:(?i:the|this|that)\s+(?:(?i:latest|just-ended|just\s+ended|most\s+recent|comparable|same|year-earlier|"
        r"year-ago|year\s+earlier|year\s+ago|prior-year|previous-year)\s+)+(?:(?i:quarter|period))"
        r"|(?i:the|that)\s+quarter(?![\s-]+(?:of|century|mile|point|percent|final|pounder|-))"
        r"|(?i:year-earlier|year-ago)(?:\s+(?i:quarter|period))?"
        r"|(?i:a|an)\s+(?i:year)\s+(?i:earlier|ago|before))\b",
        _r_quarter_ref,
    ),
    make_rule(
        "named_date",
        r"(?<![0-9/])9/11(?![0-9/])"
        r"|\bSeptember\s+11(?:th)?(?=\s*,?\s+(?:\d{4}\s*,?\s+)?(?:terror(?:ist)?\s+)?attacks?\b)",
        _r_nine_eleven,
    ),
    make_rule("iso", r"(?<![0-9/.-])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9-])", resolve_iso),
    make_rule("slash", r"(?<![0-9/.-])(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4}|[0-9]{2})(?![0-9/])",
              _r_slash),
    make_rule("dotted", r"(?<![0-9.])(?P<a>[0-9]{1,2})\.(?P<b>[0-9]{1,2})\.(?P<y>[0-9]{4})(?![0-9]|\.[0-9])",
              _r_dotted),
    make_rule("month_day", rf"{_WD_OPT}(?P<mon>{_MON})\s*(?P<day>{_DAY})(?:{_YSEP}(?P<year>{_YEAR}))?", _r_month_day),
    make_rule(
        "day_month",
        rf"{_WD_OPT}(?:the\s+)?(?<![0-9.,$])(?P<day>{_DAY})(?:\s+of)?\s+(?P<mon>{_MON})(?:{_YSEP}(?P<year>{_YEAR}))?",
        _r_month_day,
    ),
    make_rule(
        "ordinal_day",
        rf"\b(?i:the)\s+(?P<dw>(?i:{_ORD_ALT}))\s+of\s+(?P<mon>{_MON})(?:{_YSEP}(?P<year>{_YEAR}))?",
        _r_ordinal_day,
    ),
    make_rule(
        "day_range",
        rf"(?P<mon>{_MON})\s*(?P<d1>{_DAY})\s*(?:-|–|—|to|through)\s*(?P<d2>{_DAY})(?:{_YSEP}(?P<year>{_YEAR}))?",
        _r_day_range,
    ),
    make_rule(
        "day_range_dm",
        rf"(?<![0-9.,$])(?P<d1>{_DAY})\s*(?:-|–|—|to)\s*(?P<d2>{_DAY})\s+(?P<mon>{_MON})"
        rf"(?:{_YSEP}(?P<year>{_YEAR}))?",
        _r_day_range,
    ),
    make_rule(
        "month_year",
        rf"(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?(?P<mon>{_MON})(?:\s+of)?\s*,?\s+(?P<year>{_YEAR})",
        _r_month_year,
    ),
    make_rule(
        "month_rel_year",
        rf"(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?(?P<mon>{_MONFULL})(?:\s+of)?\s+(?P<rel>this|last|next)\s+year\b",
        _r_month_rel_year,
    ),
    make_rule(
        "rel_month",
        rf"\b(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|past|coming))\s+(?P<mon>{_MONFULL})",
        _r_rel_month,
    ),
    make_rule(
        "bare_month",
        rf"(?P<pre>\b{_PREP}[\s-]+)(?:the\s+month\s+of\s+)?"
        rf"(?P<x>(?:(?:early|late|mid)[\s-]+)?(?P<mon>{_MONFULL}))(?!\s*[0-9])",
        _r_bare_month,
    ),
    make_rule(
        "modified_month",
        rf"(?P<pre>)\b(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+(?P<mon>{_MONFULL})(?!\s*[0-9])",
        _r_bare_month,
    ),
    make_rule(
        "weekday",
        rf"(?:\b(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|past|coming))\s+)?(?P<wd>{_WD})(?!s\b)"
        r"(?:\s+(?i:morning|afternoon|evening|night))?",
        _r_weekday,
    ),
    make_rule(
        "rel_day",
        rf"\b(?:(?:earlier|later|early|late)\s+)?(?P<w>{lang.alternation(_RELATIVE_DAYS)})\b"
        r"(?:\s+(?:morning|afternoon|evening|night))?",
        _r_rel_day,
        _I,
    ),
    make_rule(
        "shift_ref",
        r"\b(?:(?i:the|that)\s+(?P<rel>(?i:following|previous|preceding|prior))\s+(?P<unit>(?i:day|week|month|year))"
        r"|(?i:the)\s+(?P<rel2>(?i:next))\s+(?i:day)"
        r"|(?i:the)\s+(?i:day)\s+(?P<rel3>(?i:before|after))(?=\s*[,.;:]|\s+(?i:and|but|when|as|while)\b))\b",
        _r_shift_ref,
    ),
    make_rule(  # "in 1988 ... that year": the year (month, week) of the latest unit named at most as coarse
        "that_unit",
        r"\b(?i:that)\s+(?:(?i:same)\s+)?(?P<unit>(?i:year|month|week))\b"
        r"(?!['’-]|\s+(?i:ago|earlier|later|before|after|old|of|when|and|to|by|on)\b)",
        lambda m, ctx, s, e: _ShiftRef(group_text(m, "unit").lower(), 0, named_only=True),  # type: ignore[arg-type,return-value]
    ),
    make_rule("usa_today", r"\bUSA\s+Today\b|\b[Tt]he\s+Today\s+[Ss]how\b|\bToday\s+[Ss]how\b", resolve_block),
    make_rule(
        "rel_unit",
        r"(?P<the>\bthe\s+)?\b(?:(?P<pre>earlier|later|early|late)\s+)?(?P<rel>this|last|next|past|previous|coming|"
        r"current)\s+(?P<unit>weekend|week|month|quarter|year)\b",
        _r_rel_unit,
        _I,
    ),
    make_rule(
        "in_the_unit",
        r"\b(?P<pre>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year)\b(?P<rel>)(?P<the>)",
        _r_rel_unit,
        _I,
    ),
    make_rule("the_weekend", r"\b(?P<x>the\s+weekend)\b", _r_the_weekend, _I),
    make_rule(
        "ago",
        rf"(?P<fwd>\bin\s+(?:just\s+|about\s+|another\s+)?)?\b(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?"
        r"(?(fwd)(?!\s+(?:ago|old|later|earlier|before|after|of|since|time|a|an|per|each|every)\b)"
        r"|\s+(?:(?:or\s+so\s+)?ago|(?P<fwd2>from\s+(?:now|today))))\b",
        _r_ago,
        _I,
    ),
    make_rule(
        "year_range",
        r"(?<![0-9$€£¥#.,/:-])(?P<y1>1[0-9]{3}|2[0-9]{3})\s*[-–—]\s*(?P<y2>[0-9]{4}|[0-9]{2})"
        r"(?![0-9]|[.,][0-9]|\s*%)",
        _r_year_range,
    ),
    make_rule(
        "year_ctx",
        rf"(?P<p>\b(?i:{_YEAR_PREP})\s+)?"
        r"(?P<x>(?:\b(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?(?<![0-9$€£¥#.,/:A-Za-z])"
        r"(?P<y>[12][0-9]{3}))(?![0-9]|[.,][0-9]|\s*%|-[0-9]|/[0-9]|:[0-9]|'?s\b)(?(p)|(?(mod)|(?!)))",
        _r_year,
    ),
    make_rule(
        "year",
        r"(?<![0-9$€£¥#.,/:A-Za-z-])(?P<y>1[89][0-9]{2}|20[0-9]{2})"
        r"(?![0-9]|[.,][0-9]|\s*%|-[0-9]|/[0-9]|:[0-9]|'?s\b)",
        _r_year,
        weak=True,
    ),
    make_rule(
        "short_year",
        r"\b(?i:since|in|of|from|until|by|to|before|after|class\s+of)\s+(?P<x>['’‘](?P<yy>[0-9]{2}))(?![0-9%]|s\b)",
        _r_short_year,
    ),
    make_rule(
        "decade",
        r"(?:\b(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?"
        r"(?:(?P<full>(?:1[0-9]|20)[0-9]0)['’]?s|(?P<apos>['’‘])?(?<![0-9])"
        r"(?P<d>[0-9])0['’]?s)\b",
        _r_decade,
    ),
    make_rule(
        "quarter",
        r"(?:\b(?i:the)\s+)?\b(?:(?P<y0>[12][0-9]{3})\s+(?=(?i:first|second|third|fourth|1st|2nd|3rd|4th)\b))?"
        r"(?:(?P<ord>(?i:first|second|third|fourth|final|last|past|previous)|1st|2nd|3rd|4th)"
        r"[\s-]+(?i:quarter)"
        r"|Q(?P<q>[1-4])|(?P<q2>[1-4])Q)\b"
        r"(?:(?:\s+(?:of|in)\s+|\s*,?\s*)(?:(?P<y>[0-9]{4})(?![0-9])"
        r"|(?P<rel>this|last|next|the\s+current|the\s+previous|"
        r"the\s+next|the)\s+year\b)|['’]?(?P<yy>[0-9]{2})(?![0-9]))?",
        _r_quarter_main,
    ),
    make_rule(
        "season_rel",
        r"\b(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming)\s+(?P<s>spring|summer|autumn|fall|winter)\b"
        r"(?!\s+(?:of\s+)?[0-9])",
        _r_season,
        _I,
    ),
    make_rule(
        "season_year",
        r"\b(?:(?:early|late|mid)[\s-]+)?(?P<s>spring|summer|autumn|fall|winter)\s*,?\s+(?:of\s+)?"
        r"(?P<y>[0-9]{4})(?![0-9])",
        _r_season,
        _I,
    ),
    make_rule(
        "season_spelled",
        r"\b(?:(?:early|late|mid)[\s-]+)?(?P<s>spring|summer|autumn|fall|winter)\s*,?\s+(?:of\s+)?"
        + _SPELLED_YEAR + r"\b",
        _r_season_spelled,
        _I,
    ),
    make_rule(
        "season_ctx",
        r"\b(?:(?i:by|until|since|before|after|for)\s+(?i:the\s+)?"
        r"|(?i:in|during|over|through|throughout)\s+(?i:the)\s+)"  # bare "in winter" is generic
        r"(?P<x>(?:(?i:early|late|mid)[\s-]+)?"
        r"(?P<s>spring|summer|autumn|winter|(?<=the\s)fall(?!\s+(?:of|in|to|from|at|on|by|for)\b)))\b"
        r"(?!\s+(?:of\s+)?[0-9])"
        rf"(?!\s+(?:[A-Z]|{lang.alternation(_EN.words('season_not_before.txt'))}))",  # "summer school"
        _r_season,
    ),
    make_rule(
        "holiday",
        rf"\b(?P<h>{_HOLIDAY_NAMES})(?:(?:\s*,\s*|\s+)(?P<y>[0-9]{{4}})(?![0-9]))?",
        _r_holiday,
    ),
    make_rule(
        "nth_week",
        rf"\bthe\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+(?P<mon>{_MONFULL})"
        rf"(?:\s*,?\s*(?P<y>{_YEAR}))?",
        _r_nth_week,
    ),
    make_rule(
        "part_of",
        rf"\b(?:the\s+)?(?i:beginning|start|end|middle|close|turn)\s+of\s+(?:(?P<rel>the|this|last|next)\s+"
        rf"(?P<unit>year|month|week)\b|(?P<y>[0-9]{{4}})(?![0-9])|(?P<mon>{_MONFULL})"
        r"(?:\s*,?\s*(?P<my>[0-9]{4})(?![0-9])|(?:\s+of)?\s+(?P<mrel>this|last|next)\s+year\b)?)",
        _r_part_of,
    ),
    make_rule(
        "fiscal",
        r"\b(?:(?:the|this|that|its|their)\s+)?(?:(?P<rel>current|latest|last|previous|prior|next|coming)\s+)?"
        r"(?:fiscal|financial)(?P<yw>[\s-]+year)?(?:\s+(?P<y>[0-9]{4}|['’]?[0-9]{2})(?![0-9]))?"
        r"(?:[\s-]+(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?P<part>quarter|half))?"
        r"|\bFY\s*(?P<y2>[0-9]{2,4})\b",
        _r_fiscal,
        _I,
    ),
    make_rule(
        "streak",
        r"\b(?i:for)\s+(?:(?i:a|the)\s+)?(?P<x>(?i:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
        r"[0-9]{1,2}(?:st|nd|rd|th))\s+(?:(?i:straight|consecutive|successive)\s+)?(?P<u>(?i:day|week|month|quarter|"
        r"year)))\b(?=\s+(?i:in\s+a\s+row|running)\b|\s*[,.;]|\s*$)"
        r"|\b(?i:its|their|the)\s+(?P<x2>(?i:best|worst|biggest|largest|strongest|weakest|sharpest|steepest)\s+"
        r"(?P<u2>(?i:day|week|month|quarter|year)))\s+(?i:since)\b",
        _r_streak,
    ),
    make_rule(
        "spelled_year",
        r"(?:(?P<prep>\b(?i:in|since|until|by|of|from|during)\s+)|(?P<the>\b(?i:the\s+year)\s+))?"
        r"\b(?P<x>(?:(?P<mon>" + _MONFULL + r")\s+)?" + _SPELLED_YEAR + r")\b"
        rf"(?![\s-]+(?i:{lang.alternation(_EN.words('spelled_year_not_before.txt'))}))",  # "... people"
        _r_spelled_year,
    ),
    make_rule(
        "half",
        r"\b(?:(?i:the)\s+)?(?P<h>(?i:first|second|last|latter))\s+(?i:half)\s+(?i:of)\s+"
        r"(?:(?P<y>[12][0-9]{3})(?![0-9])|(?:(?P<rel>(?i:this|last|next|previous|the))\s+(?i:year)\b))",
        _r_half,
    ),
    make_rule(
        "century",
        r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?:(?P<c>[0-9]{1,2}(?:st|nd|rd|th)|(?i:twenty[\s-]first|"
        + "|".join(_CENTURY_ORD) + r"))|(?P<rel>(?i:this|current|next|coming|last|previous)))[\s-]+(?i:century)\b"
        r"(?![\s-]+(?i:fox|old|ago))",
        _r_century,
    ),
    make_rule(
        "decade_word",
        r"\b(?i:the)\s+(?P<x>(?:(?i:early|mid|late)[\s-]+)?(?P<w>(?i:" + "|".join(_DECADE_WORDS) + r")))\b",
        _r_decade_word,
    ),
    make_rule(
        "same_period",
        r"\b(?:the\s+)?(?:same|corresponding|comparable|equivalent)\s+(?P<unit>day|week|month|quarter|period|time|"
        r"season)\s+(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?(?:last|the\s+previous|the\s+prior)\s+year"
        r"|(?:in|of)\s+(?P<y>[12][0-9]{3})(?![0-9]))",
        _r_same_period,
        _I,
    ),
    make_rule(  # "the 1988 quarter" (a year's ordinal quarter, "the 1988 third quarter", is the quarter rule's)
        "year_period",
        r"\b(?i:the)\s+(?P<y>[12][0-9]{3})\s+(?P<unit>(?i:quarter))\b",
        _r_year_period,
    ),
    make_rule(
        "whole_year",
        r"\b(?:the|that)\s+(?:full|entire|whole)\s+year\b(?![\s-]+(?:ago|earlier|before|after|later|of|to))",
        lambda m, ctx, s, e: _PeriodRef("year", 0),  # type: ignore[arg-type,return-value]
        _I,
    ),
    make_rule(
        "set_every",
        r"\b(?P<x>(?i:every|each|per)\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<n>(?i:" + _NUMBER + r"))\s+)?"
        r"(?P<unit>(?i:second|minute|hour|day|night|week|weekend|month|quarter|year|decade)s?))\b",
        _r_set,
    ),
    make_rule(
        "set_weekday",
        rf"\b(?i:every|each)\s+(?P<wd>{_WD})(?P<pod>\s+(?i:morning|afternoon|evening|night))?"
        r"|(?<![A-Za-z])(?P<wd2>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)s\b"
        rf"|(?P<wd3>{_WD})\s+(?P<pod2>mornings|afternoons|evenings|nights)\b",
        lambda m, ctx, s, e: _r_set_wd(m),
    ),
    make_rule("set_month", rf"\b(?i:every|each)\s+(?P<mon>{_MONFULL})", _r_set),
    make_rule(
        "set_times",
        r"\b(?:(?i:once|twice|thrice)|(?:(?i:" + _NUMBER + r")|[0-9]+)\s+times)\s+"
        r"(?P<x>(?i:a|an|per|each|every)\s+(?P<unit>(?i:second|minute|hour|day|night|week|month|quarter|year)))\b",
        _r_set,
    ),
    make_rule(
        "set_rate",
        rf"(?:[0-9%]|\b(?i:{lang.alternation(_EN.words('rate_quantities.txt'))}))\s+"  # "billion a year"
        r"(?P<x>(?i:a|an|per)\s+(?P<unit>(?i:year|month|week|day|hour|night)))\b"
        r"(?!\s+(?i:ago|earlier|later|before|after|or|and|old)\b)",
        _r_set,
    ),
    make_rule(
        "set_adverb",
        rf"\b(?P<adv>(?i:{lang.alternation(_SET_ADVERBS)}))\b"  # set_adverbs.tsv: "weekly"
        r"(?!\s+(?!(?:in|on|at|by|for|to|and|or|since|from|until|with|basis)\b)[a-z])(?<!\bDaily)",
        _r_set,
    ),
    make_rule(  # "Islam will one day be ...": some future day, not a day's length (before "duration": wins a tie)
        "ref_one_day",
        r"\b(?i:will|would|might|could|may|can|shall)\s+(?:(?i:also|still|even|perhaps|indeed)\s+)?"
        r"(?P<x>(?i:one|some)\s+day)\b(?!\s+(?i:of|after|before|later|earlier|ago|and|or|to|in|for)\b)",
        lambda m, ctx, s, e: _timex("date", "FUTURE_REF"),
    ),
    make_rule(
        "duration",
        r"\b(?P<x>(?:(?i:the)\s+)?"
        r"(?:(?P<rel>(?i:past|last|next|previous|first|coming|final|following|remaining|initial|latest|ensuing))\s+)?"
        r"(?:(?i:about|nearly|almost|roughly|around|approximately|some|over|more\s+than|less\s+than|fewer\s+than|"
        r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|only|just|another|an\s+additional|a\s+further|a\s+full|"
        r"the\s+full)\s+)?"
        r"(?:(?P<vague>(?i:several|a\s+few|few|many|a\s+number\s+of))|(?P<n>(?i:" + _NUMBER + r")))"
        r"(?P<frac>\s+(?i:and\s+a\s+half)|\s*1/2|\s*½)?"
        r"(?:\s+(?i:more|additional|full|straight|consecutive|long|extra))?"
        r"(?:\s+(?i:trading|business|working|school|calendar))?"
        r"(?:\s+|-)(?P<unit>(?i:" + _DUR_UNIT + r")s?)\b(?P<frac2>\s+(?i:and\s+a\s+half)\b)?)"
        r"(?!\s+(?i:ago|from\s+now)\b)",
        _r_duration,
    ),
    make_rule(
        "vague_rel",
        r"\b(?P<x>(?:(?i:the)\s+)?(?P<rel>(?i:recent|coming|past|last|next|previous|following|ensuing)(?:\s+(?i:few|several))?)\s+"
        r"(?P<unit>(?i:days|weeks|months|years|decades|centuries|quarters)))\b",
        _r_vague_plural,
    ),
    make_rule(
        "vague_for",
        r"\b(?i:for|in|within|over|after|took|take|takes|lasted|last)\s+(?P<x>(?P<unit>(?i:days|weeks|months|years|decades|centuries))"
        r"(?:\s+(?i:or)\s+(?i:days|weeks|months|years|decades))?)\b(?!\s+(?i:ago|of|to\s+come|old)\b)",
        _r_vague_plural,
    ),
    make_rule(
        "ref",
        r"\b(?P<x>(?i:now|right\s+now|currently|these\s+days|nowadays|at\s+present|presently|recently|current|recent|"
        r"the\s+future|the\s+(?:near|distant)\s+future)"
        # "in the near term", "for the long term", "at a later date" (not "the short term interest rates")
        r"|(?<=\b(?i:in|on|at|to|of)\s)(?:(?i:the\s+(?:near|short|long)\s+term|a\s+later\s+date))(?!" + _NOT_TERM + ")"
        r"|(?<=\b(?i:for)\s)(?:(?i:the\s+(?:near|short|long)\s+term))(?!" + _NOT_TERM + ")"
        r"|(?i:the\s+past)(?!\s+(?:[0-9]|[a-z]+\s+(?:days|weeks|months|years)|few|several|"
        r"days|weeks|months|years|week|month|year|decade|quarter|century)\b))\b(?!-)"
        r"|\b(?P<x2>(?:(?i:several|a\s+few|many|some|a\s+couple\s+of)\s+)?(?P<agounit>(?i:days|weeks|months|years|"
        r"decades))\s+(?i:ago))\b",
        _r_ref,
    ),
    make_rule(  # "talks will resume soon" (not "soon after the attack", "as soon as")
        "ref_soon",
        r"(?<!\bas\s)\b(?P<x>(?i:soon))\b(?!\s+(?i:after|afterwards?|before|as|enough|thereafter)\b)",
        lambda m, ctx, s, e: _timex("date", "FUTURE_REF"),
    ),
    make_rule(  # "in the weeks ahead": a stretch of unstated length
        "units_ahead",
        r"\b(?P<x>(?i:the)\s+(?P<unit>(?i:days|weeks|months|years))\s+(?i:ahead))\b",
        lambda m, ctx, s, e: _duration(None, group_text(m, "unit")),
    ),
    make_rule(
        "ref_the_time",
        r"\b(?i:at|by)\s+(?P<x>(?i:the|that)\s+time)\b(?!\s+(?i:of|when|being|for|to|that|in|it)\b)",
        lambda m, ctx, s, e: _timex("date", "PAST_REF"),
    ),
    make_rule(
        "clock",
        r"(?P<pre>\b(?i:at|around|about|by|until|till|before|after|from|since|shortly\s+after|shortly\s+before|"
        r"just\s+after|just\s+before)\s+)?"
        r"(?P<x>(?:(?P<wd0>" + _WD + r")\s+(?:(?i:at)\s+)?)?"
        r"(?:(?<![0-9:.,$])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm)(?![A-Za-z]))"
        r"|(?<![0-9:.,$])(?P<h24>[01]?[0-9]|2[0-3]):(?P<mi24>[0-5][0-9])(?=\s*(?:GMT|UTC|local\s+time|hours|hrs|h\b|[A-Z][SD]T))"
        r"|(?<![0-9:.,$])(?P<mil>(?:[01][0-9]|2[0-3])[0-5][0-9])(?=\s*(?:GMT|UTC|local\s+time|hours|hrs|[A-Z][SD]T))"
        r"|(?P<noon>(?<![A-Za-z])(?i:noon|midday|midnight|mid[\s-]?(?:day|morning|afternoon))\b))"
        r"(?:\s*(?:GMT|UTC|local\s+time|[A-Z][SD]T|hours|hrs)\b)?"
        r"(?:\s*,?\s+(?:(?i:on)\s+)?(?:(?P<wd>" + _WD + r")|(?P<rd>(?i:today|tonight|yesterday|tomorrow))"
        r"|(?P<mon>" + _MON + r")\s*(?P<day>" + _DAY + r")(?:" + _YSEP + r"(?P<year>" + _YEAR + r"))?))?)",
        _r_clock,
    ),
    make_rule(
        "month_range",
        r"(?:\b(?i:from|between)\s+)?(?P<x>(?P<m1>" + _MONFULL + r")(?:\s*,?\s+(?P<y1>" + _YEAR + r"))?"
        r"\s*(?:-|–|—|\s(?i:to|through|until|till)\s)\s*(?P<m2>" + _MONFULL + r")"
        r"(?:\s*,?\s+(?P<y2>" + _YEAR + r"))?)(?!\s*[0-9]{1,2}\b)",
        _r_month_range,
    ),
    make_rule(
        "anaphor",
        r"(?P<pre>\b(?i:on|for|end|ended|ending|ends|finish|finished|finishing|close|closed|closing|start|started|"
        r"starting|during|throughout|over|earlier|later|in|of|by)\s+)(?P<x>(?i:the|that)\s+(?i:same\s+)?day)\b",
        _r_anaphor,
    ),
    make_rule(  # "rebounded late in the day": the day the text is about (the last day named), whatever follows
        "in_the_day",
        r"\b(?P<x>(?i:early|late|earlier|later)\s+in\s+the\s+day)\b(?!\s+(?i:before|of)\b)",
        lambda m, ctx, s, e: ANAPHOR,
    ),
]

# Only inside a spaCy DATE span: a bare month/season/quarter is too ambiguous on its own ("May", "March", "spring").
_SPACY_RULES: list[DateRule] = [
    make_rule(
        "sp_month",
        rf"(?P<pre>)(?P<x>(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?P<mon>{_MONFULL}))(?!\s*[0-9])",
        _r_bare_month,
    ),
    # a season needs an article, a possessive or a modifier even here: bare "in winter" is usually generic
    make_rule(
        "sp_season",
        r"(?P<det>(?i:the|this|its|their|his|her|our)\s+)?(?P<x>(?:(?i:early|late|mid)[\s-]+)?"
        r"(?P<s>(?i:spring|summer|autumn|winter)))\b",
        _r_sp_season,
    ),
    make_rule("sp_quarter", r"(?P<ord>)\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)\b(?P<y>)(?P<rel>)(?P<yy>)", _r_quarter),
    make_rule("sp_anaphor", r"(?P<x>(?i:the|that)\s+(?i:same\s+)?day)", _r_anaphor),
]

# Speed: a rule runs only in windows around cheap anchor words (a month name, a digit, "week"...), which scan fast;
# every match of the rule contains an anchor and fits in the window.
_A_DIGIT = re.compile(r"[0-9]+")
_A_MONTH = re.compile("|".join(m[:3] for m in _MONTH_NAMES) + "|" + "|".join(m[:3].upper() for m in _MONTH_NAMES))
_A_WD = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY")
_A_UNIT = re.compile(r"(?i:day|week|month|quarter|year|decade)")
_A_UNIT_D = re.compile(r"(?i:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur)")
_A_RELDAY = re.compile(r"(?i:today|tonight|yesterday|tomorrow|morning|afternoon|evening|night)")
_A_SEASON = re.compile(r"(?i:spring|summer|autumn|fall|winter)")
_MONTH_RULES = (
    "month_day", "day_month", "ordinal_day", "day_range", "day_range_dm", "month_year", "month_rel_year", "rel_month",
    "bare_month", "modified_month", "nth_week",
)  # fmt: skip
_ANCHORS: dict[str, tuple[Anchor, ...]] = {
    "quarter_ref": ((re.compile(r"(?i:quarter|period|year)"), 60, 20),),
    "named_date": ((re.compile("9/11|September"), 2, 60),),
    "iso": ((_A_DIGIT, 12, 14),),
    "slash": ((_A_DIGIT, 12, 14),),
    "dotted": ((_A_DIGIT, 12, 14),),
    **{name: ((_A_MONTH, 45, 45),) for name in _MONTH_RULES},
    "weekday": ((_A_WD, 25, 30),),
    "rel_day": ((_A_RELDAY, 30, 30),),
    "shift_ref": ((_A_UNIT, 25, 12),),
    "that_unit": ((_A_UNIT, 15, 5),),
    "usa_today": ((re.compile("Today"), 10, 15),),
    "rel_unit": ((_A_UNIT, 40, 15),),
    "the_weekend": ((_A_UNIT, 15, 15),),
    "in_the_unit": ((_A_UNIT, 25, 10),),
    "ago": ((_A_UNIT, 45, 25),),
    **{name: ((_A_DIGIT, 25, 15),) for name in ("year_range", "year_ctx", "year", "short_year", "decade")},
    "quarter": ((_A_UNIT, 40, 40), (_A_DIGIT, 15, 15)),
    **{name: ((_A_SEASON, 45, 25),) for name in ("season_rel", "season_year", "season_ctx")},
    "season_spelled": ((_A_SEASON, 15, 45),),
    "holiday": ((re.compile(_HOLIDAY_NAMES), 5, 30),),
    "part_of": ((re.compile(r"(?i:beginning|start|end|middle|close|turn)"), 10, 50),),
    "fiscal": ((re.compile(r"(?i:fiscal|financial)|FY"), 30, 45),),
    "half": ((re.compile(r"(?i:half)"), 30, 30),),
    "spelled_year": ((re.compile(r"(?i:eighteen|nineteen|twenty|thousand)"), 25, 30),),
    "year_ended": ((re.compile(r"(?i:year)"), 25, 25),),
    "year_end": ((re.compile(r"(?i:year)"), 5, 15),),
    "streak": ((_A_UNIT, 45, 25),),
    "century": ((re.compile(r"(?i:century)"), 40, 12),),
    "decade_word": ((re.compile(r"(?i:ties\b)"), 20, 5),),
    "same_period": ((re.compile(r"(?i:same|corresponding|comparable|equivalent)"), 10, 60),),
    "year_period": ((_A_DIGIT, 10, 15),),
    "whole_year": ((re.compile(r"(?i:full|entire|whole)"), 10, 12),),
    "set_every": ((re.compile(r"(?i:every|each|per)\b"), 2, 60),),
    "set_weekday": ((_A_WD, 25, 30),),
    "set_month": ((_A_MONTH, 20, 12),),
    "set_times": ((re.compile(r"(?i:once|twice|thrice|times)"), 40, 25),),
    "set_rate": ((re.compile(r"(?i:\b(?:a|an|per)\s)"), 15, 15),),
    "set_adverb": ((re.compile(r"(?i:ly)\b"), 15, 40),),
    "duration": ((_A_UNIT_D, 120, 25),),
    "vague_rel": ((_A_UNIT_D, 40, 10),),
    "vague_for": ((_A_UNIT_D, 15, 30),),
    "ref": ((re.compile(r"(?i:now|current|these|present|recent|future|soon|past|ago|term|later)"), 40, 25),),
    "ref_soon": ((re.compile(r"(?i:soon)"), 5, 20),),
    "ref_one_day": ((re.compile(r"(?i:day)"), 30, 5),),
    "units_ahead": ((re.compile(r"(?i:ahead)"), 15, 2),),
    "ref_the_time": ((re.compile(r"(?i:time)"), 12, 40),),
    "clock": ((re.compile(r"(?i:[ap]\.?m\b|noon|mid|GMT|UTC|local|hours|hrs|[A-Z][SD]T)"), 45, 45),),
    "month_range": ((_A_MONTH, 30, 45),),
    "anaphor": ((_A_UNIT, 45, 12),),
    "in_the_day": ((_A_UNIT, 20, 5),),
}
_RULES = [replace(r, anchors=_ANCHORS[r.name]) for r in _RULES]


def anchor_windows(text: str, rule: DateRule, hits: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Merged windows of `text` in which `rule` can match (anchor hits are cached per call)."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for anchor, before, after in rule.anchors:
        key = id(anchor)
        if key not in hits:
            hits[key] = [m.span() for m in anchor.finditer(text)]
        spans.extend((max(0, a - before), min(n, b + after)) for a, b in hits[key])
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


_LEADING = re.compile(
    r"(?:(?i:on|in|at|by|since|until|till|from|as\s+of|as\s+early\s+as|as\s+late\s+as|around|about|during|before|after)"
    r"\s+)+"
)
_NUMERIC_DATE = re.compile(r"[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}")
_DATEPARSER_OK = re.compile(rf"(?:{_MON}|{_WD}).*[0-9]|[0-9].*(?:{_MON})|{_NUMERIC_DATE.pattern}")
_DATEPARSER_NOT = re.compile(
    r"\b(?:and|or|to|through|until|till|between|from|per|every|each|ago|later|earlier)\b|[-–—,;]"
)


# ---------------------------------------------------------------------------------------------------------------------
# Candidates and merging


@dataclass
class Candidate:
    start: int
    end: int
    res: Resolved | _Blocked
    rank: int  # tie-break on equal length: 0 rules, 1 spaCy span resolved whole, 2 inside a spaCy span, 3 dateparser
    weak: bool = False


def _span(m: re.Match[str]) -> tuple[int, int]:
    for g in ("x", "x2"):
        if g in m.re.groupindex and m.start(g) >= 0:
            return m.span(g)
    return m.span()


def add_candidate(cands: list[Candidate], rule: DateRule, m: re.Match[str], ctx: Context, rank: int) -> bool:
    s, e = _span(m)
    if e <= s:
        return False
    try:
        out = rule.resolve(m, ctx, s, e)
    except (ValueError, OverflowError, KeyError):
        out = None
    if out is None:
        return False
    cands.append(Candidate(s, e, out, rank, rule.weak))
    return True


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    a, b = max(0, a), min(len(text), b)
    while a < b and (text[a].isspace() or text[a] in "\"'`“”‘’(["):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "\"'`“”‘’)],.;:"):
        b -= 1
    for suffix in ("'s", "’s", " 's"):
        if text.endswith(suffix, a, b):
            b -= len(suffix)
            break
    while b > a and text[b - 1].isspace():
        b -= 1
    m = _LEADING.match(text, a, b)
    if m and m.end() < b:
        a = m.end()
    return a, b


def _from_dateparser(text: str, a: int, b: int, ctx: Context) -> Resolved | None:
    """Last resort for a spaCy span our rules do not read; granularity from what the span spells out."""
    span = text[a:b]
    if not _DATEPARSER_OK.search(span) or len(_A_MONTH.findall(span)) > 1:
        return None
    if _DATEPARSER_NOT.search(span) and not _NUMERIC_DATE.fullmatch(span):
        return None  # a list or a range ("September 27 and October 3"): dateparser would return one date for it
    try:
        import dateparser  # imported lazily: only this fallback needs it

        tense = ctx.tense(a, b) or "past"
        got = dateparser.parse(
            span,
            languages=["en"],
            settings={
                "RELATIVE_BASE": datetime(ctx.pub.year, ctx.pub.month, ctx.pub.day),
                "PREFER_DATES_FROM": tense,
                "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": ["month"],
            },
        )
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input; better a miss than a crash
        return None
    if got is None or not ok_year(got.year):
        return None
    has_day = re.search(r"(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])", span)
    if has_day or re.search(r"[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}", span) or re.search(_WD, span):
        return Resolved(got.date(), got.date(), "day")
    return res_month(got.year, got.month)


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest first; on equal length the lower rank; never two overlapping."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.rank, c.start))
    taken_starts: list[int] = []
    taken: list[Candidate] = []
    for c in cands:
        i = bisect.bisect_left(taken_starts, c.start)
        if i > 0 and taken[i - 1].end > c.start:
            continue
        if i < len(taken) and taken[i].start < c.end:
            continue
        taken_starts.insert(i, c.start)
        taken.insert(i, c)
    return taken


def _with_spacy(cands: list[Candidate], date_spans: list[tuple[int, int]], ctx: Context) -> list[Candidate]:
    """Add what spaCy's DATE spans let us read, and drop weak rule matches spaCy does not back."""
    text = ctx.text
    spacy_spans: list[tuple[int, int]] = []
    ruled = {(c.start, c.end) for c in cands}
    for raw in date_spans:
        try:
            a, b = _strip_span(text, int(raw[0]), int(raw[1]))
        except (TypeError, ValueError, IndexError):
            continue
        if b <= a:
            continue
        spacy_spans.append((a, b))
        if b - a > _MAX_SPAN or (a, b) in ruled:
            continue
        whole = False
        for rule in _RULES + _SPACY_RULES:
            if rule.anchors and not any(anchor.search(text, max(0, a - 1), b) for anchor, _, _ in rule.anchors):
                continue  # cheap: the rule cannot match a span without its anchor word
            m = rule.pattern.fullmatch(text, a, b)
            if m and _span(m) == (a, b) and add_candidate(cands, rule, m, ctx, 1):
                whole = True
                break
        if whole:
            continue
        res = _from_dateparser(text, a, b, ctx)
        if res is not None:  # a date format our rules do not spell ("October the 10th", "2025/10/12")
            cands.append(Candidate(a, b, res, 3))
            continue
        for rule in _SPACY_RULES:
            for m in rule.pattern.finditer(text, a, b):
                ms, me = _span(m)
                if any(ch.isdigit() for ch in text[a:ms] + text[me:b]):
                    continue  # "summer '80", "October - 2 years late": numbers we do not read; no guessing
                add_candidate(cands, rule, m, ctx, 2)
    spacy_spans.sort()
    starts = [a for a, _ in spacy_spans]
    reach: list[int] = []  # reach[i]: the furthest end among the first i+1 spans (sorted by start)
    for _, b in spacy_spans:
        reach.append(max(b, reach[-1]) if reach else b)

    def agreed(c: Candidate) -> bool:
        i = bisect.bisect_left(starts, c.end) - 1
        return i >= 0 and reach[i] > c.start

    return [c for c in cands if not c.weak or agreed(c)]


def find_dates(
    text: str,
    published: date,
    date_spans: list[tuple[int, int]] | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Date expressions in `text`, resolved to calendar ranges relative to `published`, in text order."""
    if not isinstance(text, str) or not text:
        return []
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date) or not (MIN_YEAR + 1 <= published.year <= MAX_YEAR - 1):
        return []
    ctx = Context(text, published, sentences)
    cands: list[Candidate] = []
    hits: dict[int, list[tuple[int, int]]] = {}
    for rule in _RULES:
        for a, b in anchor_windows(text, rule, hits):
            for m in rule.pattern.finditer(text, a, b):
                add_candidate(cands, rule, m, ctx, 0)

    if date_spans is not None:
        cands = _with_spacy(cands, date_spans, ctx)
    return to_mentions(text, cands, ctx)


def _single_unit(r: Resolved) -> bool:
    """Whether `r` is one whole calendar day, week, month, quarter or year (not a range of them, not a part)."""
    d = r.start
    if d is None or r.end is None:
        return False
    one = {"day": lambda: Resolved(d, d, "day"), "week": lambda: res_week(d),
           "month": lambda: res_month(d.year, d.month), "quarter": lambda: res_quarter(d.year, quarter_of(d)),
           "year": lambda: res_year(d.year)}.get(r.gran or "")
    u = one() if one else None
    return u is not None and (u.start, u.end) == (r.start, r.end)


def to_mentions(text: str, cands: list[Candidate], ctx: Context) -> list[DateMention]:
    """The selected candidates as mentions, in text order; "that day" takes the last single day before it."""
    out: list[DateMention] = []
    last_day: Resolved | None = None
    last_quarter: tuple[int, Resolved] | None = None  # (offset, quarter) of the last quarter named
    named: dict[str, tuple[int, Resolved]] = {}  # unit -> (offset, interval) of the last single day/week/month/quarter
    for c in _select(cands):
        res = c.res
        if isinstance(res, _Blocked):
            continue
        if isinstance(res, _ClockRef):
            day = named.get("day")
            d = day[1].start if day and day[0] >= ctx.sentence(c.start, c.end)[0] and day[1].start else ctx.pub
            res = Resolved(d, d, "day", "time", d.isoformat() + res.suffix)
        elif isinstance(res, _ShiftRef):
            got_shift = _shift_ref(res, named, c.start, ctx.pub)
            if got_shift is None:
                continue
            res = got_shift
        elif isinstance(res, _PeriodRef):
            got_ref = _period_ref(res, named, c.start, ctx.pub)
            if got_ref is None and res.or_year and res.year is not None:
                got_ref = res_year(res.year)
            if got_ref is None:
                continue
            res = got_ref
        elif isinstance(res, Resolved) and res is not ANAPHOR and _single_unit(res):
            named[res.gran or ""] = (c.start, res)
        elif isinstance(res, Resolved) and re.fullmatch(r"[0-9]{4}-H[12]", res.value):
            named["half"] = (c.start, res)
        if isinstance(res, _QuarterRef):
            near = last_quarter[1] if last_quarter and c.start - last_quarter[0] <= _QUARTER_CONTEXT else None
            pub = ctx.pub
            if res.complete and near is not None and near.end >= pub:
                near = None  # the quarter named last is not over: "the latest quarter" is the last complete one
            if near is None and not res.quarterly:
                got = res_year(pub.year - res.back)  # "a year earlier" with no quarter in sight: the year before
            else:
                if near is None:  # the most recent complete quarter
                    y, q = divmod(pub.year * 4 + quarter_of(pub) - 2, 4)
                    near = res_quarter(y, q + 1)
                got = res_quarter(near.start.year - res.back, quarter_of(near.start)) if near else None
            if got is None:
                continue
            res = got
        elif res.gran == "quarter" and res.start is not None:
            last_quarter = (c.start, res)
        if res is ANAPHOR:
            if last_day is None:
                continue
            res = last_day
        elif res.gran == "day" and res.start is not None and res.start == res.end:
            last_day = Resolved(res.start, res.end, "day")
        a, b = ctx.sentence(c.start, c.end)
        out.append(
            DateMention(
                text=text[c.start : c.end],
                start=res.start,
                end=res.end,
                granularity=res.gran,
                sentence=text[a:b].strip(),
                offset=c.start,
                type=res.type,
                value=res.value,
            )
        )
    return out
