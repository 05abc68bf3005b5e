"""newsdesk.metadata on small pages written for these tests (no corpus text)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from trafilatura.utils import load_html

from newsdesk import metadata as M
from newsdesk.clean import clean
from newsdesk.sources.files import InputRecord

BODY = ("<p>" + "The council met on Monday to discuss the new bridge over the river, and residents asked questions. "
        * 6 + "</p>")


def page(head: str, body: str = "") -> str:
    return f"<html lang='en'><head>{head}</head><body>{body}<article>{BODY}</article></body></html>"


def meta_of(html: str, url: str | None = "https://news.example.com/2024/bridge") -> M.PageMeta:
    return M.extract(load_html(html), url)


GRAPH = """<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "@id": "https://news.example.com/#site", "name": "Example News"},
  {"@type": ["NewsArticle", "ReportageNewsArticle"], "headline": "Council approves the new bridge",
   "datePublished": "2024-03-05T08:15:00+01:00", "dateModified": "2024-03-07T10:00:00+01:00",
   "dateCreated": "2024-02-20T09:00:00+01:00",
   "author": [{"@type": "Person", "name": "Jane Roe"}, {"@id": "https://news.example.com/#/person/1"},
              {"@type": "Organization", "name": "Example News"}],
   "publisher": {"@id": "https://news.example.com/#org"}},
  {"@type": "Person", "@id": "https://news.example.com/#/person/1", "name": "John Smith"},
  {"@type": "NewsMediaOrganization", "@id": "https://news.example.com/#org", "name": "Example News"}
]}
</script>"""


def test_json_ld_graph_gives_headline_date_and_people() -> None:
    pm = meta_of(page(GRAPH + '<meta property="og:title" content="Bridge vote | Example News">'))
    assert pm.title == "Council approves the new bridge" and pm.title_source == "json-ld"
    assert pm.published == datetime(2024, 3, 5, 8, 15, tzinfo=timezone(timedelta(hours=1)))
    assert pm.published_source == "json-ld:datePublished"  # never dateModified, not the earlier dateCreated
    assert pm.authors == ["Jane Roe", "John Smith"]  # @id resolved; the Organization dropped
    assert pm.publisher == "Example News"


def test_json_ld_lists_cdata_entities_and_trailing_commas() -> None:
    ld = """<script type="application/ld+json">//<![CDATA[
    [{"@type": "BreadcrumbList", "itemListElement": []},
     {"@type": "http://schema.org/BlogPosting", "headline": "Caf&eacute; owners &#8216;relieved&#8217;",
      "datePublished": "2023-11-02", "author": "By Ana Lima",},]
    //]]></script>"""
    pm = meta_of(page(ld))
    assert pm.title == "Café owners ‘relieved’"
    assert pm.published == date(2023, 11, 2)
    assert pm.authors == ["Ana Lima"]


@pytest.mark.parametrize("og,site,url,expected", [
    ("Floods hit the valley | Valley News", "Valley News", None, "Floods hit the valley"),
    ("Floods hit the valley - WELT", None, "https://www.welt.example/politik/a1", "Floods hit the valley"),
    ("Floods hit the valley – DW – 28.04.2023", "DW", None, "Floods hit the valley"),
    ("Valley News | Floods hit the valley", "Valley News", None, "Floods hit the valley"),
    ("Floods hit the valley | The Valley Times | by Jane Roe", "The Valley Times", None, "Floods hit the valley"),
    ("Floods hit the valley：Valley Shimbun", "Valley Shimbun", None, "Floods hit the valley"),
    # a dash inside the headline is not a site-name separator
    ("Rain, rain - and more rain for the valley", "Valley News", None, "Rain, rain - and more rain for the valley"),
])
def test_title_is_cleaned_of_site_names(og: str, site: str | None, url: str | None, expected: str) -> None:
    head = f'<meta property="og:title" content="{og}">'
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    assert meta_of(page(head), url).title == expected


