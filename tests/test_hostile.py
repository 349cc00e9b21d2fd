"""Hostile text everywhere it enters: the built site shows it and runs none of it.

Each input of tests/hostile/inputs.jsonl becomes a seed (headline, paragraph,
quote); its generated brief is then edited by hand the way an editor would:
the input becomes a speaker's name and role, a tag and the author in the front matter,
and the speaker of a `data-speaker` span in the body. site_config/people.yml
describes those speakers with hostile roles, descriptions and links, and
glossary.yml adds a term whose name, definition, description and link are
hostile. The site is built with `mkdocs build --strict`, then every page is
checked with an HTML parser and in Chromium, and the feeds as XML and JSON.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator import escaping

from conftest import REPO, build_site, run_briefs, serve_directory, use_search

CORPUS = Path(__file__).parent / "hostile" / "inputs.jsonl"
# A payload's own elements carry the marker as their whole id or one of their classes
# (headings about a payload get ids like "img-idpwn02-srcx": those are slugs, not payloads).
MARKER = re.compile(r"pwn\d+")
# The repository's hook builds a seed with this headline and greps the site for the tag.
HOOK_HEADLINE = "<img src=x onerror=alert(1)> Minister quits"
GLOSSARY_TERM = "Zorblax"
SPEAKER = "Jane Doe"
# Schemes that run code or carry a document when a link or resource uses them.
LIVE_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"}
# Inline data: images of the theme itself (none today) would be listed here.
THEME_DATA_URLS: set[str] = set()


@dataclass(frozen=True)
class Hostile:
    id: str
    text: str


def load_corpus() -> list[Hostile]:
    """The hostile inputs, one JSON object per line."""
    return [Hostile(**json.loads(line)) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


CORPUS_ITEMS = load_corpus()


def test_corpus_is_large_and_marked():
    assert len(CORPUS_ITEMS) >= 40
    assert len({item.id for item in CORPUS_ITEMS}) == len(CORPUS_ITEMS)
    assert any(item.text == HOOK_HEADLINE for item in CORPUS_ITEMS)


def _seed(item: Hostile) -> str:
    # Ingest refuses text full of control characters as binary: seeds go without them
    # (hand edits and site_config keep them).
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", item.text)
    return (
        f"{' '.join(text.split())}\n\n"
        f"The council said {text} before {GLOSSARY_TERM} voted on Monday.\n\n"
        f'"{text}," said {SPEAKER}, a spokeswoman for the council.\n\n'
        "The meeting ended late.\n"
    )


def read_brief(path: Path) -> tuple[dict, str]:
    """A brief's front matter and body, read as any YAML front matter reader would."""
    text = path.read_text(encoding="utf-8")
    fence = re.match(r"---\n(.*?\n)---\n", text, re.DOTALL)
    return yaml.safe_load(fence.group(1)), text[fence.end() :]


def _hand_edit(path: Path, item: Hostile) -> None:
    """What an editor might do: add a speaker, a tag and an attributed quote."""
    front_matter, body = read_brief(path)
    front_matter["speakers"] = [*(front_matter.get("speakers") or []), {"name": item.text, "role": item.text}]
    front_matter["tags"] = [*(front_matter.get("tags") or []), item.text, "Council"]
    front_matter["author"] = item.text
    speaker = escaping.markdown_html_attribute(item.text)
    tooltip = escaping.tooltip_attribute(item.text)
    quote = escaping.escape_markdown(item.text)
    body += f'\n<span class="nb-quote" data-speaker="{speaker}" title="{tooltip}">{quote}</span>, they said.\n'
    header = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{header}---\n{body}", encoding="utf-8")


