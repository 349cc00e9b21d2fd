"""The real MkDocs build of the generated briefs, with --strict."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site, make_project, run_briefs

SEED_PAGE = "russia-mulls-cuba-venezuela-deployment/index.html"


def test_strict_build_has_the_generated_pages(built_site: Path):
    for page in (SEED_PAGE, "index.html", "glossary/index.html", "people/index.html", "tags/index.html"):
        assert (built_site / page).is_file(), page
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Russia mulls Cuba, Venezuela deployment" in home


def test_no_boilerplate_anywhere_in_the_site(built_site: Path):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "min read</p>" not in text or "3 min read" in text, page
        assert "suspending article commenting" not in text, page
        assert "Our goal is to create a safe" not in text, page


def test_no_external_fonts_or_scripts(built_site: Path):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page
        assert '<script src="http' not in text, page


def test_broken_glossary_link_fails_the_strict_build(tmp_path: Path):
    project = make_project(tmp_path)
    assert run_briefs("generate", cwd=project).returncode == 0
    [brief] = (project / "briefs").glob("*.md")
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text + '\nSee [Atlantis](glossary.md#atlantis "A lost city").\n', encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "atlantis" in result.stderr


def test_rss_feed_lists_the_brief(built_site: Path):
    feed = (built_site / "feed_rss_created.xml").read_text(encoding="utf-8")
    assert "Russia mulls Cuba, Venezuela deployment" in feed
    assert "glossary" not in feed.split("<item>", 1)[-1].split("<link>")[1].split("</link>")[0]
