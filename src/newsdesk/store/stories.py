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


MAX_CANDIDATES = 256  # stored articles compared per new one: those sharing the most band keys (a big story's copies)
_IN_CHUNK = 4096  # literals per IN list


def _in_list(values: list[Any]) -> str:
    """A literal SQL list: integers as they are, strings quoted (DuckDB plans a literal IN list as a small hash
    join, where a bound list of parameters is far slower)."""
    return ", ".join(str(int(v)) if not isinstance(v, str) else "'" + v.replace("'", "''") + "'" for v in values)


def _stored_candidates(con: Any, lsh: pd.DataFrame) -> dict[str, dict[str, tuple[str, np.ndarray]]]:
    """For each new article, the stored articles sharing a band bucket: {new id: {stored id: (story, sig)}}.

    Two narrow look-ups instead of one join: the band keys (one column of `article_lsh`, filtered by the batch's
    keys), then the stories and signatures of the matching articles only (the signature column is the wide one:
    reading it for every stored article cost seconds at a million). At most MAX_CANDIDATES per new article, those
    sharing the most bands first."""
    if lsh.empty:
        return {}
    buckets = sorted({int(b) for b in lsh["bucket"]})
    parts = [con.execute(f"SELECT article_id, band, bucket FROM article_lsh WHERE bucket IN ({_in_list(chunk)})").df()
             for chunk in (buckets[i:i + _IN_CHUNK] for i in range(0, len(buckets), _IN_CHUNK))]
    found = pd.concat(parts, ignore_index=True).rename(columns={"article_id": "old_id"})
    hits = lsh.rename(columns={"article_id": "new_id"}).astype({"band": "int64", "bucket": "uint64"}).merge(
        found.astype({"band": "int64", "bucket": "uint64"}), on=["band", "bucket"])
    hits = hits[hits["new_id"] != hits["old_id"]]
    if hits.empty:
        return {}
    shared = hits.groupby(["new_id", "old_id"], sort=False).size().rename("n").reset_index()
    shared = shared.sort_values(["new_id", "n", "old_id"], ascending=[True, False, True])
    shared = shared.groupby("new_id", sort=False).head(MAX_CANDIDATES)
    olds = sorted(set(shared["old_id"]))
    stories: dict[str, tuple[str, np.ndarray]] = {}
    for i in range(0, len(olds), _IN_CHUNK):
        for old_id, story_id, minhash in con.execute(
                "SELECT article_id, story_id, minhash FROM article_stories "
                f"WHERE article_id IN ({_in_list(olds[i:i + _IN_CHUNK])})").fetchall():
            stories[old_id] = (story_id, np.array(minhash, dtype=np.uint64))
    out: dict[str, dict[str, tuple[str, np.ndarray]]] = {}
    for new_id, old_id in zip(shared["new_id"], shared["old_id"]):
        if old_id in stories:
            out.setdefault(new_id, {})[old_id] = stories[old_id]
    return out
