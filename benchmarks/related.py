#!/usr/bin/env python3
"""Related-briefs cost per brief: features, every list cold, the update after one edit; before and after, same run.

    .venv/bin/python benchmarks/related.py                         (or: make bench-related)
    .venv/bin/python benchmarks/related.py --briefs-from DIR       real briefs (made by `briefs generate`)
    .venv/bin/python benchmarks/related.py --sizes 500 1000 --rounds 1

The briefs are the first n of --briefs-from DIR, or else synthesised at run time from
the BBC train and dev articles in ../shared/eval (nothing is written): each article runs
through the real pipeline and renderer once, and the pages are cycled (new path, new
date) up to each size. For each size, CPU time (the machine may be shared):

- features: what `site.related_features` does for every brief (its text and entities read
  from the page, and counted), in ms per brief;
- lists cold: `related.related_lists` of the whole site, in ms per brief (numpy, which
  large sites use, is loaded before timing; its one-time import is printed apart);
- update: `related_lists(..., previous)` after one brief is edited as benchmarks/serve_edit.py
  edits it (a sentence appended), and after a paragraph of one brief is deleted: the median
  and the slowest of EDITS briefs, in ms;
- peak MiB: what tracemalloc sees allocated while the cold lists are computed, and the MiB
  the lists keep.

"before" is generator/related.py and generator/sections.py as they were at BASELINE (read
with `git show`, loaded beside the current ones); every list of both is compared.
Targets (issue 14) at 5,000 briefs: lists cold <= 0.25 ms per brief and at most 1.2x the
cost per brief at 500, features <= 0.1 ms per brief, the update well under 0.2 s.

With --build, each size is also built as a real site (`mkdocs build` in a temporary
folder, the repository's mkdocs.yml and site_config/) twice: with related briefs on and
with the plugin's `related_briefs: false`.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import types
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO.parent / "shared" / "eval"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from links import brief_page  # noqa: E402

from generator import brief_file, pipeline, related, site  # noqa: E402
from generator.brief_file import BriefFile  # noqa: E402
from generator.config import load_config  # noqa: E402

SOURCES = ("summaries-bbc-train.jsonl", "summaries-bbc-dev.jsonl")
SIZES = (500, 1_000, 5_000)
BASELINE = "10e9c54"  # main before the related-briefs work of issue 14
EDITS = 5  # briefs edited, one at a time, for the update
APPENDED = "An editor added this sentence at {}."  # as benchmarks/serve_edit.py appends it


def base_briefs() -> list[BriefFile]:
    """Every source article as the page the plugin reads."""
    config = load_config(REPO / "site_config")
    pages = []
    for name in SOURCES:
        for line in (EVAL_DIR / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            brief = pipeline.build_brief(record["text"], record["id"], config, title=record["title"], headline_required=False)
            pages.append(brief_page(brief, config, f"{record['id']}.md"))
    return pages


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


def briefs_in(folder: Path, size: int) -> list[BriefFile]:
    paths = sorted(folder.glob("*.md"))
    if len(paths) < size:
        sys.exit(f"{folder}: {len(paths)} briefs, fewer than {size}")
    return [page for path in paths[:size] if (page := brief_file.parse_page(path.read_text(encoding="utf-8"), path))]


def baseline_modules() -> tuple[types.ModuleType, types.ModuleType] | None:
    """(related, sections) as they were at BASELINE, or None when git cannot show them."""
    modules = []
    for name in ("sections", "related"):
        shown = subprocess.run(["git", "show", f"{BASELINE}:generator/{name}.py"], cwd=REPO, capture_output=True, text=True)
        if shown.returncode != 0:
            return None
        module = types.ModuleType(f"baseline_{name}")
        sys.modules[module.__name__] = module  # dataclasses look their module up
        source = shown.stdout.replace("from generator.sections import", "from baseline_sections import")
        exec(compile(source, f"{BASELINE}:generator/{name}.py", "exec"), module.__dict__)  # noqa: S102 (our own code, from git)
        modules.append(module)
    return modules[1], modules[0]


@dataclasses.dataclass
class Method:
    """One implementation of the related lists: its module and how it reads a page's features."""

    label: str
    module: types.ModuleType
    features: Callable[[str, frozenset[str]], object]  # a brief's text and entities -> its features

    def page_features(self, page: BriefFile) -> object:
        """What site.related_features does: the page's words and entities read, and counted."""
        return self.features(site.page_text(page), site._entities(page))  # noqa: SLF001


def cpu(call: Callable[[], object], rounds: int) -> tuple[float, object]:
    """The least CPU seconds of `rounds` calls, and what the last returned."""
    best, result = float("inf"), None
    for _ in range(rounds):
        started = time.process_time()
        result = call()
        best = min(best, time.process_time() - started)
    return best, result


def inputs_of(module: types.ModuleType, pages: list[BriefFile]) -> list:
    return [module.RelatedInput(page.name, page.front_matter.date or page.front_matter.added, page.front_matter.section) for page in pages]


