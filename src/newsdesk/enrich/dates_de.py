"""German date expressions in news text, resolved to calendar ranges relative to the publication date.

The German counterpart of `newsdesk.enrich.dates.find_dates` (same `DateMention` output; the calendar helpers, the
overlap merging, the anchor windows and the tense-driven choice of a year are imported from there). Rule-based:
regular expressions and word lists only, no spaCy model, no dateparser.

Mention text: a fused preposition+article ("am", "im"), "in der"/"in diesem"/"an diesem", a relative adjective
("am vergangenen Montag") and a part word ("Anfang/Mitte/Ende/Beginn März", "im Laufe des Jahres") belong to the
mention; other prepositions ("seit", "bis", "ab", "vom", "zum", "an", "zu") and a bare article do not.

Covered:

* days: "3. März 2024", "am 3. März", "Montag, 3. März" (the weekday picks the year), "am 3. März dieses Jahres",
  "03.03.2024", "3.3.24", "am 3.3." (a numeric date without a year needs am/vom/zum/bis/ab/seit/den or a weekday),
  "Donnerstag, 18. 7.", "2024-03-03", day ranges "3. bis 5. März" / "3.-5. März" (one mention, granularity day);
  holidays with or without a year: (Heilig)abend, Weihnachten (25 December), the Weihnachtsfeiertage, Silvester
  (-nacht), Neujahr, Tag der Deutschen Einheit, Tag der Arbeit, Allerheiligen... and the moveable feasts from
  Rosenmontag to Fronleichnam, computed from Easter;
* relative days: heute, gestern, vorgestern, morgen, übermorgen ("gestern Abend", "morgen früh"), "am heutigen Tag",
  "heute vor einem Jahr" (that calendar day), "vor drei Tagen", "in drei Tagen", "am selben Tag" (the last day named);
* weekdays: "am Freitag", "Freitagabend", "am frühen Samstagmorgen", "am vergangenen/letzten/kommenden/nächsten
  Montag", "an diesem Freitag", "am Montag vergangener Woche", "am gestrigen Donnerstag";
* weeks (ISO, Monday to Sunday): "vergangene/letzte/diese/nächste/kommende/übernächste Woche", "in der vergangenen
  Woche", "Anfang/Mitte/Ende der Woche", "Ende vergangener Woche", "Wochenmitte", "vor zwei Wochen", "in zwei
  Wochen"; weekends (Saturday and Sunday, granularity week, as in dates.py): "am (vergangenen) Wochenende";
* months: "März 2024", "im März", "Anfang/Mitte/Ende März", "seit/bis/ab/von/auf/für März", "vergangenen März",
  "im März vergangenen Jahres", "03/2024", "vergangenen/diesen/nächsten Monat", "Anfang des Monats", "Ende
  vergangenen Monats", "Monatsende", "vor zwei Monaten";
* quarters: "im ersten Quartal 2024", "im dritten Quartal", "im 3. Quartal", "Q3 2024", "Q1/2024", "im vergangenen/
  laufenden Quartal", "im Schlussquartal";
* seasons (meteorological as in dates.py; "Winter 2023/24" starts in December 2023): "im Sommer 2023", "im Herbst",
  "im Spätsommer", "im vergangenen Winter" (the last one that is over), "nächstes Frühjahr" (the next one not yet
  begun), "seit dem Sommer", "im Herbst nächsten Jahres";
* years: "im Jahr 2019", "Jahr 2019", "seit/bis/ab/vor/nach/für/von/zwischen ... 2019" (1800..publication + 30),
  "Anfang/Mitte/Ende 2024", "2019-2021", "2015/16", "vergangenes/dieses/nächstes Jahr", "im vergangenen Jahr", "das
  laufende Jahr", "dieses/diesen/letzten Jahres", "heuer", "Ende des Jahres", "Jahresende", "vor drei Jahren", "in
  zwei Jahren", and a bare four-digit year in 1900..publication year + 10 unless it counts or labels something
  ("2000 Menschen", "2000 weitere Soldaten", "rund 2000", "bis zu 2000", "von 1500 auf 2000", "2019 km",
  "Paragraf 1906", "Agenda 2030"); "1.500" and "20,19" are numbers (German thousands separator, decimal comma);
* decades: "1990er-Jahre", "1990er Jahren", "die 1990er(n)", "90er-Jahre", "Neunzigerjahre", "neunziger Jahre",
  "Anfang der 90er", "Ende der 1980er Jahre" (a decade named by its digit alone: the latest one begun by publication).

Not covered on purpose: durations ("drei Jahre lang", "seit Wochen", "in den vergangenen zwei Jahren", "die letzte
Woche vor der Wahl"), times of day ("um 14 Uhr", "14.30 Uhr"), sets ("jeden Montag", "montags", "jedes Jahr im März",
"jährlich"), vague words ("bald", "damals", "derzeit", "zuletzt", "künftig", "dieser Tage", "vor wenigen Tagen",
"vor mehr als zwei Jahren"), units anchored elsewhere than the publication date ("im Vorjahr", "Vormonat",
"Vorwoche", "zwei Tage später", "am Tag danach"), fiscal periods ("Geschäftsjahr 2023/24" and its quarters), half
years, centuries, ages ("in den Fünfzigern", "Mitte 40", "der 45-Jährige"), bare "90er"/"Neunzigern" without
"Jahre" (as often an age as a decade), a bare "Q3" (as often a product), a bare month name without a cue ("Mai" and
"August" are also names), scores ("2:1"), paragraph, page and postbox numbers, newspapers ("Welt am Sonntag",
"Heute" mid-sentence) and named days ("Black Friday").

Resolution mirrors dates.py: a bare weekday is the most recent such day (the publication day itself when it is that
weekday) unless its clause is future, then the next one ("an diesem Freitag", "ab Montag", "bis Donnerstag" lean to
the future without a cue); a month, month-day, quarter, season or holiday without a year takes the tense of its
clause, or without a cue the nearest occurrence with a bias to the past; "in zwei Wochen" is a point in time unless
its clause is past ("in zwei Tagen geschafft": a duration; German tells the future in the present, so no cue is fine).
German tense cues: future "wird/werden/soll/will/plant/geplant/vorgesehen/kommend/nächst/künftig/voraussichtlich/
morgen" and the subjunctive modals ("dürfte", "könnte", "würde"); past "war/wurde/hatte/worden/gewesen/vergangen/
letzt/zuvor/seit/gestern", strong and weak simple-past verbs ("kam", "fand ... statt", "sagte", "meldeten"), and the
perfect ("hat ... festgenommen", "ist ... gestorben"). The clause around the expression (between commas, colons,
brackets, quotes) is searched first, then the sentence; a present passive ("wird ... veröffentlicht") counts as
future only inside the expression's own clause.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from newsdesk import lang
from newsdesk.enrich.dates import (  # the shared date machinery, dates.py's public seam
    ANAPHOR,
    BLOCK,
    MAX_YEAR,
    MIN_YEAR,
    SAME_WEEKDAY_IS_PUBLICATION_DAY,
    TENSE_WINDOW,
    Candidate,
    Context,
    DateRule,
    Outcome,
    Resolved,
    Tense,
    add_candidate,
    anchor_windows,
    closer_cue,
    group_text,
    make_rule,
    ok_year,
    quarter_of,
    res_day,
    res_day_range,
    res_decade,
    res_month,
    res_quarter,
    res_season,
    res_week,
    res_year,
    res_year_range,
    resolve_block,
    resolve_iso,
    season_label,
    to_mentions,
    trim_span,
    year_candidates,
)
from newsdesk.record import DateMention

# ---------------------------------------------------------------------------------------------------------------------
# Vocabulary

_LET = "A-Za-zÄÖÜäöüß"
_NLB = rf"(?<![{_LET}])"  # not right after a letter
_NLA = rf"(?![{_LET}])"  # not right before a letter
_NLB_CUE = rf"(?<![{_LET}/.-])"  # a tense cue word: not inside a URL or a compound ("das-letzte-kleinod.de")

_DE = lang.get("de")  # the words: lang/de/*.tsv, *.txt
_MONTHS: dict[str, int] = {w: int(n) for w, n, form in _DE.rows("months.tsv") if form == "name"}  # "märz" -> 3
_MONTH_ABBR: dict[str, int] = {w: int(n) for w, n, form in _DE.rows("months.tsv") if form == "abbr"}  # "okt" -> 10
_WEEKDAYS = {w: int(n) for w, n in _DE.rows("weekdays.tsv")}  # "montag" -> 0
_SEASONS = _DE.table("seasons.tsv")  # "frühjahr" -> "spring"
_NUMBERS = {w: int(n) for w, n in _DE.rows("number_words.tsv")}  # "drei" -> 3
_DECADE_WORDS = {w: int(n) for w, n in _DE.rows("decade_words.tsv")}  # "neunziger" -> 9
# relative adjectives (stem -> offset in units): "vergangene Woche", "am kommenden Montag", "dieses Jahr"
_REL_K = {w: int(n) for w, n in _DE.rows("relative_stems.tsv")}  # "vergangen" -> -1
# fixed-date holidays, keyed by their lowercased, space-normalised spelling
_HOLIDAYS: dict[str, tuple[int, int]] = {w: (int(mo), int(d)) for w, mo, d in _DE.rows("holidays.tsv")}
# moveable feasts: days after Easter Sunday
_EASTER_OFFSET = {w: int(n) for w, n in _DE.rows("easter_feasts.tsv")}  # "pfingstmontag" -> 50
_QUARTER_ORDINALS = {w: int(n) for w, n in _DE.rows("quarter_ordinals.tsv")}  # "dritt" -> 3
# both as written: "1. Weihnachtsfeiertag" -> "erster weihnachtstag"
_HOLIDAY_FORMS = _DE.table("holiday_forms.tsv")
if set(_HOLIDAY_FORMS.values()) - set(_HOLIDAYS) - set(_EASTER_OFFSET):
    raise lang.LanguageDataError("lang/de/holiday_forms.tsv: no date in holidays.tsv or easter_feasts.tsv for "
                                 f"{sorted(set(_HOLIDAY_FORMS.values()) - set(_HOLIDAYS) - set(_EASTER_OFFSET))}")


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """Capitalised forms and their all-caps variants, longest first."""
    caps = [w[0].upper() + w[1:] for w in words]
    return "|".join(sorted({*caps, *(w.upper() for w in words)}, key=len, reverse=True))


def _alt_ci1(words: list[str] | tuple[str, ...]) -> str:
    """Words with either case of the first letter ("vergangene"/"Vergangene" at the start of a sentence)."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(words, key=len, reverse=True))


