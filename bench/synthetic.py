"""Build a synthetic newsdesk database of N articles straight into the store (no NLP, no GX), for scale tests.

Usage: python bench/synthetic.py --articles N --db FILE [--seed S] [--chunk 50000] [--end YYYY-MM-DD] [--years 15]
                                 [--no-publish] [--force] [--memory-limit 4GB]

Shapes: a few hundred sources in five languages (en, de, fr, es, it) with Zipf-like volumes and bylines; wire
agencies (AP, Reuters, AFP, dpa, ...) credited in `authors`, `wire_agencies` and some datelines; publication dates
over `--years` years, denser in recent years, with fewer articles at weekends and a daily rhythm; a long tail of
actors (the curated alias table and countries at the head, then generated persons, organisations, places, groups)
with other-language aliases (Selenskyj / Zelensky); actors grouped in storylines that recur together over weeks;
date mentions resolved around the publication date (mostly before it); IPTC topics of the packaged taxonomy with
their level-1 parents; quotes attributed to person actors; stories of syndicated wire copies across outlets.
Article texts are generated from templates that name the article's actors, quotes and dates at the offsets stored
in the child tables, so full-text search and the marts work on them. MinHash signatures in `article_stories` are
synthetic (not computed from the text): copies of a story share most of their story's signature, which is what
`similarity` reports, and `article_lsh` holds their real band keys.

Deterministic for a given --seed, --chunk, --end and --years. Prints progress, rows per table, seconds and sizes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_world as W  # noqa: E402
from newsdesk.record import calendar_value  # noqa: E402

DEFAULT_END = date(2026, 11, 30)  # fixed, so a seed always gives the same database (clipped to today)
TABLES = ("articles", "actors", "article_actors", "date_mentions", "article_topics", "quotes", "article_stories",
          "article_lsh")
GRAN = np.array(["day", "week", "month", "quarter", "season", "year", "decade"])
GRAN_P = np.array([0.5, 0.08, 0.17, 0.03, 0.03, 0.15, 0.04])
EPOCH = np.datetime64("1970-01-01", "D")


@dataclass
class World:
    seed: int
    chunk: int
    start: date
    end: date
    n_days: int
    dayp: np.ndarray
    sources: W.Sources
    pool: W.Actors
    actor_p: np.ndarray
    stories: W.Storylines
    codes: list[str]
    labels: list[str]
    lvl1: np.ndarray          # index of each code's level-1 ancestor (itself at level 1)
    topic_p: np.ndarray
    agency_p: dict[int, np.ndarray]  # per language index: P(agency)
    demonym: dict[str, str]
    load_id: str


def build_world(seed: int, n_articles: int, chunk: int, end: date, years: int, load_id: str) -> World:
    from newsdesk.enrich.topics import taxonomy

    rng = np.random.default_rng([seed, 0])
    start = date(end.year - years, end.month, 1)
    n_days = (end - start).days + 1
    dayp = W.day_weights(start, end)
    sources = W.build_sources(rng, 320)
    n_pool = int(np.clip(n_articles // 4, 3000, 400_000))
    pool = W.build_actors(rng, n_pool)
    actor_p = W.zipf_p(len(pool), 1.05, 4.0)
    tax = taxonomy()
    codes, labels = tax["code"].tolist(), tax["label"].tolist()
    parent = dict(zip(tax["code"], tax["parent"]))
    index = {c: i for i, c in enumerate(codes)}
    lvl1 = np.empty(len(codes), dtype=np.int64)
    for i, c in enumerate(codes):
        while isinstance(parent.get(c), str) and parent[c] in index:
            c = parent[c]
        lvl1[i] = index[c]
    level = tax["level"].to_numpy()
    w = np.where((level >= 2) & (level <= 4), 1.0, 0.0)
    order = rng.permutation(np.flatnonzero(w))
    topic_p = np.zeros(len(codes))
    topic_p[order] = W.zipf_p(len(order), 1.0, 3.0)
    n_stories = max(40, n_articles // 120)
    stories = W.build_storylines(rng, n_stories, n_days, dayp, actor_p, pool, topic_p)
    agency_p = {}
    for li, lang in enumerate(W.LANGS):
        p = np.array([a[3] * (1.0 if lang in a[2] else 0.02) for a in W.AGENCIES])
        agency_p[li] = p / p.sum()
    demonym = {c[0]: c[6] for c in W.COUNTRIES}
    return World(seed, chunk, start, end, n_days, dayp, sources, pool, actor_p, stories, codes, labels, lvl1,
                 topic_p, agency_p, demonym, load_id)


def _ragged_index(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For items with `counts` children each: (parent of every child, position of the child within its parent)."""
    parent = np.repeat(np.arange(len(counts)), counts)
    first = np.cumsum(counts) - counts
    return parent, np.arange(len(parent)) - first[parent]


