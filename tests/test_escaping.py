"""The escaping policy, boundary by boundary, on the hostile corpus."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from mkdocs.utils import meta as mkdocs_meta

from generator import escaping

from test_hostile import CORPUS_ITEMS, injections

MKDOCS_EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.emoji"]
HOSTILE = [item.text for item in CORPUS_ITEMS]
IDS = [item.id for item in CORPUS_ITEMS]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=MKDOCS_EXTENSIONS)


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.append(dict(attrs))


def attributes_of(fragment: str) -> list[dict[str, str | None]]:
    parser = _Attributes()
    parser.feed(fragment)
    return parser.attributes


@pytest.mark.parametrize(
    "hostile",
    [
        *HOSTILE,
        "[click](javascript:alert(1))",
        "![x](http://tracker.example/x.png)",
        "`rm -rf /` and **bold** and _under_",
        "# not a heading",
        "---",
        "1984. A year.",
        "> not a quote",
        "- not a list",
        "!!! warning",
        "a | b | c",
        "{: .hidden }",
        "&copy; &lt;b&gt;",
        "*[HTML]: Hyper",
        "at 10:30:15, :smile: and :material-alert:",
    ],
    ids=[*IDS, *(f"markdown-{n}" for n in range(14))],
)
def test_markdown_shows_the_text_and_opens_nothing(hostile: str):
    converted = to_html(escaping.escape_markdown(hostile))
    assert re.fullmatch(r"<p>[^<]*</p>", converted), converted
    assert visible_text(converted) == escaping.one_line(hostile)


@pytest.mark.parametrize("hostile", HOSTILE, ids=IDS)
def test_raw_html_attribute_in_markdown_reads_back_as_the_text(hostile: str):
    span = f'A <span data-speaker="{escaping.markdown_html_attribute(hostile)}">quote</span>.'
    converted = to_html(span)
    assert injections(converted) == []
    [paragraph, attributes] = attributes_of(converted)
    assert attributes == {"data-speaker": escaping.one_line(hostile)}


@pytest.mark.parametrize("hostile", HOSTILE, ids=IDS)
def test_tooltips_show_the_text(hostile: str):
    """Material puts a title attribute into its tooltip as HTML: it must read as the text."""
    span = f'A <span title="{escaping.tooltip_attribute(hostile)}">quote</span> and [NATO](x.md {escaping.markdown_link_title(hostile)}).'
    converted = to_html(span)
    titles = [a["title"] for a in attributes_of(converted) if "title" in a]
    assert len(titles) == 2
    for title in titles:
        assert injections(title) == [] and "<" not in title
        assert html.unescape(title) == escaping.one_line(hostile)


def test_page_values_are_html_that_shows_the_text():
    title = "AT&T <b>cuts</b> \"jobs\""
    assert escaping.page_text_html(title) == "AT&amp;T &lt;b&gt;cuts&lt;/b&gt; &quot;jobs&quot;"
    assert html.unescape(escaping.page_text_html(title)) == title
    assert escaping.page_text_html('"><img src=x onerror=alert(1)>') == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert escaping.page_tags_html(["<b>x</b>", None, "", "Plain"]) == ["&lt;b&gt;x&lt;/b&gt;", "Plain"]
    assert escaping.page_tags_html("<i>one</i>") == ["&lt;i&gt;one&lt;/i&gt;"]


def test_printed_meta_escapes_what_mkdocs_prints_and_keeps_the_feed_title_plain():
    meta = {"title": "A <b>\n title", "tags": ["<x>"], "date": "2022-01-12"}
    printed = escaping.printed_meta(meta, description='"><img src=x>')
    assert printed == {"title": "A <b> title", "description": "&quot;&gt;&lt;img src=x&gt;", "tags": ["&lt;x&gt;"]}
    assert escaping.printed_meta({"description": "<own>"}, "fallback")["description"] == "&lt;own&gt;"
    assert escaping.printed_meta({}) == {}
    assert escaping.printed_meta({"author": "<b>Al</b>", "subtitle": "a & b"}) == {"author": "&lt;b&gt;Al&lt;/b&gt;", "subtitle": "a &amp; b"}


@pytest.mark.parametrize(
    "url, target",
    [
        ("https://example.com/a b", "https://example.com/a%20b"),
        ('https://example.com/"><script>alert(1)</script>', "https://example.com/%22%3E%3Cscript%3Ealert%281%29%3C/script%3E"),
        ("http://x.test/path?q=1&r=2#frag", "http://x.test/path?q=1&r=2#frag"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:x", None),
        ("//example.com/x", None),
        ("https://", None),
    ],
)
def test_only_http_links_and_nothing_that_ends_the_link(url: str, target: str | None):
    assert escaping.safe_link_target(url) == target
    if target:
        converted = to_html(f"[x](<{target}>)")
        assert attributes_of(converted)[1]["href"] == target


@pytest.mark.parametrize("hostile", [*HOSTILE, "---", "...", "key: value", "- item", "'quoted'", '"double"', "#comment"], ids=[*IDS, *map(str, range(7))])
def test_front_matter_values_stay_one_line_of_text(hostile: str):
    value = escaping.front_matter_text(hostile)
    assert "\n" not in value
    header = yaml.safe_dump({"title": value, "speakers": [{"name": value, "role": value}], "tags": [value]}, allow_unicode=True, sort_keys=False)
    assert not re.search(r"^(---|\.\.\.)\s*$", header, re.MULTILINE)  # nothing ends the front matter early
    text = f"---\n{header}---\n# Body\n"
    # MkDocs reads the values back as written (it ends front matter at a line of "---" or "...").
    body, front_matter = mkdocs_meta.get_data(text)
    assert body == "# Body\n"
    assert front_matter["title"] == value and front_matter["tags"] == [value]
