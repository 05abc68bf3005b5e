"""Actor identity decisions that survive reprocessing: merge two actors, or split a written form off an actor.

Decisions live in `actor_overrides` (migration 003). `apply_overrides` rewrites a batch's rows at landing time, so
every later load (new articles, changed articles, a re-run of the pipeline) lands them already merged or split;
`merge`/`split`/`unmerge` also rewrite the rows already stored. The pipeline's own id of every link is kept in
`article_actors.source_actor_id`.

- merge FROM into INTO: links whose pipeline id is FROM (or was merged into FROM) become INTO's; FROM's aliases join
  INTO's and FROM's row leaves `actors`. Chains are followed (A -> B, B -> C gives A -> C); cycles are refused.
- split ACTOR by NAME: links of ACTOR whose forms as written (name or aliases in that article) include NAME become a
  new actor named NAME (same type and country), with a stable id derived from ACTOR and NAME.
- unmerge FROM: drops the merge and gives FROM back its links; a link that was combined with INTO's in the same
  article stays combined until that article is landed again (its pipeline rows are no longer stored separately).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import duckdb
import pandas as pd

from newsdesk.record import normalise_name
from newsdesk.store.rows import merge_actor_rows


class OverrideError(ValueError):
    """An identity decision that cannot be applied (unknown id, cycle, nothing to split)."""


@dataclass
class Overrides:
    merges: dict[str, str] = field(default_factory=dict)                 # from -> into (one step)
    splits: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # actor -> [{alias_key, into, name...}]

    def __bool__(self) -> bool:
        return bool(self.merges or self.splits)

    def resolve(self, actor_id: str) -> str:
        """Follow merges to the actor `actor_id` now belongs to."""
        seen = {actor_id}
        while actor_id in self.merges:
            actor_id = self.merges[actor_id]
            if actor_id in seen:  # refused when written; guard anyway
                break
            seen.add(actor_id)
        return actor_id


def load_overrides(con: duckdb.DuckDBPyConnection) -> Overrides:
    out = Overrides()
    rows = con.execute(
        "SELECT kind, from_actor_id, into_actor_id, alias, name, type, country FROM actor_overrides ORDER BY created_at"
    ).fetchall()
    for kind, src, into, alias, name, type_, country in rows:
        if kind == "merge":
            out.merges[src] = into
        elif kind == "split":
            out.splits.setdefault(src, []).append({"alias_key": alias_key(alias or name), "into": into, "name": name,
                                                   "type": type_, "country": country})
    return out


def alias_key(form: str) -> str:
    return normalise_name(form)


def split_id(actor_id: str, alias: str) -> str:
    prefix = actor_id.split(":", 1)[0] if ":" in actor_id else "act"
    prefix = "pla" if prefix == "country" else prefix  # a name split off a country is a place in it (a city)
    digest = hashlib.sha256(f"split|{actor_id}|{alias_key(alias)}".encode()).hexdigest()[:12]
    return f"{prefix}:{digest}"


def split_type(type_: str) -> str:
    """The type of an actor split off another: a name split off a country is a place in it, else the same type."""
    return "place" if type_ == "country" else type_


def _forms(name: Any, aliases: Any) -> set[str]:
    out = {alias_key(str(name))}
    if aliases is not None and not isinstance(aliases, str):
        out |= {alias_key(str(a)) for a in list(aliases)}
    return out


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# ---- landing time -----------------------------------------------------------------------------------------------

def _combine_links(aa: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, actor) after a rewrite: mentions summed, forms and roles unioned, flags or-ed."""
    if aa.empty or not aa.duplicated(["article_id", "actor_id"]).any():
        return aa
    rows = []
    for _, g in aa.groupby(["article_id", "actor_id"], sort=False):
        if len(g) == 1:
            rows.append(g.iloc[0].to_dict())
            continue
        own = g[g["source_actor_id"] == g["actor_id"].iloc[0]]
        base = (own if not own.empty else g).iloc[0].to_dict()

        def union(col: str) -> list[str]:
            seen: list[str] = []
            for lst in g[col]:
                for x in list(lst) if lst is not None else []:
                    if x not in seen:
                        seen.append(x)
            return seen

        base.update(
            mentions=int(g["mentions"].sum()), aliases=sorted(set(union("aliases")) | set(g["name"]) - {base["name"]}),
            roles=union("roles"), roles_written=union("roles_written"), first_offset=int(g["first_offset"].min()),
            in_title=bool(g["in_title"].any()), in_lead=bool(g["in_lead"].any()), is_source=bool(g["is_source"].any()),
        )
        if "confidence" in g and g["confidence"].notna().any():  # the surest of the links combined
            base["confidence"] = float(g["confidence"].max())
        rows.append(base)
    return pd.DataFrame(rows, columns=aa.columns)


