"""The page cache on disk: each page's Markdown render, search entries and page as written.

Under `mkdocs serve` the page cache (generator/page_cache.py) keeps them in memory from
one rebuild to the next, and here (a folder of its own) when serve stops, for the next
session's first build. A `mkdocs build` is a process of its own: it loads them from
here, reuses those whose keys match (the keys are those of the page cache in memory: everything a
render or an entry is made from), and saves the set of this build at its end. Stored with
the briefs plugin's cache machinery (generator/plugin/cache.py): in its 16 shards by page, so a
build rewrites only the shards holding a page that changed (an edit changes the brief and the
generated pages that list it, which fall in most shards); written atomically; a
file written under another fingerprint (other code, configuration or theme), or that
cannot be read, is no cache at all.
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.plugin import cache as disk_cache

log = logging.getLogger("mkdocs.plugins.briefs-page-cache")

# Which shards are on disk, by the digest of their keys (a build rewrites only the shards whose
# keys changed), and how many pages they hold.
INDEX_FILE = "pages.pickle"

# The theme's compiled templates (Jinja bytecode by template name and source checksum).
TEMPLATES_FILE = "templates.pickle"

# A page's stored part: its keys (src_uri first, then what says whether it is still valid) and its pickled value.
StoredPage = tuple[tuple[str, ...], bytes]


class PageStore:
    """Pickled page values by page, in `folder`, valid for one fingerprint (`code`)."""

    def __init__(self, folder: Path, code: str) -> None:
        self.folder = folder
        self.code = code
        self.shards: dict[str, str] = {}  # the shards on disk, as last loaded or saved

    def load(self) -> dict[str, StoredPage]:
        """Every page stored under this fingerprint, by src_uri; nothing when there is no
        cache, when it was written under another fingerprint or cannot be read."""
        index = disk_cache.load(self.folder, self.code, INDEX_FILE)
        if not (isinstance(index, tuple) and len(index) == 2 and isinstance(index[0], dict)):
            return {}
        shards, count = index
        pages: dict[str, StoredPage] = {}
        for key, value in disk_cache.load_facts(self.folder, self.code).items():
            if isinstance(key, tuple) and key and isinstance(key[0], str) and isinstance(value, bytes):
                pages[key[0]] = (key, value)
        # A shard that could not be read is written again by the next save, whatever its keys.
        self.shards = shards if len(pages) == count else {}
        return pages

    def save(self, pages: dict[str, StoredPage]) -> None:
        """Keep `pages` (and only them) for the next build. A cache that cannot be written
        only means the next build renders again: the build goes on."""
        try:
            self.shards = disk_cache.save_facts(self.folder, self.code, dict(pages.values()), self.shards)
            disk_cache.save(self.folder, self.code, (self.shards, len(pages)), INDEX_FILE)
        except OSError as error:
            log.info(f"The page cache could not be written to {self.folder}: {error}")

    def load_templates(self) -> dict:
        """The compiled templates kept by the last build (see TEMPLATES_FILE), or none."""
        templates = disk_cache.load(self.folder, self.code, TEMPLATES_FILE)
        return templates if isinstance(templates, dict) else {}

    def save_templates(self, templates: dict) -> None:
        try:
            disk_cache.save(self.folder, self.code, templates, TEMPLATES_FILE)
        except OSError as error:
            log.info(f"The page cache could not be written to {self.folder}: {error}")
