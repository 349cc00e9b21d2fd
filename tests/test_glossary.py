"""Glossary matching, Markdown linking, relinking and term suggestions."""

from __future__ import annotations

import html
import random
import re
import time
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from generator import markdown_scan, quotation_marks
from generator.glossary import (
    compile_glossary,
    find_first_hits,
    format_suggestions_yaml,
    link_markdown,
    suggest_terms,
)
from generator.markdown_scan import linked_slugs
from generator.model import Article, GlossaryTerm, Paragraph

URL = "glossary.md"
NATO_DEFINITION = 'North Atlantic Treaty Organization, the "alliance" of 32 countries & <more>'
TERMS = (
    GlossaryTerm("nato", "NATO", NATO_DEFINITION, aliases=("North Atlantic Treaty Organization",), case_sensitive=True),
    GlossaryTerm("united-states", "United States", "The country", aliases=("US", "U.S.")),
    GlossaryTerm("us-senate", "US Senate", "Upper chamber", aliases=("Senate",), case_sensitive=True),
    GlossaryTerm("senate-democrats", "Senate Democrats", "Democratic senators", aliases=("US Senate Democrats",)),
    GlossaryTerm("sanctions", "Sanctions", "Penalties", forms=("sanction",)),
    GlossaryTerm("kremlin", "Kremlin", "Russian presidency"),
    GlossaryTerm("embassy", "Embassy", "A diplomatic mission"),
    GlossaryTerm("ngo", "NGO", "Non-governmental organisation"),
)
MKDOCS_EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]


def link(text: str, terms: tuple[GlossaryTerm, ...] = TERMS) -> str:
    return link_markdown(text, terms, URL)


def glossary_link(surface: str, slug: str, title: str) -> str:
    return f'[{surface}]({URL}#{slug} "{title}")'


def nato(surface: str = "NATO") -> str:
    # The title attribute holds HTML (Material's tooltips show it as such), written as entities.
    title = NATO_DEFINITION.replace("&", "&amp;amp;").replace('"', "&quot;").replace("<", "&amp;lt;").replace(">", "&amp;gt;")
    return glossary_link(surface, "nato", title)


# --------------------------------------------------------------------------- matching


def test_only_the_first_occurrence_is_linked():
    assert link("NATO met. NATO left.\n") == f"{nato()} met. NATO left.\n"


def test_each_term_is_linked_once_in_text_order():
    assert linked_slugs(link("The Kremlin and NATO; NATO and the Kremlin.\n"), URL) == ("kremlin", "nato")


def test_acronym_matches_only_in_capitals():
    assert link("Nato and nato stayed; then NATO.\n") == f"Nato and nato stayed; then {nato()}.\n"


def test_all_capitals_alias_keeps_its_case_though_the_term_does_not():
    assert link("Tell us about the US.\n") == f"Tell us about the {glossary_link('US', 'united-states', 'The country')}.\n"


def test_plain_term_matches_in_any_case():
    assert link("The kremlin said.\n") == f"The {glossary_link('kremlin', 'kremlin', 'Russian presidency')} said.\n"


def test_regular_plurals_are_matched():
    assert linked_slugs(link("Two embassies and three NGOs.\n"), URL) == ("embassy", "ngo")


def test_hand_given_form_is_matched():
    assert link("A sanction.\n") == f"A {glossary_link('sanction', 'sanctions', 'Penalties')}.\n"


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_possessive_links_the_name(apostrophe: str):
    assert link(f"NATO{apostrophe}s allies.\n") == f"{nato()}{apostrophe}s allies.\n"


def test_longest_match_wins():
    body = link("The US Senate Democrats proposed it.\n")
    assert body == f"The {glossary_link('US Senate Democrats', 'senate-democrats', 'Democratic senators')} proposed it.\n"


def test_shorter_term_is_linked_where_it_stands_alone():
    body = link("US Senate Democrats met. The US agreed, and the Senate voted.\n")
    assert linked_slugs(body, URL) == ("senate-democrats", "united-states", "us-senate")


