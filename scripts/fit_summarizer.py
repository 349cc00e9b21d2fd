#!/usr/bin/env python3
"""Fit the summarizer's sentence scorer and write generator/data/summarizer.json.

Reads the train files from ../shared/eval (CNN/DailyMail highlights and BBC
extractive summaries), labels each article's sentences with a greedy ROUGE
oracle given the lede (the sentences that, added to the lede every summary
starts with, best match the reference), fits a
logistic regression over generator.summarize's features, checks the margin
over Lead-3 by cross-validation on the train files (Lead-3 = the first three
sentences from generator.segment, as `briefs analyze` would split them), and
writes the weights: feature names, standardization and coefficients, no words.

It then fits the summary reranker: for every train article, every summary the editorial rules
allow from the lede and the best sentences (summarize.candidate_summaries, scored by a sentence
model that did not see the article), with its ROUGE-1 against the reference; a ridge regression
over summarize.summary_terms (the summary features and their pairwise products) learns which
candidate scores best within an article.

    .venv/bin/python scripts/fit_summarizer.py            # fit, cross-validate, write
    .venv/bin/python scripts/fit_summarizer.py --no-cv    # fit and write only

Needs the eval extras only (numpy, rouge-score==0.1.2): pip install -e '.[eval]'.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer, tokenizers
# rouge-score is pinned (0.1.2); its n-gram helpers make the oracle score exactly as the scorer does.
from rouge_score.rouge_scorer import _create_ngrams, _score_ngrams

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import ingest, segment, summarize  # noqa: E402
from generator.model import Sentence  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval"
TRAIN_FILES = ("summaries-train.jsonl", "summaries-bbc-train.jsonl")
WEIGHTS_PATH = ROOT / "generator" / "data" / summarize.WEIGHTS_FILE
SUMMARY_SENTENCES = summarize.RERANK_MOST
# The oracle picks at most this many sentences: the length the summary has on the site.
ORACLE_SENTENCES = 3
# Both train sets count per sentence alike; the BBC file (389 articles against
# 3,191) is the only one with headlines and paragraphs.
DATASET_WEIGHTS = {"cnndm": 1.0, "bbc": 1.0}
# Chosen by 5-fold cross-validation on the train files, with the features before the two lede
# features were added (C = 0.0001, 0.001, 0.01, 0.1, 1: CNN/DM R-1 39.43, 39.57, 39.69, 39.71,
# 39.69; BBC 47.08, 48.76, 50.12, 50.44, 50.46): above 0.1 nothing changes.
REGULARIZATION = 0.1
# The reranker's ridge penalty on standardized terms. Chosen by 5-fold cross-validation on the
# train files (R-1 CNN/DM / BBC, Lead-3 39.49 / 45.22). Linear in the summary features, BBC
# articles weighted 1, 1.5, 2, 4: 40.03 / 50.19, 39.95 / 51.54, 39.80 / 52.14, 39.46 / 53.69 (short
# CNN/DailyMail highlights against long BBC extracts: one linear model trades one for the other); a
# listwise softmax objective, 40.23 / 48.3. With the pairwise products, weight 1, penalty 1, 10,
# 1000: 40.49 / 53.26, 40.51 / 53.50, 40.40 / 53.31; weight 1.25 at 10: 40.46 / 53.50. Chosen again
# after "Of that, ..." and a his/her naming nobody came to lean on the sentence before (Lead-3 39.49 /
# 45.22): penalty 3, 10, 30: 40.53 / 53.31, 40.49 / 53.34, 40.46 / 53.31; BBC weight 0.75 at 10:
# 40.52 / 53.17.
SUMMARY_REGULARIZATION = 3.0
NEWTON_STEPS = 50
FOLDS = 5
SEED = 0


@dataclass(frozen=True)
class Example:
    """One train article: its sentences, features, oracle labels and reference."""

    id: str
    dataset: str
    sentences: tuple[str, ...]
    rows: list[list[float]]
    labels: list[int]
    reference: str
    lede: int | None
    context: summarize.SummaryContext
    sentence_tokens: list[list[str]]
    reference_ngrams: tuple


_TOKENIZER = tokenizers.DefaultTokenizer(use_stemmer=True)


def rouge_tokens(text: str) -> list[str]:
    """Tokens exactly as rouge-score 0.1.2 sees them (lowercase, Porter stemmer)."""
    return _TOKENIZER.tokenize(text)


def _f1(candidate: list[str], reference_ngrams: tuple, order: int) -> float:
    return _score_ngrams(reference_ngrams[order - 1], _create_ngrams(candidate, order)).fmeasure


def greedy_oracle(sentence_tokens: list[list[str]], reference: list[str], limit: int, given: tuple[int, ...] = ()) -> list[int]:
    """Add the sentence that most raises ROUGE-1 + ROUGE-2 F1 until none does (or `limit`),
    starting from the sentences `given` (the lede, which every summary has)."""
    reference_ngrams = (_create_ngrams(reference, 1), _create_ngrams(reference, 2))
    chosen: list[int] = list(given)
    best = 0.0
    if chosen:
        candidate = [t for j in sorted(chosen) for t in sentence_tokens[j]]
        best = _f1(candidate, reference_ngrams, 1) + _f1(candidate, reference_ngrams, 2)
    while len(chosen) < limit:
        pick, pick_score = None, best
        for i, tokens in enumerate(sentence_tokens):
            if i in chosen:
                continue
            candidate = [t for j in sorted(chosen + [i]) for t in sentence_tokens[j]]
            value = _f1(candidate, reference_ngrams, 1) + _f1(candidate, reference_ngrams, 2)
            if value > pick_score:
                pick, pick_score = i, value
        if pick is None:
            break
        chosen.append(pick)
        best = pick_score
    return chosen


def reference_text(record: dict) -> str:
    summary = record["summary"]
    return "\n".join(summary) if isinstance(summary, list) else str(summary)


def load_examples(path: Path) -> list[Example]:
    """Segment, featurize and oracle-label every article of one JSONL file."""
    examples = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            article = ingest.parse_article(record["text"], record["id"], record.get("title"), headline_required=False)
            sentences = segment.split_sentences(article)
            if not sentences:
                continue
            reference = reference_text(record)
            # The lede is in every summary: the labels say which sentences add most to it.
            lede = summarize.find_lede([s.text for s in sentences])
            given = () if lede is None else (lede,)
            sentence_tokens = [rouge_tokens(s.text) for s in sentences]
            reference_tokens = rouge_tokens(reference)
            oracle = set(greedy_oracle(sentence_tokens, reference_tokens, ORACLE_SENTENCES, given))
            oracle -= set(given)
            examples.append(
                Example(
                    id=record["id"],
                    dataset=record.get("dataset") or path.stem,
                    sentences=tuple(s.text for s in sentences),
                    rows=summarize.sentence_features(article, sentences),
                    labels=[int(i in oracle) for i in range(len(sentences))],
                    reference=reference,
                    lede=lede,
                    context=summarize.summary_context(article, sentences),
                    sentence_tokens=sentence_tokens,
                    reference_ngrams=(_create_ngrams(reference_tokens, 1), _create_ngrams(reference_tokens, 2)),
                )
            )
    return examples


def fit_sentences(examples: list[Example]) -> summarize.Model:
    """Logistic regression on standardized features; the bias is the first feature."""
    # Only sentences the summarizer may add to the lede (see summarize.is_summary_material) teach it to rank.
    kept = [(e, i) for e in examples for i, text in enumerate(e.sentences) if i != e.lede and summarize.is_summary_material(text)]
    x = np.array([e.rows[i] for e, i in kept], dtype=float)
    y = np.array([e.labels[i] for e, i in kept])
    w = np.array([DATASET_WEIGHTS.get(e.dataset, 1.0) for e, _ in kept])
    means, scales = x.mean(axis=0), x.std(axis=0)
    means[0], scales[0] = 0.0, 1.0  # the bias column stays 1
    scales[scales == 0] = 1.0
    weights = logistic_regression((x - means) / scales, y, w, REGULARIZATION)
    return summarize.Model(tuple(means.tolist()), tuple(scales.tolist()), tuple(weights.tolist()))


def logistic_regression(x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray, c: float) -> np.ndarray:
    """L2-regularized logistic regression by Newton's method: minimizes
    |w|^2 / 2 + c * sum(sample_weight * log loss), as scikit-learn's LogisticRegression(C=c,
    fit_intercept=False) does; with a score of features a Newton step is cheap and exact."""
    weights = np.zeros(x.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ weights)))
        gradient = weights + c * x.T @ (sample_weight * (p - y))
        hessian = np.eye(x.shape[1]) + c * (x.T * (sample_weight * p * (1 - p))) @ x
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-10:
            break
    return weights


@dataclass(frozen=True)
class CandidateTable:
    """One article's candidate summaries, their features and their ROUGE-1 F1."""

    candidates: list[tuple[int, ...]]
    features: np.ndarray
    rouge1: np.ndarray
    weight: float