def measure(method: Method, pages: list[BriefFile], texts: list[tuple[str, frozenset[str]]], rounds: int) -> dict:
    """Features, lists cold, memory and updates of one method on one site."""
    features_s, features = cpu(lambda: {page.name: method.page_features(page) for page in pages}, rounds)
    inputs = inputs_of(method.module, pages)
    lists_s, lists = cpu(lambda: method.module.related_lists(inputs, features), rounds)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = method.module.related_lists(inputs, features)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    updates: dict[str, list[float]] = {"sentence appended": [], "paragraph deleted": []}
    for number in range(EDITS):
        position = (number * 997 + 13) % len(pages)
        key, (text, entities) = pages[position].name, texts[position]
        paragraphs = text.rstrip().split("\n\n")
        for kind, edited in (
            ("sentence appended", f"{text}\n{APPENDED.format(1_764_000_000 + number)}\n"),
            ("paragraph deleted", "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 1 else text[: len(text) // 2]),
        ):
            changed = {**features, key: method.features(edited, entities)}
            seconds, _ = cpu(lambda changed=changed: method.module.related_lists(inputs, changed, lists), 1)
            updates[kind].append(seconds)
    return {
        "features": features_s / len(pages) * 1000,
        "lists": lists_s / len(pages) * 1000,
        "peak": (peak - before) / 2**20,
        "kept": (current - before) / 2**20,
        "updates": updates,
        "related": {page.name: lists.related(page.name) for page in pages},
    }


def numpy_import_seconds() -> float:
    """CPU seconds a fresh interpreter spends importing numpy (paid once per build of a large site)."""
    code = "import time; started = time.process_time(); import numpy; print(time.process_time() - started)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


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
    parser.add_argument("--briefs-from", type=Path, metavar="DIR", help="use the first briefs of DIR instead of synthesising them")
    parser.add_argument("--rounds", type=int, default=3, help="cold timings are the least of this many runs")
    parser.add_argument("--build", action="store_true", help="also time mkdocs build with related briefs on and off")
    args = parser.parse_args()
    importlib.import_module("numpy")  # loaded before any timing: see numpy_import_seconds

    methods = [Method("after", related, related.brief_features)]
    baseline = baseline_modules()
    if baseline is None:
        print(f"git cannot show {BASELINE}: no 'before' column")
    else:
        methods.insert(0, Method("before", baseline[0], baseline[0].brief_features))
    base = None if args.briefs_from else base_briefs()
    results: dict[int, dict[str, dict]] = {}
    for size in args.sizes:
        pages = briefs_in(args.briefs_from, size) if args.briefs_from else site_of(size, base)
        # A page's words and entities, to edit for the updates.
        texts = [(site.page_text(page), site._entities(page)) for page in pages]  # noqa: SLF001
        results[size] = {method.label: measure(method, pages, texts, args.rounds) for method in methods}
        print(f"{size} briefs measured", flush=True)
    labels = [method.label for method in methods]
    print(f"\nCPU per brief, ms ({', '.join(labels)}); numpy import {numpy_import_seconds():.2f} s once per process, not included")
    print(f"{'briefs':>7} {'features':>17} {'lists cold':>17} {'peak MiB':>15} {'kept MiB':>15} {'same lists':>11}")
    for size, by_method in results.items():
        same = len({json.dumps(result["related"], sort_keys=True) for result in by_method.values()}) == 1
        row = [" / ".join(f"{by_method[label][column]:.3f}" for label in labels) for column in ("features", "lists")]
        row += [" / ".join(f"{by_method[label][column]:.1f}" for label in labels) for column in ("peak", "kept")]
        print(f"{size:7d} {row[0]:>17} {row[1]:>17} {row[2]:>15} {row[3]:>15} {'yes' if same else 'NO':>11}")
    first, last = min(results), max(results)
    for label in labels:
        growth = results[last][label]["lists"] / results[first][label]["lists"]
        print(f"{label}: lists cold per brief at {last} / at {first}: {growth:.2f}x")
    print(f"\nupdate after one edit, ms: median / slowest of {EDITS} briefs ({', '.join(labels)})")
    print(f"{'briefs':>7} {'sentence appended':>30} {'paragraph deleted':>30}")
    for size, by_method in results.items():
        cells = []
        for kind in ("sentence appended", "paragraph deleted"):
            cells.append(
                "  ".join(
                    f"{statistics.median(by_method[label]['updates'][kind]) * 1000:.0f}/{max(by_method[label]['updates'][kind]) * 1000:.0f}"
                    for label in labels
                )
            )
        print(f"{size:7d} {cells[0]:>30} {cells[1]:>30}")
    if args.build:
        texts = [path.read_text(encoding="utf-8") for path in sorted(args.briefs_from.glob("*.md"))] if args.briefs_from else [page.text for page in base]
        print(f"\n{'briefs':>7} {'build, related on s':>20} {'off s':>8} {'on/off':>7}")
        for size in args.sizes:
            on, off = time_builds(size, texts)
            print(f"{size:7d} {on:20.1f} {off:8.1f} {on / off:7.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
