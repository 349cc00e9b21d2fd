"""`search: pagefind`: Pagefind's chunked index built over the site and answering Material's
search box, in a real build and in Chromium."""

from __future__ import annotations

import logging
import os
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import search_index
from generator.config import load_config
from generator.errors import SearchIndexError

from conftest import build_site, make_project, run_briefs, serve_directory, use_search
from test_serve import free_port, start_serve, wait_for

CHROMIUM_PATH = Path("/usr/lib/chromium/chromium")
SEED_PAGE = "russia-mulls-cuba-venezuela-deployment/"
SEED_TITLE = "Russia mulls Cuba, Venezuela deployment"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
needs_chromium = pytest.mark.skipif(not CHROMIUM_PATH.exists(), reason="Debian's chromium is not installed (make test installs it)")
# Two close stories (each lists the other under "Related briefs") and one far from both.
# "Tuesday" is only in the ferry story; "trawlermen" is only in the pier story, so on
# the ferry page it is in the related list alone.
HARBOUR_STORIES = {
    "harbour-ferry.txt": (
        "Harbour board approves ferry terminal\n\n"
        "The Portwick harbour board approved the new ferry terminal on Tuesday after a long debate about pier tolls.\n\n"
        "Board chair Mara Quell said the terminal would bring more ferries to Portwick and lower the pier tolls.\n"
    ),
    "harbour-tolls.txt": (
        "Trawlermen protest Portwick pier tolls\n\n"
        "Trawlermen in Portwick protested against pier tolls outside the harbour board offices.\n\n"
        "Mara Quell, who chairs the harbour board, said the new ferry terminal would let the board cut the pier tolls.\n"
    ),
    "orchestra.txt": (
        "Orchestra plays new symphony\n\n"
        "The city orchestra gave the first performance of a symphony by a young composer to a full concert hall.\n\n"
        "Critics praised the violins and the slow movement, and the conductor thanked the audience.\n"
    ),
}
FERRY_PAGE = "harbour-board-approves-ferry-terminal/"
PIER_PAGE = "trawlermen-protest-portwick-pier-tolls/"


def test_listings_are_not_indexed(tmp_path: Path):
    pagefind = load_config(tmp_path, missing_ok=True, search="pagefind")
    for page in ("a-brief.md", "glossary.md", "people/jane-doe.md", "about.md"):
        assert search_index.is_indexed(pagefind, page), page
    for page in ("index.md", "page/2.md", "archive/index.md", "archive/2022-01.md", "tags.md", "people/index.md"):
        assert not search_index.is_indexed(pagefind, page), page
    material = load_config(tmp_path, missing_ok=True)
    assert not search_index.is_indexed(material, "a-brief.md")


def test_pagefind_search_box_comes_first_among_theme_folders(tmp_path: Path):
    dirs = ["overrides", "material/templates"]
    assert search_index.theme_dirs(dirs, load_config(tmp_path, missing_ok=True, search="pagefind")) == [
        str(search_index.THEME_DIR), *dirs
    ]
    assert search_index.theme_dirs(dirs, load_config(tmp_path, missing_ok=True)) == dirs


def test_pagefind_failure_is_one_line_naming_the_site(tmp_path: Path):
    missing = tmp_path / "missing"
    with pytest.raises(SearchIndexError) as caught:
        search_index.write_pagefind_index(missing)
    assert str(caught.value).startswith(f"{missing}: Pagefind failed: ") and "\n" not in str(caught.value)


def test_background_pagefind_failure_is_logged_in_one_line(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    missing = tmp_path / "missing"
    indexer = search_index.BackgroundIndexer(logging.getLogger("test.pagefind"))
    with caplog.at_level(logging.INFO, logger="test.pagefind"):
        indexer.start(missing)
        indexer.wait()
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert record.getMessage().startswith(f"{missing}: Pagefind failed: ") and "\n" not in record.getMessage()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing half-written is left beside it


def test_unknown_search_engine_fails_the_build_in_one_line(tmp_path: Path):
    project = make_project(tmp_path)
    use_search(project, "lunr")
    built = build_site(project, project / "site")
    assert built.returncode != 0
    assert "given as an option: search: expected material or pagefind, got 'lunr'" in built.stderr
    assert "Traceback" not in built.stderr


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("pagefind"))
    generated = run_briefs("generate", cwd=project)
    assert generated.returncode == 0, generated.stderr
    use_search(project, "pagefind")
    built = build_site(project, project / "site")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    return project / "site"


