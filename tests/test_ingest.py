from __future__ import annotations

import pytest

from generator import ingest
from generator.ingest import lines
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
        ("\"\" '' \u201c\u201d\n\n...".encode(), "no usable text"),
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
        ("a ferry to Koh Phi Phi on Monday", "a ferry to Koh Phi Phi on Monday"),
        ("the blog Boing Boing said", "the blog Boing Boing said"),
        ("it was really really close", "it was really really close"),
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


def test_headline_ending_in_a_full_stop_is_the_title():
    article = parse("Senate passes the budget bill.\n\nThe Senate passed the bill on Friday.\n")
    assert article.title == "Senate passes the budget bill."
    assert body_of(article) == ["The Senate passed the bill on Friday."]


def test_long_title_case_headline_is_the_title():
    headline = "Trump: Cruz Has \u2018To Come a Long Way\u2019 On Ethanol, He\u2019s For Oil Because \u2018Oil Pays Him a Lot of Money.\u2019"
    article = parse(f"{headline}\n\nThe candidate spoke in Iowa on Monday.\n")
    assert article.title == headline


@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["tight", "spaced"])
def test_header_block_with_or_without_blank_lines(separator: str):
    header = separator.join(["Ministers agree new budget", "By Anna de Vries", "March 3, 2021", "4-min read"])
    article = parse(header + "\n\nThe ministers agreed on Tuesday.\n\nIt passed.\n")
    assert article.title == "Ministers agree new budget"
    assert article.byline == "Anna de Vries"
    assert str(article.published) == "2021-03-03"
    assert article.stated_reading_time == 4
    assert body_of(article) == ["The ministers agreed on Tuesday.", "It passed."]


@pytest.mark.parametrize(
    "line", ["By Pieter van der Berg", "By Maria dos Santos and Tom O'Neill", "By Ludwig von Arx, Reuters"]
)
def test_bylines_with_particles_and_agencies(line: str):
    article = parse(f"Headline here\n\n{line}\n\nThe story starts here.\n")
    assert article.byline == line.removeprefix("By ")
    assert body_of(article) == ["The story starts here."]


def test_sentence_starting_with_by_stays_in_the_body():
    article = parse("Kasich wins Ohio\n\nBy winning Ohio, Kasich took all 66 delegates.\n")
    assert article.byline is None
    assert body_of(article) == ["By winning Ohio, Kasich took all 66 delegates."]


@pytest.mark.parametrize(
    "dateline", ["DALLAS (AP) \u2014 ", "PASADENA, Calif., Jan. 1 (UPI) \u2014 ", "LONDON \u2014 ", "(CNN) -- "]
)
def test_agency_dateline_stays_at_the_head_of_the_first_paragraph(dateline: str):
    # Wire copy's lede opens with its dateline: it is the publisher's text and says where the
    # story was filed, so the body keeps it and nothing is cut out of the first paragraph.
    article = parse(f"Mayor speaks\n\n{dateline}The mayor spoke on Monday.\n\nShe left.\n")
    assert body_of(article) == [f"{dateline}The mayor spoke on Monday.", "She left."]
    assert ingest.agency_dateline_length(body_of(article)[0]) == len(dateline)


def test_quotes_in_a_lede_with_a_dateline_keep_their_speaker_and_offsets():
    from generator import quotes, segment

    article = parse(
        "Mayor speaks\n\nDALLAS (AP) \u2014 Mayor Ana Ruiz said on Monday that the library would open on Sundays.\n\n"
        '"It is a good day," Ruiz said.\n'
    )
    found = quotes.find_attributions(article, segment.split_sentences(article), ())
    reported = next(q for q in found.quotes if "library" in q.text)
    assert reported.speaker == "Ana Ruiz"
    assert article.text[reported.start : reported.end] == reported.text
    assert "DALLAS" not in reported.text


def test_headline_repeated_with_other_punctuation_is_not_body():
    # The caller's title and the first line differ only in where the full stop falls.
    article = parse(
        "Mayor: Library \u2018Will Open on Sundays.\u2019\n\nThe mayor spoke on Monday.\n",
        title="Mayor: Library \u2018Will Open on Sundays\u2019",
        headline_required=False,
    )
    assert body_of(article) == ["The mayor spoke on Monday."]


def test_headline_and_deck_on_lines_of_their_own_are_not_body():
    # Press-database exports join headline and deck in the title ("Headline; Deck") and print
    # them on two lines above the story.
    article = parse(
        "Library wins Sunday hours; \nCouncil vote ends a long debate over opening times.\n\nThe council voted on Monday.\n",
        title="Library wins Sunday hours; Council vote ends a long debate over opening times",
        headline_required=False,
    )
    assert body_of(article) == ["The council voted on Monday."]


