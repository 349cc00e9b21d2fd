"""Shared fixtures: the repository's paths, a test configuration, a built site.

Tests never read the user's seeds/ or briefs/: projects are built in temporary
folders from the articles in tests/fixtures/, so adding an article to seeds/
never changes what a test sees."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.config import SiteConfig, load_config

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
# The article the tests' projects are built from (a copy of the example in seeds/).
SEED = FIXTURES / "russia_deployment.txt"
SEED_BRIEF = "russia-mulls-cuba-venezuela-deployment.md"
GOLDEN = REPO / "tests" / "golden"
EVAL_DIR = REPO.parent / "shared" / "eval"
# Briefs built in tests carry a fixed "added" date, so output is stable.
TEST_DATE = dt.date(2022, 1, 12)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--save-screenshots",
        action="store_true",
        help="write the browser tests' screenshots to docs/screenshots/ (make screenshots)",
    )


@pytest.fixture(scope="session")
def site_config() -> SiteConfig:
    return load_config(REPO / "site_config")


def run_briefs(*args: str, cwd: Path = REPO, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real `briefs` command line, in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def make_project(tmp: Path, articles: tuple[Path, ...] = (SEED,)) -> Path:
    """A project in tmp: the site configuration and mkdocs.yml, seeds/ holding test
    fixture articles (never the user's seeds/), and an empty briefs/."""
    shutil.copytree(REPO / "site_config", tmp / "site_config")
    shutil.copy(REPO / "mkdocs.yml", tmp / "mkdocs.yml")
    (tmp / "seeds").mkdir()
    for article in articles:
        shutil.copy(article, tmp / "seeds" / article.name)
    (tmp / "briefs").mkdir()
    return tmp


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 (a free port) while the block runs; yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def use_search(project: Path, engine: str) -> None:
    """Answer a project's search box with `engine` (material or pagefind), as an editor
    would: the briefs plugin's `search` option in mkdocs.yml."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^(\s*)- briefs:\n", rf"\g<0>\g<1>    search: {engine}\n", config.read_text(encoding="utf-8"), count=1)
    assert count == 1, f"no briefs plugin with options in {config}"
    config.write_text(text, encoding="utf-8")


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a project folder."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds generated into briefs and built with `mkdocs build --strict`."""
    project = make_project(tmp_path_factory.mktemp("project"))
    generated = run_briefs("generate", cwd=project)
    assert generated.returncode == 0, generated.stderr
    site_dir = project / "site"
    built = build_site(project, site_dir)
    assert built.returncode == 0, built.stderr
    return site_dir
