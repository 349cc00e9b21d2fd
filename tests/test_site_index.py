"""Cross-brief work of a site build: every brief read once, cached by content hash."""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path

from generator import brief_file, glossary_page, render, site, site_index
from generator.config import load_config
from generator.glossary.linking import count_linkable_mentions, count_unlinked_mentions
from generator.markdown_scan import unlink_glossary

from conftest import REPO
from test_site import QUOTED, brief

NATO_BODY = (
    'The [NATO](glossary.md#nato "x") summit. NATO leaders met.\n\n'
    "Nothing about the alliance here.\n\n"
    "`[NATO](glossary.md#atlantis)` is code, not a link.\n"
)


def texts() -> dict[str, str]:
    """Three briefs as files: one quoting people, one linking a glossary term, one on its own."""
    pages = [
        brief("harbour", 3, speakers=[("Ana Lopez", "Mayor")], tags=["Portwick"], body=QUOTED + "\n\nHarbour ferry tolls and the pier.\n"),
        brief("summit", 2, tags=["NATO"], glossary=["nato"], body=NATO_BODY),
        brief("ferry", 1, tags=["Portwick"], body="Ferry tolls at the Portwick harbour pier were cut.\n"),
    ]
    return {page.name: page.text for page in pages}


def read_all(cache: site_index.BriefCache, pages: dict[str, str], config) -> list[site_index.BriefFacts]:
    cache.start_build()
    found = [cache.read(Path("briefs") / name, text, config, True) for name, text in pages.items()]
    return [facts for facts in found if facts is not None]


def test_index_matches_what_each_page_function_computes_on_its_own():
    config = load_config(REPO / "site_config")
    pages = texts()
    facts = read_all(site_index.BriefCache(), pages, config)
    index = site_index.index_site(facts, config, with_related=True)
    briefs = [brief_file.parse_page(text, Path("briefs") / name) for name, text in pages.items()]
    assert index.briefs == briefs
    assert index.people == site.collect_people(briefs, config.people)
    related = site.related_index(briefs)
    assert index.related == {b.name: related.related(b.name) for b in briefs}
    assert [r.name for r in index.related["harbour.md"]] == ["ferry.md"]
    triples = [(b.front_matter.title, b.name, b.body) for b in site.newest_first(briefs)]
    assert index.appearances == glossary_page.collect_appearances(triples, config.glossary, render.GLOSSARY_URL)
    assert index.appearances["nato"] == [("Summit", "summit.md", 2)]
    # QUOTED links a term the glossary does not have.
    assert len(index.problems) == 1 and "harbour.md:16: links glossary term 'money'" in index.problems[0]
    generated = site_index.generated_pages(index, config)
    assert {"index.md", "glossary.md", "people/index.md", "people/ana-lopez.md", "tags.md"} <= set(generated)
    assert "[Summit](<summit.md>): 2 mentions" in generated["glossary.md"]


def test_unchanged_brief_is_not_read_again_and_a_changed_one_is():
    config = load_config(REPO / "site_config")
    cache = site_index.BriefCache()
    pages = texts()
    first = {f.brief.name: f for f in read_all(cache, pages, config)}
    pages["ferry.md"] = pages["ferry.md"].replace("were cut", "were cut again")
    second = {f.brief.name: f for f in read_all(cache, pages, config)}
    assert second["harbour.md"] is first["harbour.md"] and second["summit.md"] is first["summit.md"]
    assert second["ferry.md"] is not first["ferry.md"] and "cut again" in second["ferry.md"].brief.body
    # A glossary edit changes links and mentions: every brief is read again.
    without_nato = tuple(term for term in config.glossary if term.slug != "nato")
    edited = dataclasses.replace(config, glossary=without_nato, glossary_fingerprint="without nato")
    third = {f.brief.name: f for f in read_all(cache, pages, edited)}
    assert all(third[name] is not second[name] for name in third)
    assert second["summit.md"].mentions == {"nato": 2} and second["summit.md"].problems == ()
    assert third["summit.md"].mentions == {} and "links glossary term 'nato'" in third["summit.md"].problems[0]


def test_broken_links_are_found_once_per_brief():
    config = load_config(REPO / "site_config")
    body = 'See [Atlantis](glossary.md#atlantis "A lost city") and [Ana Lopez](people/tom-reed.md).\n'
    [facts] = read_all(site_index.BriefCache(), {"a.md": brief("a", 1, body=body).text}, config)
    index = site_index.index_site([facts], config, with_related=False)
    assert index.problems == site.link_problems(facts.brief, config)
    assert len(index.problems) == 2 and index.related == {}


