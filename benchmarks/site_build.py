#!/usr/bin/env python3
"""Site build: our `mkdocs build`, cold and cached, against the same pages under plain Material, in turn.

    .venv/bin/python benchmarks/site_build.py               (or: make bench-site)
    .venv/bin/python benchmarks/site_build.py --sizes 500 1000 5000
    .venv/bin/python benchmarks/site_build.py --profile 1000   cProfile of one cold build of ours
    .venv/bin/python benchmarks/site_build.py --profile 1000 --cached   ... of a cached one
    .venv/bin/python benchmarks/site_build.py --briefs-from DIR   reuse briefs made before

Briefs are generated at run time by the real `briefs generate --jobs 2` from the
shared eval texts (benchmarks/generation.py makes the articles) in a temporary
folder; nothing is written to the repository. For each size the first n briefs
are built three ways, in turn, each round:

- A, ours, cold: the repository's mkdocs.yml (search, the briefs plugin, tags,
  rss) with the plugin's cache folder deleted first, as a first build or CI
  without a kept cache;
- B, plain Material: the same briefs plus the pages our plugin generates (home,
  archive, glossary, people, tags), written out once as ordinary Markdown files,
  built with the same theme, extensions and nav but only the search and tags plugins;
- A', ours, cached: ours again right after A, the plugin's cache (.cache/plugin/briefs,
  every brief's facts by content hash) as A left it: a build after a build.

Each build is a fresh `mkdocs build` process; its wall time, CPU time (user +
system: what a busy shared machine disturbs least) and peak resident memory
(getrusage of that child) are recorded; the best of the rounds is printed. The
generator package is byte-compiled first, as pip compiles an installed package
(and as Material's is): where PYTHONDONTWRITEBYTECODE is set, every build would
otherwise compile our modules from source, a cost plain Material never pays.
Targets (issue 14): ours at most 1.10x plain Material at every size, and time per
brief at the largest size within 1.2x of that at the smallest.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generation import article_texts, make_project, run_generate  # noqa: E402

SIZES = (500, 1_000)
ROUNDS = 2
GENERATE_JOBS = 2
PLUGINS_OURS_ONLY = ("briefs", "rss", "briefs-page-cache")
CACHE_DIR = ".cache"  # the briefs plugin's (mkdocs.yml: cache_dir), below the project folder


def generated_briefs(root: Path, size: int) -> list[Path]:
    """`size` briefs made by `briefs generate` in root/ (a project folder)."""
    make_project(root, article_texts(size))
    started = time.perf_counter()
    run_generate(root, GENERATE_JOBS)
    briefs = sorted((root / "briefs").glob("*.md"))
    print(f"generated {len(briefs)} briefs in {time.perf_counter() - started:.0f} s (--jobs {GENERATE_JOBS})", flush=True)
    return briefs


def site_of(root: Path, briefs: list[Path], size: int) -> Path:
    """A project folder holding the first `size` briefs, with our mkdocs.yml and site_config/."""
    folder = root / f"site-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "briefs").mkdir(parents=True)
    shutil.copytree(REPO / "site_config", folder / "site_config")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    for path in briefs[:size]:
        shutil.copy(path, folder / "briefs" / path.name)
    return folder


def plain_material(folder: Path) -> Path:
    """The same site for plain Material: our generated pages as files, our plugins left out."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(folder / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    docs = folder / "plain-docs"
    shutil.copytree(folder / "briefs", docs)
    for file in files:
        if file.generated_by == "briefs":
            target = docs / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(file.content_string, encoding="utf-8")
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: briefs", "docs_dir: plain-docs")
    for name in PLUGINS_OURS_ONLY:  # a plugin entry: "  - name" or "  - name:" and its indented options
        text = re.sub(rf"\n  # [^\n]*\n  - {name}(:\n(    [^\n]*\n)*|\n)", "\n", text)
        text = re.sub(rf"\n  - {name}(:\n(    [^\n]*\n)*|\n)", "\n", text)
    (folder / "plain.yml").write_text(text, encoding="utf-8")
    return folder / "plain.yml"


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the build process: what a busy shared machine disturbs least
    peak_mib: float


