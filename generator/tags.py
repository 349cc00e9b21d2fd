"""Article + glossary hits -> tags: the places, organisations and topics it is about."""

from __future__ import annotations

import re

from generator.model import Article, GlossaryTerm, TermHit

MAX_TAGS = 6


def derive_tags(article: Article, hits: tuple[TermHit, ...], terms: tuple[GlossaryTerm, ...]) -> tuple[str, ...]:
    """Glossary terms the article mentions, most mentioned first (ties: first mention first)."""
    by_slug = {t.slug: t for t in terms}
    body = " ".join(article.paragraph_text(p) for p in article.paragraphs)
    counted = []
    for order, hit in enumerate(hits):
        term = by_slug[hit.slug]
        flags = 0 if term.case_sensitive else re.IGNORECASE
        names = sorted({term.term, *term.aliases}, key=len, reverse=True)
        pattern = r"\b(?:" + "|".join(re.escape(n) for n in names) + r")"
        mentions = len(re.findall(pattern, body, flags))
        counted.append((-mentions, order, term.term))
    return tuple(name for _, _, name in sorted(counted)[:MAX_TAGS])
