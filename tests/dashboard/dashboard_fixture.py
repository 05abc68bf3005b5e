"""A small, realistic newsdesk database built with plain SQL (no ETL), published as the dashboard's read copy."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from newsdesk.store import lake
from newsdesk.store.db import connect_writer

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard"
APP = DASHBOARD / "app.py"

# The dashboard imports its modules as top-level names (`data`, `ui`), as `streamlit run` puts its folder on sys.path.
if str(DASHBOARD) not in sys.path:
    sys.path.insert(0, str(DASHBOARD))

XSS_TITLE = "<script>alert(1)</script>"
XSS_AUTHOR = "<img src=x onerror=alert(1)>"
XSS_JS_LINK = "[x](javascript:alert(1))"
XSS_DATA_LINK = "[y](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"
XSS_PIXEL = '<img src="http://tracker.invalid/p.gif" width="1" height="1">'
XSS_QUOTE = "<svg onload=alert(3)>"
XSS_SITE = "Evil <b>Times</b>"

SEED = "a-seed-zelensky"
SCHOLZ = "person:olaf-scholz"
HOSTILE = "a-hostile"

# What the fixture holds, for assertions (kept next to the data so they move together).
N_ARTICLES = 6
N_ACTORS = 9  # distinct actors mentioned in at least one article
N_QUOTES = 4
N_DATE_MENTIONS = 9  # time expressions the stories make (the dateline's own date is metadata, not counted)
N_TIMELINE_MENTIONS = 7  # plausible ones with a calendar range (the Dates page): not the duration, not "1061"
N_SOURCES = 4  # distinct non-null site names
N_REJECTS = 3
# One syndicated story: the seed and the energy follow-up (NationPress) and the Trump article (Wire Daily), the
# first and last credited to AP: three articles, two outlets, two independent sources (AP, NationPress's own).
STORY = [SEED, "a-energy", "a-trump-lavrov"]
WIRE = {SEED: ["AP"], "a-trump-lavrov": ["AP"]}
N_STORIES = N_ARTICLES - len(STORY) + 1

ACTORS = [
    # actor_id, name, type, country, aliases
    ("person:volodymyr-zelensky", "Volodymyr Zelensky", "person", "UA",
     ["Zelensky", "Volodymyr Zelensky", "Wolodymyr Selenskyj", "Selenskyj"]),
    ("person:donald-trump", "Donald Trump", "person", "US", ["Trump", "Donald Trump"]),
    ("person:sergei-lavrov", "Sergei Lavrov", "person", "RU", ["Lavrov", "Sergei Lavrov"]),
    ("country:UA", "Ukraine", "country", "UA", ["Ukraine", "Ukrainian", "Kyiv"]),
    ("country:RU", "Russia", "country", "RU", ["Russia", "Russian", "Moscow"]),
    ("country:US", "United States", "country", "US", ["US", "United States"]),
    ("org:xinhua", "Xinhua", "organization", "CN", ["Xinhua"]),
    ("org:un-general-assembly", "UN General Assembly", "organization", None, ["UN General Assembly"]),
    ("person:hostile", XSS_AUTHOR, "person", None, [XSS_AUTHOR]),
    # In the actors table but in no article (the long tail a top-N picker never reaches): search must find them.
    (SCHOLZ, "Olaf Scholz", "person", "DE", ["Scholz", "Olaf Scholz"]),
    ("org:scholz-institute", "Scholz Institute of Technology", "organization", "DE", ["Scholz Institute"]),
]
# An identity decision (`newsdesk actors merge`): an id shared in an old link now names Zelensky.
MERGED_AWAY = "person:zelenskyy-dup"

TOPICS = [
    ("medtop:16000000", "conflict, war and peace", None, 1),
    ("medtop:20000062", "war", "medtop:20000056", 3),
    ("medtop:20000256", "energy and resource", "medtop:20000209", 3),
    ("medtop:20000639", "diplomacy", "medtop:20000638", 3),
    ("medtop:11000000", "politics and government", None, 1),
    ("medtop:15000000", "sport", None, 1),
]

SEED_TEXT = (
    "Kyiv, Oct 12 (NationPress) Ukrainian President Volodymyr Zelensky revealed that he engaged in a phone "
    "conversation with US President Donald Trump regarding the enhancement of his nation's air defense systems.\n"
    '"I briefed President Trump on the recent assaults by Russia on our energy infrastructure," Zelensky shared.\n'
    "Earlier this week, Ukraine initiated emergency power outages in Kyiv.\n"
    "On September 27, Russian Foreign Minister Sergei Lavrov addressed the UN General Assembly.\n"
    "On Friday, Russia executed a significant airstrike. Power was restored on Saturday, as reported by Xinhua."
)
HOSTILE_TEXT = (
    f"Click {XSS_JS_LINK} or {XSS_DATA_LINK} now. {XSS_PIXEL} "
    f"<script>document.title='pwned'</script> An official said \"{XSS_QUOTE}\" on Monday."
)

# article_id, title, authors, site, published_at, text, load
ARTICLES = [
    (SEED, "Did Zelensky and Trump Discuss Strengthening Ukraine's Air Defence?", ["NationPress Staff"],
     "NationPress", "2025-10-12 09:30:00", SEED_TEXT, "load-1"),
    ("a-trump-lavrov", "Trump says talks with Moscow are possible", ["Jane Doe"], "Wire Daily",
     "2025-10-13 14:00:00", "US President Donald Trump said on Monday that talks with Russia were possible. "
     "Sergei Lavrov welcomed it.", "load-1"),
    ("a-energy", "Ukraine restores power after strikes on energy grid", ["NationPress Staff"], "NationPress",
     "2025-10-14 08:00:00", "Ukraine restored power to Kyiv. Zelensky thanked engineers. Energy was back by noon.",
     "load-1"),
    (HOSTILE, XSS_TITLE, [XSS_AUTHOR], XSS_SITE, "2025-10-15 12:00:00", HOSTILE_TEXT, "load-2"),
    ("a-sport", "Kyiv marathon draws record field", ["Sam Runner"], "Sports Today", "2025-10-01 07:00:00",
     "Thousands ran the Kyiv marathon on Sunday.", "load-2"),
    ("a-undated", "Ministers meet on energy prices", [], None, None,
     "Energy ministers met in Brussels to discuss prices.", "load-2"),
]

# article_id, actor_id, mentions, roles, roles_written, in_title, is_source
ARTICLE_ACTORS = [
    (SEED, "person:volodymyr-zelensky", 3, ["President"], ["Ukrainian President"], True, False),
    (SEED, "person:donald-trump", 2, ["President"], ["US President"], True, False),
    (SEED, "person:sergei-lavrov", 1, ["Foreign Minister"], ["Russian Foreign Minister"], False, False),
    (SEED, "country:UA", 3, [], [], True, False),
    (SEED, "country:RU", 3, [], [], False, False),
    (SEED, "country:US", 1, [], [], False, False),
    (SEED, "org:xinhua", 1, [], [], False, True),
    (SEED, "org:un-general-assembly", 1, [], [], False, False),
    ("a-trump-lavrov", "person:donald-trump", 1, ["President"], ["US President"], True, False),
    ("a-trump-lavrov", "person:sergei-lavrov", 1, [], [], False, False),
    ("a-trump-lavrov", "country:RU", 1, [], [], False, False),
    ("a-energy", "country:UA", 2, [], [], True, False),
    ("a-energy", "person:volodymyr-zelensky", 1, [], [], False, False),
    (HOSTILE, "person:hostile", 1, [XSS_QUOTE], [XSS_QUOTE], False, False),
    ("a-sport", "country:UA", 1, [], [], False, False),
]

# How sure each link is (newsdesk.enrich.actors.CONFIDENCE); 1.0 unless listed. Xinhua, cited once by name, and
# Lavrov's second article are weak links; the sport article's Ukraine link was landed before links were scored.
LOW_CONFIDENCE: dict[tuple[str, str], float | None] = {
    (SEED, "org:xinhua"): 0.6,
    ("a-trump-lavrov", "person:sergei-lavrov"): 0.75,
    ("a-sport", "country:UA"): None,
}

# article_id, idx, text, sentence, start, end, granularity
DATE_MENTIONS = [
    (SEED, 0, "Earlier this week", "Earlier this week, Ukraine initiated emergency power outages in Kyiv.",
     "2025-10-06", "2025-10-12", "week"),
    (SEED, 1, "September 27", "On September 27, Russian Foreign Minister Sergei Lavrov addressed the UN General "
     "Assembly.", "2025-09-27", "2025-09-27", "day"),
    (SEED, 2, "On Friday", "On Friday, Russia executed a significant airstrike.", "2025-10-10", "2025-10-10", "day"),
    (SEED, 3, "Saturday", "Power was restored on Saturday, as reported by Xinhua.", "2025-10-11", "2025-10-11",
     "day"),
    ("a-trump-lavrov", 0, "on Monday", "US President Donald Trump said on Monday that talks were possible.",
     "2025-10-13", "2025-10-13", "day"),
    (HOSTILE, 0, "on Monday", f"An official said \"{XSS_QUOTE}\" on Monday. {XSS_JS_LINK}", "2025-10-13",
     "2025-10-13", "day"),
    ("a-sport", 0, "on Sunday", "Thousands ran the Kyiv marathon on Sunday.", "2025-09-28", "2025-09-28", "day"),
]
# type, value, function of each mention above (all calendar dates), then two that are not events on a calendar:
# a duration (no range) and the seed's dateline date (the document creation time).
DATE_MENTIONS = [(*d, "date", "", None) for d in DATE_MENTIONS] + [
    (SEED, 4, "three years", "The grid has been under attack for three years.", None, None, None, "duration", "P3Y",
     None),
    (SEED, 5, "Oct 12", "Kyiv, Oct 12 (NationPress)", "2025-10-12", "2025-10-12", "day", "date", "2025-10-12",
     "creation_time"),
    # A benchmark score read as a year: a calendar range, but not a plausible event (the Dates page leaves it out).
    ("a-sport", 1, "1061", "The winner's watch logged 1061 steps a minute.", "1061-01-01", "1061-12-31", "year",
     "date", "1061", None),
]

# article_id, code, score, rank
ARTICLE_TOPICS = [
    (SEED, "medtop:16000000", 0.91, 1),
    (SEED, "medtop:20000639", 0.74, 2),
    (SEED, "medtop:20000256", 0.62, 3),
    ("a-trump-lavrov", "medtop:20000639", 0.88, 1),
    ("a-trump-lavrov", "medtop:11000000", 0.55, 2),
    ("a-energy", "medtop:20000256", 0.93, 1),
    ("a-energy", "medtop:16000000", 0.40, 2),
    (HOSTILE, "medtop:11000000", 0.30, 1),
    ("a-sport", "medtop:15000000", 0.97, 1),
    ("a-undated", "medtop:20000256", 0.80, 1),
]

# article_id, idx, speaker, speaker_actor_id, text
QUOTES = [
    (SEED, 0, "Volodymyr Zelensky", "person:volodymyr-zelensky",
     "I briefed President Trump on the recent assaults by Russia on our energy infrastructure"),
    (SEED, 1, "Volodymyr Zelensky", "person:volodymyr-zelensky",
     "If we can halt conflict in one area, surely, we can cease other conflicts as well"),
    ("a-trump-lavrov", 0, "Donald Trump", "person:donald-trump", "Talks are possible"),
    (HOSTILE, 0, None, None, XSS_QUOTE),
]


@dataclass(frozen=True)
class FixtureDb:
    """The writer's file (what NEWSDESK_DB points at) and its reader store (the lake directory)."""

    path: Path
    store: Path