def _sentences(example: Example) -> tuple[Sentence, ...]:
    return tuple(Sentence(0, 0, 0, text) for text in example.sentences)


def candidate_table(example: Example, scores: list[float], count: int = SUMMARY_SENTENCES) -> CandidateTable:
    """Every candidate summary of the article under these sentence scores, scored against its reference."""
    sentences = _sentences(example)
    candidates = summarize.candidate_summaries(sentences, scores, summarize.summary_length(sentences, count))
    rows = [summarize.summary_features(example.context, chosen, scores) for chosen in candidates]
    values = [_f1([t for i in chosen for t in example.sentence_tokens[i]], example.reference_ngrams, 1) for chosen in candidates]
    weight = DATASET_WEIGHTS.get(example.dataset, 1.0)
    return CandidateTable(candidates, np.array(rows, dtype=float), 100 * np.array(values), weight)


def fit_reranker(tables: list[CandidateTable]) -> tuple[float, ...]:
    """Ridge regression of a candidate's ROUGE-1 on its summary terms, both centred within its
    article: only the differences between one article's candidates matter to the choice."""
    terms = [np.array([summarize.summary_terms(row) for row in t.features.tolist()]) for t in tables]
    x = np.vstack([z - z.mean(axis=0) for z in terms])
    y = np.concatenate([t.rouge1 - t.rouge1.mean() for t in tables])
    w = np.concatenate([np.full(len(t.rouge1), t.weight) for t in tables])
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    z = x / scales
    weights = np.linalg.solve((z.T * w) @ z + SUMMARY_REGULARIZATION * np.eye(z.shape[1]), (z.T * w) @ y)
    return tuple((weights / scales).tolist())


