"""The work a site build does across briefs, once per build.

Each brief is read once into BriefFacts: its people and statements, the glossary
terms it links with their mentions, its link problems and its related-briefs
features. BriefCache keeps the facts by content hash, so a rebuild in the same
process (`mkdocs serve`) reads only the briefs that changed. `index_site` then
derives what needs every brief at once (the people pages, related briefs,
glossary appearances) from the facts, and `generated_pages` renders the pages the
plugin adds. Given the index of the build before, `index_site` updates the related
briefs rather than ranking every brief again: after an edit to one brief, only the
lists that edit can change are computed (generator/related.py, `related_lists`). Pure functions over BriefFile values: the MkDocs plugin hands in the
docs' texts and adds what comes back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import brief_file, glossary_page, related, render, site
from generator.brief_file import BriefFile
from generator.config import SiteConfig
from generator.fingerprint import content_hash


@dataclass(frozen=True)
class BriefFacts:
    """What one reading of a brief finds: everything cross-brief work needs from it."""

    brief: BriefFile
    people: site.BriefPeople
    mentions: dict[str, int]  # glossary slug the body links -> mentions (glossary_page.linked_term_mentions)
    problems: tuple[str, ...]  # broken glossary and person links, as `briefs check` reports them
    features: Counter[str]  # related-briefs features (site.related_features); empty when related is off


def read_facts(brief: BriefFile, config: SiteConfig, with_related: bool) -> BriefFacts:
    """The facts of one brief: its body is scanned for links and mentions once, here."""
    people = site.brief_people(brief)
    return BriefFacts(
        brief,
        people,
        glossary_page.linked_term_mentions(brief.body, config.glossary, render.GLOSSARY_URL),
        tuple(site.link_problems(brief, config, people=people)),
        site.related_features(brief) if with_related else Counter(),
    )


class BriefCache:
    """Briefs and their facts by content hash, kept from one build to the next.

    Call `start_build` before reading a build's pages: what the build before read and
    this one does not (a deleted or changed brief) is dropped with it, so the cache
    holds at most two builds' briefs, and one between builds.
    """

    def __init__(self) -> None:
        self._previous: dict[tuple[str, ...], BriefFacts | None] = {}
        self._current: dict[tuple[str, ...], BriefFacts | None] = {}

    def start_build(self) -> None:
        self._previous, self._current = self._current, {}

    @property
    def entries(self) -> dict[tuple[str, ...], BriefFacts | None]:
        """What the current build read, by key: to keep, and `restore` in another process."""
        return self._current

    def restore(self, entries: dict[tuple[str, ...], BriefFacts | None]) -> None:
        """Start from what an earlier build read (its `entries`)."""
        self._current = dict(entries)

    def holds(self, path: Path, digest: str, config: SiteConfig, with_related: bool) -> bool:
        """Whether the facts of the text with this content_hash at `path` are kept (`read` needs no text)."""
        key = _facts_key(path, digest, config, with_related)
        return key in self._current or key in self._previous

    def read(
        self,
        path: Path,
        text: str,
        config: SiteConfig,
        with_related: bool,
        digest: str | None = None,
        metas: dict[Path, dict[str, Any]] | None = None,
    ) -> BriefFacts | None:
        """The facts of the page at `path` (as `briefs check` names it), or None when it is no
        brief; a brief with broken front matter raises BriefError naming file and line.
        `digest` is the text's content_hash when the caller has it. Given `metas`, a brief
        parsed here (not found in the cache) leaves its front matter there as the mapping
        yaml.load makes of it (brief_file.parse_page_and_meta), when it could be built so."""
        # The glossary decides links and mentions; people.yml is applied later, across briefs.
        key = _facts_key(path, digest or content_hash(text), config, with_related)
        if key in self._current:
            return self._current[key]
        if key in self._previous:
            facts = self._previous.pop(key)
        else:
            brief, meta = brief_file.parse_page_and_meta(text, path)
            if metas is not None and meta is not None:
                metas[path] = meta
            facts = None if brief is None else read_facts(brief, config, with_related)
        self._current[key] = facts
        return facts


def _facts_key(path: Path, digest: str, config: SiteConfig, with_related: bool) -> tuple[str, ...]:
    return (str(path), digest, config.glossary_fingerprint, str(with_related))


@dataclass(frozen=True)
class SiteIndex:
    """Everything computed across the briefs of one build."""

    facts: dict[str, BriefFacts]  # by file name
    people: list[site.PersonSummary]
    related: dict[str, list[BriefFile]]  # file name -> its related briefs, best first
    appearances: dict[str, list[glossary_page.Appearance]]  # glossary slug -> briefs linking it
    # What the next `index_site` updates the related briefs from; None without related briefs.
    related_lists: related.RelatedLists | None = None

    @property
    def briefs(self) -> list[BriefFile]:
        return [facts.brief for facts in self.facts.values()]

    @property
    def problems(self) -> list[str]:
        """Every brief's broken links, in the order of the docs."""
        return [problem for facts in self.facts.values() for problem in facts.problems]