def test_build_writes_the_pagefind_bundle_and_no_whole_site_index(pagefind_site: Path):
    assert (pagefind_site / "pagefind" / "pagefind.js").is_file()
    assert list((pagefind_site / "pagefind" / "fragment").iterdir())
    assert not (pagefind_site / "search" / "search_index.json").exists()
    assert (pagefind_site / "newsbriefs" / "pagefind-search.js").is_file()


def test_briefs_are_marked_for_indexing_and_listings_are_not(pagefind_site: Path):
    brief = (pagefind_site / SEED_PAGE / "index.html").read_text(encoding="utf-8")
    home = (pagefind_site / "index.html").read_text(encoding="utf-8")
    assert brief.count("data-pagefind-body") == 1 and "data-pagefind-body" not in home
    # Material's search starts (and fetches its index) only for a form named "search".
    assert re.search(r'<form [^>]*name="search"', home) is None
    assert 'name="pagefind-search"' in home


@pytest.fixture(scope="module")
def pagefind_url(pagefind_site: Path) -> Iterator[str]:
    with serve_directory(pagefind_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM_PATH.exists(), reason="Debian's chromium is not installed (make test installs it)")
def test_typing_in_the_search_box_finds_the_brief(pagefind_url: str):
    playwright_sync = pytest.importorskip("playwright.sync_api")
    requested: list[str] = []
    errors: list[str] = []
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda request: requested.append(request.url.removeprefix(pagefind_url)))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(pagefind_url, wait_until="networkidle")
        loaded_with_page = list(requested)
        page.locator("input.md-search__input").focus()
        page.keyboard.type("Ryabkov", delay=20)
        result = page.locator(".md-search-result__item", has_text=SEED_TITLE)
        result.first.wait_for(timeout=15_000)
        assert page.locator(".md-search-result__meta").text_content().strip().endswith("matching documents")
        assert result.first.locator("mark").first.text_content().startswith("Ryabkov")
        result.first.locator("a").click()
        page.wait_for_url(f"**/{SEED_PAGE}")
        browser.close()
    assert not any(url.startswith(("pagefind/", "search/")) for url in loaded_with_page)
    assert "pagefind/pagefind.js" in requested
    assert not any(url.startswith("search/") for url in requested)
    assert errors == []


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM_PATH.exists(), reason="Debian's chromium is not installed (make test installs it)")
def test_on_a_phone_the_search_button_opens_the_box_and_escape_closes_it(pagefind_url: str):
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(pagefind_url + SEED_PAGE, wait_until="load")
        page.locator("label.md-header__button[for=__search]").click()
        page.keyboard.type("NATO", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        assert page.locator(".md-search-result__list").is_visible()
        page.keyboard.press("Escape")
        assert page.evaluate("document.getElementById('__search').checked") is False
        assert page.locator(".md-search-result__list").is_hidden()
        browser.close()


def search_results(page, query: str) -> list[str]:  # noqa: ANN001 (Playwright type)
    """The result links the search box shows for a query, on an open page. The box is
    emptied first and the query entered in one input event, so the results are its own."""
    box = page.locator("input.md-search__input")
    box.focus()
    box.fill("")
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('matching')")
    box.fill(query)
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('matching document')", timeout=30_000
    )
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))")


@pytest.fixture(scope="module")
def harbour_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("harbour"), articles=())
    for name, text in HARBOUR_STORIES.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    generated = run_briefs("generate", cwd=project)
    assert generated.returncode == 0, generated.stderr
    use_search(project, "pagefind")
    built = build_site(project, project / "site")
    assert built.returncode == 0, built.stderr
    return project / "site"


def test_related_list_is_left_out_of_the_pagefind_index(harbour_site: Path):
    ferry = (harbour_site / FERRY_PAGE / "index.html").read_text(encoding="utf-8")
    related = ferry.split('<h2 id="related-briefs" data-search-exclude>', 1)[1]
    # The other story's headline is on the ferry page, inside the ignored section only.
    assert "Trawlermen protest Portwick pier tolls" in related
    assert "trawlermen" not in ferry.split('<div data-search-exclude data-pagefind-ignore>', 1)[0].lower()


