"""The built site in a real browser: Playwright driving Debian's Chromium on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/lib/chromium/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
SEED_PAGE = "russia-mulls-cuba-venezuela-deployment/"
SCREENSHOTS = REPO / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"),
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, request):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors
    yield page
    context.close()


def search(page, base_url: str, words: str):
    page.goto(base_url)
    page.wait_for_load_state("networkidle")  # the search worker has loaded the index
    page.locator("input.md-search__input").focus()
    page.keyboard.type(words, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    return results


def test_home_lists_the_seed_brief(page, base_url: str):
    page.goto(base_url)
    card = page.locator(".grid.cards a", has_text="Russia mulls Cuba, Venezuela deployment")
    assert card.count() == 1
    card.click()
    page.wait_for_url(f"**/{SEED_PAGE}")
    assert page.console_errors == []


def test_search_for_a_speaker_finds_the_brief(page, base_url: str):
    results = search(page, base_url, "Peskov")
    assert any("Russia mulls Cuba, Venezuela deployment" in text for text in results.all_inner_texts())


def test_brief_shows_the_speaker_sidebar(page, base_url: str):
    page.goto(base_url + SEED_PAGE)
    sidebar = page.locator(".admonition.quote.inline.end")
    assert sidebar.is_visible()
    text = sidebar.inner_text()
    assert "Dmitry Peskov" in text and "Kremlin spokesman" in text
    assert "Sergei Ryabkov" in text and "Deputy Foreign Minister" in text
    assert page.console_errors == []


def test_sidebar_counts_are_the_person_page_counts(page, base_url: str):
    page.goto(base_url + SEED_PAGE)
    entry = page.locator(".admonition.quote.inline.end li", has_text="Dmitry Peskov").inner_text()
    quoted = re.search(r"(\d+) quotes?\b", entry)
    reported = re.search(r"(\d+) reported", entry)
    assert quoted and reported, entry
    page.goto(base_url + "people/dmitry-peskov/")
    text = page.locator("article").inner_text()
    assert f"Quotes ({quoted.group(1)})" in text
    assert f"Reported speech ({reported.group(1)})" in text
    assert text.count("Reported: ") == int(reported.group(1))


def test_search_finds_the_brief_by_the_words_of_a_quote(page, base_url: str):
    results = search(page, base_url, "deficit of a political will")
    assert any("Russia mulls Cuba, Venezuela deployment" in text for text in results.all_inner_texts())


def test_search_finds_the_brief_by_a_glossary_term(page, base_url: str):
    results = search(page, base_url, "NATO")
    assert any("Russia mulls Cuba, Venezuela deployment" in text for text in results.all_inner_texts())


def test_search_result_shows_the_summary(page, base_url: str):
    results = search(page, base_url, "showdown")
    brief = results.filter(has_text="Russia mulls Cuba, Venezuela deployment").first
    assert "Russia has sharply raised the stakes" in brief.inner_text()


def test_each_summary_bullet_leads_to_its_sentence_highlighted(page, base_url: str):
    page.goto(base_url + SEED_PAGE)
    bullets = page.locator(".admonition.abstract li")
    assert bullets.count() == 3
    for number in range(bullets.count()):
        bullet = bullets.nth(number)
        opening = " ".join(bullet.inner_text().split()[:8])
        bullet.get_by_role("link", name="in the article").click()
        target = page.locator(":target")
        target.wait_for(timeout=5_000)
        assert target.get_attribute("class") == "nb-evidence"
        assert opening in target.inner_text()
        assert target.evaluate("node => getComputedStyle(node).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
        assert target.evaluate("node => node.getBoundingClientRect().top >= 0 && node.getBoundingClientRect().top < innerHeight")
    untouched = page.locator(".nb-evidence:not(:target)").first
    assert untouched.evaluate("node => getComputedStyle(node).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_hovering_the_first_nato_shows_its_definition(page, base_url: str, site_config):
    definition = next(t.definition for t in site_config.glossary if t.slug == "nato")
    page.goto(base_url + SEED_PAGE)
    link = page.locator("article a[href*='glossary/#nato']").first
    link.scroll_into_view_if_needed()
    link.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").filter(has_text=definition[:40])
    tooltip.first.wait_for(state="visible", timeout=10_000)


def test_person_page_lists_the_quote_and_links_back(page, base_url: str):
    page.goto(base_url + "people/dmitry-peskov/")
    article = page.locator("article")
    assert "There will be no deficit of a political will" in article.inner_text()
    article.locator(f"a[href*='{SEED_PAGE}']").first.click()
    page.wait_for_url(f"**/{SEED_PAGE}")


def test_people_index_lists_speakers_with_roles(page, base_url: str):
    page.goto(base_url + "people/")
    text = page.locator("article").inner_text()
    assert "Dmitry Peskov" in text and "Kremlin spokesman" in text


PAGES = ["", SEED_PAGE, "glossary/", "people/", "people/dmitry-peskov/", "tags/", "archive/"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_no_console_errors(page, base_url: str, path: str):
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["", SEED_PAGE, "glossary/", "people/dmitry-peskov/"], ids=lambda p: p or "home")
def test_no_serious_accessibility_violations(page, base_url: str, path: str):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + path)
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} - {len(v['nodes'])} node(s)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_sidebar_readable_and_no_horizontal_scroll(browser, base_url: str, viewport, request):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(base_url + SEED_PAGE)
    sidebar = page.locator(".admonition.quote.inline.end")
    box = sidebar.bounding_box()
    assert box is not None and box["width"] >= min(240, viewport["width"] * 0.6)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    if request.config.getoption("--save-screenshots"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = "phone" if viewport is PHONE else "desktop"
        page.screenshot(path=str(SCREENSHOTS / f"brief-{name}.png"), full_page=False)
        page.goto(base_url)
        page.screenshot(path=str(SCREENSHOTS / f"home-{name}.png"), full_page=False)
    context.close()


def test_dark_palette_is_available(browser, base_url: str):
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + SEED_PAGE)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    context.close()


def test_pages_load_nothing_from_other_hosts(browser, base_url: str):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base_url) and not request.url.startswith("data:") else None)
    for path in ("", SEED_PAGE, "glossary/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    context.close()
    assert outside == []
