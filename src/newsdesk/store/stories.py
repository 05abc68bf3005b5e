"""Assign newly landed articles to stories (near-duplicate clusters) using the LSH index in the database."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from newsdesk.enrich.syndication import THRESHOLD, band_keys, signature, similarity

STORY_TABLES = ("article_stories", "article_lsh")


def assign_stories(con: Any, articles: pd.DataFrame, load_id: str) -> dict[str, pd.DataFrame]:
    """Rows for `article_stories` and `article_lsh` for `articles` (article_id, text, published_at).

    Earlier-published articles are placed first, so a story's id is its earliest article in the batch; an
    article matching one already stored joins that article's story.
    """
    if articles.empty:
        return {t: pd.DataFrame() for t in STORY_TABLES}
    order = articles.sort_values(["published_at", "article_id"], na_position="last")
    sigs = {aid: signature(text) for aid, text in zip(order["article_id"], order["text"])}
    keys = {aid: band_keys(sig) for aid, sig in sigs.items()}
    lsh = pd.DataFrame([(aid, b, k) for aid, ks in keys.items() for b, k in enumerate(ks)],
                       columns=["article_id", "band", "bucket"])
    stored = _stored_candidates(con, lsh)
    story: dict[str, tuple[str, str | None, float]] = {}
    seen: dict[tuple[int, int], list[str]] = {}  # this batch's own band index
    for aid in order["article_id"]:
        sig = sigs[aid]
        best: tuple[float, str, str] | None = None  # (similarity, matched id, story id)
        for cand, (cand_story, cand_sig) in stored.get(aid, {}).items():
            s = similarity(sig, cand_sig)
            if s >= THRESHOLD and (best is None or s > best[0]):
                best = (s, cand, cand_story)
        for b, k in enumerate(keys[aid]):
            for cand in seen.get((b, k), []):
                s = similarity(sig, sigs[cand])
                if s >= THRESHOLD and (best is None or s > best[0]):
                    best = (s, cand, story[cand][0])
        story[aid] = (best[2], best[1], best[0]) if best else (aid, None, 1.0)
        for b, k in enumerate(keys[aid]):
            seen.setdefault((b, k), []).append(aid)
    stories = pd.DataFrame(
        [(aid, s, m, sim, sigs[aid].tolist(), load_id) for aid, (s, m, sim) in story.items()],
        columns=["article_id", "story_id", "matched_article_id", "similarity", "minhash", "load_id"],
    )
    return {"article_stories": stories, "article_lsh": lsh}


def _stored_candidates(con: Any, lsh: pd.DataFrame) -> dict[str, dict[str, tuple[str, np.ndarray]]]:
    """For each new article, the stored articles sharing a band bucket: {new id: {stored id: (story, sig)}}."""
    con.register("_nd_lsh", lsh)
    try:
        rows = con.execute(
            """SELECT DISTINCT n.article_id, s.article_id, s.story_id, s.minhash
               FROM _nd_lsh n
               JOIN article_lsh l ON l.band = n.band AND l.bucket = n.bucket AND l.article_id <> n.article_id
               JOIN article_stories s ON s.article_id = l.article_id"""
        ).fetchall()
    finally:
        con.unregister("_nd_lsh")
    out: dict[str, dict[str, tuple[str, np.ndarray]]] = {}
    for new_id, old_id, story_id, minhash in rows:
        out.setdefault(new_id, {})[old_id] = (story_id, np.array(minhash, dtype=np.uint64))
    return out