def test_name_with_punctuation_is_matched_whole():
    assert link("The U.S. agreed.\n") == f"The {glossary_link('U.S.', 'united-states', 'The country')} agreed.\n"


def test_words_split_differently_do_not_match():
    assert link("A NATOpact, US-made\n") == f"A NATOpact, {glossary_link('US', 'united-states', 'The country')}-made\n"


def test_compiled_glossary_is_cached():
    assert compile_glossary(TERMS) is compile_glossary(TERMS)
    assert compile_glossary(TERMS) is compile_glossary(tuple(TERMS))


# --------------------------------------------------------------------------- where links go


@pytest.mark.parametrize(
    "body",
    [
        "# NATO today\n",
        "NATO today\n==========\n",
        "NATO today\n----------\n",
        "> NATO said\n> more\n",
        "> Quote\nNATO lazily continued\n",
        "`NATO` code\n",
        "``a ` NATO``\n",
        "```\nNATO\n```\n",
        "~~~text\nNATO\n~~~\n",
        "Intro.\n\n    NATO indented code\n",
        '"NATO is here," he said.\n',
        "\u201cNATO is here,\u201d he said.\n",
        "\u201cA quote that goes on\nwith NATO in it\n",
        "[the NATO pact](https://example.org/)\n",
        "![NATO](logo.png)\n",
        "[NATO][ref]\n\n[ref]: https://example.org/\n",
        "<https://example.org/NATO>\n",
        "See https://example.org/NATO now\n",
        "<div>\nNATO\n</div>\n",
        '<a href="https://example.org/">NATO</a>\n',
        '<span title="NATO">x</span>\n',
        "<!-- NATO -->\n",
        "---\ntitle: NATO\n---\nBody.\n",
        '!!! abstract "Summary"\n\n    - NATO met.\n',
        '!!! quote inline end "Who said what"\n\n    - **NATO** (2 quotes)\n',
        "| NATO | x |\n|---|---|\n| NATO | y |\n",
        "Text {: #NATO }\n",
        "- item\n\n    NATO in the item's second paragraph\n",
        "1. item\n\n    ```\n    NATO\n    ```\n",
        "*[NATO]: North Atlantic Treaty Organization\n",
        "[^1]: NATO footnote\n",
        "AT&NATO; x\n",
    ],
    ids=lambda body: body.split("\n")[0][:30],
)
def test_no_link_outside_top_level_paragraph_text(body: str):
    assert link(body) == body


def test_list_items_are_linked():
    assert link("- NATO met\n- the Kremlin said\n") == (
        f"- {nato()} met\n- the {glossary_link('Kremlin', 'kremlin', 'Russian presidency')} said\n"
    )


def test_paragraph_continuation_lines_are_linked():
    assert link("First line\n    NATO indented continuation\n") == f"First line\n    {nato()} indented continuation\n"


def test_text_in_inline_html_span_is_linked():
    body = '<span class="nb-quote" data-speaker="A &quot;B">the NATO plan</span>\n'
    assert link(body) == f'<span class="nb-quote" data-speaker="A &quot;B">the {nato()} plan</span>\n'


def test_first_link_skips_quotes_and_summary_and_lands_in_the_article():
    body = (
        '# NATO\n\n!!! abstract "Summary"\n\n    - NATO met.\n\n'
        '> "NATO first," he said.\n\n"NATO," he said. Then NATO left.\n'
    )
    assert link(body) == body.replace("Then NATO", f"Then {nato()}")


def test_escaped_brackets_are_text_not_a_link():
    assert link("\\[NATO\\](http://x)\n") == f"\\[{nato()}\\](http://x)\n"


def test_escaped_quote_marks_still_quote():
    assert link('He said \\"NATO\\" twice. NATO.\n') == f'He said \\"NATO\\" twice. {nato()}.\n'


@pytest.mark.parametrize("before", ["!", "\\", "[x]"])
def test_no_link_where_it_would_become_an_image_or_escaped(before: str):
    assert link(f"Hey{before}NATO and NATO\n") == f"Hey{before}NATO and {nato()}\n"


