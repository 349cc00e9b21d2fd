"""The page cache (plugin `briefs-page-cache`): under `mkdocs serve` a rebuild redoes only the
pages whose output can change, and `mkdocs build` after a build converts and indexes only the
pages that changed.

Under `mkdocs serve` every save runs a whole MkDocs build: every page is read
(YAML front matter), converted from Markdown, indexed for search, rendered
through the theme's templates and written, after the site folder has been
emptied. At 5,000 briefs that is a minute or more for an edit to one brief.
MkDocs' own `--dirty` skips unchanged pages altogether, so the search index, the
tags pages and every page that lists other pages go stale.

This plugin keeps, in memory across the rebuilds of one `mkdocs serve` process
(MkDocs keeps a plugin that has `on_startup` from one rebuild to the next), what
each page produced, and leaves the pages whose inputs are unchanged out of
MkDocs' two page loops altogether (`_populate_page` and `_build_page`: no plugin
sees them page by page). A page is left out only when all of these hold:

- what every page depends on is as in the last build: mkdocs.yml, the theme's
  files, the versions of the code (else the caches are emptied: a full rebuild),
  the navigation, the briefs plugin's site configuration (site_config/), and the
  plugins that see pages one by one are only ones this module stands in for
  (Material's search and tags, the RSS plugin, the briefs plugin);
- each path its links looked up among the files (when it was last converted)
  resolves as it did then: a new or deleted page goes through the loops on the
  pages that link to it or list it, not on every page;
- its own inputs are as in the last build: its source, by the file's inode, size
  and times (by a hash of its text when it changed in the last two seconds, or
  of a generated page's content: home, archive, people, tags, glossary pages
  change when what they list changes), and what the briefs plugin adds to it
  (description, feed date, related briefs);
- its page as written, its search entries and its feed item are cached.

A left-out page gets back the state the first page loop left it in (front matter,
HTML, title, anchors), which is what the navigation, the tags listings, the
sitemap and the anchor checks read of it; its page as written stays in the site
folder. What the plugins collect from every page is fed for it from the cache, in
the order of a full build: its search entries to Material's search index, its tags
to Material's tags plugin (so listings and tags.json stay complete), its tags
listings (unfilled, for the tag links of other pages), its item to the RSS
plugin's feeds. After the first loop, what a left-out page shows of other pages
is checked: when a title in the navigation changed, every left-out page goes
through the page loops after all; when the pages the tags listings show (URLs,
titles, tags) changed, the pages holding a listing do; when the listings changed,
the tagged pages (whose tags link to the closest listing) do.

The pages that do go through the loops reuse what did not change, keyed by
everything it is computed from: the page's source; its HTML and table of contents,
by the Markdown the plugins hand to MkDocs (related briefs, tags and all included),
the site configuration and theme files (site_fingerprint), and what each path MkDocs
looked up among the files while converting it (its relative links and images) resolves
to, so a new or deleted brief converts again only the pages whose links change;
its search-index entries, by its HTML, table of contents, URL, title and front
matter; its page as written, by the whole template context (its HTML, front
matter, table of contents, URL, title, neighbours, the navigation, the
configuration and what other plugins add to the context, such as tag links).

Under serve, a page without an update date in its front matter gets the time it
was last built as the RSS plugin's update date (a full build gives every page the
build's time), so the feeds of updated pages list the edited briefs first. The
site folder is not emptied between rebuilds (on this kind of disk, removing
thousands of folders takes longer than the whole cached rebuild): pages are
rewritten in place and the outputs of pages that are gone are removed.

Two costs around the rebuilds are cut too. Python's cycle collector goes over the
whole heap (these caches and the briefs plugin's index) while serve waits for the
next edit, not in the middle of a rebuild (_IdleCollector). And MkDocs' file
watcher, which lists every file of docs_dir every half second, is replaced by the
operating system's change events (`watch: native`, the default; `watch: polling`
keeps MkDocs' own).

Under `mkdocs build` (a process of its own) the renders, search entries and pages as
written are kept on disk instead, with the theme's compiled templates
(generator/page_store.py, `.cache/plugin/briefs-pages`, option `cache`): a build loads
them, reuses those whose keys match (a reused render logs its warnings again, so
`--strict` still fails on a broken link), and saves the set of this build at its end.
Their keys hold across processes: site_fingerprint covers mkdocs.yml (and the
environment variables it reads), the theme overrides, the versions of MkDocs, Material,
the Markdown extensions and the plugins in use (or their module's file), the extensions'
settings and the generator's own files; a page as written is keyed by the briefs
plugin's site configuration too. Nothing else of the above runs under build: every page
goes through the page loops and every page is written.

`mkdocs serve` keeps them on disk too, in a folder of their own (SERVE_FOLDER: its pages
hold the development server's address, so their keys are not the build's): loaded for the
first build of a session, and saved when serve stops (on_shutdown, which MkDocs runs after
Ctrl+C), so that `make serve` after `make serve` does not convert and render every page again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import importlib
import importlib.util
import logging
import os
import pickle
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import markupsafe
import material
import mkdocs
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.commands.build import _populate_page
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from generator.fingerprint import generator_fingerprint, settled_file_key
from generator.page_store import PageStore, StoredPage

PLUGIN_NAME = "briefs-page-cache"
EARLIER_NAME = "briefs-serve-cache"  # pyproject.toml keeps it working
log = logging.getLogger(f"mkdocs.plugins.{PLUGIN_NAME}")

# The template every page is routed through: it renders the page's real template, or
# hands back the page as written last time when nothing it depends on has changed.
DISPATCH_TEMPLATE = "briefs-page-cache/page.html"
_DISPATCH_FUNCTION = "briefs_page_cache_page"
# The page store of `mkdocs serve`, in cache_dir: pages written for the development server's
# address, kept apart from the build's, which a build after a serve session still finds.
SERVE_FOLDER = "serve"
# Keys of MkDocs' own page context (mkdocs.commands.build.get_context). build_date_utc
# changes on every build and Material's page templates do not print it.
_MKDOCS_CONTEXT = frozenset(
    {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version", "build_date_utc", "config", "page"}
)
_MAX_DEPTH = 6  # how deep a value another plugin puts in the context is followed
# Zstandard's level for a page's part of the store on disk: its fastest standard level (a fifth
# of the bytes; zlib's fastest took four times as long and left more bytes).
_STORE_COMPRESSION = 1
_ABSENT = object()
# Python's cycle collector runs this long after a rebuild, while `mkdocs serve` waits for the next
# edit (see _IdleCollector).
IDLE_COLLECT_SECONDS = 2.0
# The events in which plugins see pages one by one. A page is left out of MkDocs' page
# loops only when every plugin handling them is one this module knows how to stand in for.
_PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")
_ENV_TAG = re.compile(rb"!ENV\s+(\[[^\]]*\]|\S+)")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INHERIT = re.compile(rb"(?m)^INHERIT:\s*(\S+)")
# Markdown extensions that read other files into a page: its render is not kept on disk when one is in use.
_FILE_READING_EXTENSIONS = frozenset({"pymdownx.snippets", "markdown_include.include", "mdx_include"})
# Where the code of a Markdown extension or a plugin comes from, by top-level module: the
# distribution's version stands for it. Code from anywhere else is fingerprinted by its package's
# __version__, or by its module's file when it has none.
_DISTRIBUTIONS = {"markdown": "Markdown", "pymdownx": "pymdown-extensions", "material": "mkdocs-material", "mkdocs": "mkdocs"}


class Uncacheable(Exception):
    """A template context value this module cannot fingerprint: the page is rendered."""


def digest(*parts: object) -> str:
    """A short hash of the parts' text (repr for what is not text)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else repr(part).encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


