"""Topics as IPTC Media Topics with scores, from a weighted keyword/phrase lexicon we wrote ourselves.

Method ("lexicon-v1"):
- Every level-1 Media Topic, and a set of newsworthy sub-topics (mostly level 2; level 3 where the level-2 concept is
  too broad to be useful, e.g. "energy and resource" under products and services, or a sport discipline), has a list
  of terms with weights: 3 = specific to the topic, 2 = a good indicator, 1 or less = weak or ambiguous.
  The words are our own; IPTC definitions are not used (see NOTICE).
- Text is lowercased, accent-folded (NFKD without combining marks, casefolded so "ß" -> "ss"), and hyphens, dashes,
  slashes and whitespace runs become one space. Terms are matched on word boundaries; "term*" matches any word that
  starts with "term", "*term" any word that ends with it (German compounds), and a space in a term matches the
  normalised gap between two words. The longest term wins at each position.
- Per topic and term: hits = body hits + 3 x title hits; contribution = weight x log2(1 + hits), so repeats count
  with diminishing returns and a title hit counts as much as three body hits. A topic's raw evidence is the sum of its
  terms' contributions; a level-1 topic also collects every match of its sub-topics (a sub-topic implies its level-1
  parent), counting each matched position once, with the best of its terms there.
- Score = 1 - exp(-raw / s), with s growing with the logarithm of the article's length, so long articles need more
  evidence for the same score. Scores are in (0, 1].
- Output: up to `top_k` level-1 topics (raw >= MIN_EVIDENCE and >= REL_MIN x the best level-1 raw), each followed by
  at most MAX_SUB of its sub-topics whose evidence is strong (raw >= SUB_MIN and >= SUB_SHARE x the parent's raw, and
  the parent itself has >= SUB_PARENT_REL x the best level-1 raw);
  all sorted by score, descending. A sub-topic's score never exceeds its parent's. No evidence -> [].

The lexicon is data: each language's `lang/<code>/topics.tsv` (topic code, term, weight; the German one holds the
loanwords German news uses). A language without a folder is read with the English lexicon. When `language` is None,
the language vote (`newsdesk.lang.detect`) decides, because common English terms are ordinary German words ("war" =
"was").

Speed: all terms of one language are compiled into ONE trie-shaped regex (plus one for "*suffix" terms), scanned once
per text. We measured one regex per topic at ~9 ms per 1,000 words (each scan pays per character); one trie scan costs
~0.3 ms.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
import pandas as pd

from newsdesk import lang
from newsdesk.record import TopicScore

METHOD = "lexicon-v1"
TITLE_WEIGHT = 3.0  # a title hit counts as this many body hits: headlines state what the story is about
MIN_EVIDENCE = 2.0  # raw evidence a level-1 topic needs (e.g. one good term in the body twice, or once in the title)
REL_MIN = 0.12  # ... and this share of the best level-1 topic's evidence, to drop incidental mentions
SUB_MIN = 4.0  # a sub-topic needs at least this raw evidence ...
SUB_SHARE = 0.2  # ... and this share of its parent's evidence to be reported ...
SUB_PARENT_REL = 0.35  # ... and its parent must be a main topic: this share of the best level-1 evidence
MAX_SUB = 2  # sub-topics reported per level-1 topic
SCALE_BASE = 10.0  # raw evidence at which a short article scores 1 - 1/e
SCALE_WORDS = 500.0  # article length (words) at which the scale has grown by ln 2

# ---------------------------------------------------------------------------------------------------------------
# Taxonomy
# ---------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _taxonomy_frame() -> pd.DataFrame:
    path = resources.files("newsdesk") / "data" / "iptc_mediatopics.csv"
    with path.open("r", encoding="utf-8") as f:
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
    df["parent"] = df["parent"].where(df["parent"] != "", None)
    df["level"] = df["level"].astype(int)
    return df[["code", "label", "parent", "level"]]


def taxonomy() -> pd.DataFrame:
    """All active IPTC Media Topics: columns code, label, parent (missing for level 1), level."""
    return _taxonomy_frame().copy()  # copy: callers may mutate, the cache must not change


# ---------------------------------------------------------------------------------------------------------------
# Text normalisation and matching
# ---------------------------------------------------------------------------------------------------------------
_GAP = re.compile(r"[\s\-\u2010-\u2015_/]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def _fold(text: str) -> str:
    """Lowercase, strip accents (ß -> ss), unify apostrophes, turn hyphens/slashes/whitespace runs into one space."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().translate(_QUOTES)
    return _GAP.sub(" ", s)