def _date_ranges(target: np.ndarray, gran: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """start/end (datetime64[D]) of the period of each granularity that contains `target`."""
    t = target
    months = t.astype("datetime64[M]")
    yrs = t.astype("datetime64[Y]")
    mon = (months - yrs).astype(int)  # 0..11
    wd = ((t - EPOCH).astype(int) + 3) % 7  # 1970-01-01 was a Thursday: Monday = 0
    start = t.copy()
    end = t.copy()
    g = gran
    m = g == "week"
    start[m] = t[m] - wd[m]
    end[m] = start[m] + 6
    m = g == "month"
    start[m] = months[m].astype("datetime64[D]")
    end[m] = (months[m] + 1).astype("datetime64[D]") - 1
    m = g == "quarter"
    q0 = yrs[m].astype("datetime64[M]") + (mon[m] // 3) * 3
    start[m] = q0.astype("datetime64[D]")
    end[m] = (q0 + 3).astype("datetime64[D]") - 1
    m = g == "season"  # meteorological: Dec-Feb, Mar-May, Jun-Aug, Sep-Nov
    s0 = months[m] - ((mon[m] + 1) % 3)
    start[m] = s0.astype("datetime64[D]")
    end[m] = (s0 + 3).astype("datetime64[D]") - 1
    m = g == "year"
    start[m] = yrs[m].astype("datetime64[D]")
    end[m] = (yrs[m] + 1).astype("datetime64[D]") - 1
    m = g == "decade"
    y = yrs[m].astype(int) + 1970
    d0 = (y // 10 * 10 - 1970).astype("timedelta64[Y]") + np.datetime64("1970", "Y")
    start[m] = d0.astype("datetime64[D]")
    end[m] = (d0 + 10).astype("datetime64[D]") - 1
    return start, end


def _phrase(R: dict, gran: str, s: date, e: date, pub: date) -> str:
    """The date as an article in this language would write it, relative to the publication date."""
    if gran == "day":
        lag = (pub - s).days
        if lag == 1:
            return R["yesterday"]
        if -6 <= lag <= 6 and lag != 0:
            return R["on_wd"].format(w=R["weekdays"][s.weekday()])
        if s.year == pub.year:
            return R["on_md"].format(m=R["months"][s.month - 1], d=s.day)
        return R["on_mdy"].format(m=R["months"][s.month - 1], d=s.day, y=s.year)
    if gran == "week":
        wk = (pub - timedelta(days=pub.weekday()) - s).days
        if wk == 0 and pub.weekday() > 0:
            return R["this_week"]
        if wk == 7:
            return R["last_week"]
        return R["week_of"].format(m=R["months"][s.month - 1], d=s.day, y=s.year)
    if gran == "month":
        if s.year == pub.year:
            return R["in_m"].format(m=R["months"][s.month - 1])
        return R["in_my"].format(m=R["months"][s.month - 1], y=s.year)
    if gran == "year":
        if s.year == pub.year:
            return R["this_year"]
        if s.year == pub.year - 1:
            return R["last_year"]
        return R["in_y"].format(y=s.year)
    if gran == "quarter":
        return R["quarter"].format(o=R["ords"][(s.month - 1) // 3], y=s.year)
    if gran == "season":
        return R["season"].format(s=R["seasons"][(s.month % 12) // 3], y=e.year if s.month == 12 else s.year)
    return R["decade"].format(y=s.year)


def _words(s: str) -> int:
    return s.count(" ") + 1


def gen_chunk(w: World, ci: int, n: int) -> dict[str, pa.Table]:
    """Rows of every table for `n` articles (chunk `ci`), as Arrow tables named after the tables' columns."""
    rng = np.random.default_rng([w.seed, 1000 + ci])
    src, pool, st = w.sources, w.pool, w.stories
    # --- stories: originals, and how many outlets ran each (wire copies) ---------------------------------------
    k = n
    wire = rng.random(k) < 0.3
    extra = np.where(wire & (rng.random(k) < 0.5), np.minimum(rng.geometric(0.3, k), 24), 0)
    sizes = 1 + extra
    cum = np.cumsum(sizes)
    m = int(np.searchsorted(cum, n) + 1)
    sizes, wire = sizes[:m].copy(), wire[:m]
    sizes[-1] -= int(cum[m - 1] - n)
    row_orig, member = _ragged_index(sizes)
    first_row = np.cumsum(sizes) - sizes
    # --- originals: storyline, day, source -----------------------------------------------------------------
    sl = rng.choice(len(st.popularity), size=m, p=st.popularity)
    width = st.width[sl]
    mega = width < 0
    day = np.where(mega, rng.choice(w.n_days, size=m, p=w.dayp),
                   st.center[sl] + np.round(rng.normal(0, 1, m) * np.abs(width))).astype(np.int64)
    day = np.clip(day, 0, w.n_days - 1)
    wd = (day + w.start.weekday()) % 7
    u = rng.random(m)
    shift = rng.integers(1, 4, size=m)  # weekend stories move to the weekdays around them
    day = np.where((wd == 5) & (u < 0.35), day - shift, np.where((wd == 6) & (u < 0.4), day + shift, day))
    day = np.clip(day, 0, w.n_days - 1)
    secs = rng.choice(24, size=m, p=W.HOUR_P) * 3600 + rng.integers(0, 3600, size=m)
    start64 = np.datetime64(w.start, "s")
    end64 = np.datetime64(w.end, "s") + np.timedelta64(86399, "s")
    pub_o = start64 + (day * 86400 + secs).astype("timedelta64[s]")
    source_o = rng.choice(len(src.domain), size=m, p=src.weight)
    lang_o = src.lang[source_o]
    agency_o = np.full(m, -1)
    for li in range(len(W.LANGS)):
        sel = np.flatnonzero(wire & (lang_o == li))
        agency_o[sel] = rng.choice(len(W.AGENCIES), size=len(sel), p=w.agency_p[li])
    # --- per-row (original or copy) article fields ---------------------------------------------------------
    is_copy = member > 0
    src_row = source_o[row_orig].copy()
    nc = int(is_copy.sum())
    if nc:
        lang_c = lang_o[row_orig[is_copy]]
        pick = np.empty(nc, dtype=np.int64)
        for li in range(len(W.LANGS)):
            sel = np.flatnonzero(lang_c == li)
            cand = src.by_lang[li]
            cw = src.weight[cand] / src.weight[cand].sum()
            pick[sel] = cand[rng.choice(len(cand), size=len(sel), p=cw)]
        src_row[is_copy] = pick
    delay = np.where(is_copy, rng.exponential(5 * 3600, n), 0).astype(np.int64)
    pub = np.minimum(pub_o[row_orig] + delay.astype("timedelta64[s]"), end64)
    fetched = np.minimum(pub + rng.integers(300, 3 * 86400, n).astype("timedelta64[s]"), end64)
    # --- actors per original -------------------------------------------------------------------------------
    n_act = np.clip(2 + rng.poisson(4.5, m), 2, 18)
    a_parent, a_pos = _ragged_index(n_act)
    n_core_pick = rng.binomial(n_act, 0.65)
    core_n = st.n_core[sl][a_parent]
    core_slot = np.where(a_pos < 2, a_pos, (rng.random(len(a_parent)) * core_n).astype(np.int64))
    from_core = (a_pos < n_core_pick[a_parent]) | (a_pos < 1)
    bg = rng.choice(len(pool), size=len(a_parent), p=w.actor_p)
    actor = np.where(from_core, st.core[sl[a_parent], np.minimum(core_slot, core_n - 1)], bg)
    key = a_parent * len(pool) + actor
    _, keep = np.unique(key, return_index=True)
    keep = np.sort(keep)
    a_parent, actor = a_parent[keep], actor[keep]
    n_act = np.bincount(a_parent, minlength=m)
    a_first = np.cumsum(n_act) - n_act
    # --- date mentions per original ------------------------------------------------------------------------
    n_dates = np.minimum(rng.poisson(2.6, m), 8)
    d_parent, _ = _ragged_index(n_dates)
    nd = len(d_parent)
    gran = GRAN[rng.choice(len(GRAN), size=nd, p=GRAN_P)]
    r = rng.random(nd)
    lag = np.where(r < 0.6, rng.geometric(0.3, nd) - 1,
                   np.where(r < 0.85, rng.integers(8, 120, nd),
                            np.where(r < 0.93, np.exp(rng.uniform(np.log(120), np.log(3650), nd)).astype(np.int64),
                                     -rng.integers(1, 60, nd))))
    scale = np.select([gran == "month", np.isin(gran, ["quarter", "season"]), gran == "year"], [4, 8, 30], 1)
    lag = np.clip(lag * scale, -90, 5500)
    lag = np.where(gran == "decade", rng.integers(5, 50, nd) * 365, lag)
    pub_day = pub_o.astype("datetime64[D]")
    target = pub_day[d_parent] - lag.astype("timedelta64[D]")
    d_start, d_end = _date_ranges(target, gran, rng)
    d_first = np.cumsum(n_dates) - n_dates
    # --- topics per original -------------------------------------------------------------------------------
    t1 = st.topics[sl, 0]
    t2 = st.topics[sl, 1]
    t3 = np.where(rng.random(m) < 0.25, rng.choice(len(w.codes), size=m, p=w.topic_p), -1)
    spec = np.stack([t1, t2, t3], axis=1)
    sc = np.stack([rng.beta(6, 2, m), rng.beta(4, 3, m), rng.beta(2, 5, m) * 0.6], axis=1)
    par = np.where(spec >= 0, w.lvl1[np.maximum(spec, 0)], -1)
    psc = np.minimum(1.0, sc + rng.uniform(0, 0.15, (m, 3)))
    tp = np.concatenate([np.repeat(np.arange(m), 3), np.repeat(np.arange(m), 3)])
    tc = np.concatenate([spec.ravel(), par.ravel()])
    ts = np.concatenate([sc.ravel(), psc.ravel()])
    ok = tc >= 0
    tp, tc, ts = tp[ok], tc[ok], np.maximum(ts[ok], 0.001)
    order = np.lexsort((-ts, tp))
    tp, tc, ts = tp[order], tc[order], ts[order]
    dedup = np.ones(len(tp), dtype=bool)
    _, first_idx = np.unique(tp * len(w.codes) + tc, return_index=True)  # keep the best score per (article, code)
    dedup[:] = False
    dedup[first_idx] = True
    tp, tc, ts = tp[dedup], tc[dedup], ts[dedup]
    order = np.lexsort((-ts, tp))
    tp, tc, ts = tp[order], tc[order], np.round(ts[order], 4)
    t_counts = np.bincount(tp, minlength=m)
    _, t_rank = _ragged_index(t_counts)
    t_rank = t_rank + 1
    top_code = tc[np.cumsum(t_counts) - t_counts]  # the first-ranked topic (every article has one)
    # --- per-original randomness the text loop consumes ----------------------------------------------------
    n_quotes = np.minimum(rng.poisson(1.1, m), 4)
    target_words = np.clip(rng.lognormal(np.log(230), 0.35, m), 110, 700).astype(np.int64)
    has_dateline = rng.random(m) < 0.45
    dl_date = rng.random(m) < 0.7
    R_int = rng.integers(0, 1 << 30, size=(m, 24))  # template picks and numbers
    # --- the text loop: originals --------------------------------------------------------------------------
    L, LANGS, types, roles = W.L, W.LANGS, pool.types, pool.role
    aa_rows: dict[str, list] = {c: [] for c in ("orig", "actor", "mentions", "aliases", "roles", "roles_written",
                                                  "first_offset", "in_title", "in_lead", "is_source")}
    dm_rows: dict[str, list] = {c: [] for c in ("orig", "idx", "text", "sentence", "char_offset")}
    q_rows: dict[str, list] = {c: [] for c in ("orig", "idx", "speaker", "actor", "text", "start", "end")}
    o_title, o_text, o_dl_place = [], [], []
    d_start_py = d_start.astype("datetime64[D]").tolist()
    d_end_py = d_end.astype("datetime64[D]").tolist()
    pub_py = pub_day.tolist()
    for i in range(m):
        li = int(lang_o[i])
        lang = LANGS[li]
        R = L[lang]
        full, short = pool.full[lang], pool.short[lang]
        rr = R_int[i]
        acts = actor[a_first[i]:a_first[i] + n_act[i]].tolist()
        place = int(st.place[sl[i]])
        if place not in acts:
            acts.append(place)  # the storyline's place: dateline and events name it
        na = len(acts)
        label = w.labels[top_code[i]]
        mentions = [0] * na
        forms: list[set] = [set() for _ in range(na)]
        first_off = [-1] * na
        in_lead = [False] * na
        is_src = [False] * na
        role_used = [False] * na
        sents: list[tuple[str, list]] = []  # (sentence, marks); marks: ("a", k, off) ("d", j, off) ("q", j, s, e)

        def form(k: int) -> str:
            x = acts[k]
            f = full[x] if mentions[k] == 0 else short[x]
            mentions[k] += 1
            forms[k].add(f)
            return f

        def ra(k: int) -> str:
            x = acts[k]
            if types[x] != "person" or roles[x] < 0:
                return ""
            role = W.ROLE_NAMES[roles[x]]
            role_used[k] = True
            if lang == "en":
                dem = w.demonym.get(pool.country[x] or "")
                return f"{dem} {role} " if dem and rr[20] % 3 else f"{role} "
            written = W.ROLES[role][lang]
            art = {"de": "", "fr": "Le ", "es": "El ", "it": "Il "}[lang]
            return f"{art}{written} " if art else f"{written} "

        def put(tpl: str, slots: dict, marks: list) -> None:
            s = tpl.format(**slots)
            s = s[0].upper() + s[1:]
            out = []
            for mk in marks:
                if mk[0] == "a":
                    out.append(("a", mk[1], s.find(mk[2])))
                elif mk[0] == "d":
                    txt = mk[2]
                    off = s.find(txt)
                    if off < 0:  # the phrase opens the sentence, capitalised
                        txt = txt[0].upper() + txt[1:]
                        off = s.find(txt)
                    out.append(("d", mk[1], off, txt))
                else:
                    qs = s.find(mk[2])
                    out.append(("q", mk[1], qs, qs + len(mk[2]), mk[3]))
            sents.append((s, out))

        dates = list(range(d_first[i], d_first[i] + n_dates[i]))
        pub_d = pub_py[i]
        dtexts = [_phrase(R, gran[j], d_start_py[j], d_end_py[j], pub_d) for j in dates]
        # title
        t0, t1_ = short[acts[0]], short[acts[1]] if na > 1 else short[acts[0]]
        title = R["title"][rr[0] % len(R["title"])].format(a=t0, b=t1_, t=label)
        title = title[0].upper() + title[1:]
        # lead
        role0 = ra(0)
        a0 = form(0)
        a1 = form(1)
        dj = 0
        if dtexts:
            tpl = R["lead"][rr[1] % len(R["lead"])]
            put(tpl, {"ra": role0, "a": a0, "b": a1, "d": dtexts[0], "t": label},
                [("a", 0, a0), ("a", 1, a1), ("d", 0, dtexts[0])])
            dj = 1
        else:
            tpl = R["lead_nd"][rr[1] % len(R["lead_nd"])]
            put(tpl, {"ra": role0, "a": a0, "b": a1, "t": label}, [("a", 0, a0), ("a", 1, a1)])
        in_lead[0] = in_lead[1] = True
        p_idx = acts.index(place)
        # one sentence per further actor; events take the date mentions
        for k in range(2, na):
            x = acts[k]
            if k == p_idx:
                continue
            if dj < len(dtexts):
                tpl = R["event"][(rr[2] + k) % len(R["event"])]
                ak = form(k)
                slots = {"a": ak, "d": dtexts[dj], "t": label, "p": ""}
                marks = [("a", k, ak), ("d", dj, dtexts[dj])]
                if "{p}" in tpl:
                    pk = form(p_idx)
                    slots["p"] = pk
                    marks.append(("a", p_idx, pk))
                put(tpl, slots, marks)
                dj += 1
            elif types[x] == "organization" and (rr[3] + k) % 7 == 0:
                tpl = R["source"][(rr[4] + k) % len(R["source"])]
                ak = form(k)
                is_src[k] = True
                put(tpl, {"a": ak, "n": 10 + (rr[5] + k) % 990}, [("a", k, ak)])
            else:
                tpl = R["plain"][(rr[6] + k) % len(R["plain"])]
                rk = ra(k) if "{ra}" in tpl else ""
                ak = form(k)
                put(tpl, {"a": ak, "ra": rk}, [("a", k, ak)])
        while dj < len(dtexts):  # more dates than actors: the lead actor's events
            tpl = R["event"][(rr[7] + dj) % len(R["event"])]
            ak = form(0)
            slots = {"a": ak, "d": dtexts[dj], "t": label, "p": ""}
            marks = [("a", 0, ak), ("d", dj, dtexts[dj])]
            if "{p}" in tpl:
                pk = form(p_idx)
                slots["p"] = pk
                marks.append(("a", p_idx, pk))
            put(tpl, slots, marks)
            dj += 1
        # quotes by the article's persons (or unattributed)
        persons = [k for k in range(na) if types[acts[k]] == "person"]
        for j in range(n_quotes[i]):
            qt = R["quotes"][(rr[8] + j) % len(R["quotes"])].format(t=label)
            if persons and (rr[9] + j) % 7:
                k = persons[(rr[10] + j) % len(persons)]
                ak = form(k)
                tpl = R["quote"][(rr[11] + j) % len(R["quote"])]
                put(tpl, {"q": qt, "a": ak}, [("a", k, ak), ("q", j, qt, k)])
            else:
                tpl = R["quote"][0].replace("{a}", {"en": "officials", "de": "es", "fr": "on", "es": "se",
                                                    "it": "si"}[lang])
                put(tpl, {"q": qt}, [("q", j, qt, -1)])
        # filler up to the article's length; a paragraph every two or three sentences
        words = sum(_words(s) for s, _ in sents)
        body = sents[1:]
        fillers = R["filler"]
        f = 0
        pname = full[place]
        while words < target_words[i]:
            s = fillers[(rr[12] + f * 7) % len(fillers)].format(t=label, n=20 + (rr[13] + f * 37) % 4000, p=pname)
            body.insert(((rr[14] + f * 5) % (len(body) + 1)), (s, []))
            words += _words(s)
            f += 1
            if f > 60:
                break
        # dateline
        prefix = ""
        if has_dateline[i]:
            ag = W.AGENCIES[agency_o[i]][0] if agency_o[i] >= 0 else None
            pd_ = pub_d
            when = f", {R['mon3'][pd_.month - 1]} {pd_.day}" if dl_date[i] and lang == "en" else ""
            prefix = f"{pname.upper() if lang == 'en' else pname}{when}"
            prefix += f" ({ag}) – " if ag else " – "
            o_dl_place.append(pname)
        else:
            o_dl_place.append(None)
        # assemble: offsets from the sentences' positions
        text_parts = []
        pos = 0
        para = [sents[0]] + body
        for si, (s, marks) in enumerate(para):
            if si == 0:
                lead = prefix + s
                base = len(prefix)
                s = lead
            else:
                sep = "\n\n" if si % 3 == 1 else " "
                text_parts.append(sep)
                pos += len(sep)
                base = 0
            for mk in marks:
                if mk[0] == "a":
                    k = mk[1]
                    if first_off[k] < 0:
                        first_off[k] = pos + base + mk[2]
                elif mk[0] == "d":
                    dm_rows["orig"].append(i)
                    dm_rows["idx"].append(mk[1])
                    dm_rows["text"].append(mk[3])
                    dm_rows["sentence"].append(s[base:] if si == 0 else s)
                    dm_rows["char_offset"].append(pos + base + mk[2])
                else:
                    k = mk[4]
                    q_rows["orig"].append(i)
                    q_rows["idx"].append(mk[1])
                    q_rows["speaker"].append(pool.names[acts[k]] if k >= 0 else None)
                    q_rows["actor"].append(acts[k] if k >= 0 else -1)
                    q_rows["text"].append(s[mk[2]:mk[3]])
                    q_rows["start"].append(pos + base + mk[2])
                    q_rows["end"].append(pos + base + mk[3])
            text_parts.append(s)
            pos += len(s)
        o_text.append("".join(text_parts))
        o_title.append(title)
        for k in range(na):
            if mentions[k] == 0:
                continue
            x = acts[k]
            title_form = short[x] if short[x] in title else (full[x] if full[x] in title else None)
            if title_form is not None:  # the title is part of the article: its form and mention count
                forms[k].add(title_form)
                mentions[k] += 1
            aa_rows["orig"].append(i)
            aa_rows["actor"].append(x)
            aa_rows["mentions"].append(mentions[k])
            aa_rows["aliases"].append(sorted(forms[k]))
            if role_used[k]:
                role = W.ROLE_NAMES[roles[x]]
                aa_rows["roles"].append([role])
                if lang == "en":
                    aa_rows["roles_written"].append([ra(k).strip()])
                else:
                    aa_rows["roles_written"].append([W.ROLES[role][lang]])
            else:
                aa_rows["roles"].append([])
                aa_rows["roles_written"].append([])
            aa_rows["first_offset"].append(first_off[k])
            aa_rows["in_title"].append(title_form is not None)
            aa_rows["in_lead"].append(in_lead[k])
            aa_rows["is_source"].append(is_src[k])
    # dates' ordinal follows the text: mention_idx is the order the dates were placed (all of them were)
    # --- articles: one row per original or copy ------------------------------------------------------------
    base_idx = ci * w.chunk
    agency_row = agency_o[row_orig]
    lang_row = lang_o[row_orig]
    ur = rng.random((n, 4))
    pub_py_row = pub.astype("datetime64[s]").tolist()
    urls, ids, titles, texts, hashes, authors, wires, sites, langs, refs, fmts = ([] for _ in range(11))
    dl_place, dl_date_col, dl_agency, psrc, pinf, wc = ([] for _ in range(6))
    sections = W.SECTIONS
    for r in range(n):
        o = int(row_orig[r])
        s_i = int(src_row[r])
        lang = W.LANGS[int(lang_row[r])]
        p: datetime = pub_py_row[r]
        dom = src.domain[s_i]
        sec = sections[lang][int(ur[r, 0] * len(sections[lang]))]
        title = o_title[o]
        url = f"https://{dom}/{sec}/{p.year}/{p.month:02d}/{p.day:02d}/{W.slug(title)[:70]}-{base_idx + r}"
        ag = int(agency_row[r])
        staff = src.staff[s_i]
        if ag >= 0:
            credits = W.AGENCIES[ag][1]
            credit = credits[int(ur[r, 1] * len(credits))]
            au = [credit] if ur[r, 2] < 0.75 else [staff[int(ur[r, 3] * len(staff))], credit]
            wires.append([W.AGENCIES[ag][0]])
        else:
            au = [staff[int(ur[r, 1] * len(staff))]]
            if ur[r, 2] < 0.25:
                au.append(staff[int(ur[r, 3] * len(staff))])
                if au[0] == au[1]:
                    au.pop()
            wires.append([])
        text = o_text[o]
        if member[r] > 0:  # a syndicated copy: the outlet's own line at the end
            text += {"en": f"\n\nCopyright {p.year} {src.site[s_i]}. All rights reserved.",
                     "de": f"\n\n© {p.year} {src.site[s_i]}. Alle Rechte vorbehalten.",
                     "fr": f"\n\n© {p.year} {src.site[s_i]}. Tous droits réservés.",
                     "es": f"\n\n© {p.year} {src.site[s_i]}. Todos los derechos reservados.",
                     "it": f"\n\n© {p.year} {src.site[s_i]}. Tutti i diritti riservati."}[lang]
        dp = o_dl_place[o]
        dl_place.append(dp)
        dl_date_col.append(p.date() if dp is not None and dl_date[o] else None)
        dl_agency.append(W.AGENCIES[ag][0] if dp is not None and ag >= 0 else None)
        fmt = "html" if ur[r, 3] < 0.85 else ("jsonl-html" if ur[r, 3] < 0.95 else "jsonl-text")
        if fmt == "html":
            refs.append(url)
            psrc.append("metadata" if ur[r, 0] < 0.85 else "htmldate")
        else:
            refs.append(f"/srv/feeds/{dom}/{p.year}-{p.month:02d}.jsonl:{1 + (base_idx + r) % 5000}")
            psrc.append("input")
        pinf.append(False)
        h = hashlib.sha256(title.encode())
        h.update(b"\x00")
        h.update(text.encode())
        hashes.append(h.hexdigest())
        ids.append(hashlib.sha256(("url:" + url).encode()).hexdigest()[:16])
        urls.append(url)
        titles.append(title)
        texts.append(text)
        authors.append(au)
        sites.append(src.site[s_i])
        langs.append(lang)
        fmts.append(fmt)
        wc.append(len(text.split()))
    load_id = w.load_id
    ids_arr = np.array(ids)
    str_list = pa.list_(pa.string())
    articles = pa.table({
        "article_id": pa.array(ids, pa.string()), "url": urls, "canonical_url": urls, "title": titles,
        "authors": pa.array(authors, str_list), "site_name": sites, "language": langs,
        "published_at": pa.array(pub.astype("datetime64[us]")), "published_source": psrc,
        "published_inferred": pa.array(pinf, pa.bool_()), "dateline_place": pa.array(dl_place, pa.string()),
        "dateline_date": pa.array(dl_date_col, pa.date32()), "dateline_agency": pa.array(dl_agency, pa.string()),
        "text": texts, "word_count": pa.array(wc, pa.int32()), "content_hash": hashes, "source_ref": refs,
        "input_format": fmts, "fetched_at": pa.array(fetched.astype("datetime64[us]")),
        "load_id": pa.array([load_id] * n, pa.string()), "wire_agencies": pa.array(wires, str_list),
        "flags": pa.array([[]] * n, str_list),
    })

    def fan_out(orig: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Child rows of originals, repeated for every copy: (row index into the originals' rows, article row)."""
        reps = sizes[orig]
        src_idx = np.repeat(np.arange(len(orig)), reps)
        within = np.arange(len(src_idx)) - np.repeat(np.cumsum(reps) - reps, reps)
        return src_idx, first_row[orig][src_idx] + within

    # article_actors
    ao = np.array(aa_rows["orig"], dtype=np.int64)
    ax = np.array(aa_rows["actor"], dtype=np.int64)
    si, ar = fan_out(ao)
    pool_ids = np.array(pool.ids, dtype=object)
    pool_names = np.array(pool.names, dtype=object)
    aa = pa.table({
        "actor_id": pa.array(pool_ids[ax], pa.string()), "name": pa.array(pool_names[ax], pa.string()),
        "mentions": pa.array(aa_rows["mentions"], pa.int32()), "aliases": pa.array(aa_rows["aliases"], str_list),
        "roles": pa.array(aa_rows["roles"], str_list), "roles_written": pa.array(aa_rows["roles_written"], str_list),
        "first_offset": pa.array(aa_rows["first_offset"], pa.int32()), "in_title": aa_rows["in_title"],
        "in_lead": aa_rows["in_lead"], "is_source": aa_rows["is_source"],
    }).take(pa.array(si))
    aa = aa.add_column(0, "article_id", pa.array(ids_arr[ar], pa.string()))
    aa = aa.append_column("load_id", pa.array(np.full(len(ar), load_id, dtype=object), pa.string()))
    aa = aa.append_column("source_actor_id", aa.column("actor_id"))
    used_actors = np.unique(ax)
    # date_mentions
    do = np.array(dm_rows["orig"], dtype=np.int64)
    didx = np.array(dm_rows["idx"], dtype=np.int64)
    dglob = d_first[do] + didx
    si, ar = fan_out(do)
    starts, ends = d_start[dglob].astype("datetime64[D]"), d_end[dglob].astype("datetime64[D]")
    grans = gran[dglob].astype(object)
    values = [calendar_value(a.item(), b.item(), g) for a, b, g in zip(starts, ends, grans)]  # TimeML value
    dm = pa.table({
        "mention_idx": pa.array(didx, pa.int32()), "text": dm_rows["text"], "sentence": dm_rows["sentence"],
        "start_date": pa.array(starts), "end_date": pa.array(ends),
        "granularity": pa.array(grans, pa.string()),
        "char_offset": pa.array(dm_rows["char_offset"], pa.int32()),
        "type": pa.array(np.full(len(didx), "date", dtype=object), pa.string()),
        "value": pa.array(values, pa.string()),
    }).take(pa.array(si))
    dm = dm.add_column(0, "article_id", pa.array(ids_arr[ar], pa.string()))
    dm = dm.append_column("load_id", pa.array(np.full(len(ar), load_id, dtype=object), pa.string()))
    # article_topics
    si, ar = fan_out(tp)
    at = pa.table({
        "article_id": pa.array(ids_arr[ar], pa.string()),
        "code": pa.array(np.array(w.codes, dtype=object)[tc[si]], pa.string()),
        "score": pa.array(ts[si], pa.float64()), "rank": pa.array(t_rank[si], pa.int32()),
        "method": pa.array(np.full(len(si), "synthetic", dtype=object), pa.string()),
        "load_id": pa.array(np.full(len(si), load_id, dtype=object), pa.string()),
    })
    # quotes
    qo = np.array(q_rows["orig"], dtype=np.int64)
    qa = np.array(q_rows["actor"], dtype=np.int64)
    si, ar = fan_out(qo)
    qt = pa.table({
        "quote_idx": pa.array(q_rows["idx"], pa.int32()), "speaker": pa.array(q_rows["speaker"], pa.string()),
        "speaker_actor_id": pa.array(np.where(qa >= 0, pool_ids[np.maximum(qa, 0)], None), pa.string()),
        "text": q_rows["text"], "char_start": pa.array(q_rows["start"], pa.int32()),
        "char_end": pa.array(q_rows["end"], pa.int32()),
    }).take(pa.array(si))
    qt = qt.add_column(0, "article_id", pa.array(ids_arr[ar], pa.string()))
    qt = qt.append_column("load_id", pa.array(np.full(len(ar), load_id, dtype=object), pa.string()))
    # article_stories + article_lsh: synthetic signatures, copies share most of their story's values
    from newsdesk.enrich.syndication import BANDS, N_PERM, band_keys

    base = rng.integers(0, 1 << 48, size=(m, N_PERM), dtype=np.uint64)
    sig = base[row_orig]
    frac = np.where(is_copy, rng.uniform(0.03, 0.3, n), 0.0)
    change = rng.random((n, N_PERM)) < frac[:, None]
    sig = np.where(change, rng.integers(0, 1 << 48, size=(n, N_PERM), dtype=np.uint64), sig)
    first_of_row = first_row[row_orig]
    simil = np.where(is_copy, (sig == sig[first_of_row]).mean(axis=1), 1.0)
    story_ids = ids_arr[first_of_row]
    matched = np.where(is_copy, story_ids, None)
    offsets = pa.array(np.arange(0, n * N_PERM + 1, N_PERM, dtype=np.int32))
    stories = pa.table({
        "article_id": pa.array(ids, pa.string()), "story_id": pa.array(story_ids, pa.string()),
        "matched_article_id": pa.array(matched, pa.string()), "similarity": pa.array(simil, pa.float64()),
        "minhash": pa.ListArray.from_arrays(offsets, pa.array(sig.ravel(), pa.uint64())),
        "load_id": pa.array(np.full(n, load_id, dtype=object), pa.string()),
    })
    buckets = np.fromiter((b for row in sig for b in band_keys(row)), dtype=np.uint64, count=n * BANDS)
    lsh = pa.table({
        "article_id": pa.array(np.repeat(ids_arr, BANDS), pa.string()),
        "band": pa.array(np.tile(np.arange(BANDS, dtype=np.int16), n)),
        "bucket": pa.array(buckets),
    })
    return {"articles": articles, "article_actors": aa, "date_mentions": dm, "article_topics": at, "quotes": qt,
            "article_stories": stories, "article_lsh": lsh, "_actors": pa.array(used_actors)}


def actor_rows(w: World, idx: np.ndarray) -> pa.Table:
    p = w.pool
    sel = idx.tolist()
    return pa.table({
        "actor_id": pa.array([p.ids[i] for i in sel], pa.string()),
        "name": pa.array([p.names[i] for i in sel], pa.string()),
        "type": pa.array([p.types[i] for i in sel], pa.string()),
        "country": pa.array([p.country[i] for i in sel], pa.string()),
        "aliases": pa.array([p.aliases[i] for i in sel], pa.list_(pa.string())),
        "first_load": pa.array([w.load_id] * len(sel), pa.string()),
        "wikidata_qid": pa.array([p.qid[i] for i in sel], pa.string()),
    })


def insert(con, table: str, data: pa.Table) -> None:  # noqa: ANN001
    from newsdesk.store.db import insert_df

    insert_df(con, table, data)


def file_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def build(n_articles: int, db_path: Path, seed: int = 1, chunk: int = 50_000, end: date | None = None,
          years: int = 15, publish: bool = True, force: bool = False, memory_limit: str | None = None,
          log=None) -> dict:  # noqa: ANN001
    """Build the database; return its figures (rows per table, seconds per stage, sizes)."""
    from newsdesk.enrich.topics import taxonomy
    import shutil

    from newsdesk.store import db, lake

    if log is None:
        def log(msg: str) -> None:
            print(msg, flush=True)
    t_all = time.perf_counter()
    end = min(end or DEFAULT_END, date.today())
    db_path = Path(db_path).resolve()
    store = lake.lake_dir(db_path)
    if db_path.exists():
        if not force:
            raise SystemExit(f"{db_path} exists: pass --force to replace it")
        for p in (db_path, Path(str(db_path) + ".wal"), db.read_copy_path(db_path)):
            p.unlink(missing_ok=True)
        shutil.rmtree(store, ignore_errors=True)
    digest = hashlib.sha256(f"synthetic|{seed}|{n_articles}|{chunk}|{end}|{years}".encode()).hexdigest()[:8]
    load_id = f"{end:%Y%m%d}T235959-{digest}"
    t = time.perf_counter()
    world = build_world(seed, n_articles, chunk, end, years, load_id)
    t_world = time.perf_counter() - t
    log(f"world: {len(world.sources.domain)} sources, {len(world.pool):,} actors in the pool, "
        f"{len(world.stories.popularity):,} storylines, {world.start} .. {world.end} ({t_world:.1f}s)")
    con = db.connect_writer(db_path)
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")  # DuckDB's default is 80% of the RAM
    started = datetime.now().replace(microsecond=0)
    import importlib.metadata as md

    versions = {"duckdb": md.version("duckdb"), "generator": "bench/synthetic.py"}
    try:
        versions["newsdesk"] = md.version("newsdesk")
    except md.PackageNotFoundError:
        pass
    with db.transaction(con):
        db.ensure_topics(con, taxonomy()[["code", "label", "parent", "level"]])
        con.execute("INSERT INTO loads (load_id, started_at, status, source, versions) VALUES (?, ?, 'running', ?, ?)",
                    [load_id, started, f"bench/synthetic.py --articles {n_articles} --seed {seed} --chunk {chunk} "
                     f"--end {end} --years {years}", json.dumps(versions)])
    inserted = np.zeros(len(world.pool), dtype=bool)
    counts = {t: 0 for t in TABLES}
    t_gen = t_ins = 0.0
    n_chunks = (n_articles + chunk - 1) // chunk
    done = 0
    t_wait = 0.0

    def timed_chunk(ci: int) -> tuple[dict[str, pa.Table], float]:
        t0 = time.perf_counter()
        out = gen_chunk(world, ci, min(chunk, n_articles - ci * chunk))
        return out, time.perf_counter() - t0

    # the next chunk is generated (Python, holding the GIL) while DuckDB inserts this one (releasing it)
    from concurrent.futures import ThreadPoolExecutor

    pool_ex = ThreadPoolExecutor(max_workers=1, thread_name_prefix="synthetic-gen")
    nxt = pool_ex.submit(timed_chunk, 0)
    for ci in range(n_chunks):
        n = min(chunk, n_articles - ci * chunk)
        t = time.perf_counter()
        tables, dg = nxt.result()
        t_wait += time.perf_counter() - t
        if ci + 1 < n_chunks:
            nxt = pool_ex.submit(timed_chunk, ci + 1)
        used = tables.pop("_actors").to_numpy()
        new = used[~inserted[used]]
        inserted[new] = True
        tables["actors"] = actor_rows(world, np.sort(new))
        t_gen += dg
        t = time.perf_counter()
        with db.transaction(con):
            for name in TABLES:
                insert(con, name, tables[name])
                counts[name] += tables[name].num_rows
            db.add_load_counts(con, load_id, n, n, 0, 0)
        t_ins += (di := time.perf_counter() - t)
        done += n
        el = time.perf_counter() - t_all
        log(f"chunk {ci + 1}/{n_chunks}: {done:,} articles; generate {dg:.1f}s, insert {di:.1f}s; "
            f"{done / el:,.0f} articles/s overall")
    pool_ex.shutdown()
    t = time.perf_counter()
    con.execute("CHECKPOINT")
    t_ckpt = time.perf_counter() - t
    timings = {"world": round(t_world, 3), "generate": round(t_gen, 3), "generate_wait": round(t_wait, 3),
               "insert": round(t_ins, 3), "checkpoint": round(t_ckpt, 3)}
    with db.transaction(con):
        con.execute("UPDATE loads SET finished_at = ?, status = 'succeeded', timings = ? WHERE load_id = ?",
                    [datetime.now().replace(microsecond=0), json.dumps(timings), load_id])
    t = time.perf_counter()
    if publish:  # the whole database into its reader store, once (what a first load after an upgrade does)
        lake.initialise(con, db_path)
        log(f"reader store: {time.perf_counter() - t:.1f}s")
    con.execute("CHECKPOINT")
    t_pub = time.perf_counter() - t
    rows = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # type: ignore[index]
            for name in ("articles", "actors", "article_actors", "date_mentions", "topics", "article_topics",
                         "quotes", "article_stories", "article_lsh", "loads")}
    rows["stories"] = con.execute("SELECT count(DISTINCT story_id) FROM article_stories").fetchone()[0]  # type: ignore[index]
    con.close()
    total = time.perf_counter() - t_all
    timings.update(publish=round(t_pub, 3), total=round(total, 3))
    sizes = {"db": file_size(db_path), "reader_store": dir_size(store)}
    return {"rows": rows, "seconds": timings, "bytes": sizes, "load_id": load_id, "db": str(db_path),
            "reader_store": str(store) if publish else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=50_000, help="articles generated and committed per transaction")
    ap.add_argument("--end", type=date.fromisoformat, default=None,
                    help=f"last publication day (default {DEFAULT_END}, or today if earlier)")
    ap.add_argument("--years", type=int, default=15, help="years of publication dates before --end")
    ap.add_argument("--no-publish", action="store_true", help="skip the reader store (lake and search postings)")
    ap.add_argument("--force", action="store_true", help="replace an existing database file")
    ap.add_argument("--memory-limit", default=None, help="DuckDB memory_limit for the build, e.g. 4GB "
                    "(default: DuckDB's, 80%% of the RAM)")
    a = ap.parse_args(argv)
    if a.articles < 1 or a.chunk < 1:
        ap.error("--articles and --chunk must be positive")
    out = build(a.articles, a.db, seed=a.seed, chunk=a.chunk, end=a.end, years=a.years, publish=not a.no_publish,
                force=a.force, memory_limit=a.memory_limit)
    print("\nrows per table:")
    for k, v in out["rows"].items():
        print(f"  {k:16s} {v:>14,}")
    print("seconds:", ", ".join(f"{k} {v:.1f}" for k, v in out["seconds"].items()))
    rate = out["rows"]["articles"] / out["seconds"]["total"]
    print(f"articles/s overall: {rate:,.0f}")
    for k, v in out["bytes"].items():
        if v:
            print(f"size {k}: {v / 1e6:,.1f} MB ({v / max(1, out['rows']['articles']) / 1e3:.1f} KB per article)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