_MONFULL = rf"{_NLB}(?:{_alt(list(_MONTHS))}){_NLA}"
_MON = rf"{_NLB}(?:(?:{_alt(list(_MONTHS))}){_NLA}|(?:{_alt(list(_MONTH_ABBR))})\.)"
_WD = rf"{_NLB}(?:{_alt(list(_WEEKDAYS))})"
_DAYNUM = r"(?:3[01]|[12][0-9]|0?[1-9])"
_YEAR4 = r"[12][0-9]{3}(?![0-9]|[.,][0-9])"
_REL = rf"(?:{_alt_ci1(list(_REL_K))})"
_REL_END = r"(?:em|en|er|es|e)"
# "Sommer", "Frühjahr", "Spätsommer": seasons.tsv and season_compounds.txt, capitalised (nouns)
_SEASON = f"(?:{lang.alternation(w[0].upper() + w[1:] for w in [*_SEASONS, *_DE.words('season_compounds.txt')])})"
_DAYPART = f"(?:{lang.alternation(_DE.words('daypart_suffixes.txt'))})"  # "Freitagabend"
_DAYPART_WORD = f"(?:{lang.alternation(_DE.words('daypart_words.txt'))})"  # "Freitag Abend", "morgen früh"
_NUM = rf"(?:{'|'.join(sorted(_NUMBERS, key=len, reverse=True))}|[0-9]{{1,3}})"
_UNITS_AGO = r"(?P<unit>Tag(?:en|e)?|Woche(?:n)?|Monat(?:en|e)?|Jahr(?:en|e)?)"


def _month_no(s: str) -> int:
    s = s.rstrip(".").lower()
    return _MONTHS.get(s) or _MONTH_ABBR[s]


def _rel_k(s: str) -> int:
    s = s.lower()
    for stem in sorted(_REL_K, key=len, reverse=True):
        if s.startswith(stem):
            return _REL_K[stem]
    raise KeyError(s)


