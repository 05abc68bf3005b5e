"""The real app in a real browser: `streamlit run` as a subprocess, driven by Playwright through Debian's Chromium.

Checks what AppTest cannot: scraped HTML/markdown reaches the DOM only as text and nothing executes,
widgets write the URL, and every page draws. Screenshots land in artifacts/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from dashboard_fixture import (
    APP,
    HOSTILE,
    N_ARTICLES,
    ROOT,
    XSS_AUTHOR,
    XSS_JS_LINK,
    XSS_QUOTE,
    XSS_TITLE,
    FixtureDb,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page, Request

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
START_TIMEOUT_S = 60
UI_TIMEOUT_MS = 30_000

# path, h1 text, a test id / key class that only appears once the page's data has drawn
PAGES = [
    ("overview", "", "Overview", ".st-key-loads_table"),
    ("actors", "actors", "Actors", ".st-key-actors_table"),
    ("topics", "topics", "Topics", ".st-key-topics_table"),
    ("trends", "trends", "Trends", ".st-key-trend_totals"),
    ("stories", "stories", "Stories", ".st-key-stories_table"),
    ("dates", "dates", "Dates", ".st-key-events_table"),
    ("places", "places", "Places", ".st-key-places_table"),
    ("articles", "articles", "Articles", ".st-key-articles_table"),
    ("export", "export", "Export", ".st-key-export_prepare"),
    ("quality", "quality", "Data quality", ".st-key-rejects_table"),
]

# Elements the hostile data would create if it were ever rendered as HTML or as markdown links.
INJECTED_ELEMENTS = (
    'img[src="x"], img[onerror], svg[onload], img[src*="tracker.invalid"], a[href^="javascript:"], a[href^="data:"]'
)


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install -y chromium)"
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " and NEWSDESK_REQUIRE_BROWSER=1")
        pytest.skip(reason)
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(fixture_db: FixtureDb, chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free loopback port against the fixture database; stopped by PID."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    env = {**os.environ, "NEWSDESK_DB": str(fixture_db.path)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]
    with log_path.open("wb") as log:
        # cwd = repo root so the packaged .streamlit/config.toml applies, as with `make dashboard`.
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {START_TIMEOUT_S}s:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@dataclass
class Watch:
    """What the page did that it should not have: dialogs opened, requests that left the app."""

    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_playwright = sync_api.sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(browser: Browser, server: str) -> Iterator[tuple[Page, Watch]]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1600})
    pg = ctx.new_page()
    pg.set_default_timeout(UI_TIMEOUT_MS)
    watch = Watch()

    def on_dialog(dialog: Dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_request(request: Request) -> None:
        url = request.url
        if not (url.startswith(server) or url.startswith("data:") or url.startswith("blob:")):
            watch.foreign_requests.append(url)

    pg.on("dialog", on_dialog)
    pg.on("request", on_request)
    try:
        yield pg, watch
    finally:
        ctx.close()


def _settle(pg: Page, ready: str) -> None:
    """Wait for the page's own content, then for Streamlit to finish running the script."""
    pg.wait_for_selector(ready, state="visible")
    pg.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    )
    pg.wait_for_timeout(500)  # let charts finish their first paint


def _assert_nothing_injected(pg: Page, watch: Watch) -> None:
    assert watch.dialogs == [], f"a dialog opened: {watch.dialogs}"
    assert watch.foreign_requests == [], f"the page fetched from outside the app: {watch.foreign_requests}"
    assert pg.evaluate(f"() => document.querySelectorAll({INJECTED_ELEMENTS!r}).length") == 0
    scripts = pg.evaluate(
        "() => [...document.querySelectorAll('script')].filter(s => /alert|pwned/.test(s.textContent)).length"
    )
    assert scripts == 0
    bold = pg.evaluate("() => [...document.querySelectorAll('b')].filter(b => b.textContent === 'Times').length")
    assert bold == 0  # the hostile site name "Evil <b>Times</b>" stays text
    assert pg.title() != "pwned"


