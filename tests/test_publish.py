"""Publishing: `mkdocs gh-deploy` to a local bare repository standing in for GitHub."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, make_project, run_briefs

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Briefs Test",
    "GIT_AUTHOR_EMAIL": "briefs@example.invalid",
    "GIT_COMMITTER_NAME": "Briefs Test",
    "GIT_COMMITTER_EMAIL": "briefs@example.invalid",
}


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_gh_deploy_pushes_the_built_site_to_gh_pages(tmp_path: Path):
    remote = tmp_path / "remote.git"
    git("init", "--bare", "--quiet", str(remote), cwd=tmp_path)
    project = make_project(tmp_path / "project")
    assert run_briefs("generate", cwd=project).returncode == 0
    git("init", "--quiet", "-b", "main", cwd=project)
    git("remote", "add", "origin", str(remote), cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "--quiet", "-m", "briefs", cwd=project)
    deployed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--force", "--message", "Publish briefs"],
        cwd=project,
        env={**os.environ, **GIT_IDENTITY, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert deployed.returncode == 0, deployed.stderr
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert "index.html" in files and ".nojekyll" in files
    assert "russia-mulls-cuba-venezuela-deployment/index.html" in files
    assert "Publish briefs" in git("log", "-1", "--format=%s", "gh-pages", cwd=remote)


def test_pages_workflow_builds_strict_and_deploys_on_push_to_main():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    # PyYAML reads the key "on" as True.
    assert workflow[True]["push"]["branches"] == ["main"]
    steps = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert any("mkdocs build --strict" in step for step in steps)
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in workflow["jobs"]["deploy"]["steps"])