def test_paragraph_after_quote_block_is_linked():
    assert link("> quoted\n\nNATO\n") == f"> quoted\n\n{nato()}\n"


# --------------------------------------------------------------------------- Markdown output


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))


def test_link_title_survives_quotes_in_the_definition():
    converted = markdown.Markdown(extensions=MKDOCS_EXTENSIONS).convert(link("NATO met.\n"))
    parser = _Links()
    parser.feed(converted)
    assert parser.links == [{"href": "glossary.md#nato", "title": html.escape(NATO_DEFINITION, quote=False)}]


@pytest.mark.parametrize("definition", ['He said "no" (twice)', "a \\ b `c` *d* _e_", "it's [x] {y} <z> & w"])
def test_any_definition_is_a_valid_title(definition: str):
    terms = (GlossaryTerm("nato", "NATO", definition, case_sensitive=True),)
    converted = markdown.Markdown(extensions=MKDOCS_EXTENSIONS).convert(link("NATO met.\n", terms))
    parser = _Links()
    parser.feed(converted)
    # Material's tooltips read the title as HTML: it shows the definition and holds no tag.
    assert [(a["href"], html.unescape(a["title"])) for a in parser.links] == [("glossary.md#nato", definition)]
    assert "<" not in parser.links[0]["title"]
    assert html.unescape(converted).endswith("NATO</a> met.</p>")


# --------------------------------------------------------------------------- relink

EDITED_BRIEF = """# Sanctions talk \t

12 January 2022 · 3 min read

!!! abstract "Summary"

    - The US Senate Democrats proposed it.

An editor wrote this *by hand*,  with  odd   spacing,\ttabs and [a link](https://example.org/NATO).  
The [Kremlin](glossary.md#kremlin "An old definition") said [NATO](glossary.md#nato) and the [sea](glossary.md#atlantis "A lost city") matter.

"We reject NATO," said the [US Senate Democrats](glossary.md#senate-democrats "Democratic senators").
Then NATO replied; later the US Senate Democrats voted.

```
[NATO](glossary.md#nato) in code stays
```
"""

RELINKED_BRIEF = """# Sanctions talk \t

12 January 2022 · 3 min read

!!! abstract "Summary"

    - The US Senate Democrats proposed it.

An editor wrote this *by hand*,  with  odd   spacing,\ttabs and [a link](https://example.org/NATO).  
The [Kremlin](glossary.md#kremlin "Russian presidency") said {nato} and the sea matter.

"We reject NATO," said the [US Senate Democrats](glossary.md#senate-democrats "Democratic senators").
Then NATO replied; later the US Senate Democrats voted.

```
[NATO](glossary.md#nato) in code stays
```
""".format(nato=nato())


def test_relink_updates_adds_and_removes_only_glossary_links():
    assert link(EDITED_BRIEF) == RELINKED_BRIEF


def test_relink_is_idempotent():
    once = link(EDITED_BRIEF)
    assert link(once) == once


def test_relink_keeps_every_other_byte():
    # Without their glossary links, the brief before and after is the same text.
    assert link(link(EDITED_BRIEF), ()) == link(EDITED_BRIEF, ())
    assert link(EDITED_BRIEF, ()).count("\n") == EDITED_BRIEF.count("\n")


def test_relink_moves_the_link_to_a_new_first_occurrence():
    edited = f"The alliance met.\n\nLater {nato()} left.\n"
    assert link(edited.replace("The alliance", "NATO")) == f"{nato()} met.\n\nLater NATO left.\n"


def test_relink_with_crlf_line_endings_keeps_them():
    body = "# NATO\r\n\r\nNATO met.\r\n"
    assert link(body) == f"# NATO\r\n\r\n{nato()} met.\r\n"
    assert link(link(body)) == link(body)


def test_links_elsewhere_with_the_same_text_are_kept():
    body = "[NATO](https://www.nato.int/) and [NATO](other.md#nato)\n"
    assert link(body) == body


