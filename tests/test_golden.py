"""Rendered briefs checked byte for byte against tests/golden/ (regenerate: make golden)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import render
from generator.config import SiteConfig, load_config
from generator.pipeline import build_brief

from conftest import FIXTURES, GOLDEN, REPO, SEED, TEST_DATE

# The project's own site_config: the golden briefs show what users get.
TEST_CONFIG_DIR = REPO / "site_config"
CASES = sorted(FIXTURES.glob("*.txt"))
assert SEED in CASES


def rendered_case(case: Path, config: SiteConfig) -> str:
    source = case.relative_to(REPO).as_posix()
    brief = build_brief(case.read_bytes(), source, config)
    return render.render_brief(brief, config, added=TEST_DATE).text


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_brief_matches_golden(case: Path):
    golden = GOLDEN / f"{case.stem}.md"
    assert rendered_case(case, load_config(TEST_CONFIG_DIR)) == golden.read_text(encoding="utf-8")
