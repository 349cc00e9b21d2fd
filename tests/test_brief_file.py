"""brief_file: the one reader, writer and validator of briefs; every error names file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import brief_file
from generator.brief_file import FrontMatter, GeneratorStamp, SpeakerEntry
from generator.errors import BriefFileError

PATH = Path("briefs/park.md")
FRONT = FrontMatter(
    title="Council: park approved",
    source="seeds/park.txt",
    added=dt.date(2022, 1, 12),
    reading_time=2,
    summary=("The council approved the park.", "a\n---\nb"),
    speakers=(SpeakerEntry("Ann Lee", "Mayor", "person", 2, 1),),
    tags=("Parks",),
    glossary=("council", "recording-industry-association-of-america"),
    generator=GeneratorStamp("0.1.0", "", "abc"),
)
BODY = "# Council: park approved\n\nThe council approved the park.\n"


def generated() -> brief_file.BriefFile:
    return brief_file.generated(PATH, FRONT, BODY)


def test_dump_then_parse_gives_the_same_values_and_is_unedited():
    brief = generated()
    again = brief_file.parse(brief.text, PATH)
    assert again.front_matter.title == FRONT.title and again.front_matter.speakers == FRONT.speakers
    assert again.front_matter.summary == FRONT.summary and again.front_matter.glossary == FRONT.glossary
    assert again.body == BODY and not again.is_edited
    assert again.front_matter.generator.digest.startswith(brief_file.DIGEST_PREFIX)


def test_a_line_break_in_a_value_never_becomes_a_fence():
    lines = generated().text.splitlines()
    assert lines.count("---") == 2


@pytest.mark.parametrize(
    "old, new",
    [("Mayor", "Mayor of Springfield"), ("The council approved the park.\n", "The council approved it.\n"),
     ("tags: [Parks]", "tags: [Parks, Council]"), ("reading_time: 2", "reading_time: 3")],
)
def test_any_change_anywhere_is_an_edit(old: str, new: str):
    text = generated().text
    assert old in text
    assert brief_file.parse(text.replace(old, new, 1), PATH).is_edited


def test_older_body_only_digest_counts_as_edited():
    text = generated().text
    span = text.index("sha256-")
    older = brief_file.parse(text[:span] + "ab" * 32 + text[span + 71 :], PATH)
    assert older.is_edited and older.has_older_digest
    assert not generated().has_older_digest


def broken(front: str, body: str = "Body.\n") -> BriefFileError:
    with pytest.raises(BriefFileError) as caught:
        brief_file.parse(front + body, PATH)
    return caught.value


@pytest.mark.parametrize(
    "front, line, words",
    [
        ("---\ntitle: T\nsource: s\ndate: next tuesday\n---\n", 4, "date: expected a date"),
        ("---\ntitle: T\nsource: s\nspeakers: 3\n---\n", 4, "speakers: expected a list"),
        ("---\ntitle: T\nsource: s\nspeakers: {name: A}\n---\n", 4, "speakers: expected a list"),
        ("---\ntitle: T\nsource: s\nspeakers:\n- {name: A, quotes: many}\n---\n", 5, "quotes: expected a whole number"),
        ("---\ntitle: T\nsource: s\nspeakers:\n- {role: Mayor}\n---\n", 5, "needs a name"),
        ('---\ntitle: T\nsource: "seeds/park.txt\nsummary: []\n---\n', 3, "not valid YAML"),
        ("---\ntitle: T\nsource: s\nsummary: [a, b\n---\n", 4, "not valid YAML"),
        ("---\ntitle: T\nsource: s\n", 1, "never closed"),
        ("---\nsource: s\n---\n", 2, "title: missing"),
        ("---\ntitle: T\nsource: s\ntags: Parks\n---\n", 4, "tags: expected a list"),
        ("---\ntitle: T\nsource: s\nreading_time: soon\n---\n", 4, "reading_time"),
        ("---\ntitle: T\nsource: s\ngenerator: 1\n---\n", 4, "generator: expected"),
        ("---\n- a\n---\n", 2, "must be a mapping"),
        ("# no front matter\n", 1, "no YAML front matter"),
        ("---\ntitle: T\nsource: s\ndate: 2022-13-45\n---\n", 4, "date: expected a date like 2022-01-12, got '2022-13-45'"),
        ("---\ntitle: T\nsource: s\ntags: [2022]\n---\n", 4, "tags: expected each item to be text (quote it), got 2022"),
        ("---\ntitle: T\nsource: s\n---", 1, "never closed"),
    ],
)
def test_every_problem_names_file_and_line(front: str, line: int, words: str):
    error = broken(front)
    assert str(error).startswith(f"{PATH}:{line}: ")
    assert words in str(error)
    assert "\n" not in str(error)
    if "\nsource: s" in front:  # as the plugin reads a page: validated from the front matter built at once
        with pytest.raises(BriefFileError) as caught:
            brief_file.parse_page_and_meta(front + "Body.\n", PATH)
        assert str(caught.value) == str(error)


def test_several_problems_are_listed_in_one_line():
    error = broken("---\ntitle: T\nsource: s\ndate: next tuesday\nspeakers: 3\n---\n")
    assert str(error) == (
        f"{PATH}:4: date: expected a date like 2022-01-12, got 'next tuesday'; line 5: speakers: expected a list of speakers, got 3"
    )


def test_a_page_without_front_matter_or_without_source_is_not_a_brief():
    assert brief_file.parse_page("# About\n\nWho we are.\n", Path("about.md")) is None
    assert brief_file.parse_page("---\ntitle: About\nhide: [toc]\n---\n# About\n", Path("about.md")) is None
    assert brief_file.parse_page(generated().text, PATH) is not None


def test_relink_rewrites_a_wrapped_glossary_list_and_keeps_everything_else():
    text = generated().text.replace(
        "glossary: [council, recording-industry-association-of-america]",
        "glossary:\n- council\n- recording-industry-association-of-america\n# the editor's comment",
    )
    edited = brief_file.parse(text, PATH)
    relinked = brief_file.with_glossary(edited, ("nato",), edited.body)
    assert "glossary: [nato]\n# the editor's comment\ngenerator:" in relinked
    assert "recording-industry" not in relinked
    again = brief_file.parse(relinked, PATH)
    assert again.front_matter.glossary == ("nato",) and again.is_edited
    assert relinked.replace("glossary: [nato]", "glossary:\n- council\n- recording-industry-association-of-america") == text


def test_relink_keeps_an_unedited_brief_unedited():
    brief = generated()
    relinked = brief_file.parse(brief_file.with_glossary(brief, ("park",), brief.body + "More.\n"), PATH)
    assert relinked.front_matter.glossary == ("park",) and not relinked.is_edited


def test_relink_adds_a_missing_glossary_key():
    text = generated().text.replace("glossary: [council, recording-industry-association-of-america]\n", "")
    relinked = brief_file.with_glossary(brief_file.parse(text, PATH), ("park",), BODY)
    assert brief_file.parse(relinked, PATH).front_matter.glossary == ("park",)


@pytest.mark.parametrize(
    "text",
    [
        generated().text,
        "---\ntitle: T\nsource: s\n...\n\n\n# T\n\nBody.\n",  # a `...` fence, blank lines before the body
        "---  \ntitle: T\nsource: s\n---\t\n# T\n---\nmore: text\n",  # blanks after fences, a rule in the body
        "---\ntitle: 'T: x'\n\"source\": s\ndate: 2022-01-12 10:30:00\ntags: &t [a, b]\nglossary: *t\n---\nBody.\n",
        "---\ntitle: T\nsource: s\nspeakers:\n- {name: Ann, role: null, quotes: 0}\nextra: {deep: [1, {x: y}]}\n---\nBody.\n",
        # Values PyYAML builds in its own ways: tags, sets, ordered maps, numbers, the `=` key, shared anchors.
        "---\ntitle: T\nsource: s\nset: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\nbinary: !!binary aGVsbG8=\n"
        "numbers: [0x1F, 1_000, 1:30, 2.5, .inf, ~, yes]\n'=': v\nvalue: {= : w}\nstr: !!str 12\nint: !!int '7'\n"
        "shared: &s {k: [x, 2022-01-02]}\nagain: [*s, *s]\ndup: 1\ndup: 2\n---\nBody.\n",
    ],
)
def test_a_brief_page_gives_the_meta_and_markdown_mkdocs_reads(text: str):
    """The plugin hands MkDocs a brief's front matter (so MkDocs does not parse it again):
    it must be exactly what MkDocs' own reading of the page makes."""
    from mkdocs.utils.meta import get_data

    brief, meta = brief_file.parse_page_and_meta(text, PATH)
    markdown, mkdocs_meta = get_data(text)
    assert type(meta) is dict and meta == mkdocs_meta and meta
    assert text[len(text) - len(brief.body) :].lstrip("\n") == markdown
    assert brief == brief_file.parse(text, PATH) == brief_file.parse_page(text, PATH)


@pytest.mark.parametrize("value", ["r: &r [*r]", "? [a, b]\n: c", "k: !custom x"])
def test_front_matter_yaml_builds_otherwise_is_not_handed_over(value: str):
    """A list holding itself, a list as a key, an unknown tag: PyYAML's construction of the
    whole document fails, and MkDocs reads the page itself."""
    brief, meta = brief_file.parse_page_and_meta(f"---\ntitle: T\nsource: s\n{value}\n---\nBody.\n", PATH)
    assert brief is not None and brief.front_matter.title == "T" and meta is None


def test_front_matter_with_a_merge_key_is_validated_value_by_value_and_not_handed_over():
    text = "---\nbase: &b {title: T}\nsource: s\n<<: *b\n---\nBody.\n"
    with pytest.raises(BriefFileError, match="title: missing"):
        brief_file.parse_page_and_meta(text, PATH)
    brief, meta = brief_file.parse_page_and_meta("---\ntitle: T\nsource: s\nx: {<<: {a: 1}}\n---\nBody.\n", PATH)
    assert brief is not None and brief.front_matter.title == "T" and meta is None