def test_linked_slugs_lists_each_slug_once_in_order():
    body = f"[a](glossary.md#b) {nato()} [c](glossary.md#b) [d](../glossary.md#e)\n"
    assert linked_slugs(body, URL) == ("b", "nato")


# --------------------------------------------------------------------------- sense

SENSE_TERMS = TERMS + (
    GlossaryTerm("us-congress", "US Congress", "The US legislature", aliases=("Congress",)),
    GlossaryTerm("democratic-party", "Democratic Party", "A US party", aliases=("Democrats", "Democrat")),
    GlossaryTerm("republican-party", "Republican Party", "A US party", aliases=("Republicans", "Republican")),
    GlossaryTerm("supreme-court", "US Supreme Court", "The US top court", aliases=("Supreme Court",)),
    GlossaryTerm("state-department", "State Department", "US foreign ministry"),
)


def slugs_linked(text: str, terms: tuple[GlossaryTerm, ...] = SENSE_TERMS) -> list[tuple[str, str]]:
    """(slug, surface) of each first hit."""
    return [(h.slug, h.surface) for h in find_first_hits(article(text), terms)]


@pytest.mark.parametrize(
    ("text", "longer_name", "slug"),
    [
        ("The Liberal Democrat leader spoke. Later the Democrats replied.", "Liberal Democrat", "democratic-party"),
        ("Liberal Democrat leader Charles Kennedy spoke. Democrats replied.", "Liberal Democrat", "democratic-party"),
        ("The Trades Union Congress met. Congress passed the bill.", "Trades Union Congress", "us-congress"),
        ("The Indian National Congress won. Congress passed the bill.", "Indian National Congress", "us-congress"),
        ("The Irish Republican Army spoke. Republicans replied.", "Irish Republican Army", "republican-party"),
        ("The Australian Senate voted. Then the Senate voted.", "Australian Senate", "us-senate"),
        ("India's Supreme Court ruled. The Supreme Court in Washington did not.", "India's Supreme Court", "supreme-court"),
        ("He won the US Open. The US team lost.", "US Open", "united-states"),
        ("The New York State Department of Health spoke. The State Department did not.",
         "State Department of Health", "state-department"),
    ],
)
def test_term_inside_a_longer_name_is_not_linked_but_later_alone_it_is(text: str, longer_name: str, slug: str):
    hits = [h for h in find_first_hits(article(text), SENSE_TERMS) if h.slug == slug]
    assert len(hits) == 1
    assert hits[0].start > text.index(longer_name) + len(longer_name) - 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US President George Bush spoke.", ("united-states", "US")),
        ("NATO Secretary General Jaap de Hoop Scheffer spoke.", ("nato", "NATO")),
        ("Yesterday Congress voted. It was late yesterday.", ("us-congress", "Congress")),
        ("On Monday NATO said so.", ("nato", "NATO")),
        ("Britain's sanctions bite.", ("sanctions", "sanctions")),
        ("The Republican Senator John McCain spoke.", ("republican-party", "Republican")),
    ],
)
def test_term_with_a_title_after_or_a_common_word_before_is_linked(text: str, expected: tuple[str, str]):
    assert expected in slugs_linked(text)


def test_sense_rule_applies_to_markdown_links_too():
    body = "The Liberal Democrat leader spoke.\n\nThe Democrats replied.\n"
    linked = link(body, SENSE_TERMS)
    assert "Liberal Democrat leader" in linked
    assert "[Democrats](glossary.md#democratic-party" in linked


def test_not_near_words_keep_a_term_from_linking():
    congress = GlossaryTerm("us-congress", "US Congress", "The US legislature", aliases=("Congress",), not_near=("India",))
    assert slugs_linked("In India, Congress won the vote.", (congress,)) == []
    assert slugs_linked("In Washington, Congress won the vote.", (congress,)) == [("us-congress", "Congress")]