def test_title_cut_to_the_headline_another_source_gives() -> None:
    head = ('<title>Floods hit the valley - Regional - Valley Network</title>'
            '<meta property="og:title" content="Floods hit the valley - Regional">')
    pm = meta_of(page(head, "<h1>Floods hit the valley</h1>"), None)
    assert pm.title == "Floods hit the valley"


def test_title_falls_back_to_h1_then_title() -> None:
    assert meta_of(page("<title>Only a title | Site</title>", "<h1>The real headline</h1>")).title == \
        "The real headline"
    assert meta_of(page("<title>Only a title</title>")).title == "Only a title"


def test_earliest_publication_date_never_modified() -> None:
    head = ('<meta property="article:modified_time" content="2024-01-01T09:00:00Z">'
            '<meta property="article:published_time" content="2023-12-31T23:30:00-05:00">'
            '<meta name="parsely-pub-date" content="2024-01-01T06:00:00Z">'
            '<meta name="date" content="2023-12-01">')
    pm = meta_of(page(head))
    assert pm.published == datetime(2023, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert pm.published_source == "meta:article:published_time"


def test_meta_names_are_compared_without_punctuation_and_case() -> None:
    pm = meta_of(page('<meta name="Article:Published:Time" content="2024-10-23T15:48:15+00:00">'))
    assert pm.published == datetime(2024, 10, 23, 15, 48, 15, tzinfo=timezone.utc)


def test_generic_date_used_only_without_a_publication_date() -> None:
    pm = meta_of(page('<meta name="dc.date" content="2022-06-01">'))
    assert pm.published == date(2022, 6, 1)
    pm = meta_of(page("", '<time class="entry-date published" datetime="2026-01-27T12:13:17+01:00">27. Januar</time>'))
    assert pm.published is not None and pm.published.day == 27


def test_implausible_dates_are_ignored() -> None:
    future = (datetime.now(timezone.utc) + timedelta(days=30)).isoformat()
    pm = meta_of(page(f'<meta property="article:published_time" content="{future}">'
                      '<meta property="article:published_time" content="1970-01-01T00:00:00Z">'))
    assert pm.published is None


@pytest.mark.parametrize("raw,expected", [
    ("2024-05-03T15:47:42+02:00", datetime(2024, 5, 3, 15, 47, 42, tzinfo=timezone(timedelta(hours=2)))),
    ("2024-05-03T15:47:42+0200", datetime(2024, 5, 3, 15, 47, 42, tzinfo=timezone(timedelta(hours=2)))),
    ("2024-05-03T13:47:42.389Z", datetime(2024, 5, 3, 13, 47, 42, 389000, tzinfo=timezone.utc)),
    ("2024-05-03 15:47", datetime(2024, 5, 3, 15, 47)),
    ("2024-05-03", date(2024, 5, 3)),
    ("20240503", date(2024, 5, 3)),
    ("28.04.2023, 19:20", datetime(2023, 4, 28, 19, 20)),
    ("Fri Apr 28 19:20:36 CEST 2023", datetime(2023, 4, 28, 19, 20, 36, tzinfo=timezone(timedelta(hours=2)))),
    ("Fri, 28 Apr 2023 17:20:36 GMT", datetime(2023, 4, 28, 17, 20, 36, tzinfo=timezone.utc)),
    ("1714744062", datetime(2024, 5, 3, 13, 47, 42, tzinfo=timezone.utc)),
    ("yesterday", None), ("", None), ("2024-13-45", None),
])
def test_parse_datetime(raw: str, expected: object) -> None:
    assert M.parse_datetime(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("By Jane Roe and John Smith", ["Jane Roe", "John Smith"]),
    ("Anna Müller, Ben Schmidt und Carla Weber", ["Anna Müller", "Ben Schmidt", "Carla Weber"]),
    ("Von Max Muster", ["Max Muster"]),
    ("Jane Roe, Berlin", ["Jane Roe"]),
    ("Jane Roe (dpa)", ["Jane Roe", "dpa"]), ("Jane Roe (Berlin)", ["Jane Roe"]),
    ("dpa/lno", ["dpa"]), ("AFP/dpa", ["AFP", "dpa"]), ("Reuters/kra Frankfurt", ["Reuters"]),
    ("ap", []), ("pa", []), ("tt", []),  # editors' initials, not AP, PA or TT
    ("Smith, John", ["John Smith"]), ("Müller, Anna", ["Anna Müller"]),
    ("jane.roe@news.example.com", []),
    ("https://www.facebook.com/janeroe", []),
    ("Redaktion", []), ("Valley News Staff", []), ("Agenturen", []), ("wire services", []),
    # a credited wire agency wrote the copy: kept as written
    ("dpa", ["dpa"]), ("Reuters", ["Reuters"]), ("AFP", ["AFP"]), ("The Associated Press", ["The Associated Press"]),
    ("Felix Schröder und Jörg Soldwisch, dpa", ["Felix Schröder", "Jörg Soldwisch", "dpa"]),
    ("Jane Roe, SDA", ["Jane Roe", "SDA"]),
    ("Frankfurt, Germany", []), ("Politik, Ausland", []),
    ("Valley News", []),  # the outlet itself
    ("Nachrichtenagentur", []),
    ("Dr. Max Kolter", ["Dr. Max Kolter"]),
    ("María R. Sahuquillo", ["María R. Sahuquillo"]),
    ("김민수 기자", ["김민수"]),
])
def test_authors_are_people(raw: str, expected: list[str]) -> None:
    outlets = M._outlet_keys(["Valley News"], "www.valleynews.example")
    assert M.clean_author(raw, outlets) == expected


