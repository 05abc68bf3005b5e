"""Topics: the packaged IPTC taxonomy and the lexicon classifier (seed, snippets, invariants, speed)."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from newsdesk.enrich import topics
from newsdesk.enrich.topics import classify, taxonomy
from newsdesk.record import TopicScore

ROOT = Path(__file__).resolve().parents[2]

CONFLICT, POLITICS, ECONOMY = "medtop:16000000", "medtop:11000000", "medtop:04000000"
SPORT, HEALTH, ENERGY, INTL_RELATIONS = "medtop:15000000", "medtop:07000000", "medtop:20000256", "medtop:20000638"


def level1_codes(result: list[TopicScore]) -> list[str]:
    level1 = set(taxonomy().query("level == 1")["code"])
    return [t.code for t in result if t.code in level1]


def seed() -> tuple[str, str]:
    raw = (ROOT / "seeds" / "000_a756ebb544484e00.txt").read_text(encoding="utf-8")
    title, body = raw.split("\n", 1)
    return title.strip(), body


# --- taxonomy -------------------------------------------------------------------------------------------------
def test_taxonomy_shape() -> None:
    tax = taxonomy()
    assert list(tax.columns) == ["code", "label", "parent", "level"]
    assert "definition" not in tax.columns and "retired" not in tax.columns
    assert tax["code"].is_unique
    assert 1000 < len(tax) < 1200  # ~1,085 active concepts in the 2025-03-31 snapshot
    level1 = tax[tax["level"] == 1]
    assert len(level1) == 17
    assert level1["parent"].isna().all()
    assert level1["code"].str.fullmatch(r"medtop:\d{2}000000").all()
    children = tax[tax["level"] > 1]
    assert children["parent"].notna().all()
    assert children["parent"].isin(set(tax["code"])).all()
    by_code = tax.set_index("code")["level"]
    assert (children["parent"].map(by_code) == children["level"] - 1).all()


def test_taxonomy_is_cached_but_callers_cannot_mutate_it() -> None:
    tax = taxonomy()
    tax.loc[0, "label"] = "changed"
    assert taxonomy().loc[0, "label"] != "changed"


def test_packaged_csv_carries_no_definitions() -> None:
    path = ROOT / "src" / "newsdesk" / "data" / "iptc_mediatopics.csv"
    with path.open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header == ["code", "parent", "level", "label"]


def test_make_taxonomy_reproduces_packaged_csv(tmp_path: Path, reference_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_taxonomy", ROOT / "bench" / "make_taxonomy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "iptc.csv"
    assert module.main(["make_taxonomy.py", str(reference_dir / "iptc_mediatopics_en.csv"), str(out)]) == 0
    packaged = (ROOT / "src" / "newsdesk" / "data" / "iptc_mediatopics.csv").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == packaged


# --- the seed article ------------------------------------------------------------------------------------------
def test_seed_topics() -> None:
    title, body = seed()
    result = classify(title, body, "en")
    codes = [t.code for t in result]
    top3 = level1_codes(result)[:3]
    assert top3[0] == CONFLICT
    assert POLITICS in top3
    assert ENERGY in codes and ECONOMY in codes  # energy and resource implies its level-1 parent
    assert INTL_RELATIONS in codes
    assert result[0].code == CONFLICT


# --- snippets we wrote ourselves --------------------------------------------------------------------------------
SPORT_TEXT = (
    "The striker scored twice in the second half as the home side beat their rivals 3-1 at a packed stadium. "
    "The coach praised his players after the league match, and the goalkeeper kept the visitors out late on. "
    "The win lifts the club to third in the table with four games of the season left."
)
BUSINESS_TEXT = (
    "Shares in the carmaker fell 6% after it reported quarterly earnings below analysts' forecasts. Revenue rose "
    "to $12 billion but profit margins shrank as the company cut prices. The chief executive told investors the "
    "firm would reduce costs and that demand would recover next year, while the stock market was broadly flat."
)
HEALTH_TEXT = (
    "Doctors at the regional hospital are treating a growing number of patients with the virus. Health officials "
    "urged older people to get vaccinated, saying most severe infections and deaths occurred among the "
    "unvaccinated. The disease spreads quickly in winter, and the clinic has extended its opening hours."
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Late double sends hosts third", SPORT_TEXT, SPORT),
        ("Carmaker shares slide on weak quarter", BUSINESS_TEXT, ECONOMY),
        ("Hospitals fill up as winter virus spreads", HEALTH_TEXT, HEALTH),
        ("", SPORT_TEXT, SPORT),  # no title: the body alone decides
    ],
)
def test_snippets_top_level1(title: str, text: str, expected: str) -> None:
    assert level1_codes(classify(title, text, "en"))[0] == expected


def test_sport_snippet_gets_football_subtopic() -> None:
    codes = [t.code for t in classify("Late double sends hosts third", SPORT_TEXT, "en")]
    assert "medtop:20001065" in codes  # football (soccer)


def test_german_snippets() -> None:
    sport = (
        "Der Stürmer traf zweimal, die Mannschaft gewann das Bundesliga-Spiel im ausverkauften Stadion. "
        "Der Trainer lobte die Spieler."
    )
    politics = (
        "Der Außenminister traf im Bundestag die Abgeordneten der Koalition. "
        "Die Regierung will das Gesetz vor der Landtagswahl beschließen."
    )
    assert level1_codes(classify("Sieg im Derby", sport, "de"))[0] == SPORT
    assert level1_codes(classify("Streit in der Koalition", politics, "de"))[0] == POLITICS
    # language unknown: the stop-word guess must pick the German lexicon ("war" is German for "was")
    unknown = "Das Spiel war spannend und die Mannschaft war stark, der Trainer ist zufrieden."
    assert level1_codes(classify("", unknown, None))[0] == SPORT


def test_english_war_word_not_used_for_german() -> None:
    text = "Es war ein schöner Tag im Garten, und das Wetter war mild. Die Kinder spielten draußen."
    assert CONFLICT not in level1_codes(classify("", text, "de"))


# --- invariants ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("title,text", [("", ""), ("   ", "\n\t"), ("", "Lorem ipsum dolor sit amet, consectetur.")])
def test_no_evidence_gives_empty_list(title: str, text: str) -> None:
    assert classify(title, text) == []


def test_word_boundaries_and_stems() -> None:
    # "software", "award", "toward" contain "war"; "smart", "start", "heart" end in "art"; "syntax" ends in "tax";
    # "important" starts with "import": none of these may count
    text = (
        "The software team received an award, an important step toward their goal. A smart start, "
        "said the heart of the group, is clean syntax and smart, smart tests from the start."
    )
    codes = level1_codes(classify("", text, "en"))
    assert CONFLICT not in codes
    assert ECONOMY not in codes
    assert "medtop:01000000" not in codes


def test_title_weighs_more_than_body() -> None:
    body = "Officials met on Tuesday. The meeting lasted an hour."
    in_title = topics._evidence("Election", body, "en")
    in_body = topics._evidence("Meeting", body + " Election.", "en")
    assert in_title[POLITICS] > in_body[POLITICS] > 0


def test_repeated_hits_are_dampened() -> None:
    once = topics._evidence("", "The election.", "en")[POLITICS]
    many = topics._evidence("", "The election. " * 20, "en")[POLITICS]
    assert once < many < 20 * once / 3


@pytest.mark.parametrize(
    "title,text",
    [
        seed(),
        ("Late double sends hosts third", SPORT_TEXT),
        ("Carmaker shares slide", BUSINESS_TEXT),
        ("", HEALTH_TEXT),
    ],
)
def test_result_invariants(title: str, text: str) -> None:
    result = classify(title, text)
    tax = taxonomy().set_index("code")
    assert result
    scores = [t.score for t in result]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert all(isinstance(t, TopicScore) and t.method == "lexicon-v1" for t in result)
    assert all(tax.loc[t.code, "label"] == t.label for t in result)
    by_code = {t.code: t for t in result}
    for t in result:
        if tax.loc[t.code, "level"] > 1:  # a sub-topic implies its level-1 parent, scored at least as high
            parent = t.code
            while tax.loc[parent, "level"] > 1:
                parent = tax.loc[parent, "parent"]
            assert parent in by_code and by_code[parent].score >= t.score


def test_top_k_limits_level1_topics() -> None:
    title, body = seed()
    assert len(level1_codes(classify(title, body, top_k=2))) == 2
    assert level1_codes(classify(title, body, top_k=1)) == [CONFLICT]
    assert classify(title, body, top_k=0) == []


# --- lexicon integrity and speed ------------------------------------------------------------------------------------
def test_lexicon_topics_exist_and_weights_are_sane() -> None:
    from newsdesk import lang

    codes = set(taxonomy()["code"])
    level1 = set(taxonomy().query("level == 1")["code"])
    for code in lang.codes():
        rows = lang.get(code).rows("topics.tsv")  # sorted and unique per (topic, term): checked when loaded
        listed = {topic for topic, _, _ in rows}
        assert listed <= codes, (code, listed - codes)
        assert all(0 < float(w) <= 3 for _, _, w in rows), code
        if code == lang.DEFAULT:
            assert level1 <= listed  # every level-1 topic has words


def test_repeating_a_story_keeps_what_it_is_about() -> None:
    """The seed's body repeated to 1,000 words ranks the same topics in the same order, none with less confidence,
    and the same input always gives the same answer (speed: `make bench-stages`)."""
    title, body = seed()
    words = body.split()
    text = " ".join((words * (1000 // len(words) + 1))[:1000])
    once, repeated = classify(title, body), classify(title, text)
    assert [t.code for t in repeated] == [t.code for t in once]
    assert all(r.score >= o.score for r, o in zip(repeated, once, strict=True))
    assert classify(title, text) == repeated
