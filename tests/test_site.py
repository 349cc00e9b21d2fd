"""Generated site pages from hand-written briefs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from pathlib import Path

import pytest

from generator import brief_file, site
from generator.brief_file import BriefFile, FrontMatter, GeneratorStamp, SpeakerEntry
from generator.config import load_config
from generator.model import Person

from conftest import REPO


def brief(name: str, day: int | None, speakers=(), tags=(), glossary=(), body: str = "", month: int = 1) -> BriefFile:
    front_matter = FrontMatter(
        title=name.replace("-", " ").title(),
        source=f"seeds/{name}.txt",
        date=dt.date(2022, month, day) if day else None,
        added=dt.date(2026, 11, 30),
        reading_time=2,
        summary=(f"First sentence of {name}.", "Second sentence."),
        speakers=tuple(SpeakerEntry(n, r) for n, r in speakers),
        tags=tuple(tags),
        glossary=tuple(glossary),
        generator=GeneratorStamp("0.1.0", "", None),
    )
    return brief_file.generated(Path(f"briefs/{name}.md"), front_matter, body)


QUOTED = (
    'Intro. <span class="nb-quote" data-speaker="Ana Lopez" title="Ana Lopez">"We will build it," she said</span>. '
    'Later <span class="nb-quote" data-speaker="Tom Reed" title="Tom Reed">"No [money](glossary.md#money)"</span>.'
)


def test_home_lists_newest_first_and_pages_when_there_are_many():
    pages = [brief(f"story-{i}", day=i) for i in range(1, site.BRIEFS_PER_PAGE + 3)]
    rendered = site.render_home_pages(pages)
    assert set(rendered) == {"index.md", "page/2.md"}
    home = rendered["index.md"]
    newest = f"story-{site.BRIEFS_PER_PAGE + 2}"
    assert home.index(newest) < home.index("story-3.md")
    assert "story-1.md" not in home and "story-1.md" in rendered["page/2.md"]
    assert "Older briefs" in home and "(page/2.md)" in home
    assert "(../index.md)" in rendered["page/2.md"]


def test_card_shows_date_reading_time_first_summary_sentence_and_speakers():
    home = site.render_home_pages([brief("vote", 5, speakers=[("Ana Lopez", "Mayor")])])["index.md"]
    assert "5 January 2022 · 2 min read" in home
    assert "First sentence of vote." in home and "Second sentence." not in home
    assert "Ana Lopez" in home


def test_card_shows_section_and_tags():
    plain = brief("vote", 5, tags=["Springfield", "Harbour *Board*"])
    page = dataclasses.replace(plain, front_matter=dataclasses.replace(plain.front_matter, section="politics"))
    home = site.render_home_pages([page])["index.md"]
    assert "Politics · 5 January 2022 · 2 min read" in home
    assert ":material-tag-multiple: Springfield · Harbour \\*Board\\*" in home


def test_archive_groups_by_month():
    rendered = site.render_archive([brief("a", 3), brief("b", 4, month=2)])
    assert set(rendered) == {"archive/index.md", "archive/2022-01.md", "archive/2022-02.md"}
    index = rendered["archive/index.md"]
    assert index.index("February 2022") < index.index("January 2022")
    assert "(../a.md)" in rendered["archive/2022-01.md"]


def test_people_collects_quotes_across_briefs_newest_first():
    old = brief("old", 1, speakers=[("Ana Lopez", "Mayor")], body=QUOTED)
    new = brief("new", 9, speakers=[("Ana Lopez", "Mayor")], body=QUOTED)
    people = site.collect_people([old, new], ())
    ana = next(p for p in people if p.name == "Ana Lopez")
    assert [q.brief.name for q in ana.quotes] == ["new.md", "old.md"]
    assert ana.role == "Mayor"
    tom = next(p for p in people if p.name == "Tom Reed")
    assert tom.quotes[0].text == '"No money"'
    page = site.render_person_page(ana)
    assert page.startswith("# Ana Lopez") and "(../new.md)" in page and "9 January 2022" in page


def test_people_yml_merges_aliases_and_overrides_role():
    a = brief("a", 1, speakers=[("Ana Lopez", "Mayor")], body=QUOTED)
    entry = Person(name="Ana L\u00f3pez Garc\u00eda", aliases=("Ana Lopez",), role="Mayor of Springfield")
    people = site.collect_people([a], (entry,))
    ana = next(p for p in people if p.entry is not None)
    assert ana.name == "Ana L\u00f3pez Garc\u00eda" and ana.role == "Mayor of Springfield"
    assert ana.page == "people/ana-lopez-garcia.md"


def test_people_index_is_a_table_with_roles_and_counts():
    people = site.collect_people([brief("a", 1, speakers=[("Ana Lopez", "Mayor")], body=QUOTED)], ())
    index = site.render_people_index(people)
    assert "| Person | Role | Quotes | Reported |" in index
    assert "| [Ana Lopez](ana-lopez.md) | Mayor | 1 | 0 |" in index


STATEMENTS = (
    '<span class="nb-quote" data-speaker="Ana Lopez" data-kind="direct" title="Ana Lopez">"We will build it,"</span> she said. '
    '<span class="nb-quote" data-speaker="Ana Lopez" data-kind="direct" data-part="2" title="Ana Lopez">"Next year."</span>\n\n'
    'Lopez called <span class="nb-quote" data-speaker="Ana Lopez" data-kind="mixed" title="Ana Lopez">the delay "a failure of nerve"</span> '
    'and said <span class="nb-quote" data-speaker="Ana Lopez" data-kind="indirect" title="Ana Lopez">the costs would rise</span>.\n'
)


def test_a_quote_in_two_parts_is_one_statement_and_reported_speech_is_counted_apart():
    people = site.collect_people([brief("a", 1, speakers=[("Ana Lopez", "Mayor")], body=STATEMENTS)], ())
    [ana] = people
    assert [q.text for q in ana.direct] == ['"We will build it." "Next year."']
    assert [q.kind for q in ana.reported] == ["mixed", "indirect"]
    assert "| [Ana Lopez](ana-lopez.md) | Mayor | 1 | 2 |" in site.render_people_index(people)


def test_person_page_quotes_own_words_and_lists_reported_speech_apart():
    [ana] = site.collect_people([brief("a", 1, speakers=[("Ana Lopez", "Mayor")], body=STATEMENTS)], ())
    page = site.render_person_page(ana)
    quotes, reported = page.split("## Reported speech (2)")
    assert "## Quotes (1)" in quotes
    assert '> "We will build it." "Next year."' in quotes  # the comma before "she said" ends a sentence
    assert "failure of nerve" not in quotes and "costs would rise" not in quotes
    assert '- Reported: the delay "a failure of nerve" — in [A](../a.md)' in reported
    assert "- Reported: the costs would rise — in" in reported
    assert ">" not in reported.replace("->", "")


def test_the_parts_of_a_quote_join_across_another_speaker_s_statement():
    body = (
        '<span class="nb-quote" data-speaker="Ana Lopez" data-kind="direct" title="Ana Lopez">"We won,"</span> she said. '
        'Tom Reed said <span class="nb-quote" data-speaker="Tom Reed" data-kind="indirect" title="Tom Reed">they lost</span>. '
        '<span class="nb-quote" data-speaker="Ana Lopez" data-kind="direct" data-part="2" title="Ana Lopez">"Again."</span>\n'
    )
    people = {p.name: p for p in site.collect_people([brief("a", 1, body=body)], ())}
    assert [q.text for q in people["Ana Lopez"].direct] == ['"We won." "Again."']
    assert [q.text for q in people["Tom Reed"].reported] == ["they lost"]


def test_a_span_without_a_kind_is_a_direct_quote():
    [ana, _] = site.collect_people([brief("a", 1, body=QUOTED)], ())
    assert len(ana.direct) == 1 and not ana.reported


def test_related_briefs_share_names_and_words_and_none_is_shown_when_nothing_is_close():
    budget = "The city council debated the harbour budget and the new ferry terminal for hours."
    mine = brief("mine", 5, speakers=[("Ana Lopez", None)], tags=["Harbour Board"], body=budget)
    same_story = brief("same-story", 1, speakers=[("Ana Lopez", None)], tags=["Harbour Board"], body=budget)
    other = "Striker scores twice as champions win the cup final in extra time."
    unrelated = [brief(f"unrelated-{i}", 9, tags=["Cup"], body=other) for i in range(3)]
    index = site.related_index([mine, same_story, *unrelated])
    related = index.related("mine.md")
    assert [r.name for r in related] == ["same-story.md"]
    html = site.render_related_html([(r.front_matter.title, "../same-story/") for r in related])
    assert html.startswith('\n<div data-search-exclude data-pagefind-ignore>\n<h2 id="related-briefs" data-search-exclude>Related briefs<a class="headerlink" href="#related-briefs"')
    assert html.endswith("</ul>\n</div>")
    assert '<li><a href="../same-story/">Same Story</a></li>' in html
    assert site.render_related_html([]) == ""
    lonely = brief("lonely", 2, body="Quiet words about gardening and roses.")
    assert site.related_index([lonely, *unrelated]).related("lonely.md") == []


def test_merged_names_get_a_page_pointing_to_the_person():
    a = brief("a", 1, speakers=[("Ana Lopez", "Mayor")], body=QUOTED)
    entry = Person(name="Ana L\u00f3pez Garc\u00eda", aliases=("Ana Lopez",))
    people = site.collect_people([a], (entry,))
    pages = site.render_alias_pages([a], people)
    assert pages == {"people/ana-lopez.md": "# Ana Lopez\n\nSee [Ana L\u00f3pez Garc\u00eda](ana-lopez-garcia.md).\n"}


def test_undated_brief_is_never_filed_under_a_made_up_month():
    rendered = site.render_archive([brief("dated", 3), brief("undated", None)])
    assert set(rendered) == {"archive/index.md", "archive/2022-01.md", "archive/undated.md"}
    index = rendered["archive/index.md"]
    assert index.index("January 2022") < index.index("Undated")
    card = site.render_home_pages([brief("undated", None)])["index.md"]
    assert "2 min read · added 30 November 2026" in card and "November 2026 ·" not in card


def test_a_linked_person_gets_a_page_even_without_a_speaker_entry_or_quote():
    body = "- **[Ana Lopez](people/ana-lopez.md)**, Mayor (1 quote)\n"
    people = site.collect_people([brief("a", 1, body=body)], ())
    assert [p.page for p in people] == ["people/ana-lopez.md"]


def test_link_problems_flag_missing_terms_and_person_links_to_another_page():
    config = load_config(REPO / "site_config")
    body = "See [Atlantis](glossary.md#atlantis \"A lost city\") and [Ana Lopez](people/tom-reed.md).\n"
    problems = site.link_problems(brief("a", 1, body=body), config)
    assert len(problems) == 2
    assert "links glossary term 'atlantis'" in problems[0] and problems[0].startswith("briefs/a.md:15: ")
    assert "links 'Ana Lopez' to people/tom-reed.md, but no speaker in the brief has that page" in problems[1]
    # A display name an editor changed still links to a speaker's page: no problem.
    renamed = brief("b", 1, speakers=[("Ana Lopez", "Mayor")], body="[Mayor Lopez](people/ana-lopez.md)\n")
    assert site.link_problems(renamed, config) == []
    assert [p.name for p in site.collect_people([renamed], ())] == ["Ana Lopez"]


def test_links_to_missing_pages_are_flagged_when_the_site_files_are_known():
    config = load_config(REPO / "site_config")
    body = (
        "[ok](other.md) [ok](other.md#part) [ok](https://example.org/x.md) [ok](#here) [ok](archive/index.md)\n\n"
        "`[code](nowhere.md)` \\[escaped\\](nowhere.md) ![pic](img/photo.png)\n\n"
        "[bad](missing.md) [bad](/abs.md) [bad](../outside.md)\n"
    )
    page = brief("a", 1, body=body)
    problems = site.link_problems(page, config, {"a.md", "other.md", "img/photo.png"})
    assert [p.split(": links to ")[1].split(",")[0] for p in problems] == ["missing.md", "/abs.md", "../outside.md"]
    assert all(p.startswith("briefs/a.md:19: ") for p in problems)
    assert site.link_problems(page, config) == []  # the build leaves these to MkDocs' own check


def test_related_headlines_are_text_in_the_html():
    html = site.render_related_html([('Tolls <script>alert(1)</script> & "fees"', '../a"b/')], anchor="related-briefs_1")
    assert "<script>" not in html and "Tolls &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;fees&quot;" in html
    assert 'href="../a&quot;b/"' in html and 'id="related-briefs_1"' in html


@pytest.mark.parametrize(
    "from_page, to_page",
    [
        ("index.md", "a.md"),
        ("page/2.md", "a.md"),
        ("page/2.md", "page/3.md"),
        ("people/ann-lee.md", "people/index.md"),
        ("archive/index.md", "archive/2022-01.md"),
        ("archive/2022-01.md", "index.md"),
        ("people/index.md", "people/a/b.md"),
        ("a/b.md", "a"),
        ("index.md", "./a.md"),
        ("a/../b.md", "c/d.md"),
        ("a//b.md", "a/c.md"),
    ],
)
def test_links_between_pages_are_what_relpath_gives(from_page: str, to_page: str):
    assert site.link(from_page, to_page) == posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
