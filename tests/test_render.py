from __future__ import annotations

import dataclasses
import datetime as dt
import re

import markdown
import yaml

from generator import brief_file, escaping, render
from generator.pipeline import build_brief

from conftest import TEST_DATE

MKDOCS_EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=MKDOCS_EXTENSIONS)


def test_hostile_article_renders_safely_end_to_end(site_config):
    raw = (
        "Markup <b>test</b> | ---\n\n"
        "The minister said <script>alert('x')</script> was [a link](javascript:alert(1)).\n\n"
        "---\n\n"
        "A final `code` paragraph with a | pipe.\n"
    ).encode()
    rendered = render.render_brief(build_brief(raw, "hostile.txt", site_config), site_config, added=TEST_DATE)
    # Front matter holds the headline as text; what MkDocs prints is escaped (escaping.printed_meta).
    front_matter = rendered.front_matter
    assert front_matter.title == "Markup test | ---"  # ingest removes embedded HTML tags
    assert escaping.page_text_html("Markup <b>test</b>") == "Markup &lt;b&gt;test&lt;/b&gt;"
    html = to_html(rendered.body)
    assert "<script" not in html and "javascript:" not in html.replace("javascript:alert(1)).", "")
    assert "<hr" not in html


def test_front_matter_round_trips_and_is_unedited(site_config):
    raw = b"Headline: with colon # and hash\n\nThe council met on Monday.\n"
    rendered = render.render_brief(build_brief(raw, "x.txt", site_config), site_config, "abc", added=TEST_DATE)
    text = rendered.text
    assert text.startswith("---\n")
    head, body = text[4:].split("---\n", 1)
    front_matter = yaml.safe_load(head)
    assert front_matter["title"] == "Headline: with colon # and hash"
    assert front_matter["added"] == TEST_DATE
    assert "date" not in front_matter  # the article gives none, and none is made up
    assert front_matter["generator"]["input"] == "abc"
    assert body == rendered.body and not rendered.is_edited


def test_undated_article_says_added_never_a_publication_date(site_config):
    raw = b"Headline\n\nFirst sentence here. Second one here.\n\nAnother paragraph follows.\n"
    rendered = render.render_brief(build_brief(raw, "x.txt", site_config), site_config, added=TEST_DATE)
    body = rendered.body
    assert body.index('!!! abstract "Summary"') < body.index("## The article")
    assert "added 12 January 2022" in body
    assert body.count("12 January 2022") == 1
    assert rendered.front_matter.date is None


def test_dated_article_keeps_its_publication_date(site_config):
    raw = b"Headline\n\nJanuary 3, 2021\n\nFirst sentence here. Second one here.\n"
    brief = build_brief(raw, "x.txt", site_config)
    rendered = render.render_brief(brief, site_config, added=TEST_DATE)
    assert brief.date == rendered.front_matter.date == dt.date(2021, 1, 3)
    assert rendered.body.startswith("# Headline\n\n3 January 2021 · ")


def test_person_path_is_a_slug():
    assert render.person_path("Jos\u00e9 Mar\u00eda | Aznar") == "people/jose-maria-aznar.md"


HARBOUR = (
    "Harbour plan approved after long debate\n\n"
    'Port director Lena Okafor said the new quay would open in spring. "We have waited ten years for this," '
    'she said. "The money is finally there."\n\n'
    "Okafor added that fishermen would keep their berths.\n\n"
    'Opposition leader Paul Greaves called the plan "a gift to developers" and said the council had ignored residents.\n\n'
    "Greaves said that Mayor Sam Ortiz had warned that costs would rise.\n"
).encode()
SPAN = re.compile(r'<span class="nb-quote" data-speaker="([^"]*)" data-kind="(\w+)"( data-part="\d+")? [^>]*>(.*?)</span>')


def harbour(site_config) -> brief_file.BriefFile:
    return render.render_brief(build_brief(HARBOUR, "harbour.txt", site_config), site_config, added=TEST_DATE)


