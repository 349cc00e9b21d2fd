"""Glossary links in a brief body: add the right ones, read and remove existing ones.

Only top-level paragraphs and list items are linked; headings, blockquotes,
indented blocks (admonition bodies, code), fenced code, HTML, tables, front
matter, inline code, links, images, autolinks, HTML tags and text inside
double quotation marks ("..." or “...”) are left alone (see markdown_scan).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from functools import lru_cache

from generator.escaping import markdown_link_title
from generator.glossary.matcher import CompiledGlossary, Match, compile_glossary, find_matches, first_per_term
from generator.markdown_scan import regions, scan_inline, unlink_glossary
from generator.model import GlossaryTerm
from generator.names import LowercaseWords


def _link_title(definition: str) -> str:
    """The definition as a link title; Material shows it as a tooltip, as written."""
    return markdown_link_title(definition)


def _is_linkable_at(text: str, match: Match) -> bool:
    # `!` before `[` would make an image, a backslash would escape the bracket,
    # and `]` would turn `[x][NATO]` into a reference link.
    return match.start == 0 or text[match.start - 1] not in "!\\]"


def _first_links(plain: str, glossary: CompiledGlossary, glossary_url: str) -> list[Match]:
    common_words = LowercaseWords(plain)
    matches = (
        match
        for region in regions(plain)
        if region.is_linkable
        for start, end, is_quoted in scan_inline(plain, region.start, region.end, glossary_url)[0]
        if not is_quoted
        for match in find_matches(plain, start, end, glossary, common_words)
        if _is_linkable_at(plain, match)
    )
    return first_per_term(matches)


def link_markdown(markdown: str, terms: tuple[GlossaryTerm, ...], glossary_url: str) -> str:
    """A brief body with exactly the right glossary links: the first occurrence of each term.

    `glossary_url` is the glossary page relative to the brief ("glossary.md");
    links are `[NATO](glossary.md#nato "definition")`. Existing glossary links
    (any link to `glossary_url#...`) are removed first, so links to terms that
    no longer exist go back to plain text, titles follow the definitions, and
    running it twice changes nothing. Every other byte is kept as it is.
    """
    plain, _ = unlink_glossary(markdown, glossary_url)
    if not terms:
        return plain
    glossary = compile_glossary(terms)
    pieces: list[str] = []
    position = 0
    for match in _first_links(plain, glossary, glossary_url):
        term = glossary.terms[match.slug]
        pieces.append(plain[position : match.start])
        pieces.append(
            f"[{plain[match.start : match.end]}]({glossary_url}#{term.slug} {_link_title(term.definition)})"
        )
        position = match.end
    pieces.append(plain[position:])
    return "".join(pieces)


def count_linkable_mentions(markdown: str, terms: tuple[GlossaryTerm, ...], glossary_url: str) -> Counter[str]:
    """How often each term occurs in a brief body's paragraphs and list items, quotes included."""
    if not terms:
        return Counter()
    plain, _ = unlink_glossary(markdown, glossary_url)
    return count_unlinked_mentions(plain, terms, glossary_url)


def count_unlinked_mentions(
    plain: str, terms: tuple[GlossaryTerm, ...], glossary_url: str, slugs: Collection[str] | None = None
) -> Counter[str]:
    """count_linkable_mentions of a body whose glossary links are gone already (unlink_glossary);
    given `slugs`, only those terms are counted, and a stretch of text that cannot hold one is skipped."""
    if not terms:
        return Counter()
    glossary = compile_glossary(terms)
    common_words = LowercaseWords(plain)
    # A match starts with the first word of one of the term's phrases: a paragraph (or a stretch
    # of it between links, code and quotes) without any of them holds none, and matching is
    # stretch by stretch.
    firsts = None if slugs is None else _first_words(glossary, frozenset(slugs))
    counts: Counter[str] = Counter()
    for region in regions(plain):
        if not region.is_linkable or (firsts is not None and not firsts.search(plain[region.start : region.end].casefold())):
            continue
        for start, end, _quoted in scan_inline(plain, region.start, region.end, glossary_url)[0]:
            if firsts is None or firsts.search(plain[start:end].casefold()):
                counts.update(match.slug for match in find_matches(plain, start, end, glossary, common_words))
    return counts if slugs is None else Counter({slug: counts[slug] for slug in slugs if counts[slug]})


def _first_words(glossary: CompiledGlossary, slugs: frozenset[str]) -> re.Pattern[str]:
    """Any casefolded first word of the terms' phrases, as a whole word (names.WORD)."""
    return _first_words_pattern(frozenset(word for slug in slugs for word in glossary.first_words.get(slug, ())))


@lru_cache(maxsize=1024)
def _first_words_pattern(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(map(re.escape, sorted(words)))})(?![^\W_])")
