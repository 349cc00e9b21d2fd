"""The `briefs` MkDocs plugin: a thin adapter from MkDocs events to generator calls.

It adds the generated pages (home, glossary, people, tags) as virtual files,
appends related briefs to each brief, hands MkDocs, the theme and the feeds
front matter values escaped the way each prints them (generator/escaping.py),
fails a strict build on links to glossary terms or people that do not exist,
and makes `mkdocs serve` reload when site_config/ changes. Everything it
shows is computed in `generator`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import brief_file, escaping, glossary_page, render, search_index, site
from generator.brief_file import BriefFile
from generator.config import SiteConfig, load_config
from generator.errors import BriefError

log = logging.getLogger("mkdocs.plugins.briefs")
# Read by the rss plugin (mkdocs.yml: date_from_meta.as_creation).
FEED_DATE_KEY = "feed_date"


class BriefsPluginConfig(Config):
    site_config = c.Type(str, default="site_config")  # relative to mkdocs.yml
    related_briefs = c.Type(bool, default=True)  # list related briefs under each brief
    search = c.Optional(c.Type(str))  # material | pagefind (checked in generator/config.py)


class BriefsPlugin(BasePlugin[BriefsPluginConfig]):
    def __init__(self) -> None:
        self.site_config: SiteConfig | None = None
        self.pages: dict[str, BriefFile] = {}
        self.related: site.RelatedPages | None = None

    def _site_config_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").parent / self.config.site_config

    def _project_path(self, file: File, config: MkDocsConfig) -> Path:
        """A page's path as `briefs check` names it: relative to the folder of mkdocs.yml."""
        project = Path(config.config_file_path or ".").parent.resolve()
        path = Path(file.abs_src_path or file.src_uri).resolve()
        return path.relative_to(project) if path.is_relative_to(project) else path

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.site_config = load_config(self._site_config_dir(config), search=self.config.search)
        except BriefError as err:
            raise PluginError(str(err)) from err
        config.theme.dirs = search_index.theme_dirs(config.theme.dirs, self.site_config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.pages = {}
        for file in files.documentation_pages():
            if "/" in file.src_uri or file.src_uri == site.HOME_PAGE:
                continue
            try:
                brief = brief_file.parse_page(file.content_string, self._project_path(file, config))
            except BriefError as err:
                # One line naming file and line, as `briefs check` prints it; no traceback.
                raise PluginError(str(err)) from err
            if brief is not None:
                self.pages[file.src_uri] = brief
        self.related = site.related_index(list(self.pages.values()) if self.config.related_briefs else [])
        for src_uri, content in self._generated_pages().items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))
        return files

    def _generated_pages(self) -> dict[str, str]:
        assert self.site_config is not None
        pages = list(self.pages.values())
        people = site.collect_people(pages, self.site_config.people)
        generated = {
            **site.render_home_pages(pages),
            **site.render_archive(pages),
            render.GLOSSARY_URL: glossary_page.render_glossary_page(
                self.site_config.glossary,
                glossary_page.collect_appearances(
                    ((p.front_matter.title, p.name, p.body) for p in site.newest_first(pages)),
                    self.site_config.glossary,
                    render.GLOSSARY_URL,
                ),
            ),
            site.PEOPLE_INDEX: site.render_people_index(people),
            site.TAGS_PAGE: site.render_tags_page(),
        }
        generated.update(site.render_alias_pages(pages, people))
        generated.update({p.page: site.render_person_page(p) for p in people})
        return generated

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        brief = self.pages.get(page.file.src_uri)
        # Front matter is text: the theme and the feeds get it escaped as each prints it. The
        # first summary sentence is the description shown by search engines and link previews.
        summary = brief.front_matter.summary if brief else ()
        page.meta.update(escaping.printed_meta(page.meta, summary[0] if summary else None))
        if brief is None:
            return markdown
        self._check_links(brief)
        front = brief.front_matter
        if front.date or front.added:
            # The feeds' item date: publication when known, else the day the brief was added
            # (when it entered the feed), never a date made up as the publication date.
            page.meta[FEED_DATE_KEY] = front.date or front.added
        assert self.related is not None
        return markdown + site.render_related(brief, self.related.related(brief.name))

    @event_priority(-100)  # after the RSS plugin has read the plain-text title
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.meta.get("title") is not None:
            page.meta["title"] = escaping.page_text_html(page.meta["title"])
        return html

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001 (MkDocs types)
        assert self.site_config is not None
        context[search_index.BODY_FLAG] = search_index.is_indexed(self.site_config, page.file.src_uri)
        return context

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.site_config is not None
        if search_index.uses_pagefind(self.site_config):
            try:
                search_index.write_pagefind_index(Path(config.site_dir))
            except BriefError as err:
                raise PluginError(str(err)) from err

    def _check_links(self, brief: BriefFile) -> None:
        """Warn (and so fail `mkdocs build --strict`) on links to missing terms or people:
        the same checks as `briefs check`."""
        assert self.site_config is not None
        for problem in site.link_problems(brief, self.site_config):
            log.warning(problem)

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # noqa: ANN001 (livereload types)
        server.watch(str(self._site_config_dir(config)))
        return server