@functools.cache
def _compressor() -> Any:
    import zstandard

    return zstandard.ZstdCompressor(level=_STORE_COMPRESSION)


@functools.cache
def _decompressor() -> Any:
    import zstandard

    return zstandard.ZstdDecompressor()


@dataclass(frozen=True)
class CachedSource:
    key: str  # source_key of the file read
    markdown: str
    meta: bytes  # pickled: every build gets its own copy to change


@dataclass(frozen=True)
class CachedRender:
    key: str
    # Every path MkDocs looked up among the files while it converted the page (its links and
    # images, and the guesses behind a "did you mean"), with what it found: the render holds
    # for as long as each path resolves the same way.
    lookups: tuple[tuple[str, tuple | None], ...]
    content: str
    toc: bytes  # the pickled TableOfContents: every build gets its own copy (plugins extend it)
    title_from_render: str | None
    anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    warnings: tuple[tuple[str, int, str], ...]  # (logger, level, message) the render logged


@dataclass(frozen=True)
class CachedEntries:
    key: str
    entries: tuple[dict, ...]


@dataclass(frozen=True)
class CachedOutput:
    key: str
    # The page as written around its HTML (page.content, which the key holds and the render
    # keeps already): the page is `page.content.join(parts)`; the whole page when it does
    # not print page.content as it is.
    parts: tuple[str, ...]

    @classmethod
    def of(cls, key: str, html: str, content: str) -> CachedOutput:
        before, found, after = html.partition(content) if content else (html, "", "")
        return cls(key, (before, after) if found else (html,))

    def html(self, content: str) -> str:
        return content.join(self.parts)


@dataclass(frozen=True)
class CachedPage:
    """A page as MkDocs' first page loop left it (every plugin's on_page_content done)."""

    key: tuple  # its inputs (see _page_key)
    markdown: str
    meta: dict  # never handed out: a page restored from it gets its own copy
    content: str
    title_from_render: str | None
    anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri


class PageCacheConfig(Config):
    enabled = c.Type(bool, default=True)  # false: every rebuild under `mkdocs serve` is a full one, no build cache
    # Under `mkdocs build`, keep each page's Markdown render and search entries in cache_dir
    # (relative to mkdocs.yml), so the next build converts and indexes only the pages that changed;
    # `mkdocs serve` keeps its own in cache_dir/serve (SERVE_FOLDER) when it stops, for its next start.
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/plugin/briefs-pages")
    # native: the operating system reports changes to the watched files (inotify on Linux);
    # polling: MkDocs' own watcher, which lists docs_dir every half second (for file systems
    # that report no changes, such as some network or container mounts).
    watch = c.Choice(("native", "polling"), default="native")