def test_every_page_draws_and_nothing_executes(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path, title, ready in PAGES:
        pg.goto(f"{server}/{path}")
        _settle(pg, ready)
        heading = pg.locator("h1").first
        assert heading.inner_text().strip() == title
        pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        _assert_nothing_injected(pg, watch)

    # Overview numbers as a viewer sees them.
    pg.goto(server)
    _settle(pg, ".st-key-loads_table")
    articles = pg.get_by_test_id("stMetric").filter(has_text="Articles").first
    assert articles.inner_text().split()[-1] == str(N_ARTICLES)


def test_hostile_article_is_shown_as_text(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(f"{server}/articles?article={HOSTILE}")
    _settle(pg, ".st-key-article_meta")
    assert pg.locator("h1").first.inner_text().strip() == XSS_TITLE
    body = pg.locator(".st-key-article_text").inner_text()  # highlighted (markdown, every character escaped)
    assert XSS_JS_LINK in body and "tracker.invalid" in body and "<script>document.title" in body
    assert XSS_QUOTE in body
    for tab in ("Actors", "Quotes"):
        pg.get_by_role("tab", name=tab).first.click()
    pg.wait_for_timeout(500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / "article.png"), full_page=True)
    _assert_nothing_injected(pg, watch)
    # The hostile actor as the Actors page's focus: its name reaches a URL-bound selectbox, metrics and tables.
    pg.goto(f"{server}/actors?" + urllib.parse.urlencode({"focus": "person:hostile"}))
    _settle(pg, ".st-key-actors_table")
    assert pg.get_by_role("combobox", name="Profile of").input_value() == f"{XSS_AUTHOR} (person)"
    _assert_nothing_injected(pg, watch)

    # Open the article picker so every title on the page, the hostile one included, is drawn as an option.
    pg.goto(f"{server}/articles")
    _settle(pg, ".st-key-articles_table")
    pg.get_by_role("combobox", name="Open article").click()
    pg.get_by_role("option", name=XSS_TITLE).wait_for()
    _assert_nothing_injected(pg, watch)

    # Serialised DOM: had any payload become an element, its raw tag would appear here.
    html = pg.content()
    assert XSS_TITLE not in html and XSS_AUTHOR not in html and XSS_QUOTE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # present, as escaped text


def test_widgets_write_the_url_and_the_url_restores_them(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(server)
    _settle(pg, ".st-key-loads_table")
    sidebar = pg.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox", name="Source").click()
    pg.get_by_role("option", name="NationPress").click()
    pg.wait_for_url("**source=NationPress**")
    _settle(pg, ".st-key-loads_table")
    metric = pg.get_by_test_id("stMetric").filter(has_text="Articles").first
    assert metric.inner_text().split()[-1] == "2"

    # Search on the Articles page goes into the URL too; a fresh visit to that URL shows the same result.
    pg.goto(f"{server}/articles")
    _settle(pg, ".st-key-articles_table")
    box = pg.get_by_role("textbox", name="Search")
    box.fill("Trump")
    box.press("Enter")
    pg.wait_for_url("**q=Trump**")
    _settle(pg, ".st-key-articles_table")
    pg.get_by_text("2 articles match").wait_for()
    shared = pg.url
    pg.goto("about:blank")
    pg.goto(shared)
    _settle(pg, ".st-key-articles_table")
    assert pg.get_by_role("textbox", name="Search").input_value() == "Trump"
    pg.get_by_text("2 articles match").wait_for()
    _assert_nothing_injected(pg, watch)


VIEWPORTS = {"desktop": {"width": 1400, "height": 1600}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest, browser: Browser, server: str) -> Iterator[tuple[Page, str]]:
    """A page at desktop or phone width (on a phone Streamlit folds the sidebar away)."""
    ctx = browser.new_context(viewport=VIEWPORTS[request.param])
    pg = ctx.new_page()
    pg.set_default_timeout(UI_TIMEOUT_MS)
    try:
        yield pg, request.param
    finally:
        ctx.close()


def _metric(pg: Page, label: str) -> str:
    return pg.get_by_test_id("stMetric").filter(has_text=label).first.inner_text().split()[-1]


def _wait_metric(pg: Page, label: str, value: str) -> None:
    """Wait until a metric shows `value` (the URL changes mid-run, before the page's numbers are redrawn)."""
    deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
    while _metric(pg, label) != value:
        assert time.monotonic() < deadline, f"{label} shows {_metric(pg, label)}, expected {value}"
        pg.wait_for_timeout(200)


def test_active_filters_are_removable_chips_at_every_width(sized_page: tuple[Page, str], server: str) -> None:
    pg, size = sized_page
    pg.goto(f"{server}/?actor=person:donald-trump&source=NationPress&published=2001-01-01&published=2025-10-31")
    _settle(pg, ".st-key-loads_table")
    # The link's dates reach years before Streamlit's default ten-year window and past the data: both kept.
    for key, text in (("chip_actor", "Actor: Donald Trump (person)"), ("chip_source", "Source: NationPress"),
                      ("chip_dates", "Published 2001-01-01 – 2025-10-31")):
        chip = pg.locator(f".st-key-{key}")
        assert chip.is_visible(), key
        assert chip.inner_text().strip().startswith(text), chip.inner_text()
        box = chip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[size]["width"]
    assert _metric(pg, "Articles") == "1"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"filter-chips-{size}.png"), full_page=True)
    pg.locator(".st-key-chip_source").get_by_role("button", name="Source: NationPress").click()
    pg.wait_for_function("() => !location.search.includes('source=')")
    _settle(pg, ".st-key-loads_table")
    _wait_metric(pg, "Articles", "2")
    pg.locator(".st-key-chip_source").wait_for(state="detached")
    assert "actor=person%3Adonald-trump" in pg.url or "actor=person:donald-trump" in pg.url
    # The chips follow the viewer to another page.
    pg.goto(pg.url.replace(f"{server}/?", f"{server}/topics?"))
    _settle(pg, ".st-key-topics_table")
    assert pg.locator(".st-key-chip_actor").is_visible()


