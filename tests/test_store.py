from __future__ import annotations

from pathlib import Path

import pytest

from generator import render, store
from generator.errors import BriefFileError
from generator.pipeline import build_brief

from conftest import TEST_DATE

RAW = b"Council approves park\n\nThe council approved the new park on Monday.\n"


@pytest.fixture()
def rendered(site_config):
    return render.render_brief(build_brief(RAW, "seeds/park.txt", site_config, today=TEST_DATE), site_config)


def test_first_write_then_unchanged(tmp_path: Path, rendered):
    path = tmp_path / "park.md"
    assert store.save_generated(path, rendered, force=False, backup_dir=tmp_path / "bak") is store.Outcome.WRITTEN
    assert store.save_generated(path, rendered, force=False, backup_dir=tmp_path / "bak") is store.Outcome.UNCHANGED
    assert not store.read_brief(path).is_edited


def test_hand_edit_is_kept_without_force(tmp_path: Path, rendered):
    path = tmp_path / "park.md"
    store.save_generated(path, rendered, force=False, backup_dir=tmp_path / "bak")
    edited = path.read_text(encoding="utf-8").replace("on Monday", "on Monday morning")
    path.write_text(edited, encoding="utf-8")
    assert store.read_brief(path).is_edited
    assert store.save_generated(path, rendered, force=False, backup_dir=tmp_path / "bak") is store.Outcome.KEPT_EDITED
    assert path.read_text(encoding="utf-8") == edited


def test_force_replaces_edit_and_keeps_a_backup(tmp_path: Path, rendered):
    path, backups = tmp_path / "park.md", tmp_path / "bak"
    store.save_generated(path, rendered, force=False, backup_dir=backups)
    edited = path.read_text(encoding="utf-8") + "\nAn editor's note.\n"
    path.write_text(edited, encoding="utf-8")
    assert store.save_generated(path, rendered, force=True, backup_dir=backups) is store.Outcome.REPLACED_EDITED
    assert path.read_text(encoding="utf-8") == rendered.text
    [copy] = backups.iterdir()
    assert copy.read_text(encoding="utf-8") == edited


def test_front_matter_edit_alone_is_not_a_body_edit(tmp_path: Path, rendered):
    path = tmp_path / "park.md"
    store.save_generated(path, rendered, force=False, backup_dir=tmp_path / "bak")
    path.write_text(path.read_text(encoding="utf-8").replace("tags: []", "tags: [Parks]"), encoding="utf-8")
    assert not store.read_brief(path).is_edited


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path):
    store.write_atomic(tmp_path / "a.md", "text")
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "a.md"
    path.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(store.os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_brief_without_front_matter_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_text("# Just markdown\n", encoding="utf-8")
    with pytest.raises(BriefFileError, match=r"x\.md: no YAML front matter"):
        store.read_brief(path)


def test_choose_path_avoids_taking_another_sources_file(tmp_path: Path):
    (tmp_path / "park.md").write_text("x", encoding="utf-8")
    assert store.choose_path(tmp_path, "park", "seeds/other.txt", {}) == tmp_path / "park-2.md"
    assert store.choose_path(tmp_path, "park", "seeds/a.txt", {"seeds/a.txt": tmp_path / "park.md"}) == tmp_path / "park.md"


def test_replace_body_updates_digest_only_for_unedited_briefs(tmp_path: Path, rendered):
    path = tmp_path / "park.md"
    store.save_generated(path, rendered, force=False, backup_dir=tmp_path / "bak")
    stored = store.read_brief(path)
    updated = store.replace_body(stored, stored.body + "\nMore.\n", ["park"])
    path.write_text(updated, encoding="utf-8")
    again = store.read_brief(path)
    assert not again.is_edited
    assert again.front_matter["glossary"] == ["park"]
