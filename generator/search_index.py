"""The site's search with `search: pagefind`: Pagefind's chunked index behind Material's search box.

Material's own search loads one index of every page before its first result (27.6 MB
at 5,000 briefs). Pagefind splits its index into chunks by word, so a search fetches
only the chunks of the words typed and the excerpts of the results it shows. Pagefind
runs over the built site after MkDocs (the binary ships in the `pagefind_bin` wheel:
nothing is downloaded); the theme folder pagefind_theme/ replaces Material's search
box partial with the same markup wired to Pagefind. Only the plugin calls this module.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator import site
from generator.config import SiteConfig
from generator.errors import SearchIndexError

PAGEFIND = "pagefind"
# Templates and scripts layered over the theme when Pagefind searches.
THEME_DIR = Path(__file__).parent / "pagefind_theme"
# The folder of the search bundle inside the site (the theme's partial loads it from here).
BUNDLE_DIR = "pagefind"
# Material's index, written by its search plugin whatever answers the search box.
MATERIAL_INDEX = Path("search") / "search_index.json"
# Parts of a page that are not what it says: permalink signs, the "in the article" links
# after each summary sentence, the admonition labels ("Summary", "Who said what"). The
# "Related briefs" list is marked data-pagefind-ignore where it is made (site.render_related_html).
IGNORED_SELECTORS = (".headerlink", 'a[href^="#evidence-"]', ".admonition-title")
# Pages that only list briefs (their titles and summaries are found on the briefs).
LISTING_PREFIXES = ("archive/", "page/")
LISTING_PAGES = (site.HOME_PAGE, site.TAGS_PAGE, site.PEOPLE_INDEX)
PAGEFIND_TIMEOUT_S = 600
# The template variable (site_config/overrides/main.html) that marks an indexed page.
BODY_FLAG = "pagefind_body"


def uses_pagefind(config: SiteConfig) -> bool:
    """Whether the site's search box is answered by Pagefind."""
    return config.search == PAGEFIND


def theme_dirs(dirs: list[str], config: SiteConfig) -> list[str]:
    """The theme's template folders, with the Pagefind search box first when Pagefind searches."""
    return [str(THEME_DIR), *dirs] if uses_pagefind(config) else list(dirs)


def is_indexed(config: SiteConfig, src_uri: str) -> bool:
    """Whether Pagefind indexes a page: briefs, glossary, people and hand-written pages;
    never the listings (home pages, archive, tags, the people index). The theme marks
    the content of an indexed page with data-pagefind-body; Pagefind skips the others."""
    listing = src_uri in LISTING_PAGES or src_uri.startswith(LISTING_PREFIXES)
    return uses_pagefind(config) and not listing


def _pagefind_command(site_dir: Path) -> list[str]:
    try:
        import pagefind_bin
    except ImportError as err:
        raise SearchIndexError(site_dir, "search: pagefind needs the pagefind_bin package (pip install 'pagefind[bin]')") from err
    command = [str(pagefind_bin.get_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--silent"]
    for selector in IGNORED_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def write_pagefind_index(site_dir: Path) -> None:
    """Index the built site with Pagefind into site_dir/pagefind/, and drop Material's
    whole-site index, which nothing loads then."""
    try:
        result = subprocess.run(_pagefind_command(site_dir), capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(site_dir, f"Pagefind did not run: {err}") from err
    if result.returncode != 0:
        said = " ".join((result.stderr or result.stdout).split()) or f"exit status {result.returncode}"
        raise SearchIndexError(site_dir, f"Pagefind failed: {said}")
    (site_dir / MATERIAL_INDEX).unlink(missing_ok=True)