def fold_sets(count: int, folds: int = FOLDS) -> list[set[int]]:
    """The article folds, by index: a seeded shuffle dealt round-robin."""
    order = list(range(count))
    random.Random(SEED).shuffle(order)
    return [set(order[fold::folds]) for fold in range(folds)]


def out_of_fold_scores(examples: list[Example], folds: list[set[int]]) -> list[list[float]]:
    """Each article's sentence scores from the sentence model fitted on the other folds."""
    scores: list[list[float]] = [[] for _ in examples]
    for held in folds:
        model = fit_sentences([e for i, e in enumerate(examples) if i not in held])
        for i in held:
            scores[i] = summarize.score_sentences(examples[i].rows, model)
    return scores


def fit(examples: list[Example], oof_scores: list[list[float]]) -> summarize.Model:
    """The sentence scorer on every article and the reranker on candidates scored out of fold."""
    sentence_model = fit_sentences(examples)
    summary_weights = fit_reranker([candidate_table(e, s) for e, s in zip(examples, oof_scores)])
    return summarize.Model(sentence_model.means, sentence_model.scales, sentence_model.weights, summary_weights)


def predict(example: Example, model: summarize.Model, count: int = SUMMARY_SENTENCES) -> list[str]:
    """The summary our summarizer gives this article under `model`."""
    sentences = _sentences(example)
    scores = summarize.score_sentences(example.rows, model)
    candidates = summarize.candidate_summaries(sentences, scores, summarize.summary_length(sentences, count))
    rows = [summarize.summary_features(example.context, chosen, scores) for chosen in candidates]
    return [example.sentences[i] for i in summarize.rerank(candidates, rows, model.summary_weights)]


