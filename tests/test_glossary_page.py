"""The glossary page: A-Z with a jump bar, anchors for slugs and aliases, backlinks with counts."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown

from generator.glossary_page import collect_appearances, escape_markdown, render_glossary_page
from generator.model import GlossaryTerm

MKDOCS_EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]
TERMS = (
    GlossaryTerm(
        "nato", "NATO", 'The "alliance" <b>', description="Founded in 1949.\n\nBased in Brussels.",
        aliases=("North Atlantic Treaty Organization",), see_also=("kremlin",), link="https://www.nato.int/",
        case_sensitive=True,
    ),
    GlossaryTerm("kremlin", "Kremlin", "Seat of power", aliases=("nato",)),
    GlossaryTerm("g7", "G7", "Group of Seven", case_sensitive=True),
    GlossaryTerm("eu", "Élysée [sic] *x*", "French presidency"),
    GlossaryTerm("ten", "10 Downing Street", "UK government"),
)


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.headings: dict[str, str] = {}
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs).get("id")
        if found:
            self.ids.append(found)
            if tag in ("h2", "h3"):
                self._heading = found
                self.headings[found] = ""

    def handle_data(self, data: str) -> None:
        if self._heading:
            self.headings[self._heading] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self._heading = None


def rendered(appearances: dict | None = None) -> tuple[str, _Ids]:
    page = render_glossary_page(TERMS, appearances or {})
    parser = _Ids()
    parser.feed(markdown.Markdown(extensions=MKDOCS_EXTENSIONS).convert(page))
    return page, parser


def test_page_has_one_title_and_terms_a_to_z():
    page, parser = rendered()
    assert page.startswith("# Glossary\n\n")
    assert page.count("\n# ") == 0
    terms = [h for i, h in parser.headings.items() if not i.startswith("letter-")]
    assert terms == ["10 Downing Street", "Élysée [sic] *x*", "G7", "Kremlin", "NATO"]


def test_jump_bar_links_letters_that_have_terms():
    page, parser = rendered()
    bar = page.split("\n")[2]
    assert "[E](#letter-e)" in bar and "[K](#letter-k)" in bar and "[#](#letter-other)" in bar
    assert " A · B · C · D · [E]" in " " + bar
    assert {"letter-e", "letter-g", "letter-k", "letter-n", "letter-other"} <= set(parser.ids)


def test_anchors_are_slugs_plus_unclaimed_aliases():
    _, parser = rendered()
    assert {"nato", "kremlin", "g7", "eu", "ten"} <= set(parser.ids)
    assert "north-atlantic-treaty-organization" in parser.ids
    assert "elysee-sic-x" in parser.ids and "10-downing-street" in parser.ids
    assert len(parser.ids) == len(set(parser.ids))  # "nato" as Kremlin's alias gets no second anchor


def test_term_text_is_escaped():
    page, parser = rendered()
    assert parser.headings["eu"] == "Élysée [sic] *x*"
    assert "The \"alliance\" &lt;b&gt;" in page


def test_term_section_shows_everything_about_it():
    page, _ = rendered({"nato": [("Zeta", "briefs/zeta.md", 1), ("Alpha [1]", "briefs/alpha.md", 4)]})
    section = page.split("### NATO {#nato}")[1]
    assert "Founded in 1949.\n\nBased in Brussels." in section
    assert "**Also:** North Atlantic Treaty Organization" in section
    assert "**See also:** [Kremlin](#kremlin)" in section
    assert "**More:** [nato.int](<https://www.nato.int/>)" in section
    assert "**Appears in** 2 briefs:\n\n- [Alpha \\[1\\]](<briefs/alpha.md>): 4 mentions\n- [Zeta](<briefs/zeta.md>): 1 mention" in section


def test_term_without_briefs_says_so():
    page, _ = rendered()
    assert "Not linked from any brief yet." in page.split("### G7 {#g7}")[1]


def test_empty_glossary_page():
    assert render_glossary_page((), {}) == "# Glossary\n\nNo terms yet: add them to site_config/glossary.yml.\n"


def test_collect_appearances_counts_mentions_in_linked_briefs():
    briefs = [
        ("One", "briefs/one.md", '[NATO](glossary.md#nato "x") met. NATO left. "NATO," he said.\n'),
        ("Two", "briefs/two.md", "NATO is not linked here.\n"),
        ("Three", "briefs/three.md", '[Kremlin](glossary.md#kremlin "x") and [Atlantis](glossary.md#atlantis "y")\n'),
    ]
    assert collect_appearances(briefs, TERMS, "glossary.md") == {
        "nato": [("One", "briefs/one.md", 3)],
        "kremlin": [("Three", "briefs/three.md", 1)],
    }


def test_escape_markdown_shows_text_as_written():
    text = "a*b_c [d](e) <i>&amp; `f` #g {h} |i ~j ^k =l \\m"
    converted = markdown.Markdown(extensions=MKDOCS_EXTENSIONS).convert(escape_markdown(text))
    parser = _Ids()
    texts: list[str] = []
    parser.handle_data = texts.append  # type: ignore[method-assign]
    parser.feed(converted)
    assert "".join(texts) == text
