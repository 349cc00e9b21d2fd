"""Brief file names stay inside briefs/ and differ when titles do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import generate
from generator.slugs import MAX_SLUG_LENGTH, RESERVED_BRIEF_NAMES, brief_slug, slugify

PLAIN_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HOSTILE_TITLES = [
    "../../etc/passwd",
    "..",
    "/etc/passwd",
    "C:\\Windows\\System32\\evil",
    "~/.ssh/authorized_keys",
    ".hidden",
    ".",
    "index",
    "Index",
    "CON",
    "nul",
    "com1",
    "LPT9",
    "Glossary",
    "people",
    "tags",
    "404",
    "",
    "   ",
    "\u0421\u043e\u0432\u0435\u0442 \u043e\u0434\u043e\u0431\u0440\u0438\u043b \u0431\u044e\u0434\u0436\u0435\u0442",
    "\u5e02\u8bae\u4f1a\u6279\u51c6\u9884\u7b97",
    "word " * 100,
    "x" * 500,
    "Title\x00with NUL",
    "a/b\\c:d*e?f\"g<h>i|j",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=range(len(HOSTILE_TITLES)))
def test_brief_file_names_stay_inside_briefs(tmp_path: Path, title: str):
    slug = brief_slug(title)
    assert PLAIN_NAME.fullmatch(slug), slug
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug not in RESERVED_BRIEF_NAMES
    briefs = tmp_path / "briefs"
    assert (briefs / f"{slug}.md").resolve().parent == briefs.resolve()


def test_reserved_names_get_a_suffix():
    assert brief_slug("Index") == "index-brief"
    assert brief_slug("CON") == "con-brief"
    assert brief_slug("Index funds fall") == "index-funds-fall"


def test_titles_without_latin_letters_get_distinct_stable_names():
    first = brief_slug("\u0421\u043e\u0432\u0435\u0442 \u043e\u0434\u043e\u0431\u0440\u0438\u043b \u0431\u044e\u0434\u0436\u0435\u0442")
    second = brief_slug("\u0421\u043e\u0432\u0435\u0442 \u043e\u0442\u043a\u043b\u043e\u043d\u0438\u043b \u0431\u044e\u0434\u0436\u0435\u0442")
    assert first.startswith("brief-") and second.startswith("brief-") and first != second
    assert first == brief_slug("\u0421\u043e\u0432\u0435\u0442 \u043e\u0434\u043e\u0431\u0440\u0438\u043b \u0431\u044e\u0434\u0436\u0435\u0442")


def test_long_titles_are_cut_at_a_word():
    slug = slugify("Senate " * 30)
    assert len(slug) <= MAX_SLUG_LENGTH and slug.endswith("senate")


def test_titles_differing_only_in_case_or_accents_get_distinct_files(tmp_path: Path, site_config):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    titles = ["R\u00e9sum\u00e9 rules change", "Resume rules change", "RESUME RULES CHANGE"]
    for number, title in enumerate(titles):
        (seeds / f"{number}.txt").write_text(f"{title}\n\nThe rules changed on Monday, officials said.\n", encoding="utf-8")
    report = generate.generate_briefs(
        generate.collect_inputs([seeds]).paths, site_config, tmp_path / "briefs", force=False, jobs=1, backup_dir=tmp_path / "bk"
    )
    assert report.errors == []
    files = sorted(p.name for p in (tmp_path / "briefs").glob("*.md"))
    assert files == ["resume-rules-change-2.md", "resume-rules-change-3.md", "resume-rules-change.md"]
