"""Edits under `mkdocs serve` with the page cache (generator/page_cache.py): after each rebuild
the served site is the site a fresh `mkdocs build` makes, page for page, search entry for search
entry, sitemap, tags and feeds included, though the rebuild after an edit to one brief left most
pages out of MkDocs' page loops."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED, SEED_BRIEF, make_project, run_briefs
from test_serve import REBUILD_SECONDS, STARTUP_SECONDS, free_port, start_serve, wait_for

ARTICLES = (SEED, FIXTURES / "council_vote.txt", FIXTURES / "hostile_markup.txt", FIXTURES / "budget_blog.htm")
COUNCIL_BRIEF = "springfield-council-delays-vote-on-river-bridge.md"
BUDGET_BRIEF = "town-budget-passes-after-late-night-session.md"
NEW_BRIEF = "russia-mulls-cuba-venezuela-deployment-again.md"
# Hand-written pages beside the briefs: one in the navigation, titled by its heading, and one
# holding a tags listing of the first one's tag. (Not a tag of the briefs: for a page at the top
# of the site two listings of its tag are equally close, and which one its tag links to depends
# on the order of a set in Material's tags plugin, which differs from one process to the next.)
DESK_PAGE = "desk/about.md"
TOPICS_PAGE = "desk/topics.md"
EDIT = "An editor's note: the ministry confirmed the figures on Friday."
# What `mkdocs serve` adds to every HTML page it serves.
LIVERELOAD_SCRIPT = re.compile(r"<script>\s*var livereload = function.*?</script>", re.DOTALL)
SKIPPED = re.compile(r"reused: \d+ of (\d+) \((\d+) left out of the page loops\)")
FULL_REBUILD = "Configuration or theme changed: full rebuild"


def fetch(url: str) -> str:
    return urllib.request.urlopen(url, timeout=30).read().decode("utf-8")


def site_files(site: Path, pattern: str) -> list[str]:
    return sorted(str(p.relative_to(site).as_posix()) for p in site.rglob(pattern))


def lines_until(lines: queue.Queue[str], needle: str, seconds: float) -> list[str]:
    """The lines the server logs up to the first holding `needle` (which must come within `seconds`)."""
    seen: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            seen.append(lines.get(timeout=0.5))
        except queue.Empty:
            continue
        if needle in seen[-1]:
            return seen
    raise AssertionError(f"no '{needle}' within {seconds} s; the server logged:\n{''.join(seen[-20:])}")


def feed_items(feed: str) -> str:
    """An RSS feed from its first item on: before it, the channel's build time."""
    return feed[feed.index("<item>") :]


def created_feed(feed: dict) -> dict:
    """A JSON feed without the items' update time, which is the build time for a page that has none
    (`use_git: false`): under serve, the time the page was last built."""
    return {**feed, "items": [{k: v for k, v in item.items() if k != "date_modified"} for item in feed["items"]]}


def assert_served_as_built(project: Path, address: str, environment: dict[str, str], reference: Path) -> None:
    """The served site equals a fresh `mkdocs build` of the project: every HTML page, the search
    index, the sitemap, the tags export and the feeds of the latest briefs."""
    shutil.rmtree(reference, ignore_errors=True)
    # A full build, not one from the page cache the builds before this one left on disk.
    shutil.rmtree(project / ".cache" / "plugin" / "briefs-pages", ignore_errors=True)
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(reference)],
        cwd=project, env=environment, capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stderr
    pages = site_files(reference, "*.html")
    assert len(pages) > len(ARTICLES)
    for page in pages:
        served = LIVERELOAD_SCRIPT.sub("", fetch(address + page))
        assert served == (reference / page).read_text(encoding="utf-8"), f"{page} differs from a full build"
    for name in ("search/search_index.json", "tags.json"):
        assert json.loads(fetch(address + name)) == json.loads((reference / name).read_text(encoding="utf-8")), name
    assert fetch(address + "sitemap.xml") == (reference / "sitemap.xml").read_text(encoding="utf-8")
    assert feed_items(fetch(address + "feed_rss_created.xml")) == feed_items((reference / "feed_rss_created.xml").read_text(encoding="utf-8"))
    served_feed = json.loads(fetch(address + "feed_json_created.json"))
    assert created_feed(served_feed) == created_feed(json.loads((reference / "feed_json_created.json").read_text(encoding="utf-8")))
    # Every brief is in the search index and, under its own title, in the tags listing.
    index = json.loads(fetch(address + "search/search_index.json"))
    for path in (project / "briefs").glob("*.md"):
        assert any(d["location"].startswith(path.stem + "/") for d in index["docs"]), f"{path.name} missing from search"


