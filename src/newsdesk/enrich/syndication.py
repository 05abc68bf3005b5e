"""Syndication: near-duplicate detection with MinHash over word shingles, banded for LSH look-ups.

One wire story republished by ten outlets becomes one story with ten articles. Each article gets a MinHash
signature (128 multiply-shift hash functions over its 5-word shingles) and 32 band keys; articles sharing a band
key are candidates, and a candidate whose estimated Jaccard similarity reaches `THRESHOLD` joins its story.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

N_PERM = 128
BANDS = 32
ROWS = N_PERM // BANDS
SHINGLE = 5
THRESHOLD = 0.5  # estimated Jaccard of 5-word shingles; syndicated copies with edited boilerplate stay above it
_rng = np.random.default_rng(20251012)  # fixed: signatures must be comparable across runs and machines
_A = _rng.integers(1, 2**63, size=N_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, size=N_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)
_MAX = np.uint64(2**64 - 1)


def _tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


def shingle_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the text's distinct word 5-grams (whole text when shorter)."""
    toks = _tokens(text)
    if not toks:
        return np.zeros(0, dtype=np.uint64)
    n = max(1, len(toks) - SHINGLE + 1)
    grams = {" ".join(toks[i:i + SHINGLE]) for i in range(n)}
    return np.fromiter(
        (int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams),
        dtype=np.uint64, count=len(grams),
    )


def signature(text: str) -> np.ndarray:
    """The MinHash signature (N_PERM uint64 values); all-max for an empty text."""
    x = shingle_hashes(text)
    if x.size == 0:
        return np.full(N_PERM, _MAX, dtype=np.uint64)
    with np.errstate(over="ignore"):  # multiply-shift hashing relies on uint64 wrap-around
        h = (_A[:, None] * x[None, :] + _B[:, None]) >> np.uint64(16)
    return h.min(axis=1)


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per band (for an index on equality)."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS:(b + 1) * ROWS].tobytes()
        out.append(int.from_bytes(hashlib.blake2b(chunk + bytes([b]), digest_size=8).digest(), "little") >> 1)
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))
