#!/usr/bin/env python3
"""Summary quality, hygiene and speed: ours against Lead-3, LexRank, TextRank and newspaper4k.

One run measures three things, each with every method side by side:

1. 5-fold cross-validation on the train files only (summaries-train.jsonl,
   CNN/DailyMail; summaries-bbc-train.jsonl, BBC): ours is refitted on four
   folds and summarizes the fifth (scripts/fit_summarizer.py), the baselines
   (which learn nothing) summarize every train article.
2. The dev files (CNN/DailyMail, BBC, SummEval), used once to report: ours
   with the shipped weights (generator/data/summarizer.json).
3. Editorial hygiene (../shared/eval/summary_hygiene.py: lede present,
   dangling openers, quotes without a speaker, boilerplate, repeats) on BBC
   (held-out train summaries and dev) and on US political news (the texts of
   quotes-dev.jsonl, which have no reference summaries; hygiene needs none).

Scoring, the baselines and the tables come from ../shared/eval/score_summaries.py
(imported, not copied), so the numbers are the ones its `baselines` command gives.
Ours runs the summary stages in-process (ingest -> segment -> summarize), as
`briefs analyze --jsonl` does; its time is summarize() alone.

The baselines do not depend on this project's code, and LexRank and TextRank
take minutes on the 3,580 train articles, so their predictions are kept in
.eval/baselines/ (keyed by file, size and method) and reused; --fresh-baselines
recomputes them.

    .venv/bin/python benchmarks/summaries.py                   # CV, dev and hygiene
    .venv/bin/python benchmarks/summaries.py --skip-cv         # dev and hygiene only
    make eval-summaries
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval"
DEV_FILES = ("summaries-dev.jsonl", "summaries-bbc-dev.jsonl", "summaries-summeval-dev.jsonl")
# Articles without reference summaries, scored for hygiene only: US political news (PolNeAR).
HYGIENE_ONLY_FILE = "quotes-dev.jsonl"
BBC_DEV_FILE = "summaries-bbc-dev.jsonl"
BASELINES = ("lead", "lexrank", "textrank", "newspaper")
OURS = "newsbriefs"
CACHE_DIR = ROOT / ".eval" / "baselines"

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(EVAL_DIR))

import fit_summarizer  # noqa: E402  (scripts/)
import score_summaries  # noqa: E402  (from ../shared/eval)
from summary_hygiene import hygiene  # noqa: E402  (from ../shared/eval)

from generator import ingest, segment, summarize  # noqa: E402

Predictions = dict[str, list[str]]


def run_ours(records: list[dict], k: int) -> tuple[Predictions, float, float]:
    """Our summaries, ms per article in summarize() and ms per article in segmentation."""
    summarize.load_model()  # read the weights outside the timed loop
    predictions: Predictions = {}
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


def _run_baseline(method: Callable[[dict], list[str]], records: list[dict]) -> tuple[Predictions, float]:
    predictions: Predictions = {}
    seconds = 0.0
    for record in records:
        started = time.perf_counter()
        predictions[record["id"]] = list(method(record))
        seconds += time.perf_counter() - started
    return predictions, 1000 * seconds / max(1, len(records))


def baseline_predictions(name: str, k: int, path: Path, records: list[dict], fresh: bool) -> tuple[Predictions, float]:
    """A score_summaries.py baseline's summaries and ms per article, from the cache when it has them."""
    cache = CACHE_DIR / f"{path.stem}-{path.stat().st_size}-{name}-{k}.json"
    if cache.exists() and not fresh:
        data = json.loads(cache.read_text(encoding="utf-8"))
        return data["predictions"], data["ms_per_article"]
    predictions, ms = _run_baseline(score_summaries.FACTORIES[name](k), records)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"predictions": predictions, "ms_per_article": ms}), encoding="utf-8")
    return predictions, ms


def score_rows(gold: list[dict], methods: dict[str, tuple[Predictions, float | None]]) -> list[tuple[str, dict]]:
    """score_summaries.py's result per method, with its time, in the order given."""
    scorer = score_summaries.make_scorer()
    rows = []
    for name, (predictions, ms) in methods.items():
        result = score_summaries.score(gold, predictions, scorer)
        result["ms_per_article"] = ms
        rows.append((name, result))
    return rows


def all_baselines(path: Path, records: list[dict], names: list[str], k: int, fresh: bool) -> dict[str, tuple[Predictions, float]]:
    return {f"{name}-{k}": baseline_predictions(name, k, path, records, fresh) for name in names}


def print_hygiene(rows: list[tuple[str, str, dict]]) -> None:
    """One line per (source, method): lede share and flagged summary sentences, in percent."""
    print("| source | method | articles | lede % | dangling % | in_quote % | junk % | duplicate % | flagged % |")
    print("|" + "---|" * 9)
    for source, method, h in rows:
        pct = h["pct"]
        print(
            f"| {source} | {method} | {h['articles']} | {h['lede_pct']} | {pct['dangling']} | {pct['in_quote']} | "
            f"{pct['junk']} | {pct['duplicate']} | {h['any_flag_pct']} |"
        )


