from __future__ import annotations

import pytest

from generator import ingest
from generator.errors import ArticleError

from conftest import SEED

ARTICLE = """Ministers agree new budget

By Jane Doe

March 3, 2021

·4-min read

The finance ministers agreed on a new budget on Tuesday.

Advertisement

"It is a good day," the chair said.

Share this article

Our goal is to create a safe and engaging place for users to connect over interests and passions. In order to improve our community experience, we are temporarily suspending article commenting
"""


def parse(text: str | bytes, **kwargs):
    return ingest.parse_article(text.encode() if isinstance(text, str) else text, "test.txt", **kwargs)


def body_of(article) -> list[str]:
    return [article.paragraph_text(p) for p in article.paragraphs]


def test_header_lines_are_recognised_and_left_out_of_the_body():
    article = parse(ARTICLE)
    assert article.title == "Ministers agree new budget"
    assert article.byline == "Jane Doe"
    assert str(article.published) == "2021-03-03"
    assert article.stated_reading_time == 4
    assert body_of(article) == [
        "The finance ministers agreed on a new budget on Tuesday.",
        '"It is a good day," the chair said.',
    ]


def test_seed_drops_reading_time_and_comment_policy():
    article = parse(SEED.read_bytes())
    assert article.title == "Russia mulls Cuba, Venezuela deployment"
    text = "\n".join(body_of(article))
    assert "min read" not in text
    assert "commenting" not in text and "Our goal" not in text
    assert body_of(article)[-1].startswith('"There will be no deficit')


def test_offsets_index_the_text_as_ingested():
    article = parse(ARTICLE)
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == article.paragraph_text(paragraph)


def test_windows_1252_file_is_decoded():
    raw = "Caf\u00e9 owners protest\n\n\u201cWe are closing,\u201d said Ren\u00e9e.\n".encode("cp1252")
    article = parse(raw)
    assert article.title == "Caf\u00e9 owners protest"
    assert "Ren\u00e9e" in article.text and "\u201cWe are closing" in article.text


def test_mojibake_is_repaired_and_text_is_nfc():
    article = parse("Cafe\u0301 reopens\n\nThe caf\u00c3\u00a9 reopened on Monday, owners said.\n")
    assert article.title == "Caf\u00e9 reopens"
    assert "caf\u00e9 reopened" in article.text


def test_curly_quotes_are_kept_as_written():
    article = parse("Title here\n\n\u201cYes,\u201d she said.\n")
    assert "\u201cYes,\u201d" in article.text


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"Just a headline", "no article text"),
    ],
)
def test_bad_input_is_one_clear_line(raw: bytes, problem: str):
    with pytest.raises(ArticleError) as caught:
        parse(raw)
    message = str(caught.value)
    assert message.startswith("test.txt: ") and problem in message
    assert "\n" not in message


def test_missing_headline_is_allowed_for_jsonl_records():
    article = parse("one long paragraph of lowercased text. it goes on. and on.", headline_required=False)
    assert article.title == ""
    assert len(article.paragraphs) == 1


def test_given_title_matching_first_line_is_not_body():
    article = parse("Title line.\n\nBody sentence here.", title="Title line")
    assert body_of(article) == ["Body sentence here."]


def test_one_paragraph_per_line_without_blank_lines():
    article = parse("Headline\nFirst paragraph ends here.\nSecond paragraph ends here.\n")
    assert body_of(article) == ["First paragraph ends here.", "Second paragraph ends here."]


def test_hard_wrapped_lines_stay_one_paragraph():
    article = parse("Headline\n\nThis paragraph was wrapped\nat a fixed width by an\nold mail client.\n")
    assert len(article.paragraphs) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("would target leading leading banks", "would target leading banks"),
        ("what he had had was enough", "what he had had was enough"),
        ("The the report", "The the report"),
    ],
)
def test_doubled_words_are_repaired_in_the_brief(text: str, expected: str):
    assert ingest.repair_doubled_words(text) == expected


def test_reading_time_estimate():
    assert ingest.estimate_reading_time(0) == 1
    assert ingest.estimate_reading_time(ingest.WORDS_PER_MINUTE * 3) == 3
    assert ingest.estimate_reading_time(ingest.WORDS_PER_MINUTE * 3 + 1) == 4


def test_offset_map_points_back_into_the_given_text():
    given = "Cafe\u0301 owners. More text here."
    ingested = ingest.normalize(given)
    to_given = ingest.OffsetMap(given, ingested)
    start = ingested.index("More")
    assert given[to_given(start) : to_given(start + 4)] == "More"


def test_a_sentence_mentioning_a_date_stays_in_the_body():
    article = parse("Vote held\n\nThe vote came on 12 March 2024.\n\nIt passed easily.\n")
    assert article.published is None
    assert [article.paragraph_text(p) for p in article.paragraphs][0] == "The vote came on 12 March 2024."


def test_dateline_with_words_around_the_date_is_recognised():
    article = parse("Vote held\n\nPublished: Tuesday, 12 March 2024, 10:30 GMT\n\nIt passed easily.\n")
    assert str(article.published) == "2024-03-12"
