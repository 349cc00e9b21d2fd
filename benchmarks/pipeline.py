#!/usr/bin/env python3
"""Pipeline throughput: ms per article for each stage, beside Lead-3 and newspaper4k, same run.

    .venv/bin/python benchmarks/pipeline.py                (or: make bench-pipeline)
    .venv/bin/python benchmarks/pipeline.py --limit 100 --rounds 3

Articles are the BBC and CNN/DailyMail dev texts in ../shared/eval, read at run
time (nothing is written). Every stage of `pipeline.build_brief` is timed on its
own over the same articles, in the pipeline's order (each stage gets what the
one before produced), then the renderer; beside them, in the same process and
the same rounds, two baselines over the same texts:

- Lead-3: the first three sentences by NLTK's Punkt splitter;
- newspaper4k: `newspaper.nlp.summarize`, what `Article.nlp()` runs, 5 sentences;

both exactly as ../shared/eval/score_summaries.py runs them.

Target (issue 14): the whole pipeline at most 3x newspaper4k's summarizer alone.
Each figure is the best of --rounds rounds of this process's CPU time
(time.process_time), not wall time: on a machine shared with other work, waiting
for a core is not the code's cost. Each round runs every stage and both
baselines in turn, so what other work does to caches weighs on all of them alike.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO.parent / "shared" / "eval"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(EVAL_DIR))

import score_summaries  # noqa: E402  (from ../shared/eval)

from generator import glossary, ingest, quotes, render, sections, segment, summarize, tags  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.pipeline import build_brief  # noqa: E402

SOURCES = ("summaries-bbc-dev.jsonl", "summaries-dev.jsonl")
DEFAULT_LIMIT = 300
NEWSPAPER_SENTENCES = 5
LEAD_SENTENCES = 3
TARGET_RATIO = 3.0


def records(limit: int) -> list[dict]:
    """Up to `limit` articles, alternating the sources so both kinds of text are in any cut."""
    per_source = [
        [json.loads(line) for line in (EVAL_DIR / name).read_text(encoding="utf-8").splitlines()] for name in SOURCES
    ]
    mixed = [record for pair in zip(*per_source) for record in pair]
    # CNN/DailyMail records have no title: their first words stand in, as a headline would.
    return [{**r, "title": r.get("title") or " ".join(r["text"].split()[:8])} for r in mixed[:limit]]


def best_of(rounds: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Each run's best CPU seconds; every round runs them all in turn, so a busy moment on the
    machine slows one round of everything rather than one figure."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, run in runs.items():
            started = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - started)
    return best


def stage_runs(items: list[dict]) -> dict[str, Callable[[], object]]:
    """Each stage over all articles, fed what the previous stage produced."""
    config = load_config(REPO / "site_config")
    articles = [
        ingest.parse_article(r["text"], r["id"], r["title"], headline_required=False, max_mb=config.max_article_mb) for r in items
    ]
    sentences = [segment.split_sentences(a) for a in articles]
    attributions = [quotes.find_attributions(a, s, config.people) for a, s in zip(articles, sentences)]
    briefs = [build_brief(r["text"], r["id"], config, title=r["title"], headline_required=False) for r in items]
    stages: dict[str, Callable[[], None]] = {
        "ingest": lambda: [
            ingest.parse_article(r["text"], r["id"], r["title"], headline_required=False, max_mb=config.max_article_mb)
            for r in items
        ],
        "segment": lambda: [segment.split_sentences(a) for a in articles],
        "summary": lambda: [summarize.summarize(a, s, config.summary_sentences) for a, s in zip(articles, sentences)],
        "quotes": lambda: [quotes.find_attributions(a, s, config.people) for a, s in zip(articles, sentences)],
        "glossary": lambda: [glossary.find_first_hits(a, config.glossary) for a in articles],
        "tags, section": lambda: [
            (tags.derive_tags(a, config.glossary, q.speakers), sections.classify_article(a, config.sections))
            for a, q in zip(articles, attributions)
        ],
        "render": lambda: [render.render_brief(b, config) for b in briefs],
    }
    return stages


def baseline_runs(items: list[dict]) -> dict[str, Callable[[], object]]:
    """The baselines exactly as ../shared/eval/score_summaries.py runs them."""
    score_summaries.ensure_punkt_tab(None)
    lead = score_summaries.FACTORIES["lead"](LEAD_SENTENCES)
    newspaper = score_summaries.FACTORIES["newspaper"](NEWSPAPER_SENTENCES)
    return {
        "Lead-3 (Punkt)": lambda: [lead(r) for r in items],
        "newspaper4k summarize": lambda: [newspaper(r) for r in items],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=f"articles (default {DEFAULT_LIMIT})")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per figure; the best is kept (default 3)")
    args = parser.parse_args()
    items = records(args.limit)
    stage_names, baseline_names = stage_runs(items), baseline_runs(items)
    timings = best_of(args.rounds, {**stage_names, **baseline_names})
    stages = {name: timings[name] for name in stage_names}
    baselines = {name: timings[name] for name in baseline_names}
    newspaper = baselines["newspaper4k summarize"]
    whole = sum(stages.values())
    n = len(items)
    print(f"{n} articles (BBC and CNN/DailyMail dev), best of {args.rounds} rounds, CPU time\n")
    print(f"{'stage':<24}{'ms/article':>11}{'x newspaper4k':>15}")
    for name, seconds in stages.items():
        print(f"{name:<24}{1000 * seconds / n:11.2f}{seconds / newspaper:15.2f}")
    print(f"{'whole pipeline + render':<24}{1000 * whole / n:11.2f}{whole / newspaper:15.2f}")
    for name, seconds in baselines.items():
        print(f"{name:<24}{1000 * seconds / n:11.2f}{seconds / newspaper:15.2f}")
    verdict = "met" if whole / newspaper <= TARGET_RATIO else "missed"
    print(f"\ntarget: whole pipeline <= {TARGET_RATIO:.0f}x newspaper4k: {whole / newspaper:.2f}x ({verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
