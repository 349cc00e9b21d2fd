"""Glossary links in a brief body: add the right ones, read and remove existing ones.

Only top-level paragraphs and list items are linked; headings, blockquotes,
indented blocks (admonition bodies, code), fenced code, HTML, tables, front
matter, inline code, links, images, autolinks, HTML tags and text inside
double quotation marks ("..." or “...”) are left alone (see markdown_scan).
"""

from __future__ import annotations

from collections import Counter

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
    glossary = compile_glossary(terms)
    common_words = LowercaseWords(plain)
    return Counter(
        match.slug
        for region in regions(plain)
        if region.is_linkable
        for start, end, _quoted in scan_inline(plain, region.start, region.end, glossary_url)[0]
        for match in find_matches(plain, start, end, glossary, common_words)
    )

