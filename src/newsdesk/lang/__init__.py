"""Languages: one folder per language (`lang/en/`, `lang/de/`), the way spaCy keeps `spacy/lang/`.

A folder holds the language's data as files, one entry per line, and an `__init__.py` that only declares how the
language is enriched (`PIPELINE`, the rule modules of a rules language, the quote grammar). `get(code)` returns the
one `Language` object of a code; the stages look everything up on it and never branch on a language's code.

Data files (every file of a folder is loaded and checked when the language is first looked up):

* `name.txt`: one entry per line;
* `name.tsv`: one entry per line, columns separated by one tab; its first `KEY_COLUMNS[name]` columns (default 1)
  name the entry and are unique;
* lines starting with `#` are comments and blank lines are skipped; entries are sorted (Python's string order)
  and unique, so a file reads and diffs as a set. A file that is unsorted, has a duplicate or a short row fails
  loudly (`LanguageDataError`), naming the file and the line.

Every language has every file of `REQUIRED` (a file may hold only comments when the language needs no entries);
a missing one fails loudly. How to add a language: ARCHITECTURE.md, "Languages".
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

# file -> what it holds (ARCHITECTURE.md lists them too)
REQUIRED: dict[str, str] = {
    "stop_words.txt": "function words that tell the language from the others (`detect`)",
    "speech_verbs.txt": "verbs of saying that attribute a quotation ('said', 'sagte'); a `*` word is any word",
    "pronouns.txt": "personal pronouns that stand for the last speaker of a quotation",
    "roles.tsv": "a role as written (lower case) and the English role it normalises to",
    "honorifics.txt": "honorifics written before a name ('herr', 'dr.')",
    "first_names.txt": "first names; a known first name and a capitalised word make a person",
    "institutions.txt": "institutions, parties, unions and companies by the names this language's news uses",
    "places.tsv": "place names the gazetteer packages lack: form, ISO country code ('' for a region across "
                  "countries), kind (country, demonym, capital, city, area), the place's English name (or '')",
    "not_places.txt": "place names that are common words here, never places on their own (normalised)",
    "months.tsv": "month names and abbreviations (lower case), the month's number, and its form (name or abbr)",
    "topics.tsv": "the topic lexicon: IPTC Media Topic code, term, weight (see `newsdesk.enrich.topics`)",
}
# columns that name an entry of a .tsv file (the rest are its value)
KEY_COLUMNS = {"topics.tsv": 2}
# spaCy English model (NER) or rules: how actors, dates and quotes are found for a language
PIPELINES = ("model", "rules")
DEFAULT = "en"  # the language of text whose language is unknown


class LanguageDataError(ValueError):
    """A language folder's data is missing or malformed."""


def read_entries(path: Traversable | Path, columns: int | None = None, key_columns: int = 1) -> list[tuple[str, ...]]:
    """The entries of one data file, checked: sorted, unique (by the first `key_columns` columns), `columns` wide
    (.tsv; .txt entries are 1-tuples). Raises LanguageDataError naming the file and line."""
    name = getattr(path, "name", str(path))
    label = f"{_folder_label(path)}{name}"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LanguageDataError(f"{label}: missing data file") from exc
    tsv = name.endswith(".tsv")
    out: list[tuple[str, ...]] = []
    prev_line, seen = None, set()
    for n, line in enumerate(raw.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.strip(" ") != line or any(c != c.strip(" ") for c in line.split("\t")):
            raise LanguageDataError(f"{label}:{n}: leading or trailing space in {line!r}")
        row = tuple(line.split("\t")) if tsv else (line,)
        width = columns if columns is not None else (len(out[0]) if out else len(row))
        if len(row) != width:
            raise LanguageDataError(f"{label}:{n}: {len(row)} columns, expected {width}: {line!r}")
        if prev_line is not None and line < prev_line:
            raise LanguageDataError(f"{label}:{n}: not sorted: {line!r} after {prev_line!r}")
        key = row[:key_columns]
        if key in seen:
            raise LanguageDataError(f"{label}:{n}: duplicate entry {' / '.join(key)!r}")
        seen.add(key)
        prev_line = line
        out.append(row)
    return out


def _folder_label(path: Traversable | Path) -> str:
    parent = getattr(path, "parent", None)
    return f"{parent.name}/" if parent is not None else ""


def alternation(entries: Iterable[str], space: str = r"\s+") -> str:
    """A regex alternation of a list's entries (words or phrases): words joined by `space` (any whitespace; " " for
    exactly one space), `*` any word, `word*` the word with any ending ('scor*': 'score', 'scoring'); longest first,
    so the longest entry wins where several match."""
    def word(w: str) -> str:
        if w == "*":
            return r"\w+"
        return re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)

    def one(entry: str) -> str:
        return space.join(word(w) for w in entry.split())

    return "|".join(one(e) for e in sorted(entries, key=lambda e: (-len(e), e)))


def literal_trie(entries: Iterable[str], fold_case: bool = False) -> str:
    """The alternation of literal entries as a trie ("Präsident|Präsidentin" -> "Präsident(?:in)?"): the same matches
    as the longest-first alternation, since at one position only entries that are prefixes of each other can match
    and the trie tries the longer first, but Python's re tries one branch per letter instead of every entry (about
    4x faster for the 126 German roles). `fold_case`: for a pattern used case-insensitively (entries lowercased)."""
    root: dict[str, dict] = {}
    for entry in entries:
        node = root
        for ch in entry.lower() if fold_case else entry:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        kids = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@dataclass(frozen=True)
