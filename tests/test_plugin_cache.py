"""The briefs plugin's cache on disk: kept between builds, ignored when written by other code."""

from __future__ import annotations

from pathlib import Path

from generator.plugin import cache

from conftest import build_site, make_project, run_briefs


def test_saved_state_is_read_back_by_the_same_code_only(tmp_path: Path):
    cache.save(tmp_path / "c", "code-1", {"facts": {("a.md", "h"): None}})
    assert cache.load(tmp_path / "c", "code-1") == {"facts": {("a.md", "h"): None}}
    assert cache.load(tmp_path / "c", "code-2") is None
    assert cache.load(tmp_path / "missing", "code-1") is None
    (tmp_path / "c" / cache.CACHE_FILE).write_bytes(b"not a pickle")
    assert cache.load(tmp_path / "c", "code-1") is None
    assert [p.name for p in (tmp_path / "c").iterdir()] == [cache.CACHE_FILE]  # no temporary file left


def test_code_fingerprint_follows_the_generator_files():
    assert cache.code_fingerprint() == cache.code_fingerprint()
    assert len(cache.code_fingerprint()) == 64


def test_build_after_a_build_uses_the_cache_and_sees_an_edit(tmp_path: Path):
    project = make_project(tmp_path)
    assert run_briefs("generate", cwd=project).returncode == 0
    [brief] = (project / "briefs").glob("*.md")
    first = build_site(project, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    saved = project / ".cache" / "plugin" / "briefs" / cache.CACHE_FILE
    assert saved.is_file()
    brief.write_text(brief.read_text(encoding="utf-8") + "\nAn editor's closing line.\n", encoding="utf-8")
    second = build_site(project, tmp_path / "two")
    assert second.returncode == 0, second.stderr
    page = tmp_path / "two" / brief.stem / "index.html"
    assert "closing line." in page.read_text(encoding="utf-8")
    # A broken link is reported from the cache as from a fresh read: the strict build still fails.
    brief.write_text(brief.read_text(encoding="utf-8") + '\nSee [Atlantis](glossary.md#atlantis "A lost city").\n', encoding="utf-8")
    assert build_site(project, tmp_path / "three").returncode != 0
    failed_again = build_site(project, tmp_path / "four")
    assert failed_again.returncode != 0 and "atlantis" in failed_again.stderr
