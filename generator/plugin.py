"""The `briefs` MkDocs plugin: a thin adapter from MkDocs events to generator calls.

It adds the generated pages (home, glossary, people, tags) as virtual files,
appends related briefs to each brief, fails a strict build on links to
glossary terms or people that do not exist, and makes `mkdocs serve` reload
when site_config/ changes. Everything it shows is computed in `generator`.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import glossary, glossary_page, render, site, store
from generator.config import SiteConfig, load_config
from generator.errors import BriefError

log = logging.getLogger("mkdocs.plugins.briefs")


class BriefsPluginConfig(Config):
    site_config = c.Type(str, default="site_config")  # relative to mkdocs.yml
    related_briefs = c.Type(bool, default=True)  # list related briefs under each brief


class BriefsPlugin(BasePlugin[BriefsPluginConfig]):
    def __init__(self) -> None:
        self.site_config: SiteConfig | None = None
        self.pages: dict[str, site.BriefPage] = {}
        self.people_pages: set[str] = set()
        self.related: site.RelatedPages | None = None

    def _site_config_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").parent / self.config.site_config

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.site_config = load_config(self._site_config_dir(config))
        except BriefError as err:
            raise PluginError(str(err)) from err
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.pages = {}
        for file in files.documentation_pages():
            if "/" in file.src_uri or file.src_uri == site.HOME_PAGE:
                continue
            try:
                front_matter, body = store.split_front_matter(file.content_string, Path(file.abs_src_path or file.src_uri))
            except BriefError as err:
                raise PluginError(str(err)) from err
            if "generator" in front_matter or "source" in front_matter:
                self.pages[file.src_uri] = _brief_page(file.src_uri, front_matter, body)
        self.related = site.related_index(list(self.pages.values()) if self.config.related_briefs else [])
        for src_uri, content in self._generated_pages().items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))
        return files

    def _generated_pages(self) -> dict[str, str]:
        assert self.site_config is not None
        pages = list(self.pages.values())
        people = site.collect_people(pages, self.site_config.people)
        self.people_pages = {p.page for p in people}
        generated = {
            **site.render_home_pages(pages),
            **site.render_archive(pages),
            render.GLOSSARY_URL: glossary_page.render_glossary_page(
                self.site_config.glossary,
                glossary_page.collect_appearances(
                    ((p.title, p.src_uri, p.body) for p in site.newest_first(pages)),
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
        if brief is None:
            return markdown
        self._check_links(brief)
        if brief.summary:
            # Shown by search engines and link previews.
            page.meta.setdefault("description", brief.summary[0])
        assert self.related is not None
        return markdown + site.render_related(brief, self.related.related(brief.src_uri))

    def _check_links(self, brief: site.BriefPage) -> None:
        """Warn (and so fail `mkdocs build --strict`) on links to missing terms or people."""
        assert self.site_config is not None
        slugs = {t.slug for t in self.site_config.glossary}
        for slug in glossary.linked_slugs(brief.body, render.GLOSSARY_URL):
            if slug not in slugs:
                log.warning(f"{brief.src_uri}: links glossary term '{slug}', which is not in {self.site_config.glossary_path}")

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # noqa: ANN001 (livereload types)
        server.watch(str(self._site_config_dir(config)))
        return server


def _brief_page(src_uri: str, front_matter: dict, body: str) -> site.BriefPage:
    date = front_matter.get("date")
    speakers = tuple(
        (s["name"], s.get("role"))
        for s in front_matter.get("speakers") or []
        if isinstance(s, dict) and isinstance(s.get("name"), str)
    )
    return site.BriefPage(
        src_uri=src_uri,
        title=str(front_matter.get("title") or src_uri),
        date=date if isinstance(date, dt.date) else None,
        reading_time=front_matter.get("reading_time") if isinstance(front_matter.get("reading_time"), int) else None,
        summary=tuple(str(s) for s in front_matter.get("summary") or []),
        speakers=speakers,
        tags=tuple(str(t) for t in front_matter.get("tags") or []),
        glossary=tuple(str(g) for g in front_matter.get("glossary") or []),
        body=body,
        section=front_matter.get("section") if isinstance(front_matter.get("section"), str) else None,
    )
