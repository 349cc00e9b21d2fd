"""The options of the `briefs` plugin in mkdocs.yml (`plugins: - briefs: ...`)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class BriefsConfig(Config):
    """Validated by MkDocs; what the options mean is read from site_config/ by generator.config."""

    # The folder of glossary.yml, people.yml and settings.yml, relative to mkdocs.yml.
    site_config = c.Type(str, default="site_config")
    # A "Related briefs" list under each brief.
    related_briefs = c.Type(bool, default=True)
    # "material" (the theme's own search) or "pagefind" (a chunked index); checked in generator/config.py.
    search = c.Optional(c.Type(str))
    # Keep what a build read (every brief's facts by content hash, what each page gets) in
    # cache_dir, relative to mkdocs.yml, so the next build reads again only what changed.
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/plugin/briefs")
