#!/usr/bin/env python3
"""Search at scale: what a browser loads before the first search result, and how long it takes,
with Material's search and with `search: pagefind`, in headless Chromium.

    .venv/bin/python benchmarks/search.py                  (or: make bench-search)
    .venv/bin/python benchmarks/search.py --size 5000
    .venv/bin/python benchmarks/search.py --size 5000 --work /tmp/search-bench   keep and reuse the briefs
    .venv/bin/python benchmarks/search.py --size 5000 --serve    also: an edit under `mkdocs serve`

Briefs are generated at run time by the real `briefs generate --jobs 2` from the shared
eval texts (benchmarks/generation.py makes the articles), in a temporary folder unless
--work names one. The same briefs are built twice with `mkdocs build`: A with
the repository's mkdocs.yml (Material's search), B the same with `search: pagefind`.

Each site is served on 127.0.0.1 by Python's http.server (no compression) and opened in a
fresh Chromium context (empty cache): the home page loads, then the reader focuses the
search box and types each query in turn. For every query the run records the time from the
first key press until the first result is in the box, and the bytes of every response the
page and its workers received until then (the first query counts the page load too). The
bytes are given as sent by this server (uncompressed), the part of them that is the search's
own files, and as a compressing server would send them all (gzip of each response;
Pagefind's index files are gzip already). Target (issue 14): under 1 MB before the first
result.

With --serve, the Pagefind site is then served by the real `mkdocs serve` and one brief is
edited (a made-up word added): the run prints MkDocs' rebuild time (the page reloads then),
the time from the save until Pagefind, running in the background, has swapped in the new
index, and until a search in Chromium finds the new word.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO / "tests"))

from conftest import serve_directory, use_search  # noqa: E402  (the tests' server and search switch)
from serve_edit import Server, free_port  # noqa: E402
from site_build import generated_briefs, site_of  # noqa: E402
from test_search_index import search_results  # noqa: E402

DEFAULT_SIZE = 1_000
QUERIES = ("election", "prime minister", "football")
TARGET_BYTES = 1_000_000
# The search's own files: Material's index and worker, Pagefind's bundle and our script for it.
SEARCH_FILES = ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/", "pagefind/", "newsbriefs/pagefind-search.js")
CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
RESULT = ".md-search-result__item"
RESULT_TIMEOUT_MS = 300_000
ENGINES = ("material", "pagefind")
LARGEST = 4  # responses named per engine before its first result
# Under --serve: a word in no brief, added to one, then searched for.
NEW_WORD = "quokkaphone"
SERVE_STARTUP_S = 1_800
INDEXED = "Search index updated by Pagefind"
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


@dataclass(frozen=True)
class Measure:
    query: str
    seconds: float  # first key press -> first result shown
    requests: int
    raw_bytes: int  # as this server sent them
    gzip_bytes: int  # as a compressing server would
    search_bytes: int  # of raw_bytes, the search's own files (index, worker, scripts)
    largest: tuple[tuple[str, int], ...]  # the biggest responses among them (path, raw bytes)


def build(folder: Path, engine: str) -> tuple[Path, float]:
    """The site of `folder` built with `engine` answering its search box; (site, seconds)."""
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    use_search(folder, engine)
    site = folder / f"site-{engine}"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
        cwd=folder, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode:
        sys.exit(f"mkdocs build ({engine}) failed in {folder}:\n{result.stderr}")
    return site, time.perf_counter() - started


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def gzip_size(site: Path, url: str) -> int:
    """What a compressing server sends for this URL (files gzip already are sent as they are)."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, compresslevel=6))


