#!/usr/bin/env python3
"""Related-brief cost: the index built once per build against the old per-page method, same run.

    .venv/bin/python benchmarks/related.py             (or: make bench-related)
    .venv/bin/python benchmarks/related.py --sizes 500 1000

Briefs are synthesised at run time from the BBC train and dev articles in
../shared/eval (nothing is written): each article runs through the real
pipeline and renderer once, and the pages are cycled (new path, new date)
up to each size. Timed, for every page of a site of n briefs:

- old: the method this replaced, kept here as the baseline: for each page,
  compare it with every other page, rebuilding both feature sets each time
  (n x n);
- new: `site.related_index` (every vector once, an inverted index) and then
  one `related()` look-up per page, as the plugin does in on_files and
  on_page_markdown.

The ratio old/new should grow with n: the old method is quadratic.

With --build, each size is also built as a real site (`mkdocs build` in a
temporary folder, the repository's mkdocs.yml and site_config/) twice: with
related briefs on and with the plugin's `related_briefs: false`.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO.parent / "shared" / "eval"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from links import brief_page  # noqa: E402

from generator import pipeline, render, site  # noqa: E402
from generator.brief_file import BriefFile  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.slugs import slugify  # noqa: E402

SOURCES = ("summaries-bbc-train.jsonl", "summaries-bbc-dev.jsonl")
SIZES = (500, 1_000, 2_000)
OLD_COUNT = 3


def old_related_briefs(page: BriefFile, pages: list[BriefFile]) -> list[BriefFile]:
    """The method before the index: every page against every other, features rebuilt each time."""
    mine = old_features(page)
    scored = []
    for other in pages:
        if other.name == page.name:
            continue
        shared = len(mine & old_features(other))
        if shared:
            front = other.front_matter
            scored.append((-shared, -(front.date or dt.date.min).toordinal(), front.title, other))
    return [other for *_, other in sorted(scored, key=lambda s: s[:3])[:OLD_COUNT]]


def old_features(page: BriefFile) -> set[str]:
    front = page.front_matter
    speakers = {f"speaker:{slugify(s.name)}" for s in front.speakers}
    return speakers | {f"{s}#2" for s in speakers} | {f"term:{g}" for g in front.glossary} | {f"tag:{t.lower()}" for t in front.tags}


def base_briefs() -> tuple[list[BriefFile], list[str]]:
    """Every source article as the page the plugin reads and as the brief file's text."""
    config = load_config(REPO / "site_config")
    pages, texts = [], []
    for name in SOURCES:
        for line in (EVAL_DIR / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            brief = pipeline.build_brief(record["text"], record["id"], config, title=record["title"], headline_required=False)
            pages.append(brief_page(brief, config, f"{record['id']}.md"))
            texts.append(render.render_brief(brief, config).text)
    return pages, texts


def site_of(size: int, base: list[BriefFile]) -> list[BriefFile]:
    start = dt.date(2020, 1, 1)
    return [
        dataclasses.replace(
            base[i % len(base)],
            path=Path(f"brief-{i:05d}.md"),
            front_matter=dataclasses.replace(base[i % len(base)].front_matter, date=start + dt.timedelta(days=i % 1500)),
        )
        for i in range(size)
    ]


def time_old(pages: list[BriefFile]) -> float:
    started = time.perf_counter()
    for page in pages:
        old_related_briefs(page, pages)
    return time.perf_counter() - started


def time_new(pages: list[BriefFile]) -> tuple[float, float]:
    """(index build, all look-ups)."""
    started = time.perf_counter()
    index = site.related_index(pages)
    built = time.perf_counter() - started
    started = time.perf_counter()
    for page in pages:
        index.related(page.name)
    return built, time.perf_counter() - started


def time_builds(size: int, texts: list[str]) -> tuple[float, float]:
    """Seconds for `mkdocs build` of a site of `size` briefs: (related on, related off)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(REPO / "site_config", root / "site_config")
        (root / "briefs").mkdir()
        for i in range(size):
            (root / "briefs" / f"brief-{i:05d}.md").write_text(texts[i % len(texts)], encoding="utf-8")
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "on.yml").write_text(config, encoding="utf-8")
        (root / "off.yml").write_text(config.replace("related_briefs: true", "related_briefs: false"), encoding="utf-8")
        off = build_seconds(root, "off.yml")  # first, so any warm-up counts against "off"
        return build_seconds(root, "on.yml"), off


def build_seconds(root: Path, config_file: str) -> float:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", config_file, "-d", "site"]
    started = time.perf_counter()
    subprocess.run(command, cwd=root, env=environment, check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="site sizes in briefs")
    parser.add_argument("--build", action="store_true", help="also time mkdocs build with related briefs on and off")
    args = parser.parse_args()
    started = time.perf_counter()
    base, texts = base_briefs()
    print(f"{len(base)} distinct BBC briefs through the pipeline in {time.perf_counter() - started:.1f} s", flush=True)
    print(f"{'briefs':>7} {'old s':>9} {'new s':>9} {'(index':>8} {'lookups)':>9} {'old/new':>8}")
    for size in args.sizes:
        pages = site_of(size, base)
        old = time_old(pages)
        built, looked_up = time_new(pages)
        new = built + looked_up
        print(f"{size:7d} {old:9.3f} {new:9.3f} {built:8.3f} {looked_up:9.3f} {old / new:8.1f}", flush=True)
    if args.build:
        print(f"\n{'briefs':>7} {'build, related on s':>20} {'off s':>8} {'on/off':>7}")
        for size in args.sizes:
            on, off = time_builds(size, texts)
            print(f"{size:7d} {on:20.1f} {off:8.1f} {on / off:7.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