def test_every_attributed_statement_is_marked_with_its_kind(site_config):
    spans = [(speaker, kind, text) for speaker, kind, _, text in SPAN.findall(harbour(site_config).body)]
    assert ("Lena Okafor", "indirect", "the new quay would open in spring") in spans
    assert ("Lena Okafor", "direct", '"We have waited ten years for this,"') in spans
    assert ("Paul Greaves", "mixed", 'the plan "a gift to developers"') in spans
    assert ("Paul Greaves", "indirect", "the council had ignored residents") in spans


def test_a_quote_split_by_its_cue_is_one_statement_in_two_parts(site_config):
    parts = [(text, part) for speaker, kind, part, text in SPAN.findall(harbour(site_config).body) if kind == "direct"]
    assert parts == [('"We have waited ten years for this,"', ""), ('"The money is finally there."', ' data-part="2"')]


def test_reported_speech_inside_reported_speech_is_marked_once_and_its_speaker_left_out(site_config):
    rendered = harbour(site_config)
    spans = SPAN.findall(rendered.body)
    assert ("Paul Greaves", "indirect", "", "Mayor Sam Ortiz had warned that costs would rise") in spans
    assert "Sam Ortiz" not in {speaker for speaker, *_ in spans}
    assert "Sam Ortiz" not in {s.name for s in rendered.front_matter.speakers}
    sidebar = rendered.body.split('"Who said what"')[1].split("##")[0]
    assert "Paul Greaves" in sidebar and "Sam Ortiz" not in sidebar


def test_sidebar_and_front_matter_count_the_marked_statements_quoted_and_reported_apart(site_config):
    rendered = harbour(site_config)
    spans = SPAN.findall(rendered.body)
    for entry in rendered.front_matter.speakers:
        mine = [(kind, part) for speaker, kind, part, _ in spans if speaker == entry.name and not part]
        assert entry.quotes == sum(kind == "direct" for kind, _ in mine)
        assert entry.reported == sum(kind != "direct" for kind, _ in mine)
    counts = {s.name: (s.quotes, s.reported) for s in rendered.front_matter.speakers}
    assert counts == {"Lena Okafor": (1, 2), "Paul Greaves": (0, 3)}
    sidebar = rendered.body.split('"Who said what"')[1].split("##")[0]
    assert re.search(r"\*\*\[Lena Okafor\]\(people/lena-okafor\.md\)\*\*.* \(1 quote, 2 reported\)\n", sidebar)
    assert re.search(r"\*\*\[Paul Greaves\]\(people/paul-greaves\.md\)\*\*.* \(3 reported\)\n", sidebar)


def test_statement_label_names_quotes_and_reported_apart():
    assert render.statement_label(3, 2) == "3 quotes, 2 reported"
    assert render.statement_label(1, 0) == "1 quote"
    assert render.statement_label(0, 1) == "1 reported"


def test_a_quote_cut_before_its_cue_ends_as_a_sentence():
    assert render.end_as_sentence('"Which is bad,"') == '"Which is bad."'
    assert render.end_as_sentence("which is bad,") == "which is bad."
    assert render.end_as_sentence('"No, never."') == '"No, never."'


def test_each_summary_bullet_links_to_its_sentence_in_the_article(site_config):
    raw = (
        b"Council delays bridge vote\n\n"
        b"The city council on Tuesday delayed a vote on the new river bridge for the second time this year.\n\n"
        b'"We cannot ask taxpayers to sign a blank cheque. The numbers must add up," said Mayor Helen Brooks.\n\n'
        b"The state transport department said it would review the plans again in April, before the summer.\n"
    )
    brief = dataclasses.replace(build_brief(raw, "x.txt", site_config), summary=(0, 2, 3))
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
    brief = dataclasses.replace(build_brief(raw, "x.txt", site_config), summary=(0, 1, 2))
    body = render.render_brief(brief, site_config).body
    assert re.findall(r"\(#(evidence-\d)", body) == ["evidence-1", "evidence-2", "evidence-2"]
    assert body.count('<span class="nb-evidence" id="evidence-2">') == 1
    assert 'id="evidence-3"' not in body