def build(folder: Path, config_file: str) -> Run:
    """Wall time, CPU time and peak memory of one `mkdocs build` in its own process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", config_file, "-d", "out"]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, env=environment)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"mkdocs build -f {config_file} failed in {folder}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


VARIANTS = ("cold", "plain", "cached")


def measure(folder: Path, plain: Path, rounds: int) -> dict[str, Run]:
    """Best wall and CPU seconds and the peak MiB of each variant, built in turn each round."""
    runs: dict[str, list[Run]] = {name: [] for name in VARIANTS}
    for _ in range(rounds):
        shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)
        runs["cold"].append(build(folder, "mkdocs.yml"))
        runs["plain"].append(build(folder, plain.name))
        runs["cached"].append(build(folder, "mkdocs.yml"))
    return {
        name: Run(min(r.seconds for r in done), min(r.cpu_seconds for r in done), max(r.peak_mib for r in done))
        for name, done in runs.items()
    }


def profile(folder: Path, cached: bool) -> None:
    """cProfile of one build of ours in this process: cold, or cached (after a build that fills the cache)."""
    import cProfile
    import pstats

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.chdir(folder)
    if cached:
        build(folder, "mkdocs.yml")
    config = load_config("mkdocs.yml", site_dir=str(folder / "out"))
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    profiler = cProfile.Profile()
    profiler.runcall(mkdocs_build, config)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def print_table(rows: list[tuple[int, dict[str, Run]]]) -> None:
    """Wall time, CPU time and memory of each variant per size, ratios against plain Material."""
    print(
        f"\n{'':7}{'wall s':>26}{'':14}{'CPU s':>22}{'':16}{'ms/brief (wall)':>22}{'peak MiB':>20}"
        f"\n{'briefs':>7}{'plain':>9}{'cold':>8}{'ratio':>7}{'cached':>8}{'ratio':>7}"
        f"{'plain':>9}{'cold':>8}{'ratio':>7}{'cached':>8}{'ratio':>7}"
        f"{'plain':>8}{'cold':>7}{'cached':>8}{'plain':>8}{'cold':>7}{'cached':>8}"
    )
    for size, result in rows:
        plain, cold, cached = result["plain"], result["cold"], result["cached"]
        print(
            f"{size:7d}{plain.seconds:9.1f}{cold.seconds:8.1f}{cold.seconds / plain.seconds:7.2f}"
            f"{cached.seconds:8.1f}{cached.seconds / plain.seconds:7.2f}"
            f"{plain.cpu_seconds:9.1f}{cold.cpu_seconds:8.1f}{cold.cpu_seconds / plain.cpu_seconds:7.2f}"
            f"{cached.cpu_seconds:8.1f}{cached.cpu_seconds / plain.cpu_seconds:7.2f}"
            f"{1000 * plain.seconds / size:8.1f}{1000 * cold.seconds / size:7.1f}{1000 * cached.seconds / size:8.1f}"
            f"{plain.peak_mib:8.0f}{cold.peak_mib:7.0f}{cached.peak_mib:8.0f}"
        )
    if len(rows) > 1:
        (small, first), (large, last) = rows[0], rows[-1]
        print(f"\ntime per brief at {large} vs {small} (target <= 1.2x):")
        for name in VARIANTS:
            wall = (last[name].seconds / large) / (first[name].seconds / small)
            cpu = (last[name].cpu_seconds / large) / (first[name].cpu_seconds / small)
            print(f"  {name:7} wall {wall:.2f}x, CPU {cpu:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="site sizes in briefs (default 500 1000)")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"rounds of cold, plain and cached builds per size (default {ROUNDS})")
    parser.add_argument("--profile", type=int, metavar="N", help="instead: profile one cold build of ours with N briefs")
    parser.add_argument("--cached", action="store_true", help="with --profile: profile a cached build (after one that fills the cache)")
    parser.add_argument(
        "--briefs-from", type=Path, metavar="DIR", help="use the briefs in DIR (made by an earlier `briefs generate`) instead of generating them"
    )
    args = parser.parse_args()
    sizes = [args.profile] if args.profile else sorted(args.sizes)
    compileall.compile_dir(REPO / "generator", quiet=1)  # see the module's docstring
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        briefs = sorted(args.briefs_from.glob("*.md")) if args.briefs_from else generated_briefs(root / "project", max(sizes))
        if len(briefs) < max(sizes):
            sys.exit(f"{args.briefs_from}: {len(briefs)} briefs, fewer than {max(sizes)}")
        if args.profile:
            profile(site_of(root, briefs, args.profile), args.cached)
            return 0
        rows = []
        for size in sizes:
            folder = site_of(root, briefs, size)
            result = measure(folder, plain_material(folder), args.rounds)
            rows.append((size, result))
            print(
                f"  {size} briefs: ours {result['cold'].seconds:.1f} s cold, {result['cached'].seconds:.1f} s cached; "
                f"plain Material {result['plain'].seconds:.1f} s",
                flush=True,
            )
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
