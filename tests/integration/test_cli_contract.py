"""The `newsdesk extract --json` contract on the seed, through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_json(seed_path: Path) -> dict:
    r = subprocess.run([sys.executable, "-m", "newsdesk.cli", "extract", str(seed_path), "--published", "2025-10-12",
                        "--json"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_contract_shape(seed_json: dict) -> None:
    assert set(seed_json) >= {"article", "actors", "dates", "topics", "quotes"}
    art = seed_json["article"]
    assert set(art) >= {"id", "url", "title", "published_at", "authors", "site_name", "language", "dateline", "text"}
    assert set(art["dateline"]) == {"place", "date", "agency"}
    for a in seed_json["actors"]:
        assert set(a) >= {"name", "type", "country", "mentions", "aliases", "roles"}
        assert a["type"] in {"person", "organization", "country", "place", "group"}
        assert isinstance(a["mentions"], int) and isinstance(a["aliases"], list) and isinstance(a["roles"], list)
    for d in seed_json["dates"]:
        assert set(d) >= {"text", "start", "end", "granularity", "sentence", "type", "value"}
        assert d["type"] in {"date", "time", "duration", "set"} and d["value"]
        # a calendar interval has start, end and granularity; a duration, set or *_REF has none of them
        assert (d["start"] is None) == (d["end"] is None) == (d["granularity"] is None)
    for t in seed_json["topics"]:
        assert set(t) >= {"code", "label", "score"} and 0 < t["score"] <= 1
    for q in seed_json["quotes"]:
        assert set(q) >= {"speaker", "text"}


def test_seed_facts(seed_json: dict) -> None:
    art = seed_json["article"]
    assert art["published_at"].startswith("2025-10-12")
    assert art["dateline"] == {"place": "Kyiv", "date": "2025-10-12", "agency": "NationPress"}
    actors = {a["name"]: a for a in seed_json["actors"]}
    assert (actors["Volodymyr Zelensky"]["type"], actors["Volodymyr Zelensky"]["country"]) == ("person", "UA")
    assert "President" in actors["Volodymyr Zelensky"]["roles"]
    assert (actors["Donald Trump"]["country"], actors["Donald Trump"]["roles"]) == ("US", ["President"])
    assert (actors["Sergei Lavrov"]["country"], actors["Sergei Lavrov"]["roles"]) == ("RU", ["Foreign Minister"])
    for name, code in (("Russia", "RU"), ("Ukraine", "UA"), ("United States", "US")):
        assert (actors[name]["type"], actors[name]["country"]) == ("country", code)
    assert {"Russian", "Moscow"} <= set(actors["Russia"]["aliases"])
    assert "Ukrainian" in actors["Ukraine"]["aliases"]
    assert actors["Xinhua"]["type"] == "organization" and actors["Xinhua"]["is_source"] is True
    assert actors["UN General Assembly"]["type"] == "organization"
    dates = {d["text"].removeprefix("On ").removeprefix("on "): d for d in seed_json["dates"]}
    assert (dates["September 27"]["start"], dates["September 27"]["granularity"]) == ("2025-09-27", "day")
    assert dates["Friday"]["start"] == dates["Friday"]["end"] == "2025-10-10"  # the Friday before Sunday 12 Oct
    assert dates["Saturday"]["start"] == "2025-10-11"
    week = next(d for k, d in dates.items() if k.lower() == "earlier this week")
    assert (week["start"], week["end"], week["granularity"]) == ("2025-10-06", "2025-10-12", "week")


def test_seed_time_expressions_are_typed(seed_json: dict) -> None:
    """TimeML type and value per date (issue 12): the dateline's "Oct 12" is the document creation time."""
    dates = {d["text"].removeprefix("On ").removeprefix("on "): d for d in seed_json["dates"]}
    oct12 = dates["Oct 12"]
    assert (oct12["type"], oct12["value"], oct12["start"], oct12["function"]) == (
        "date", "2025-10-12", "2025-10-12", "creation_time")
    assert seed_json["dates"][0] is not None and seed_json["dates"][0]["text"] == "Oct 12"  # first in the text
    typed = {k: (d["type"], d["value"]) for k, d in dates.items()}
    assert typed["September 27"] == ("date", "2025-09-27")
    assert typed["Friday"] == ("date", "2025-10-10") and typed["Saturday"] == ("date", "2025-10-11")
    assert typed["Earlier this week"] == ("date", "2025-W41")
    assert typed["recent"] == ("date", "PAST_REF")  # "the recent assaults": a past reference, no calendar range
    assert dates["recent"]["start"] is None
    # every other expression is a story event, not the creation time
    assert [d["text"] for d in seed_json["dates"] if d.get("function") == "creation_time"] == ["Oct 12"]
    codes = [t["code"] for t in seed_json["topics"]]
    assert "medtop:16000000" in codes[:3]  # conflict, war and peace
    assert "medtop:20000256" in codes       # energy and resource
    assert "medtop:20000638" in codes       # international relations (diplomacy)
    assert len(seed_json["quotes"]) == 3
    assert {q["speaker"] for q in seed_json["quotes"]} == {"Volodymyr Zelensky"}


def test_every_command_has_help() -> None:
    from newsdesk.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    readme = (ROOT / "README.md").read_text()
    for name, p in sub.choices.items():
        assert p.format_help().strip() and p.description, name
        assert f"newsdesk {name}" in readme, f"`newsdesk {name}` is not documented in the README"


def test_extract_refuses_non_article(tmp_path: Path) -> None:
    f = tmp_path / "x.pdf"
    f.write_bytes(b"%PDF-1.4")
    r = subprocess.run([sys.executable, "-m", "newsdesk.cli", "extract", str(f), "--json"], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2 and "not an article" in r.stderr
