from __future__ import annotations

import dataclasses
import re

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
    assert front_matter["title"] == "Markup <b>test</b> | ---"
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



def test_each_summary_bullet_links_to_its_sentence_in_the_article(site_config):
    raw = (
        b"Council delays bridge vote\n\n"
        b"The city council on Tuesday delayed a vote on the new river bridge for the second time this year.\n\n"
        b'"We cannot ask taxpayers to sign a blank cheque. The numbers must add up," said Mayor Helen Brooks.\n\n'
        b"The state transport department said it would review the plans again in April, before the summer.\n"
    )
    brief = dataclasses.replace(build_brief(raw, "x.txt", site_config, today=TEST_DATE), summary=(0, 2, 3))
    body = render.render_brief(brief, site_config).body
    summary, article = body.split("## The article")
    assert re.findall(r"\(#(evidence-\d)", summary) == ["evidence-1", "evidence-2", "evidence-3"]
    paragraphs = article.strip().split("\n\n")
    assert paragraphs[0].startswith('<span class="nb-evidence" id="evidence-1">The city council')
    # The second bullet's sentence ends a quote that began a sentence earlier: the evidence span
    # takes in the whole quote, so the quote stays one span and the tags nest.
    assert paragraphs[1].startswith('<span class="nb-evidence" id="evidence-2"><span class="nb-quote"')
    assert paragraphs[1].endswith("said Mayor Helen Brooks.</span>")
    assert paragraphs[1].count('class="nb-quote"') == 1
    assert paragraphs[2].startswith('<span class="nb-evidence" id="evidence-3">The state')


def test_summary_sentences_joined_by_one_quote_share_one_evidence_span(site_config):
    raw = (
        b"Council delays bridge vote\n\n"
        b"The city council on Tuesday delayed a vote on the new river bridge for the second time this year.\n\n"
        b'"We cannot ask taxpayers to sign a blank cheque. The numbers must add up," said Mayor Helen Brooks.\n'
    )
    brief = dataclasses.replace(build_brief(raw, "x.txt", site_config, today=TEST_DATE), summary=(0, 1, 2))
    body = render.render_brief(brief, site_config).body
    assert re.findall(r"\(#(evidence-\d)", body) == ["evidence-1", "evidence-2", "evidence-2"]
    assert body.count('<span class="nb-evidence" id="evidence-2">') == 1
    assert 'id="evidence-3"' not in body