def rouge(examples: list[Example], summaries: list[list[str]]) -> dict[str, float]:
    """Mean ROUGE-1/2/Lsum F1 x 100, as score_summaries.py computes them."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals = {"rouge1": [], "rouge2": [], "rougeLsum": []}
    for example, summary in zip(examples, summaries):
        result = scorer.score(example.reference, "\n".join(summary))
        for metric in totals:
            totals[metric].append(result[metric].fmeasure * 100)
    return {metric: statistics.mean(values) for metric, values in totals.items()}


def held_out_summaries(examples: list[Example], folds: int = FOLDS) -> dict[int, list[str]]:
    """Each article's summary from the models fitted on the other folds, by index into `examples`.

    The held-out article's candidates come from a sentence model that did not see it, and the
    reranker choosing among them was fitted on the other folds' out-of-fold candidates.
    """
    sets = fold_sets(len(examples), folds)
    oof = out_of_fold_scores(examples, sets)
    tables = [candidate_table(e, s) for e, s in zip(examples, oof)]
    ours: dict[int, list[str]] = {}
    for held in sets:
        weights = fit_reranker([t for i, t in enumerate(tables) if i not in held])
        for i in held:
            table = tables[i]
            chosen = summarize.rerank(table.candidates, table.features.tolist(), weights)
            ours[i] = [examples[i].sentences[j] for j in chosen]
    return ours


def cross_validate(examples: list[Example], folds: int = FOLDS) -> dict[str, dict[str, float]]:
    """Held-out ROUGE of ours and of Lead-3 per dataset, over `folds` article folds."""
    ours = held_out_summaries(examples, folds)
    report = {}
    for dataset in sorted({e.dataset for e in examples}):
        index = [i for i, e in enumerate(examples) if e.dataset == dataset]
        subset = [examples[i] for i in index]
        report[dataset] = {
            "n": len(index),
            "ours": rouge(subset, [ours[i] for i in index]),
            "lead": rouge(subset, [list(e.sentences[:SUMMARY_SENTENCES]) for e in subset]),
        }
    return report


def print_report(report: dict[str, dict]) -> None:
    print(f"{FOLDS}-fold cross-validation on the train files (held-out articles, k={SUMMARY_SENTENCES}):")
    for dataset, result in report.items():
        ours, lead = result["ours"], result["lead"]
        print(f"  {dataset} (n={result['n']})")
        for name, scores in (("ours", ours), ("lead-3", lead)):
            print(f"    {name:7s} R-1 {scores['rouge1']:.2f}  R-2 {scores['rouge2']:.2f}  R-Lsum {scores['rougeLsum']:.2f}")
        margin = {m: ours[m] - lead[m] for m in ours}
        print(f"    margin  R-1 {margin['rouge1']:+.2f}  R-2 {margin['rouge2']:+.2f}  R-Lsum {margin['rougeLsum']:+.2f}")


def write_weights(model: summarize.Model, path: Path, examples: list[Example]) -> None:
    data = {
        "about": "Logistic-regression sentence scorer and ridge summary reranker for generator/summarize.py; "
        "fitted by scripts/fit_summarizer.py on greedy-ROUGE oracle labels and candidate ROUGE-1.",
        "train": {name: sum(1 for e in examples if e.dataset == name) for name in sorted({e.dataset for e in examples})},
        "features": list(summarize.FEATURES),
        "means": [round(v, 6) for v in model.means],
        "scales": [round(v, 6) for v in model.scales],
        "weights": [round(v, 6) for v in model.weights],
        "summary_features": list(summarize.SUMMARY_FEATURES),
        "summary_terms": "the summary features, then the product of features a and b for every a <= b, in order",
        "summary_weights": [round(v, 8) for v in model.summary_weights],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="folder with the train files")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="where to write the weights")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args(argv)
    missing = [name for name in TRAIN_FILES if not (args.eval_dir / name).exists()]
    if missing:
        print(f"error: {args.eval_dir}: missing {', '.join(missing)}", file=sys.stderr)
        return 1
    examples = [e for name in TRAIN_FILES for e in load_examples(args.eval_dir / name)]
    print(f"{len(examples)} train articles, {sum(len(e.rows) for e in examples)} sentences")
    if not args.no_cv:
        print_report(cross_validate(examples))
    model = fit(examples, out_of_fold_scores(examples, fold_sets(len(examples))))
    write_weights(model, args.out, examples)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    for name, weight in zip(summarize.FEATURES, model.weights):
        print(f"  {name:24s} {weight:+.3f}")
    print(f"reranker: {len(model.summary_weights)} weights over the summary features and their products")
    return 0


if __name__ == "__main__":
    sys.exit(main())