def _hostile_site_config(config_dir: Path, items: list[Hostile]) -> None:
    people = [
        {
            "name": item.text,
            "role": item.text,
            "description": item.text,
            "links": [f"javascript:alert('{item.id}')", f'https://example.test/{item.id}"><svg/onload=alert("pwn90")>'],
        }
        for item in items
    ]
    people.append({"name": SPEAKER, "role": items[0].text, "description": items[1].text, "links": ["data:text/html,x"]})
    (config_dir / "people.yml").write_text(yaml.safe_dump({"people": people}, allow_unicode=True), encoding="utf-8")
    glossary_file = config_dir / "glossary.yml"
    glossary = yaml.safe_load(glossary_file.read_text(encoding="utf-8"))
    glossary["terms"] += [
        {
            "term": GLOSSARY_TERM,
            "definition": '<img id=pwn91 src=x onerror=alert("pwn91")> "quoted" & more',
            "description": "\n\n".join(item.text for item in items[:10]),
            "aliases": ['Zorb"><b id=pwn92>x</b>'],
            "link": 'https://example.test/"><svg/onload=alert("pwn93")>',
        },
        {"term": 'Pwn <b id=pwn94>term</b> {{ 7*7 }}', "definition": '</title><script id=pwn95>alert("pwn95")</script>'},
    ]
    glossary_file.write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")


@dataclass(frozen=True)
class HostileSite:
    site: Path
    briefs: Path
    titles: dict[str, str]  # brief URL -> its title as text


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The hostile project, generated and edited by hand, not yet built; and its titles by URL."""
    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(REPO / "site_config", project / "site_config")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "seeds").mkdir()
    (project / "briefs").mkdir()
    for number, item in enumerate(CORPUS_ITEMS, start=1):
        (project / "seeds" / f"h{number:02d}.txt").write_text(_seed(item), encoding="utf-8")
    generated = run_briefs("generate", cwd=project)
    assert generated.returncode == 0, generated.stderr
    by_source = {read_brief(path)[0].get("source"): path for path in (project / "briefs").glob("*.md")}
    titles = {}
    for number, item in enumerate(CORPUS_ITEMS, start=1):
        path = by_source[f"seeds/h{number:02d}.txt"]
        _hand_edit(path, item)
        titles[f"{path.stem}/"] = escaping.front_matter_text(read_brief(path)[0]["title"])
    _hostile_site_config(project / "site_config", CORPUS_ITEMS)
    return project, titles


@pytest.fixture(scope="module")
def hostile_site(hostile_project: tuple[Path, dict[str, str]]) -> HostileSite:
    """The hostile project built with Material's search."""
    project, titles = hostile_project
    built = build_site(project, project / "site")
    assert built.returncode == 0, built.stderr
    return HostileSite(project / "site", project / "briefs", titles)