def search_in_browser(site: Path, queries: tuple[str, ...]) -> list[Measure]:
    """Open the home page cold, then type each query; one Measure per query."""
    from playwright.sync_api import sync_playwright

    finished: list[tuple[float, str, int]] = []  # (when, url, bytes received)
    measures = []
    with serve_directory(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()

        def on_finished(request) -> None:  # noqa: ANN001 (Playwright type)
            sizes = request.sizes()
            finished.append((time.perf_counter(), request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

        context.on("requestfinished", on_finished)
        page = context.new_page()
        page.goto(base, wait_until="load")
        box = page.locator("input.md-search__input")
        counted = 0
        for query in queries:
            # Cleared with keys, as a reader would: Material's search listens to key presses.
            box.focus()
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
            page.wait_for_function(f"document.querySelectorAll('{RESULT}').length === 0", timeout=RESULT_TIMEOUT_MS)
            started = time.perf_counter()
            page.keyboard.type(query)
            page.locator(RESULT).first.wait_for(timeout=RESULT_TIMEOUT_MS)
            shown = time.perf_counter()
            loaded = [(url, size) for when, url, size in finished[counted:] if when <= shown]
            counted += len(loaded)
            measures.append(Measure(
                query, shown - started, len(loaded),
                sum(size for _, size in loaded), sum(gzip_size(site, url) for url, _ in loaded),
                sum(size for url, size in loaded if urlsplit(url).path.lstrip("/").startswith(SEARCH_FILES)),
                tuple(sorted(((urlsplit(url).path, size) for url, size in loaded), key=lambda item: -item[1])[:LARGEST]),
            ))
        browser.close()
    return measures


def print_table(size: int, builds: dict[str, tuple[Path, float]], results: dict[str, list[Measure]]) -> None:
    print(f"\nSearch at {size} briefs (first query includes the page load; later queries what they add)\n")
    print(f"{'engine':<10}{'query':<16}{'requests':>9}{'bytes (as served)':>19}{'of which search':>17}"
          f"{'bytes (gzip)':>14}{'to first result':>17}")
    for engine, measures in results.items():
        for measure in measures:
            print(f"{engine:<10}{measure.query:<16}{measure.requests:>9}{measure.raw_bytes:>19,}{measure.search_bytes:>17,}"
                  f"{measure.gzip_bytes:>14,}{measure.seconds:>15.2f} s")
    for engine, measures in results.items():
        named = ", ".join(f"{path} {size / 1e6:.2f} MB" for path, size in measures[0].largest)
        print(f"{engine}, largest responses before the first result: {named}")
    material, pagefind = results["material"][0], results["pagefind"][0]
    print(f"\nbefore the first result: Pagefind loads {pagefind.raw_bytes / material.raw_bytes:.3f}x Material's bytes "
          f"({pagefind.raw_bytes / 1e6:.2f} MB vs {material.raw_bytes / 1e6:.2f} MB; target < {TARGET_BYTES / 1e6:.0f} MB), "
          f"in {pagefind.seconds / material.seconds:.2f}x the time")
    for engine, (site, seconds) in builds.items():
        index = site / ("pagefind" if engine == "pagefind" else "search")
        print(f"{engine} build: {seconds:.1f} s, search index on disk {folder_bytes(index) / 1e6:.1f} MB")


def edit_under_serve(folder: Path) -> None:
    """Serve `folder` (its mkdocs.yml set to Pagefind) with `mkdocs serve`, edit one brief,
    and print when the page is rebuilt, when the new index is in place and when a search finds the edit."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = Server(folder, port)
    try:
        server.wait_for(INDEXED, SERVE_STARTUP_S)
        time.sleep(5)  # the watcher has taken its first look at docs_dir
        brief = sorted((folder / "briefs").glob("*.md"))[0]
        with brief.open("a", encoding="utf-8") as file:
            file.write(f"\nA {NEW_WORD} was mentioned once.\n")
        saved = time.perf_counter()
        built_line = ""
        while not (match := BUILT.search(built_line)):
            built_line = server.lines.get(timeout=SERVE_STARTUP_S)
        rebuilt = time.perf_counter() - saved
        server.wait_for(INDEXED, SERVE_STARTUP_S)
        indexed = time.perf_counter() - saved
        indexed_line = next(line for line in reversed(server.log) if INDEXED in line)
        pagefind_seconds = float(re.search(r"in ([0-9.]+) s", indexed_line).group(1))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
            found = search_results(page, NEW_WORD)
            searched = time.perf_counter() - saved
            browser.close()
    finally:
        server.stop()
    if not any(brief.stem in link for link in found):
        sys.exit(f"under mkdocs serve, a search for {NEW_WORD!r} did not find {brief.name}: {found}")
    print(f"\nmkdocs serve with Pagefind, one brief edited ({brief.name})")
    print(f"  rebuild, MkDocs' own figure (the page reloads): {float(match.group(1)):.1f} s (save to log line {rebuilt:.1f} s)")
    print(f"  save -> new Pagefind index in place:            {indexed:.1f} s (Pagefind ran {pagefind_seconds:.1f} s in the background)")
    print(f"  save -> a search in Chromium finds the edit:     {searched:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help=f"briefs in the site (default {DEFAULT_SIZE})")
    parser.add_argument("--work", type=Path, help="folder for the briefs and sites, kept and reused (default: temporary)")
    parser.add_argument("--serve", action="store_true", help="also edit a brief under `mkdocs serve` with Pagefind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = args.work or Path(temporary)
        project = root / "project"
        briefs = sorted((project / "briefs").glob("*.md"))
        if len(briefs) < args.size:
            if project.exists():
                sys.exit(f"{project} holds {len(briefs)} briefs, fewer than {args.size}: remove it or pick another --work")
            root.mkdir(parents=True, exist_ok=True)
            briefs = generated_briefs(project, args.size)
        folder = site_of(root, briefs, args.size)
        builds = {engine: build(folder, engine) for engine in ENGINES}
        results = {engine: search_in_browser(site, QUERIES) for engine, (site, _) in builds.items()}
        print_table(args.size, builds, results)
        if args.serve:
            shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
            use_search(folder, "pagefind")
            edit_under_serve(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
