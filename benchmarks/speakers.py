"""Who said what, scored with printed names: speaker lists, BBC attribution and PolNeAR.

Runs `briefs analyze --jsonl` over the BBC dev articles the hand-made gold
indexes (summaries-bbc-dev.jsonl lines 0-79) and over PolNeAR
(quotes-dev.jsonl), then scores in the same run:

- speakers-dev.jsonl with ../shared/eval/score_speakers.py (speaker-list
  precision/recall/F1 with exact printed names, roles exact and loose, names
  or roles that run over a full stop);
- attribution-dev-bbc.jsonl with score_attribution.py (attributed precision
  and coverage of direct quotes);
- quotes-dev.jsonl with score_quotes.py (overlap F1 and e2e, which match
  speakers by surname), plus speaker accuracy on direct quotes with strict
  printed names (see `strict_name_ok`);
- the precision/coverage curve over the confidence threshold, from the
  quotes stage run in-process with every candidate speaker kept;
- milliseconds per article of the quotes stage alone.

Every gold file is split into a tuning part and a held-out part (about one
article in five, chosen by a hash of its id, see `is_held_out`) that no rule
was tuned on; both are reported.

    .venv/bin/python benchmarks/speakers.py [--out DIR]
    make eval-speakers

Exits non-zero when a step fails or the data is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO.parent / "shared" / "eval"
BBC = EVAL_DIR / "summaries-bbc-dev.jsonl"
POLNEAR = EVAL_DIR / "quotes-dev.jsonl"
SPEAKERS_GOLD = EVAL_DIR / "speakers-dev.jsonl"
ATTRIBUTION_GOLD = EVAL_DIR / "attribution-dev-bbc.jsonl"
BBC_GOLD_LINES = 80  # speakers-dev indexes BBC lines 0-39, attribution-dev lines 40-79
HELD_OUT_EVERY = 5  # one article in five is held out of tuning
OVERLAP = 0.5  # score_quotes.py's default threshold
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
TIMING_ROUNDS = 3

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(EVAL_DIR))

import score_attribution  # noqa: E402  (from ../shared/eval)
import score_quotes  # noqa: E402
import score_speakers  # noqa: E402


def is_held_out(record_id: str) -> bool:
    """The held-out fifth: fixed by the id alone, so it never depends on what the rules do."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % HELD_OUT_EVERY == 0


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write(path: Path, rows: Iterable[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def analyze(inputs: Path, out: Path) -> list[dict]:
    """`briefs analyze --jsonl` over inputs; its output lines."""
    with out.open("w", encoding="utf-8") as sink:
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "analyze", "--jsonl", str(inputs)], cwd=REPO, stdout=sink, stderr=subprocess.PIPE, text=True
        )
    if result.returncode != 0:
        raise SystemExit(f"analyze failed ({result.returncode}) on {inputs}\n{result.stderr.strip()}")
    return load(out)


# ------------------------------------------------------------ strict names on PolNeAR


def gold_printed_name(speaker_span: str | None) -> list[str] | None:
    """The name words in a PolNeAR speaker span, titles dropped (score_quotes' own reading of it)."""
    if not speaker_span:
        return None
    head = re.split(r",|\(|\s[-\u2013\u2014]\s|\bwho\b|\bwhich\b|\bthat\b|\sof\s", speaker_span)[0]
    for part in (head, speaker_span):
        runs = score_quotes._runs(score_quotes._fold(part).replace("\u2019", "'"))
        if runs:
            return runs[-1]
    return None


def strict_name_ok(predicted: str | None, gold_words: list[str], article: str) -> bool:
    """The printed name is right: equal to the gold name once normalised or, where the gold span
    is a bare surname ('Warren said'), a fuller name with that surname printed in the article.
    A word of two letters or more with a full stop inside the name ('Africa. Mr Blair') is wrong;
    a middle initial ('Harry M. Reid') is part of the printed name."""
    if not predicted or re.search(r"[A-Za-z]{2,}\.\s+\w", predicted):
        return False
    said, gold = score_speakers.norm(predicted), score_speakers.norm(" ".join(gold_words))
    if said == gold:
        return True
    return len(gold_words) == 1 and said.split()[-1:] == [gold] and said in score_speakers.norm(article)