def test_wire_agency_names() -> None:
    assert M.wire_agency("Deutsche Presse-Agentur") == "dpa" and M.wire_agency(" The Associated Press ") == "AP"
    assert M.wire_agency("Anadolu Ajansı") == "Anadolu" and M.wire_agency("Jane Roe") is None


def test_agency_typed_as_organization_is_credited() -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge vote",'
          ' "author": [{"@type": "Person", "name": "Paula Steiger"}, {"@type": "Organization", "name": "SDA"},'
          ' {"@type": "Organization", "name": "Valley News"}]}</script>')
    pm = meta_of(page(ld), "https://valleynews.example/a")
    assert pm.authors == ["Paula Steiger", "SDA"] and pm.authors_source == "json-ld"


def test_authors_deduplicated_and_first_source_wins() -> None:
    head = ('<meta name="author" content="Jane Roe; jane-roe; JANE ROE">'
            '<meta property="article:author" content="https://www.facebook.com/someone">')
    pm = meta_of(page(head, '<span class="byline">By Someone Else</span>'))
    assert pm.authors == ["Jane Roe"] and pm.authors_source == "meta"


def test_byline_when_no_metadata_names_anyone() -> None:
    body = ('<div class="article-meta"><p class="author">von <a href="/autoren/max-muster">Max Muster</a></p>'
            '<span class="author-avatar">MM</span></div>')
    pm = meta_of(page('<meta name="author" content="Valley News">', body), "https://valleynews.example/a")
    assert pm.authors == ["Max Muster"] and pm.authors_source == "byline"


def test_wordpress_written_by_meta() -> None:
    head = ('<meta name="author" content="j.roe@valley.example">'
            '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Jane Roe">')
    assert meta_of(page(head)).authors == ["Jane Roe"]


def test_language_and_site_name() -> None:
    pm = meta_of(page('<meta property="og:site_name" content="Valley News">').replace("lang='en'", "lang='de-AT'"))
    assert pm.language == "de" and pm.site_name == "Valley News"


