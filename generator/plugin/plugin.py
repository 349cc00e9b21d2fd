"""BriefsPlugin: MkDocs events -> BriefsBuild, one line or two each.

It adds the generated pages (home, archive, glossary, people, tags) as virtual
files, appends related briefs to each brief, hands MkDocs, the theme and the feeds
front matter values escaped the way each prints them (generator/escaping.py),
fails a strict build on links to glossary terms or people that do not exist, and
makes `mkdocs serve` reload when site_config/ changes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator import search_index
from generator.config import load_config
from generator.errors import BriefError
from generator.plugin.build import BriefsBuild
from generator.plugin.config import BriefsConfig

log = logging.getLogger("mkdocs.plugins.briefs")


class BriefsPlugin(BasePlugin[BriefsConfig]):
    """Adds the briefs site's own pages and checks to a Material for MkDocs build."""

    def __init__(self) -> None:
        self.is_serve = False
        # Kept across rebuilds under `mkdocs serve` (MkDocs keeps a plugin with on_startup),
        # so unchanged briefs are not read again.
        self.build: BriefsBuild | None = None
        # Under `mkdocs serve`, Pagefind indexes in the background after each rebuild.
        self.pagefind = search_index.BackgroundIndexer(log)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    # Last: the site folder MkDocs empties next is the one this sees (the page cache may swap it under serve).
    @event_priority(-2000)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.is_serve and self.build is not None and search_index.uses_pagefind(self.build.site_config):
            self.pagefind.set_aside(Path(config.site_dir))
        else:
            self.pagefind.cancel()  # a run still going would read pages while this build writes them

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load site_config/ (every problem in one error); a changed configuration starts a new BriefsBuild."""
        try:
            site_config = load_config(self._site_config_dir(config), search=self.config.search)
        except BriefError as err:
            raise PluginError(str(err)) from err
        cache_dir = self._project_dir(config) / self.config.cache_dir if self.config.cache else None
        if self.build is None or (self.build.site_config, self.build.with_related, self.build.cache_dir) != (
            site_config, self.config.related_briefs, cache_dir
        ):
            self.build = BriefsBuild(site_config, self.config.related_briefs, cache_dir, under_serve=self.is_serve)
        config.theme.dirs = search_index.theme_dirs(config.theme.dirs, site_config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        # Under `mkdocs serve` the page cache keeps the pages' sources (generator/page_cache.py).
        self.build.read_files(files, config)
        if not self.is_serve:
            # No rebuild follows in this process: what the build read goes to the cache on
            # disk now, and out of memory before MkDocs reads and renders every page.
            self.build.save_cache()
            self.build.release_facts()
        return self.build.add_generated_files(files, config)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        assert self.build is not None
        if not self.is_serve and not config.plugins.events["page_read_source"]:
            self.build.hand_over_source(page)  # the front matter read in on_files (or kept), not parsed again
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.build is not None
        page.meta.update(self.build.page_meta(page))
        return markdown

    @event_priority(-100)  # after the RSS plugin has read the plain-text title
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.build is not None
        page.meta.update(self.build.printed_title(page))
        return self.build.page_content(html, page, files)

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001 (MkDocs types)
        assert self.build is not None
        context[search_index.BODY_FLAG] = search_index.is_indexed(self.build.site_config, page.file.src_uri)
        return context

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.build is not None
        if search_index.uses_pagefind(self.build.site_config) and self.is_serve:
            self.pagefind.start(Path(config.site_dir))
        elif search_index.uses_pagefind(self.build.site_config):
            try:
                search_index.write_pagefind_index(Path(config.site_dir))
            except BriefError as err:
                raise PluginError(str(err)) from err

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # noqa: ANN001 (livereload types)
        server.watch(str(self._site_config_dir(config)))
        return server

    def on_shutdown(self) -> None:
        self.pagefind.close()
        # Under `mkdocs serve` the cache stays in memory between rebuilds; it is written at the end.
        if self.is_serve and self.build is not None:
            self.build.save_cache()

    def _project_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").parent

    def _site_config_dir(self, config: MkDocsConfig) -> Path:
        return self._project_dir(config) / self.config.site_config