def strict_direct_accuracy(gold_rows: list[dict], predictions: dict[str, dict]) -> dict:
    """Speaker accuracy on matched direct gold quotes with a named speaker, exact printed names."""
    counts = {"named": 0, "right": 0, "attributed": 0}
    for gold in gold_rows:
        doc = score_quotes.Doc(gold["text"])
        preds = (predictions.get(gold["id"]) or {}).get("quotes") or []
        pred_tokens = [doc.tokens(score_quotes.spans_of(p)) for p in preds]
        gold_tokens = [doc.tokens(score_quotes.spans_of(q)) for q in gold["quotes"]]
        owner = [_owner(p, gold_tokens) for p in pred_tokens]
        for index, quote in enumerate(gold["quotes"]):
            words = gold_printed_name(quote.get("speaker"))
            if quote.get("kind") != "direct" or not words or not gold_tokens[index]:
                continue
            mine = [i for i, o in enumerate(owner) if o == index]
            cover = frozenset().union(*(pred_tokens[i] for i in mine)) if mine else frozenset()
            if len(gold_tokens[index] & cover) / len(gold_tokens[index]) < OVERLAP:
                continue
            counts["named"] += 1
            top = max(mine, key=lambda i: (len(pred_tokens[i] & gold_tokens[index]), -i))
            said = preds[top].get("speaker")
            counts["attributed"] += bool(said)
            counts["right"] += strict_name_ok(said, words, gold["text"])
    return {
        **counts,
        "accuracy": _pct(counts["right"], counts["named"]),
        "attributed_precision": _pct(counts["right"], counts["attributed"]),
    }


def _owner(tokens: frozenset, gold_tokens: list[frozenset]) -> int | None:
    best, best_overlap = None, 0
    for index, gold in enumerate(gold_tokens):
        overlap = len(tokens & gold)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best if best is not None and tokens and best_overlap / len(tokens) >= OVERLAP else None


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# ------------------------------------------------------------ scoring in parts


def split(rows: list[dict]) -> dict[str, list[dict]]:
    return {
        "tuning": [r for r in rows if not is_held_out(r["id"])],
        "held-out": [r for r in rows if is_held_out(r["id"])],
        "all": rows,
    }


def score_all(bbc_texts: dict[str, str], predictions: dict[str, dict], polnear: list[dict], polnear_file: Path) -> dict:
    """Every measure on every part of every gold file."""
    speakers_gold, attribution_gold = load(SPEAKERS_GOLD), load(ATTRIBUTION_GOLD)
    pred_rows = list(predictions.values())
    out: dict = {"speakers": {}, "attribution": {}, "polnear": {}, "polnear_strict": {}}
    for part, rows in split(speakers_gold).items():
        out["speakers"][part] = score_speakers.score(rows, pred_rows)
    for part, rows in split(attribution_gold).items():
        out["attribution"][part] = score_attribution.score(rows, pred_rows, bbc_texts)
    for part, rows in split(polnear).items():
        gold_file = write(polnear_file.with_name(f"polnear-gold-{part}.jsonl"), rows)
        pred_file = write(polnear_file.with_name(f"polnear-pred-{part}.jsonl"), (predictions[r["id"]] for r in rows if r["id"] in predictions))
        out["polnear"][part] = score_quotes.score_files(str(gold_file), str(pred_file), OVERLAP)
        out["polnear_strict"][part] = strict_direct_accuracy(rows, predictions)
    return out


def print_tables(scores: dict) -> None:
    print("\nspeaker lists (speakers-dev.jsonl, score_speakers.py: exact printed names)")
    print(f"{'part':9} {'arts':>4} {'gold':>5} {'pred':>5} | {'P':>5} {'R':>5} {'F1':>5} | role exact loose | junk")
    for part, s in scores["speakers"].items():
        print(
            f"{part:9} {s['articles']:4d} {s['gold']:5d} {s['pred']:5d} | {s['precision']:5.1f} {s['recall']:5.1f} {s['F1']:5.1f} | "
            f"     {_f(s['role_exact_pct'])} {_f(s['role_loose_pct'])} | {s['junk']:4d}"
        )
    print("\ndirect-quote attribution (attribution-dev-bbc.jsonl, score_attribution.py)")
    print(f"{'part':9} {'gold':>5} {'named':>5} {'match':>5} | {'attr P':>6} {'cover':>6} | right wrong unattr")
    for part, s in scores["attribution"].items():
        print(
            f"{part:9} {s['gold']:5d} {s['named']:5d} {s['matched']:5d} | {_f(s['attributed_precision']):>6} {_f(s['coverage']):>6} | "
            f"{s['right']:5d} {s['wrong']:5d} {s['unattributed']:6d}"
        )
    print("\nPolNeAR (quotes-dev.jsonl, score_quotes.py: surname keys; strict: exact printed names on direct quotes)")
    print(f"{'part':9} | all F1 e2e | direct F1 e2e spk | d+m F1 | strict acc attr-P (n)")
    for part, s in scores["polnear"].items():
        strict = scores["polnear_strict"][part]
        print(
            f"{part:9} | {s['all']['overlap']['F1']:6.1f} {s['all']['e2e']['F1']:4.1f} | {s['direct']['overlap']['F1']:9.1f} "
            f"{s['direct']['e2e']['F1']:4.1f} {_f(s['direct']['speaker_acc_named'])} | {s['direct+mixed']['overlap']['F1']:6.1f} | "
            f"{_f(strict['accuracy']):>10} {_f(strict['attributed_precision']):>6} ({strict['named']})"
        )


def _f(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.1f}"


# ------------------------------------------------------------ threshold curve and time


