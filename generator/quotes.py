"""Article + sentences -> quotes and the people who said them."""

from __future__ import annotations

from generator.model import Article, Attributions, Person, Sentence


def find_attributions(article: Article, sentences: tuple[Sentence, ...], people: tuple[Person, ...] = ()) -> Attributions:
    """Every quote with its speaker, and one Speaker per person quoted."""
    return Attributions()