def index_site(
    facts: list[BriefFacts], config: SiteConfig, with_related: bool, previous: SiteIndex | None = None, for_updates: bool = True
) -> SiteIndex:
    """People, related briefs and glossary appearances of a site, each computed once.

    `previous` is the index of an earlier build of the same site (kept in memory under
    `mkdocs serve`): the related briefs are then updated from it, and come out exactly as
    computed afresh. Without `for_updates`, no later index will be updated from this one
    (related.related_lists keeps less).
    """
    by_name = {f.brief.name: f for f in facts}
    briefs = [f.brief for f in facts]
    read = {name: f.people for name, f in by_name.items()}
    related_briefs: dict[str, list[BriefFile]] = {}
    lists = None
    if with_related:
        earlier = previous.related_lists if previous is not None else None
        features = {name: f.features for name, f in by_name.items()}
        lists = related.related_lists([site.related_input(b) for b in briefs], features, earlier, for_updates)
        related_briefs = {brief.name: [by_name[key].brief for key in lists.related(brief.name)] for brief in briefs}
    appearances = glossary_page.appearances_from(
        (b.front_matter.title, b.name, by_name[b.name].mentions) for b in site.newest_first(briefs)
    )
    people = site.collect_people(briefs, config.people, read)
    return SiteIndex(by_name, people, related_briefs, appearances, lists)


def generated_pages(index: SiteIndex, config: SiteConfig, memo: PageMemo | None = None) -> dict[str, str]:
    """docs path -> Markdown of every page the site makes from the briefs: home and its
    pages, archive, glossary, people (one page each, and pages for merged names), tags.
    The card pages and person pages of the call before are reused when what they show is
    unchanged (`memo`: without one, every page is rendered)."""
    memo = PageMemo() if memo is None else memo
    briefs = index.briefs
    read = {name: f.people for name, f in index.facts.items()}
    return {
        **memo.card_pages(briefs),
        render.GLOSSARY_URL: glossary_page.render_glossary_page(config.glossary, index.appearances),
        site.PEOPLE_INDEX: site.render_people_index(index.people),
        site.TAGS_PAGE: site.render_tags_page(),
        **site.render_alias_pages(briefs, index.people, read),
        **memo.person_pages(index.people),
    }


class PageMemo:
    """The costliest generated pages of the last call, by all they are made from.

    A rebuild after an edit to one brief (`mkdocs serve`) would otherwise render the
    home, archive and person pages of thousands of briefs again, to the same text. The
    home and archive pages show only each brief's name and front matter; a person page
    only that person. Pages are kept for one call: memory stays that of one site.
    """

    def __init__(self) -> None:
        self.cards: list[tuple[str, brief_file.FrontMatter]] = []
        self.card_markdown: dict[str, str] = {}
        self.people: dict[site.PersonSummary, str] = {}

    def card_pages(self, briefs: list[BriefFile]) -> dict[str, str]:
        cards = [(brief.name, brief.front_matter) for brief in briefs]
        if cards != self.cards:
            self.cards, self.card_markdown = cards, {**site.render_home_pages(briefs), **site.render_archive(briefs)}
        return self.card_markdown

    def person_pages(self, people: list[site.PersonSummary]) -> dict[str, str]:
        before, self.people = self.people, {}
        for person in people:
            markdown = before.get(person)
            self.people[person] = markdown if markdown is not None else site.render_person_page(person)
        return {person.page: markdown for person, markdown in self.people.items()}
