"""The generator's fingerprint follows its code, every data file and the libraries that shape
its output, and nothing else: a copy of the package hashes alike, an edit anywhere that counts
does not."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from generator import fingerprint

from conftest import REPO


def fresh_fingerprint(package: Path) -> str:
    # Past the cache: the same folder is hashed again after each change.
    return fingerprint.generator_fingerprint.__wrapped__(package)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    copy = tmp_path / "generator"
    shutil.copytree(REPO / "generator", copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_copy_of_the_package_has_the_same_fingerprint(package: Path):
    assert fresh_fingerprint(package) == fingerprint.generator_fingerprint()


@pytest.mark.parametrize(
    "change",
    ["data/summarizer.json", "data/stopwords.txt", "summarize.py", "quotes/new_stage.py"],
    ids=["new weights", "a data file of any kind", "a fixed stage", "a new module"],
)
def test_code_and_every_data_file_count(package: Path, change: str):
    before = fresh_fingerprint(package)
    path = package / change
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + "\n# changed\n", encoding="utf-8")
    assert fresh_fingerprint(package) != before


def test_compiled_files_and_files_outside_code_and_data_do_not_count(package: Path):
    before = fresh_fingerprint(package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "store.cpython-311.pyc").write_bytes(b"\0compiled")
    (package / "notes.md").write_text("Not code, not data.\n", encoding="utf-8")
    assert fresh_fingerprint(package) == before


def test_the_output_dependencies_are_declared_and_installed():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.split(r"[<>=!\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-") for requirement in declared}
    assert set(fingerprint.OUTPUT_DEPENDENCIES) <= names
    assert all(version != fingerprint.NOT_INSTALLED for _, version in fingerprint.dependency_versions())
