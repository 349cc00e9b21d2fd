#!/usr/bin/env python3
"""`briefs generate` at scale: first run, a run with nothing changed, one article changed, a glossary edit.

    .venv/bin/python benchmarks/generation.py               (or: make bench-generation)
    .venv/bin/python benchmarks/generation.py --size 5000   the full measure

Articles are made at run time from the shared eval texts (../shared/eval: BBC and
CNN/DailyMail, headline on the first line) in a temporary project folder, never
in the repository; beyond the number of distinct texts they are reused with a
numbered headline. The project is the repository's mkdocs.yml and site_config/.
Each step runs the real `briefs generate` command (a fresh process, as a user
runs it) and is timed from outside, once with --jobs 1 and once with --jobs 2,
each in its own project folder:

- first: every brief generated;
- again: nothing changed (target: under 2 s at 5,000 briefs);
- one changed: one article edited, so one brief is regenerated;
- glossary edit: a term added to glossary.yml, so only the briefs that mention it change.

After each step the benchmark counts the brief files whose bytes changed, so
"does no work" and "only the briefs whose links change" are checked, not assumed.
"""

from __future__ import annotations

import argparse
import hashlib
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
SOURCES = ("summaries-bbc-train.jsonl", "summaries-bbc-dev.jsonl", "summaries-dev.jsonl", "summaries-train.jsonl")
DEFAULT_SIZE = 300
JOBS = (1, 2)
# A term that some articles mention and most do not, so a glossary edit touches a few briefs.
NEW_TERM = (
    "\n  - term: Premier League\n"
    "    definition: The top division of English football.\n"
)


def article_texts(size: int) -> list[str]:
    """`size` article files' texts: headline, blank line, body; reused texts get a numbered headline."""
    records = []
    for name in SOURCES:
        for line in (EVAL_DIR / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            title = record.get("title") or record["text"].split(".", 1)[0][:80]
            records.append((title.strip(), record["text"].strip()))
            if len(records) >= size:
                break
        if len(records) >= size:
            break
    texts = []
    for i in range(size):
        title, body = records[i % len(records)]
        if i >= len(records):
            title = f"{title} ({i // len(records) + 1})"
        texts.append(f"{title}\n\n{body}\n")
    return texts


def make_project(root: Path, texts: list[str]) -> None:
    shutil.copytree(REPO / "site_config", root / "site_config")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    seeds = root / "seeds"
    seeds.mkdir()
    for i, text in enumerate(texts):
        (seeds / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")


def brief_hashes(root: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "briefs").glob("*.md")}


def run_generate(root: Path, jobs: int) -> float:
    briefs = Path(sys.executable).with_name("briefs")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run([str(briefs), "generate", "--jobs", str(jobs)], cwd=root, env=environment, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"briefs generate failed:\n{result.stderr}")
    return elapsed


def measure(root: Path, jobs: int, size: int) -> list[tuple[str, float, int]]:
    """(step, seconds, briefs whose file changed) for each step."""
    rows = []
    before = brief_hashes(root) if (root / "briefs").is_dir() else {}

    def step(name: str) -> None:
        nonlocal before
        seconds = run_generate(root, jobs)
        after = brief_hashes(root)
        changed = sum(1 for name_, digest in after.items() if before.get(name_) != digest)
        rows.append((name, seconds, changed))
        print(f"  --jobs {jobs} {name:<16} {seconds:8.2f} s {changed:6d} briefs written", flush=True)
        before = after

    step("first")
    step("again")
    article = root / "seeds" / "article-00000.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nA closing sentence added by an editor.\n", encoding="utf-8")
    step("one changed")
    glossary = root / "site_config" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + NEW_TERM, encoding="utf-8")
    step("glossary edit")
    step("again")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help=f"articles (default {DEFAULT_SIZE}; the issue's measure is 5000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=list(JOBS), help="--jobs values to compare")
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them (for profiling)")
    args = parser.parse_args()
    texts = article_texts(args.size)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        base = args.keep or Path(folder)
        for jobs in args.jobs:
            root = base / f"jobs-{jobs}"
            shutil.rmtree(root, ignore_errors=True)
            make_project(root, texts)
            print(f"{args.size} articles, --jobs {jobs}:", flush=True)
            results[jobs] = measure(root, jobs, args.size)
    print(f"\n{'step':<16}" + "".join(f"{f'--jobs {j} s':>13}{'written':>9}" for j in args.jobs) + f"{'ms/brief':>10}")
    for index, (name, *_rest) in enumerate(results[args.jobs[0]]):
        cells = "".join(f"{results[j][index][1]:13.2f}{results[j][index][2]:9d}" for j in args.jobs)
        per_brief = 1000 * results[args.jobs[0]][index][1] / args.size
        print(f"{name:<16}{cells}{per_brief:10.2f}")
    if len(args.jobs) > 1:
        first = [results[j][0][1] for j in args.jobs]
        print(f"\nfirst run speed-up, --jobs {args.jobs[-1]} vs --jobs {args.jobs[0]}: {first[0] / first[-1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
