"""Quotation marks in the body: which mark opens, which closes, and the quoted spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Article
from generator.quotation_marks import CLOSING_DOUBLE, DOUBLE, OPENING_DOUBLE

_OPEN_CONTEXT = " \t\n([{\u2014\u2013-/:"


@dataclass(frozen=True)
class Quotation:
    start: int  # the opening mark (or the paragraph start for an unmarked continuation)
    end: int  # just after the closing mark (or the paragraph end when the quote runs on)
    paragraph: int
    runs_on: bool = False  # no closing mark: the quote continues in the next paragraph


# Two apostrophes stand for a double quotation mark in some wire and newspaper copy.
_QUOTE_MARK = re.compile(f"''|[{DOUBLE}]")


def _is_opener(text: str, i: int) -> bool:
    char = text[i]
    if text.startswith("''", i):
        return (i == 0 or text[i - 1] in _OPEN_CONTEXT) and i + 2 < len(text) and not text[i + 2].isspace()
    if char in OPENING_DOUBLE:
        return not (i + 1 < len(text) and text[i + 1].isspace() and i > 0 and not text[i - 1].isspace())
    if char in CLOSING_DOUBLE:
        return False
    return (i == 0 or text[i - 1] in _OPEN_CONTEXT) and i + 1 < len(text) and not text[i + 1].isspace()


def _ends_sentence_before(text: str, opened: int, i: int) -> bool:
    return i - opened > 1 and text[opened:i].rstrip().endswith((".", "!", "?"))


def find_quotations(article: Article) -> list[Quotation]:
    """Double-quoted spans per paragraph; single quotes inside them stay part of the quote."""
    text = article.text
    found: list[Quotation] = []
    for index, paragraph in enumerate(article.paragraphs):
        opened: int | None = None
        for match in _QUOTE_MARK.finditer(text, paragraph.start, paragraph.end):
            i = match.start()
            if _is_opener(text, i):
                if opened is not None and _ends_sentence_before(text, opened, i):
                    # '... cards. "The Tories ...': copy that lost its paragraph breaks opens each
                    # paragraph of a long quote anew; the quote runs on into the next part.
                    found.append(Quotation(opened, i, index, runs_on=True))
                    opened = None
                opened = i if opened is None else opened
            elif opened is not None:
                found.append(Quotation(opened, match.end(), index))
                opened = None
        if opened is not None and paragraph.end - opened > 1:
            found.append(Quotation(opened, paragraph.end, index, runs_on=True))
    return found


