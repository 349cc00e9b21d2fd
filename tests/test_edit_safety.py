"""Hand edits are never lost, broken briefs are reported in one line by check, generate and the
build alike, and runs neither interleave nor leave debris: the real CLI and `mkdocs build`."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
import yaml

from generator import brief_file, store

from conftest import FIXTURES, REPO, SEED, SEED_BRIEF, build_site, make_project, run_briefs

COUNCIL = FIXTURES / "council_vote.txt"
COUNCIL_BRIEF = "springfield-council-delays-vote-on-river-bridge.md"


def generated_project(tmp_path: Path, articles: tuple[Path, ...] = (SEED, COUNCIL)) -> Path:
    project = make_project(tmp_path, articles)
    result = run_briefs("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def rewrite(path: Path, change) -> str:
    text = change(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return text


BROKEN = {
    "unclosed quote on source": (lambda t: t.replace("source: seeds/", 'source: "seeds/', 1), 4, "not valid YAML (a quoted value opens on this line and is not closed on it)"),
    "speakers: 3": (lambda t: re.sub(r"^speakers:\n(?:- .*\n)+", "speakers: 3\n", t, flags=re.M), 10, "speakers: expected a list of speakers, got 3"),
    "speakers not a list": (lambda t: re.sub(r"^speakers:\n(?:- .*\n)+", "speakers: {name: Dmitry Peskov}\n", t, flags=re.M), 10, "speakers: expected a list"),
    "date: next tuesday": (lambda t: t.replace("\nadded:", "\ndate: next tuesday\nadded:", 1), 3, "date: expected a date like 2022-01-12, got 'next tuesday'"),
    "missing closing fence": (lambda t: t.replace("\n---\n", "\n", 1), 1, "the front matter opened on line 1 is never closed"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_brief_one_line_from_check_generate_and_build_and_force_backs_it_up(tmp_path: Path, case: str):
    change, line, words = BROKEN[case]
    project = generated_project(tmp_path)
    path = project / "briefs" / SEED_BRIEF
    broken = rewrite(path, change)
    where = f"briefs/{SEED_BRIEF}:{line}: "

    check = run_briefs("check", cwd=project)
    assert check.returncode == 1
    [message] = check.stderr.splitlines()
    assert message.startswith(f"error: {where}") and words in message

    # A changed article elsewhere is still generated: the batch goes on past the broken brief.
    (project / "seeds" / COUNCIL.name).write_text(COUNCIL.read_text(encoding="utf-8") + "\nA late paragraph.\n", encoding="utf-8")
    generated = run_briefs("generate", cwd=project)
    assert generated.returncode == 1 and "Traceback" not in generated.stderr
    errors = [m for m in generated.stderr.splitlines() if m.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {where}") and words in errors[0]
    assert path.read_text(encoding="utf-8") == broken
    assert "A late paragraph." in (project / "briefs" / COUNCIL_BRIEF).read_text(encoding="utf-8")

    built = build_site(project, tmp_path / "site")
    assert built.returncode != 0 and "Traceback" not in built.stderr
    [error] = [m for m in built.stderr.splitlines() if m.startswith("ERROR")]
    assert error.endswith(message.removeprefix("error: "))

    forced = run_briefs("generate", "--force", cwd=project)
    assert forced.returncode == 0, forced.stderr
    [backup] = (project / store.BACKUP_DIR_NAME).iterdir()
    assert backup.read_text(encoding="utf-8") == broken
    assert not store.read_brief(path).is_edited
    assert run_briefs("check", cwd=project).returncode == 0


def test_what_check_passes_builds_a_speaker_whose_only_quote_lost_its_span_and_an_about_page(tmp_path: Path):
    project = generated_project(tmp_path)
    path = project / "briefs" / SEED_BRIEF
    span = re.compile(r'<span class="nb-quote" data-speaker="Sergei Ryabkov"[^>]*>(.*?)</span>')
    assert span.findall(path.read_text(encoding="utf-8"))
    rewrite(path, lambda t: span.sub(r"\1", t))
    (project / "briefs" / "about.md").write_text("# About\n\nBriefs drafted by a machine, finished by people.\n", encoding="utf-8")
    assert run_briefs("check", cwd=project).returncode == 0
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "people" / "sergei-ryabkov" / "index.html").is_file()
    assert (tmp_path / "site" / "about" / "index.html").is_file()


@pytest.mark.parametrize("change", ["glossary", "seed"])
def test_front_matter_edit_survives_a_glossary_or_seed_change(tmp_path: Path, change: str):
    project = generated_project(tmp_path, (SEED,))
    path = project / "briefs" / SEED_BRIEF
    edited = rewrite(path, lambda t: t.replace("role: Kremlin spokesman", "role: Kremlin press secretary"))
    if change == "glossary":
        glossary = project / "site_config" / "glossary.yml"
        glossary.write_text(glossary.read_text(encoding="utf-8").replace("North Atlantic Treaty Organization, the", "The"), encoding="utf-8")
    else:
        seed = project / "seeds" / SEED.name
        seed.write_text(seed.read_text(encoding="utf-8") + "\nTalks resume next week.\n", encoding="utf-8")
    result = run_briefs("generate", cwd=project)
    assert result.returncode == 0
    assert path.read_text(encoding="utf-8") == edited
    assert f"briefs/{SEED_BRIEF}: edited by hand since it was generated; kept it" in result.stderr


def test_relink_rewrites_a_wrapped_glossary_list_and_keeps_edited_and_unedited_apart(tmp_path: Path):
    project = generated_project(tmp_path)
    edited_path, unedited_path = project / "briefs" / SEED_BRIEF, project / "briefs" / COUNCIL_BRIEF
    # An editor's tool wrapped the list, one slug a line, and added a comment under it.
    rewrite(edited_path, lambda t: re.sub(r"^glossary: \[(.*)\]$", lambda m: "glossary:\n" + "\n".join(f"- {s}" for s in m.group(1).split(", ")) + "\n# long slugs wrap", t, flags=re.M))
    glossary = project / "site_config" / "glossary.yml"
    terms = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    terms["terms"].append({"term": "Springfield city council", "definition": "The council of a city.", "slug": "springfield-city-council-of-the-commonwealth-of-massachusetts"})
    glossary.write_text(yaml.safe_dump(terms, sort_keys=False, allow_unicode=True), encoding="utf-8")
    relinked = run_briefs("relink", cwd=project)
    assert relinked.returncode == 0, relinked.stderr
    edited, unedited = store.read_brief(edited_path), store.read_brief(unedited_path)
    assert edited.is_edited and not unedited.is_edited
    assert "springfield-city-council-of-the-commonwealth-of-massachusetts" in unedited.front_matter.glossary
    assert "- nato" not in edited.text and "# long slugs wrap" in edited.text
    assert set(edited.front_matter.glossary) >= {"nato", "kremlin"}
    assert run_briefs("check", cwd=project).returncode == 0
    assert run_briefs("relink", cwd=project).stdout == ""
    assert build_site(project, tmp_path / "site").returncode == 0


def test_a_rewritten_brief_keeps_its_mode(tmp_path: Path):
    project = generated_project(tmp_path, (SEED,))
    path = project / "briefs" / SEED_BRIEF
    path.chmod(0o644)
    seed = project / "seeds" / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8") + "\nTalks resume next week.\n", encoding="utf-8")
    assert "written" in run_briefs("generate", cwd=project).stdout
    assert path.stat().st_mode & 0o777 == 0o644


def many_articles(project: Path, count: int) -> None:
    """`count` distinct articles in seeds/ (the council story under numbered headlines)."""
    headline, rest = COUNCIL.read_text(encoding="utf-8").split("\n", 1)
    for number in range(count):
        (project / "seeds" / f"story-{number:03}.txt").write_text(f"{headline} number {number}\n{rest}", encoding="utf-8")


def start_generate(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "generate", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_two_generates_at_once_write_each_brief_once(tmp_path: Path):
    project = make_project(tmp_path, ())
    many_articles(project, 40)
    first, second = start_generate(project), start_generate(project)
    results = [(p.wait(timeout=300), p.stderr.read()) for p in (first, second)]
    sources = [store.read_brief(p).front_matter.source for p in (project / "briefs").glob("*.md")]
    assert len(sources) == 40 and len(set(sources)) == 40
    stopped = [stderr for code, stderr in results if code != 0]
    for stderr in stopped:
        [line] = stderr.splitlines()
        assert "another 'briefs generate' or 'briefs relink' is writing" in line
    assert len(stopped) <= 1


def wait_for_briefs(project: Path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while len(list((project / "briefs").glob("*.md"))) < count:
        assert process.poll() is None, "the batch ended before it could be stopped midway"
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_a_batch_killed_midway_leaves_whole_briefs_and_the_next_run_cleans_up(tmp_path: Path):
    project = make_project(tmp_path, ())
    many_articles(project, 150)
    process = start_generate(project)
    wait_for_briefs(project, 5, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    briefs = list((project / "briefs").glob("*.md"))
    assert 5 <= len(briefs) < 150
    for path in briefs:
        assert not store.read_brief(path).is_edited  # whole, exactly as generated
    leftovers = [p.name for p in (project / "briefs").iterdir() if p.name.startswith(".") and p.name != store.LOCK_FILE_NAME]
    assert all(name.endswith(store.TEMP_SUFFIX) for name in leftovers)
    # A kill during a write would leave one like this; the next run removes it.
    (project / "briefs" / f".story-001.md.99999{store.TEMP_SUFFIX}").write_text("", encoding="utf-8")
    again = run_briefs("generate", cwd=project)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (project / "briefs").iterdir() if p.name.startswith(".")) == [store.INDEX_FILE_NAME, store.LOCK_FILE_NAME]
    assert len(list((project / "briefs").glob("*.md"))) == 150


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_workers_die_with_a_killed_parent(tmp_path: Path):
    project = make_project(tmp_path, ())
    many_articles(project, 150)
    process = start_generate(project, "--jobs", "2")
    deadline = time.monotonic() + 120
    while len(workers := children(process.pid)) < 2:
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(is_running(pid) for pid in workers):
        assert time.monotonic() < deadline, "workers outlived their parent"
        time.sleep(0.05)
    # The lock died with them: the next run goes ahead.
    assert run_briefs("generate", cwd=project).returncode == 0


def test_projects_never_copy_the_users_seeds(tmp_path: Path):
    project = make_project(tmp_path)
    assert [p.name for p in (project / "seeds").iterdir()] == [SEED.name]
    assert SEED.parent == FIXTURES
    for test_file in (REPO / "tests").glob("*.py"):
        text = test_file.read_text(encoding="utf-8")
        assert not re.search(r"REPO\s*/\s*\"(seeds|briefs)\"", text), test_file.name


def test_added_is_kept_across_regenerations_and_dates_the_feed_when_the_article_has_none(tmp_path: Path):
    project = generated_project(tmp_path)
    path = project / "briefs" / SEED_BRIEF
    # As if generated on 3 February 2020: rewrite `added` and stamp the digest, so it is unedited.
    text = path.read_text(encoding="utf-8")
    path.write_text(brief_file.stamp_digest(re.sub(r"^added: .*$", "added: 2020-02-03", text, flags=re.M), path), encoding="utf-8")
    assert not store.read_brief(path).is_edited
    seed = project / "seeds" / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8") + "\nTalks resume next week.\n", encoding="utf-8")
    assert "written" in run_briefs("generate", cwd=project).stdout
    regenerated = store.read_brief(path)
    assert "Talks resume next week." in regenerated.body
    assert regenerated.front_matter.added == dt.date(2020, 2, 3) and regenerated.front_matter.date is None
    assert "3 min read · added 3 February 2020" in regenerated.body
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    feed = (tmp_path / "site" / "feed_rss_created.xml").read_text(encoding="utf-8")
    items = {re.search(r"<title>(.*?)</title>", item).group(1): item for item in feed.split("<item>")[1:]}
    assert "<pubDate>Mon, 03 Feb 2020" in items["Russia mulls Cuba, Venezuela deployment"]
    assert "<pubDate>Tue, 14 Mar 2023" in items["Springfield council delays vote on river bridge"]
    archive = (tmp_path / "site" / "archive" / "index.html").read_text(encoding="utf-8")
    assert "March 2023" in archive and "Undated" in archive and "February 2020" not in archive


def test_a_held_lock_stops_generate_and_relink_in_one_line(tmp_path: Path):
    project = generated_project(tmp_path, (SEED,))
    with store.locked(project / "briefs"):
        for command in ("generate", "relink"):
            result = run_briefs(command, cwd=project)
            assert result.returncode == 1
            [line] = result.stderr.splitlines()
            assert line == (
                f"error: briefs/{store.LOCK_FILE_NAME}: another 'briefs generate' or 'briefs relink' is writing briefs; "
                "run again when it has finished"
            )
    assert run_briefs("relink", cwd=project).returncode == 0


def test_jobs_2_writes_every_brief_in_order(tmp_path: Path):
    project = make_project(tmp_path, ())
    many_articles(project, 6)
    result = run_briefs("generate", "--jobs", "2", cwd=project)
    assert result.returncode == 0, result.stderr
    written = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert len(written) == 6 and written == sorted(written, key=lambda name: int(re.search(r"number-(\d+)", name).group(1)))
    assert all(not store.read_brief(project / path).is_edited for path in written)


@pytest.mark.parametrize(
    "link, words",
    [
        ('[Atlantis](glossary.md#atlantis "A lost city")', "links glossary term 'atlantis'"),
        ("[Ana Lopez](people/tom-reed.md)", "links 'Ana Lopez' to people/tom-reed.md"),
        ("[the old story](old-story.md)", "links to old-story.md, which is no page or file of the site"),
    ],
    ids=["glossary", "person", "page"],
)
def test_a_broken_link_fails_check_with_its_line_and_the_strict_build(tmp_path: Path, link: str, words: str):
    project = generated_project(tmp_path, (SEED,))
    path = project / "briefs" / SEED_BRIEF
    text = rewrite(path, lambda t: t + f"\nSee {link}.\n")
    check = run_briefs("check", cwd=project)
    assert check.returncode == 1
    [message] = check.stderr.splitlines()
    assert message.startswith(f"error: briefs/{SEED_BRIEF}:{len(text.splitlines())}: ") and words in message
    built = build_site(project, tmp_path / "site")
    assert built.returncode != 0 and "Traceback" not in built.stderr


def test_a_second_run_with_nothing_changed_writes_nothing(tmp_path: Path):
    project = generated_project(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in (project / "briefs").glob("*.md")}
    assert (project / "briefs" / store.INDEX_FILE_NAME).is_file()
    again = run_briefs("generate", cwd=project)
    assert again.returncode == 0, again.stderr
    # Not a terminal: no progress bar, only the summary.
    assert again.stdout == "" and again.stderr == f"briefs: {len(before)} unchanged, 0 failed\n"
    assert {p: p.stat().st_mtime_ns for p in (project / "briefs").glob("*.md")} == before


def test_an_edit_that_keeps_size_and_time_is_still_seen(tmp_path: Path):
    project = generated_project(tmp_path, (SEED,))
    path = project / "briefs" / SEED_BRIEF
    time.sleep(1.2)  # the index trusts only a file unchanged for a second (store._RACY_NS)
    assert run_briefs("generate", cwd=project).returncode == 0
    assert SEED_BRIEF in (project / "briefs" / store.INDEX_FILE_NAME).read_text(encoding="utf-8")  # trusted from now on
    status = path.stat()
    edited = rewrite(path, lambda t: t.replace("role: Kremlin spokesman", "role: Kremlin spokesmen"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    result = run_briefs("generate", cwd=project)
    assert path.read_text(encoding="utf-8") == edited
    assert f"briefs/{SEED_BRIEF}: edited by hand since it was generated; kept it" in result.stderr


def test_a_glossary_edit_rewrites_only_the_briefs_whose_links_change(tmp_path: Path):
    project = generated_project(tmp_path)
    seed_path, council_path = project / "briefs" / SEED_BRIEF, project / "briefs" / COUNCIL_BRIEF
    council_before = council_path.read_text(encoding="utf-8")
    seed_input = store.read_brief(seed_path).front_matter.generator.input
    glossary = project / "site_config" / "glossary.yml"
    terms = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    terms["terms"].append({"term": "Venezuela", "definition": "A country in South America."})
    glossary.write_text(yaml.safe_dump(terms, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = run_briefs("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"briefs/{SEED_BRIEF}: written\n"
    seed = store.read_brief(seed_path)
    assert "venezuela" in seed.front_matter.glossary and not seed.is_edited
    assert seed.front_matter.generator.input == seed_input
    assert council_path.read_text(encoding="utf-8") == council_before
    assert run_briefs("generate", cwd=project).stdout == ""


def test_a_progress_bar_shows_on_a_terminal_only(tmp_path: Path):
    project = make_project(tmp_path, (SEED, COUNCIL))
    controller, terminal = os.openpty()
    # A terminal of 80 columns (a new one has none, and tqdm then draws nothing).
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "generate"], cwd=project, stdout=subprocess.PIPE, stderr=terminal,
            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300,
        )
        os.close(terminal)
        shown = b""
        while chunk := _read_available(controller):
            shown += chunk
    finally:
        os.close(controller)
    assert result.returncode == 0
    assert b"/2 [" in shown and b"brief/s" in shown
    assert run_briefs("generate", "--force", cwd=project).stderr == "briefs: 2 unchanged, 0 failed\n"


def _read_available(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal's other end is closed: all read
        return b""
