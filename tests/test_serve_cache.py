"""An edit under `mkdocs serve` with the page cache (generator/serve_cache.py): the served site
after the rebuild is the site a fresh `mkdocs build` makes, page for page and search entry for
search entry, and most pages came from the cache."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED, SEED_BRIEF, make_project, run_briefs
from test_serve import REBUILD_SECONDS, STARTUP_SECONDS, free_port, start_serve, wait_for

ARTICLES = (SEED, FIXTURES / "council_vote.txt", FIXTURES / "hostile_markup.txt", FIXTURES / "budget_blog.htm")
EDIT = "An editor's note: the ministry confirmed the figures on Friday."
# What `mkdocs serve` adds to every HTML page it serves.
LIVERELOAD_SCRIPT = re.compile(r"<script>\s*var livereload = function.*?</script>", re.DOTALL)
REUSED = re.compile(r"reused: (\d+) of (\d+)")


def wait_for_line(lines: queue.Queue[str], pattern: re.Pattern[str], seconds: float) -> re.Match[str] | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if match := pattern.search(lines.get(timeout=0.5)):
                return match
        except queue.Empty:
            continue
    return None


def fetch(url: str) -> str:
    return urllib.request.urlopen(url, timeout=30).read().decode("utf-8")


def html_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site).as_posix()) for p in site.rglob("*.html"))


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    folder = make_project(tmp_path / "project", ARTICLES)
    generated = run_briefs("generate", cwd=folder)
    assert generated.returncode == 0, generated.stderr
    return folder


def test_edit_under_serve_matches_a_full_build(project: Path, tmp_path: Path) -> None:
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEWSBRIEFS_SITE_URL": address}
    server, lines = start_serve(project, port, environment)
    try:
        assert wait_for(lines, "Serving on", STARTUP_SECONDS), "mkdocs serve did not start"
        brief = project / "briefs" / SEED_BRIEF
        brief_url = address + SEED_BRIEF.removesuffix(".md") + "/"
        assert EDIT not in fetch(brief_url)
        brief.write_text(brief.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")
        reused = wait_for_line(lines, REUSED, REBUILD_SECONDS)
        assert reused, "the rebuild after the edit reused no page"
        assert 0 < int(reused.group(1)) < int(reused.group(2))
        assert wait_for(lines, "Reloading browsers", REBUILD_SECONDS), "no rebuild after the edit"

        reference = tmp_path / "reference"
        built = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-d", str(reference)],
            cwd=project, env=environment, capture_output=True, text=True, timeout=300,
        )
        assert built.returncode == 0, built.stderr
        served_page = LIVERELOAD_SCRIPT.sub("", fetch(brief_url))
        assert EDIT.replace("'", "&#x27;") in served_page or EDIT in served_page
        pages = html_pages(reference)
        assert len(pages) > len(ARTICLES)
        for page in pages:
            served = LIVERELOAD_SCRIPT.sub("", fetch(address + page))
            assert served == (reference / page).read_text(encoding="utf-8"), f"{page} differs from a full build"

        index = json.loads(fetch(address + "search/search_index.json"))
        assert index == json.loads((reference / "search" / "search_index.json").read_text(encoding="utf-8"))
        brief_entries = [d for d in index["docs"] if d["location"].startswith(SEED_BRIEF.removesuffix(".md") + "/")]
        assert any("the ministry confirmed the figures on Friday" in d["text"] for d in brief_entries)
        for path in (project / "briefs").glob("*.md"):
            assert any(d["location"].startswith(path.stem + "/") for d in index["docs"]), f"{path.name} missing from search"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_source_is_keyed_by_its_file_times_unless_it_just_changed(tmp_path: Path) -> None:
    from mkdocs.structure.files import File

    from generator.serve_cache import RACY_NS, source_key

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
