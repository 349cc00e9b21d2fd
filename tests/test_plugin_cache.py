"""The briefs plugin's cache on disk: kept between builds, ignored when written by other code;
and the front matter MkDocs takes from the plugin's reading of a brief."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from generator import brief_file
from generator.config import load_config as load_site_config
from generator.fingerprint import RACY_NS
from generator.plugin import cache
from generator.plugin import build as build_module
from generator.plugin.build import BriefsBuild

from conftest import FIXTURES, SEED, build_site, make_project, run_briefs


def test_saved_state_is_read_back_by_the_same_code_only(tmp_path: Path):
    cache.save(tmp_path / "c", "code-1", {"facts": {("a.md", "h"): None}})
    assert cache.load(tmp_path / "c", "code-1") == {"facts": {("a.md", "h"): None}}
    assert cache.load(tmp_path / "c", "code-2") is None
    assert cache.load(tmp_path / "missing", "code-1") is None
    (tmp_path / "c" / cache.SITE_FILE).write_bytes(b"not a pickle")
    assert cache.load(tmp_path / "c", "code-1") is None
    assert [p.name for p in (tmp_path / "c").iterdir()] == [cache.SITE_FILE]  # no temporary file left


def test_facts_are_written_by_shard_and_only_the_changed_shards_again(tmp_path: Path):
    entries = {(f"briefs/b{i}.md", f"hash{i}"): f"facts {i}" for i in range(40)}
    digests = cache.save_facts(tmp_path, "code", entries, {})
    assert cache.load_facts(tmp_path, "code") == entries
    files = {path.name: path.stat().st_ino for path in tmp_path.iterdir()}
    assert len(files) == len(digests) > 1
    # One brief edited: its new key replaces the old one, in the same shard, the only file written again.
    del entries[("briefs/b7.md", "hash7")]
    entries[("briefs/b7.md", "hash7-edited")] = "facts 7, edited"
    after = cache.save_facts(tmp_path, "code", entries, digests)
    rewritten = [path.name for path in tmp_path.iterdir() if files.get(path.name) != path.stat().st_ino]
    assert len(rewritten) == 1 and [s for s in after if after[s] != digests[s]] == [rewritten[0][len("facts-") : -len(".pickle")]]
    assert cache.load_facts(tmp_path, "code") == entries
    assert cache.load_facts(tmp_path, "other code") == {}
    # A shard left without briefs is removed.
    assert cache.save_facts(tmp_path, "code", {("briefs/b7.md", "hash7-edited"): "facts 7"}, after).keys() == {rewritten[0][6:-7]}
    assert [path.name for path in tmp_path.iterdir()] == rewritten


def test_code_fingerprint_follows_the_generator_files():
    assert cache.code_fingerprint() == cache.code_fingerprint()
    assert len(cache.code_fingerprint()) == 64


def test_build_after_a_build_uses_the_cache_and_sees_an_edit(tmp_path: Path):
    project = make_project(tmp_path)
    assert run_briefs("generate", cwd=project).returncode == 0
    [brief] = (project / "briefs").glob("*.md")
    first = build_site(project, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    saved = project / ".cache" / "plugin" / "briefs"
    assert (saved / cache.SITE_FILE).is_file() and list(saved.glob("facts-*.pickle"))
    brief.write_text(brief.read_text(encoding="utf-8") + "\nAn editor's closing line.\n", encoding="utf-8")
    second = build_site(project, tmp_path / "two")
    assert second.returncode == 0, second.stderr
    page = tmp_path / "two" / brief.stem / "index.html"
    assert "closing line." in page.read_text(encoding="utf-8")
    # A broken link is reported from the cache as from a fresh read: the strict build still fails.
    brief.write_text(brief.read_text(encoding="utf-8") + '\nSee [Atlantis](glossary.md#atlantis "A lost city").\n', encoding="utf-8")
    assert build_site(project, tmp_path / "three").returncode != 0
    failed_again = build_site(project, tmp_path / "four")
    assert failed_again.returncode != 0 and "atlantis" in failed_again.stderr


def _site_files(site_dir: Path) -> dict[str, bytes]:
    """Every file of a built site; the feeds' build times (to the second) left out."""
    files = {}
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(site_dir).as_posix()] = _BUILD_TIME.sub(b"", data) if path.name.startswith("feed_") else data
    return files


