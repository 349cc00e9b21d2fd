#!/usr/bin/env python3
"""Summary quality and speed: ours against Lead-3, LexRank, TextRank and newspaper4k.

Runs every method on the same dev files in one run and prints, per file, one
table with ROUGE-1/2/L/Lsum, summary length and milliseconds per article.
Scoring, the baselines and the table come from ../shared/eval/score_summaries.py
(imported, not copied), so the numbers are the ones its `baselines` command gives.

Ours runs the pipeline's summary stages in-process (ingest -> segment ->
summarize), as `briefs analyze --jsonl` does; the time shown is summarize()
alone, since sentence splitting is a separate stage (its time is printed too).

    .venv/bin/python benchmarks/summaries.py                  # all three dev files
    .venv/bin/python benchmarks/summaries.py --k 5 --methods lead
    make eval-summaries
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval"
DEV_FILES = ("summaries-dev.jsonl", "summaries-bbc-dev.jsonl", "summaries-summeval-dev.jsonl")
BASELINES = ("lead", "lexrank", "textrank", "newspaper")
OURS = "newsbriefs"

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(EVAL_DIR))

import score_summaries  # noqa: E402  (from ../shared/eval)

from generator import ingest, segment, summarize  # noqa: E402


def run_ours(records: list[dict], k: int) -> tuple[dict[str, list[str]], float, float]:
    """Our summaries, ms per article in summarize() and ms per article in segmentation."""
    summarize.load_model()  # read the weights outside the timed loop
    predictions: dict[str, list[str]] = {}
    summarize_seconds = segment_seconds = 0.0
    for record in records:
        article = ingest.parse_article(record["text"], record["id"], record.get("title"), headline_required=False)
        started = time.perf_counter()
        sentences = segment.split_sentences(article)
        split = time.perf_counter()
        chosen = summarize.summarize(article, sentences, k)
        done = time.perf_counter()
        segment_seconds += split - started
        summarize_seconds += done - split
        predictions[record["id"]] = [sentences[i].text for i in chosen]
    count = max(1, len(records))
    return predictions, 1000 * summarize_seconds / count, 1000 * segment_seconds / count


def run_baseline(method: Callable[[dict], list[str]], records: list[dict]) -> tuple[dict[str, list[str]], float]:
    """A score_summaries.py baseline's summaries and its ms per article."""
    predictions: dict[str, list[str]] = {}
    seconds = 0.0
    for record in records:
        started = time.perf_counter()
        predictions[record["id"]] = list(method(record))
        seconds += time.perf_counter() - started
    return predictions, 1000 * seconds / max(1, len(records))


def benchmark_file(path: Path, methods: list[str], k: int) -> tuple[list[tuple[str, dict]], float]:
    """Rows for one gold file (ours first) and our segmentation ms per article."""
    gold = score_summaries.load_jsonl(str(path))
    scorer = score_summaries.make_scorer()
    predictions, ms, segment_ms = run_ours(gold, k)
    result = score_summaries.score(gold, predictions, scorer)
    result["ms_per_article"] = ms
    rows = [(f"{OURS}-{k}", result)]
    for name in methods:
        method = score_summaries.FACTORIES[name](k)
        predictions, ms = run_baseline(method, gold)
        result = score_summaries.score(gold, predictions, scorer)
        result["ms_per_article"] = ms
        rows.append((f"{name}-{k}", result))
    return rows, segment_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help=f"gold JSONL files (default: the dev files in {EVAL_DIR})")
    parser.add_argument("--k", type=int, default=3, help="sentences per summary (default 3)")
    parser.add_argument("--methods", default=",".join(BASELINES), help="baselines to run beside ours ('' for none)")
    args = parser.parse_args(argv)
    files = args.files or [EVAL_DIR / name for name in DEV_FILES]
    missing = [str(p) for p in files if not p.exists()]
    if missing:
        print(f"error: not found: {', '.join(missing)} (the eval data lives in ../shared/eval)", file=sys.stderr)
        return 1
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    print(f"python {sys.version.split()[0]}; {score_summaries.package_versions()}", file=sys.stderr)
    print(f"baseline sentence splitter: {score_summaries.ensure_punkt_tab(None)}", file=sys.stderr)
    score_summaries.split_sentences("Warm up. Done.")  # build the baselines' splitter outside the timed loop
    for path in files:
        rows, segment_ms = benchmark_file(path, methods, args.k)
        score_summaries.print_table(rows, title=f"{path.name} (k={args.k})")
        print(f"{OURS}: ms/article is summarize() alone; sentence splitting takes {segment_ms:.2f} ms/article more.")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
