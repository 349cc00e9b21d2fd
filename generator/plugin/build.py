"""The briefs of one build (or one rebuild under `mkdocs serve`) and what the plugin adds from them.

BriefsBuild is to the briefs plugin what the mapping and listing managers are to
Material's tags plugin: the handlers hand it MkDocs' objects and it does the work,
through generator.site_index (every brief read once, cached by content hash; the
cross-brief work once per build).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from generator import escaping, site
from generator.config import SiteConfig
from generator.errors import BriefError
from generator.plugin import cache as disk_cache
from generator.site_index import BriefCache, BriefFacts, SiteIndex, content_hash, generated_pages, index_site

log = logging.getLogger("mkdocs.plugins.briefs")
# Read by the rss plugin (mkdocs.yml: date_from_meta.as_creation).
FEED_DATE_KEY = "feed_date"
GENERATED_BY = "briefs"  # File.generated_by of the pages the plugin adds


class BriefsBuild:
    """Reads the briefs from MkDocs' files, adds the generated pages, and says what each page gets."""

    def __init__(self, site_config: SiteConfig, with_related: bool, cache_dir: Path | None = None) -> None:
        self.site_config = site_config
        self.with_related = with_related
        self.cache = BriefCache()
        self.index = SiteIndex({}, [], {}, {})
        self.generated: dict[str, str] = {}
        # The site key of `index` and `generated`: the briefs read, in order, and the configuration.
        self.site_key = ""
        self.cache_dir = cache_dir
        self.code = disk_cache.code_fingerprint() if cache_dir else ""
        self.saved_key: str | None = None
        if cache_dir and (state := disk_cache.load(cache_dir, self.code)) is not None:
            self.cache.restore(state["facts"])
            self.site_key, self.index, self.generated = state["site"]
            self.saved_key = self.site_key

    def read_files(self, files: Files, config: MkDocsConfig) -> None:
        """Read every brief of docs_dir (a rebuild parses and scans only the changed ones),
        compute people, related briefs and glossary appearances, and log each broken link:
        a warning, so `mkdocs build --strict` fails as `briefs check` does."""
        self.cache.start_build()
        project = Path(config.config_file_path or ".").parent.resolve()
        docs = Path(config.docs_dir).resolve()
        found: list[BriefFacts] = []
        for file in files.documentation_pages():
            # Briefs sit at the top of docs_dir; the home page is the plugin's.
            if "/" in file.src_uri or file.src_uri == site.HOME_PAGE:
                continue
            path = docs / file.src_uri
            # Named as `briefs check` names it: relative to the folder of mkdocs.yml.
            path = path.relative_to(project) if path.is_relative_to(project) else path
            try:
                facts = self.cache.read(path, file.content_string, self.site_config, self.with_related)
            except BriefError as err:
                # One line naming file and line, as `briefs check` prints it; no traceback.
                raise PluginError(str(err)) from err
            if facts is not None:
                found.append(facts)
        site_key = self._site_key()
        if site_key != self.site_key:  # a brief or the configuration changed since the index was made
            self.index = index_site(found, self.site_config, self.with_related, previous=self.index)
            self.generated = generated_pages(self.index, self.site_config)
            self.site_key = site_key
        for problem in self.index.problems:
            log.warning(problem)

    def _site_key(self) -> str:
        config = self.site_config
        keys = "\n".join("\0".join(key) for key in self.cache.entries)
        return content_hash("\n".join([config.fingerprint, config.glossary_fingerprint, str(self.with_related), keys]))

    def save_cache(self) -> None:
        """Keep this build's facts and index in cache_dir for the next build, unless they are there."""
        if self.cache_dir is not None and self.saved_key != self.site_key:
            state = {"facts": self.cache.entries, "site": (self.site_key, self.index, self.generated)}
            disk_cache.save(self.cache_dir, self.code, state)
            self.saved_key = self.site_key

    def add_generated_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Home, archive, glossary, people and tags pages, unless docs_dir has a page of that name."""
        for src_uri, content in self.generated.items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))
        return files

    def page_meta(self, page: Page) -> dict:
        """Front matter values as the theme and the feeds print them, and the feed date of a brief."""
        facts = self.index.facts.get(page.file.src_uri)
        front = facts.brief.front_matter if facts else None
        # The first summary sentence is the description shown by search engines and link previews.
        meta = escaping.printed_meta(page.meta, front.summary[0] if front and front.summary else None)
        if front and (front.date or front.added):
            # The feeds' item date: publication when known, else the day the brief was added
            # (when it entered the feed), never a date made up as the publication date.
            meta[FEED_DATE_KEY] = front.date or front.added
        return meta

    def printed_title(self, page: Page) -> dict:
        """The page title as the theme prints it, HTML: once the feeds have read it as text."""
        title = page.meta.get("title")
        return {} if title is None else {"title": escaping.page_text_html(title)}

    def page_content(self, html: str, page: Page, files: Files) -> str:
        """A brief's HTML with its related briefs after it, and the section in its table of
        contents; other pages as they are."""
        facts = self.index.facts.get(page.file.src_uri)
        related = self.index.related.get(facts.brief.name, []) if facts else []
        links = [
            (brief.front_matter.title, get_relative_url(file.url, page.url))
            for brief in related
            if (file := files.src_uris.get(brief.name)) is not None  # a brief's name is its src_uri
        ]
        if not links:
            return html
        anchor = _unused_anchor(page.toc, site.RELATED_ANCHOR)
        _add_to_toc(page.toc, AnchorLink(site.RELATED_HEADING, anchor, 2))
        return html + site.render_related_html(links, anchor)


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
