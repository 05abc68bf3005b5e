from __future__ import annotations

import gzip
import json
from datetime import date, datetime, timezone

import pytest

from newsdesk.clean import CleanError, clean, parse_dateline, parse_published
from newsdesk.sources.files import InputRecord, ReadFailure, Skipped, decode_text, read


def test_dateline_without_year_is_resolved_against_reference() -> None:
    dl, cut = parse_dateline("Kyiv, Oct 12 (NationPress) Ukrainian President spoke.", date(2025, 10, 13))
    assert (dl.place, dl.date, dl.agency) == ("Kyiv", date(2025, 10, 12), "NationPress")
    assert "Ukrainian President spoke." == "Kyiv, Oct 12 (NationPress) Ukrainian President spoke."[cut:]


def test_dateline_year_boundary_picks_the_previous_december() -> None:
    dl, _ = parse_dateline("Berlin, Dec 31 (dpa) - Text.", date(2026, 1, 2))
    assert dl.date == date(2025, 12, 31)


def test_dateline_with_year_and_caps_place() -> None:
    dl, _ = parse_dateline("WASHINGTON, Jan. 5, 2024 (Reuters) - The Senate voted.", None)
    assert (dl.place, dl.date, dl.agency) == ("Washington", date(2024, 1, 5), "Reuters")


def test_dateline_without_date() -> None:
    dl, cut = parse_dateline("LONDON (AP) — Prices rose.", None)
    assert (dl.place, dl.date, dl.agency) == ("London", None, "AP") and cut > 0


def test_no_dateline_in_ordinary_sentence() -> None:
    assert parse_dateline("The minister (who spoke later) said no.", None)[1] == 0


def test_seed_text_article(seed_path) -> None:
    rec = next(r for r in read([seed_path]) if isinstance(r, InputRecord))
    art = clean(rec, date(2025, 10, 12))
    assert art.title == "Did Zelensky and Trump Discuss Strengthening Ukraine's Air Defence?"
    assert art.text.startswith("Kyiv, Oct 12 (NationPress) Ukrainian President Volodymyr Zelensky")
    assert "Key Takeaways" not in art.text and "Synopsis" not in art.text
    assert art.published_at == datetime(2025, 10, 12) and art.published_source == "input"
    assert art.language == "en"


def test_seed_without_published_uses_dateline_and_file_year(seed_path) -> None:
    rec = next(r for r in read([seed_path]) if isinstance(r, InputRecord))
    rec.file_mtime = datetime(2025, 10, 14, 9, 0, tzinfo=timezone.utc)
    art = clean(rec)
    assert art.published_at == datetime(2025, 10, 12)
    assert art.published_source == "dateline+reference" and art.published_inferred is True


def test_html_page_metadata() -> None:
    html = """<html lang="en-GB"><head><title>Ignored | Site</title>
    <meta property="og:title" content="Floods hit the valley">
    <meta name="author" content="Jane Roe"><meta property="og:site_name" content="Valley News">
    <meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
    <link rel="canonical" href="https://valley.example/news/floods"></head>
    <body><article><h1>Floods hit the valley</h1>
    <p>Heavy rain caused the river to burst its banks on Monday, flooding hundreds of homes in the valley.</p>
    <p>Emergency services evacuated residents overnight, and the mayor asked for national help with the clean-up.</p>
    </article></body></html>"""
    art = clean(InputRecord("x.html", "html", html=html.encode()))
    assert art.title == "Floods hit the valley"
    assert art.canonical_url == "https://valley.example/news/floods"
    assert art.language == "en" and art.published_at is not None and art.published_at.date() == date(2024, 3, 5)
    assert "burst its banks" in art.text


@pytest.mark.parametrize("html,rule", [(b"", "empty_html"), (b"<html><head><title>T</title></head><body></body></html>", "no_article_text")])
def test_html_without_article_is_a_clean_error(html: bytes, rule: str) -> None:
    with pytest.raises(CleanError) as exc:
        clean(InputRecord("x.html", "html", html=html))
    assert exc.value.rule == rule


