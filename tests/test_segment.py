"""Sentence splitting: Punkt plus the quotation-mark repairs."""

from __future__ import annotations

import pytest

from generator.model import Article, Paragraph
from generator.segment import split_sentences


def _article(*paragraphs: str) -> Article:
    text = "\n\n".join(paragraphs)
    spans, start = [], 0
    for paragraph in paragraphs:
        spans.append(Paragraph(start, start + len(paragraph)))
        start += len(paragraph) + 2
    return Article(text=text, title="", paragraphs=tuple(spans))


def _split(*paragraphs: str) -> list[str]:
    return [s.text for s in split_sentences(_article(*paragraphs))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. economy grew. Mr. Smith said so.", ["The U.S. economy grew.", "Mr. Smith said so."]),
        ("J. R. R. Tolkien wrote it. Then he rested.", ["J. R. R. Tolkien wrote it.", "Then he rested."]),
        ("the u.s. economy grew. mr. smith said so. it was 5 p.m. on tuesday.", ["the u.s. economy grew.", "mr. smith said so.", "it was 5 p.m. on tuesday."]),
    ],
)
def test_abbreviations_and_initials_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_question_in_quotes_keeps_its_attribution() -> None:
    assert _split('"Is it over?" she asked. Nobody knew.') == ['"Is it over?" she asked.', "Nobody knew."]


def test_curly_question_in_quotes_keeps_its_attribution() -> None:
    assert _split("He left. \u201cReally?\u201d she asked.") == ["He left.", "\u201cReally?\u201d she asked."]


def test_quote_opening_a_sentence_stays_with_it() -> None:
    text = 'The match ended. "I am nervous," he said. Then he left.'
    assert _split(text) == ["The match ended.", '"I am nervous," he said.', "Then he left."]


def test_spaced_quote_in_lowercase_text_opens_the_next_sentence() -> None:
    text = "the match ended. ' i am nervous, ' he said. then he left."
    assert _split(text) == ["the match ended.", "' i am nervous, ' he said.", "then he left."]


def test_spaced_quote_in_lowercase_text_closes_its_own_sentence() -> None:
    text = "he said: ' i love it here. ' the club will not offer a new deal. he left."
    assert _split(text) == ["he said: ' i love it here. '", "the club will not offer a new deal.", "he left."]


def test_lowercase_word_after_a_full_stop_quote_starts_a_new_sentence() -> None:
    text = "she says: ' we are behind. ' turning to him, she smiles."
    assert _split(text) == ["she says: ' we are behind. '", "turning to him, she smiles."]


def test_sentences_never_cross_paragraphs() -> None:
    assert _split("First paragraph ends here", "Second one. Third one.") == [
        "First paragraph ends here",
        "Second one.",
        "Third one.",
    ]


def test_offsets_index_the_article_text() -> None:
    article = _article("Alpha beta. Gamma delta.", '"Quoted," she said.')
    for sentence in split_sentences(article):
        assert article.text[sentence.start : sentence.end] == sentence.text
    assert [s.paragraph for s in split_sentences(article)] == [0, 0, 1]


def test_a_lower_case_word_that_punkt_abbreviates_ends_its_sentence() -> None:
    # 'Ore.' and 'Ill.' are abbreviations of states only in capitals; 'ore.' and 'ill.' end a sentence.
    assert _split("The mill paid more for iron ore. Tamsin Steel Co. said it would wait. Then she fell ill. Nobody came.") == [
        "The mill paid more for iron ore.",
        "Tamsin Steel Co. said it would wait.",
        "Then she fell ill.",
        "Nobody came.",
    ]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # A title before a name at a paragraph's start: Punkt splits there, a reader never would.
        ("Ohio Gov. Ann Lee vetoed the budget. Lawmakers met.", ["Ohio Gov. Ann Lee vetoed the budget.", "Lawmakers met."]),
        ("Rep. Tom Ruiz voted no. He left.", ["Rep. Tom Ruiz voted no.", "He left."]),
        # A place's abbreviation before a dateline dash, a party tag before a lower-case word.
        ("DOVER, Del. \u2014 Sen. Ann Lee (R-Del.) continued her tour on Friday. Crowds came.",
         ["DOVER, Del. \u2014 Sen. Ann Lee (R-Del.) continued her tour on Friday.", "Crowds came."]),
        # A state's abbreviation before a capital still ends the sentence.
        ("She grew up in Dover, Del. The town is small.", ["She grew up in Dover, Del.", "The town is small."]),
    ],
)
def test_a_title_or_place_abbreviation_before_a_name_or_dash_does_not_end_the_sentence(paragraph: str, expected: list[str]) -> None:
    assert _split(paragraph) == expected
