"""Sentences -> summary: which sentences, in article order."""

from __future__ import annotations

from generator.model import Article, Sentence


def summarize(article: Article, sentences: tuple[Sentence, ...], count: int) -> tuple[int, ...]:
    """Indices of the `count` summary sentences, in article order."""
    return tuple(range(min(count, len(sentences))))