_BUILD_TIME = re.compile(rb"\d\d:\d\d:\d\d(\.\d+)?")


def _differing(one: Path, other: Path) -> list[str]:
    first, second = _site_files(one), _site_files(other)
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


def test_built_site_is_the_same_with_and_without_the_cache(tmp_path: Path):
    from test_site_build import HARBOUR_STORIES

    project = make_project(tmp_path / "project", (FIXTURES / "council_vote.txt", SEED))
    for name, text in HARBOUR_STORIES.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    assert run_briefs("generate", cwd=project).returncode == 0
    saved = project / ".cache" / "plugin" / "briefs"

    def built(name: str, *, cached: bool) -> Path:
        if not cached:
            shutil.rmtree(saved, ignore_errors=True)
        result = build_site(project, tmp_path / name)
        assert result.returncode == 0, result.stderr
        return tmp_path / name

    cold = built("cold", cached=False)
    assert (saved / cache.SITE_FILE).is_file()
    assert _differing(cold, built("cached", cached=True)) == []
    # An edit: every other brief's facts come from the cache, read back without their text,
    # and the work across briefs is redone from them.
    edited = project / "briefs" / "fishermen-protest-portwick-pier-tolls.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMara Quell said the ferry terminal opens in May.\n", encoding="utf-8")
    after_edit = built("edited-cached", cached=True)
    assert "opens in May" in (after_edit / "fishermen-protest-portwick-pier-tolls" / "index.html").read_text(encoding="utf-8")
    assert _differing(after_edit, built("edited-cold", cached=False)) == []
    # A brief removed is gone from the generated pages as from a cold build.
    (project / "briefs" / "orchestra-plays-new-symphony.md").unlink()
    assert _differing(built("removed-cached", cached=True), built("removed-cold", cached=False)) == []


