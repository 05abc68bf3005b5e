"""Authors: people named by JSON-LD, author meta tags and bylines, cleaned of credits, outlets and agencies."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any, Iterable

from newsdesk.agencies import WIRE_AGENCIES, wire_agency
from newsdesk.lang import read_entries
from newsdesk.metadata.jsonld import _types
from newsdesk.metadata.meta_tags import mkey
from newsdesk.metadata.text import _clean_space, _key, _text


# --------------------------------------------------------------------------------------------- authors

# The word lists are data: data/bylines/*.txt.
def _words(name: str) -> frozenset[str]:
    """One word list of data/bylines/ (sorted, unique, checked by newsdesk.lang.read_entries)."""
    return frozenset(r[0] for r in read_entries(resources.files("newsdesk") / "data" / "bylines" / name))


# Credits that name no one: dropped.
AGENCIES = set(WIRE_AGENCIES) | _words("agency_words.txt")
# the last word of a credit that names a desk or a role, not a person ("Metro Desk", "Redaktion")
DESK_WORDS = _words("desk_words.txt")

NON_PERSON_WORDS = _words("non_person_words.txt")
_BY_PREFIX = re.compile(
    r"^(?:(?:written|reported|text|texte|words|story|photos?|fotos?|interview|ein\s+(?:kommentar|gastbeitrag)"
    r"|eine\s+analyse|analyse|kommentar)\s+(?:and\s+\w+\s+)?)?"
    r"(?:by|from|von|vom|por|par|av|af|door|di|da|de|di\s+|от|przez|autorin/autor|autor(?:in|en|innen)?|authors?|"
    r"text|texto|texte|redakcja)"
    r"\s*[:\-–]?\s+", re.I)
_SPLIT = re.compile(r"\s*(?:;|\||\s+and\s+|\s+und\s+|\s+&\s+|\s+og\s+|\s+och\s+|\s+y\s+|\s+e\s+|\s+et\s+|\s+en\s+|"
                    r"\s+i\s+|\s+a\s+|\s+ve\s+|\s+и\s+|\s+oraz\s+|,\s*(?=\S))\s*", re.I)
_JOB_SUFFIX = re.compile(r"\s*(?:기자|특파원|記者|编辑|編集委員)(?=$|[\s,;])", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|de|at|ch|org|net|co\.uk|uk|fr|es|it|nl|be|io|info)\b\S*",
                   re.I)


def _author_names_from_ld(value: Any, ids: dict[str, dict[str, Any]], depth: int = 0) -> list[tuple[str, bool]]:
    """(name, is_person) pairs from a JSON-LD author value (string, object, list, @id reference)."""
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        out: list[tuple[str, bool]] = []
        for v in value:
            out.extend(_author_names_from_ld(v, ids, depth + 1))
        return out
    if isinstance(value, str):
        return [(_text(value), True)] if value.strip() else []
    if isinstance(value, dict):
        if set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str) and value["@id"] in ids:
            value = ids[value["@id"]]
        types = _types(value)
        is_person = not (types & {"organization", "newsmediaorganization", "corporation", "organisation", "website",
                                  "brand", "onlinebusiness", "localbusiness", "governmentorganization"})
        name = value.get("name")
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{_text(value.get('givenName'))} {_text(value.get('familyName'))}"
        if isinstance(name, list):
            return [(_text(n), is_person) for n in name if _text(n)]
        name = _text(name)
        return [(name, is_person)] if name else []
    return []


def _outlet_keys(site_names: Iterable[str], host: str | None) -> set[str]:
    keys = {_key(s) for s in site_names if s and _key(s)}
    if host:
        h = host.lower().removeprefix("www.")
        keys.add(_key(h))
        first = h.split(".")[0]
        if len(first) >= 3:
            keys.add(_key(first))
    return {k for k in keys if k}


def _is_outlet(name: str, outlet_keys: set[str]) -> bool:
    k = _key(name)
    if not k:
        return True
    if k in outlet_keys:
        return True
    if any(_key(w) in outlet_keys for w in name.split() if len(_key(w)) >= 3):
        return True
    for o in outlet_keys:
        if len(o) >= 4 and (o in k or k in o) and not _looks_like_person(name):
            return True
        if len(o) >= 4 and k.startswith(o) and len(k) - len(o) <= 4:  # "nieuwsbladbe", "ndrde"
            return True
    return False


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


_FUNCTION_WORDS = _words("function_words.txt")
_PARTICLES = _words("particles.txt")


# Agency codes that are also editors' initials when written in lower case ("ap", "pa", "tt"): credited only in
# capitals; "dpa", "afp", "epd", "kna", "sid", "dts", "ddp" are written in lower case by their own style.
_LOWERCASE_AGENCIES = _words("lowercase_agencies.txt")


def _credited_agency(part: str) -> bool:
    p = part.strip(" .")
    return bool(wire_agency(p)) and (not p.islower() or p in _LOWERCASE_AGENCIES)


def _looks_like_surname_first(parts: list[str]) -> bool:
    """ "Smith, John": a surname then a first name, not "Frankfurt, Germany" or "Politik, Ausland"."""
    from newsdesk.lang import known_first_names
    from newsdesk.lang.places import lookup

    return parts[1] in known_first_names() and lookup(parts[0]) is None and lookup(parts[1]) is None


def clean_author(raw: str, outlet_keys: set[str]) -> list[str]:
    """One author string as written to zero or more person names."""
    s = _text(raw)
    if not s:
        return []
    s = _EMAIL.sub(" ", s)
    s = _URL.sub(" ", s)
    # agencies credited in parentheses or joined by slashes: "Anna Müller (dpa)", "dpa/lno", "AFP/dpa"
    credited = [a for group in re.findall(r"\(([^)]*)\)", s) for a in re.split(r"\s*[/,;]\s*", group)
                if _credited_agency(a)]
    s = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", s)  # "(dpa)", "[Bearbeitung]"
    if "/" in s:
        slashed = [p.strip() for p in s.split("/")]
        if any(_credited_agency(p) for p in slashed):
            credited += [p for p in slashed if _credited_agency(p)]
            # what else the slashes join is an editor's code or a place note ("Reuters/kra Frankfurt")
            s = " ".join(p for p in slashed if not wire_agency(p) and p[:1].isupper())
    s = re.sub(r"(?:^|\s)@\w+", " ", s)  # handles
    s = _clean_space(s).strip(" ,;:|-–—/·•*")
    s = _JOB_SUFFIX.sub("", s).strip()
    parts = [p for p in _SPLIT.split(s) if p and p.strip()]
    comma_parts = [p.strip() for p in s.split(",")]
    if len(comma_parts) > 1 and len(comma_parts[0].split()) >= 2 and all(len(p.split()) <= 2 for p in comma_parts[1:]) \
            and not any(" and " in p or " und " in p for p in comma_parts):
        # "Jane Roe, Berlin" / "David Straub, MDR THÜRINGEN" / "Jane Roe, Korrespondentin": a name and a note
        if all(len(p.split()) == 1 or p.isupper() for p in comma_parts[1:]):
            parts = [comma_parts[0]] + [p for p in comma_parts[1:] if wire_agency(p)]
    if len(comma_parts) > 1 and all(len(p.split()) == 1 for p in comma_parts):
        if len(comma_parts) == 2 and not any(wire_agency(p) for p in comma_parts) and \
                all(p[:1].isupper() and not p.isupper() for p in comma_parts) and \
                _looks_like_surname_first(comma_parts):
            parts = [f"{comma_parts[1]} {comma_parts[0]}"]  # "Smith, John" -> "John Smith"
        else:
            # "Frankfurt, Germany", "Politik, Ausland": a place or a list of tags, not a list of people
            parts = [p for p in comma_parts if wire_agency(p)]
    out: list[str] = [*credited]
    for part in parts:
        part = _BY_PREFIX.sub("", part.strip(" ,;:|-–—/·•*\"'“”„")).strip(" ,;:|-–—/·•*")
        part = _BY_PREFIX.sub("", part).strip()
        if not part:
            continue
        low = part.casefold()
        if low in WIRE_AGENCIES:
            if _credited_agency(part):
                out.append(part)
            continue
        if low in AGENCIES or low in NON_PERSON_WORDS or low in _FUNCTION_WORDS:
            continue
        if re.search(r"agentur|agency|agencia|agence|agenzia|redaktion|redaction|rédaction|newsroom|staff\b", low):
            continue
        words = low.split()
        if any(w in NON_PERSON_WORDS or w in AGENCIES for w in words) and not _looks_like_person(part):
            continue
        if words and words[-1] in DESK_WORDS:
            continue
        if _is_outlet(part, outlet_keys):
            continue
        if re.search(r"\d", part) or len(words) > 6 or len(part) > 60:
            continue
        if "/" in part or ":" in part:
            continue
        if part.isupper() and len(part) <= 4 and len(words) == 1:
            continue  # initials / agency codes such as "amw", "AFP"
        if part.islower() and len(words) == 1:
            continue  # "ssi", "kicker": a handle or a code, not a name
        if len(words) == 1 and (re.search(r"[a-z][A-Z]|[_#]|-[a-z]", part)):
            continue  # "GuterMensch", "hinter-dem-Regenbogen": user handles
        out.append(part)
    # people first, then the agencies credited in parentheses or slashes
    return merge_authors([*[o for o in out if not wire_agency(o)], *[o for o in out if wire_agency(o)]])


_NAME_WORD = r"(?:[^\W\d_][^\W\d_'’.\-]*\.?)"
_NAME_LINE = re.compile(
    rf"^(?:(?:by|von|par|por|door|av)\s+)?(?P<names>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}"
    rf"(?:\s*(?:/|,|&|\band\b|\bund\b)\s*{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}){{0,3}})$", re.I)


# Words of headings and boilerplate that look like names when capitalised ("What Happens Next", "Lesen Sie Auch",
# "All Rights Reserved"): a byline paragraph holding any of them is not one.
_NOT_NAME_WORDS = _words("not_name_words.txt")


def _is_name_line(names: str) -> bool:
    from newsdesk.lang.places import lookup

    words = [w for w in re.findall(r"[^\W\d_]+", names) if w.lower() not in ("and", "und")]
    if any(w.lower() in _NOT_NAME_WORDS for w in words) or any(len(w) < 2 for w in words):
        return False
    if lookup(names) is not None or any(lookup(p) is not None for p in re.split(r"\s*[/,&]\s*", names)):
        return False  # "NEW YORK", "Hong Kong": a dateline or a place, not a person
    # names are written one way: all "Title Case" or all CAPITALS ("Classificação NASCAR" is a heading)
    return all(w[:1].isupper() and not w[1:].isupper() for w in words) or all(w.isupper() for w in words)


def byline_in_text(text: str, outlet_keys: set[str] = frozenset()) -> tuple[list[str], str]:
    """A byline the extractor left in the article text as its own paragraph, among the first three or the last
    ("Mohloai Mpesi",
    "Mathatisi Sebusi/Mohalenyane Phakela", "Lê Phương"): the people it names, and the text without it.
    Only a paragraph of two to four capitalised words per name (no digits, no sentence) counts."""
    paras = text.split("\n")
    if len(paras) < 4:
        return [], text
    for i in (0, 1, 2, len(paras) - 1):  # a standfirst may come before it
        line = paras[i].strip()
        m = _NAME_LINE.match(line) if len(line) <= 80 else None
        if m is None or not _is_name_line(m.group("names")):
            continue
        names = merge_authors(n for part in re.split(r"\s*(?:/|,|&|\band\b|\bund\b)\s*", m.group("names"))
                              for n in clean_author(part, set(outlet_keys)))
        if names:
            return names, "\n".join(paras[:i] + paras[i + 1:])
    return [], text


def merge_authors(names: Iterable[str]) -> list[str]:
    """Deduplicate names ignoring case, hyphens/spaces and diacritics; keep the first spelling."""
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        k = _key(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


_BYLINE_XPATH = ('//body//*[contains(@class,"byline") or contains(@class,"author") or contains(@class,"Author") '
                 'or contains(@class,"Byline")][not(ancestor::footer)][not(self::img)][not(self::script)]'
                 '[not(self::style)][not(self::meta)]')
_NOT_BYLINE = re.compile(r"avatar|image|img|bio|desc|url|social|photo|pic|follow|more|teaser|label|icon|date|time|"
                         r"comment|related|recommend|widget|newsletter|popup|modal|overlay")


def _byline_groups(tree: Any) -> list[list[str]]:
    """Candidate bylines from the page body, in page order; each group is the texts of one byline block
    (rel=author links, itemprop=author, byline/author class names; then a field labelled "Autor"/"Author")."""
    groups: list[list[str]] = []
    items: list[str] = []
    for el in tree.xpath('//*[@itemprop="author"]')[:6]:
        names = el.xpath('.//*[@itemprop="name"]')
        if names:
            items.extend((n.get("content") or n.text_content()) for n in names)
        elif el.tag != "meta" and len(el.text_content()) < 120:
            items.append(el.get("content") or el.text_content())
    if items:
        groups.append(items)
    links = [el.text_content() for el in tree.xpath('//a[@rel="author"]')[:6]]
    if links:
        groups.append(links)
    matches = [el for el in tree.xpath(_BYLINE_XPATH)[:60] if not _NOT_BYLINE.search((el.get("class") or "").lower())]
    inside = set(matches)
    top_of: dict[Any, Any] = {}
    has_inner: set[Any] = set()
    for el in matches:
        top = el
        for anc in el.iterancestors():
            if anc in inside:
                has_inner.add(anc)
                top = anc
        top_of[el] = top
    tops = [el for el in matches if top_of[el] is el]
    for top in tops[:8]:
        leaves = [el for el in matches if top_of[el] is top and el is not top and el not in has_inner]
        texts = [_clean_space(el.text_content()) for el in (leaves or [top])]
        texts = [t for t in texts if 0 < len(t) < 100]
        if texts:
            groups.append(texts[:6])
    labels = " or ".join(f'starts-with(normalize-space(.), "{w}")'
                         for w in ("Autor", "Author", "By ", "by ", "BY ", "Von ", "von ", "Por ", "Par "))
    n = 0
    for el in tree.xpath(f'//body//*[self::li or self::p or self::div or self::span or self::dd][{labels}]')[:20]:
        text = _clean_space(el.text_content())
        if len(text) < 60:  # a labelled field or a short "By Jane Roe" line; a sentence is not a byline
            groups.append([text])
            n += 1
            if n == 3:
                break
    return groups


_AUTHOR_META = ("author", "article:author", "og:article:author", "og:author", "article:author_name", "parsely-author",
                "sailthru.author", "dc.creator", "dcterms.creator", "cxenseparse:author", "byl", "citation_author",
                "dcsext.author", "articleauthor", "twitter:misc:written by", "twitter:data1")


def _pick_authors(tree: Any, meta: dict[str, list[str]], ld_authors: list[str],
                  outlet_keys: set[str]) -> tuple[list[str], str | None]:
    """People from the first source that names any: JSON-LD, then author meta tags, then bylines (looked at
    only when the metadata names nobody). A source that credits only a wire agency ("dpa") does not end the
    search for people: the agency is kept beside the people a later source names."""
    names = merge_authors(ld_authors)
    if names and not all(wire_agency(n) for n in names):
        return names, "json-ld"
    credits = names
    people, source = _pick_people(tree, meta, outlet_keys)
    if people:
        return merge_authors([*people, *credits]), source
    return (credits, "json-ld") if credits else ([], None)


def _pick_people(tree: Any, meta: dict[str, list[str]], outlet_keys: set[str]) -> tuple[list[str], str | None]:
    for k in _AUTHOR_META:
        if k == "twitter:data1" and not re.search(r"writ|auth|autor|von|by",
                                                  " ".join(meta.get(mkey("twitter:label1"), [])), re.I):
            continue  # WordPress puts "Written by" / "Est. reading time" pairs in twitter:label1/data1
        names = merge_authors(n for v in meta.get(mkey(k), []) for n in clean_author(v, outlet_keys))
        if names:
            return names, "meta"
    for group in _byline_groups(tree):
        names = merge_authors(n for v in group for n in clean_author(v, outlet_keys))
        if names:
            return names, "byline"
    return [], None
