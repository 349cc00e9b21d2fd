"""Saved web pages (seeds/*.html) read with trafilatura, and source links in text files."""

from __future__ import annotations

import collections
import datetime as dt
import re
from pathlib import Path

import pytest
import trafilatura

from generator import generate, ingest, render
from generator.errors import ArticleError
from generator.pipeline import build_brief

from conftest import FIXTURES

HARBOUR = FIXTURES / "harbour_page.html"
BUDGET = FIXTURES / "budget_blog.htm"
# The story as a reader sees it on each page, written by hand: the gold body.
GOLD = {
    HARBOUR: [
        "The harbour council voted on Tuesday to build a new sea wall along the eastern quay, ending two years of argument over how to protect the town from winter storms.",
        '"We cannot keep patching the old wall every spring," said council leader Maria Okafor, who proposed the plan. "This is the cheapest way to keep the quay open."',
        "The wall will cost 4.2 million pounds and take eighteen months to build. Work is due to start in September, once the summer ferry season is over.",
        "Fishermen who moor at the quay had asked for a gap in the wall for small boats. Engineers said a gate would be added at the northern end.",
        "Opponents said the council had not looked at moving the ferry terminal instead, a plan they say would cost less over thirty years.",
    ],
    BUDGET: [
        "The town board passed next year\u2019s budget shortly after midnight on Thursday, after a session that ran for almost six hours.",
        "The budget raises spending on roads by a tenth and freezes the library\u2019s hours. \u201cNobody got everything they wanted,\u201d said board chair Tom Roe.",
        "Residents who spoke at the meeting mostly asked for more money for the swimming pool, which has been closed since the autumn.",
    ],
}


def body_of(article) -> list[str]:
    return [" ".join(article.paragraph_text(p).split()) for p in article.paragraphs]


def token_f1(predicted: str, gold: str) -> float:
    ours, theirs = collections.Counter(re.findall(r"\w+", predicted.lower())), collections.Counter(re.findall(r"\w+", gold.lower()))
    common = sum((ours & theirs).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ours.values()), common / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def test_saved_page_gives_text_and_metadata():
    article = ingest.parse_article(HARBOUR.read_bytes(), str(HARBOUR))
    assert article.title == "Harbour council approves new sea wall"
    assert article.published == dt.date(2023, 5, 9)
    assert article.byline == "Anna de Vries"
    assert article.source_url == "https://www.coastal-ledger.example/news/harbour-sea-wall"
    assert article.publisher == "The Coastal Ledger"
    assert body_of(article) == GOLD[HARBOUR]


def test_page_in_a_legacy_charset_with_og_url_and_a_follow_line():
    article = ingest.parse_article(BUDGET.read_bytes(), str(BUDGET))
    assert article.title == "Town budget passes after late-night session"
    assert article.published is None, "no date in the page's markup: none is guessed"
    assert article.source_url == "https://valleypost.example/2021/03/town-budget"
    assert article.publisher == "valleypost.example"
    assert body_of(article) == GOLD[BUDGET]


@pytest.mark.parametrize("page", [HARBOUR, BUDGET], ids=lambda p: p.stem)
def test_our_cleaning_never_lowers_what_trafilatura_extracts(page: Path):
    html = page.read_bytes().decode("utf-8", "replace") if page.suffix == ".html" else page.read_bytes().decode("cp1252")
    gold = "\n".join(GOLD[page])
    alone = token_f1(trafilatura.extract(html) or "", gold)
    ours = token_f1("\n".join(body_of(ingest.parse_article(page.read_bytes(), str(page)))), gold)
    assert ours >= alone
    assert ours > 0.99


def test_brief_links_to_the_original(site_config):
    brief = build_brief(HARBOUR.read_bytes(), "seeds/harbour_page.html", site_config)
    body = render.render_brief(brief, site_config).body
    assert "Read the original at [The Coastal Ledger](https://www.coastal-ledger.example/news/harbour-sea-wall)" in body


def test_source_line_in_a_text_file_links_to_the_original(site_config):
    raw = b"Ferry fares rise\nSource: https://apnews.com/article/ferry-fares\n\nFares rise in June, the operator said.\n"
    body = render.render_brief(build_brief(raw, "x.txt", site_config), site_config).body
    assert "Read the original at [apnews.com](https://apnews.com/article/ferry-fares)" in body


def test_hostile_source_url_cannot_break_out_of_the_link(site_config):
    raw = b"Ferry fares rise\nSource: https://evil.example/a)[x](javascript:alert(1))<script>\n\nFares rise in June.\n"
    body = render.render_brief(build_brief(raw, "x.txt", site_config), site_config).body
    line = next(line for line in body.splitlines() if "Read the original" in line)
    assert "<script" not in line and "](javascript" not in line
    assert "(https://evil.example/a%29%5Bx%5D%28javascript:alert%281%29%29)" in line


def test_page_without_an_article_is_one_clear_error():
    with pytest.raises(ArticleError) as caught:
        ingest.parse_article(b"<!DOCTYPE html><html><head><script>var a = 1;</script></head><body><div></div></body></html>", "empty.html")
    assert str(caught.value).startswith("empty.html: a web page with no article text")


def test_generate_reads_html_pages_from_a_folder(tmp_path: Path, site_config):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "harbour.html").write_bytes(HARBOUR.read_bytes())
    (seeds / "notes.md").write_text("not an article")
    inputs = generate.collect_inputs([seeds])
    assert inputs.paths == [seeds / "harbour.html"]
    report = generate.generate_briefs(inputs.paths, site_config, tmp_path / "briefs", force=False, jobs=1, backup_dir=tmp_path / "bk")
    assert report.errors == []
    assert (tmp_path / "briefs" / "harbour-council-approves-new-sea-wall.md").exists()
