"""The command line outside a project, on a closed pipe, and with options placed freely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_briefs

ARTICLE = "Council approves budget\n\nThe council approved the budget on Monday, the mayor said.\n"
HINT = "or point at one with --site-config DIR --briefs DIR"


@pytest.mark.parametrize("command", [["generate"], ["relink"], ["check"], ["glossary", "suggest"]])
def test_outside_a_project_every_command_says_how_to_point_at_one(tmp_path: Path, command: list[str]):
    result = run_briefs(*command, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: site_config: no site configuration folder here") and HINT in lines[0]


def test_a_missing_site_config_given_explicitly_is_named(tmp_path: Path):
    result = run_briefs("check", "--site-config", "elsewhere/site_config", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: elsewhere/site_config: no site configuration folder here")


def test_analyze_works_outside_a_project_with_the_default_configuration(tmp_path: Path):
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_briefs("analyze", "story.txt", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["title"] == "Council approves budget"
    assert record["glossary"] == []


def test_options_work_after_the_command_too(tmp_path: Path):
    result = run_briefs("generate", "--site-config", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert f"error: {tmp_path / 'nowhere'}: no site configuration folder here" in result.stderr


def test_analyze_into_a_closed_pipe_ends_quietly(tmp_path: Path):
    lines = "".join(json.dumps({"id": str(n), "text": ARTICLE}) + "\n" for n in range(400))
    (tmp_path / "in.jsonl").write_text(lines, encoding="utf-8")
    command = f"{sys.executable} -m generator.cli analyze --jsonl in.jsonl 2>err.txt | head -n 1"
    result = subprocess.run(
        command, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert json.loads(result.stdout)["id"] == "0"
    assert (tmp_path / "err.txt").read_text(encoding="utf-8") == ""


def test_text_without_a_headline_gets_a_brief_and_a_one_line_warning(tmp_path: Path):
    story = tmp_path / "untitled.txt"
    story.write_text("The council approved the budget on Monday, the mayor said. It passed easily.\n\nFew objected.\n", encoding="utf-8")
    result = run_briefs("--site-config", str(REPO / "site_config"), "--briefs", str(tmp_path / "briefs"), "generate", str(story), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING: untitled.txt: no headline on line 1; using the first sentence as the title" in result.stderr.splitlines()
    brief = (tmp_path / "briefs" / "the-council-approved-the-budget-on-monday-the-mayor-said.md").read_text(encoding="utf-8")
    assert "title: The council approved the budget on Monday, the mayor said.\n" in brief