def test_near_words_are_required_when_given():
    senate = GlossaryTerm("us-senate", "US Senate", "Upper chamber", aliases=("Senate",), near=("Washington", "US"))
    assert slugs_linked("The Senate voted in Canberra.", (senate,)) == []
    assert slugs_linked("The Senate voted in Washington.", (senate,)) == [("us-senate", "Senate")]


# --------------------------------------------------------------------------- articles


def article(text: str) -> Article:
    paragraphs, start = [], 0
    for part in text.split("\n\n"):
        paragraphs.append(Paragraph(start, start + len(part)))
        start += len(part) + 2
    return Article(text=text, title="Title", paragraphs=tuple(paragraphs))


def test_first_hits_carry_offsets_into_the_article():
    text = 'Headline ignored\n\n"NATO is wrong," he said of NATO.\n\nThe US Senate Democrats and NATO.'
    source = article(text)
    source = Article(text=text, title="Headline ignored", paragraphs=source.paragraphs[1:])
    hits = find_first_hits(source, TERMS)
    assert [(h.slug, h.surface) for h in hits] == [("nato", "NATO"), ("senate-democrats", "US Senate Democrats")]
    assert [text[h.start : h.end] for h in hits] == ["NATO", "US Senate Democrats"]
    assert hits[0].start == text.index("of NATO") + 3


def test_quote_open_to_the_end_of_the_paragraph_is_skipped():
    hits = find_first_hits(article("\u201cNATO will go on\n\nand on,\u201d he said. NATO."), TERMS)
    assert [h.start for h in hits] == [len("\u201cNATO will go on\n\nand on,\u201d he said. ")]


def test_no_terms_no_hits():
    assert find_first_hits(article("NATO"), ()) == ()


# --------------------------------------------------------------------------- suggestions

SUGGEST_BRIEFS = [
    "Talks opened in Vienna. While the OSCE watched, Dmitry Peskov said the Black Sea Fleet was ready.\n\n"
    "Speaking later, NATO's chief said Vienna would host more talks.\n",
    "The OSCE said the Black Sea Fleet moved. Vienna hosted the meeting, Dmitry Peskov said on Monday.\n\n"
    "While nothing moved, the talks in Vienna ended with the Kremlin silent.\n",
    "Speaking in Geneva, President Joe Biden praised the OSCE.\n\n"
    '!!! quote inline end "Who said what"\n\n    - Marshall Plan Committee\n',
    "Marshall Plan Committee met in Geneva. The Kremlin said no.\n",
]


def test_suggest_ranks_recurring_names_by_briefs():
    suggestions = suggest_terms(SUGGEST_BRIEFS, TERMS, {"Dmitry Peskov", "Peskov"})
    assert [(s.term, s.briefs, s.mentions) for s in suggestions] == [
        ("OSCE", 3, 3),
        ("Vienna", 2, 4),
        ("Black Sea Fleet", 2, 2),
        ("Geneva", 2, 2),
    ]


def test_suggest_leaves_out_speakers_terms_and_sentence_initial_words():
    terms = {s.term for s in suggest_terms(SUGGEST_BRIEFS, TERMS, {"Dmitry Peskov"}, min_briefs=1)}
    assert {"Kremlin", "NATO", "Dmitry Peskov", "While", "Speaking", "Monday", "President"}.isdisjoint(terms)
    assert "Joe Biden" in terms  # a name, but not a speaker here
    assert "Marshall Plan Committee" in terms  # once in the article; the sidebar does not count


def test_suggestions_paste_into_the_glossary():
    suggestions = suggest_terms(SUGGEST_BRIEFS, TERMS, set())
    entries = yaml.safe_load(format_suggestions_yaml(suggestions))
    assert entries[0] == {"term": "OSCE", "definition": "TODO: one-line definition"}
    assert len(entries) == len(suggestions)


def test_no_suggestions_is_said_plainly():
    assert yaml.safe_load(format_suggestions_yaml([])) is None