def test_a_database_abstract_is_not_the_story():
    text = (
        "Library wins Sunday hours\n\nABSTRACT.\n\nThe council agreed to open libraries on Sundays.\n\n"
        "FULL TEXT.\n\nAfter a long debate, the council voted on Monday.\n\nShe left.\n"
    )
    assert body_of(parse(text)) == ["After a long debate, the council voted on Monday.", "She left."]
    # With no full text to follow, the abstract is all there is to read.
    only = "Library wins Sunday hours\n\nABSTRACT.\n\nThe council agreed to open libraries on Sundays.\n"
    assert body_of(parse(only)) == ["The council agreed to open libraries on Sundays."]


def test_short_lines_above_a_dateline_are_a_deck():
    deck = "Library wins Sunday hours\n\nIn her speech,\n\nthe mayor hails a long fight.\n\nDALLAS \u2014 The council voted on Monday.\n"
    assert body_of(parse(deck)) == ["DALLAS \u2014 The council voted on Monday."]
    long_first = "The council, after a debate that ran past midnight and through two recesses, " * 3
    kept = f"Library wins Sunday hours\n\n{long_first.strip()}\n\nDALLAS \u2014 The council voted on Monday.\n"
    assert len(body_of(parse(kept))) == 2
    # With no headline, the first line becomes the title and stays in the body: nothing is lost.
    untitled = parse("The mayor has spoken about the libraries.\n\nDALLAS \u2014 The council voted on Monday.\n")
    assert untitled.title == "The mayor has spoken about the libraries."
    assert body_of(untitled) == ["The mayor has spoken about the libraries.", "DALLAS \u2014 The council voted on Monday."]


def test_section_label_above_a_letter_is_not_body():
    article = parse("Libraries matter\n\nLETTERS.\n\nI was glad to read about the Sunday hours.\n")
    assert body_of(article) == ["I was glad to read about the Sunday hours."]


def test_live_blog_timestamps_are_dropped_and_entries_kept():
    article = parse("The Latest: vote count\n\n9:05 p.m.\n\nKasich wins Ohio.\n\n8:55 p.m.\n\nPolls close.\n")
    assert body_of(article) == ["Kasich wins Ohio.", "Polls close."]


def test_embedded_markup_is_removed_and_its_text_kept():
    article = parse(
        "Trump tweets\n\nHe wrote:\n\n"
        '<tweet id="7711" author="@cspan" datetime="2016-09-01">Rudy Giuliani wears a hat.</tweet>\n\n'
        '<tweet tweet-id="669350861383049216"><tweet/>.\n\n'
        '<iframe src="https://example.com/player"></iframe><script>alert(1)</script>\n\n'
        'See <a href="https://example.com">the report</a> for more.\n'
    )
    body = [" ".join(p.split()) for p in body_of(article)]
    assert body == ["He wrote:", "Rudy Giuliani wears a hat.", "See the report for more."]
    assert len(article.text) == len(
        "Trump tweets\n\nHe wrote:\n\n"
        '<tweet id="7711" author="@cspan" datetime="2016-09-01">Rudy Giuliani wears a hat.</tweet>\n\n'
        '<tweet tweet-id="669350861383049216"><tweet/>.\n\n'
        '<iframe src="https://example.com/player"></iframe><script>alert(1)</script>\n\n'
        'See <a href="https://example.com">the report</a> for more.\n'
    ), "markup becomes spaces, so offsets still index the text as given"


@pytest.mark.parametrize(
    "line",
    [
        "Share this article: Facebook Twitter Email",
        "Follow Jeff Poor on Twitter @jeff_poor.",
        "(h/t RCP Video.)",
        "h/t: The Hill.",
        "Share",
    ],
)
def test_share_follow_and_tip_lines_are_dropped(line: str):
    article = parse(f"Headline here\n\nThe story starts here.\n\n{line}\n\nIt ends here.\n")
    assert body_of(article) == ["The story starts here.", "It ends here."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Fans share the view that he should go.",
        "Follow the money, the senator said.",
        "Followers on Twitter doubled after the debate.",
    ],
)
def test_story_sentences_about_sharing_or_following_stay(sentence: str):
    article = parse(f"Headline here\n\n{sentence}\n")
    assert body_of(article) == [sentence]