def test_unknown_values_in_the_url_show_a_message(sized_page: tuple[Page, str], server: str) -> None:
    pg, size = sized_page
    pg.goto(f"{server}/actors?actor=person:nobody-at-all&topic=medtop:99999999")
    pg.get_by_text("which is not in the database").wait_for()
    alerts = pg.get_by_test_id("stAlert")
    text = " ".join(alerts.all_inner_texts())
    assert "person:nobody-at-all" in text and "medtop:99999999" in text
    assert alerts.first.is_visible()
    _settle(pg, ".st-key-actors_table")
    assert "actor=" not in pg.url and "topic=" not in pg.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"unknown-actor-{size}.png"), full_page=True)


@pytest.mark.parametrize(("typed", "name"), [("Scholz", "Olaf Scholz"), ("Selenskyj", "Volodymyr Zelensky")])
def test_find_an_actor_by_name_or_alias(sized_page: tuple[Page, str], server: str, typed: str, name: str) -> None:
    pg, size = sized_page
    pg.goto(f"{server}/actors")
    _settle(pg, ".st-key-actors_table")
    box = pg.get_by_role("textbox", name="Find any actor")
    box.fill(typed)
    box.press("Enter")
    pg.wait_for_url(f"**actor_q={typed}**")
    _settle(pg, ".st-key-actor_search_table")
    pg.get_by_role("heading", name=name, exact=True).wait_for()
    assert pg.get_by_role("combobox", name="Profile of").input_value() == f"{name} (person)"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"actor-search-{typed.lower()}-{size}.png"), full_page=True)


def test_unknown_profile_actor_id_shows_a_message(sized_page: tuple[Page, str], server: str) -> None:
    pg, size = sized_page
    pg.goto(f"{server}/actors?focus=person:nobody-at-all")
    pg.get_by_text("which is not in the database").wait_for()
    assert "person:nobody-at-all" in pg.get_by_test_id("stAlert").first.inner_text()


def test_compare_two_actors_over_time(sized_page: tuple[Page, str], server: str) -> None:
    pg, size = sized_page
    pg.goto(f"{server}/trends?compare=person:volodymyr-zelensky&compare=person:donald-trump&per=week")
    _settle(pg, ".st-key-trend_totals")
    chart = pg.get_by_test_id("stVegaLiteChart").first
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    assert box["x"] + box["width"] <= VIEWPORTS[size]["width"]  # no sideways scrolling on a phone
    picked = pg.get_by_test_id("stMultiSelect").inner_text()
    assert "Volodymyr Zelensky (person)" in picked and "Donald Trump (person)" in picked
    assert "per=week" in pg.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"trends-compare-{size}.png"), full_page=True)


