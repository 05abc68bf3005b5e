"""The curated alias table: well-known actors, their other names and Wikidata ids.

The team maintains `newsdesk/data/actor_aliases.csv` (columns: name, type, country, wikidata_qid, aliases separated
by `|`). A user extends or corrects it with a file of the same shape named by `NEWSDESK_ALIASES`: its rows are
merged on top (a row with the same type and name replaces the packaged one; its aliases win any clash).

An article's actor whose canonical name or any alias (compared by identity key: transliteration-folded for people,
without legal forms for organisations) is in the table takes the table's canonical name, country and QID, so
"Zelenskyy", "Zelenskiy" and "Volodymyr Zelensky" land as one actor with one id.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsdesk.record import identity_key

PACKAGED = "actor_aliases.csv"
ENV = "NEWSDESK_ALIASES"
TYPES = ("person", "organization", "place", "group")
COLUMNS = ("name", "type", "country", "wikidata_qid", "aliases")


class AliasTableError(ValueError):
    """A malformed alias file (the message names the file and line)."""


@dataclass(frozen=True)
class KnownActor:
    name: str
    type: str
    country: str | None
    wikidata_qid: str | None
    aliases: tuple[str, ...]


def parse_table(text: str, source: str) -> list[KnownActor]:
    """Rows of an alias table (CSV with a header); malformed rows raise AliasTableError."""
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ("name", "type") if c not in (reader.fieldnames or [])]
    if missing:
        raise AliasTableError(f"{source}: missing column(s) {', '.join(missing)} (expected {', '.join(COLUMNS)})")
    out = []
    for n, row in enumerate(reader, start=2):
        name = (row.get("name") or "").strip()
        type_ = (row.get("type") or "").strip().lower()
        if not name:
            continue
        if type_ not in TYPES:
            raise AliasTableError(f"{source}:{n}: type {type_!r} is not one of {', '.join(TYPES)}")
        country = (row.get("country") or "").strip().upper() or None
        if country is not None and not (len(country) == 2 and country.isalpha()):
            raise AliasTableError(f"{source}:{n}: country {country!r} is not an ISO 3166-1 alpha-2 code")
        qid = (row.get("wikidata_qid") or "").strip() or None
        if qid is not None and not (qid[:1] == "Q" and qid[1:].isdigit()):
            raise AliasTableError(f"{source}:{n}: wikidata_qid {qid!r} is not a QID such as Q42")
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        out.append(KnownActor(name, type_, country, qid, aliases))
    return out


class AliasIndex:
    """Identity key (per type) -> known actor."""

    def __init__(self, tables: list[list[KnownActor]]) -> None:
        self.actors: dict[tuple[str, str], KnownActor] = {}
        for table in tables:  # later tables (the user's) replace rows of earlier ones
            for a in table:
                self.actors[(a.type, identity_key(a.name, a.type))] = a
        self._by_key: dict[tuple[str, str], KnownActor] = {}
        for a in self.actors.values():  # aliases first, canonical names last: a name always resolves to itself
            for form in a.aliases:
                self._by_key[(a.type, identity_key(form, a.type))] = a
        for (type_, key), a in self.actors.items():
            self._by_key[(type_, key)] = a

    def __len__(self) -> int:
        return len(self.actors)

    def resolve(self, form: str, type_: str) -> KnownActor | None:
        """The known actor `form` names, for an actor of `type_` (an organisation name never resolves a person)."""
        key = identity_key(form, type_)
        return self._by_key.get((type_, key)) if key else None


def packaged_table() -> list[KnownActor]:
    text = resources.files("newsdesk.data").joinpath(PACKAGED).read_text(encoding="utf-8")
    return parse_table(text, PACKAGED)


@lru_cache(maxsize=4)
def _index(user_path: str | None, mtime: float | None) -> AliasIndex:
    tables = [packaged_table()]
    if user_path:
        path = Path(user_path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise AliasTableError(f"{ENV}={user_path}: cannot read the alias file ({exc.strerror})") from exc
        tables.append(parse_table(text, str(path)))
    return AliasIndex(tables)


def user_table_path() -> Path | None:
    from newsdesk.settings import load_settings

    path = load_settings().aliases_path
    return path.resolve() if path else None


def alias_index() -> AliasIndex:
    """The packaged table with the user's file (NEWSDESK_ALIASES) on top; re-read when that file changes."""
    path = user_table_path()
    mtime = None
    if path is not None:
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = None
    return _index(str(path) if path else None, mtime)