def test_inverted_question_mark_used_as_apostrophe_is_repaired():
    article = parse("Headline here\n\nAmerica\u00bfs allies met. \u00bfQu\u00e9 pasa? she asked.\n")
    assert "America\u2019s allies" in article.text
    assert "\u00bfQu\u00e9 pasa?" in article.text


def test_text_without_a_headline_gets_one_from_its_first_sentence(caplog):
    first = "The town council raised parking fees by more than residents had feared in March, citing repairs to two car parks, minutes show."
    with caplog.at_level("WARNING"):
        article = parse(f"{first} Traders objected.\n\nThe new fees start in May.\n")
    assert article.title == first
    assert body_of(article)[0].startswith(first), "the first sentence stays in the body"
    assert [r.getMessage() for r in caplog.records] == ["test.txt: no headline on line 1; using the first sentence as the title"]


def test_single_line_file_is_its_own_headline_and_body():
    article = parse("Just one line of text")
    assert article.title == "Just one line of text"
    assert body_of(article) == ["Just one line of text"]


@pytest.mark.parametrize("line", ["Source: https://apnews.com/article/abc", "https://www.bbc.co.uk/news/x-1"])
def test_source_url_line_in_the_header(line: str):
    article = parse(f"Headline here\n{line}\n\nThe story starts here.\n")
    assert article.source_url == line.removeprefix("Source: ")
    assert article.publisher in {"apnews.com", "bbc.co.uk"}
    assert body_of(article) == ["The story starts here."]


def test_headline_and_subhead_on_two_lines_make_one_title():
    article = parse("Jobs report lifts Democrats; \nSolid upturn could blunt Republican claims.\n\nThe report was strong.\n")
    assert article.title == "Jobs report lifts Democrats; Solid upturn could blunt Republican claims."
    assert body_of(article) == ["The report was strong."]


def test_unclosed_script_tag_loses_the_tag_and_nothing_else():
    article = parse("Headline here\n\nThe story <script src=x> goes on. <style>\n\nIt ends here.\n")
    assert [" ".join(p.split()) for p in body_of(article)] == ["The story goes on.", "It ends here."]


def test_many_unclosed_tags_after_a_closing_one_are_blanked():
    text = "Headline here\n\n</script>" + "<script>x " * 2000 + "\n\nIt ends here.\n"
    article = parse(text)
    assert "<script" not in article.text and body_of(article)[-1] == "It ends here."


def test_a_whole_sentence_deck_above_a_dateline_is_the_standfirst_and_stays():
    # Editors open a brief with the standfirst; a deck broken over lines is no sentence and goes.
    text = "Library wins Sunday hours\n\nAt the city council, the mayor wins a long fight.\n\nDALLAS \u2014 The council voted on Monday.\n"
    assert body_of(parse(text)) == ["At the city council, the mayor wins a long fight.", "DALLAS \u2014 The council voted on Monday."]
    assert not lines.is_standfirst("In her speech,.")
    assert not lines.is_standfirst("Mayor hails fight.")
    assert not lines.is_standfirst("THE MAYOR HAILS A LONG FIGHT.")


def test_a_section_label_in_capitals_under_the_headline_is_not_body():
    article = parse("Morning briefing: libraries\n\nTOP STORIES.\n\nThe council voted on Monday to open libraries on Sundays.\n")
    assert body_of(article) == ["The council voted on Monday to open libraries on Sundays."]
    # A subhead of a list article is longer, and stays.
    listing = "Week in review\n\nBEST NEWS FOR THE LIBRARY BOARD.\n\nThe council voted on Monday.\n"
    assert body_of(parse(listing))[0] == "BEST NEWS FOR THE LIBRARY BOARD."
    # An agency dateline on a line of its own is no label: it stays where the publisher put it.
    for dateline in ("HARBOURTON (AP) \u2014", "NEW HARBOUR --"):
        dated = parse(f"Library wins Sunday hours\n\n{dateline}\n\nThe council voted on Monday.\n")
        assert body_of(dated)[0] == dateline


def test_an_archive_correction_notice_is_not_body():
    article = parse("Library wins Sunday hours\n\nCorrection Appended.\n\nThe council voted on Monday.\n")
    assert body_of(article) == ["The council voted on Monday."]


def test_a_given_title_in_mojibake_still_finds_the_headline_line_that_repeats_it():
    article = parse("Mayor meets Pe\u00f1a at City Hall.\n\nThe mayor met the envoy on Monday.\n", title="Mayor meets Pe\u00c3\u00b1a at City Hall.", headline_required=False)
    assert article.title == "Mayor meets Pe\u00f1a at City Hall."
    assert body_of(article) == ["The mayor met the envoy on Monday."]