@pytest.mark.browser
@needs_chromium
def test_search_finds_a_body_word_and_not_a_related_headline(harbour_site: Path):
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with serve_directory(harbour_site) as url, playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + FERRY_PAGE, wait_until="load")
        tuesday = search_results(page, "Tuesday")
        trawlermen = search_results(page, "trawlermen")
        browser.close()
    assert [link for link in tuesday if FERRY_PAGE in link], tuesday
    assert [link for link in trawlermen if PIER_PAGE in link], trawlermen
    assert not [link for link in trawlermen if FERRY_PAGE in link], trawlermen


@pytest.mark.browser
@needs_chromium
def test_a_page_load_fetches_no_sitemap_and_keeps_its_feed_links(pagefind_site: Path):
    served_html = (pagefind_site / SEED_PAGE / "index.html").read_text(encoding="utf-8")
    # Feed readers read the page as served: autodiscovery links stay rel="alternate".
    assert '<link rel="alternate" type="application/rss+xml"' in served_html
    playwright_sync = pytest.importorskip("playwright.sync_api")
    requested: list[str] = []
    errors: list[str] = []
    with serve_directory(pagefind_site) as url, playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda request: requested.append(request.url.removeprefix(url)))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + SEED_PAGE, wait_until="networkidle")
        rels = page.eval_on_selector_all("link[type='application/rss+xml']", "links => links.map(l => l.rel)")
        browser.close()
    assert "newsbriefs/feed-links.js" in requested
    assert "sitemap.xml" not in requested
    assert rels == ["alternate", "alternate"]
    assert errors == []


@pytest.mark.browser
@needs_chromium
def test_under_serve_an_edit_is_searchable_once_pagefind_catches_up(tmp_path: Path):
    project = make_project(tmp_path)
    assert run_briefs("generate", cwd=project).returncode == 0
    use_search(project, "pagefind")
    port = free_port()
    process, lines = start_serve(project, port)
    url = f"http://127.0.0.1:{port}/"
    playwright_sync = pytest.importorskip("playwright.sync_api")
    try:
        assert wait_for(lines, "Search index updated by Pagefind", 120), "no Pagefind index after the first build"
        brief = project / "briefs" / (SEED_PAGE.rstrip("/") + ".md")
        brief.write_text(brief.read_text(encoding="utf-8") + "\nThe Zanzibarian envoy declined to comment.\n", encoding="utf-8")
        # The rebuild is done (and the page reloads) before Pagefind has indexed the edit.
        assert wait_for(lines, "Documentation built in", 120), "no rebuild after the edit"
        assert wait_for(lines, "Search index updated by Pagefind", 120), "no Pagefind index after the edit"
        with playwright_sync.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url, wait_until="load")
            found = search_results(page, "Zanzibarian")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert [link for link in found if SEED_PAGE in link], found


def test_under_serve_a_full_rebuild_keeps_the_last_index_until_the_new_one_is_in(tmp_path: Path):
    project = make_project(tmp_path)
    assert run_briefs("generate", cwd=project).returncode == 0
    use_search(project, "pagefind")
    config = project / "mkdocs.yml"
    text, switched = re.subn(r"(- briefs-page-cache:\n\s+enabled:) true", r"\1 false", config.read_text(encoding="utf-8"))
    assert switched == 1
    config.write_text(text, encoding="utf-8")  # every rebuild empties the site folder
    port = free_port()
    # Served at the root, as `make serve` does (mkdocs.yml's site_url reads this).
    process, lines = start_serve(project, port, {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEWSBRIEFS_SITE_URL": f"http://127.0.0.1:{port}/"})
    try:
        assert wait_for(lines, "Search index updated by Pagefind", 120), "no Pagefind index after the first build"
        brief = project / "briefs" / (SEED_PAGE.rstrip("/") + ".md")
        brief.write_text(brief.read_text(encoding="utf-8") + "\nAn editor's addition.\n", encoding="utf-8")
        assert wait_for(lines, "Documentation built in", 120), "no rebuild after the edit"
        # Pagefind has only just started on the rebuilt site: the bundle served is the last one.
        bundle = urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind.js", timeout=10)
        assert bundle.status == 200
        assert wait_for(lines, "Search index updated by Pagefind", 120), "no Pagefind index after the edit"
    finally:
        process.terminate()
        process.wait(timeout=30)
