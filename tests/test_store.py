"""store: hand edits kept, atomic writes with the umask's mode, the lock, temporary files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import render, store
from generator.errors import BriefError
from generator.pipeline import build_brief

from conftest import TEST_DATE

RAW = b"Council approves park\n\nThe council approved the new park on Monday.\n"


@pytest.fixture()
def rendered(site_config):
    return render.render_brief(build_brief(RAW, "seeds/park.txt", site_config), site_config, added=TEST_DATE)


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


@pytest.mark.parametrize(
    "edit",
    [
        ("tags: []", "tags: [Parks]"),
        ("reading_time: 1", "reading_time: 2"),
        ("title: Council approves park", "title: Council approves new park"),
        ("source: seeds/park.txt", "source: seeds/park.txt  # from the wire"),
    ],
    ids=["tags", "reading-time", "title", "comment"],
)
def test_front_matter_edit_is_an_edit(tmp_path: Path, rendered, edit):
    path = tmp_path / "park.md"
    store.save_generated(path, rendered, force=False, backup_dir=tmp_path / "bak")
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1]), encoding="utf-8")
    assert store.read_brief(path).is_edited
    assert store.save_generated(path, rendered, force=False, backup_dir=tmp_path / "bak") is store.Outcome.KEPT_EDITED


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path):
    store.write_atomic(tmp_path / "a.md", "text")
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_new_files_follow_the_umask_and_rewrites_keep_the_mode(tmp_path: Path):
    old = os.umask(0o022)
    try:
        store.write_atomic(tmp_path / "a.md", "one")
        assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        store.write_atomic(tmp_path / "a.md", "two")
        assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o644
        store.write_atomic(tmp_path / "b.md", "new")
        assert (tmp_path / "b.md").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


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


def test_lock_stops_a_second_run_and_cleans_temporary_files(tmp_path: Path):
    leftover = tmp_path / f".park.md.123{store.TEMP_SUFFIX}"
    leftover.write_text("", encoding="utf-8")
    with store.locked(tmp_path):
        assert not leftover.exists()
        with pytest.raises(BriefError, match="another 'briefs generate' or 'briefs relink'"):
            with store.locked(tmp_path):
                pass
    with store.locked(tmp_path):
        pass


def test_choose_path_avoids_taking_another_sources_file(tmp_path: Path):
    (tmp_path / "park.md").write_text("x", encoding="utf-8")
    index = store.BriefIndex()
    assert store.choose_path(tmp_path, "park", "seeds/other.txt", index) == tmp_path / "park-2.md"
    index.by_source["seeds/a.txt"] = tmp_path / "park.md"
    assert store.choose_path(tmp_path, "park", "seeds/a.txt", index) == tmp_path / "park.md"


def test_invalid_brief_of_the_same_name_is_targeted_not_duplicated(tmp_path: Path):
    (tmp_path / "park.md").write_text('---\ntitle: Park\nsource: "seeds/park.txt\n---\n', encoding="utf-8")
    index = store.index_briefs(tmp_path)
    assert list(index.invalid) == [tmp_path / "park.md"]
    assert store.choose_path(tmp_path, "park", "seeds/park.txt", index) == tmp_path / "park.md"


def test_a_damaged_index_file_is_ignored_and_the_briefs_read(tmp_path: Path):
    (tmp_path / "park.md").write_text("---\ntitle: Park\nsource: seeds/park.txt\n---\nBody.\n", encoding="utf-8")
    (tmp_path / store.INDEX_FILE_NAME).write_text('{"format": 1, "briefs": [', encoding="utf-8")
    index = store.index_briefs(tmp_path)
    assert index.by_source == {"seeds/park.txt": tmp_path / "park.md"}
    assert index.briefs[tmp_path / "park.md"].is_edited