def hygiene_rows(source: str, records: list[dict], methods: dict[str, tuple[Predictions, float | None]]) -> list[tuple[str, str, dict]]:
    return [(source, name, hygiene(records, {i: {"summary": s} for i, s in preds.items()})) for name, (preds, _) in methods.items()]


def cross_validation(baselines: list[str], k: int, fresh: bool) -> list[tuple[str, str, dict]]:
    """Print the CV tables (train files only); return hygiene rows for the BBC train articles."""
    print(f"\n## {fit_summarizer.FOLDS}-fold cross-validation on the train files (k={k})")
    examples, records_by_file = [], {}
    for name in fit_summarizer.TRAIN_FILES:
        path = EVAL_DIR / name
        records_by_file[name] = score_summaries.load_jsonl(str(path))
        examples.extend(fit_summarizer.load_examples(path))
    started = time.perf_counter()
    held_out = fit_summarizer.held_out_summaries(examples)
    print(f"{OURS}: fitted {fit_summarizer.FOLDS} times and summarized held-out articles in {time.perf_counter() - started:.0f} s")
    ours = {examples[i].id: summary for i, summary in held_out.items()}
    hygiene_lines = []
    for name, records in records_by_file.items():
        methods = {f"{OURS}-{k} (CV)": ({r["id"]: ours.get(r["id"], []) for r in records}, None)}
        methods.update(all_baselines(EVAL_DIR / name, records, baselines, k, fresh))
        score_summaries.print_table(score_rows(records, methods), title=f"{name}: held-out folds (k={k})")
        if "bbc" in name:
            hygiene_lines += hygiene_rows("BBC train (CV)", records, methods)
        sys.stdout.flush()
    return hygiene_lines


def dev_files(baselines: list[str], k: int, fresh: bool) -> list[tuple[str, str, dict]]:
    """Print the dev tables; return hygiene rows for BBC dev."""
    print(f"\n## Dev files, used once to report (k={k}; shipped weights)")
    hygiene_lines = []
    for name in DEV_FILES:
        path = EVAL_DIR / name
        gold = score_summaries.load_jsonl(str(path))
        predictions, ms, segment_ms = run_ours(gold, k)
        methods = {f"{OURS}-{k}": (predictions, ms)}
        methods.update(all_baselines(path, gold, baselines, k, fresh))
        score_summaries.print_table(score_rows(gold, methods), title=f"{name} (k={k})")
        print(f"{OURS}: ms/article is summarize() alone; sentence splitting takes {segment_ms:.2f} ms/article more.")
        if name == BBC_DEV_FILE:
            hygiene_lines += hygiene_rows("BBC dev", gold, methods)
        sys.stdout.flush()
    return hygiene_lines


def us_political(baselines: list[str], k: int, fresh: bool) -> list[tuple[str, str, dict]]:
    path = EVAL_DIR / HYGIENE_ONLY_FILE
    records = score_summaries.load_jsonl(str(path))
    methods = {f"{OURS}-{k}": run_ours(records, k)[:2]}
    methods.update(all_baselines(path, records, baselines, k, fresh))
    return hygiene_rows("US political (quotes-dev)", records, methods)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--k", type=int, default=3, help="sentences per summary, at most (default 3)")
    parser.add_argument("--methods", default=",".join(BASELINES), help="baselines to run beside ours ('' for none)")
    parser.add_argument("--skip-cv", action="store_true", help="leave out the cross-validation on the train files")
    parser.add_argument("--fresh-baselines", action="store_true", help=f"recompute baseline predictions kept in {CACHE_DIR.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    needed = [*DEV_FILES, HYGIENE_ONLY_FILE, *([] if args.skip_cv else fit_summarizer.TRAIN_FILES)]
    missing = [name for name in needed if not (EVAL_DIR / name).exists()]
    if missing:
        print(f"error: {EVAL_DIR}: missing {', '.join(missing)} (the shared eval folder next to the repo)", file=sys.stderr)
        return 1
    baselines = [m.strip() for m in args.methods.split(",") if m.strip()]
    print(f"python {sys.version.split()[0]}; {score_summaries.package_versions()}", file=sys.stderr)
    print(f"baseline sentence splitter: {score_summaries.ensure_punkt_tab(None)}", file=sys.stderr)
    score_summaries.split_sentences("Warm up. Done.")  # build the baselines' splitter outside the timed loop
    hygiene_lines = [] if args.skip_cv else cross_validation(baselines, args.k, args.fresh_baselines)
    hygiene_lines += dev_files(baselines, args.k, args.fresh_baselines)
    hygiene_lines += us_political(baselines, args.k, args.fresh_baselines)
    print("\n## Editorial hygiene (../shared/eval/summary_hygiene.py; flagged = dangling + in_quote + junk + duplicate)")
    print_hygiene(hygiene_lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