def test_dates_page_has_a_plot_on_a_phone(sized_page: tuple[Page, str], server: str) -> None:
    pg, size = sized_page
    pg.goto(f"{server}/dates")
    _settle(pg, ".st-key-events_table")
    chart = pg.get_by_test_id("stVegaLiteChart").first
    box = chart.bounding_box()
    assert box is not None and box["x"] + box["width"] <= VIEWPORTS[size]["width"]
    assert box is not None and box["width"] > 300
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(SCREENSHOTS / f"dates-timeline-{size}.png"))
    pg.screenshot(path=str(SCREENSHOTS / f"dates-{size}.png"), full_page=True)


def test_export_downloads_every_matching_row(page: tuple[Page, Watch], server: str, tmp_path: Path) -> None:
    pg, watch = page
    pg.goto(f"{server}/export?source=NationPress")
    _settle(pg, ".st-key-export_prepare")
    pg.locator(".st-key-export_prepare").get_by_role("button").click()
    pg.locator(".st-key-export_download").wait_for()
    with pg.expect_download() as info:
        pg.locator(".st-key-export_download").get_by_role("button").click()
    target = tmp_path / "export.csv"
    info.value.save_as(target)
    import csv

    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert sorted(r["article_id"] for r in rows) == ["a-energy", "a-seed-zelensky"]
    assert all(r["url"].startswith("https://news.example/") for r in rows)
    _assert_nothing_injected(pg, watch)


def test_a_story_opens_its_articles(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(f"{server}/stories?story=a-energy")
    _settle(pg, ".st-key-story_articles_table")
    pg.get_by_text("3 articles, first seen first").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / "stories.png"), full_page=True)
    _assert_nothing_injected(pg, watch)


def test_places_map_is_sized_by_articles_and_filtered(sized_page: tuple[Page, str], server: str) -> None:
    pg, size = sized_page
    pg.goto(f"{server}/places")
    _settle(pg, ".st-key-places_table")
    # Ukraine: the seed, the energy and the sport article; Russia and the United States fewer.
    assert _metric(pg, "Most mentioned") == "Ukraine"
    assert _metric(pg, "Its articles") == "3"
    assert _metric(pg, "Places and countries") == "3"
    chart = pg.locator(".st-key-places_map").get_by_test_id("stVegaLiteChart").first
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    assert box["x"] + box["width"] <= VIEWPORTS[size]["width"]  # no sideways scrolling on a phone
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"places-{size}.png"), full_page=True)
    # Filtered like every page: only the source's two articles count (Ukraine in both).
    pg.goto(f"{server}/places?source=NationPress")
    _settle(pg, ".st-key-places_table")
    _wait_metric(pg, "Its articles", "2")
    assert _metric(pg, "Most mentioned") == "Ukraine"
    assert pg.locator(".st-key-chip_source").is_visible()
    # Countries only, from the URL.
    pg.goto(f"{server}/places?places=country&actor=country:US")
    _settle(pg, ".st-key-places_table")
    _wait_metric(pg, "Places and countries", "3")
    assert "places=country" in pg.url


def _options_of(pg: Page, combobox: str) -> list[str]:
    """The options a selectbox offers, as drawn (opened, read, closed again)."""
    box = pg.get_by_role("combobox", name=combobox)
    box.click()
    listbox = pg.get_by_role("listbox")
    listbox.get_by_role("option").first.wait_for()
    names = [o.strip() for o in listbox.get_by_role("option").all_inner_texts()]
    box.press("Escape")
    return names