def _actor_rows(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    df = con.execute("SELECT actor_id, name, type, country, wikidata_qid FROM actors WHERE list_contains(?, actor_id)",
                     [ids]).df()
    return {r["actor_id"]: r for r in df.to_dict("records")}


def apply_overrides(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Rewrite a batch's actor rows (`actors`, `article_actors`, `quotes`) by the stored identity decisions."""
    ov = load_overrides(con)
    aa = frames.get("article_actors")
    if not ov or aa is None or aa.empty:
        return frames
    aa = aa.copy()
    if "source_actor_id" not in aa.columns:
        aa["source_actor_id"] = aa["actor_id"]
    aa["source_actor_id"] = aa["source_actor_id"].fillna(aa["actor_id"])
    aa["actor_id"] = [ov.resolve(x) for x in aa["source_actor_id"]]
    new_actors: dict[str, dict[str, Any]] = {}
    for i, row in aa.iterrows():
        for sp in ov.splits.get(row["actor_id"], []):
            if sp["alias_key"] in _forms(row["name"], row["aliases"]):
                aa.at[i, "actor_id"] = sp["into"]
                aa.at[i, "name"] = sp["name"]
                new_actors[sp["into"]] = sp
                break
    aa = _combine_links(aa)
    frames = dict(frames)
    frames["article_actors"] = aa

    # the actors a link now points to: stored rows keep their identity; the batch's rows fill in new ones
    final = {(a, s): f for a, s, f in zip(aa["article_id"], aa["source_actor_id"], aa["actor_id"])}
    stored = _actor_rows(con, sorted(set(aa["actor_id"])))
    actors = frames.get("actors")
    if actors is not None and not actors.empty:
        actors = actors.copy()
        actors["actor_id"] = [ov.resolve(x) for x in actors["actor_id"]]
        for col in ("name", "type", "country"):
            actors[col] = [stored[a][col] if a in stored else v for a, v in zip(actors["actor_id"], actors[col])]
        # a form split off an actor is no longer one of its aliases
        actors["aliases"] = [
            [x for x in al if alias_key(x) not in {sp["alias_key"] for sp in ov.splits.get(a, [])}]
            for a, al in zip(actors["actor_id"], actors["aliases"])
        ]
    extra = []
    for into, sp in new_actors.items():
        if into not in stored:
            first_load = actors["first_load"].iloc[0] if actors is not None and not actors.empty else None
            extra.append({"actor_id": into, "name": sp["name"], "type": sp["type"], "country": sp["country"],
                          "aliases": [sp["name"]], "first_load": first_load, "wikidata_qid": None})
    if extra:
        actors = pd.concat([actors, pd.DataFrame(extra)], ignore_index=True) if actors is not None else pd.DataFrame(extra)
    if actors is not None and not actors.empty:
        frames["actors"] = merge_actor_rows(actors)

    quotes = frames.get("quotes")
    if quotes is not None and not quotes.empty:
        quotes = quotes.copy()
        names = dict(zip(aa["actor_id"], aa["name"]))
        ids = [final.get((a, s), ov.resolve(s)) if isinstance(s, str) else s
               for a, s in zip(quotes["article_id"], quotes["speaker_actor_id"])]
        quotes["speaker"] = [names.get(i, sp) if isinstance(i, str) else sp for i, sp in zip(ids, quotes["speaker"])]
        quotes["speaker_actor_id"] = ids
        frames["quotes"] = quotes
    return frames


# ---- decisions (the `newsdesk actors` commands) --------------------------------------------------------------

def _actor(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any] | None:
    df = con.execute("SELECT actor_id, name, type, country, aliases, wikidata_qid FROM actors WHERE actor_id = ?",
                     [actor_id]).df()
    return None if df.empty else df.to_dict("records")[0]


def _rewrite_links(con: duckdb.DuckDBPyConnection, where: str, params: list[Any], into: str,
                   new_name: str | None = None) -> int:
    """Point the stored links selected by `where` at `into`, combining with links `into` already has there."""
    moved = con.execute(f"SELECT * FROM article_actors WHERE {where}", params).df()
    if moved.empty:
        return 0
    arts = sorted(set(moved["article_id"]))
    existing = con.execute("SELECT * FROM article_actors WHERE actor_id = ? AND list_contains(?, article_id)",
                           [into, arts]).df()
    old_ids = sorted(set(moved["actor_id"]))
    moved["source_actor_id"] = moved["source_actor_id"].fillna(moved["actor_id"])
    moved["actor_id"] = into
    if new_name is not None:
        moved["name"] = new_name
    combined = _combine_links(pd.concat([existing, moved], ignore_index=True) if not existing.empty else moved)
    key = pd.DataFrame({"article_id": arts})
    con.register("_nd_arts", key)
    try:
        con.execute(f"DELETE FROM article_actors WHERE {where}", params)
        con.execute("DELETE FROM article_actors WHERE actor_id = ? AND article_id IN (SELECT article_id FROM _nd_arts)",
                    [into])
        con.register("_nd_links", combined)
        cols = ", ".join(f'"{c}"' for c in combined.columns)
        con.execute(f"INSERT INTO article_actors ({cols}) SELECT {cols} FROM _nd_links")
        con.unregister("_nd_links")
        name = new_name
        if name is None:
            found = con.execute("SELECT name FROM actors WHERE actor_id = ?", [into]).fetchone()
            name = found[0] if found else None
        con.execute("UPDATE quotes SET speaker_actor_id = ?, speaker = coalesce(?, speaker) "
                    "WHERE list_contains(?, speaker_actor_id) AND article_id IN (SELECT article_id FROM _nd_arts)",
                    [into, name, old_ids])
    finally:
        con.unregister("_nd_arts")
    return len(arts)


def merge(con: duckdb.DuckDBPyConnection, from_id: str, into_id: str, note: str | None = None) -> dict[str, Any]:
    """Record that `from_id` is `into_id` and rewrite the stored rows; returns what changed."""
    if from_id == into_id:
        raise OverrideError("an actor cannot be merged into itself")
    src, dst = _actor(con, from_id), _actor(con, into_id)
    if dst is None:
        raise OverrideError(f"no actor {into_id!r} (see `newsdesk actors list`)")
    ov = load_overrides(con)
    if src is None:
        raise OverrideError(f"no actor {from_id!r}" + (f" (already merged into {ov.resolve(from_id)})"
                                                        if from_id in ov.merges else " (see `newsdesk actors list`)"))
    if ov.resolve(into_id) == from_id:
        raise OverrideError(f"{into_id} is merged into {from_id}: merging back would make a cycle")
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM actor_overrides WHERE override_id = ?", [f"merge:{from_id}"])
        con.execute(
            "INSERT INTO actor_overrides VALUES (?, 'merge', ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
            [f"merge:{from_id}", from_id, into_id, src["name"], src["type"], src["country"], list(src["aliases"]),
             note, _now()],
        )
        n = _rewrite_links(con, "actor_id = ?", [from_id], into_id)
        con.execute("UPDATE actors SET aliases = list_sort(list_distinct(list_concat(aliases, ?))), "
                    "wikidata_qid = coalesce(wikidata_qid, ?) WHERE actor_id = ?",
                    [list(src["aliases"]) + [src["name"]], src["wikidata_qid"], into_id])
        con.execute("DELETE FROM actors WHERE actor_id = ?", [from_id])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {"kind": "merge", "from": from_id, "into": into_id, "name": dst["name"], "articles": n}


def split(con: duckdb.DuckDBPyConnection, actor_id: str, alias: str, note: str | None = None) -> dict[str, Any]:
    """Record that the links of `actor_id` written as `alias` are another actor; rewrite the stored rows."""
    src = _actor(con, actor_id)
    if src is None:
        raise OverrideError(f"no actor {actor_id!r} (see `newsdesk actors list`)")
    key = alias_key(alias)
    if not key:
        raise OverrideError("the name to split off is empty")
    links = con.execute("SELECT article_id, name, aliases FROM article_actors WHERE actor_id = ?", [actor_id]).df()
    hit = [a for a, n, al in zip(links["article_id"], links["name"], links["aliases"]) if key in _forms(n, al)]
    known = {alias_key(a) for a in list(src["aliases"])} | {alias_key(src["name"])}
    if not hit and key not in known:
        raise OverrideError(f"{alias!r} is not a name or alias of {actor_id} ({src['name']})")
    new_id = split_id(actor_id, alias)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM actor_overrides WHERE override_id = ?", [f"split:{actor_id}:{key}"])
        con.execute(
            "INSERT INTO actor_overrides VALUES (?, 'split', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [f"split:{actor_id}:{key}", actor_id, new_id, alias, alias, split_type(src["type"]), src["country"], [alias],
             note,
             _now()],
        )
        con.execute(
            "INSERT INTO actors (actor_id, name, type, country, aliases, first_load, wikidata_qid) "
            "SELECT ?, ?, ?, country, ?, first_load, NULL FROM actors WHERE actor_id = ? "
            "ON CONFLICT (actor_id) DO NOTHING", [new_id, alias, split_type(src["type"]), [alias], actor_id])
        n = 0
        if hit:
            n = _rewrite_links(con, "actor_id = ? AND list_contains(?, article_id)", [actor_id, hit], new_id,
                               new_name=alias)
        remaining = [a for a in list(src["aliases"]) if alias_key(a) != key]
        con.execute("UPDATE actors SET aliases = ? WHERE actor_id = ?", [remaining, actor_id])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {"kind": "split", "from": actor_id, "into": new_id, "name": alias, "articles": n}


def unmerge(con: duckdb.DuckDBPyConnection, from_id: str) -> dict[str, Any]:
    """Undo `merge(from_id, ...)`: drop the decision, restore the actor and its uncombined links."""
    row = con.execute("SELECT into_actor_id, name, type, country, aliases FROM actor_overrides "
                      "WHERE override_id = ?", [f"merge:{from_id}"]).fetchone()
    if row is None:
        raise OverrideError(f"{from_id} was not merged into another actor")
    into, name, type_, country, aliases = row
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM actor_overrides WHERE override_id = ?", [f"merge:{from_id}"])
        first_load = con.execute("SELECT first_load FROM actors WHERE actor_id = ?", [into]).fetchone()
        con.execute("INSERT INTO actors (actor_id, name, type, country, aliases, first_load) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (actor_id) DO NOTHING",
                    [from_id, name, type_, country, list(aliases), first_load[0] if first_load else "unmerge"])
        n = con.execute("SELECT count(*) FROM article_actors WHERE source_actor_id = ? AND actor_id <> ?",
                        [from_id, from_id]).fetchone()[0]
        con.execute("UPDATE article_actors SET actor_id = ?, name = ? WHERE source_actor_id = ?",
                    [from_id, name, from_id])
        con.execute("UPDATE quotes SET speaker_actor_id = ?, speaker = ? WHERE speaker_actor_id = ? AND article_id IN "
                    "(SELECT article_id FROM article_actors WHERE actor_id = ?)", [from_id, name, into, from_id])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {"kind": "unmerge", "from": from_id, "into": into, "name": name, "articles": n}


def _records(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def list_actors(con: duckdb.DuckDBPyConnection, search: str | None = None, limit: int = 50,
                type_: str | None = None) -> list[dict[str, Any]]:
    """Actors with their article counts, most mentioned first; `search` matches names and aliases."""
    where, params = ["TRUE"], []
    if search:
        where.append("(a.name ILIKE ? OR list_contains(list_transform(a.aliases, x -> lower(x)), lower(?)) "
                     "OR a.actor_id = ?)")
        params += [f"%{search}%", search, search]
    if type_:
        where.append("a.type = ?")
        params.append(type_)
    sql = (
        "SELECT a.actor_id, a.name, a.type, a.country, a.wikidata_qid, count(aa.article_id) AS articles, "
        "CAST(coalesce(sum(aa.mentions), 0) AS BIGINT) AS mentions, a.aliases FROM actors a "
        "LEFT JOIN article_actors aa USING (actor_id) WHERE " + " AND ".join(where) +
        " GROUP BY ALL ORDER BY mentions DESC, articles DESC, a.name LIMIT ?"
    )
    return _records(con.execute(sql, [*params, int(limit)]))


def list_overrides(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _records(con.execute("SELECT kind, from_actor_id, into_actor_id, alias, name, note, created_at "
                                "FROM actor_overrides ORDER BY created_at"))
