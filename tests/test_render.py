from __future__ import annotations

import markdown
import pytest
import yaml

from generator import render
from generator.pipeline import build_brief

from conftest import TEST_DATE

MKDOCS_EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=MKDOCS_EXTENSIONS)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
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
    ],
)
def test_article_text_is_shown_not_interpreted(hostile: str):
    html = to_html(render.escape_markdown(hostile))
    assert "<script" not in html and "<a " not in html and "<img" not in html
    assert "<code>" not in html and "<strong>" not in html and "<em>" not in html
    assert "<h1" not in html and "<hr" not in html and "<ol>" not in html and "<ul>" not in html
    assert "<blockquote>" not in html and "admonition" not in html and "<table>" not in html
    # What the article says is what the reader sees.
    import html as html_lib
    import re

    visible = html_lib.unescape(re.sub(r"<[^>]+>", "", html)).strip()
    assert visible == hostile


def test_hostile_article_renders_safely_end_to_end(site_config):
    raw = (
        "Markup <b>test</b> | ---\n\n"
        "The minister said <script>alert('x')</script> was [a link](javascript:alert(1)).\n\n"
        "---\n\n"
        "A final `code` paragraph with a | pipe.\n"
    ).encode()
    rendered = render.render_brief(build_brief(raw, "hostile.txt", site_config, today=TEST_DATE), site_config)
    front_matter = rendered.front_matter
    assert front_matter["title"] == "Markup test | ---"  # ingest removes embedded HTML tags
    html = to_html(rendered.body)
    assert "<script" not in html and "javascript:" not in html.replace("javascript:alert(1)).", "")
    assert "<hr" not in html


def test_front_matter_round_trips_and_digest_matches_body(site_config):
    raw = b"Headline: with colon # and hash\n\nThe council met on Monday.\n"
    rendered = render.render_brief(build_brief(raw, "x.txt", site_config, today=TEST_DATE), site_config, "abc")
    text = rendered.text
    assert text.startswith("---\n")
    head, body = text[4:].split("---\n", 1)
    front_matter = yaml.safe_load(head)
    assert front_matter["title"] == "Headline: with colon # and hash"
    assert front_matter["date"] == TEST_DATE
    assert front_matter["generator"]["digest"] == render.body_digest(body)
    assert front_matter["generator"]["input"] == "abc"


def test_body_shows_summary_then_article(site_config):
    raw = b"Headline\n\nFirst sentence here. Second one here.\n\nAnother paragraph follows.\n"
    body = render.render_brief(build_brief(raw, "x.txt", site_config, today=TEST_DATE), site_config).body
    assert body.index('!!! abstract "Summary"') < body.index("## The article")
    assert "12 January 2022" in body


def test_person_path_is_a_slug():
    assert render.person_path("Jos\u00e9 Mar\u00eda | Aznar") == "people/jose-maria-aznar.md"