def in_process_records(rows: list[dict], min_confidence: float) -> tuple[dict[str, dict], float]:
    """Quote records from the quotes stage run in-process with `min_confidence`, and its ms per article."""
    from generator import analysis, ingest, quotes, segment

    records: dict[str, dict] = {}
    spent = 0.0
    for row in rows:
        article = ingest.parse_article(row["text"], row["id"], row.get("title"), headline_required=False)
        sentences = segment.split_sentences(article)
        began = time.perf_counter()
        found = quotes.find_attributions(article, sentences, min_confidence=min_confidence)
        spent += time.perf_counter() - began
        to_input = ingest.OffsetMap(row["text"], article.text)
        records[row["id"]] = {"id": row["id"], **analysis.attribution_record(found, to_input)}
    return records, 1000 * spent / max(1, len(rows))


def at_threshold(records: dict[str, dict], threshold: float) -> dict[str, dict]:
    """The records as they would be published with `threshold`: weaker attributions lose their speaker,
    and a speaker left with no statement leaves the list."""
    out = {}
    for record_id, record in records.items():
        quotes = [q if (q.get("confidence") or 0.0) >= threshold else {**q, "speaker": None} for q in record["quotes"]]
        said = {q["speaker"] for q in quotes if q["speaker"]}
        out[record_id] = {**record, "quotes": quotes, "speakers": [s for s in record["speakers"] if s["name"] in said]}
    return out


def print_curve(bbc_rows: list[dict], bbc_texts: dict[str, str]) -> None:
    records, _ = in_process_records(bbc_rows, 0.0)
    attribution_gold, speakers_gold = load(ATTRIBUTION_GOLD), load(SPEAKERS_GOLD)
    speakers_bbc = [g for g in speakers_gold if g["source_file"] == BBC.name]
    print("\nprecision/coverage over the confidence threshold (BBC gold, all articles; speaker lists: BBC part)")
    print("threshold | attr P  cover wrong | list P    R   F1")
    for threshold in THRESHOLDS:
        published = list(at_threshold(records, threshold).values())
        a = score_attribution.score(attribution_gold, published, bbc_texts)
        s = score_speakers.score(speakers_bbc, published)
        print(f"{threshold:9.2f} | {_f(a['attributed_precision'])} {_f(a['coverage'])} {a['wrong']:5d} | {s['precision']:5.1f} {s['recall']:5.1f} {s['F1']:5.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=REPO / ".eval", help="where inputs and predictions go (default: .eval/)")
    parser.add_argument("--no-curve", action="store_true", help="skip the threshold curve and the timing")
    args = parser.parse_args(argv)
    missing = [p for p in (BBC, POLNEAR, SPEAKERS_GOLD, ATTRIBUTION_GOLD) if not p.exists()]
    if missing:
        print(f"error: eval data missing: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    bbc_rows = load(BBC)[:BBC_GOLD_LINES]
    bbc_texts = {r["id"]: r["text"] for r in bbc_rows}
    bbc_input = write(args.out / "speakers-bbc-input.jsonl", ({"id": r["id"], "title": r.get("title"), "text": r["text"]} for r in bbc_rows))
    predictions = {r["id"]: r for r in analyze(bbc_input, args.out / "speakers-bbc-pred.jsonl")}
    polnear = load(POLNEAR)
    polnear_pred = args.out / "speakers-polnear-pred.jsonl"
    predictions.update({r["id"]: r for r in analyze(POLNEAR, polnear_pred)})
    scores = score_all(bbc_texts, predictions, polnear, polnear_pred)
    (args.out / "speakers-scores.json").write_text(json.dumps(scores, indent=1, ensure_ascii=False), encoding="utf-8")
    held = sorted(r["id"] for r in [*load(SPEAKERS_GOLD), *load(ATTRIBUTION_GOLD)] if is_held_out(r["id"]))
    print(f"held out of tuning (sha1(id) % {HELD_OUT_EVERY} == 0): {len(held)} BBC/speaker gold articles, "
          f"{sum(is_held_out(r['id']) for r in polnear)} of {len(polnear)} PolNeAR articles")
    print_tables(scores)
    if not args.no_curve:
        print_curve(bbc_rows, bbc_texts)
    if not args.no_curve:
        _, bbc_ms = in_process_records(bbc_rows, 0.0)
        _, polnear_ms = in_process_records(polnear, 0.0)
        regex_ms = baseline_ms(polnear)
        print(f"\nms/article, quotes stage only: BBC {bbc_ms:.2f}, PolNeAR {polnear_ms:.2f}; "
              f"score_quotes' regex baseline on PolNeAR {regex_ms:.2f} (ratio {polnear_ms / regex_ms:.1f}, same run)")
    return 0


def baseline_ms(rows: list[dict]) -> float:
    """Milliseconds per article of score_quotes.py's regex baseline: the same-run yardstick for speed."""
    began = time.perf_counter()
    for row in rows:
        score_quotes.baseline_quotes(row["text"])
    return 1000 * (time.perf_counter() - began) / max(1, len(rows))


if __name__ == "__main__":
    sys.exit(main())
