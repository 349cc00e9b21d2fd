"""The real MkDocs build of the generated briefs, with --strict."""

from __future__ import annotations

import json
import re
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


def test_reading_time_is_shown_but_not_searched(built_site: Path):
    page = (built_site / SEED_PAGE).read_text(encoding="utf-8")
    assert re.search(r"\d+ min read · added \d+ \w+ \d{4}</span>", page)
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    brief = [doc for doc in index["docs"] if doc["location"].startswith(SEED_PAGE.removesuffix("index.html"))]
    assert brief and "Russia" in brief[0]["text"]
    assert [doc["location"] for doc in index["docs"] if "min read" in doc["text"] or "added " in doc["text"]] == []


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


HARBOUR_STORIES = {
    "harbour-ferry.txt": (
        "Harbour board approves ferry terminal\n\n"
        "The Portwick harbour board approved the new ferry terminal on Tuesday after a long debate about pier tolls.\n\n"
        "Board chair Mara Quell said the terminal would bring more ferries to Portwick and lower the tolls for fishermen.\n"
    ),
    "harbour-tolls.txt": (
        "Fishermen protest Portwick pier tolls\n\n"
        "Fishermen in Portwick protested against pier tolls outside the harbour board offices on Friday.\n\n"
        "Mara Quell, who chairs the harbour board, said the new ferry terminal would let the board cut the tolls.\n"
    ),
    "orchestra.txt": (
        "Orchestra plays new symphony\n\n"
        "The city orchestra gave the first performance of a symphony by a young composer to a full concert hall.\n\n"
        "Critics praised the violins and the slow movement, and the conductor thanked the audience.\n"
    ),
}


def test_related_briefs_list_the_close_story_and_can_be_turned_off(tmp_path: Path):
    project = make_project(tmp_path)
    for name, text in HARBOUR_STORIES.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    assert run_briefs("generate", cwd=project).returncode == 0
    page = "harbour-board-approves-ferry-terminal/index.html"
    built = build_site(project, tmp_path / "on")
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "on" / page).read_text(encoding="utf-8")
    related = html.split('<h2 id="related-briefs"', 1)[1]
    assert "Fishermen protest Portwick pier tolls" in related
    assert '<a href="../fishermen-protest-portwick-pier-tolls/">' in related
    # The section is in the page's table of contents, as a heading written in Markdown would be.
    assert '<a href="#related-briefs" class="md-nav__link">' in html.split('<h2 id="related-briefs"', 1)[0]
    assert "Orchestra plays new symphony" not in related
    # The list is other briefs' headlines: Material's search finds them on their own pages only
    # ("protest" is in the pier story's headline, not in the ferry story).
    documents = json.loads((tmp_path / "on" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    ferry = [d for d in documents if d["location"].startswith("harbour-board-approves-ferry-terminal/")]
    pier = [d for d in documents if d["location"].startswith("fishermen-protest-portwick-pier-tolls/")]
    assert ferry and pier
    assert not [d for d in ferry if "protest" in (d["title"] + d["text"]).lower() or d["title"] == "Related briefs"], ferry
    assert [d for d in pier if "protest" in (d["title"] + d["text"]).lower()]
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("related_briefs: true", "related_briefs: false"), encoding="utf-8")
    built = build_site(project, tmp_path / "off")
    assert built.returncode == 0, built.stderr
    assert "Related briefs" not in (tmp_path / "off" / page).read_text(encoding="utf-8")


def test_build_logs_nothing_per_brief(tmp_path: Path):
    project = make_project(tmp_path)
    for name, text in HARBOUR_STORIES.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    assert run_briefs("generate", cwd=project).returncode == 0
    briefs = sorted(p.stem for p in (project / "briefs").glob("*.md"))
    assert len(briefs) >= 4
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    log = built.stdout + built.stderr
    assert "not included in the" not in log
    for stem in briefs:
        assert stem not in log, stem
    assert "people/" not in log and "archive/" not in log


def test_rebuild_under_serve_reads_again_only_the_edited_brief(tmp_path: Path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = make_project(tmp_path)
    for name, text in HARBOUR_STORIES.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    assert run_briefs("generate", cwd=project).returncode == 0

    def rebuild():  # what `mkdocs serve` does on a change: the config is loaded again, the plugin kept
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        return config.plugins["briefs"]

    first = rebuild()
    before = dict(first.build.index.facts)
    edited = project / "briefs" / "orchestra-plays-new-symphony.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe encore was a waltz.\n", encoding="utf-8")
    second = rebuild()
    assert second is first
    after = second.build.index.facts
    assert set(after) == set(before)
    assert [name for name in after if after[name] is not before[name]] == [edited.name]
    html = (tmp_path / "site" / "orchestra-plays-new-symphony" / "index.html").read_text(encoding="utf-8")
    assert "The encore was a waltz." in html
