"""The stages in order: raw article -> Brief."""

from __future__ import annotations

from pathlib import Path

from generator import glossary, ingest, quotes, sections, segment, summarize, tags
from generator.config import SiteConfig
from generator.model import Brief
from generator.slugs import brief_slug


def build_brief(
    raw: bytes | str,
    source: str | Path,
    config: SiteConfig,
    *,
    title: str | None = None,
    headline_required: bool = True,
    summary_sentences: int | None = None,
) -> Brief:
    """Run every stage on one article. `title` is given for JSONL input, else read from line 1."""
    article = ingest.parse_article(raw, source, title, headline_required=headline_required, max_mb=config.max_article_mb)
    sentences = segment.split_sentences(article)
    attributions = quotes.find_attributions(article, sentences, config.people)
    key_quotes = quotes.choose_key_quotes(article.text, attributions, config.key_quotes)
    terms = glossary.find_first_hits(article, config.glossary)
    words = sum(len(article.paragraph_text(p).split()) for p in article.paragraphs)
    return Brief(
        slug=brief_slug(article.title),
        title=article.title,
        date=article.published,  # only a date the source gives: never the day it was generated
        source=str(source),
        reading_time=article.stated_reading_time or ingest.estimate_reading_time(words),
        article=article,
        sentences=sentences,
        summary=summarize.summarize(article, sentences, summary_sentences or config.summary_sentences),
        attributions=attributions,
        terms=terms,
        tags=tags.derive_tags(article, config.glossary, attributions.speakers),
        section=sections.classify_article(article, config.sections),
        key_quotes=key_quotes,
    )