def test_a_brief_page_read_from_the_plugins_reading_is_what_mkdocs_reads(tmp_path: Path):
    """Under `mkdocs build`, MkDocs takes a brief's front matter from the plugin's reading
    (BriefsBuild.hand_over_source): the page's Markdown and meta are those MkDocs makes
    itself, and a file changed since the plugin read it is read by MkDocs again."""
    project = make_project(tmp_path)
    front = brief_file.FrontMatter(
        title="Council approves the park", source="seeds/park.txt", added=dt.date(2022, 1, 12), summary=("The council approved it.",),
        tags=("Parks",), generator=brief_file.GeneratorStamp("0.1.0", "", "abc"),
    )
    path = project / "briefs" / "park.md"
    path.write_text(brief_file.generated(Path("briefs/park.md"), front, "\n\n# Council approves the park\n\nThe council approved it.\n").text, encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    files = get_files(config)
    build = BriefsBuild(load_site_config(project / "site_config"), True)
    build.read_files(files, config)

    def read(hand_over: bool) -> Page:
        page = Page(None, files.get_file_from_path("park.md"), config)
        if hand_over:
            build.hand_over_source(page)
        page.read_source(config)
        return page

    handed, own = read(True), read(False)
    assert "read_source" in vars(handed) and (handed.markdown, handed.meta) == (own.markdown, own.meta)
    assert handed.meta["tags"] == ["Parks"] and handed.markdown.startswith("# Council")
    # Edited after the plugin read it (a longer title: the body starts further on).
    edited = path.read_text(encoding="utf-8").replace("Council approves the park", "Council approves the new park")
    path.write_text(edited.replace("approved it.\n", "approved it on Monday.\n"), encoding="utf-8")
    page = Page(None, files.get_file_from_path("park.md"), config)
    build.hand_over_source(page)
    page.read_source(config)
    own = read(False)
    assert page.meta["title"] == "Council approves the new park" and (page.markdown, page.meta) == (own.markdown, own.meta)
    assert "on Monday" in page.markdown


def test_under_serve_the_site_index_is_made_even_when_the_disk_cache_holds_the_pages(tmp_path: Path):
    """`mkdocs serve` started on a site the disk cache holds: the index is made at startup, so
    the first edit updates the related lists instead of ranking every brief."""
    project = make_project(tmp_path)
    assert run_briefs("generate", cwd=project).returncode == 0
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    files = get_files(config)
    site_config = load_site_config(project / "site_config")
    cache_dir = tmp_path / "cache"
    first = BriefsBuild(site_config, True, cache_dir)
    first.read_files(files, config)
    first.save_cache()
    built = BriefsBuild(site_config, True, cache_dir)
    built.read_files(files, config)
    assert built.index is None and built.pages == first.pages  # mkdocs build: the pages from disk alone
    served = BriefsBuild(site_config, True, cache_dir, under_serve=True)
    served.read_files(files, config)
    assert served.index.facts.keys() == first.index.facts.keys() != set()
    assert served.pages == first.pages


def test_a_build_after_a_build_hands_mkdocs_the_front_matter_kept_in_the_cache(tmp_path: Path):
    """A build that parses no brief (or only the edited ones) still spares MkDocs the YAML: each
    brief's front matter comes from the cache (cache.SOURCES_FILE) as the build before read it,
    the same Markdown and meta MkDocs makes itself; an edited brief is read again."""
    project = make_project(tmp_path)
    texts = {}
    for name, title in (("park.md", "Council approves the park"), ("pier.md", "Fishermen protest pier tolls")):
        front = brief_file.FrontMatter(
            title=title, source=f"seeds/{name[:-3]}.txt", date=dt.date(2022, 1, 12), summary=("It happened.",),
            tags=("Harbour", "Council"), speakers=(brief_file.SpeakerEntry("Mara Quell", "mayor", "person", 1, 0),),
            generator=brief_file.GeneratorStamp("0.1.0", "", "abc"),
        )
        texts[name] = brief_file.generated(Path(f"briefs/{name}"), front, f"\n\n# {title}\n\nIt happened.\n").text
        (project / "briefs" / name).write_text(texts[name], encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    site_config = load_site_config(project / "site_config")
    cache_dir = tmp_path / "cache"

    def next_build() -> tuple[BriefsBuild, object]:
        """A build in a new process: its own BriefsBuild from the cache on disk, as `mkdocs build` makes it."""
        files = get_files(config)
        build = BriefsBuild(site_config, True, cache_dir)
        build.read_files(files, config)
        build.save_cache()
        return build, files

    def page_read(build: BriefsBuild | None, files, name: str) -> Page:  # noqa: ANN001 (MkDocs' Files)
        page = Page(None, files.get_file_from_path(name), config)
        if build is not None:
            build.hand_over_source(page)
            assert "read_source" in vars(page), f"{name}: MkDocs parses it"
        page.read_source(config)
        return page

    next_build()
    cached, files = next_build()
    assert cached.index is None  # nothing parsed: the pages came from the cache
    for name in texts:
        handed, own = page_read(cached, files, name), page_read(None, files, name)
        assert (handed.markdown, handed.meta) == (own.markdown, own.meta)
        assert type(handed.meta["date"]) is dt.date and handed.meta["speakers"][0]["quotes"] == 1
    # One brief edited between builds: it is parsed again, the other's front matter comes from the cache.
    edited = texts["park.md"].replace("title: Council approves the park", "title: Council approves the new park")
    (project / "briefs" / "park.md").write_text(edited, encoding="utf-8")
    after, files = next_build()
    assert after.index.facts.keys() == {"park.md", "pier.md"}
    for name in texts:
        handed, own = page_read(after, files, name), page_read(None, files, name)
        assert (handed.markdown, handed.meta) == (own.markdown, own.meta)
    assert handed.meta["title"] == "Fishermen protest pier tolls" and own.meta["title"] == "Fishermen protest pier tolls"
    assert page_read(None, files, "park.md").meta["title"] == "Council approves the new park"
    # A brief edited after its front matter was kept (between reading and building) is read by MkDocs.
    again, files = next_build()
    assert again.sources["park.md"].meta["title"] == "Council approves the new park"
    (project / "briefs" / "park.md").write_text(edited.replace("the new park", "the bigger new park"), encoding="utf-8")
    page = Page(None, files.get_file_from_path("park.md"), config)
    again.hand_over_source(page)
    page.read_source(config)
    own = page_read(None, files, "park.md")
    assert page.meta["title"] == "Council approves the bigger new park" and (page.markdown, page.meta) == (own.markdown, own.meta)


def test_under_serve_a_rebuild_reads_the_briefs_whose_file_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A rebuild under `mkdocs serve` reads again only the briefs whose file changed (by inode,
    size and times; a file changed in the last two seconds by its text): an edit that keeps the
    file's size shows whether it was just saved or saved a while before the rebuild, and a
    rebuild after one that failed part-way still has every brief."""
    project = make_project(tmp_path, (SEED, FIXTURES / "council_vote.txt", FIXTURES / "hostile_markup.txt"))
    assert run_briefs("generate", cwd=project).returncode == 0
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    served = BriefsBuild(load_site_config(project / "site_config"), True, under_serve=True)
    names = sorted(path.name for path in (project / "briefs").glob("*.md") if path.name != "index.md")
    assert len(names) == 3
    settled = RACY_NS / 1e9 + 0.2  # seconds after a save: a file is keyed by its times, not its text
    read: list[str] = []
    reading = build_module._Page.read.__func__
    monkeypatch.setattr(build_module._Page, "read", classmethod(lambda cls, file, path: read.append(file.src_uri) or reading(cls, file, path)))

    def rebuild() -> list[str]:
        read.clear()
        served.read_files(get_files(config), config)
        return sorted(read)

    def save(name: str, first_sentence: str) -> None:
        brief = project / "briefs" / name
        text = brief.read_text(encoding="utf-8")
        brief.write_text(re.sub(r"(?m)^(summary:\n- ).+$", lambda m: m.group(1) + first_sentence, text), encoding="utf-8")

    def first_sentence(name: str) -> str:
        return re.search(r"(?m)^summary:\n- (.+)$", (project / "briefs" / name).read_text(encoding="utf-8")).group(1)

    assert rebuild() == names  # just written: read by their text
    time.sleep(settled)
    assert rebuild() == names  # settled now: keyed by their file's times from here on
    assert all(served.settled_digests[name][0].startswith("stat:") for name in names)
    assert rebuild() == []
    edited = first_sentence(names[1])
    same_size = edited[::-1]  # the same length: only the file's times tell
    save(names[1], same_size)
    time.sleep(settled)
    assert rebuild() == [names[1]] and served.pages[names[1]].description == same_size
    save(names[1], edited)
    assert rebuild() == [names[1]] and served.pages[names[1]].description == edited
    # A rebuild that stops at a broken brief (the first one read); after the fix (another first
    # sentence), the briefs it did not reach are read again: their facts went with it.
    time.sleep(settled)
    assert rebuild() == [names[1]]  # read by its text when just saved: once more, to key it by its times
    good = (project / "briefs" / names[0]).read_text(encoding="utf-8")
    (project / "briefs" / names[0]).write_text(good.replace("\ntitle: ", "\ntitle: [", 1), encoding="utf-8")
    with pytest.raises(PluginError):
        rebuild()
    (project / "briefs" / names[0]).write_text(good, encoding="utf-8")
    save(names[0], "The brief as fixed.")
    assert rebuild() == names
    assert sorted(served.pages) == names
    assert served.pages[names[0]].description == "The brief as fixed." and served.pages[names[1]].description == edited