def _trie_regex(terms: list[str], suffix: bool) -> re.Pattern[str]:
    """One alternation shaped as a character trie, so the engine tests each position against few branches."""
    root: dict[str, dict] = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts: list[str] = []
        end = star = False
        for ch in sorted(node):
            if ch == "":
                end = True
            elif ch == "*":
                star = True
            else:
                alts.append((r"\ " if ch == " " else re.escape(ch)) + emit(node[ch]))
        # Literal continuations first, then a stem's open tail: Python takes the first alternative that succeeds,
        # so trying the longer literal terms first makes the longest term win.
        if star:
            alts.append(r"\w*")
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    lead = r"\b\w*?" if suffix else r"\b"  # suffix terms may start anywhere inside a word
    return re.compile(lead + emit(root) + r"\b")


Hits = dict[int, tuple[str, float]]  # node index -> (term key, weight): what one matched word/phrase counts for


@dataclass
class _LangIndex:
    """Compiled terms of one language: term -> [(node index, weight)] for exact terms, stems and suffixes."""

    exact: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    stems: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    suffixes: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    prefix_rx: re.Pattern[str] | None = None
    suffix_rx: re.Pattern[str] | None = None
    max_stem: int = 0
    max_suffix: int = 0

    def add(self, raw_term: str, node: int, weight: float) -> None:
        term = _fold(raw_term.strip())
        if term.startswith("*"):
            self.suffixes.setdefault(term[1:], []).append((node, weight))
        elif term.endswith("*"):
            self.stems.setdefault(term[:-1], []).append((node, weight))
        elif term:
            self.exact.setdefault(term, []).append((node, weight))

    def compile(self) -> None:
        prefix_terms = list(self.exact) + [s + "*" for s in self.stems]
        self.prefix_rx = _trie_regex(prefix_terms, suffix=False) if prefix_terms else None
        self.suffix_rx = _trie_regex(list(self.suffixes), suffix=True) if self.suffixes else None
        self.max_stem = max((len(s) for s in self.stems), default=0)
        self.max_suffix = max((len(s) for s in self.suffixes), default=0)

    def _resolve(self, m: str) -> Hits:
        """The best term per node among all terms that match the string m (exact, stem prefixes, suffixes)."""
        out: Hits = {}

        def take(key: str, hits: list[tuple[int, float]]) -> None:
            for node, w in hits:
                if node not in out or out[node][1] < w:
                    out[node] = (key, w)

        if m in self.exact:
            take(m, self.exact[m])
        for k in range(min(len(m), self.max_stem), 0, -1):
            if m[:k] in self.stems:
                take(m[:k] + "*", self.stems[m[:k]])
        for k in range(max(0, len(m) - self.max_suffix), len(m)):
            if m[k:] in self.suffixes:
                take("*" + m[k:], self.suffixes[m[k:]])
        return out

    def matches(self, text: str) -> list[Hits]:
        """One entry per matched position in folded text; a word found by both scans is merged, best term per node."""
        by_start: dict[int, Hits] = {}
        for rx in (self.prefix_rx, self.suffix_rx):
            if rx is None:
                continue
            for m in rx.finditer(text):
                slot = by_start.setdefault(m.start(), {})
                for node, (key, w) in self._resolve(m.group()).items():
                    if node not in slot or slot[node][1] < w:
                        slot[node] = (key, w)
        return [slot for slot in by_start.values() if slot]


@dataclass(frozen=True)
class _Model:
    codes: tuple[str, ...]  # lexicon node -> topic code
    level1: dict[str, str]  # topic code -> its level-1 ancestor
    labels: dict[str, str]
    index: dict[str, _LangIndex]


