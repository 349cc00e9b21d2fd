"""Score the quotes stage against the regex baseline on ../shared/eval/quotes-dev.jsonl, and time both.

Runs `briefs analyze --jsonl` over the dev file (or its first --limit N
articles) into .eval/, runs `score_quotes.py baseline` and `score_quotes.py
score` for both prediction files in the same run, prints both tables, and
the milliseconds per article of the quotes stage itself
(`quotes.find_attributions`, the articles already ingested and segmented)
next to the baseline regex's.

    python benchmarks/quotes.py [--limit N] [--out DIR]

Exits non-zero when a step fails or the data is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO.parent / "shared" / "eval"
GOLD = EVAL_DIR / "quotes-dev.jsonl"
SCORER = EVAL_DIR / "score_quotes.py"
TIMING_ROUNDS = 3


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_quotes", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _slice(limit: int | None, out: Path) -> Path:
    """The gold file, or its first `limit` lines written to out/."""
    if limit is None:
        return GOLD
    sliced = out / f"quotes-dev-{limit}.jsonl"
    with GOLD.open(encoding="utf-8") as src, sliced.open("w", encoding="utf-8") as dst:
        for number, line in enumerate(src):
            if number >= limit:
                break
            dst.write(line)
    return sliced


def _run(command: list[str], stdout: Path | None = None) -> None:
    with (stdout.open("w", encoding="utf-8") if stdout else open(subprocess.os.devnull, "w")) as sink:
        result = subprocess.run(command, cwd=REPO, stdout=sink, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr.strip()}")


def _time_stage(gold: Path, scorer: ModuleType) -> tuple[float, float]:
    """Mean ms per article of quotes.find_attributions and of the baseline regex."""
    sys.path.insert(0, str(REPO))
    from generator import ingest, quotes, segment

    records = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    prepared = []
    for record in records:
        article = ingest.parse_article(record["text"], record["id"], record.get("title"), headline_required=False)
        prepared.append((article, segment.split_sentences(article)))
    ours = min(_timed(lambda: [quotes.find_attributions(a, s) for a, s in prepared]) for _ in range(TIMING_ROUNDS))
    base = min(_timed(lambda: [scorer.baseline_quotes(r["text"]) for r in records]) for _ in range(TIMING_ROUNDS))
    return 1000 * ours / len(records), 1000 * base / len(records)


def _timed(work) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N dev articles")
    parser.add_argument("--out", type=Path, default=REPO / ".eval", help="where predictions go (default: .eval/)")
    args = parser.parse_args(argv)
    if not GOLD.exists() or not SCORER.exists():
        print(f"error: {GOLD} or {SCORER} is missing", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    gold = _slice(args.limit, args.out)
    ours, base = args.out / "quotes-pred.jsonl", args.out / "quotes-baseline.jsonl"
    _run([sys.executable, "-m", "generator.cli", "analyze", "--jsonl", str(gold)], stdout=ours)
    _run([sys.executable, str(SCORER), "baseline", str(gold), "--out", str(base)])
    scorer = _load_scorer()
    for title, predictions in (("newsbriefs", ours), ("regex baseline", base)):
        summary = scorer.score_files(str(gold), str(predictions), 0.5)
        scorer.print_table(summary, 0.5, f"\n{title} ({predictions.name}, {gold.name})")
        (args.out / f"{predictions.stem}-scores.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    ours_ms, base_ms = _time_stage(gold, scorer)
    print(f"\nms/article (quotes stage only, best of {TIMING_ROUNDS}): newsbriefs {ours_ms:.2f}, regex baseline {base_ms:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
