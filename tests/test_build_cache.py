"""`mkdocs build` with the page cache on disk (generator/page_cache.py, generator/page_store.py):
a build after a build reuses each unchanged page's Markdown render, search entries and page as
written, and its site is the site of a cold build (no cache), file by file, whatever changed in
between."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED, SEED_BRIEF, make_project, run_briefs
from test_plugin_cache import _differing
from test_site_build import HARBOUR_STORIES

PAGE_CACHE = Path(".cache") / "plugin" / "briefs-pages"
REUSED = re.compile(r"Pages reused from the cache: (\d+) renders, (\d+) search entries, (\d+) pages as written, of (\d+) pages")
CONVERTED = re.compile(r"Page cache: converting (\S+)")
# Pages the briefs plugin generates from every brief (home, archive, people, tags, glossary):
# a new, deleted or edited brief may change what they show.
GENERATED = re.compile(r"(index|glossary|tags)\.md|(page|archive|people)/.*")
FERRY_BRIEF = "harbour-board-approves-ferry-terminal.md"
# A hand-written page linking to a brief (with an anchor) and to a heading of its own.
DESK_PAGE = "desk/about.md"
DESK_TEXT = (
    "# About the desk\n\nWho writes the briefs. See [the ferry brief](../{brief}#harbour-board-approves-ferry-terminal)"
    " and [our method](#method).\n\n## Method\n\nEvery brief is checked by hand.\n"
)


def build(project: Path, site_dir: Path, *, cold: bool = False) -> tuple[subprocess.CompletedProcess[str], int, int]:
    """`mkdocs build --strict -v` of the project (after deleting every cache when cold): the run, and
    how many of its pages' renders came from the page cache, of how many pages."""
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-d", str(site_dir)],
        cwd=project, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    reused = REUSED.search(run.stderr)
    return run, int(reused.group(1)) if reused else 0, int(reused.group(4)) if reused else 0


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    folder = make_project(tmp_path / "project", (SEED, FIXTURES / "council_vote.txt"))
    for name, text in HARBOUR_STORIES.items():
        (folder / "seeds" / name).write_text(text, encoding="utf-8")
    generated = run_briefs("generate", cwd=folder)
    assert generated.returncode == 0, generated.stderr
    (folder / "briefs" / "desk").mkdir()
    (folder / "briefs" / DESK_PAGE).write_text(DESK_TEXT.format(brief=FERRY_BRIEF), encoding="utf-8")
    config = folder / "mkdocs.yml"
    text, count = re.subn(r"(?m)^  - Tags: tags\.md$", "  - Tags: tags.md\n  - desk/about.md", config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")
    return folder


def edit_text(project: Path) -> None:
    brief = project / "briefs" / SEED_BRIEF
    brief.write_text(brief.read_text(encoding="utf-8") + "\nAn editor's note: the ministry confirmed the figures.\n", encoding="utf-8")


def add_brief(project: Path) -> None:
    text = (project / "briefs" / SEED_BRIEF).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: Russia mulls Cuba deployment again", text, count=1)
    text = re.sub(r"(?m)^# .*$", "# Russia mulls Cuba deployment again", text, count=1)
    (project / "briefs" / "russia-mulls-cuba-deployment-again.md").write_text(text, encoding="utf-8")


def delete_brief(project: Path) -> None:
    (project / "briefs" / SEED_BRIEF).unlink()


def edit_extensions(project: Path) -> None:
    """Every heading's permalink changes: no render of the last build holds."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^      permalink: true$", '      permalink: "#"', config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")


def edit_theme(project: Path) -> None:
    """A theme override every page as written shows."""
    template = project / "site_config" / "overrides" / "main.html"
    text, count = re.subn(r"(?m)^  \{\{ super\(\) \}\}\n  <script ", "  {{ super() }}\n  <!-- desk edition -->\n  <script ", template.read_text(encoding="utf-8"))
    assert count == 1
    template.write_text(text, encoding="utf-8")


def edit_glossary(project: Path) -> None:
    """The glossary page shows the new definition; the pages as written are made again (they
    may show what site_config/ holds)."""
    glossary = project / "site_config" / "glossary.yml"
    text, count = re.subn(r"(?m)^(    definition: North Atlantic Treaty Organization.*) for collective defence\.$", r"\1 for the collective defence of its members.", glossary.read_text(encoding="utf-8"))
    assert count == 1
    glossary.write_text(text, encoding="utf-8")


def corrupt_cache(project: Path) -> None:
    """Every file of the page cache: half of it, then garbage."""
    for path in (project / PAGE_CACHE).iterdir():
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + b"\x80garbage")


# (change, which pages the cached build after it may convert again: None = every page)
CHANGES: tuple[tuple[Callable[[Path], None], tuple[str, ...] | None], ...] = (
    (lambda project: None, ()),
    # The brief, and generated pages that show its summary or quotes.
    (edit_text, (SEED_BRIEF,)),
    # The new brief and generated pages that list it: no other page links to it.
    (add_brief, ("russia-mulls-cuba-deployment-again.md",)),
    (delete_brief, ()),
    (edit_glossary, ()),
    (edit_extensions, None),
    (edit_theme, None),
    (corrupt_cache, None),
)


def test_a_cached_build_makes_the_site_of_a_cold_build(project: Path, tmp_path: Path) -> None:
    first, reused, pages = build(project, tmp_path / "first", cold=True)
    assert first.returncode == 0, first.stderr
    assert reused == 0 and (project / PAGE_CACHE).is_dir()
    for number, (change, may_convert) in enumerate(CHANGES):
        change(project)
        cached, reused, pages = build(project, tmp_path / f"cached-{number}")
        assert cached.returncode == 0, cached.stderr
        cold, _, _ = build(project, tmp_path / f"cold-{number}", cold=True)
        assert cold.returncode == 0, cold.stderr
        assert _differing(tmp_path / f"cached-{number}", tmp_path / f"cold-{number}") == [], f"change {number}"
        if number == 0:  # nothing changed: every page as written is the last build's
            assert REUSED.search(cached.stderr).groups() == (str(pages),) * 4, cached.stderr[-500:]
        converted = set(CONVERTED.findall(cached.stderr))
        assert len(converted) == pages - reused > 0 or number == 0, f"change {number}"
        if may_convert is None:
            assert reused == 0, f"change {number}: {reused} renders reused"
        else:
            others = {src_uri for src_uri in converted if not GENERATED.fullmatch(src_uri)}
            assert others <= set(may_convert) and reused > pages / 2, f"change {number}: {sorted(converted)} converted"
        # The cold build left the cache as a cached build does: the next change starts from it.


def test_a_link_broken_by_a_deleted_brief_fails_the_cached_strict_build_too(project: Path, tmp_path: Path) -> None:
    built, _, _ = build(project, tmp_path / "one", cold=True)
    assert built.returncode == 0, built.stderr
    (project / "briefs" / FERRY_BRIEF).unlink()
    # The desk page's Markdown is unchanged, but the brief it links to is gone: it is converted
    # again. The second time, every render (the desk page's with its warning) is the cache's.
    for attempt, every_render_reused in (("cached", False), ("cached again", True)):
        failed, reused, pages = build(project, tmp_path / attempt)
        assert failed.returncode != 0, attempt
        assert f"Doc file '{DESK_PAGE}' contains a link '../{FERRY_BRIEF}#" in failed.stderr, attempt
        assert (reused == pages) is every_render_reused and reused > 0, (attempt, reused, pages)
    cold, _, _ = build(project, tmp_path / "cold", cold=True)
    assert cold.returncode != 0 and f"Doc file '{DESK_PAGE}' contains a link" in cold.stderr


def test_the_page_cache_is_keyed_by_the_theme_chosen_on_the_command_line(tmp_path: Path) -> None:
    """`mkdocs build -t NAME` changes the theme without changing mkdocs.yml: pages rendered
    for one theme must not be reused for another (an installed theme's files are not read)."""
    from mkdocs.config import load_config

    from generator.page_cache import site_fingerprint

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Themes\ntheme:\n  name: mkdocs\n", encoding="utf-8")
    config_file = str(tmp_path / "mkdocs.yml")
    mkdocs_theme = site_fingerprint(load_config(config_file))
    assert site_fingerprint(load_config(config_file, theme="mkdocs")) == mkdocs_theme
    assert site_fingerprint(load_config(config_file, theme="readthedocs")) != mkdocs_theme


def test_a_mkdocs_yml_naming_the_plugin_by_its_earlier_name_still_caches(project: Path, tmp_path: Path) -> None:
    """`briefs-serve-cache` was the plugin's name before it cached `mkdocs build` too: a
    mkdocs.yml that still says so builds with the cache, and the build says the new name."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^  - briefs-page-cache:$", "  - briefs-serve-cache:", config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")
    cold, _, _ = build(project, tmp_path / "cold", cold=True)
    assert cold.returncode == 0, cold.stderr
    assert "names this plugin briefs-serve-cache, its earlier name: it is now briefs-page-cache" in cold.stderr
    cached, reused, pages = build(project, tmp_path / "cached")
    assert cached.returncode == 0, cached.stderr
    assert reused == pages > 0
    assert not _differing(tmp_path / "cold", tmp_path / "cached")