@pytest.fixture(scope="module")
def pagefind_hostile_site(hostile_project: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """The same project built with `search: pagefind`."""
    source, titles = hostile_project
    project = tmp_path_factory.mktemp("hostile-pagefind")
    for folder in ("site_config", "briefs"):
        shutil.copytree(source / folder, project / folder)
    shutil.copy(source / "mkdocs.yml", project / "mkdocs.yml")
    use_search(project, "pagefind")
    built = build_site(project, project / "site")
    assert built.returncode == 0, built.stderr
    return HostileSite(project / "site", project / "briefs", titles)


@pytest.fixture(scope="module", params=["material", "pagefind"])
def any_hostile_site(request: pytest.FixtureRequest) -> HostileSite:
    """The hostile site under each search engine."""
    return request.getfixturevalue("hostile_site" if request.param == "material" else "pagefind_hostile_site")


class _Injections(HTMLParser):
    """Every element or attribute in a page that only a payload could have put there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("id", "class") and any(MARKER.fullmatch(token) for token in value.split()):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and LIVE_URL.match(value) and value not in THEME_DATA_URLS:
                self.found.append(f"<{tag} {name}={value[:40]!r}>")
        if tag in ("iframe", "object", "embed", "base", "math", "textarea"):
            self.found.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and ("alert(" in data or MARKER.search(data)):
            self.found.append(f"<script>{data[:40]}")


def injections(text: str) -> list[str]:
    parser = _Injections()
    parser.feed(text)
    parser.close()
    return parser.found


def test_parser_finds_what_a_payload_would_inject():
    """The checks below can fail: the parser sees each kind of injection."""
    page = '<img id=pwn1 src=x onerror=alert(1)><a href="javascript:x">a</a><script>alert("pwn2")</script><iframe></iframe>'
    assert len(injections(page)) == 5
    assert injections('<p title="&lt;img id=pwn1 onerror=x&gt;">&lt;script&gt;alert(1)</p>') == []


def test_no_page_holds_an_injected_element_or_attribute(any_hostile_site: HostileSite):
    pages = sorted(any_hostile_site.site.rglob("*.html"))
    assert len(pages) > len(CORPUS_ITEMS)
    found = {str(p.relative_to(any_hostile_site.site)): injections(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: tags for page, tags in found.items() if tags} == {}


def test_hook_headline_never_appears_as_a_tag(any_hostile_site: HostileSite):
    for page in any_hostile_site.site.rglob("*.html"):
        assert "<img src=x onerror" not in page.read_text(encoding="utf-8"), page


def test_every_brief_was_built(hostile_site: HostileSite):
    assert len(hostile_site.titles) == len(CORPUS_ITEMS)
    for url in hostile_site.titles:
        assert (hostile_site.site / url / "index.html").is_file(), url


def _text_of(html_text: str) -> str:
    """What a reader sees of an HTML fragment (which must hold no elements)."""
    assert injections(html_text) == []
    assert not re.search(r"<[a-zA-Z!/]", html_text), html_text
    return html.unescape(html_text)


def test_titles_show_as_text_in_title_header_and_heading(any_hostile_site: HostileSite):
    for url, title in any_hostile_site.titles.items():
        page = (any_hostile_site.site / url / "index.html").read_text(encoding="utf-8")
        head_title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
        assert _text_of(head_title) == f"{title} - News briefs", url
        description = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
        assert "<" not in description, url


def test_rss_feed_titles_and_descriptions_round_trip(hostile_site: HostileSite):
    root = ElementTree.parse(hostile_site.site / "feed_rss_created.xml").getroot()
    items = root.findall("./channel/item")
    assert items
    for item in items:
        url = item.findtext("link").split("/newsbriefs/", 1)[1]
        title = item.find("title")
        assert list(title) == [] and title.text == hostile_site.titles[url]
        description = item.find("description")
        assert list(description) == []
        _text_of(description.text or "")


def test_json_feed_titles_and_content_round_trip(hostile_site: HostileSite):
    feed = json.loads((hostile_site.site / "feed_json_created.json").read_text(encoding="utf-8"))
    assert feed["items"]
    for item in feed["items"]:
        url = item["url"].split("/newsbriefs/", 1)[1]
        assert item["title"] == hostile_site.titles[url]
        _text_of(item["content_html"])


def test_search_index_holds_text_not_markup(hostile_site: HostileSite):
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        # Material shows titles, tags and texts as HTML: they may hold its own tags, never a payload's.
        for field in (doc["title"], *doc.get("tags", [])):
            _text_of(field)
        assert injections(doc["text"]) == [], doc["location"]


# -- In Chromium -----------------------------------------------------------------------------

CHROMIUM = Path("/usr/lib/chromium/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
SEARCH_TERMS = ["onerror", "javascript", "script", GLOSSARY_TERM]
INJECTED = "[id^=pwn], [class*=pwn], iframe, object, embed, base, math, textarea"
FIND_INJECTED = """els => els
  .filter(e => e.localName !== undefined && (!/pwn/.test(e.id + " " + e.className) ||
    /^pwn\\d+$/.test(e.id) || [...e.classList].some(c => /^pwn\\d+$/.test(c))))
  .map(e => e.outerHTML.slice(0, 80))"""
SHOWN_TITLES = """() => {
  const heading = document.querySelector("article h1");
  const topics = document.querySelectorAll(".md-header__topic .md-ellipsis");
  return {
    tab: document.title,
    header: topics.length ? topics[topics.length - 1].textContent.trim() : "",
    heading: heading ? heading.firstChild.textContent.trim() : "",
  };
}"""


@pytest.fixture(scope="module")
def hostile_url(hostile_site: HostileSite) -> Iterator[str]:
    with serve_directory(hostile_site.site) as url:
        yield url


def _page_urls(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [page.removesuffix("index.html") for page in pages] + ["404.html"]


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)")
def test_no_dialog_and_no_injected_element_in_the_browser(hostile_site: HostileSite, hostile_url: str):
    playwright_sync = pytest.importorskip("playwright.sync_api")
    dialogs: list[str] = []
    injected: dict[str, list[str]] = {}
    shown: dict[str, dict[str, str]] = {}
    hovered: set[str | None] = set()
    urls = _page_urls(hostile_site.site)
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))

        def check(where: str) -> None:
            found = page.eval_on_selector_all(INJECTED, FIND_INJECTED)
            if found:
                injected[where] = found

        for url in urls:
            page.goto(hostile_url + url, wait_until="load")
            shown[url] = page.evaluate(SHOWN_TITLES)
            check(url)
            # Material's tooltips put an element's title into the page as HTML when it is hovered:
            # hover each distinct title once.
            for element in page.query_selector_all("article [title]"):
                title = element.get_attribute("title")
                if title not in hovered:
                    hovered.add(title)
                    element.hover(timeout=5_000)
                    check(f"{url} tooltip {title[:40]}")
        assert dialogs == [] and injected == {}
        # The reader sees each title as written: in the tab, the header and the heading alike.
        for url, title in hostile_site.titles.items():
            assert shown[url] == {"tab": f"{title} - News briefs", "header": title, "heading": title}, url
        for url, seen in shown.items():
            if seen["heading"] and url != "404.html":  # the theme's 404 page is titled by the site name
                assert seen["tab"] == f"{seen['heading']} - News briefs", url
        page.goto(hostile_url, wait_until="networkidle")  # the search worker has loaded the index
        search = page.locator("input.md-search__input")
        for term in SEARCH_TERMS:
            search.fill("")
            search.focus()
            page.keyboard.type(term, delay=10)
            page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
            check(f"search: {term}")
        browser.close()
    assert len(urls) > 2 * len(CORPUS_ITEMS) and len(hovered) > len(CORPUS_ITEMS)
    assert dialogs == []
    assert injected == {}


# What the Pagefind search box shows: each result's address and title as text, the
# elements inside its title and excerpt (Pagefind's <mark> is the only one allowed).
PAGEFIND_RESULTS = """() => [...document.querySelectorAll(".md-search-result__item")].map(item => ({
  url: new URL(item.querySelector("a").href).pathname.slice(1),
  title: item.querySelector("h1").textContent,
  excerpt: item.querySelector("p").textContent,
  elements: [...item.querySelectorAll("h1 *, p *")].map(e => e.localName + (e.children.length ? "+" : "")),
}))"""


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)")
def test_pagefind_results_show_hostile_text_as_text(pagefind_hostile_site: HostileSite):
    playwright_sync = pytest.importorskip("playwright.sync_api")
    dialogs: list[str] = []
    injected: dict[str, list[str]] = {}
    results: list[dict] = []
    with serve_directory(pagefind_hostile_site.site) as url, playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url, wait_until="load")
        search = page.locator("input.md-search__input")
        for term in [*SEARCH_TERMS, "Minister quits", "pwn34"]:
            search.fill("")
            search.focus()
            page.keyboard.type(term, delay=10)
            page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
            results += page.evaluate(PAGEFIND_RESULTS)
            if found := page.eval_on_selector_all(INJECTED, FIND_INJECTED):
                injected[term] = found
        browser.close()
    assert dialogs == [] and injected == {}
    briefs = [result for result in results if result["url"] in pagefind_hostile_site.titles]
    assert len({result["url"] for result in briefs}) > len(SEARCH_TERMS)
    for result in briefs:
        assert result["title"] == pagefind_hostile_site.titles[result["url"]], result["url"]
    assert {element for result in results for element in result["elements"]} == {"mark"}
    # Excerpts show the article's words as written: entities typed as text stay text.
    entities = [result["excerpt"] for result in results if "pwn34" in result["excerpt"]]
    assert entities and all('&lt;script id=pwn34&gt;alert("pwn34")&lt;/script&gt;' in text for text in entities)
    # The hook headline is also a speaker's name: their page's title shows as typed.
    assert any(result["title"] == HOOK_HEADLINE for result in results)