class PageCachePlugin(BasePlugin[PageCacheConfig]):
    """Caches what each page produced: in memory across the rebuilds of `mkdocs serve`, and
    on disk from one `mkdocs build` (or serve session) to the next."""

    def __init__(self) -> None:
        self.is_serve = False
        self.store_folder = ""  # the page store's folder in cache_dir under `mkdocs build` (see on_startup)
        self.store: PageStore | None = None  # under `mkdocs build`: the renders and search entries on disk
        # Under `mkdocs serve`: what the last serve session kept on disk (its own folder: serve's
        # site_url differs from the build's), loaded for the first build and saved at the end.
        self.serve_store: PageStore | None = None
        self.stored: dict[str, StoredPage] = {}  # what the store held at the start of this build
        self.stored_templates: set[tuple[str, str]] = set()  # the compiled templates the store held
        # The stored pages read, to save again as they are while their keys hold: under serve, kept
        # for the whole session (compressed), so that stopping it pickles only the pages that changed.
        self.taken: dict[str, StoredPage] = {}
        self.site_fingerprint: str | None = None  # configuration and theme files of the cached builds
        self.site_dir: str | None = None  # the folder the last successful build wrote
        self.building = False  # between on_pre_build and the end (or failure) of a build
        self.written: set[str] = set()  # the files MkDocs copied or wrote there for the docs
        self.sources: dict[str, CachedSource] = {}
        self.renders: dict[str, CachedRender] = {}
        self.entries: dict[str, CachedEntries] = {}
        self.outputs: dict[str, CachedOutput] = {}
        self.pages: dict[str, CachedPage] = {}
        self.page_entries: dict[str, tuple[dict, ...]] = {}  # each page's search entries, last build
        self.page_feed_items: dict[str, tuple[Any, ...]] = {}  # what the feeds plugin collected of each page
        self.site_key = ""  # what every page depends on (see _skip_unchanged), last build
        # Every file as a link resolves to it (_resolved), last build: while it stays the same, every
        # path a page's links looked up resolves as it did, and no page's lookups are checked one by one.
        self.files_key = ""
        self.nav_titles = ""  # the navigation with every title, last build
        self.listings = ""  # the tags plugin's listings (pages, titles, settings), last build
        self.mappings = ""  # the pages the tags plugin's listings show (URLs, titles, tags), last build
        # The tags listings each page holds, last build: (index of the tags plugin, listing id, its settings).
        self.listing_pages: dict[str, list[tuple[int, str, Any]]] = {}
        self.compiled_templates = _CompiledTemplates()
        self.collector = _IdleCollector()
        self._start_build()

    def _start_build(self) -> None:
        self.keep_site_dir: str | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.nav_fingerprint = ""
        self.templates: dict[str, object] = {}  # src_uri -> the page's own `template` front matter value
        self.search_index: Any = None
        self.feeds: list[Any] = []  # the RSS plugins of this build
        self.all_pages: list[File] = []  # every page MkDocs builds, in its order
        self.page_keys: dict[str, tuple] = {}
        self.next_site_key = ""
        self.next_files_key = ""
        self.skipped: dict[str, File] = {}  # pages left out of MkDocs' page loops, restored from the cache
        self.entries_at: dict[str, int] = {}  # src_uri -> index of its first new search entry
        self.entries_kept: dict[str, object] = {}  # src_uri -> its own `search` front matter, while excluded
        self.entries_keys: dict[str, str] = {}  # src_uri -> _entries_key of the page, as indexed
        self.built_entries: dict[str, tuple[dict, ...]] = {}  # search entries of the pages built this time
        self.feed_items_at: dict[str, int] = {}
        self.built_feed_items: dict[str, tuple[Any, ...]] = {}
        self.env: jinja2.Environment | None = None
        self.unwritten: list[File] = []  # pages MkDocs writes to the null device (unchanged on disk)
        self.reused = {"render": 0, "search": 0, "page": 0}
        self.stashed: dict[str, StoredPage] = {}  # the pages to save, as the store keeps them (_stash)

    @property
    def is_active(self) -> bool:
        """Under `mkdocs serve`: every part of the cache, in memory."""
        return self.is_serve and self.config.enabled

    @property
    def keeps_renders(self) -> bool:
        """Pages' renders and search entries are reused: under serve, or under build from the disk cache."""
        return self.is_active or self.store is not None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve --dirty` skips pages by file times: that is MkDocs' mode, not this one. Its
        # builds are cached as `mkdocs build`'s, in serve's folder (its pages hold serve's address).
        self.is_serve = command == "serve" and not dirty
        self.store_folder = SERVE_FOLDER if command == "serve" else ""

    @event_priority(10_000)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.collector.cancel()  # a rebuild is starting: no collection now
        if EARLIER_NAME in config.plugins:
            log.info(f"mkdocs.yml names this plugin {EARLIER_NAME}, its earlier name: it is now {PLUGIN_NAME}")
        return config

    @event_priority(-1000)  # after every other plugin has seen the real site_dir
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._start_build()
        self.building = True
        if not self.is_serve and self.config.enabled and self.config.cache:
            self._load_store(config)
        if not self.is_active:
            return
        fingerprint = site_fingerprint(config)
        if fingerprint != self.site_fingerprint:
            if self.site_fingerprint is not None:
                log.info("Configuration or theme changed: full rebuild")
            elif self.config.cache and not _reads_other_files(config):
                # The first build of this serve session starts from the last session's pages.
                self.serve_store = self._page_store(config, SERVE_FOLDER, fingerprint)
            self._forget(fingerprint)
            return
        if self.site_dir == config.site_dir and os.path.isdir(config.site_dir):
            # MkDocs empties site_dir next, unless it does not exist: it is pointed at a
            # folder that does not, and back (with every file's destination) in on_files.
            self.keep_site_dir = config.site_dir
            config.site_dir = _missing_sibling(config.site_dir)

    def _load_store(self, config: MkDocsConfig) -> None:
        """Under `mkdocs build`: what the last build kept on disk, valid for this fingerprint."""
        self.site_fingerprint = site_fingerprint(config)
        if _reads_other_files(config):
            return
        self.store = self._page_store(config, self.store_folder, self.site_fingerprint)

    def _page_store(self, config: MkDocsConfig, subfolder: str, fingerprint: str) -> PageStore:
        """The page store in cache_dir (or its subfolder), with what it holds for `fingerprint`
        loaded: the pages, for the build to take (_take_stored), and the compiled templates."""
        store = PageStore(Path(config.config_file_path or ".").parent / self.config.cache_dir / subfolder, fingerprint)
        self.stored = store.load()
        self.compiled_templates.code = store.load_templates()
        self.stored_templates = set(self.compiled_templates.code)
        return store

    def _forget(self, fingerprint: str | None) -> None:
        self.site_fingerprint = fingerprint
        self.taken = {}  # keyed by the fingerprint that is gone
        self.sources, self.renders, self.entries, self.outputs = {}, {}, {}, {}
        self._forget_last_build()

    def _forget_last_build(self) -> None:
        """The site folder and what the last build left in it: the next build starts from an
        empty folder and leaves no page out of the loops. The caches keyed by all their inputs
        (sources, renders, search entries, pages as written) stay."""
        self.site_dir = None
        self.written = set()
        self.pages, self.page_entries, self.page_feed_items = {}, {}, {}
        self.site_key = self.files_key = self.nav_titles = self.listings = self.mappings = ""
        self.listing_pages = {}

    @event_priority(10_000)  # before any plugin reads or adds files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.keep_site_dir is not None:
            placeholder, config.site_dir = config.site_dir, self.keep_site_dir
            for file in files:
                if file.dest_dir == placeholder:
                    file.dest_dir = config.site_dir
                    file.__dict__.pop("abs_dest_path", None)  # a cached_property
        return files

    @event_priority(-10_000)  # every plugin has added its files and built its part of the nav
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.keeps_renders:
            self.files, self.nav = files, nav
            self.search_index = _material_search_index(config)
        if self.is_active:
            self.feeds = _feed_plugins(config)
            self.all_pages = list(files.documentation_pages(inclusion=InclusionLevel.is_in_serve))
            self._skip_unchanged(config, files, nav)
        return nav

    def _skip_unchanged(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """Leave the pages whose inputs are those of the last build out of MkDocs' two page
        loops: they get back the state the first loop left them in (for the navigation,
        the tags listings and the sitemap), their written page stays, and what the plugins
        collect from every page is fed from the cache (see _feed_skipped_pages)."""
        site_inputs, page_inputs = _briefs_inputs(config)
        # Not the set of files: a new or deleted page shows on the pages whose links point to it
        # (checked page by page below when the files changed) and on those that list it (their
        # sources or the briefs plugin's additions change).
        self.next_site_key = digest(self.site_fingerprint, _nav_fingerprint(nav.items), site_inputs, _page_plugins(config))
        self.page_keys = {f.src_uri: (source_key(f), page_inputs(f.src_uri)) for f in self.all_pages}
        self.next_files_key = digest([_resolved(f) for f in files])
        if self.next_site_key != self.site_key or self.keep_site_dir is None or not _only_known_page_plugins(config):
            return
        # After each build every kept render's lookups resolve as they did (checked, or recorded
        # anew, by that build): only a change in the files can make one resolve otherwise.
        lookups_hold = self.next_files_key == self.files_key
        for file in self.all_pages:
            cached = self._unchanged_page(file)
            if (
                cached is None
                or file.page is None
                or file.inclusion.is_excluded()  # a draft, marked as such under serve
                or file.src_uri not in self.outputs
                or file.src_uri not in self.renders
                or not (lookups_hold or _resolve_alike(self.renders[file.src_uri].lookups, files))
                or (self.search_index is not None and file.src_uri not in self.page_entries)
                or (self.feeds and file.src_uri not in self.page_feed_items)
            ):
                continue
            _restore_page(file.page, cached, self.renders.get(file.src_uri), files)
            self.skipped[file.src_uri] = file
        if self.skipped:
            # Both page loops ask for the pages with the inclusion of `mkdocs serve`; everything
            # else (the sitemap, other plugins) still sees every page.
            everything = files.documentation_pages
            skipped = self.skipped

            def documentation_pages(*, inclusion: Any = InclusionLevel.is_included) -> list[File]:
                pages = everything(inclusion=inclusion)
                if inclusion is InclusionLevel.is_in_serve and skipped:
                    return [f for f in pages if f.src_uri not in skipped]
                return pages

            files.documentation_pages = documentation_pages  # type: ignore[method-assign]

    def _unchanged_page(self, file: File) -> CachedPage | None:
        """The page as the last build left it, if its inputs are the same now. A source that had
        just changed then was keyed by its text; now that its file times are settled, its text
        is compared again (one file read) and the page keyed by its file times from then on."""
        cached = self.pages.get(file.src_uri)
        key = self.page_keys[file.src_uri]
        if cached is None or cached.key == key:
            return cached
        (cached_source, cached_inputs), (source, inputs) = cached.key, key
        if cached_inputs != inputs or cached_source.startswith("stat:") or not source.startswith("stat:"):
            return None
        if digest(file.content_string) != cached_source:
            return None
        self.pages[file.src_uri] = cached = dataclasses.replace(cached, key=key)
        return cached

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if not self.is_active or config.plugins.events["page_read_source"]:
            return page
        key = self.page_keys[page.file.src_uri][0] if page.file.src_uri in self.page_keys else source_key(page.file)
        cached = self.sources.get(page.file.src_uri)
        if cached is not None and cached.key == key:
            page.read_source = functools.partial(_restore_source, page, cached)  # type: ignore[method-assign]
        else:
            page.read_source = functools.partial(self._read_source, page, key)  # type: ignore[method-assign]
        return page

    def _read_source(self, page: Page, key: str, config: MkDocsConfig) -> None:
        type(page).read_source(page, config)
        assert page.markdown is not None
        self.sources[page.file.src_uri] = CachedSource(key, page.markdown, pickle.dumps(page.meta))

    @event_priority(-10_000)  # the Markdown as every plugin leaves it
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.keeps_renders:
            return markdown
        file = page.file
        # The links in a page point to other files relative to its URL; a draft's are reported at
        # INFO; anchor links are collected unless MkDocs logs at DEBUG.
        key = digest(self.site_fingerprint, file.src_uri, file.url, file.inclusion.is_excluded(), _collects_anchor_links(), markdown)
        self._take_stored(file.src_uri, key)
        cached = self.renders.get(file.src_uri)
        if cached is not None and cached.key == key and _resolve_alike(cached.lookups, files):
            self.reused["render"] += 1
            page.render = functools.partial(_restore_render, page, cached)  # type: ignore[method-assign]
        else:
            page.render = functools.partial(self._render, page, key)  # type: ignore[method-assign]
        return markdown

    def _take_stored(self, src_uri: str, render_key: str) -> None:
        """The page's render, search entries and page as written from the disk cache (under
        `mkdocs build`, or in the first build of a serve session), when the render's key is
        this one (read only then). A stored value that cannot be read is no cache."""
        stored = self.stored.pop(src_uri, None)
        if stored is None or stored[0][1] != render_key:
            return
        try:
            render, entries, output = pickle.loads(_decompressor().decompress(stored[1]))
        except Exception:  # noqa: BLE001 (a cache is only a shortcut: whatever it holds, the page is rendered)
            log.debug(f"Unreadable cache entry of {src_uri}: rendered again")
            return
        if isinstance(render, CachedRender):
            self.renders[src_uri] = render
            self.taken[src_uri] = stored
        if isinstance(entries, CachedEntries):
            self.entries[src_uri] = entries
        if isinstance(output, CachedOutput):
            self.outputs[src_uri] = output

    def _render(self, page: Page, key: str, config: MkDocsConfig, files: Files) -> None:
        log.debug(f"Page cache: converting {page.file.src_uri}")
        with _captured_warnings() as warnings, _recorded_lookups(files) as lookups:
            type(page).render(page, config, files)
        assert page.content is not None
        self.renders[page.file.src_uri] = CachedRender(
            key, tuple(lookups.items()), page.content, pickle.dumps(page.toc), page._title_from_render, *_anchors_of(page), tuple(warnings)
        )

    @event_priority(-74)  # just before the RSS plugin (-75) collects the page
    def _count_feed_items(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.is_active and self.feeds:
            self.feed_items_at[page.file.src_uri] = sum(len(feed.pages_to_filter) for feed in self.feeds)
        return html

    @event_priority(-76)  # just after
    def _keep_feed_items(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.is_active and len(self.feeds) == 1 and page.file.src_uri in self.feed_items_at:
            self.built_feed_items[page.file.src_uri] = tuple(self.feeds[0].pages_to_filter[self.feed_items_at[page.file.src_uri] :])
        return html

    @event_priority(-10_000)  # every plugin has changed the page
    def _keep_page(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.is_active and page.file.src_uri in self.page_keys and page.markdown is not None:
            self.pages[page.file.src_uri] = CachedPage(
                self.page_keys[page.file.src_uri],
                page.markdown,
                pickle.loads(pickle.dumps(page.meta)),
                html,
                page._title_from_render,
                *_anchors_of(page),
            )
        return html

    on_page_content = CombinedEvent(_count_feed_items, _keep_feed_items, _keep_page)

    @event_priority(10_000)  # before any plugin renders a template
    def _keep_compiled_templates(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Every build makes a new Jinja environment, which compiles the theme's templates
        # again; the compiled code is kept by template name and source checksum instead.
        if self.keeps_renders:
            env.bytecode_cache = self.compiled_templates
        return env

    @event_priority(200)  # before the tags plugin (100) fills in its listings
    def _feed_skipped_pages(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """The tags plugin maps the skipped pages' tags too, in the order of a full build.
        When what a skipped page shows of other pages changed after all (a title in the
        navigation, the pages a tags listing shows), that page goes through the page loop
        after all."""
        if not self.is_active or not self.nav:
            return env
        tag_plugins = _tag_plugins(config)
        for plugin in tag_plugins:
            for file in self.all_pages:
                if file.src_uri in self.skipped and plugin.filter(file):
                    plugin.mappings.add(file.page, file.page.markdown)
        self._order_mappings(tag_plugins)
        nav_titles, mappings = digest(_nav_fingerprint(self.nav.items)), _mappings_fingerprint(tag_plugins)
        if nav_titles != self.nav_titles:
            self._populate_late(list(self.skipped.values()), config, files)
        elif mappings != self.mappings:
            self._populate_late([f for f in self.skipped.values() if f.src_uri in self.listing_pages], config, files)
        self.nav_titles, self.mappings = nav_titles, mappings
        self._order_mappings(tag_plugins)  # a page that went through the loop late keeps its place
        return env

    def _order_mappings(self, tag_plugins: list[Any]) -> None:
        """The tags plugin's mappings in the order of the pages, as a full build adds them."""
        for plugin in tag_plugins:
            mapped = plugin.mappings.data
            ordered = {f.page.url: mapped[f.page.url] for f in self.all_pages if f.page is not None and f.page.url in mapped}
            plugin.mappings.data = {**ordered, **mapped}

    @event_priority(50)  # the tags plugin has filled in the listings of the pages built
    def _keep_skipped_listings(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """A skipped page's tags listings stay in the tags plugin (unfilled: the page is as
        written last time), so that tag links on the pages built point to them."""
        if not self.is_active or not self.nav:
            return env
        from material.plugins.tags.structure.listing import Listing

        tag_plugins = _tag_plugins(config)
        for file in self.all_pages:
            for number, listing_id, settings in self.listing_pages.get(file.src_uri, ()) if file.src_uri in self.skipped else ():
                if number < len(tag_plugins):
                    tag_plugins[number].listings.data.add(Listing(file.page, listing_id, settings))
        listings = _listings_fingerprint(tag_plugins)
        if listings != self.listings:
            self._populate_late([f for f in self.skipped.values() if any(p.mappings.get(f.page) for p in tag_plugins)], config, files)
        self.listings = listings
        return env

    def _populate_late(self, late: list[File], config: MkDocsConfig, files: Files) -> None:
        """Pages skipped at first that MkDocs' page loops must see after all: the first one here, now."""
        for file in late:
            del self.skipped[file.src_uri]
            assert file.page is not None
            _populate_page(file.page, config, files)

    @event_priority(-10_000)  # the tags plugin has filled in its listings
    def _route_pages(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if not self.keeps_renders:
            return env
        self.env = env
        # What every page as written shows besides its own context: the navigation, and the briefs
        # plugin's site configuration (site_config/), which mkdocs.yml does not hold.
        self.nav_fingerprint = digest(_nav_fingerprint(self.nav.items if self.nav else []), _briefs_inputs(config)[0])
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({DISPATCH_TEMPLATE: "{{ %s() }}" % _DISPATCH_FUNCTION}), env.loader])
        env.globals[_DISPATCH_FUNCTION] = jinja2.pass_context(functools.partial(PageCachePlugin._page_output, self))
        for file in files.documentation_pages():
            if file.page is not None and file.src_uri not in self.skipped:
                self.templates[file.src_uri] = file.page.meta.get("template")
                file.page.meta["template"] = DISPATCH_TEMPLATE
        return env

    on_env = CombinedEvent(_keep_compiled_templates, _feed_skipped_pages, _keep_skipped_listings, _route_pages)

    @event_priority(10_000)
    def _restore_page_template(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        """MkDocs has picked the dispatch template: the page's own front matter is back for everyone else."""
        if page.file.src_uri in self.templates:
            original = self.templates[page.file.src_uri]
            if original is None:
                page.meta.pop("template", None)
            else:
                page.meta["template"] = original
        return context

    @event_priority(1)  # just before the search plugin indexes the page
    def _skip_indexing(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if self.search_index is None or page.content is None:
            return context
        src_uri = page.file.src_uri
        cached = self.entries.get(src_uri)
        self.entries_keys[src_uri] = key = _entries_key(page)
        if cached is not None and cached.key == key:
            self.reused["search"] += 1
            # The search plugin skips an excluded page; its entries are added back after it.
            self.entries_kept[src_uri] = page.meta.get("search", _ABSENT)
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        else:
            self.entries_at[src_uri] = len(self.search_index.entries)
        return context

    @event_priority(-1)  # just after the search plugin has indexed the page
    def _keep_entries(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        src_uri = page.file.src_uri
        if src_uri in self.entries_kept:
            search = self.entries_kept.pop(src_uri)
            if search is _ABSENT:
                del page.meta["search"]
            else:
                page.meta["search"] = search
            self.built_entries[src_uri] = self.entries[src_uri].entries
            if not self.is_active:  # under serve, every page's entries are put in order after the loop
                self.search_index.entries.extend(self.entries[src_uri].entries)
        elif src_uri in self.entries_at:
            new_entries = tuple(self.search_index.entries[self.entries_at[src_uri] :])
            assert page.content is not None
            self.entries[src_uri] = CachedEntries(self.entries_keys[src_uri], new_entries)
            self.built_entries[src_uri] = new_entries
        return context

    on_page_context = CombinedEvent(_restore_page_template, _skip_indexing, _keep_entries)

    def _page_output(self, context: jinja2.runtime.Context) -> markupsafe.Markup:
        """The page as written: from the cache when its whole template context is unchanged."""
        variables = context.get_all()
        page: Page = variables["page"]
        template = self.templates.get(page.file.src_uri) or "main.html"
        try:
            key = digest(self.site_fingerprint, self.nav_fingerprint, template, _page_fingerprint(page), _extras_fingerprint(variables))
        except Uncacheable:
            key = None
        cached = self.outputs.get(page.file.src_uri)
        if key is not None and cached is not None and cached.key == key:
            self.reused["page"] += 1
            self._skip_write(page.file)
            if self.store is not None:
                self._stash(page.file.src_uri)
            return markupsafe.Markup(cached.html(page.content or ""))
        assert self.env is not None
        html = self.env.get_template(str(template)).render(variables)
        if key is not None:
            self.outputs[page.file.src_uri] = CachedOutput.of(key, html, page.content or "")
        else:
            self.outputs.pop(page.file.src_uri, None)
        if self.store is not None:
            self._stash(page.file.src_uri)
        return markupsafe.Markup(html)

    def _skip_write(self, file: File) -> None:
        """The same page is in site_dir from the build before: MkDocs writes this one to the null device."""
        if self.keep_site_dir is not None and os.path.dirname(os.devnull) and os.path.isfile(file.abs_dest_path):
            file.abs_dest_path = os.devnull
            self.unwritten.append(file)

    @event_priority(10_000)  # before any plugin looks at where the pages went
    def _restore_destinations(self, *, config: MkDocsConfig) -> None:
        for file in self.unwritten:
            del file.abs_dest_path  # computed again from dest_dir
        self.unwritten = []
        if self.files is not None:
            self.files.__dict__.pop("documentation_pages", None)

    @event_priority(100)  # before the search and RSS plugins write what they collected
    def _collect_every_page(self, *, config: MkDocsConfig) -> None:
        """The search index and the feeds get every page's part, in the order of a full build."""
        if not self.is_active or self.files is None:
            return
        if self.search_index is not None:
            self.search_index.entries = [
                entry
                for file in self.all_pages
                for entry in self.built_entries.get(file.src_uri, self.page_entries.get(file.src_uri, ()))
            ]
        if len(self.feeds) == 1:
            # Fed anew each build: the RSS plugin itself empties its list only once per process.
            self.feeds[0].pages_to_filter = [
                item
                for file in self.all_pages
                for item in self.built_feed_items.get(file.src_uri, self.page_feed_items.get(file.src_uri, ()))
            ]
        for file in self.skipped.values():
            assert file.page is not None
            file.page.validate_anchor_links(files=self.files, log_level=config.validation.links.anchors)

    @event_priority(-10_000)
    def _finish_build(self, *, config: MkDocsConfig) -> None:
        self.stored = {}  # what this build did not take is no page of the site now
        self.building = False
        if self.store is not None and self.files is not None:
            self._save_store()
        if not self.is_active or self.files is None:
            return
        written = {f.abs_dest_path for f in self.files}
        _remove_outputs(self.written - written, config.site_dir)
        self.site_dir, self.written = config.site_dir, written
        self.site_key, self.files_key = self.next_site_key, self.next_files_key
        self.page_entries.update(self.built_entries)
        self.page_feed_items.update(self.built_feed_items)
        self.listing_pages = {}
        for number, plugin in enumerate(_tag_plugins(config)):
            for listing in plugin.listings:
                self.listing_pages.setdefault(listing.page.file.src_uri, []).append((number, listing.id, listing.config))
        # Only this build's pages are kept: memory stays that of one site.
        present = {f.src_uri for f in self.files}
        for cache in (self.sources, self.renders, self.entries, self.outputs, self.pages, self.page_entries, self.page_feed_items):
            for src_uri in cache.keys() - present:
                del cache[src_uri]
        self.collector.schedule()
        reused = self.reused["page"] + len(self.skipped)
        if reused:
            log.info(
                f"Pages unchanged since the last build, reused: {reused} of {len(self.all_pages)}"
                f" ({len(self.skipped)} left out of the page loops)"
            )

    on_post_build = CombinedEvent(_restore_destinations, _collect_every_page, _finish_build)

    def _stash(self, src_uri: str) -> None:
        """What the store keeps of a page, pickled now: under `mkdocs build` once the page is
        written, so its HTML is not held in memory until the end of the build (nothing reads a
        page's render or entries once it is written); when serve stops, for every page."""
        render = self.renders.pop(src_uri, None)
        if render is None:
            return
        entries, output, taken = self.entries.pop(src_uri, None), self.outputs.pop(src_uri, None), self.taken.pop(src_uri, None)
        key = (src_uri, render.key, digest(render.lookups), *(value.key if value is not None else "" for value in (entries, output)))
        if taken is not None and taken[0] == key:
            self.stashed[src_uri] = taken  # as read: not pickled again
        else:
            # Compressed: a fifth of the memory and disk, for about 1 % of a first build's time.
            value = pickle.dumps((render, entries, output), protocol=pickle.HIGHEST_PROTOCOL)
            self.stashed[src_uri] = (key, _compressor().compress(value))

    def _save_store(self) -> None:
        """Under `mkdocs build`: this build's renders, search entries and pages as written, for the next build."""
        assert self.store is not None and self.files is not None
        self._save_pages(self.store, self.files)
        log.debug(
            f"Pages reused from the cache: {self.reused['render']} renders, {self.reused['search']} search entries,"
            f" {self.reused['page']} pages as written, of {len(self.files.documentation_pages())} pages"
        )

    def on_build_error(self, *, error: Exception) -> None:
        self._restore_destinations(config=None)  # type: ignore[arg-type]
        self.stored = {}
        self.building = False
        # Whatever this build left half done, the next one starts from a clean site folder; a
        # brief saved with a typo does not make the rebuild after its fix convert every page again.
        self._forget_last_build()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """MkDocs' watcher lists every file of docs_dir every half second: with thousands of
        briefs that is a steady share of a core, taken from the rebuilds too, and a change is
        seen a quarter of a second late on average. The operating system's change events
        replace it (the paths watched so far are watched again by the new observer)."""
        if not self.is_active or self.config.watch != "native" or (observer := _native_observer()) is None:
            return server
        watched = dict(server._watched_paths)  # path -> how many times it was asked for
        for path, count in watched.items():
            for _ in range(count):
                server.unwatch(path)
        server.observer = observer
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
        return server

    def _save_pages(self, store: PageStore, files: Files) -> None:
        """Keep the renders, search entries and pages as written of the pages among `files` (the
        ones not stashed yet pickled now: under build the drafts, which MkDocs does not write),
        and the compiled templates the build used."""
        for src_uri in self.renders.keys() - self.stashed.keys():
            self._stash(src_uri)
        store.save({src_uri: self.stashed[src_uri] for src_uri in files.src_uris.keys() & self.stashed.keys()})
        templates = self.compiled_templates
        if templates.used != self.stored_templates:  # only the templates of this build are kept
            store.save_templates({key: templates.code[key] for key in templates.used})

    def on_shutdown(self) -> None:
        self.collector.close()
        self._save_serve_store()

    def _save_serve_store(self) -> None:
        """When `mkdocs serve` stops: the pages of its last build, for the next session's first
        build. Not when that build failed or is still running (Ctrl+C stops serve while a rebuild
        goes on in another thread), nor when `cache` was turned off meanwhile."""
        if self.serve_store is None or not self.config.cache or self.building or self.site_dir is None or self.files is None:
            return
        if self.serve_store.code != self.site_fingerprint:  # mkdocs.yml or the theme changed meanwhile
            self.serve_store = PageStore(self.serve_store.folder, self.site_fingerprint)
            self.stored_templates = set()
        log.info(f"Keeping the pages for the next `mkdocs serve` in {self.serve_store.folder}")
        try:
            self._save_pages(self.serve_store, self.files)
        except Exception as error:  # noqa: BLE001 (a cache is only a shortcut: serve stops all the same)
            log.info(f"The page cache could not be kept in {self.serve_store.folder}: {error}")


def site_fingerprint(config: MkDocsConfig) -> str:
    """What every page depends on: mkdocs.yml, the theme's own files and the code: MkDocs,
    Material, the generator (its files), the Markdown extensions in use and their settings,
    the plugins in use."""
    # The theme's name too: `mkdocs build -t NAME` changes it and not mkdocs.yml, and an
    # installed theme's own files are not read below.
    parts: list[object] = [mkdocs.__version__, material.__version__, generator_fingerprint(), config.site_url, config.theme.name]
    parts.append(_markdown_fingerprint(config))
    parts.append(sorted({_module_code(type(plugin).__module__) for plugin in config.plugins.values()}))
    if config.config_file_path and os.path.isfile(config.config_file_path):
        parts += _config_file_parts(Path(config.config_file_path))
    installed = {Path(mkdocs.__file__).parent, Path(material.__file__).parent}
    for number, folder in enumerate(map(Path, config.theme.dirs)):
        if not any(folder.is_relative_to(p) for p in installed) and folder.is_dir():
            # By their place in the theme, not by their path: `-f mkdocs.yml` makes the paths relative.
            parts += [(number, p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]
    return digest(*parts)


def _config_file_parts(path: Path, depth: int = 0) -> list[object]:
    """A configuration file's text, the values of the environment variables it reads (`!ENV`)
    and the file it inherits from (`INHERIT:`), as they are now."""
    text = path.read_bytes()
    parts: list[object] = [text]
    for match in _ENV_TAG.finditer(text):
        parts += [(name, os.environ.get(name)) for name in _IDENTIFIER.findall(match.group(1).decode("utf-8", "replace"))]
    inherited = _INHERIT.search(text)
    if inherited and depth < _MAX_DEPTH:
        parent = path.parent / inherited.group(1).decode("utf-8", "replace").strip("'\"")
        parts += _config_file_parts(parent, depth + 1) if parent.is_file() else [None]
    return parts


def _markdown_fingerprint(config: MkDocsConfig) -> list:
    """The Markdown extensions in use, their settings (a function named by its module and name)
    and the code they come from (see _EXTENSION_DISTRIBUTIONS)."""
    modules: set[str] = set()

    def stable(value: object) -> object:
        if isinstance(value, dict):
            return sorted((str(k), stable(v)) for k, v in value.items())
        if isinstance(value, (list, tuple)):
            return [stable(v) for v in value]
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        module = getattr(value, "__module__", None) or type(value).__module__
        modules.add(module)
        return f"{module}:{getattr(value, '__qualname__', type(value).__qualname__)}"

    names = [name if isinstance(name, str) else stable(name) for name in config.markdown_extensions]
    modules.update(_extension_module(name) for name in config.markdown_extensions if isinstance(name, str))
    settings = stable(dict(config.mdx_configs or {}))
    return [names, settings, sorted(_module_code(module) for module in modules)]


@functools.lru_cache(maxsize=256)
def _extension_module(name: str) -> str:
    """The module of a Markdown extension as mkdocs.yml names it (a module path, or the short
    name of an entry point: Python-Markdown's own, as a rule)."""
    module = name.split(":", 1)[0]
    if "." in module:
        return module
    if importlib.util.find_spec(f"markdown.extensions.{module}") is not None:
        return f"markdown.extensions.{module}"
    for entry_point in metadata.entry_points(group="markdown.extensions", name=module):
        return entry_point.module
    return module


@functools.lru_cache(maxsize=256)
def _module_code(module: str) -> tuple[str, str]:
    """What stands for a module's code (see _DISTRIBUTIONS)."""
    top = module.split(".", 1)[0]
    if top in _DISTRIBUTIONS:
        try:
            return top, metadata.version(_DISTRIBUTIONS[top])
        except metadata.PackageNotFoundError:
            return top, "not installed"
    try:
        version = getattr(sys.modules.get(top) or importlib.import_module(top), "__version__", None)
        if isinstance(version, str):
            return top, version
        path = getattr(sys.modules.get(module) or importlib.import_module(module), "__file__", None)
        return module, digest(Path(path).read_bytes()) if path else "no file"
    except (ImportError, OSError):
        return module, "not found"


def _reads_other_files(config: MkDocsConfig) -> bool:
    """Whether a Markdown extension in use reads other files into a page (see _FILE_READING_EXTENSIONS)."""
    return any(isinstance(name, str) and name.split(":", 1)[0] in _FILE_READING_EXTENSIONS for name in config.markdown_extensions)


def _collects_anchor_links() -> bool:
    """MkDocs keeps the anchors a page links to unless it logs at DEBUG (Page.render)."""
    return logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG


def _resolved(file: File | None) -> tuple | None:
    """What a link's conversion reads of the file a path resolves to."""
    return None if file is None else (file.src_uri, file.url, file.inclusion.is_excluded())


def _resolve_alike(lookups: tuple[tuple[str, tuple | None], ...], files: Files) -> bool:
    return all(_resolved(files.get_file_from_path(path)) == found for path, found in lookups)


@contextlib.contextmanager
def _recorded_lookups(files: Files) -> Iterator[dict[str, tuple | None]]:
    """The paths MkDocs looks up among the files while it converts a page (its relative links
    and images: _RelativePathTreeprocessor), each with what it resolved to."""
    lookups: dict[str, tuple | None] = {}
    earlier = vars(files).get("get_file_from_path")
    look_up = files.get_file_from_path

    def recording(path: str) -> File | None:
        found = look_up(path)
        lookups[path] = _resolved(found)
        return found

    files.get_file_from_path = recording  # type: ignore[method-assign]
    try:
        yield lookups
    finally:
        if earlier is None:
            del files.get_file_from_path
        else:
            files.get_file_from_path = earlier  # type: ignore[method-assign]


def source_key(file: File, now_ns: int | None = None) -> str:
    """What tells a page's source from the last build's without reading it: the file's inode,
    size and times. A file changed within RACY_NS of now may change again within the same tick
    of the file system's clock and keep its size: its text is hashed (as git treats a racily
    clean file), and so is a file that is not on disk (its content set by a plugin)."""
    # A file that cannot be read is read here all the same: it fails with MkDocs' message.
    if file.abs_src_path is not None and (settled := settled_file_key(file.abs_src_path, now_ns)) is not None:
        return settled
    return digest(file.content_string)


def _missing_sibling(site_dir: str) -> str:
    candidate, number = f"{site_dir}.unused", 0
    while os.path.exists(candidate):
        number += 1
        candidate = f"{site_dir}.unused{number}"
    return candidate


def _remove_outputs(paths: set[str], site_dir: str) -> None:
    """Remove the outputs of files that are gone, and the folders that leaves empty."""
    root = os.path.abspath(site_dir)
    for path in paths:
        if os.path.isfile(path):
            os.remove(path)
        folder = os.path.dirname(path)
        while os.path.abspath(folder).startswith(root + os.sep) and os.path.isdir(folder) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


def _restore_page(page: Page, cached: CachedPage, render: CachedRender | None, files: Files) -> None:
    """A skipped page as the first page loop left it last time: what the navigation, the tags
    listings, the sitemap and the anchor checks read of it. Its render's warnings are logged
    again, as a full build would."""
    page.markdown = cached.markdown
    page.meta = dict(cached.meta)
    page.content = cached.content
    page._title_from_render = cached.title_from_render
    _restore_anchors(page, cached.anchor_ids, cached.links_to_anchors, files)
    _log_again(render.warnings if render is not None else ())


def _anchors_of(page: Page) -> tuple[frozenset[str] | None, dict[str, dict[str, str]] | None]:
    """The anchors a rendered page has, and those its links point to (by the linked file's
    src_uri), for MkDocs' anchor checks."""
    links = page.links_to_anchors
    return (
        None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
        None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
    )


def _restore_anchors(page: Page, anchor_ids: frozenset[str] | None, links: dict[str, dict[str, str]] | None, files: Files) -> None:
    page.present_anchor_ids = None if anchor_ids is None else set(anchor_ids)
    if links is not None:
        linked = ((files.src_uris.get(src_uri), anchors) for src_uri, anchors in links.items())
        page.links_to_anchors = {target: dict(anchors) for target, anchors in linked if target is not None}


def _log_again(warnings: tuple[tuple[str, int, str], ...]) -> None:
    for name, level, message in warnings:
        logging.getLogger(name).log(level, message)


def _page_plugins(config: MkDocsConfig) -> list[str]:
    """Which plugins see pages one by one, by class."""
    return sorted({type(getattr(handler, "__self__", handler)).__qualname__ for event in _PAGE_EVENTS for handler in config.plugins.events[event]})


def _only_known_page_plugins(config: MkDocsConfig) -> bool:
    """Whether every plugin that sees pages one by one is one whose part this module supplies for
    the pages it skips (Material's search and tags, the RSS plugin, the briefs plugin): any other
    would miss those pages."""
    known = {PageCachePlugin, *_known_page_plugin_types()}
    return all(type(getattr(handler, "__self__", None)) in known for event in _PAGE_EVENTS for handler in config.plugins.events[event])


def _known_page_plugin_types() -> list[type]:
    from material.plugins.search.plugin import SearchPlugin
    from material.plugins.tags.plugin import TagsPlugin

    from generator.plugin.plugin import BriefsPlugin

    known: list[type] = [SearchPlugin, TagsPlugin, BriefsPlugin]
    try:
        from mkdocs_rss_plugin.plugin import GitRssPlugin
    except ImportError:
        return known
    return [*known, GitRssPlugin]


def _briefs_inputs(config: MkDocsConfig) -> tuple[object, Any]:
    """What the briefs plugin's page events read besides the page itself: its site configuration
    (for every page), and what it adds to each brief (description, feed date, related briefs)."""
    from generator.plugin.plugin import BriefsPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, BriefsPlugin) and plugin.build is not None:
            build = plugin.build
            settings = build.site_config
            return (settings.fingerprint, settings.glossary_fingerprint, settings.search, build.with_related), build.pages.get
    return None, lambda src_uri: None


def _enabled_plugins(config: MkDocsConfig, kind: type) -> list[Any]:
    """The plugins of this kind in the build that are switched on."""
    return [p for p in config.plugins.values() if isinstance(p, kind) and p.config.enabled]


def _feed_plugins(config: MkDocsConfig) -> list[Any]:
    """The RSS plugins of the build (each keeps the pages it collected in pages_to_filter)."""
    try:
        from mkdocs_rss_plugin.plugin import GitRssPlugin
    except ImportError:
        return []
    return _enabled_plugins(config, GitRssPlugin)


def _tag_plugins(config: MkDocsConfig) -> list[Any]:
    from material.plugins.tags.plugin import TagsPlugin

    return [p for p in _enabled_plugins(config, TagsPlugin) if p.mappings is not None]


def _mappings_fingerprint(plugins: list[Any]) -> str:
    """What the tags listings show of every tagged page: its URL, its title and its tags."""
    return digest(
        [
            (url, mapping.item.title, sorted((tag.name, tag.hidden) for tag in mapping.tags))
            for plugin in plugins
            for url, mapping in plugin.mappings.data.items()
        ]
    )


def _listings_fingerprint(plugins: list[Any]) -> str:
    """The tags listings as the tag links on every tagged page point to them."""
    parts = []
    for plugin in plugins:
        for listing in sorted(plugin.listings, key=lambda listing: listing.id):
            try:
                settings = _plain(dict(listing.config))
            except Uncacheable:
                settings = object()  # never equal: every tagged page is built again
            parts.append((listing.id, listing.page.url, listing.page.title, settings))
    return digest(parts)


def _restore_source(page: Page, cached: CachedSource, config: MkDocsConfig) -> None:
    page.markdown, page.meta = cached.markdown, pickle.loads(cached.meta)


def _restore_render(page: Page, cached: CachedRender, config: MkDocsConfig, files: Files) -> None:
    page.content = cached.content
    page.toc = pickle.loads(cached.toc)
    page._title_from_render = cached.title_from_render
    _restore_anchors(page, cached.anchor_ids, cached.links_to_anchors, files)
    _log_again(cached.warnings)


def _native_observer() -> Any:
    """A watchdog observer of the operating system's change events (inotify, FSEvents...) that
    reports changes only: MkDocs rebuilds on any event, and inotify reports reads too (the
    rebuild's own). None where watchdog has only polling."""
    from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    if issubclass(Observer, PollingObserver):
        return None
    changes = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent]

    class ChangesObserver(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, event_handler: Any, path: str, *, recursive: bool = False, event_filter: Any = None) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or changes)

    return ChangesObserver()


class _IdleCollector:
    """Python's cycle collector over the whole heap, run while `mkdocs serve` waits for the next
    edit instead of in the middle of a rebuild. The caches here and the briefs plugin's site
    index are hundreds of thousands of objects that outlive every rebuild: a full collection
    goes over all of them (a quarter of a rebuild's time at 5,000 briefs), and the objects a
    rebuild makes start one. Once the heap is collected after a rebuild, what survived is
    frozen (gc.freeze: left out of later collections), so the collections during the next
    rebuild go over that rebuild's own objects only. Before the next freeze everything is
    unfrozen and collected again, so what died since is freed."""

    def __init__(self) -> None:
        self.timer: threading.Timer | None = None

    def schedule(self) -> None:
        self.cancel()
        self.timer = threading.Timer(IDLE_COLLECT_SECONDS, self._collect)
        self.timer.daemon = True
        self.timer.start()

    def cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def close(self) -> None:
        self.cancel()
        gc.unfreeze()

    @staticmethod
    def _collect() -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates in memory, by template name and source checksum (loaded from
    and saved to the page cache on disk with the pages)."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], bytes] = {}
        self.used: set[tuple[str, str]] = set()  # looked up or compiled in this process

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.code.get((bucket.key, bucket.checksum))) is not None:
            self.used.add((bucket.key, bucket.checksum))
            try:
                bucket.bytecode_from_string(code)
            except Exception:  # noqa: BLE001 (kept on disk under build: whatever went wrong, the template is compiled)
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key, bucket.checksum] = bucket.bytecode_to_string()
        self.used.add((bucket.key, bucket.checksum))


class _WarningList(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class _captured_warnings:
    """The warnings MkDocs logs while it renders a page, to log again when the render is reused."""

    def __enter__(self) -> list[tuple[str, int, str]]:
        self.handler = _WarningList()
        logging.getLogger("mkdocs").addHandler(self.handler)
        return self.handler.records

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self.handler)


def _material_search_index(config: MkDocsConfig) -> Any:
    """Material's search index of this build, when that is the search plugin in use."""
    from material.plugins.search.plugin import SearchPlugin

    return next((plugin.search_index for plugin in _enabled_plugins(config, SearchPlugin)), None)


def _entries_key(page: Page) -> str:
    """What Material's search plugin reads of a page to make its entries."""
    return digest(page.content, _toc_fingerprint(page.toc), page.url, page.title, _plain(page.meta))


def _toc_fingerprint(items: Any) -> list:
    return [
        (item.title, item.id, item.level, getattr(item, "active", False), _toc_fingerprint(item.children))
        for item in items
        if isinstance(item, AnchorLink)
    ]


def _nav_fingerprint(items: list) -> list:
    """Titles and URLs of the navigation, as every page's sidebar and tabs show it."""
    fingerprint: list = []
    for item in items:
        children = getattr(item, "children", None)
        fingerprint.append((type(item).__name__, item.title, getattr(item, "url", None), _nav_fingerprint(children or [])))
    return fingerprint


def _page_fingerprint(page: Page) -> tuple:
    """What Material's templates read of a page. Pages of other kinds (the blog plugin's posts,
    with authors and categories) are always rendered."""
    if type(page) is not Page:
        raise Uncacheable(type(page).__name__)
    neighbours = [(p.title, p.url) if p is not None else None for p in (page.previous_page, page.next_page)]
    ancestors = [getattr(a, "title", None) for a in page.ancestors]
    return (
        page.file.src_uri,
        page.url,
        page.canonical_url,
        page.edit_url,
        page.title,
        page.is_homepage,
        digest(page.content),
        _toc_fingerprint(page.toc),
        _plain(page.meta),
        neighbours,
        ancestors,
    )


def _extras_fingerprint(variables: dict) -> list:
    """What plugins add to a page's template context (the tags plugin: the page's tag links)."""
    return [(key, _plain(variables[key])) for key in sorted(variables) if key not in _MKDOCS_CONTEXT and not callable(variables[key])]


def _plain(value: object, depth: int = 0) -> object:
    """A fingerprint of a value made of plain data, or of objects holding plain data."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if depth > _MAX_DEPTH:
        raise Uncacheable(type(value).__name__)
    if isinstance(value, (list, tuple)):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_plain(v, depth + 1)) for v in value)
    if isinstance(value, dict):
        return sorted((repr(k), _plain(v, depth + 1)) for k, v in value.items())
    if isinstance(value, Page):
        return ("page", value.url)
    if isinstance(value, File):
        return ("file", value.src_uri)
    if callable(value):
        raise Uncacheable(type(value).__name__)
    if hasattr(value, "__dict__"):
        return (type(value).__qualname__, _plain(vars(value), depth + 1))
    raise Uncacheable(type(value).__name__)