@lru_cache(maxsize=1)
def _model() -> _Model:
    tax = _taxonomy_frame()
    parent = {c: p for c, p in zip(tax["code"], tax["parent"]) if isinstance(p, str) and p}  # level 1: missing
    labels = dict(zip(tax["code"], tax["label"]))

    def ancestor(code: str) -> str:
        while parent.get(code):
            code = parent[code]
        return code

    lexicons = {code: lang.get(code).rows("topics.tsv") for code in lang.codes()}
    # one node per topic, in the taxonomy's order, whichever languages list it
    listed = {row[0] for rows in lexicons.values() for row in rows}
    for code in sorted(listed - set(labels)):
        raise ValueError(f"lexicon topic {code} is not an active IPTC Media Topic")
    codes = tuple(c for c in tax["code"] if c in listed)
    node = {c: i for i, c in enumerate(codes)}
    index = {code: _LangIndex() for code in lexicons}
    for code, rows in lexicons.items():
        for topic, term, weight in sorted(rows, key=lambda r: node[r[0]]):
            index[code].add(term, node[topic], float(weight))
    for idx in index.values():
        idx.compile()
    return _Model(codes, {c: ancestor(c) for c in codes}, labels, index)


def _lexicon_language(language: str | None, title: str, text: str) -> str:
    """Which lexicon to use: the language's own, English for a language without a folder; when unknown, the
    language vote over the title and text (English when it finds none)."""
    if language:
        found = lang.lookup(language)
        return found.code if found is not None else lang.DEFAULT
    return lang.detect(title + "\n" + text, min_words=0, min_votes=1) or lang.DEFAULT


def _evidence(title: str, text: str, language: str | None = None) -> dict[str, float]:
    """Raw evidence per lexicon topic code; a level-1 topic also collects its sub-topics' matches."""
    model = _model()
    ftitle, ftext = _fold(title), _fold(text)
    idx = model.index[_lexicon_language(language, title, text)]
    # (topic code, term key) -> [weight, body hits, title hits]. At each matched position a level-1 topic counts
    # only its best term, so a word listed under both a sub-topic and its parent is not counted twice.
    tally: dict[tuple[str, str], list[float]] = {}
    for field_index, folded in ((1, ftext), (2, ftitle)):
        for hits in idx.matches(folded):
            best_top: dict[str, tuple[str, float]] = {}
            for node, (key, w) in hits.items():
                code = model.codes[node]
                top = model.level1[code]
                if top != code:
                    entry = tally.setdefault((code, key), [w, 0.0, 0.0])
                    entry[field_index] += 1
                if top not in best_top or best_top[top][1] < w:
                    best_top[top] = (key, w)
            for top, (key, w) in best_top.items():
                entry = tally.setdefault((top, key), [w, 0.0, 0.0])
                entry[0] = max(entry[0], w)
                entry[field_index] += 1
    out: dict[str, float] = {}
    for (code, _key), (w, n_body, n_title) in tally.items():
        out[code] = out.get(code, 0.0) + w * math.log2(1.0 + n_body + TITLE_WEIGHT * n_title)
    return out


def _scale(n_words: int) -> float:
    return SCALE_BASE * (1.0 + math.log1p(n_words / SCALE_WORDS))


def classify(title: str, text: str, language: str | None = None, top_k: int = 5) -> list[TopicScore]:
    """IPTC Media Topics for an article: ranked level-1 topics plus strongly supported sub-topics, scores in (0, 1]."""
    title, text = title or "", text or ""
    if top_k <= 0 or not (title.strip() or text.strip()):
        return []
    model = _model()
    raw = _evidence(title, text, language)
    scale = _scale(len(title.split()) + len(text.split()))

    def score(r: float) -> float:
        return max(1e-6, 1.0 - math.exp(-r / scale))  # strictly positive for any reported topic

    ranked = sorted(
        ((c, r) for c, r in raw.items() if model.level1[c] == c and r >= MIN_EVIDENCE), key=lambda cr: (-cr[1], cr[0])
    )
    if not ranked:
        return []
    best = ranked[0][1]
    out: list[TopicScore] = []
    for code, r in [(c, r) for c, r in ranked if r >= REL_MIN * best][:top_k]:
        parent_score = score(r)
        out.append(TopicScore(code, model.labels[code], parent_score, METHOD))
        if r < SUB_PARENT_REL * best:
            continue  # sub-topics only for the article's main topics
        subs = sorted(
            (
                (c, sr)
                for c, sr in raw.items()
                if c != code and model.level1[c] == code and sr >= SUB_MIN and sr >= SUB_SHARE * r
            ),
            key=lambda cr: (-cr[1], cr[0]),
        )[:MAX_SUB]
        out.extend(TopicScore(c, model.labels[c], min(score(sr), parent_score), METHOD) for c, sr in subs)
    out.sort(key=lambda t: (-t.score, t.code))
    return out
