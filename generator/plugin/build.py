"""The briefs of one build (or one rebuild under `mkdocs serve`) and what the plugin adds from them.

BriefsBuild is to the briefs plugin what the mapping and listing managers are to
Material's tags plugin: the handlers hand it MkDocs' objects and it does the work,
through generator.site_index (every brief read once, cached by content hash; the
cross-brief work once per build).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from generator import escaping, site_layout
from generator.config import SiteConfig
from generator.errors import BriefError
from generator.fingerprint import content_hash, settled_file_key
from generator.plugin import cache as disk_cache

if TYPE_CHECKING:  # generator.site_index is loaded when briefs are read (BriefsBuild._index)
    from generator.site_index import BriefCache, BriefFacts, PageMemo, SiteIndex

log = logging.getLogger("mkdocs.plugins.briefs")
# Read by the rss plugin (mkdocs.yml: date_from_meta.as_creation).
FEED_DATE_KEY = "feed_date"
GENERATED_BY = "briefs"  # File.generated_by of the pages the plugin adds


@dataclass(frozen=True)
class PageAdditions:
    """What the plugin adds to one brief's page: all that the page hooks need of the site index."""

    description: str | None  # the first summary sentence, for a page whose front matter has no description
    feed_date: dt.date | None  # publication when known, else the day the brief was added
    related: tuple[tuple[str, str], ...]  # (headline, file name) of its related briefs, best first


_Result = TypeVar("_Result")


def _without_cycle_collection(method: Callable[..., _Result]) -> Callable[..., _Result]:
    """Runs `method` with Python's cycle collector paused. Reading thousands of briefs makes
    millions of objects that are freed by reference counting (facts, nodes, counters), yet
    every few thousand allocations the collector walks them all: over half a second at
    5,000 briefs. It runs again as usual once the method returns, and finds any cycle then."""

    @functools.wraps(method)
    def paused(*args: object, **kwargs: object) -> _Result:
        if not gc.isenabled():
            return method(*args, **kwargs)
        gc.disable()
        try:
            return method(*args, **kwargs)
        finally:
            gc.enable()

    return paused