def _season_key(s: str) -> str:
    s = s.lower()
    for prefix in ("spät", "hoch"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
    if s.startswith("früh") and s not in ("frühling", "frühjahr"):
        s = s[len("früh") :]
    return _SEASONS[s]


def _add_months(d: date, k: int) -> tuple[int, int]:
    y, m = divmod(d.year * 12 + d.month - 1 + k, 12)
    return y, m + 1


def _easter(y: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(y, month, day + 1)


# ---------------------------------------------------------------------------------------------------------------------
# Sentences

_ABBREV_BEFORE_DOT = {*_DE.words("abbreviations.txt"), *_MONTH_ABBR}
_SENT_BREAK = re.compile(r"\n\s*|(?<=[.!?])[\"'”“’«»)\]]*\s+(?=[\"'„“‚‘»«(\[]?[A-ZÄÖÜ0-9])")


def split_sentences_de(text: str) -> list[tuple[int, int]]:
    """Sentence spans for German: line breaks, and . ! ? before a capital, except after abbreviations ("z. B.",
    "u.a.", "Nr.", "Okt."), initials, Roman numerals ("Karl V.") and ordinal numbers ("am 3. März")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_BREAK.finditer(text):
        if "\n" not in m.group() and text[m.start() - 1] == ".":
            i = m.start() - 2
            j = i
            while j >= 0 and (text[j].isalnum() or text[j] == "."):
                j -= 1
            word = text[j + 1 : i + 1]
            if (
                word.lower() in _ABBREV_BEFORE_DOT
                or (len(word) == 1 and word.isalpha())  # "J. Smith", "z. B.", "u. a."
                or "." in word  # "z.B.", "u.a.", "d.h."
                or (word.isdigit() and len(word) <= 2)  # ordinal: "am 3. März", "der 2. Weltkrieg"
                or re.fullmatch(r"[IVX]{1,4}", word)  # "Karl V.", "Johannes Paul II."
            ):
                continue
        if m.start() > start:
            spans.append(trim_span(text, start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append(trim_span(text, start, len(text)))
    return [(a, b) for a, b in spans if b > a]


# ---------------------------------------------------------------------------------------------------------------------
# Tense

_FUTURE_WORDS = lang.alternation(_DE.words("future_cues.txt"))  # "wird", "soll", "dürfte"
_FUTURE_CUES = re.compile(
    rf"{_NLB_CUE}(?:{_FUTURE_WORDS}"
    r"|geplant\w*|vorgesehen\w*"
    r"|[Kk]ommend\w*|[Nn]ächst\w*|[Üü]bernächst\w*|[Kk]ünftig\w*|[Zz]ukünftig\w*|[Dd]emnächst"
    r"|[Bb]evorstehend\w*|[Aa]nstehend\w*|[Mm]orgig\w*)"
    rf"{_NLA}"
)
_STRONG_PAST = sorted(_DE.words("strong_past_verbs.txt"))
_WEAK_PAST_PLURAL = sorted(_DE.words("weak_past_plurals.txt"))
_PAST_WORDS = lang.alternation(_DE.words("past_cues.txt"))  # "war", "wurde", "damals"
_PAST_CUES = re.compile(
    rf"{_NLB_CUE}(?:{_PAST_WORDS}"
    r"|[Vv]ergangen\w*|[Ll]etzt\w*|[Vv]orig\w*|[Vv]orletzt\w*|[Zz]uvor|[Gg]estern|[Vv]orgestern|[Gg]estrig\w*|[Ss]eit"
    rf"|{'|'.join(_WEAK_PAST_PLURAL)}|[a-zäöü]*(?:{'|'.join(sorted(_STRONG_PAST, key=len, reverse=True))}))"
    rf"{_NLA}"
)
# weak simple past: "-te" ("sagte"), "-eten"/"-ierten" ("meldeten"), and "-ten" after a consonant that no infinitive
# in "-ten" has there ("sagten", "lebten", "kauften", "setzten"; not "halten", "warten", "richten")
_WEAK_PAST = re.compile(rf"{_NLB_CUE}[a-zäöüß]{{2,}}(?:te|eten|ierten|[gbfkmnpwzd]ten){_NLA}")
_NOT_WEAK_PAST = _DE.words("not_weak_past.txt")
_ORDINAL_TE = re.compile(r"(?:zwei|drit|vier|fünf|sieb|ach|neun|zehn|elf|zwölf|[a-zäöü]*zehn|[a-zäöü]*zig|hundert"
                         r"|tausend)te[n]?")  # fmt: skip
_DETERMINERS = _DE.words("date_determiners.txt")
_AUX_WORDS = lang.alternation(_DE.words("perfect_auxiliaries.txt"))  # "hat", "ist": with a participle, a perfect
_AUX = re.compile(rf"{_NLB_CUE}(?:{_AUX_WORDS}){_NLA}")
_PARTICIPLE_GE = re.compile(rf"{_NLB}(?:[a-zäöü]*ge[a-zäöüß]{{2,}}(?:t|en)|[a-zäöü]{{3,}}iert){_NLA}")
_PARTICIPLE_PREFIX = re.compile(rf"{_NLB}(?:be|ver|er|ent|zer|emp|miss)[a-zäöüß]{{2,}}t{_NLA}")
_NOT_PARTICIPLE = _DE.words("not_participles.txt")
_GE_INFINITIVES = _DE.words("ge_infinitives.txt")
_WERDEN = _DE.words("werden_forms.txt")
_CLAUSE_END = re.compile(r",\s|;|:\s|[()]|\s[–—-]\s|[„“”»«\"]|[.!?](?:\s|$)|$")
_LAST_WORD = re.compile(rf"{_NLB}([{_LET}]+)\W*$")
_CLAUSE_BREAK = re.compile(r",\s|;|:\s|[()]|\s[–—-]\s|[„“”»«\"]")


class _CtxDe(Context):
    """The English context with German sentences and German tense cues."""

    def _fallback_spans(self) -> tuple[list[tuple[int, int]], list[int]]:
        if self._fallback is None:
            self._fallback = split_sentences_de(self.text)
            self._fallback_starts = [a for a, _ in self._fallback]
        return self._fallback, self._fallback_starts

    def tense(self, s: int, e: int) -> Tense | None:
        """Tense of the nearest cue around [s, e): in its clause first, then in its sentence."""
        key = (s, e)
        if key in self._tense_cache:
            return self._tense_cache[key]
        a, b = self.sentence(s, e)
        lo, hi = max(a, s - TENSE_WINDOW), min(b, e + TENSE_WINDOW)
        ca, cb = self._clause(s, e, lo, hi)
        out = self._tense_in(ca, cb, s, e, passive_is_future=True)
        if out is None and (ca, cb) != (lo, hi):
            out = self._tense_in(lo, hi, s, e, passive_is_future=False)
        self._tense_cache[key] = out
        return out

    def _clause(self, s: int, e: int, lo: int, hi: int) -> tuple[int, int]:
        ca = lo
        for m in _CLAUSE_BREAK.finditer(self.text, lo, s):
            ca = m.end()
        m2 = _CLAUSE_BREAK.search(self.text, e, hi)
        return ca, (m2.start() if m2 else hi)

    def _tense_in(self, lo: int, hi: int, s: int, e: int, passive_is_future: bool) -> Tense | None:
        """The nearest cue in [lo, hi). A present passive ("wird ... veröffentlicht") announces a scheduled event
        when the date is in its clause ("Der Bericht wird am Freitag veröffentlicht"), but is a mere present
        further away ("Mitte Dezember in Sweidah: Hier wird ... gefeiert")."""
        text = self.text
        best: tuple[int, Tense] | None = None
        future_spans: list[tuple[int, int]] = []
        for m in _FUTURE_CUES.finditer(text, lo, hi):
            if not passive_is_future and m.group() in _WERDEN and self._present_passive(m.start(), m.end()):
                continue  # "hier wird ... gefeiert": present passive, not the future
            future_spans.append(m.span())
            best = closer_cue(best, m.start(), m.end(), s, e, "future")
        for a, b in self._past_spans(lo, hi):
            if not any(fa <= a < fb for fa, fb in future_spans):
                best = closer_cue(best, a, b, s, e, "past")
        return best[1] if best else None

    def _present_passive(self, a: int, b: int) -> bool:
        """A form of "werden" whose clause ends in a participle ("hier wird ... gefeiert"), not an infinitive
        ("wird ... stattfinden"): the first verb-like word before a clause or sentence end after it decides."""
        text = self.text
        hi = self.sentence(a, b)[1]
        for m in _CLAUSE_END.finditer(text, b, hi):
            w = _LAST_WORD.search(text, b, m.start())
            if not w:
                continue
            word = w.group(1)
            if word in _GE_INFINITIVES:
                return False
            if (_PARTICIPLE_GE.fullmatch(word) or _PARTICIPLE_PREFIX.fullmatch(word)) and word not in _NOT_PARTICIPLE:
                return True
            if re.fullmatch(r"[a-zäöüß]+(?:en|ern|eln)", word):
                return False
        return False

    def _past_spans(self, lo: int, hi: int) -> list[tuple[int, int]]:
        text = self.text
        spans = [m.span() for m in _PAST_CUES.finditer(text, lo, hi)]
        for m in _WEAK_PAST.finditer(text, lo, hi):
            w = m.group()
            if w in _NOT_WEAK_PAST or _ORDINAL_TE.fullmatch(w) or w.endswith(("treten", "bieten", "beten")):
                continue
            if w.endswith(("ste", "sten", "ßte", "ßten")) and not w.endswith(("sste", "ssten")):
                continue  # superlatives and ordinals: "größte", "sechsten" (but "musste" is a verb)
            prev = text[max(0, m.start() - 20) : m.start()].split()
            if prev and prev[-1].lower() in _DETERMINERS:
                continue  # "die geplante Reform", "den verletzten Mann": an adjective
            nxt = text[m.end() : m.end() + 3]
            if w.startswith("ge") and re.match(r"\s[A-ZÄÖÜ]", nxt):
                continue  # "geplante Reformen": an attributive participle
            spans.append(m.span())
        for m in _AUX.finditer(text, lo, hi):
            ca, cb = self._clause(m.start(), m.end(), lo, hi)
            pats = [_PARTICIPLE_GE] if m.group() in ("ist", "sind", "bin", "bist", "seid", "sei", "seien") else [
                _PARTICIPLE_GE, _PARTICIPLE_PREFIX]  # fmt: skip
            if any(p.group() not in _NOT_PARTICIPLE for pat in pats for p in pat.finditer(text, ca, cb)):
                spans.append(m.span())  # perfect: "hat ... festgenommen", "ist ... gestorben"
        return spans


# ---------------------------------------------------------------------------------------------------------------------
# Helpers for numbers that are not years

_QUANTITY_BEFORE = _DE.words("not_year_before.txt")
_UNIT_AFTER = _DE.words("not_year_units.txt")
_QUANTITY_ADJ = re.compile(rf"(?:{lang.alternation(_DE.words('quantity_adjectives.txt'))}|[a-zäöü]+ische)[nr]?")


def _counts_something(text: str, s: int, e: int, strong: bool = False) -> bool:
    """True when the number at [s, e) counts or labels something ("2000 Menschen", "rund 2000", "Paragraf 1906").

    A capitalised noun right after it is a counted thing when it is a usual one ("Menschen", "Stimmen", "Euro") or
    when the number is round ("2000 Beschwerden"); otherwise it is a predicate ("Er war 1989 bis 1995 Präsident").
    After "im Jahr" and the like (`strong`) only the usual counted things count.
    """
    prev = text[max(0, s - 25) : s].rsplit("\n", 1)[-1].split()
    if prev and prev[-1].lower() in _QUANTITY_BEFORE:
        return True
    if prev and text[s - 1 : s] in "€$£":
        return True
    if re.search(r"\b[Vv]on\s+[0-9][0-9.,]*\s+auf\s+$", text[max(0, s - 40) : s]):
        return True  # "stieg von 1500 auf 2000" ("auf 2026 verschoben" is a year)
    after = text[e : e + 60]
    rng = re.match(r"\s*(?:-|–|bis|und|oder|auf)\s*[0-9][0-9.,]*", after)  # "von 1500 auf 2000 Euro"
    if rng:
        after = after[rng.end() :]
    m = re.match(r"[^\S\n]+([^\s]+)(?:[^\S\n]+([^\s]+))?", after)
    if not m:
        return bool(re.match(r"\s*%", after))
    w = m.group(1)
    bare = w.rstrip(".,;:!?)")
    if bare.lower() in _UNIT_AFTER or bare.startswith("%") or bare.startswith("-"):
        return True
    if bare[:1].isupper() and bare.lower() not in _MONTHS:
        if _counted_noun(bare):
            return True  # "2000 Menschen", "1990 Euro", "2019 Stimmen"
        if not strong and int(text[s:e]) % 100 == 0:
            return True  # a round number before a noun: "2000 Beschwerden"
    if bare == w and _QUANTITY_ADJ.fullmatch(bare) and m.group(2) and m.group(2)[:1].isupper():
        return True  # "2000 weitere Soldaten"
    return False


_COUNTED = _DE.words("counted_nouns.txt")


def _counted_noun(word: str) -> bool:
    w = word.lower()
    return w in _COUNTED or w.endswith(("innen", "leute"))


# ---------------------------------------------------------------------------------------------------------------------
# Resolvers: (match, ctx, start, end) -> Resolved | BLOCK | None


def _prev_word(text: str, s: int) -> str:
    words = text[max(0, s - 30) : s].rsplit("\n", 1)[-1].split()
    return words[-1] if words else ""


def _sentence_initial(text: str, s: int) -> bool:
    i = s - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\"„“»«(–—-"


def _year_rel(ctx: Context, rel: str) -> int:
    return ctx.pub.year + _rel_k(rel)


_DOTTED_CUES = _DE.words("dotted_date_cues.txt")


def _r_dotted(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    d, mo, y = int(group_text(m, "a")), int(group_text(m, "b")), group_text(m, "y") or group_text(m, "y2")
    if y:
        yy = int(y)
        if len(y) == 2:  # the century that puts it no more than 10 years after publication
            yy += 2000 if 2000 + yy <= ctx.pub.year + 10 else 1900
        return res_day(yy, mo, d) or BLOCK
    if not (group_text(m, "lead") or group_text(m, "wd") or _prev_word(ctx.text, s).lower() in _DOTTED_CUES):
        return None  # "3.3." without a year needs "am", "vom 3.3.", "bis zum 3.3."
    return ctx.pick(year_candidates(ctx.pub, lambda yy: res_day(yy, mo, d)), s, e, "nearest")


def _r_month_numeric(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    if _counts_something(ctx.text, s, e):
        return None
    return res_month(int(group_text(m, "y")), int(group_text(m, "m"))) or BLOCK


def _r_day_month(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    mo, d = _month_no(group_text(m, "mon")), int(group_text(m, "day"))
    if group_text(m, "year"):
        return res_day(int(group_text(m, "year")), mo, d) or BLOCK
    if group_text(m, "yrel"):
        return res_day(_year_rel(ctx, group_text(m, "yrel")), mo, d) or BLOCK
    cands = year_candidates(ctx.pub, lambda y: res_day(y, mo, d))
    if group_text(m, "wd"):  # "Freitag, 10. Oktober": the weekday tells the year
        wd = _WEEKDAYS[group_text(m, "wd").lower()]
        fits = [c for c in cands if c is not None and c.start.weekday() == wd]
        if len(fits) == 1:
            return fits[0]
    return ctx.pick(cands, s, e, "nearest")


def _r_day_range(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    d1, d2 = int(group_text(m, "d1")), int(group_text(m, "d2"))
    return res_day_range(ctx, _month_no(group_text(m, "mon")), d1, d2, group_text(m, "year"), s, e)


def _r_month_year(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    mo = _month_no(group_text(m, "mon"))
    if group_text(m, "yrel"):
        return res_month(_year_rel(ctx, group_text(m, "yrel")), mo)
    if _counts_something(ctx.text, m.start("year"), m.end("year"), strong=True):
        return None
    return res_month(int(group_text(m, "year")), mo) or BLOCK


_MONTH_CUES = _DE.words("month_cues.txt")


def _r_month(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """A month without a year: "im März", "Anfang März", "seit März", "vergangenen März"."""
    name, rel, pub, text = group_text(m, "mon"), group_text(m, "rel"), ctx.pub, ctx.text
    prev = _prev_word(text, s).lower()
    lead = group_text(m, "lead").strip().lower()
    if lead == "in" and not rel:
        return None  # "in diesem März" yes, "in März" no
    if not (lead or rel or prev in _MONTH_CUES):
        return None  # a bare "März" is left alone: "Der März war warm" is rare, "Mai" and "August" are also names
    if name == "August" and prev in ("und", "oder") and re.match(r"\s+[A-ZÄÖÜ][a-zäöü]", text[e : e + 3]):
        return None  # "Hans und August Müller"
    mo = _month_no(name)
    if rel:
        k = _rel_k(rel)
        if k == 0:
            return res_month(pub.year, mo)
        if k < 0:  # the most recent such month before the current one
            return res_month(pub.year if mo < pub.month else pub.year - 1, mo)
        return res_month(pub.year if mo > pub.month else pub.year + 1, mo)
    return ctx.pick(year_candidates(pub, lambda y: res_month(y, mo)), s, e, "nearest")


_NAMED_DAY_PREFIX = _DE.words("named_day_prefixes.txt")
_NEWSPAPER_BEFORE = _DE.words("newspapers_am.txt")
_SET_BEFORE = _DE.words("set_cues.txt")


def _r_weekday(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    text, pub = ctx.text, ctx.pub
    prev = _prev_word(text, s)
    if prev.lower() in _SET_BEFORE:
        return None  # "jeden Montag"
    if prev.lower().strip("„\"'") in _NAMED_DAY_PREFIX and prev[:1].isupper():
        return BLOCK  # "Black Friday", "Schwarzer Freitag"
    lead, rel, wrel = group_text(m, "lead"), group_text(m, "rel"), group_text(m, "wrel")
    if lead and lead.split()[0].lower() == "an" and not rel:
        return None  # "an Freitag" is not German ("an diesem Freitag" is)
    if lead.strip().lower() == "am" and not rel and prev.lower().rstrip(".") in _NEWSPAPER_BEFORE:
        return BLOCK  # "Welt am Sonntag", "Bild am Sonntag": newspapers
    surname = prev.isalpha() and prev[:1].isupper() and not _sentence_initial(text, text.rfind(prev, 0, s))
    if surname and not (lead or rel):
        return None  # "Thomas Freitag", "Ministerin Sonntag": a surname
    wd = _WEEKDAYS[group_text(m, "wd").lower()]
    back = (pub.weekday() - wd) % 7  # days since the most recent such weekday (0 = publication day)
    ahead = (wd - pub.weekday()) % 7
    d: date
    if wrel:  # "am Montag vergangener Woche"
        d = pub - timedelta(days=pub.weekday()) + timedelta(weeks=_rel_k(wrel), days=wd)
    elif rel and rel.lower().startswith("heutig"):
        d = pub
    elif rel and rel.lower().startswith("gestrig"):
        d = pub - timedelta(days=1)
    elif rel and rel.lower().startswith("morgig"):
        d = pub + timedelta(days=1)
    elif rel and _rel_k(rel) < 0:
        d = pub - timedelta(days=(back or 7) + 7 * (-_rel_k(rel) - 1))
    elif rel and _rel_k(rel) > 0:
        d = pub + timedelta(days=(ahead or 7) + 7 * (_rel_k(rel) - 1))
    else:
        # "an diesem Freitag", "ab Montag", "bis Donnerstag" lean to the future
        tense = ctx.tense(s, e) or ("future" if rel or prev.lower() in ("ab", "bis") else "past")
        if tense == "future":
            d = pub + timedelta(days=ahead if (ahead or SAME_WEEKDAY_IS_PUBLICATION_DAY) else 7)
        else:
            d = pub - timedelta(days=back if (back or SAME_WEEKDAY_IS_PUBLICATION_DAY) else 7)
    return Resolved(d, d, "day") if ok_year(d.year) else None


def _r_rel_day(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    text, w = ctx.text, group_text(m, "w")
    if w[0].isupper() and not _sentence_initial(text, s):
        return None  # "Heute" mid-sentence is the newspaper; "Morgen" the noun
    prev = _prev_word(text, s).lower()
    if w.lower() == "morgen" and prev in ("am", "den", "jeden", "guten", "diesen", "einen", "eines"):
        return None  # "am Morgen": in the morning
    if w.lower() == "heute" and re.match(r"[\s-]*(?:journal|show|Journal|Show)\b", text[e : e + 12]):
        return None  # the ZDF programmes
    if prev == "von" and not re.match(r"\s+(?:an|ab|bis|aus)\b", text[e : e + 6]):
        return None  # "die Welt von morgen", "Methoden von gestern": no particular day
    if w.lower() == "heute" and prev in ("bis", "noch", "schon", "auch", "damals", "wie"):
        return None  # "bis heute", "noch heute", "wie heute": up to now, nowadays — not the day of publication
    k = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2}[w.lower()]
    d = ctx.pub + timedelta(days=k)
    return Resolved(d, d, "day") if ok_year(d.year) else None


def _r_rel_day_adj(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"am heutigen Tag", "am gestrigen Tag"."""
    k = {"heutig": 0, "gestrig": -1, "morgig": 1, "vorgestrig": -2}[group_text(m, "adj").lower()]
    d = ctx.pub + timedelta(days=k)
    return Resolved(d, d, "day") if ok_year(d.year) else None


def _unit_res(pub: date, unit: str, k: int) -> Resolved | None:
    """The calendar unit (week, weekend, month, quarter, year) k units away from the publication date's."""
    u = unit.lower()
    if u.startswith("wochenende"):
        sat = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k, days=5)
        return Resolved(sat, sat + timedelta(days=1), "week")
    if u.startswith("woche"):
        return res_week(pub + timedelta(weeks=k))
    if u.startswith("monat"):
        return res_month(*_add_months(pub, k))
    if u.startswith("quartal"):
        y, q = divmod(pub.year * 4 + quarter_of(pub) - 1 + k, 4)
        return res_quarter(y, q + 1)
    return res_year(pub.year + k)


def _r_rel_unit(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"vergangene Woche", "im kommenden Monat", "dieses Jahr", "diesen Jahres", "am vergangenen Wochenende"."""
    rel = group_text(m, "rel")
    if rel.lower().startswith("letzt") and re.match(
        r"\s+(?:vor|nach|des|der|von|seiner|seines|ihrer|ihres|bis)\b", ctx.text[e : e + 10]
    ):
        return BLOCK  # "die letzte Woche vor der Wahl", "im letzten Jahr seiner Amtszeit": not a calendar unit
    return _unit_res(ctx.pub, group_text(m, "unit"), _rel_k(rel))


def _r_part_of(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """The whole unit a part-of phrase names: "Anfang des Monats", "Ende vergangenen Jahres", "Mitte der Woche"."""
    part, rel, unit, pub = group_text(m, "part").lower(), group_text(m, "rel"), group_text(m, "unit"), ctx.pub
    if part == "laufe" and not group_text(m, "lead"):
        return None
    if rel:
        return _unit_res(pub, unit, _rel_k(rel))
    if not group_text(m, "art"):
        return None  # "Ende Woche" (Swiss) is rare; "Ende Jahres" is not German
    k = 0
    u = unit.lower()
    # "Ende des Jahres" in a January story told in the past is the year that just ended; "Anfang des Jahres" in a
    # December story told in the future is the coming one (the same for months and weeks)
    early = (pub.month <= 2) if u.startswith("jahr") else (pub.day <= 7) if u.startswith("monat") else (
        pub.weekday() == 0)  # fmt: skip
    late = (pub.month >= 11) if u.startswith("jahr") else (pub.day >= 24) if u.startswith("monat") else (
        pub.weekday() >= 5)  # fmt: skip
    if part == "ende" and early and ctx.tense(s, e) == "past":
        k = -1
    elif part in ("anfang", "beginn") and late and ctx.tense(s, e) == "future":
        k = 1
    return _unit_res(pub, unit, k)


def _r_unit_compound(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"Jahresende", "Jahresbeginn 2024", "Monatsende", "zur Wochenmitte"."""
    pub = ctx.pub
    if group_text(m, "cw"):
        return _unit_res(pub, "woche", 0)
    if not group_text(m, "cu"):
        return _unit_res(pub, "monat", 0)
    if group_text(m, "y"):
        return res_year(int(group_text(m, "y")))
    k = -1 if group_text(m, "cp").lower() == "ende" and pub.month <= 2 and ctx.tense(s, e) == "past" else 0
    return res_year(pub.year + k)


def _r_the_weekend(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"am Wochenende": on a weekday the last one unless the clause is future, on a weekend the current one."""
    pub = ctx.pub
    sat = pub - timedelta(days=pub.weekday()) + timedelta(days=5)
    if pub.weekday() < 5 and ctx.tense(s, e) != "future":
        sat -= timedelta(weeks=1)
    return Resolved(sat, sat + timedelta(days=1), "week")


def _n(s: str) -> int | None:
    s = s.lower()
    return int(s) if s.isdigit() else _NUMBERS.get(s)


def _r_ago(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """"vor drei Tagen" (day), "vor zwei Wochen" (week), "vor einem Monat" (month), "vor drei Jahren" (year);
    "in zwei Wochen" likewise forward, unless the clause is past ("in zwei Wochen geschafft": a duration)."""
    n = _n(group_text(m, "n"))
    if n is None or n == 0:
        return None
    unit, pub = group_text(m, "unit").lower(), ctx.pub
    fwd = bool(group_text(m, "fwd"))
    if fwd and ctx.tense(s, e) == "past":
        return BLOCK  # "in zwei Tagen geschafft": a duration (no cue is fine: German tells the future in the present)
    sign = 1 if fwd else -1
    try:
        if group_text(m, "today"):  # "heute vor einem Jahr": that calendar day
            if unit.startswith("tag"):
                d = pub + timedelta(days=sign * n)
            elif unit.startswith("woche"):
                d = pub + timedelta(weeks=sign * n)
            else:
                y, mo = _add_months(pub, sign * n * (12 if unit.startswith("jahr") else 1))
                if not ok_year(y):
                    return None
                d = date(y, mo, min(pub.day, calendar.monthrange(y, mo)[1]))  # 29 February a year later: the 28th
            return Resolved(d, d, "day") if ok_year(d.year) else None
        if unit.startswith("tag"):
            d = pub + timedelta(days=sign * n)
            return Resolved(d, d, "day") if ok_year(d.year) else None
        if unit.startswith("woche"):
            d = pub + timedelta(weeks=sign * n)
            return res_week(d) if ok_year(d.year) else None
    except (OverflowError, ValueError):
        return None
    if unit.startswith("monat"):
        return res_month(*_add_months(pub, sign * n))
    return res_year(pub.year + sign * n)


def _r_year(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    """A four-digit year: after "im Jahr", "Anfang/Ende" or a preposition, or bare in 1900..publication + 10."""
    y = int(group_text(m, "y"))
    ys, ye = m.span("y")
    strong = bool(group_text(m, "lead") or group_text(m, "part"))
    cue = group_text(m, "p")
    text = ctx.text
    if strong:
        lo, hi = MIN_YEAR, MAX_YEAR
    elif cue:
        lo, hi = 1800, ctx.pub.year + 30
    else:
        lo, hi = 1900, ctx.pub.year + 10
    if not lo <= y <= hi:
        return None
    if _counts_something(text, ys, ye, strong):
        return None
    if group_text(m, "lead") and _prev_word(text, s).lower() in ("pro", "je"):
        return None  # "pro Jahr 2000"
    return res_year(y)


def _r_year_range(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    if _counts_something(ctx.text, s, e) or _counts_something(ctx.text, s, m.end("y1")):
        return BLOCK  # "1500-2000 Menschen"
    return res_year_range(int(group_text(m, "y1")), group_text(m, "y2"))


def _r_decade(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    if group_text(m, "full"):
        y = int(group_text(m, "full"))
        if y % 100 == 0 and y < 2000:
            return BLOCK  # "die 1900er" is as often the century as the decade
        return res_decade(y)
    if group_text(m, "short"):
        if not (group_text(m, "sj") or group_text(m, "part")):
            return None  # "in den 90ern", "Ende 90er": as often an age
        digit = int(group_text(m, "short")[0])
    else:
        digit = _DECADE_WORDS[group_text(m, "word").lower()]
    # the latest decade with that digit that has started by publication
    y = ctx.pub.year // 100 * 100 + digit * 10
    if y > ctx.pub.year:
        y -= 100
    return res_decade(y)


_FISCAL_AFTER = re.compile(r"\s+(?:des\s+)?(?:laufenden\s+|neuen\s+|vergangenen\s+|abgelaufenen\s+)?Geschäftsjahr")


def _r_quarter(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    text, pub = ctx.text, ctx.pub
    if _FISCAL_AFTER.match(text, e) or "geschäfts" in text[max(0, s - 25) : s].lower():
        return BLOCK  # fiscal quarters follow each company's own year
    ordw = group_text(m, "ord").lower().rstrip(".")
    q: int | None
    if group_text(m, "final"):
        q = 4
    elif group_text(m, "q") or group_text(m, "q2"):
        q = int(group_text(m, "q") or group_text(m, "q2"))
    else:
        q = {**_QUARTER_ORDINALS, "1": 1, "2": 2, "3": 3, "4": 4}.get(ordw.removesuffix("en").removesuffix("e"))
    if q is None:
        return None
    y = group_text(m, "y") or group_text(m, "y3")
    if group_text(m, "ys"):
        y = group_text(m, "ys") if len(group_text(m, "ys")) == 4 else str(2000 + int(group_text(m, "ys")))
    if y:
        return res_quarter(int(y), q) or BLOCK
    if group_text(m, "yrel"):
        return res_quarter(_year_rel(ctx, group_text(m, "yrel")), q)
    if group_text(m, "jahr"):  # "im ersten Quartal des Jahres"
        return res_quarter(pub.year, q)
    if group_text(m, "q") or group_text(m, "q2") or ordw.startswith("letzt"):
        return None  # a bare "Q3" is as often a product (Audi Q3); "im letzten Quartal" is the relative rule's
    return ctx.pick(year_candidates(pub, lambda yy: res_quarter(yy, q)), s, e, "nearest")


def _r_season(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    name, pub = _season_key(group_text(m, "s")), ctx.pub
    if group_text(m, "y"):
        return res_season(int(group_text(m, "y")), name) or BLOCK
    if group_text(m, "yrel"):
        return res_season(_year_rel(ctx, group_text(m, "yrel")), name)
    this = season_label(pub, name)
    rel = group_text(m, "rel")
    if rel:
        k = _rel_k(rel)
        cands = [c for c in (res_season(this + j, name) for j in (-2, -1, 0, 1, 2)) if c is not None]
        if k == 0:
            return res_season(this, name)
        if k < 0:  # the most recent one that is over ("vorletzten": the one before)
            over = [c for c in cands if c.end < pub]
            return over[k] if len(over) >= -k else None
        upcoming = [c for c in cands if c.start > pub]  # the next one that has not started
        return upcoming[k - 1] if len(upcoming) >= k else None
    if not (group_text(m, "lead") or group_text(m, "p") or group_text(m, "part")):
        return None
    return ctx.pick([res_season(this + k, name) for k in (-1, 0, 1)], s, e, "nearest")


def _r_holiday(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    key = _HOLIDAY_FORMS[" ".join(group_text(m, "h").split())]

    def make(y: int) -> Resolved | None:
        if not ok_year(y):
            return None
        if key in _EASTER_OFFSET:
            d = _easter(y) + timedelta(days=_EASTER_OFFSET[key])
            return Resolved(d, d, "day")
        return res_day(y, *_HOLIDAYS[key])

    if group_text(m, "y"):
        return make(int(group_text(m, "y"))) or BLOCK
    if _prev_word(ctx.text, s).lower() in ("jedes", "jeden", "alljährlich", "jährlich"):
        return None
    return ctx.pick(year_candidates(ctx.pub, make), s, e, "nearest")


def _r_anaphor(m: re.Match[str], ctx: Context, s: int, e: int) -> Outcome:
    return ANAPHOR


# ---------------------------------------------------------------------------------------------------------------------
# Rules (the longest match wins; on equal length the earlier rule)

_AM = rf"(?P<lead>{_NLB}[Aa]m\s+)"
_PART = r"(?:Anfang|Mitte|Ende|Beginn)"
_YREL = rf"(?:des\s+)?(?P<yrel>{_REL}){_REL_END}\s+Jahres{_NLA}"

_RULES: list[DateRule] = [
    make_rule(
        "from_today_on_block",
        rf"{_NLB}[Vv]on\s+heute\s+auf\s+morgen{_NLA}",
        resolve_block,
    ),
    make_rule(
        "set_block",
        rf"{_NLB}(?:[Jj]edes\s+Jahr|(?:[Aa]ll)?[Jj]ährlich|[Ii]mmer)\s+(?:im|am|an|zu|um)\s+(?:[0-9]{{1,2}}\.\s*)?"
        rf"[A-ZÄÖÜ][a-zäöüß]+|(?:[Ii]m\s+)?{_MONFULL}\s+jede[sn]\s+Jahres",
        resolve_block,
    ),
    make_rule(
        "fiscal_block",
        rf"{_NLB}(?:Geschäfts|Wirtschafts|Haushalts|Steuer)jahr(?:es|s)?(?:\s+[0-9]{{4}}(?:\s*/\s*[0-9]{{2,4}})?)?",
        resolve_block,
    ),
    make_rule("iso", r"(?<![0-9/.-])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9-])", resolve_iso),
    make_rule(
        "dotted",
        rf"(?:{_AM})?(?:(?P<wd>{_WD}){_NLA}\s*,?\s+(?:(?:den|dem)\s+)?)?(?<![0-9.,])(?P<a>{_DAYNUM})\.\s?"
        r"(?P<b>1[0-2]|0?[1-9])\."
        r"(?:\s?(?P<y>[0-9]{4})|(?P<y2>[0-9]{2}))?(?![0-9]|[.,][0-9]|:[0-9])",
        _r_dotted,
    ),
    make_rule(
        "month_numeric",
        r"(?<![0-9.,/])(?P<m>0[1-9]|1[0-2])[./](?P<y>(?:19|20)[0-9]{2})(?![0-9]|[.,/][0-9])",
        _r_month_numeric,
    ),
    make_rule(
        "day_month",
        rf"(?:{_AM})?(?:(?P<wd>{_WD}){_NLA}\s*,?\s+(?:(?:den|dem)\s+)?)?(?<![0-9.,])(?P<day>{_DAYNUM})\.?\s*"
        rf"(?P<mon>{_MON})(?:\s+(?P<year>{_YEAR4})|\s+{_YREL})?",
        _r_day_month,
    ),
    make_rule(
        "day_range",
        rf"(?<![0-9.,])(?P<d1>{_DAYNUM})\.?\s*(?:-|–|—|/|bis(?:\s+zum)?)\s*(?P<d2>{_DAYNUM})\.\s*(?P<mon>{_MON})"
        rf"(?:\s+(?P<year>{_YEAR4}))?",
        _r_day_range,
    ),
    make_rule(
        "month_year",
        rf"(?P<lead>{_NLB}(?:[Ii]m|{_PART})\s+)?(?P<mon>{_MON})\s+(?:(?P<year>{_YEAR4})|{_YREL})",
        _r_month_year,
    ),
    make_rule(
        "month",
        rf"(?P<lead>{_NLB}(?:[Ii]m|{_PART}|[Ii]n)\s+)?(?:(?P<rel>{_REL}){_REL_END}\s+)?(?P<mon>{_MONFULL})"
        r"(?!\s*[0-9])",
        _r_month,
    ),
    make_rule(
        "weekday",
        rf"(?P<lead>{_NLB}(?:[Aa]m|[Aa]n)\s+(?:(?:frühen|späten)\s+)?)?"
        rf"(?:{_NLB}(?P<rel>{_REL}|[Hh]eutig|[Gg]estrig|[Mm]orgig){_REL_END}\s+)?"
        rf"(?P<wd>{_WD}){_DAYPART}?{_NLA}(?:\s+{_DAYPART_WORD}{_NLA})?(?:\s+(?P<wrel>{_REL})er\s+Woche{_NLA})?",
        _r_weekday,
    ),
    make_rule(
        "rel_day",
        rf"{_NLB}(?P<w>heute|gestern|vorgestern|morgen|übermorgen|Heute|Gestern|Vorgestern|Morgen|Übermorgen){_NLA}"
        rf"(?:\s+{_DAYPART_WORD}{_NLA})?",
        _r_rel_day,
    ),
    make_rule(
        "rel_day_adj",
        rf"{_NLB}[Aa]m\s+(?P<adj>heutig|gestrig|morgig|vorgestrig)en\s+Tag{_NLA}",
        _r_rel_day_adj,
    ),
    make_rule(
        "rel_unit",
        rf"(?P<lead>{_NLB}(?:[Ii]m|[Aa]m|[Ii]n(?:\s+der)?|[Aa]n)\s+)?{_NLB}(?P<rel>{_REL}){_REL_END}\s+"
        rf"(?P<unit>Wochenende|Woche|Monats?|Jahr(?:es|s)?|Quartals?){_NLA}",
        _r_rel_unit,
    ),
    make_rule("heuer", rf"{_NLB}[Hh]euer{_NLA}", lambda m, ctx, s, e: res_year(ctx.pub.year)),  # Austrian: this year
    make_rule(
        "part_of",
        rf"(?:(?P<lead>{_NLB}[Ii]m)\s+)?{_NLB}(?P<part>Anfang|Mitte|Ende|Beginn|Laufe)\s+(?:(?P<art>des|der)\s+)?"
        rf"(?:(?P<rel>{_REL}){_REL_END}\s+)?(?P<unit>Woche|Monats|Jahres){_NLA}",
        _r_part_of,
    ),
    make_rule(
        "unit_compound",
        rf"{_NLB}(?:(?P<cu>Jahres)(?P<cp>ende|anfang|beginn|mitte){_NLA}(?:\s+(?P<y>{_YEAR4}))?"
        rf"|Monats(?:ende|anfang|beginn|mitte)|(?P<cw>Wochen)(?:anfang|beginn|mitte)){_NLA}",
        _r_unit_compound,
    ),
    make_rule("weekend", rf"{_NLB}(?:[Aa]m|[Üü]bers)\s+Wochenende{_NLA}", _r_the_weekend),
    make_rule(
        "ago",
        rf"(?P<today>{_NLB}[Hh]eute\s+)?(?:{_NLB}[Vv]or|(?P<fwd>{_NLB}[Ii]n))\s+"
        r"(?:(?:genau|exakt|ziemlich\s+genau|knapp|fast|beinahe|rund|etwa|ungefähr|gut)\s+)?"
        rf"(?P<n>{_NUM})\s+{_UNITS_AGO}{_NLA}",
        _r_ago,
    ),
    make_rule(
        "year_range",
        r"(?<![0-9.,/])(?P<y1>1[0-9]{3}|2[0-9]{3})\s*[-–—/]\s*(?P<y2>[0-9]{4}|[0-9]{2})(?![0-9]|[.,][0-9]|\s*%)",
        _r_year_range,
    ),
    make_rule(
        "year_lead",
        rf"(?P<lead>{_NLB}(?:[Ii]m\s+)?Jahr(?:es|e)?\s+)(?P<y>[12][0-9]{{3}})"
        r"(?![0-9]|[.,][0-9]|\s*%|-[0-9]|/[0-9]|:[0-9]|er)",
        _r_year,
    ),
    make_rule(
        "year_part",
        rf"(?P<part>{_NLB}{_PART})\s+(?P<y>[12][0-9]{{3}})(?![0-9]|[.,][0-9]|\s*%|-[0-9]|/[0-9]|:[0-9]|er)",
        _r_year,
    ),
    make_rule(
        "year_cue",
        rf"(?P<p>{_NLB}(?:[Ss]eit|[Bb]is|[Aa]b|[Vv]on|[Vv]om|[Vv]or|[Nn]ach|[Zz]wischen|und|oder|bzw\.|[Ii]n|[Uu]m"
        rf"|[Ff]ür|Stand|Jahrgang|geboren|gegründet)\s+)(?P<x>(?P<y>[12][0-9]{{3}}))"
        r"(?![0-9]|[.,][0-9]|\s*%|-[0-9]|/[0-9]|:[0-9]|er)",
        _r_year,
    ),
    make_rule(
        "year",
        r"(?<![0-9$€£¥#.,/:§A-Za-zÄÖÜäöüß-])(?P<y>19[0-9]{2}|20[0-9]{2})"
        r"(?![0-9]|[.,][0-9]|\s*%|-[0-9]|/[0-9]|:[0-9]|er)",
        _r_year,
        weak=True,
    ),
    make_rule(
        "decade",
        rf"(?P<part>{_NLB}(?:Anfang|Mitte|Ende)\s+der\s+)?(?<![0-9.,])(?:(?P<full>1[0-9]{{2}}0|20[0-9]0)er"
        r"(?:n|(?:\s+|-)?Jahren?)?|(?P<short>[0-9]0)er(?P<sj>(?:\s+|-)?Jahren?)?"
        rf"|(?P<word>{_alt_ci1(list(_DECADE_WORDS))})(?:(?:\s+|-)Jahren?|jahren?)){_NLA}",
        _r_decade,
    ),
    make_rule(
        "quarter",
        rf"(?P<lead>{_NLB}[Ii]m\s+)?(?<![0-9.])(?:(?P<ord>(?:{lang.alternation(_QUARTER_ORDINALS)})(?:en|e)"
        rf"|[1-4]\.)\s*(?:Quartal|Vierteljahr)(?:es|s)?|(?P<final>{_NLB}(?:Schluss|Abschluss)"
        rf"quartal)s?|{_NLB}Q(?P<q>[1-4])|(?P<q2>[1-4])Q){_NLA}"
        rf"(?:\s+(?P<y>{_YEAR4})|\s*/\s*(?P<ys>[0-9]{{4}}|[0-9]{{2}})(?![0-9])|\s+{_YREL}"
        rf"|\s+(?P<jahr>des\s+Jahres)(?:\s+(?P<y3>{_YEAR4}))?)?",
        _r_quarter,
    ),
    make_rule(
        "season_year",
        rf"(?P<lead>{_NLB}(?:[Ii]m|{_PART})\s+)?{_NLB}(?P<s>{_SEASON})\s+(?:(?P<y>{_YEAR4})"
        rf"(?:\s*/\s*(?:[0-9]{{4}}|[0-9]{{2}})(?![0-9]))?|{_YREL})",
        _r_season,
    ),
    make_rule(
        "season_rel",
        rf"(?P<lead>{_NLB}(?:[Ii]m|[Ii]n)\s+)?{_NLB}(?P<rel>{_REL}){_REL_END}\s+(?P<s>{_SEASON}){_NLA}",
        _r_season,
    ),
    make_rule(
        "season",
        rf"(?P<p>{_NLB}(?:[Ss]eit\s+dem|[Bb]is\s+zum|[Nn]ach\s+dem|[Vv]or\s+dem|[Aa]b\s+dem|[Üü]ber\s+den)\s+)?"
        rf"(?P<x>(?P<lead>{_NLB}(?:[Ii]m|(?:[Ii]m\s+Laufe|{_PART})\s+des)\s+)?{_NLB}(?P<s>{_SEASON})"
        rf"(?(lead)(?:e?s)?)){_NLA}(?!-[{_LET}])(?!\s*/?\s*[0-9])",
        _r_season,
    ),
    make_rule(
        "holiday",
        rf"(?:{_AM})?{_NLB}(?P<h>{lang.alternation(_HOLIDAY_FORMS)}){_NLA}(?:\s+(?P<y>{_YEAR4}))?",
        _r_holiday,
    ),
    make_rule(
        "anaphor",
        rf"{_NLB}(?:[Aa]m|[Aa]n\s+(?:dem)?)\s*(?:selben|gleichen|selbigen|demselben|demselbigen)\s+Tag{_NLA}",
        _r_anaphor,
    ),
]


# Speed: a rule runs only in windows around cheap anchor words (as in dates.py); every match of a rule contains one
# of its anchors and fits in the window (chars before, chars after the anchor).
_A_DIGIT = re.compile(r"[0-9]+")
_A_MONTH = re.compile(r"Jan|Jän|Jae|Feb|Mär|Mae|Mrz|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez|JAN|JÄN|FEB|MÄR|APR|MAI|JUN|JUL"
                      r"|AUG|SEP|OKT|NOV|DEZ")  # fmt: skip
_A_WD = re.compile(r"Mon|Diens|Mittw|Donners|Frei|Sams|Sonn|MON|DIENS|MITTW|DONNERS|FREI|SAMS|SONN")
_A_UNIT = re.compile(r"Woche|Monat|Jahr|Quartal|Tag")
_A_SEASON = re.compile(r"Frühling|Frühjahr|[Ss]ommer|[Hh]erbst|[Ww]inter")
_ANCHORS: dict[str, tuple[tuple[re.Pattern[str], int, int], ...]] = {
    "from_today_on_block": ((re.compile("heute"), 10, 15),),
    "set_block": ((re.compile(r"[Jj]ede[sn]|[Jj]ährlich|[Ii]mmer"), 20, 60),),
    "fiscal_block": ((re.compile("jahr"), 20, 20),),
    **{n: ((_A_DIGIT, 40, 20),) for n in ("iso", "dotted", "month_numeric", "day_range", "year_range", "year_lead",
                                          "year_part", "year_cue", "year")},
    **{n: ((_A_MONTH, 60, 45),) for n in ("day_month", "month_year", "month")},
    "weekday": ((_A_WD, 45, 50),),
    "rel_day": ((re.compile(r"(?i:heute|gestern|morgen)"), 10, 25),),
    "rel_day_adj": ((re.compile(r"heutig|gestrig|morgig"), 10, 20),),
    **{n: ((_A_UNIT, 50, 25),) for n in ("rel_unit", "part_of", "unit_compound", "weekend", "ago", "anaphor")},
    "heuer": ((re.compile("[Hh]euer"), 2, 8),),
    "decade": ((re.compile(r"[0-9]0er|ziger|Nuller|nuller"), 30, 20),),
    "quarter": ((re.compile(r"(?i:quartal|vierteljahr)|Q[1-4]|[1-4]Q"), 30, 45),),
    **{n: ((_A_SEASON, 50, 45),) for n in ("season_year", "season_rel", "season")},
}
_RULES = [replace(r, anchors=_ANCHORS.get(r.name, ())) for r in _RULES]


def _rule_windows(text: str, rule: DateRule, hits: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    return anchor_windows(text, rule, hits) if rule.anchors else [(0, len(text))]


# ---------------------------------------------------------------------------------------------------------------------
# Entry point


def find_dates_de(
    text: str, published: date, sentences: list[tuple[int, int]] | None = None
) -> list[DateMention]:
    """Date expressions in German `text`, resolved to calendar ranges relative to `published`, in text order."""
    if not isinstance(text, str) or not text:
        return []
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date) or not (MIN_YEAR + 1 <= published.year <= MAX_YEAR - 1):
        return []
    ctx = _CtxDe(text, published, sentences)
    cands: list[Candidate] = []
    hits: dict[int, list[tuple[int, int]]] = {}
    for rule in _RULES:
        for a, b in _rule_windows(text, rule, hits):
            for m in rule.pattern.finditer(text, a, b):
                add_candidate(cands, rule, m, ctx, 0)
    return to_mentions(text, cands, ctx)