class Language:
    """One language's data and enrichment choices (built from its folder by `load`)."""

    code: str
    name: str
    pipeline: str  # "model": the spaCy English model finds actors and date spans; "rules": the modules below do
    data: dict[str, list[tuple[str, ...]]] = field(repr=False)
    actor_rules: str | None = None  # "module:function" (text, title, lead_end, skip, doc) -> list[Actor]
    date_rules: str | None = None  # "module:function" (text, reference day) -> list[DateMention]
    quote_after: str = ""  # regex after a quotation naming its speaker (groups n1/n2); $verbs: the speech verbs
    quote_before: str = ""  # regex before a quotation naming its speaker (group name), anchored at its end

    # -- the data, by file ------------------------------------------------------------------------------------
    def words(self, file: str) -> frozenset[str]:
        """The entries of a .txt file as a set."""
        return frozenset(r[0] for r in self.rows(file))

    def rows(self, file: str) -> list[tuple[str, ...]]:
        if file not in self.data:
            raise LanguageDataError(f"lang/{self.code}/{file}: no such data file")
        return self.data[file]

    def table(self, file: str) -> dict[str, str]:
        """A two-column .tsv file as a mapping."""
        return {r[0]: r[1] for r in self.rows(file)}

    @property
    def stop_words(self) -> frozenset[str]:
        return self.words("stop_words.txt")

    @property
    def speech_verbs(self) -> frozenset[str]:
        return self.words("speech_verbs.txt")

    @property
    def pronouns(self) -> frozenset[str]:
        return self.words("pronouns.txt")

    @property
    def roles(self) -> dict[str, str]:
        return self.table("roles.tsv")

    @property
    def honorifics(self) -> frozenset[str]:
        return self.words("honorifics.txt")

    @property
    def first_names(self) -> frozenset[str]:
        return self.words("first_names.txt")

    @property
    def institutions(self) -> frozenset[str]:
        return self.words("institutions.txt")

    @property
    def months(self) -> dict[str, int]:
        return {k: int(v) for k, v in self.table("months.tsv").items()}

    @property
    def enriched_by_model(self) -> bool:
        return self.pipeline == "model"

    def rule(self, which: str) -> Callable[..., Any]:
        """The function a rules language names for `which` ("actor_rules" or "date_rules")."""
        target = getattr(self, which)
        if not target:
            raise LanguageDataError(f"lang/{self.code}: no {which} declared")
        module, _, func = target.partition(":")
        return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def load(folder: Traversable | Path, code: str, name: str, pipeline: str, **options: str | None) -> Language:
    """A language from its folder: every data file read and checked, every `REQUIRED` file present."""
    if pipeline not in PIPELINES:
        raise LanguageDataError(f"lang/{code}: pipeline {pipeline!r} is not one of {PIPELINES}")
    names = {p.name for p in folder.iterdir() if p.name.endswith((".txt", ".tsv"))}
    missing = sorted(set(REQUIRED) - names)
    if missing:
        raise LanguageDataError(f"lang/{code}: missing data file(s) {', '.join(missing)} (every language has every "
                                f"file of newsdesk.lang.REQUIRED; a file may hold only comments)")
    data = {n: read_entries(folder / n, key_columns=KEY_COLUMNS.get(n, 1)) for n in sorted(names)}
    if pipeline == "rules" and not (options.get("actor_rules") and options.get("date_rules")):
        raise LanguageDataError(f"lang/{code}: a rules language names its actor_rules and date_rules")
    for pattern in ("quote_after", "quote_before"):
        if "{verbs}" not in (options.get(pattern) or ""):
            raise LanguageDataError(f"lang/{code}: {pattern} is a regex with {{verbs}} where the speech verbs go")
    return Language(code=code, name=name, pipeline=pipeline, data=data, **options)  # type: ignore[arg-type]


def codes() -> tuple[str, ...]:
    """The languages there are: every folder of this package with an `__init__.py`."""
    return _codes()


@lru_cache(maxsize=1)
def _codes() -> tuple[str, ...]:
    root = resources.files(__name__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "__init__.py").is_file()))


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    """The language of an ISO 639-1 code ("de"); KeyError when there is no folder for it."""
    if code not in codes():
        raise KeyError(f"no language {code!r} (there are {', '.join(codes())})")
    module = importlib.import_module(f"{__name__}.{code}")
    language = module.LANGUAGE
    if not isinstance(language, Language) or language.code != code:
        raise LanguageDataError(f"lang/{code}/__init__.py must define LANGUAGE = newsdesk.lang.load(...) for {code!r}")
    return language


def lookup(tag: str | None) -> Language | None:
    """The language of a tag as pages write it ("de", "de-AT", "DE_ch"), or None when we have no folder for it."""
    if not tag:
        return None
    code = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    return get(code) if code in codes() else None


def known_first_names() -> frozenset[str]:
    """First names of every language: an author or actor name is read with all of them."""
    return _all_first_names()


@lru_cache(maxsize=1)
def _all_first_names() -> frozenset[str]:
    return frozenset().union(*(get(c).first_names for c in codes()))


_WORDS = re.compile(r"[^\W\d_]+")


def detect(text: str, min_words: int = 20, min_votes: int = 3) -> str | None:
    """The language of a text by a vote of stop words (each language's `stop_words.txt`) among its first 5,000
    characters; None when it has fewer than `min_words` words or no language gets `min_votes` votes. A tie goes
    to the language listed first by `codes()` with DEFAULT first."""
    words = _WORDS.findall(text[:5000].lower())
    if len(words) < min_words:
        return None
    ranked = sorted(codes(), key=lambda c: c != DEFAULT)
    votes = {c: sum(w in get(c).stop_words for w in words) for c in ranked}
    best = max(ranked, key=lambda c: votes[c])  # the first of equals wins
    return best if votes[best] >= min_votes else None