def test_clean_uses_the_metadata() -> None:
    html = page(GRAPH + '<meta property="og:title" content="Bridge vote | Example News">'
                '<link rel="canonical" href="https://news.example.com/2024/bridge">', "<h1>Council approves</h1>")
    art = clean(InputRecord("x.html", "html", html=html.encode(), url="https://news.example.com/2024/bridge?ref=rss"))
    assert art.title == "Council approves the new bridge"
    assert art.authors == ["Jane Roe", "John Smith"]
    assert art.published_at == datetime(2024, 3, 5, 7, 15)  # naive UTC
    assert art.published_source == "metadata"
    assert art.canonical_url == "https://news.example.com/2024/bridge"
    assert art.site_name == "Example News" and art.language == "en"
    assert "new bridge over the river" in art.text


def test_clean_falls_back_to_htmldate() -> None:
    html = page("<title>Bridge</title>", "<p>Published 2021-09-14</p>")
    art = clean(InputRecord("x.html", "html", html=html.encode(), url="https://news.example.com/2021/09/14/bridge"))
    assert art.published_at is not None and art.published_at.date() == date(2021, 9, 14)


@pytest.mark.parametrize("text,names,kept", [
    ("Jane Roe\nFirst paragraph of the story.\nSecond one.\nThird one.", ["Jane Roe"], 3),
    ("Standfirst line\nAnother standfirst\nMathatisi Sebusi/Mohalenyane Phakela\nThe story.\nMore.",
     ["Mathatisi Sebusi", "Mohalenyane Phakela"], 4),
    ("The story begins.\nIt goes on.\nAnd ends here.\nLê Phương", ["Lê Phương"], 3),
    ("MTHOBISI SITHOLE\nIndaba.\nEnye.\nFuthi.", ["MTHOBISI SITHOLE"], 3),
    ("Classificação NASCAR\nThe race.\nThe result.\nThe end.", [], 4),  # a heading, not a byline
    ("What Happens Next\nThe race.\nThe result.\nThe end.", [], 4),
    ("All Rights Reserved\nThe race.\nThe result.\nThe end.", [], 4),
    ("NEW YORK\nThe race.\nThe result.\nThe end.", [], 4),  # a dateline
    ("Hong Kong\nThe race.\nThe result.\nThe end.", [], 4),
    ("Lesen Sie Auch\nDas Rennen.\nDas Ergebnis.\nDas Ende.", [], 4),
    ("The story begins.\nIt goes on here.\nAnd ends.\nRead more", [], 4),
    ("Valley News\nThe story.\nMore.\nEnd.", [], 4),  # the outlet
    ("Jane Roe\nToo short.", [], 2),
])
def test_byline_left_in_the_text(text: str, names: list[str], kept: int) -> None:
    outlets = M._outlet_keys(["Valley News"], "www.valleynews.example")
    got, rest = M.byline_in_text(text, outlets)
    assert got == names and len(rest.split("\n")) == kept


def test_agency_only_json_ld_keeps_looking_for_people() -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge vote",'
          ' "author": {"@type": "Organization", "name": "dpa"}}</script><meta name="author" content="Anna Müller">')
    pm = meta_of(page(ld))
    assert pm.authors == ["Anna Müller", "dpa"] and pm.authors_source == "meta"


def test_json_ld_article_body_when_the_page_renders_its_text_with_javascript() -> None:
    html = ('<html lang="en"><head><title>Bridge vote | Example News</title><script type="application/ld+json">'
            '{"@type": "NewsArticle", "headline": "Council approves the new bridge", "articleBody": '
            '"<p>The council approved the new bridge on Tuesday.</p><p>Work starts in May &amp; ends next year.</p>"}'
            '</script></head><body><div id="root"></div><script>render()</script></body></html>')
    art = clean(InputRecord("x.html", "html", html=html.encode(), url="https://news.example.com/2024/bridge"))
    assert art.title == "Council approves the new bridge"
    assert art.text == "The council approved the new bridge on Tuesday.\nWork starts in May & ends next year."
