from __future__ import annotations

import numpy as np

from newsdesk.enrich.syndication import BANDS, N_PERM, band_keys, signature, similarity

BASE = ("Ukraine initiated emergency power outages in Kyiv and nine other regions due to Russian missile and drone "
        "assaults targeting the country's energy facilities. Power was restored on Saturday to over 800,000 "
        "residents in Kyiv; however, officials noted that localized outages persist across the east of the country.")


def test_signature_is_deterministic_and_sized() -> None:
    a, b = signature(BASE), signature(BASE)
    assert a.shape == (N_PERM,) and a.dtype == np.uint64 and np.array_equal(a, b)
    assert len(band_keys(a)) == BANDS and band_keys(a) == band_keys(b)


def test_near_duplicates_score_high_and_different_texts_low() -> None:
    edited = "UPDATED: " + BASE.replace("nine other regions", "ten other regions") + " Follow us for updates."
    other = ("The central bank raised interest rates by a quarter point on Thursday, citing persistent inflation in "
             "services and a tight labour market, and signalled that further increases remain possible this year.")
    assert similarity(signature(BASE), signature(edited)) >= 0.6
    assert similarity(signature(BASE), signature(other)) <= 0.1
    # shared band keys are what make candidates: near-duplicates share some, unrelated texts none
    assert set(band_keys(signature(BASE))) & set(band_keys(signature(edited)))
    assert not set(band_keys(signature(BASE))) & set(band_keys(signature(other)))


def test_empty_text_has_a_signature_that_matches_nothing_real() -> None:
    assert similarity(signature(""), signature(BASE)) == 0.0