def test_parse_published_normalises_to_naive_utc() -> None:
    assert parse_published("2024-05-03 15:47:42.389000+02:00") == datetime(2024, 5, 3, 13, 47, 42, 389000)
    assert parse_published("not a date") is None


def test_decode_text_handles_bom_cp1252_and_surrogates() -> None:
    assert decode_text(b"\xef\xbb\xbfcaf\xc3\xa9") == "café"
    assert decode_text("caf\u00e9 \u201cq\u201d".encode("cp1252")) == "café “q”"
    assert decode_text(b"a\x00b") == "ab"


def test_read_reports_skips_and_bad_jsonl_lines(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nBody text of the article.", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.jsonl").write_text(
        '{"title": "T", "text": "Body"}\nnot json\n[1]\n{"url": "https://x.example/a", "html": "<p>x</p>"}\n{"text": "no title"}\n',
        encoding="utf-8")
    with gzip.open(tmp_path / "d.html.gz", "wb") as f:
        f.write(b"<html><body><p>hello</p></body></html>")
    out = list(read([tmp_path]))
    kinds = [(type(x).__name__, getattr(x, "rule", getattr(x, "format", getattr(x, "reason", "")))) for x in out]
    assert ("InputRecord", "txt") in kinds and ("InputRecord", "html") in kinds
    assert ("InputRecord", "jsonl-text") in kinds and ("InputRecord", "jsonl-html") in kinds
    rules = sorted(x.rule for x in out if isinstance(x, ReadFailure))
    assert rules == ["invalid_json", "missing_field:title", "not_an_object"]
    assert [x.source_ref.endswith("b.pdf") for x in out if isinstance(x, Skipped)] == [True]


@pytest.mark.parametrize("value,expected", [
    (None, []), ("Jane Roe", ["Jane Roe"]), (["Jane Roe", " dpa ", ""], ["Jane Roe", "dpa"]),
    (42, None), ([1, "x"], None), ({"name": "x"}, None), (["x" * 300], None), (["a"] * 60, None),
])
def test_jsonl_authors_field(tmp_path, value, expected) -> None:
    rec = {"title": "T", "text": "Body of the article."}
    if value is not None:
        rec["authors"] = value
    (tmp_path / "a.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (out,) = list(read([tmp_path]))
    if expected is None:
        assert isinstance(out, ReadFailure) and out.rule == "bad_field:authors"
    else:
        assert isinstance(out, InputRecord) and out.authors == expected


def test_symlink_out_of_input_root_is_refused(tmp_path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret\n\nsecret body", encoding="utf-8")
    root = tmp_path / "in"
    root.mkdir()
    (root / "link.txt").symlink_to(outside)
    out = list(read([root]))
    assert len(out) == 1 and isinstance(out[0], Skipped) and "outside" in out[0].reason


def test_gzip_bomb_is_capped(tmp_path, monkeypatch) -> None:
    import newsdesk.sources.files as files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1_000_000)
    with gzip.open(tmp_path / "bomb.html.gz", "wb") as f:
        f.write(b"<p>" + b"A" * 5_000_000)
    out = list(read([tmp_path]))
    assert isinstance(out[0], ReadFailure) and "cap" in out[0].reason


@pytest.mark.parametrize("line,agency,wire", [
    ("Hamburg (dpa/lno) - Der Senat hat entschieden.", "dpa/lno", ["dpa"]),
    ("Frankfurt (dpa-AFX) - Die Aktie stieg.", "dpa-AFX", ["dpa-AFX"]),
    ("Berlin (AFP/dpa) - Die Regierung plant.", "AFP/dpa", ["AFP", "dpa"]),
    ("LONDON (AP) — The government said.", "AP", ["AP"]),
])
def test_dateline_agency_with_desk(line: str, agency: str, wire: list[str]) -> None:
    from newsdesk.agencies import wire_agencies

    dl, _ = parse_dateline(line, None)
    assert dl.agency == agency and wire_agencies([], dl.agency) == wire
