"""Quote and speaker quality floors on ../shared/eval: a drop fails.

Runs the quotes stage in-process (ingest -> segment -> quotes.find_attributions,
offsets mapped back to the input as `briefs analyze` does) and scores it with
the shared scorers, the same way benchmarks/speakers.py does:

- PolNeAR (quotes-dev.jsonl, score_quotes.py): overlap F1 and e2e, speakers by
  surname; plus speaker accuracy on direct quotes with strict printed names;
- speaker lists (speakers-dev.jsonl, score_speakers.py): exact printed names,
  roles, names or roles that run over a full stop;
- direct-quote attribution on BBC (attribution-dev-bbc.jsonl,
  score_attribution.py): attributed precision and coverage.

The floors sit a little below the scores recorded with the current rules (see
FLOORS); the issue's targets are beside them. Skipped when the eval data is
absent. Time is measured by the benchmark, never asserted here.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator import analysis, ingest, quotes, segment
from generator.config import SiteConfig

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO.parent / "shared" / "eval"
GOLD = EVAL_DIR / "quotes-dev.jsonl"
THRESHOLD = 0.5
# Speed is measured by benchmarks/quotes.py and benchmarks/speakers.py, never asserted in a test.

# Recorded (all articles): see the commit that sets them and benchmarks/speakers.py.
# PolNeAR targets: all F1 >= 65, direct e2e >= 88 (may not drop).
FLOORS = {
    ("all", "F1"): 65.0,
    # Surname keys also credit a wrong printed name that shares a word with the gold span ('Popular
    # Christian' for 'The Christian speaker', 'Edison Research' for a pollster); those names left
    # the speaker lists, so this sits below the 52.0 once measured.
    ("all", "e2e F1"): 51.0,
    ("direct", "F1"): 96.5,
    ("direct", "e2e F1"): 88.0,
    # Surname keys credit a place in the gold span ('the Florida senator' -> 'Florida'); places are
    # no speakers since they left the speaker lists, so this sits lower and the strict floor rules.
    ("direct", "speaker accuracy"): 90.5,
}
STRICT_FLOOR = 86.5  # PolNeAR direct quotes, strict printed names
# Speaker lists and BBC attribution. Targets: F1 >= 90, roles (loose) >= 85, no junk;
# attributed precision >= 97 with coverage >= 85.
SPEAKER_FLOORS = {"F1": 91.0, "precision": 96.0, "role_loose_pct": 64.5}
MAX_JUNK = 1
ATTRIBUTION_FLOORS = {"attributed_precision": 95.5, "coverage": 87.0}

pytestmark = pytest.mark.eval


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EVAL_DIR / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorers() -> dict[str, ModuleType]:
    needed = ("quotes-dev.jsonl", "speakers-dev.jsonl", "attribution-dev-bbc.jsonl", "summaries-bbc-dev.jsonl", "score_quotes.py")
    if not all((EVAL_DIR / name).exists() for name in needed):
        pytest.skip(f"eval data not found at {EVAL_DIR} (the shared eval folder next to the repo)")
    sys.path.insert(0, str(EVAL_DIR))
    sys.path.insert(0, str(REPO / "benchmarks"))
    return {name: _load(name) for name in ("score_quotes", "score_speakers", "score_attribution")}


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (EVAL_DIR / name).open(encoding="utf-8") if line.strip()]


def _predict(rows: list[dict]) -> dict[str, dict]:
    records = {}
    for row in rows:
        article = ingest.parse_article(row["text"], row["id"], row.get("title"), headline_required=False)
        found = quotes.find_attributions(article, segment.split_sentences(article))
        records[row["id"]] = {"id": row["id"], **analysis.attribution_record(found, ingest.OffsetMap(row["text"], article.text))}
    return records


@pytest.fixture(scope="module")
def polnear(scorers: dict[str, ModuleType], tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], dict[str, dict], dict]:
    """PolNeAR gold, predictions by id and score_quotes' summary."""
    gold = _rows(GOLD.name)
    predictions = _predict(gold)
    path = tmp_path_factory.mktemp("quotes") / "pred.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in predictions.values()), encoding="utf-8")
    return gold, predictions, scorers["score_quotes"].score_files(str(GOLD), str(path), THRESHOLD)


@pytest.fixture(scope="module")
def bbc() -> tuple[dict[str, str], dict[str, dict]]:
    """The BBC dev articles the hand-made gold indexes: texts and predictions by id."""
    import speakers as benchmark

    rows = _rows("summaries-bbc-dev.jsonl")[: benchmark.BBC_GOLD_LINES]
    return {r["id"]: r["text"] for r in rows}, _predict(rows)


def _measure(summary: dict, view: str, measure: str) -> float:
    scores = summary[view]
    if measure == "F1":
        return scores["overlap"]["F1"]
    if measure == "e2e F1":
        return scores["e2e"]["F1"]
    return scores["speaker_acc_named"]


@pytest.mark.parametrize(("view", "measure"), list(FLOORS), ids=lambda part: str(part).replace(" ", "-"))
def test_polnear_scores_stay_above_the_floor(polnear: tuple, view: str, measure: str) -> None:
    score = _measure(polnear[2], view, measure)
    assert score >= FLOORS[(view, measure)], f"{view} {measure} fell to {score:.1f} (floor {FLOORS[(view, measure)]})"


# Speed is measured by benchmarks/quotes.py and benchmarks/speakers.py, never asserted in a test.
    record = json.loads(GOLD.open(encoding="utf-8").readline())
    from generator import pipeline

    brief = pipeline.build_brief(record["text"], record["id"], SiteConfig(root=Path(".")), title=record.get("title"), headline_required=False)
    out = analysis.to_record(brief, record["id"], ingest.OffsetMap(record["text"], brief.article.text))
    assert all({"start", "end", "speaker", "kind", "confidence"} <= set(q) for q in out["quotes"])
    assert all({"name", "role", "type", "quotes", "reported"} <= set(s) for s in out["speakers"])
    assert all(q["speaker"] is None for q in out["quotes"] if q["confidence"] < quotes.PUBLISH_CONFIDENCE)


def test_speaker_lists_stay_above_the_floor(scorers: dict[str, ModuleType], bbc: tuple, polnear: tuple) -> None:
    gold = _rows("speakers-dev.jsonl")
    scores = scorers["score_speakers"].score(gold, [*bbc[1].values(), *polnear[1].values()])
    for measure, floor in SPEAKER_FLOORS.items():
        assert scores[measure] >= floor, f"speaker lists {measure} fell to {scores[measure]} (floor {floor})"
    assert scores["junk"] == 0, f"names or roles over a full stop: {scores['junk']}"