def edit_text(project: Path) -> None:
    brief = project / "briefs" / SEED_BRIEF
    brief.write_text(brief.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")


def edit_tags(project: Path) -> None:
    """A tag the site did not have, and one of the brief's own dropped."""
    brief = project / "briefs" / COUNCIL_BRIEF
    text, count = re.subn(r"(?m)^tags: \[[^\]\n]*\]$", "tags: [Bridges, Springfield budget]", brief.read_text(encoding="utf-8"))
    assert count == 1
    brief.write_text(text, encoding="utf-8")


def edit_title(project: Path) -> None:
    """Shown by the home page, the archive, the people pages, tags listings and related lists."""
    brief = project / "briefs" / BUDGET_BRIEF
    text = brief.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^title: .*$", "title: Town budget finally passes", text, count=1)
    assert count == 1
    brief.write_text(re.sub(r"(?m)^# .*$", "# Town budget finally passes", text, count=1), encoding="utf-8")


def add_brief(project: Path) -> None:
    text = (project / "briefs" / SEED_BRIEF).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: Russia mulls Cuba deployment again", text, count=1)
    (project / "briefs" / NEW_BRIEF).write_text(re.sub(r"(?m)^# .*$", "# Russia mulls Cuba deployment again", text, count=1), encoding="utf-8")


def delete_brief(project: Path) -> None:
    (project / "briefs" / SEED_BRIEF).unlink()


def edit_nav_title(project: Path) -> None:
    """The navigation shows the desk page by its heading: every page shows the new one."""
    page = project / "briefs" / DESK_PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("# About the desk", "# About the news desk"), encoding="utf-8")


def edit_listing(project: Path) -> None:
    """The desk page's tag links to the closest listing of it: once the topics page no longer
    lists it, to tags.md."""
    page = project / "briefs" / TOPICS_PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("include: [Desk]", "include: [Weather]"), encoding="utf-8")


def edit_config(project: Path) -> None:
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^copyright: .*$", "copyright: Briefs edited by the news desk.", config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    folder = make_project(tmp_path / "project", ARTICLES)
    generated = run_briefs("generate", cwd=folder)
    assert generated.returncode == 0, generated.stderr
    (folder / "briefs" / "desk").mkdir()
    # The desk's tag is listed on tags.md too, but its link points to the closest listing (by path).
    # It links to a brief that a change deletes: the rebuild then converts it again, whose link is left as written.
    (folder / "briefs" / DESK_PAGE).write_text(
        f"---\ntags: [Desk]\n---\n# About the desk\n\nWho writes the briefs, such as [this one](../{SEED_BRIEF}).\n", encoding="utf-8"
    )
    (folder / "briefs" / TOPICS_PAGE).write_text("# Topics\n\n<!-- material/tags { include: [Desk] } -->\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    text, count = re.subn(r"(?m)^  - Tags: tags\.md$", "  - Tags: tags.md\n  - desk/about.md", config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")
    return folder


# (change, whether the rebuild after it leaves some pages out): an edit to one brief's text skips
# every page it does not show on; a new or deleted brief, every page that neither lists it nor
# links to it; a title in the navigation is on every page, and a configuration change every page,
# so those rebuilds build every page; which tags a listing shows is on the pages whose tags link to it.
CHANGES: tuple[tuple[Callable[[Path], None], bool | None], ...] = (
    (edit_text, True),
    (edit_tags, True),
    (edit_title, True),
    (edit_nav_title, False),
    (edit_listing, True),
    (add_brief, True),
    (delete_brief, True),
    (edit_config, None),
)