def test_link_check_shortcut_agrees_with_the_full_scan():
    config = load_config(REPO / "site_config")
    known = {t.slug for t in config.glossary}
    for body in (NATO_BODY, "[x](glossary.md#nato)", "[x](<glossary.md#atlantis>)", "[x](glossary.md#na\\to)", "no links"):
        page = brief("a", 1, body=body)
        unknown = [slug for slug in brief_file.linked_terms(body) if slug not in known]
        assert bool(unknown) == any("links glossary term" in p for p in site.link_problems(page, config)), body


def test_counting_only_linked_terms_gives_their_full_counts():
    config = load_config(REPO / "site_config")
    body = NATO_BODY + "\nRussia and NATO and the Kremlin.\n\nUkraine.\n"
    plain, _ = unlink_glossary(body, "glossary.md")
    full = count_linkable_mentions(body, config.glossary, "glossary.md")
    only = count_unlinked_mentions(plain, config.glossary, "glossary.md", ["nato", "ukraine"])
    assert only == {slug: full[slug] for slug in ("nato", "ukraine") if full[slug]}
    assert only["nato"] == 3


def test_link_between_pages_is_relative():
    for source, target in [("a.md", "b.md"), ("a.md", "people/x.md"), ("people/x.md", "a.md"), ("archive/2022-01.md", "archive/index.md"), ("a.md", "./b.md"), ("a.md", "x/../b.md")]:
        assert site.link(source, target) == posixpath.relpath(target, posixpath.dirname(source) or "."), (source, target)


def test_index_updated_from_the_previous_build_is_the_index_made_afresh():
    config = load_config(REPO / "site_config")
    cache = site_index.BriefCache()
    pages = texts()
    first = site_index.index_site(read_all(cache, pages, config), config, with_related=True)
    # The ferry brief now reads like the harbour one; the title shown in others' lists changes too.
    pages["ferry.md"] = pages["ferry.md"].replace("were cut.", "were cut. Ana Lopez spoke of the harbour ferry tolls and the pier.")
    pages["ferry.md"] = pages["ferry.md"].replace("title: Ferry\n", "title: Ferry tolls\n")
    facts = read_all(cache, pages, config)
    updated = site_index.index_site(facts, config, with_related=True, previous=first)
    afresh = site_index.index_site(facts, config, with_related=True)
    assert updated.related == afresh.related and updated.related["harbour.md"][0].name == "ferry.md"
    assert updated.related["harbour.md"][0].front_matter.title == "Ferry tolls"
    assert updated.related_lists is not None and updated.related_lists.index == afresh.related_lists.index


def pages_afresh(index: site_index.SiteIndex, config) -> dict[str, str]:
    """Every generated page rendered, none taken from an earlier call."""
    return site_index.generated_pages(index, config, memo=site_index.PageMemo())


def test_generated_pages_after_an_edit_are_the_pages_made_afresh():
    config = load_config(REPO / "site_config")
    cache = site_index.BriefCache()
    pages = texts()
    index = site_index.index_site(read_all(cache, pages, config), config, with_related=True)
    memo = site_index.PageMemo()  # as the plugin keeps it from one rebuild to the next
    first = site_index.generated_pages(index, config, memo)
    assert list(first.items()) == list(pages_afresh(index, config).items())
    assert first["people/ana-lopez.md"] == site.render_person_page(index.people[0]) and index.people[0].name == "Ana Lopez"
    assert first["index.md"] == site.render_home_pages(index.briefs)["index.md"]
    # A quote and a headline change: the person's page and the cards show the new text.
    pages["harbour.md"] = pages["harbour.md"].replace("We will build it", "We will build it soon").replace("title: Harbour\n", "title: Harbour works\n")
    index = site_index.index_site(read_all(cache, pages, config), config, with_related=True, previous=index)
    second = site_index.generated_pages(index, config, memo)
    assert list(second.items()) == list(pages_afresh(index, config).items())
    assert "We will build it soon" in second["people/ana-lopez.md"] and "Harbour works" in second["index.md"]
    assert second["people/ana-lopez.md"] != first["people/ana-lopez.md"]