def build_database(path: Path, *, fts: bool = True) -> FixtureDb:
    """Create and fill a database at `path` the way the loader would, then publish it to its reader store (without
    the search postings when `fts` is false, as a store from before search would be)."""
    con = connect_writer(path)
    try:
        con.execute("BEGIN")
        con.executemany(
            "INSERT INTO loads (load_id, started_at, finished_at, status, source, n_inputs, n_landed, n_rejected, "
            "n_duplicates, n_skipped, timings, versions) VALUES (?, ?, ?, 'succeeded', ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ("load-1", "2025-10-15 06:00:00", "2025-10-15 06:00:42", "seeds/", 4, 3, 1, 0, 0,
                 json.dumps({"clean": 1.2}), json.dumps({"spacy": "3.8"})),
                ("load-2", "2025-10-16 06:00:00", "2025-10-16 06:01:05", "feeds/world.jsonl", 5, 3, 2, 0, 0,
                 json.dumps({"clean": 2.0}), json.dumps({"spacy": "3.8"})),
            ],
        )
        con.executemany(
            "INSERT INTO articles (article_id, url, canonical_url, title, authors, site_name, language, published_at, "
            "published_source, text, word_count, content_hash, source_ref, input_format, fetched_at, load_id, "
            "dateline_place, dateline_agency, wire_agencies) VALUES (?, ?, ?, ?, ?, ?, 'en', ?, ?, ?, ?, ?, ?, "
            "'txt', '2025-10-16 06:00:00', ?, ?, ?, ?)",
            [
                (aid, f"https://news.example/{aid}", f"https://news.example/{aid}", title, authors, site, published,
                 "metadata" if published else None, text, len(text.split()), f"hash-{aid}", f"seeds/{aid}.txt",
                 load, "Kyiv" if aid == SEED else None, "NationPress" if aid == SEED else None, WIRE.get(aid, []))
                for aid, title, authors, site, published, text, load in ARTICLES
            ],
        )
        con.executemany(
            "INSERT INTO article_stories VALUES (?, ?, ?, ?, [], 'load-1')",
            [(aid, STORY[0], None if aid == STORY[0] else STORY[0], 1.0 if aid == STORY[0] else 0.8)
             for aid in STORY],
        )
        con.executemany(
            "INSERT INTO actors (actor_id, name, type, country, aliases, first_load) VALUES (?, ?, ?, ?, ?, 'load-1')",
            [list(a) for a in ACTORS],
        )
        con.executemany(
            "INSERT INTO article_actors (article_id, actor_id, name, mentions, aliases, roles, roles_written, "
            "first_offset, in_title, in_lead, is_source, load_id, source_actor_id, confidence) "
            "SELECT ?, ?, name, ?, aliases, ?, ?, 0, ?, false, ?, 'load-1', actor_id, ? FROM actors WHERE actor_id = ?",
            [(aid, act, n, roles, written, title, src, LOW_CONFIDENCE.get((aid, act), 1.0), act)
             for aid, act, n, roles, written, title, src in ARTICLE_ACTORS],
        )
        con.execute(
            "INSERT INTO actor_overrides VALUES (?, 'merge', ?, 'person:volodymyr-zelensky', NULL, 'Volodymyr "
            "Zelenskyy', 'person', 'UA', ['Zelenskyy'], NULL, '2025-10-16 07:00:00')",
            [f"merge:{MERGED_AWAY}", MERGED_AWAY],
        )
        con.executemany(
            "INSERT INTO date_mentions (article_id, mention_idx, text, sentence, start_date, end_date, granularity, "
            "type, value, function, char_offset, load_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'load-1')",
            DATE_MENTIONS,
        )
        con.executemany("INSERT INTO topics VALUES (?, ?, ?, ?)", TOPICS)
        con.executemany(
            "INSERT INTO article_topics VALUES (?, ?, ?, ?, 'keywords', 'load-1')",
            ARTICLE_TOPICS,
        )
        con.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, 0, 10, 'load-1')",
            QUOTES,
        )
        con.executemany(
            "INSERT INTO validation_results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ("load-1", "articles", "articles", True, 4, 0, json.dumps({}), "2025-10-15 06:00:40"),
                ("load-2", "articles", "articles", False, 5, 1,
                 json.dumps({"expect_column_values_to_match_regex(url)": 1}), "2025-10-16 06:01:00"),
                ("load-2", "quotes", "quotes", True, 1, 0, json.dumps({}), "2025-10-16 06:01:01"),
            ],
        )
        con.executemany(
            "INSERT INTO rejects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ("r1", "load-1", "read", None, "seeds/broken.jsonl:17", None, ["JSONDecodeError"],
                 "line 17 is not valid JSON", json.dumps({"line": "{oops"}), "2025-10-15 06:00:05"),
                ("r2", "load-2", "validate", "articles", "feeds/world.jsonl:3", "a-bad-url",
                 ["expect_column_values_to_match_regex(url)"], f"url is not http(s): {XSS_JS_LINK}",
                 json.dumps({"url": "javascript:alert(1)", "title": XSS_TITLE}), "2025-10-16 06:00:30"),
                ("r3", "load-2", "clean", None, "feeds/world.jsonl:4", None, ["EmptyText"],
                 "no article text after cleaning", json.dumps({"html": XSS_PIXEL}), "2025-10-16 06:00:31"),
            ],
        )
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        lake.initialise(con, path)
        if not fts:
            con.execute("DROP TABLE lake.search_terms")
            con.execute("DROP TABLE lake.search_docs")
    finally:
        con.close()
    return FixtureDb(path, lake.lake_dir(path))
