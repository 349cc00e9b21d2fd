"""Glossary hits in an ingested article: the first occurrence of each term, for the brief."""

from __future__ import annotations

from typing import Iterator

from generator import quotation_marks
from generator.glossary.matcher import compile_glossary, find_matches, first_per_term
from generator.markdown_scan import CLOSING_QUOTES, OPENING_QUOTES
from generator.model import Article, GlossaryTerm, TermHit
from generator.names import LowercaseWords

_QUOTE_MARK = quotation_marks.DOUBLE_MARK


def _unquoted_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stretches of text[start:end] outside double quotation marks.

    A quote left open runs to the end: a quote that goes on into the next
    paragraph opens again there without closing here.
    """
    is_open = False
    position = start
    for mark in _QUOTE_MARK.finditer(text, start, end):
        char = mark.group()
        if not is_open and char in OPENING_QUOTES:
            yield position, mark.start()
            is_open = True
        elif is_open and char in CLOSING_QUOTES:
            position = mark.end()
            is_open = False
    if not is_open:
        yield position, end


def find_first_hits(article: Article, terms: tuple[GlossaryTerm, ...]) -> tuple[TermHit, ...]:
    """The first occurrence of each term in the article body, in text order, in its glossary sense.

    Offsets index `article.text`; text inside quotation marks is skipped.
    """
    if not terms:
        return ()
    glossary = compile_glossary(terms)
    text = article.text
    common_words = LowercaseWords(text)
    matches = (
        match
        for paragraph in article.paragraphs
        for start, end in _unquoted_spans(text, paragraph.start, paragraph.end)
        for match in find_matches(text, start, end, glossary, common_words)
    )
    return tuple(TermHit(m.slug, m.start, m.end, text[m.start : m.end]) for m in first_per_term(matches))