def test_minimum_actor_confidence_hides_weak_links_and_round_trips_in_the_url(page: tuple[Page, Watch],
                                                                             server: str) -> None:
    pg, watch = page
    pg.goto(f"{server}/actors")
    _settle(pg, ".st-key-actors_table")
    # Xinhua's only link is 0.6 sure; Donald Trump's are all 1.0.
    listed = _options_of(pg, "Profile of")
    assert "Xinhua (organization)" in listed and "Donald Trump (person)" in listed
    assert "min_confidence" not in pg.url and pg.locator(".st-key-chip_confidence").count() == 0

    slider = pg.get_by_test_id("stSidebar").get_by_role("slider")
    assert slider.get_attribute("aria-valuetext") == "0.00"
    # Keyboard steps of 0.05 (a rerun may swallow a key press, so step until the slider reads 0.80).
    for _ in range(60):
        shown = float(slider.get_attribute("aria-valuetext") or 0)
        if abs(shown - 0.8) < 1e-9:
            break
        slider.press("ArrowRight" if shown < 0.8 else "ArrowLeft")
        pg.wait_for_timeout(100)
    pg.wait_for_url("**min_confidence=0.8**")
    _settle(pg, ".st-key-actors_table")
    chip = pg.locator(".st-key-chip_confidence")
    chip.wait_for()
    assert chip.inner_text().strip().startswith("Actor confidence ≥ 0.80")
    listed = _options_of(pg, "Profile of")
    assert "Xinhua (organization)" not in listed and "Donald Trump (person)" in listed
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / "actors-min-confidence.png"), full_page=True)

    # The link reproduces the view: the slider, the chip and the actors listed.
    shared = pg.url
    pg.goto("about:blank")
    pg.goto(shared)
    _settle(pg, ".st-key-actors_table")
    assert pg.get_by_test_id("stSidebar").get_by_role("slider").get_attribute("aria-valuetext") == "0.80"
    assert pg.locator(".st-key-chip_confidence").is_visible()
    assert "Xinhua (organization)" not in _options_of(pg, "Profile of")
    # The same minimum on another page: Overview counts one actor fewer, and the profile of Lavrov one article fewer.
    pg.goto(f"{server}/?min_confidence=0.8")
    _settle(pg, ".st-key-loads_table")
    _wait_metric(pg, "Actors", "8")
    pg.goto(f"{server}/actors?min_confidence=0.8&focus=person:sergei-lavrov")
    _settle(pg, ".st-key-actors_table")
    pg.get_by_role("heading", name="Sergei Lavrov", exact=True).wait_for()
    _wait_metric(pg, "Articles (these filters)", "1")

    # Removing the chip shows every link again and takes the minimum out of the URL.
    pg.locator(".st-key-chip_confidence").get_by_role("button").click()
    pg.wait_for_function("() => !location.search.includes('min_confidence=')")
    _settle(pg, ".st-key-actors_table")
    _wait_metric(pg, "Articles (these filters)", "2")
    assert "Xinhua (organization)" in _options_of(pg, "Profile of")
    _assert_nothing_injected(pg, watch)


def _select_row(pg: Page, key: str, row: int) -> None:
    """Tick a row of the table drawn under `key` (its row-selection marker, left of the first column)."""
    grid = pg.locator(f".st-key-{key}").get_by_test_id("data-grid-canvas").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    header, height = 36, 35
    pg.mouse.click(box["x"] + 16, box["y"] + header + height * row + height / 2)


def _expect_url(pg: Page, *parts: str) -> None:
    """Wait until the URL holds every `name=value` part (values as the browser encodes them)."""
    wanted = [urllib.parse.quote(p, safe="=") for p in parts]
    pg.wait_for_function("parts => parts.every(p => location.search.includes(p))", arg=wanted)


