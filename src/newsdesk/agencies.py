"""Wire agencies: the names bylines and datelines credit them with, folded to one short name each.

A credited agency is kept in an article's authors as written ("dpa", "The Associated Press"): it wrote the copy,
it is not the outlet that ran it. The folded names (`Article.wire_agencies`) let marts count a story carried by
ten outlets from one dpa report as one independent source.
"""

from __future__ import annotations

import re

WIRE_AGENCIES = {
    "dpa": "dpa", "deutsche presse-agentur": "dpa", "deutsche presseagentur": "dpa", "dpa-afx": "dpa-AFX",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "thomson reuters": "Reuters", "rtr": "Reuters",
    "epd": "epd", "evangelischer pressedienst": "epd", "kna": "KNA", "katholische nachrichten-agentur": "KNA",
    "apa": "APA", "austria presse agentur": "APA", "sda": "SDA", "keystone-sda": "SDA", "ats": "SDA",
    "efe": "EFE", "agencia efe": "EFE", "ansa": "ANSA", "anp": "ANP", "ddp": "ddp", "sid": "SID", "dts": "dts",
    "upi": "UPI", "pa": "PA", "pa media": "PA", "press association": "PA", "bloomberg": "Bloomberg",
    "xinhua": "Xinhua", "tass": "TASS", "ria novosti": "RIA Novosti", "kyodo": "Kyodo", "yonhap": "Yonhap",
    "aa": "Anadolu", "anadolu": "Anadolu", "anadolu agency": "Anadolu", "anadolu ajansı": "Anadolu",
    "europa press": "Europa Press", "belga": "Belga", "ctk": "ČTK", "čtk": "ČTK", "tt": "TT", "ntb": "NTB",
    "ritzau": "Ritzau", "stt": "STT", "pap": "PAP", "mti": "MTI", "cnn wire": "CNN Wire", "awp": "AWP",
    "kathpress": "Kathpress", "idea": "idea", "aps": "APS", "apa-ots": "APA", "ots": "APA",
}


def wire_agency(name: str | None) -> str | None:
    """The agency a credit names ("Deutsche Presse-Agentur" -> "dpa"), or None."""
    if not name:
        return None
    return WIRE_AGENCIES.get(re.sub(r"\s+", " ", name).strip(" ,;:.()").casefold())


def wire_agencies(credits: list[str], dateline_agency: str | None = None) -> list[str]:
    """The distinct agencies among byline credits and a dateline's "(AP)", in order of first credit."""
    out: list[str] = []
    for c in [*credits, dateline_agency]:
        for part in re.split(r"\s*/\s*", c or ""):  # "dpa/lno": the agency and its regional desk
            a = wire_agency(part)
            if a and a not in out:
                out.append(a)
    return out
