"""Article + glossary hits -> tags: the places, organisations and topics it is about."""

from __future__ import annotations

from generator.glossary import count_mentions
from generator.model import Article, GlossaryTerm, TermHit

MAX_TAGS = 6
TITLE_WEIGHT = 2  # a term in the headline is what the article is about


def derive_tags(article: Article, hits: tuple[TermHit, ...], terms: tuple[GlossaryTerm, ...]) -> tuple[str, ...]:
    """Display names of the glossary terms the article mentions most, at most MAX_TAGS.

    Every mention in the body counts (quotations included), a mention in the
    headline counts TITLE_WEIGHT more; ties go to the term mentioned first.
    """
    if not terms:
        return ()
    body = "\n\n".join(article.paragraph_text(p) for p in article.paragraphs)
    mentions = count_mentions(body, terms)
    in_title = count_mentions(article.title, terms)
    order = list(dict.fromkeys([h.slug for h in hits] + list(in_title)))
    scores = {slug: mentions[slug] + TITLE_WEIGHT * in_title[slug] for slug in order}
    ranked = sorted(order, key=lambda slug: (-scores[slug], order.index(slug)))
    names = {t.slug: t.term for t in terms}
    return tuple(names[slug] for slug in ranked[:MAX_TAGS])
