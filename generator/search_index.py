"""The site's search with `search: pagefind`: Pagefind's chunked index behind Material's search box.

Material's own search loads one index of every page before its first result (27.6 MB
at 5,000 briefs). Pagefind splits its index into chunks by word, so a search fetches
only the chunks of the words typed and the excerpts of the results it shows. Pagefind
runs over the built site after MkDocs (the binary ships in the `pagefind_bin` wheel:
nothing is downloaded); the theme folder pagefind_theme/ replaces Material's search
box partial with the same markup wired to Pagefind. Only the plugin calls this module.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
import time
from pathlib import Path

from generator import site_layout
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
# "Related briefs" list is marked data-pagefind-ignore where it is made (site_layout.render_related_html).
IGNORED_SELECTORS = (".headerlink", 'a[href^="#evidence-"]', ".admonition-title")
# Pages that only list briefs (their titles and summaries are found on the briefs).
LISTING_PREFIXES = ("archive/", "page/")
LISTING_PAGES = (site_layout.HOME_PAGE, site_layout.TAGS_PAGE, site_layout.PEOPLE_INDEX)
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


def _pagefind_command(site_dir: Path, output: Path) -> list[str]:
    try:
        import pagefind_bin
    except ImportError as err:
        raise SearchIndexError(site_dir, "search: pagefind needs the pagefind_bin package (pip install 'pagefind[bin]')") from err
    command = [str(pagefind_bin.get_executable()), "--site", str(site_dir), "--output-path", str(output), "--silent"]
    for selector in IGNORED_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def _failure(site_dir: Path, returncode: int, output: str) -> SearchIndexError:
    said = " ".join(output.split()) or f"exit status {returncode}"
    return SearchIndexError(site_dir, f"Pagefind failed: {said}")


def write_pagefind_index(site_dir: Path) -> None:
    """Index the built site with Pagefind into site_dir/pagefind/, and drop Material's
    whole-site index, which nothing loads then."""
    try:
        result = subprocess.run(
            _pagefind_command(site_dir, site_dir / BUNDLE_DIR), capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT_S
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(site_dir, f"Pagefind did not run: {err}") from err
    if result.returncode != 0:
        raise _failure(site_dir, result.returncode, result.stderr or result.stdout)
    (site_dir / MATERIAL_INDEX).unlink(missing_ok=True)


def _beside(site_dir: Path, role: str) -> Path:
    """A folder next to the served site where a Pagefind index is written or kept."""
    return site_dir.parent / f"{site_dir.name}.{BUNDLE_DIR}-{role}"


class BackgroundIndexer:
    """Pagefind under `mkdocs serve`: the index is written while the edited page already shows.

    Indexing the whole site takes Pagefind about 24 s at 5,000 briefs, far longer than a
    cached rebuild, so a rebuild does not wait for it. `start` runs Pagefind beside the
    served site into a folder of its own and, when it is done, swaps that folder in as
    site_dir/pagefind/ (two renames); until then the search box answers from the index of
    the build before. A rebuild that starts before Pagefind is done stops it (`set_aside`):
    Pagefind would read pages while MkDocs writes them; and when MkDocs is about to empty
    the site folder (a full rebuild), the index there is moved beside it and put back
    when the rebuild is done. A failure is logged in one line, and the served site stays
    as it is.
    """

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._waiter: threading.Thread | None = None
        self._site_dir: Path | None = None

    def set_aside(self, site_dir: Path) -> None:
        """Before a rebuild: stop any run still going and, if site_dir is there to be
        emptied, move the index it holds beside it (`start` puts it back)."""
        self.cancel()
        bundle = site_dir / BUNDLE_DIR
        if bundle.is_dir():
            kept = _beside(site_dir, "kept")
            shutil.rmtree(kept, ignore_errors=True)
            bundle.rename(kept)

    def start(self, site_dir: Path) -> None:
        """Stop any run still going, drop Material's index, put back the index set aside
        if the site has none, and start Pagefind on site_dir."""
        self.cancel()
        self._site_dir = site_dir
        (site_dir / MATERIAL_INDEX).unlink(missing_ok=True)
        kept, bundle = _beside(site_dir, "kept"), site_dir / BUNDLE_DIR
        if kept.is_dir() and not bundle.exists():
            kept.rename(bundle)
        shutil.rmtree(kept, ignore_errors=True)
        partial = _beside(site_dir, "partial")
        shutil.rmtree(partial, ignore_errors=True)
        try:
            command = _pagefind_command(site_dir, partial)
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except SearchIndexError as err:
            self.log.error(str(err))
            return
        except OSError as err:
            self.log.error(str(SearchIndexError(site_dir, f"Pagefind did not run: {err}")))
            return
        with self._lock:
            self._process = process
        self._waiter = threading.Thread(target=self._finish, args=(process, site_dir, partial), daemon=True)
        self._waiter.start()

    def _finish(self, process: subprocess.Popen[str], site_dir: Path, partial: Path) -> None:
        started = time.perf_counter()
        output, _ = process.communicate()
        with self._lock:
            if process is not self._process:  # cancelled, or another run started
                shutil.rmtree(partial, ignore_errors=True)
                return
            self._process = None
            if process.returncode != 0:
                shutil.rmtree(partial, ignore_errors=True)
                self.log.error(str(_failure(site_dir, process.returncode, output)))
                return
            bundle, retired = site_dir / BUNDLE_DIR, _beside(site_dir, "retired")
            shutil.rmtree(retired, ignore_errors=True)
            if bundle.exists():
                bundle.rename(retired)
            partial.rename(bundle)
        shutil.rmtree(retired, ignore_errors=True)
        self.log.info(f"Search index updated by Pagefind in {time.perf_counter() - started:.1f} s")

    def cancel(self) -> None:
        """Stop a Pagefind run that is still going; its partial index is removed."""
        with self._lock:
            process = self._process
            self._process = None
        if process is not None and process.poll() is None:
            process.kill()
        if self._waiter is not None:
            self._waiter.join()
            self._waiter = None

    def wait(self) -> None:
        """Block until the run started last has finished (its index swapped in, or its failure logged)."""
        if self._waiter is not None:
            self._waiter.join()

    def close(self) -> None:
        """Stop any run still going and remove the folders kept beside the served site."""
        self.cancel()
        if self._site_dir is not None:
            for role in ("kept", "partial", "retired"):
                shutil.rmtree(_beside(self._site_dir, role), ignore_errors=True)