def test_edits_under_serve_match_a_full_build(project: Path, tmp_path: Path) -> None:
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEWSBRIEFS_SITE_URL": address}
    server, lines = start_serve(project, port, environment)
    try:
        assert wait_for(lines, "Serving on", STARTUP_SECONDS), "mkdocs serve did not start"
        time.sleep(1)  # the file watcher's first look at docs_dir is over
        brief_url = address + SEED_BRIEF.removesuffix(".md") + "/"
        assert EDIT not in fetch(brief_url)
        for change, skips in CHANGES:
            change(project)
            logged = "".join(lines_until(lines, "Reloading browsers", REBUILD_SECONDS))
            skipped = SKIPPED.search(logged)
            if skips is None:
                assert FULL_REBUILD in logged, f"{change.__name__}: {logged}"
            elif skips:
                assert skipped and 0 < int(skipped.group(2)) < int(skipped.group(1)), f"{change.__name__}: {logged}"
            else:
                assert not skipped or skipped.group(2) == "0", f"{change.__name__}: {logged}"
            if change is edit_text:
                assert EDIT.replace("'", "&#x27;") in fetch(brief_url) or EDIT in fetch(brief_url)
            assert_served_as_built(project, address, environment, tmp_path / "reference")
        # A brief saved with broken front matter fails the rebuild. Once it is fixed, the
        # rebuild reuses what the caches hold (it does not convert every page again) and the
        # site is a full build's.
        brief = project / "briefs" / COUNCIL_BRIEF
        good = brief.read_text(encoding="utf-8")
        brief.write_text(good.replace("\ntitle: ", "\ntitle: [", 1), encoding="utf-8")
        lines_until(lines, "An error happened during the rebuild", REBUILD_SECONDS)
        brief.write_text(good, encoding="utf-8")
        logged = "".join(lines_until(lines, "Reloading browsers", REBUILD_SECONDS))
        reused = re.search(r"reused: (\d+) of (\d+)", logged)
        assert reused and int(reused.group(1)) > 0, logged
        assert_served_as_built(project, address, environment, tmp_path / "reference")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_starts_from_the_pages_its_last_session_kept(project: Path, tmp_path: Path) -> None:
    """`mkdocs serve` stopped with Ctrl+C keeps its pages on disk (apart from the build's), and the
    next session's first build reuses them all; what it serves is still a full build's."""
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEWSBRIEFS_SITE_URL": address}
    kept = project / ".cache" / "plugin" / "briefs-pages" / "serve"

    def session(check: Callable[[], None] = lambda: None) -> str:
        server, lines = start_serve(project, port, environment)
        try:
            logged = "".join(lines_until(lines, "Serving on", STARTUP_SECONDS))
            check()
        finally:
            server.send_signal(signal.SIGINT)  # Ctrl+C: MkDocs ends its plugins' work
            server.wait(timeout=60)
        return logged

    first = session()
    assert "reused" not in first and (kept / "pages.pickle").is_file()
    second = session(lambda: assert_served_as_built(project, address, environment, tmp_path / "reference"))
    reused = re.search(r"reused: (\d+) of (\d+)", second)
    assert reused and reused.group(1) == reused.group(2), second
    # A brief edited between two sessions: its page and those that show it are made again.
    edit_text(project)
    third = session(lambda: assert_served_as_built(project, address, environment, tmp_path / "reference"))
    reused = re.search(r"reused: (\d+) of (\d+)", third)
    assert reused and 0 < int(reused.group(1)) < int(reused.group(2)), third


def test_a_page_as_written_is_kept_without_the_html_it_prints_and_comes_back_whole() -> None:
    from generator.page_cache import CachedOutput

    content = "<p>The brief's HTML.</p>"
    for html in (f"<main>{content}</main>", f"<main>{content}{content}</main>", "<main>other</main>", content, ""):
        for printed in (content, ""):
            kept = CachedOutput.of("key", html, printed)
            assert kept.html(printed) == html
            assert printed == "" or printed not in html or sum(map(len, kept.parts)) == len(html) - len(printed)


def test_a_source_is_keyed_by_its_file_times_unless_it_just_changed(tmp_path: Path) -> None:
    from mkdocs.structure.files import File

    from generator.fingerprint import RACY_NS
    from generator.page_cache import source_key

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# One\n", encoding="utf-8")
    file = File("a.md", str(docs), str(tmp_path / "site"), use_directory_urls=True)
    stat = os.stat(docs / "a.md")
    changed_at = max(stat.st_mtime_ns, stat.st_ctime_ns)
    # Just written: the text is what counts; a rewrite of the same size within the same clock
    # tick (same times) is still told apart.
    just_now = source_key(file, now_ns=changed_at + RACY_NS // 2)
    (docs / "a.md").write_text("# Two\n", encoding="utf-8")
    os.utime(docs / "a.md", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert source_key(file, now_ns=changed_at + RACY_NS // 2) != just_now
    # Older: its inode, size and times, without reading it.
    later = max(os.stat(docs / "a.md").st_mtime_ns, os.stat(docs / "a.md").st_ctime_ns) + 2 * RACY_NS
    assert source_key(file, now_ns=later).startswith("stat:")
    old = source_key(file, now_ns=later)
    assert old == source_key(file, now_ns=later + RACY_NS)
    (docs / "a.md").write_text("# Three, longer\n", encoding="utf-8")
    assert source_key(file, now_ns=later + 4 * RACY_NS) != old
