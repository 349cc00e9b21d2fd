"""Generated site pages from hand-written briefs."""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator import site
from generator.model import Person


def brief(name: str, day: int, speakers=(), tags=(), glossary=(), body: str = "", month: int = 1) -> site.BriefPage:
    return site.BriefPage(
        src_uri=f"{name}.md",
        title=name.replace("-", " ").title(),
        date=dt.date(2022, month, day),
        reading_time=2,
        summary=(f"First sentence of {name}.", "Second sentence."),
        speakers=tuple(speakers),
        tags=tuple(tags),
        glossary=tuple(glossary),
        body=body,
    )


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
    page = dataclasses.replace(brief("vote", 5, tags=["Springfield", "Harbour *Board*"]), section="politics")
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
    assert [q.brief.src_uri for q in ana.quotes] == ["new.md", "old.md"]
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
    assert "| [Ana Lopez](ana-lopez.md) | Mayor | 1 |" in index


def test_related_briefs_share_names_and_words_and_none_is_shown_when_nothing_is_close():
    budget = "The city council debated the harbour budget and the new ferry terminal for hours."
    mine = brief("mine", 5, speakers=[("Ana Lopez", None)], tags=["Harbour Board"], body=budget)
    same_story = brief("same-story", 1, speakers=[("Ana Lopez", None)], tags=["Harbour Board"], body=budget)
    other = "Striker scores twice as champions win the cup final in extra time."
    unrelated = [brief(f"unrelated-{i}", 9, tags=["Cup"], body=other) for i in range(3)]
    index = site.related_index([mine, same_story, *unrelated])
    related = index.related("mine.md")
    assert [r.src_uri for r in related] == ["same-story.md"]
    assert "## Related briefs" in site.render_related(mine, related)
    lonely = brief("lonely", 2, body="Quiet words about gardening and roses.")
    assert site.related_index([lonely, *unrelated]).related("lonely.md") == []


def test_merged_names_get_a_page_pointing_to_the_person():
    a = brief("a", 1, speakers=[("Ana Lopez", "Mayor")], body=QUOTED)
    entry = Person(name="Ana L\u00f3pez Garc\u00eda", aliases=("Ana Lopez",))
    people = site.collect_people([a], (entry,))
    pages = site.render_alias_pages([a], people)
    assert pages == {"people/ana-lopez.md": "# Ana Lopez\n\nSee [Ana L\u00f3pez Garc\u00eda](ana-lopez-garcia.md).\n"}
