"""Full-text search as plain tables, appended batch by batch (no index rebuild over the whole database).

`search_terms` holds one row per (article, term) with the term's count; `search_docs` one row per article with its
length in terms. Terms are the title and text lower-cased, diacritics and apostrophes folded ("Selenskyj's" ->
"selenskyj", "s"; "Düsseldorf" -> "dusseldorf"), split on anything that is not a letter or digit, in any script.
Queries (`parse`) support words (all required), `OR`, `-word` / `NOT word`, `"phrases"` and `prefix*`; scoring is
BM25 computed at query time from the two tables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# The same folding in SQL (for the index and for phrase checks) and in Python (for the query).
NORMALISE_SQL = ("replace(lower(strip_accents(replace(replace({x}, '\u2019', ''''), '\u2018', ''''))), "
                 "'\u00df', 'ss')")
SPLIT_SQL = r"'[^\p{L}\p{N}]+'"

LAKE_TABLES = {
    "search_terms": "CREATE TABLE {db}.search_terms (article_id VARCHAR, term VARCHAR, tf INTEGER)",
    "search_docs": "CREATE TABLE {db}.search_docs (article_id VARCHAR, n_terms INTEGER)",
}

MAX_TERMS = 12  # words in one query, after parsing; more is almost always a pasted paragraph


def index_articles(con, source: str, db: str) -> None:  # type: ignore[no-untyped-def]
    """Add postings for every article in `source` (a table or view with article_id, title, text) to `db`."""
    text = NORMALISE_SQL.format(x="coalesce(title, '') || ' ' || coalesce(text, '')")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _nd_tokens AS SELECT article_id, term FROM ("
                f"SELECT article_id, unnest(regexp_split_to_array({text}, {SPLIT_SQL})) AS term FROM {source}) "
                "WHERE term <> ''")
    try:
        con.execute(f"INSERT INTO {db}.search_terms SELECT article_id, term, count(*)::INTEGER FROM _nd_tokens "
                    "GROUP BY ALL")
        con.execute(f"INSERT INTO {db}.search_docs SELECT article_id, count(*)::INTEGER FROM _nd_tokens GROUP BY ALL")
    finally:
        con.execute("DROP TABLE IF EXISTS _nd_tokens")


def fold(text: str) -> str:
    """Python's twin of NORMALISE_SQL."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.lower().replace("\u00df", "ss")


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def terms(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@dataclass
class Query:
    """A parsed search: every clause must match; a clause matches when any of its alternatives does; an
    alternative is a word, a prefix or a phrase (several words in order). `exclude` words must not appear."""

    clauses: list[list[tuple[str, list[str]]]] = field(default_factory=list)  # [(kind, words)]
    exclude: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.clauses)

    def params(self) -> dict[str, list]:
        """Flat lists for the named SQL (`q_clause`, `q_alt`, `q_word`, `q_prefix`, `q_alt_words`, `q_regex`,
        `q_exclude`): one entry per word of every alternative."""
        out: dict[str, list] = {k: [] for k in ("q_clause", "q_alt", "q_word", "q_prefix", "q_alt_words", "q_regex")}
        alt_no = 0
        for c, clause in enumerate(self.clauses):
            for kind, words in clause:
                alt_no += 1
                regex = phrase_regex(words) if kind == "phrase" else ""
                for w in words:
                    out["q_clause"].append(c)
                    out["q_alt"].append(alt_no)
                    out["q_word"].append(w)
                    out["q_prefix"].append(kind == "prefix")
                    out["q_alt_words"].append(len(set(words)))
                    out["q_regex"].append(regex)
        out["q_exclude"] = list(self.exclude)
        out["q_n_clauses"] = len(self.clauses)  # type: ignore[assignment]
        return out

    def words(self) -> list[str]:
        """Every positive word (for highlighting)."""
        return [w for clause in self.clauses for _, ws in clause for w in ws]


def phrase_regex(words: list[str]) -> str:
    sep = r"[^\p{L}\p{N}]+"
    body = sep.join(re.escape(w) for w in words)
    return rf"(^|[^\p{{L}}\p{{N}}]){body}([^\p{{L}}\p{{N}}]|$)"


_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse(text: str) -> Query:
    """`air defence` (both words), `"air defence"` (the phrase), `Trump OR Biden`, `-Biden` / `NOT Biden`,
    `Selensk*` (prefix). Quotes and apostrophes of any kind; unbalanced quotes close at the end."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u201e", '"')
    q = Query()
    pending_or = False
    negate_next = False
    for m in _PART.finditer(text):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if word is not None and word == "OR":
            pending_or = bool(q.clauses)
            continue
        if word is not None and word == "NOT":
            negate_next = True
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            neg, word = "-", word[1:]
        negative = bool(neg) or negate_next
        negate_next = False
        alts: list[tuple[str, list[str]]] = []
        if phrase is not None:
            ws = terms(phrase)
            if ws:
                alts.append(("phrase" if len(ws) > 1 else "word", ws))
        elif word is not None:
            prefix = word.endswith("*")
            ws = terms(word)
            if prefix and len(ws) == 1 and len(ws[0]) >= 2:
                alts.append(("prefix", ws))
            elif len(ws) > 1:
                alts.append(("phrase", ws))  # "Selenskyj's", "U.S." are one written word: keep their parts together
            elif ws:
                alts.append(("word", ws))
        if not alts:
            continue
        if negative:
            q.exclude.extend(w for _, ws in alts for w in ws if len(ws) == 1)
            pending_or = False
            continue
        if pending_or and q.clauses:
            q.clauses[-1].extend(alts)
        else:
            q.clauses.append(alts)
        pending_or = False
    n = 0
    kept: list[list[tuple[str, list[str]]]] = []
    for clause in q.clauses:
        size = sum(len(ws) for _, ws in clause)
        if n + size > MAX_TERMS:
            break
        kept.append(clause)
        n += size
    q.clauses = kept
    return q