class BriefsBuild:
    """Reads the briefs from MkDocs' files, adds the generated pages, and says what each page gets."""

    def __init__(self, site_config: SiteConfig, with_related: bool, cache_dir: Path | None = None, under_serve: bool = False) -> None:
        self.site_config = site_config
        self.with_related = with_related
        # Under `mkdocs serve` rebuilds follow in this process: the index is kept for them to
        # update, and files are compared by their times. Under `mkdocs build` none does: the front
        # matter read is handed to MkDocs (hand_over_source) and kept on disk for the next build.
        self.under_serve = under_serve
        # Made when briefs are first read, with generator.site_index and all that reading briefs
        # takes (brief_file, related, the glossary matcher...): a build whose pages all come
        # from the cache on disk loads none of it.
        self.cache: BriefCache | None = None  # every brief read, by content hash
        self.index: SiteIndex | None = None  # the last site index (under serve, what the next one updates)
        # The generated pages of the last index, reused under serve where what they show is unchanged.
        self.memo: PageMemo | None = None
        self.pages: dict[str, PageAdditions] = {}  # by file name
        self.problems: list[str] = []
        self.generated: dict[str, str] = {}
        self.sources: dict[str, PageSource] = {}  # by src_uri: briefs whose front matter MkDocs takes (hand_over_source)
        # Under serve: src_uri -> (settled_file_key, content hash) of each page's text as last read, so
        # that a rebuild reads only the pages whose file changed.
        self.settled_digests: dict[str, tuple[str, str]] = {}
        # The key of what the attributes above were made from: the briefs' names and content
        # hashes, and the configuration.
        self.site_key = ""
        self.cache_dir = cache_dir
        self.code = disk_cache.code_fingerprint() if cache_dir else ""
        self.saved_key = ""  # the site_key of the cache on disk
        self.saved_facts: dict[str, str] = {}  # the digest of each shard of facts on disk (cache.save_facts)
        # Every brief's facts stay on disk until a change needs them (see cache.py).
        self.facts_on_disk = cache_dir is not None
        if cache_dir and (state := disk_cache.load(cache_dir, self.code)) is not None:
            self.site_key, self.pages, self.problems, self.generated, self.saved_facts = state
            self.saved_key = self.site_key

    @_without_cycle_collection
    def read_files(self, files: Files, config: MkDocsConfig) -> None:
        """Read every brief of docs_dir, compute people, related briefs and glossary
        appearances, and log each broken link: a warning, so `mkdocs build --strict` fails
        as `briefs check` does. When no brief and nothing in the configuration changed
        since the last build, nothing is read or computed again; otherwise only the
        changed briefs are parsed and scanned. Under `mkdocs build`, the front matter of
        each brief is kept for MkDocs (`hand_over_source`): from this reading, or for a brief
        not read again, from the cache on disk; and the related lists are kept without what an
        update starts from. Under `mkdocs serve`, the site index is made even when the cache on
        disk holds this site's pages, so that the first edit updates it instead of ranking
        every brief; and a brief whose file is as when it was last read (settled_file_key) is
        not read again."""
        project = Path(config.config_file_path or ".").parent.resolve()
        docs = Path(config.docs_dir).resolve()
        pages: list[_Page] = []
        read_before, self.settled_digests = self.settled_digests, {}
        for file in files.documentation_pages():
            # Briefs sit at the top of docs_dir; the home page is the plugin's.
            if "/" in file.src_uri or file.src_uri == site_layout.HOME_PAGE:
                continue
            path = docs / file.src_uri
            # Named as `briefs check` names it: relative to the folder of mkdocs.yml.
            path = path.relative_to(project) if path.is_relative_to(project) else path
            settled = settled_file_key(file.abs_src_path) if self.under_serve and file.abs_src_path else None
            if settled is not None and (before := read_before.get(file.src_uri)) is not None and before[0] == settled:
                page = _Page(file.src_uri, path, file, before[1])
            else:
                page = _Page.read(file, path)
            pages.append(page)
            if settled is not None:
                self.settled_digests[file.src_uri] = (settled, page.digest)
        settings = self.site_config
        keys = [settings.fingerprint, settings.glossary_fingerprint, settings.search, str(self.with_related)]
        site_key = content_hash("\n".join([*keys, *(f"{page.path}\0{page.digest}" for page in pages)]))
        self.sources = {}
        # A brief or the configuration changed since the pages were made, or the pages came
        # from the disk cache without the index a rebuild under serve updates.
        if site_key != self.site_key or (self.under_serve and self.facts_on_disk):
            self._index(pages)
            self.site_key = site_key
        if not self.under_serve:
            self._keep_saved_sources(pages)
        for problem in self.problems:
            log.warning(problem)

    def _index(self, pages: list[_Page]) -> None:
        from generator import site_index

        if self.cache is None or self.memo is None:
            self.cache, self.memo = site_index.BriefCache(), site_index.PageMemo()
        if self.facts_on_disk:
            self.facts_on_disk = False
            self.cache.restore(disk_cache.load_facts(self.cache_dir, self.code))
        self.cache.start_build()
        found: list[BriefFacts] = []
        metas: dict[Path, dict] | None = None if self.under_serve else {}
        for page in pages:
            if page.text is None and not self.cache.holds(page.path, page.digest, self.site_config, self.with_related):
                page = _Page.read(page.file, page.path)  # a page not read this time whose facts are not kept
            try:
                facts = self.cache.read(page.path, page.text or "", self.site_config, self.with_related, page.digest, metas)
            except BriefError as err:
                # One line naming file and line, as `briefs check` prints it; no traceback.
                raise PluginError(str(err)) from err
            if facts is not None:
                found.append(facts)
                if metas is not None and (meta := metas.pop(page.path, None)) is not None:
                    assert page.text is not None  # parsed here, so read
                    body_start = len(page.text) - len(facts.brief.body)
                    self.sources[page.src_uri] = PageSource(page.digest, body_start, meta)
        # Under serve the index of the last rebuild is still here: the related lists are updated
        # from it, not ranked again (after release_facts there is none and all are ranked).
        self.index = site_index.index_site(found, self.site_config, self.with_related, self.index, for_updates=self.under_serve)
        self.generated = site_index.generated_pages(self.index, self.site_config, self.memo)
        self.problems = self.index.problems
        self.pages = {name: _page_additions(facts, self.index) for name, facts in self.index.facts.items()}

    def _keep_saved_sources(self, pages: list[_Page]) -> None:
        """The front matter of each brief this build did not parse, as the build that parsed it
        saved it (cache.SOURCES_FILE), when the brief's text is the one it was read from."""
        # Only briefs: a page that is none (an about.md) is read by MkDocs as ever.
        missing = [page for page in pages if page.src_uri in self.pages and page.src_uri not in self.sources]
        saved = disk_cache.load(self.cache_dir, self.code, disk_cache.SOURCES_FILE) if missing and self.cache_dir else None
        for page in missing:
            if isinstance(saved, dict) and (source := saved.get(page.src_uri)) is not None and source.digest == page.digest:
                self.sources[page.src_uri] = source

    def hand_over_source(self, page: Page) -> None:
        """Let MkDocs take the front matter of a brief read by `read_files` rather than parse it
        again: the page reads its file as ever and, when the text is the one read, gets the
        Markdown and meta that MkDocs' own Page.read_source (mkdocs.utils.meta.get_data)
        would make of it. Call it before the page is read, when no plugin changes sources."""
        source = self.sources.pop(page.file.src_uri, None)
        # Another plugin may read this page its own way already (the page cache does).
        if source is not None and "read_source" not in vars(page):
            page.read_source = functools.partial(_read_source, page, source)  # type: ignore[method-assign]

    @_without_cycle_collection
    def save_cache(self) -> None:
        """Keep what this build computed in cache_dir for the next build, unless it is there:
        of the briefs' facts, only the shards holding a brief that changed."""
        if self.cache_dir is None or self.saved_key == self.site_key:
            return
        # The site changed since the cache was written, so this build read its briefs (_index).
        assert self.cache is not None
        # The facts go first: a site file always names shards that are on disk.
        self.saved_facts = disk_cache.save_facts(self.cache_dir, self.code, self.cache.entries, self.saved_facts)
        state = (self.site_key, self.pages, self.problems, self.generated, self.saved_facts)
        if not self.under_serve:  # under serve none are kept: the file of the last build stays
            disk_cache.save(self.cache_dir, self.code, self.sources, disk_cache.SOURCES_FILE)
        disk_cache.save(self.cache_dir, self.code, state)
        self.saved_key = self.site_key

    def release_facts(self) -> None:
        """Let every brief's facts and the site index go once the pages' additions are made
        (a build that is not followed by another in the same process), so the memory they
        take is free for MkDocs' pages; read from the cache on disk again if needed."""
        self.cache = self.index = None
        self.memo = None  # it holds the briefs of the people pages, and their text
        self.facts_on_disk = self.cache_dir is not None

    def add_generated_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Home, archive, glossary, people and tags pages, unless docs_dir has a page of that name."""
        for src_uri, content in self.generated.items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))
        return files

    def page_meta(self, page: Page) -> dict:
        """Front matter values as the theme and the feeds print them, and the feed date of a brief."""
        additions = self.pages.get(page.file.src_uri)
        # The first summary sentence is the description shown by search engines and link previews.
        meta = escaping.printed_meta(page.meta, additions.description if additions else None)
        if additions and additions.feed_date:
            meta[FEED_DATE_KEY] = additions.feed_date
        return meta

    def printed_title(self, page: Page) -> dict:
        """The page title as the theme prints it, HTML: once the feeds have read it as text."""
        title = page.meta.get("title")
        return {} if title is None else {"title": escaping.page_text_html(title)}

    def page_content(self, html: str, page: Page, files: Files) -> str:
        """A brief's HTML with its related briefs after it, and the section in its table of
        contents; other pages as they are."""
        additions = self.pages.get(page.file.src_uri)
        links = [
            (title, get_relative_url(file.url, page.url))
            for title, name in (additions.related if additions else ())
            if (file := files.src_uris.get(name)) is not None  # a brief's name is its src_uri
        ]
        if not links:
            return html
        anchor = _unused_anchor(page.toc, site_layout.RELATED_ANCHOR)
        _add_to_toc(page.toc, AnchorLink(site_layout.RELATED_HEADING, anchor, 2))
        return html + site_layout.render_related_html(links, anchor)


@dataclass(frozen=True)
class _Page:
    """A docs page that may be a brief, as `read_files` reads it."""

    src_uri: str
    path: Path  # as `briefs check` names the file
    file: File
    digest: str  # content_hash of its text
    text: str | None = None  # None: not read this time (its file is as when it was last read)

    @classmethod
    def read(cls, file: File, path: Path) -> _Page:
        text = file.content_string
        return cls(file.src_uri, path, file, content_hash(text), text)


@dataclass(frozen=True)
class PageSource:
    """What MkDocs' Page.read_source makes of a brief, from the plugin's reading of it."""

    digest: str  # content_hash of the text it was read from
    body_start: int  # where the Markdown starts, after the front matter's closing fence
    meta: dict  # the front matter as yaml.load makes it with MkDocs' loader (brief_file.parse_page_and_meta)


def _read_source(page: Page, source: PageSource, config: MkDocsConfig) -> None:
    """Page.read_source for a brief whose front matter was read: the same Markdown and meta
    as mkdocs.utils.meta.get_data makes of the same text (the YAML's closing fence, then the
    rest without its leading blank lines). A file that changed since is read by MkDocs."""
    try:
        text = page.file.content_string
    except (OSError, ValueError):
        text = None  # MkDocs reports it, as it would
    if text is None or content_hash(text) != source.digest:
        type(page).read_source(page, config)
        return
    page.markdown, page.meta = text[source.body_start :].lstrip("\n"), source.meta


def _page_additions(facts: BriefFacts, index: SiteIndex) -> PageAdditions:
    front = facts.brief.front_matter
    return PageAdditions(
        front.summary[0] if front.summary else None,
        # The feeds' item date: publication when known, else the day the brief was added
        # (when it entered the feed), never a date made up as the publication date.
        front.date or front.added,
        tuple((brief.front_matter.title, brief.name) for brief in index.related.get(facts.brief.name, ())),
    )


def _anchors(items: list[AnchorLink]) -> set[str]:
    return {item.id for item in items} | {anchor for item in items for anchor in _anchors(item.children)}


def _unused_anchor(toc: TableOfContents, anchor: str) -> str:
    """`anchor`, or with the suffix Markdown's toc extension would give it when a heading has it."""
    taken = _anchors(list(toc))
    number = 0
    unique = anchor
    while unique in taken:
        number += 1
        unique = f"{anchor}_{number}"
    return unique


def _add_to_toc(toc: TableOfContents, entry: AnchorLink) -> None:
    """A level-2 entry goes under the page's title, as the brief's other sections do."""
    items = list(toc)
    if len(items) == 1 and items[0].level == 1:
        items[0].children.append(entry)
    else:
        toc.items.append(entry)
