"""lang.literal_trie matches exactly what the longest-first alternation of the same entries matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.lang import literal_trie

WORDS = st.lists(st.text(alphabet="abÄäß-. ", min_size=1, max_size=6), min_size=1, max_size=12)
TEXT = st.text(alphabet="abAÄäß-. x", max_size=60)


@given(WORDS, TEXT)
@settings(max_examples=400, deadline=None)
def test_same_matches_as_the_longest_first_alternation(words: list[str], text: str) -> None:
    plain = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    for template in ("(?:{})", r"(?:{})\b", r"(?:{})(?=a)", r"x?(?:{})x"):
        want = [m.span() for m in re.finditer(template.format(plain), text)]
        assert [m.span() for m in re.finditer(template.format(literal_trie(words)), text)] == want


@given(WORDS, TEXT)
@settings(max_examples=400, deadline=None)
def test_folded_case_for_patterns_used_ignoring_case(words: list[str], text: str) -> None:
    plain = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    want = [m.span() for m in re.finditer(rf"(?i:{plain})", text)]
    assert [m.span() for m in re.finditer(rf"(?i:{literal_trie(words, fold_case=True)})", text)] == want


def test_shape() -> None:
    assert literal_trie(["Präsident", "Präsidentin", "Chef"]) == "(?:Chef|Präsident(?:in)?)"
