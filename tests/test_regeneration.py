"""A generator upgrade (new summarizer weights, a changed lexicon or stage) reaches every brief
that was not edited by hand, keeps hand-edited briefs byte for byte, rewrites no brief it does
not change, and the run after it does no work."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator import brief_file, generate

from conftest import REPO, SEED, SEED_BRIEF, make_project, run_briefs
from test_edit_safety import COUNCIL, COUNCIL_BRIEF, rewrite

def older_generator(folder: Path) -> Path:
    """A copy of the generator package as an earlier release might have shipped it: the same
    version number and code, other summarizer weights (the sentence scorer's signs flipped, no
    reranker)."""
    package = folder / "generator"
    shutil.copytree(REPO / "generator", package, ignore=shutil.ignore_patterns("__pycache__"))
    weights_path = package / "data" / "summarizer.json"
    weights = json.loads(weights_path.read_text(encoding="utf-8"))
    weights["weights"] = [-w for w in weights["weights"]]
    weights["summary_weights"] = []
    weights_path.write_text(json.dumps(weights), encoding="utf-8")
    return folder


def run_with(package_root: Path, project: Path) -> subprocess.CompletedProcess[str]:
    """`briefs generate` with the generator package found under package_root."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "generate"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(package_root)},
    )


def summary_of(path: Path) -> list[str]:
    return brief_file.parse(path.read_text(encoding="utf-8"), path).front_matter.summary


def test_a_generator_upgrade_regenerates_unedited_briefs_and_keeps_edited_ones(tmp_path: Path):
    project = make_project(tmp_path / "project", (SEED, COUNCIL))
    briefs = project / "briefs"
    first = run_with(older_generator(tmp_path / "older"), project)
    assert first.returncode == 0, first.stderr
    older = {name: summary_of(briefs / name) for name in (SEED_BRIEF, COUNCIL_BRIEF)}
    edited = rewrite(briefs / SEED_BRIEF, lambda t: t.replace("role: Kremlin spokesman", "role: Kremlin press secretary"))

    result = run_briefs("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert f"briefs/{SEED_BRIEF}: edited by hand since it was generated; kept it" in result.stderr
    assert (briefs / SEED_BRIEF).read_text(encoding="utf-8") == edited
    # The unedited brief now has the upgraded summarizer's summary, as a fresh project would.
    fresh = make_project(tmp_path / "fresh", (COUNCIL,))
    assert run_briefs("generate", cwd=fresh).returncode == 0
    assert summary_of(briefs / COUNCIL_BRIEF) == summary_of(fresh / "briefs" / COUNCIL_BRIEF) != older[COUNCIL_BRIEF]

    before = {p: p.stat().st_mtime_ns for p in briefs.glob("*.md")}
    again = run_briefs("generate", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "written" not in again.stderr and "1 unchanged" in again.stderr
    assert {p: p.stat().st_mtime_ns for p in briefs.glob("*.md")} == before

    # A generator change that alters no brief (a comment) rewrites none.
    commented = older_generator(tmp_path / "commented")
    shutil.copy(REPO / "generator" / "data" / "summarizer.json", commented / "generator" / "data" / "summarizer.json")
    with open(commented / "generator" / "summarize.py", "a", encoding="utf-8") as source:
        source.write("# a comment\n")
    rerun = run_with(commented, project)
    assert rerun.returncode == 0, rerun.stderr
    assert "written" not in rerun.stderr
    assert {p: p.stat().st_mtime_ns for p in briefs.glob("*.md")} == before
    assert (briefs / SEED_BRIEF).read_text(encoding="utf-8") == edited


def test_the_generator_fingerprint_follows_its_code_and_data(tmp_path: Path):
    package = tmp_path / "generator"
    shutil.copytree(REPO / "generator", package, ignore=shutil.ignore_patterns("__pycache__"))
    assert generate.generator_fingerprint(package) == generate.generator_fingerprint()
    weights = package / "data" / "summarizer.json"
    weights.write_text(weights.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = generate.generator_fingerprint.__wrapped__(package)
    assert changed != generate.generator_fingerprint()
    (package / "summarize.py").write_text("# a fixed stage\n", encoding="utf-8")
    assert generate.generator_fingerprint.__wrapped__(package) not in (changed, generate.generator_fingerprint())
