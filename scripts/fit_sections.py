#!/usr/bin/env python3
"""Fit the section classifier and write generator/data/sections.json.

Reads the BBC train file from ../shared/eval (its ids carry the section:
bbc-<section>-NNN), counts words per section with generator.sections'
tokenizer, keeps the VOCABULARY words that best tell the sections apart
(highest spread of log-probability across sections among words in at least
MIN_DOCUMENTS articles), and writes the priors and Laplace-smoothed word
log-probabilities: numbers per word, no article text. Then prints accuracy
on the BBC dev file, where the vocabulary size was chosen.

    .venv/bin/python scripts/fit_sections.py          (or: make fit-sections)
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import sections  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval"
TRAIN_FILE = EVAL_DIR / "summaries-bbc-train.jsonl"
DEV_FILE = EVAL_DIR / "summaries-bbc-dev.jsonl"
WEIGHTS_PATH = ROOT / "generator" / "data" / sections.WEIGHTS_FILE
# The BBC file's section names -> the site's section names (settings.yml `sections`).
LABELS = {"business": "business", "entertainment": "entertainment", "politics": "politics", "sport": "sport", "tech": "technology"}
VOCABULARY = 3000
MIN_DOCUMENTS = 2
SMOOTHING = 1.0
DECIMALS = 3


def read(path: Path) -> list[tuple[str, str, str]]:
    """(section, title, text) of each record."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(LABELS[r["id"].split("-")[1]], r.get("title") or "", r["text"]) for r in records]


def fit(examples: list[tuple[str, str, str]], vocabulary: int) -> dict:
    labels = sorted({label for label, _, _ in examples})
    counts = {label: Counter() for label in labels}
    documents: Counter[str] = Counter()
    for label, title, text in examples:
        words = sections.section_words(title) * sections.TITLE_WEIGHT + sections.section_words(text)
        counts[label].update(words)
        documents.update(set(words))
    candidates = [w for w, n in documents.items() if n >= MIN_DOCUMENTS]
    totals = {label: sum(counts[label][w] for w in candidates) for label in labels}
    size = len(candidates)

    def log_probability(word: str, label: str) -> float:
        return math.log((counts[label][word] + SMOOTHING) / (totals[label] + SMOOTHING * size))

    weights = {w: [log_probability(w, label) for label in labels] for w in candidates}
    spread = {w: max(v) - min(v) for w, v in weights.items()}
    kept = sorted(candidates, key=lambda w: (-spread[w] * math.log(documents[w]), w))[:vocabulary]
    per_label = Counter(label for label, _, _ in examples)
    return {
        "about": "Naive Bayes section classifier for generator/sections.py; fitted by scripts/fit_sections.py "
        "on the BBC News train file (section from each id). Word log-probabilities only, no text.",
        "train": dict(sorted(per_label.items())),
        "labels": labels,
        "priors": [round(math.log(per_label[label] / len(examples)), DECIMALS) for label in labels],
        "words": {w: [round(v, DECIMALS) for v in weights[w]] for w in sorted(kept)},
    }


def to_json(data: dict) -> str:
    """The weights as JSON with one word to a line, so a refit reads as a diff."""
    head = {k: v for k, v in data.items() if k != "words"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "words": {']
    words = [f"{json.dumps(w)}: {json.dumps(v)}" for w, v in data["words"].items()]
    lines += [",\n".join(words), "}}"]
    return "\n".join(lines) + "\n"


def accuracy(data: dict, examples: list[tuple[str, str, str]]) -> float:
    model = sections.SectionModel(tuple(data["labels"]), tuple(data["priors"]), {w: tuple(v) for w, v in data["words"].items()})
    allowed = tuple(data["labels"])
    right = sum(sections.classify(title, text, allowed, model) == label for label, title, text in examples)
    return right / len(examples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vocabulary", type=int, default=VOCABULARY, help="how many words to keep")
    parser.add_argument("--dry-run", action="store_true", help="fit and score, write nothing")
    args = parser.parse_args()
    train, dev = read(TRAIN_FILE), read(DEV_FILE)
    data = fit(train, args.vocabulary)
    print(f"train {len(train)} articles, vocabulary {len(data['words'])} words")
    print(f"accuracy: train {accuracy(data, train):.1%}, dev {accuracy(data, dev):.1%} (abstentions count as errors)")
    if not args.dry_run:
        WEIGHTS_PATH.write_text(to_json(data), encoding="utf-8")
        print(f"wrote {WEIGHTS_PATH.relative_to(ROOT)} ({WEIGHTS_PATH.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