def test_suggest_keeps_initials_drops_trailing_titles_demonyms_and_shouting():
    body = (
        "TEXT of the speech. The text was read by Donald J. Trump in Iowa, next to Ohio Gov. John Kasich. "
        "An American envoy listened to NATO and Kremlin officials.\n"
    )
    terms = {s.term for s in suggest_terms([body, body], TERMS, set())}
    assert {"Donald J. Trump", "Iowa", "Ohio", "John Kasich"} <= terms
    assert {"TEXT", "American", "Ohio Gov", "NATO and Kremlin"}.isdisjoint(terms)


def test_suggest_leaves_out_state_abbreviations():
    body = "Sen. Dick Durbin, D-Ill., and Rep. Pete King, R-NY, met in Washington. Calif. and Fla. voted.\n"
    terms = {s.term for s in suggest_terms([body, body], TERMS, set())}
    assert "Washington" in terms
    assert {"Ill", "NY", "Calif", "Fla", "D", "R"}.isdisjoint(terms)


def test_suggest_leaves_out_noise_and_counts_plurals_with_the_singular():
    body = (
        "THE talks ended. Cuban exiles in Cuba watched TV with Muslims and Christians. Martin O'Malley spoke to "
        "the PAC and two other PACs near Lake Erie.\n"
    )
    suggestions = {s.term: s.mentions for s in suggest_terms([body, body], TERMS, set())}
    assert {"Cuba", "PAC", "Martin O'Malley", "Lake Erie"} <= set(suggestions)
    assert {"THE", "Cuban", "TV", "Muslims", "Christians", "Malley", "PACs"}.isdisjoint(suggestions)
    assert suggestions["PAC"] == 4


def test_glossary_link_inside_another_one_is_removed_too():
    body = "[x [NATO](glossary.md#nato) y](glossary.md#gone)\n"
    assert link(body) == f"x {nato()} y\n"
    assert link(link(body)) == link(body)


def test_brackets_and_braces_in_a_definition_do_not_change_the_text_around_the_link():
    terms = (GlossaryTerm("nato", "NATO", "a [b {c} ] d", case_sensitive=True),)
    body = link("[see NATO {: #x\n", terms)
    assert body == '[see [NATO](glossary.md#nato "a &#91;b &#123;c&#125; &#93; d") {: #x\n'
    assert link(body, terms) == body


@pytest.mark.parametrize(
    "body",
    [
        "[[gone](glossary.md#gone)'s \\[gone](glossary.md#gone) NATO\n",
        "See https://e.org/x` and the Senate [a](b) Kremlin `.\n",
        "[x]NATO [y][NATO and [z\n",
        "``a ` NATO `` [NATO {: US\n",
        '<span title="x">"NATO</span> the Kremlin" and [NATO](glossary.md#nato "old")\n',
    ],
)
def test_tangled_markup_is_linked_once_and_unlinked_exactly(body: str):
    once = link(body)
    assert link(once) == once
    assert link(once, ()) == link(body, ())


def test_many_unmatched_brackets_stay_fast():
    body = "[NATO " * 5000 + "\n"
    started = time.perf_counter()
    link(body)
    assert time.perf_counter() - started < 2


def test_inline_tokens_are_found_where_any_token_pattern_would_match_first():
    """markdown_scan's token pattern opens with the tokens' first characters (a fast search):
    it must find the token, at the place, that the plain alternation of the tokens finds."""
    alternation = re.compile(
        r"\\[!-/:-@\[-`{-~]|`+|!?\[|<|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
        rf"|[{quotation_marks.DOUBLE}]|\{{[:#.]|(?:https?://|www\.)[^\s<>()\[\]]*"
    )
    pieces = [*"hw\\`![]<>&{}:#.;/ptx0aA- \n", *quotation_marks.DOUBLE, "www.", "http://", "https://", "&amp;", "&#12;", "&#x1F;", "{:"]
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        for start in range(len(text) + 1):
            end = rng.randint(start, len(text))
            expected, found = alternation.search(text, start, end), markdown_scan._INLINE.search(text, start, end)
            assert (found and found.span()) == (expected and expected.span()), (text, start, end)
