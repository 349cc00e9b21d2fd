"""Glossary terms + where briefs link them -> the Markdown of the site's glossary page.

The page is plain Markdown with attribute lists (`{#slug}`), which Material
for MkDocs renders well: a jump bar of letters, one section per letter, one
heading per term whose anchor is the term's slug (what glossary links point
at). Aliases and the old slug of a renamed term get anchors of their own, so
older links still land on the term.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from generator.glossary.linking import count_unlinked_mentions
from generator.markdown_scan import unlink_glossary
from generator.model import GlossaryTerm
from generator.escaping import escape_markdown, safe_link_target
from generator.slugs import slugify

PAGE_TITLE = "Glossary"
OTHER_LETTER = "#"  # the section of terms that do not start with a letter A-Z
_LETTER_ANCHOR = "letter-{}"
_OTHER_ANCHOR = "letter-other"

Appearance = tuple[str, str, int]  # (brief title, brief path relative to the page, mentions)

def _sort_key(term: GlossaryTerm) -> tuple[str, str]:
    folded = unicodedata.normalize("NFKD", term.term).encode("ascii", "ignore").decode("ascii")
    return folded.casefold().lstrip(string.punctuation + " "), term.slug


def _letter(term: GlossaryTerm) -> str:
    first = _sort_key(term)[0][:1].upper()
    return first if first in string.ascii_uppercase else OTHER_LETTER


def _letter_anchor(letter: str) -> str:
    return _OTHER_ANCHOR if letter == OTHER_LETTER else _LETTER_ANCHOR.format(letter.lower())


def _jump_bar(letters: set[str]) -> str:
    """Every letter A-Z; those with terms link to their section."""
    items = [
        f"[{letter}](#{_letter_anchor(letter)})" if letter in letters else letter
        for letter in [*string.ascii_uppercase, OTHER_LETTER]
        if letter != OTHER_LETTER or letter in letters
    ]
    return " · ".join(items)


def _extra_anchors(terms: list[GlossaryTerm]) -> dict[str, list[str]]:
    """Anchors for aliases and default slugs, each given to one term and never clashing."""
    taken = {t.slug for t in terms} | {_letter_anchor(letter) for letter in map(_letter, terms)}
    anchors: dict[str, list[str]] = {}
    for term in terms:
        anchors[term.slug] = []
        for name in (term.term, *term.aliases):
            anchor = slugify(name)
            if anchor and anchor not in taken:
                taken.add(anchor)
                anchors[term.slug].append(anchor)
    return anchors


def _see_also(term: GlossaryTerm, by_slug: dict[str, GlossaryTerm]) -> str:
    links = [f"[{escape_markdown(by_slug[s].term)}](#{s})" for s in term.see_also if s in by_slug]
    return "**See also:** " + ", ".join(links) if links else ""


def _external_link(url: str) -> str:
    target = safe_link_target(url)
    if target is None:
        return ""
    host = urlsplit(url).netloc.removeprefix("www.") or url
    return f"**More:** [{escape_markdown(host)}](<{target}>)"


def _appearances(items: list[Appearance]) -> list[str]:
    if not items:
        return ["Not linked from any brief yet."]
    ordered = sorted(items, key=lambda item: (-item[2], item[0].casefold(), item[1]))
    count = len(ordered)
    lines = [f"**Appears in** {count} brief{'s' if count != 1 else ''}:", ""]
    for title, path, mentions in ordered:
        unit = "mention" if mentions == 1 else "mentions"
        lines.append(f"- [{escape_markdown(title)}](<{path}>): {mentions} {unit}")
    return lines


def _term_section(
    term: GlossaryTerm,
    anchors: list[str],
    by_slug: dict[str, GlossaryTerm],
    appearances: list[Appearance],
) -> list[str]:
    spans = "".join(f'<span id="{anchor}"></span>' for anchor in anchors)
    lines = [f"### {escape_markdown(term.term)} {{#{term.slug}}}", "", escape_markdown(term.definition) + spans, ""]
    for paragraph in term.description.split("\n\n"):
        if paragraph.strip():
            lines += [escape_markdown(" ".join(paragraph.split())), ""]
    if term.aliases:
        lines += ["**Also:** " + ", ".join(escape_markdown(a) for a in term.aliases), ""]
    if see_also := _see_also(term, by_slug):
        lines += [see_also, ""]
    if term.link and (more := _external_link(term.link)):
        lines += [more, ""]
    return lines + _appearances(appearances) + [""]


def render_glossary_page(
    terms: tuple[GlossaryTerm, ...], appearances: dict[str, list[Appearance]]
) -> str:
    """The Markdown of glossary.md: terms A-Z with a jump bar, definitions and backlinks.

    `appearances` maps a slug to the briefs that link the term:
    [(brief title, path of the brief relative to glossary.md, mentions)],
    e.g. {"nato": [("Russia mulls Cuba deployment", "briefs/russia-mulls.md", 4)]};
    `collect_appearances` builds it from the brief bodies.
    """
    ordered = sorted(terms, key=_sort_key)
    by_slug = {t.slug: t for t in terms}
    anchors = _extra_anchors(ordered)
    lines = [f"# {PAGE_TITLE}", ""]
    if not ordered:
        return "\n".join(lines + ["No terms yet: add them to site_config/glossary.yml.", ""])
    lines += [_jump_bar({_letter(t) for t in ordered}), ""]
    letter = None
    for term in ordered:
        if _letter(term) != letter:
            letter = _letter(term)
            heading = "\\#" if letter == OTHER_LETTER else letter
            lines += [f"## {heading} {{#{_letter_anchor(letter)}}}", ""]
        lines += _term_section(term, anchors[term.slug], by_slug, appearances.get(term.slug, []))
    return "\n".join(lines).rstrip("\n") + "\n"


def collect_appearances(
    briefs: Iterable[tuple[str, str, str]], terms: tuple[GlossaryTerm, ...], glossary_url: str
) -> dict[str, list[Appearance]]:
    """slug -> briefs linking the term, from (title, path relative to glossary.md, body) triples.

    `glossary_url` is how the bodies link the glossary ("glossary.md");
    the count is how often the term occurs in the brief's paragraphs.
    """
    return appearances_from((title, path, linked_term_mentions(body, terms, glossary_url)) for title, path, body in briefs)


def linked_term_mentions(body: str, terms: tuple[GlossaryTerm, ...], glossary_url: str) -> dict[str, int]:
    """slug -> mentions (at least one) of each known term a brief body links, in order of first link."""
    if f"{glossary_url}#" not in body:
        return {}  # no glossary link: most briefs of a site are done here, without a scan
    plain, slugs = unlink_glossary(body, glossary_url)
    known = {t.slug for t in terms}
    linked = [slug for slug in dict.fromkeys(slugs) if slug in known]
    if not linked:
        return {}
    mentions = count_unlinked_mentions(plain, terms, glossary_url, linked)
    return {slug: max(mentions[slug], 1) for slug in linked}


def appearances_from(briefs: Iterable[tuple[str, str, dict[str, int]]]) -> dict[str, list[Appearance]]:
    """slug -> briefs linking the term, from (title, path relative to glossary.md, linked_term_mentions)."""
    appearances: dict[str, list[Appearance]] = {}
    for title, path, mentions in briefs:
        for slug, count in mentions.items():
            appearances.setdefault(slug, []).append((title, path, count))
    return appearances
