"""What the passes find before speakers are resolved, and the context they all read."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.model import Article, QuoteKind, Sentence
from generator.quotes.quotations import Quotation


@dataclass(frozen=True)
class SpeakerRef:
    """Who the text says spoke, before resolution: a name, pronoun or nominal as written."""

    text: str
    start: int
    kind: str  # "name", "pronoun", "nominal", "group", "subject" (the sentence's subject)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: QuoteKind
    cue: str | None
    ref: SpeakerRef | None
    fragments: tuple[tuple[int, int], ...] = ()
    evidence: float = 1.0  # how surely the cue reports speech at all; scales the speaker's confidence


@dataclass
class Context:
    """Everything the passes read: the article, its sentences and quotations."""

    article: Article
    sentences: tuple[Sentence, ...]
    quotations: list[Quotation]
    sentence_starts: list[int]
    quotation_spans: list[tuple[int, int]]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i < 0:
            return None
        sentence = self.sentences[i]
        return sentence if offset <= sentence.end else None

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)


def count_words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def is_inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in ranges)


def overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether [start, end) shares a character with one of the ranges."""
    return any(a < end and start < b for a, b in ranges)
