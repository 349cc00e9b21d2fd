"""Glossary terms -> first-occurrence hits in an article, and links in Markdown."""

from __future__ import annotations

from generator.model import Article, GlossaryTerm, TermHit


def find_first_hits(article: Article, terms: tuple[GlossaryTerm, ...]) -> tuple[TermHit, ...]:
    """The first occurrence of each term in the article body, in text order."""
    return ()


def link_markdown(markdown: str, terms: tuple[GlossaryTerm, ...], glossary_url: str) -> str:
    """Link the first occurrence of each term in a brief body; replace stale glossary links."""
    return markdown