def test_rows_and_marks_open_what_they_list(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    # Overview's most mentioned actor (Ukraine) opens its profile, filters kept.
    pg.goto(f"{server}/?source=NationPress")
    _settle(pg, ".st-key-overview_actors")
    _select_row(pg, "overview_actors", 0)
    _expect_url(pg, "focus=country:UA", "source=NationPress")
    pg.get_by_role("heading", name="Ukraine", exact=True).wait_for()
    assert "/actors" in pg.url
    # Overview's first story opens the story's articles.
    pg.goto(server)
    _settle(pg, ".st-key-overview_stories")
    _select_row(pg, "overview_stories", 0)
    _expect_url(pg, "story=a-seed-zelensky")
    pg.get_by_text("3 articles, first seen first").wait_for()
    # A bar of the Actors chart opens that actor's profile.
    pg.goto(f"{server}/actors")
    _settle(pg, ".st-key-actors_table")
    pg.locator('.st-key-actors_bars_box svg.marks path[aria-label*="Actor: Donald Trump;"]').first.click()
    _expect_url(pg, "focus=person:donald-trump")
    pg.get_by_role("heading", name="Donald Trump", exact=True).wait_for()
    # Who appears with him: Russia shares most of his articles (2, before Sergei Lavrov by name); its row opens it.
    pg.get_by_role("tab", name="Appears with").click()
    pg.locator(".st-key-partners_table").wait_for()
    _select_row(pg, "partners_table", 0)
    _expect_url(pg, "focus=country:RU")
    pg.get_by_role("heading", name="Russia", exact=True).wait_for()
    # The top topic's row opens its articles: the Articles page, filtered by the topic (a chip like any filter).
    pg.goto(f"{server}/topics")
    _settle(pg, ".st-key-topics_table")
    _select_row(pg, "topics_table", 0)
    _expect_url(pg, "topic=medtop:20000256")
    _settle(pg, ".st-key-articles_table")
    assert "/articles" in pg.url
    assert pg.locator(".st-key-chip_topic").inner_text().strip().startswith("Topic: energy and resource")
    pg.get_by_text("3 articles match").wait_for()
    # A circle on the map opens the place's profile.
    pg.goto(f"{server}/places")
    _settle(pg, ".st-key-places_table")
    pg.locator('.st-key-places_points_box svg.marks path[aria-label*="Place: Ukraine;"]').first.click()
    _expect_url(pg, "focus=country:UA")
    pg.get_by_role("heading", name="Ukraine", exact=True).wait_for()
    _assert_nothing_injected(pg, watch)


def test_a_drag_on_the_attention_chart_sets_the_date_range(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(f"{server}/trends?compare=person:volodymyr-zelensky&compare=person:donald-trump&per=day")
    _settle(pg, ".st-key-trend_totals")
    assert "published=" not in pg.url
    plot = pg.locator(".st-key-trend_time_box svg.marks").first
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] * 0.4
    pg.mouse.move(box["x"] + box["width"] * 0.45, y)
    pg.mouse.down()
    pg.mouse.move(box["x"] + box["width"] * 0.95, y, steps=10)
    pg.mouse.up()
    pg.wait_for_function("() => new URLSearchParams(location.search).getAll('published').length === 2")
    picked = urllib.parse.parse_qs(urllib.parse.urlparse(pg.url).query)["published"]
    start, end = (date.fromisoformat(d) for d in picked)
    # The chart spans the filtered articles' days (1 to 15 October 2025): the dragged part is inside it.
    assert date(2025, 10, 1) < start < end <= date(2025, 10, 16), (start, end)
    label = f"Published {start:%Y-%m-%d} – {end:%Y-%m-%d}"
    pg.locator(".st-key-chip_dates").get_by_role("button", name=label).wait_for()
    _settle(pg, ".st-key-trend_time_box")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / "trends-drag-range.png"), full_page=True)
    # The range is the sidebar's filter: the link reproduces it.
    shared = pg.url
    pg.goto("about:blank")
    pg.goto(shared)
    _settle(pg, ".st-key-trend_totals")
    pg.locator(".st-key-chip_dates").get_by_role("button", name=label).wait_for()
    _assert_nothing_injected(pg, watch)


def test_article_view_highlights_what_was_found_and_links_the_original(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(f"{server}/articles?article=a-seed-zelensky")
    _settle(pg, ".st-key-article_meta")
    text = pg.locator(".st-key-article_text")
    text.wait_for()
    marked = text.evaluate(
        "e => [...e.querySelectorAll('span')].filter(s => s.style.backgroundColor).map(s => s.textContent)")
    assert {"Volodymyr Zelensky", "Xinhua", "September 27", "On Friday"} <= set(marked), marked
    assert any(m.startswith("I briefed President Trump") for m in marked), marked
    assert "Power was restored" not in " ".join(marked)  # plain text stays plain
    assert "Earlier this week, Ukraine initiated emergency power outages in Kyiv." in text.inner_text()
    link = pg.get_by_role("link", name="Open the original")
    assert link.get_attribute("href") == "https://news.example/a-seed-zelensky"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / "article-highlighted.png"), full_page=True)
    _assert_nothing_injected(pg, watch)


def test_search_results_show_the_matching_words_in_context(page: tuple[Page, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(f"{server}/articles?q=restored")
    _settle(pg, ".st-key-articles_table")
    pg.get_by_text("2 articles match").wait_for()
    cells = pg.locator(".st-key-articles_table [role=gridcell]").all_inner_texts()
    assert any("Power was «restored» on Saturday" in c for c in cells), cells
    assert any(c.startswith("Ukraine «restored» power") for c in cells), cells
    _assert_nothing_injected(pg, watch)
