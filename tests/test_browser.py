"""The built site in a real browser: Playwright driving Debian's Chromium on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
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
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill(words)
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
    assert "Russia mulls Cuba, Venezuela deployment" in results.all_inner_texts()[0]


def test_brief_shows_the_speaker_sidebar(page, base_url: str):
    page.goto(base_url + SEED_PAGE)
    sidebar = page.locator(".admonition.quote.inline.end")
    assert sidebar.is_visible()
    text = sidebar.inner_text()
    assert "Dmitry Peskov" in text and "Kremlin spokesman" in text
    assert "Sergei Ryabkov" in text and "Deputy Foreign Minister" in text
    assert page.console_errors == []
