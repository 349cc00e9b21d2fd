"""Glossary terms -> first-occurrence hits in an article, links in a brief, new term suggestions.

Matching works on words (runs of letters and digits). A glossary is compiled
once (`compile_glossary`, cached) into a dictionary from word sequences to
terms, so scanning a text is one pass over its words with a few dictionary
look-ups per word: linear in the text, whatever the size of the glossary.

Every name of a term (display name, aliases, hand-given `forms`) is matched,
plus an automatic plural of the term and its aliases (sanction -> sanctions,
crisis stays as it is). Possessives need no form: "NATO's" is the word "NATO"
followed by "'s". At each word the longest name wins ("US Senate Democrats"
over "US"). Case: a `case_sensitive` term matches only as written; otherwise
case is ignored, except that an all-capitals alias of a term that is not
itself an acronym ("US" for "United States") still matches only as written,
so "us" is never the United States.

In Markdown, only top-level paragraphs and list items are linked; headings,
blockquotes, indented blocks (admonition bodies, code), fenced code, HTML,
tables, front matter, inline code, links, images, autolinks, HTML tags and
text inside double quotation marks ("..." or “...”) are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import yaml

from generator import quotation_marks
from generator.model import Article, GlossaryTerm, TermHit
from generator.slugs import slugify

_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-"})


def looks_like_acronym(name: object) -> bool:
    """NATO, US, G7: all capitals, so "us" in running text is not them."""
    return isinstance(name, str) and len(name) > 1 and name.isupper()


# --------------------------------------------------------------------------- matcher


@dataclass(frozen=True)
class _Form:
    """One name of a term, split into words the way running text is."""

    slug: str
    words: tuple[str, ...]  # as written: compared when the form is exact
    separators: tuple[str, ...]  # normalised text between the words
    suffix: str  # trailing punctuation that belongs to the name ("U.S.")
    is_exact: bool  # case must match
    is_given: bool  # written in glossary.yml (not an automatic plural)


@dataclass(frozen=True)
class CompiledGlossary:
    """The terms as a word-sequence dictionary: see `compile_glossary`."""

    terms: dict[str, GlossaryTerm]  # slug -> term
    phrases: dict[tuple[str, ...], tuple[_Form, ...]]  # casefolded words -> forms, best first
    lengths: dict[str, tuple[int, ...]]  # casefolded first word -> phrase lengths, longest first


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    slug: str


def name_key(name: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """What two names must share to be the same in running text (case aside)."""
    form = _split_name(name, slug="", is_exact=False, is_given=True)
    if form is None:
        return ((), (), "")
    return tuple(w.casefold() for w in form.words), form.separators, form.suffix


def _normalise_separator(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_APOSTROPHES))


def _split_name(name: str, slug: str, is_exact: bool, is_given: bool) -> _Form | None:
    words = list(_WORD.finditer(name))
    if not words:
        return None
    separators = tuple(
        _normalise_separator(name[a.end() : b.start()]) for a, b in zip(words, words[1:])
    )
    suffix = _normalise_separator(name[words[-1].end() :]).strip()
    return _Form(slug, tuple(w.group() for w in words), separators, suffix, is_exact, is_given)


def _plural(word: str) -> str | None:
    """The regular English plural of a name's last word, or None when it has none."""
    if not word.isalpha() or word[-1] in "sS":
        return None
    if looks_like_acronym(word):
        return word + "s"  # NGO -> NGOs
    if word.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def is_exact_name(term: GlossaryTerm, name: str) -> bool:
    """Whether a name of the term matches only as written, case included."""
    return term.case_sensitive or (looks_like_acronym(name) and not looks_like_acronym(term.term))


def _term_forms(term: GlossaryTerm) -> Iterator[_Form]:
    names = (term.term, *term.aliases)
    for name in (*names, *term.forms):
        form = _split_name(name, term.slug, is_exact_name(term, name), is_given=True)
        if form is None:
            continue
        yield form
        plural = _plural(form.words[-1]) if name in names and not form.suffix else None
        if plural:
            yield _Form(term.slug, (*form.words[:-1], plural), form.separators, "", form.is_exact, False)


def compile_glossary(terms: tuple[GlossaryTerm, ...]) -> CompiledGlossary:
    """The matcher for a glossary; built once per glossary and cached."""
    cached = _BY_IDENTITY.get(id(terms))
    if cached is not None and cached[0] is terms:
        return cached[1]
    compiled = _compile_by_value(terms)
    if len(_BY_IDENTITY) >= _CACHE_SIZE:
        _BY_IDENTITY.clear()
    # Keeping `terms` alive keeps its id from being reused by another tuple.
    _BY_IDENTITY[id(terms)] = (terms, compiled)
    return compiled


_CACHE_SIZE = 16
_BY_IDENTITY: dict[int, tuple[tuple[GlossaryTerm, ...], CompiledGlossary]] = {}


@lru_cache(maxsize=_CACHE_SIZE)
def _compile_by_value(terms: tuple[GlossaryTerm, ...]) -> CompiledGlossary:
    phrases: dict[tuple[str, ...], list[_Form]] = {}
    for term in terms:
        for form in _term_forms(term):
            phrases.setdefault(tuple(w.casefold() for w in form.words), []).append(form)
    lengths: dict[str, set[int]] = {}
    for key in phrases:
        lengths.setdefault(key[0], set()).add(len(key))
    return CompiledGlossary(
        terms={t.slug: t for t in terms},
        phrases={
            key: tuple(sorted(forms, key=lambda f: (not f.is_given, not f.is_exact)))
            for key, forms in phrases.items()
        },
        lengths={word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()},
    )


def _find_matches(text: str, start: int, end: int, glossary: CompiledGlossary) -> Iterator[_Match]:
    """Every term occurrence in text[start:end], left to right, longest first at each word."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    folded = [w[2].casefold() for w in words]
    index = 0
    while index < len(words):
        lengths = glossary.lengths.get(folded[index])
        found = _match_at(text, end, words, folded, index, lengths, glossary) if lengths else None
        if found is None:
            index += 1
            continue
        match, size = found
        yield match
        index += size


def _match_at(
    text: str,
    end: int,
    words: list[tuple[int, int, str]],
    folded: list[str],
    index: int,
    lengths: tuple[int, ...],
    glossary: CompiledGlossary,
) -> tuple[_Match, int] | None:
    for size in lengths:
        if index + size > len(words):
            continue
        forms = glossary.phrases.get(tuple(folded[index : index + size]))
        if not forms:
            continue
        span = words[index : index + size]
        separators = tuple(_normalise_separator(text[a[1] : b[0]]) for a, b in zip(span, span[1:]))
        written = tuple(w[2] for w in span)
        for form in forms:
            if form.separators != separators or (form.is_exact and form.words != written):
                continue
            stop = span[-1][1]
            if form.suffix:
                if not text.startswith(form.suffix, stop) or stop + len(form.suffix) > end:
                    continue
                stop += len(form.suffix)
            return _Match(span[0][0], stop, form.slug), size
    return None


def _first_per_term(matches: Iterator[_Match]) -> list[_Match]:
    seen: set[str] = set()
    firsts = []
    for match in matches:
        if match.slug not in seen:
            seen.add(match.slug)
            firsts.append(match)
    return firsts


# --------------------------------------------------------------------------- articles

_QUOTE_MARK = quotation_marks.DOUBLE_MARK
_OPENING = frozenset(quotation_marks.OPENING)
_CLOSING = frozenset(quotation_marks.STRAIGHT_DOUBLE + quotation_marks.CLOSING_DOUBLE)


def _unquoted_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stretches of text[start:end] outside double quotation marks.

    A quote left open runs to the end: a quote that goes on into the next
    paragraph opens again there without closing here.
    """
    is_open = False
    position = start
    for mark in _QUOTE_MARK.finditer(text, start, end):
        char = mark.group()
        if not is_open and char in _OPENING:
            yield position, mark.start()
            is_open = True
        elif is_open and char in _CLOSING:
            position = mark.end()
            is_open = False
    if not is_open:
        yield position, end


def find_first_hits(article: Article, terms: tuple[GlossaryTerm, ...]) -> tuple[TermHit, ...]:
    """The first occurrence of each term in the article body, in text order.

    Offsets index `article.text`; text inside quotation marks is skipped.
    """
    if not terms:
        return ()
    glossary = compile_glossary(terms)
    text = article.text
    matches = (
        match
        for paragraph in article.paragraphs
        for start, end in _unquoted_spans(text, paragraph.start, paragraph.end)
        for match in _find_matches(text, start, end, glossary)
    )
    return tuple(
        TermHit(m.slug, m.start, m.end, text[m.start : m.end]) for m in _first_per_term(matches)
    )


def count_mentions(text: str, terms: tuple[GlossaryTerm, ...]) -> Counter[str]:
    """How often each term occurs in plain text, quotations included (for tags)."""
    if not terms:
        return Counter()
    return Counter(m.slug for m in _find_matches(text, 0, len(text), compile_glossary(terms)))


# --------------------------------------------------------------------------- Markdown blocks


@dataclass(frozen=True)
class _Region:
    """A stretch of Markdown whose inline content is parsed."""

    start: int
    end: int
    is_linkable: bool  # a top-level paragraph or list item


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BLOCKQUOTE = re.compile(r" {0,3}>")
# Python-Markdown's block-level elements: a line starting with one starts raw HTML.
_BLOCK_ELEMENTS = (
    "address article aside blockquote details div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul canvas colgroup "
    "dd body dt group html iframe li legend math map noscript output object option progress "
    "script style summary tbody td textarea tfoot th thead tr video center"
).split()
_HTML_BLOCK = re.compile(
    rf" {{0,3}}<(?:/?(?:{'|'.join(_BLOCK_ELEMENTS)})(?:[\s/>]|$)|!--|\?|![A-Za-z])", re.IGNORECASE
)
# Admonitions, collapsible blocks and content tabs: their bodies are indented.
_CONTAINER = re.compile(r" {0,3}(?:!!!|\?\?\?\+?|===\+?)[ \t]+\S")
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
# Link references, footnotes, abbreviations and block attribute lists.
_DEFINITION = re.compile(r" {0,3}(?:\[[^\]]+\]:|\*\[[^\]]+\]:|\{:[^}]*\}[ \t]*$)")
_TABLE_ROW = re.compile(r" {0,3}\|")
_TABLE_DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$|"
                              r" {0,3}\|[ \t]*:?-+:?[ \t]*\|?[ \t]*$")
_INDENTED = re.compile(r"(?: {4}|\t)")
_FRONT_MATTER_END = ("---", "...")

_PARAGRAPH, _LIST, _QUOTE, _TABLE, _HEADING = "paragraph", "list", "quote", "table", "heading"


def _interrupts_paragraph(line: str) -> bool:
    return bool(
        _ATX_HEADING.match(line)
        or _FENCE.match(line)
        or _BLOCKQUOTE.match(line)
        or _LIST_ITEM.match(line)
        or _CONTAINER.match(line)
        or _THEMATIC_BREAK.match(line)
    )


def _lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(offset, line without its line break), skipping front matter."""
    position = 0
    lines = markdown.splitlines(keepends=True)
    if lines and lines[0].rstrip() == "---":
        closing = next(
            (i for i, line in enumerate(lines[1:], 1) if line.rstrip() in _FRONT_MATTER_END), None
        )
        if closing is not None:
            position = sum(len(line) for line in lines[: closing + 1])
            lines = lines[closing + 1 :]
    for line in lines:
        yield position, line.rstrip("\r\n")
        position += len(line)


class _BlockScanner:
    """Reads Markdown line by line and collects the regions that hold inline Markdown."""

    def __init__(self) -> None:
        self.regions: list[_Region] = []
        self.kind: str | None = None  # the open paragraph, list item, blockquote or table
        self.start = self.end = self.lines = 0
        self.in_container = False  # an indented line after a blank line is admonition or list content
        self.fence: re.Pattern[str] | None = None  # the closing fence of an open code block
        self.in_html = False

    def feed(self, start: int, line: str) -> None:
        end = start + len(line)
        if self.fence is not None:
            self.fence = None if self.fence.match(line) else self.fence
        elif not line.strip():
            self.close()
            self.in_html = False
        elif self.in_html:
            pass
        elif not self.continue_block(line, end):
            self.close()
            self.open_block(start, end, line)

    def continue_block(self, line: str, end: int) -> bool:
        """Extend the open block with this line, if it belongs to it."""
        if self.kind == _PARAGRAPH and _SETEXT_UNDERLINE.match(line):
            self.kind = _HEADING
            self.close()
            return True
        if self.kind == _PARAGRAPH and _TABLE_DELIMITER.match(line) and self.lines == 1:
            self.kind = _TABLE
        elif self.kind in (_PARAGRAPH, _LIST) and _interrupts_paragraph(line):
            return False
        elif self.kind is None:
            return False
        self.end = end  # a continuation line (indented or lazy), a table row
        self.lines += 1
        return True

    def open_block(self, start: int, end: int, line: str) -> None:
        if _INDENTED.match(line):
            if self.in_container:
                self.regions.append(_Region(start, end, is_linkable=False))
            return  # else indented code
        self.in_container = False
        if fence := _FENCE.match(line):
            mark = fence.group(1)
            self.fence = re.compile(rf" {{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
        elif _ATX_HEADING.match(line):
            self.regions.append(_Region(start, end, is_linkable=False))
        elif _CONTAINER.match(line):
            self.in_container = True
        elif _HTML_BLOCK.match(line):
            self.in_html = True
        elif not (_THEMATIC_BREAK.match(line) or _DEFINITION.match(line)):
            self.open_text_block(start, end, line)

    def open_text_block(self, start: int, end: int, line: str) -> None:
        self.kind, self.start, self.end, self.lines = _PARAGRAPH, start, end, 1
        if _BLOCKQUOTE.match(line):
            self.kind = _QUOTE
        elif _TABLE_ROW.match(line):
            self.kind = _TABLE
        elif item := _LIST_ITEM.match(line):
            self.kind, self.start, self.in_container = _LIST, start + item.end(), True

    def close(self) -> None:
        if self.kind is not None:
            self.regions.append(_Region(self.start, self.end, self.kind in (_PARAGRAPH, _LIST)))
            self.kind = None


def _regions(markdown: str) -> list[_Region]:
    """The parts of a Markdown document that hold inline Markdown (not code, HTML, front matter)."""
    scanner = _BlockScanner()
    for start, line in _lines(markdown):
        scanner.feed(start, line)
    scanner.close()
    return scanner.regions


# --------------------------------------------------------------------------- Markdown inlines


@dataclass(frozen=True)
class _Link:
    start: int
    end: int
    text_start: int
    text_end: int
    slug: str | None  # set when the link points into the glossary


_INLINE = re.compile(
    r"\\[!-/:-@\[-`{-~]"  # backslash escape
    r"|`+"  # code span
    r"|!?\["  # link, image, reference, footnote
    r"|<"  # HTML tag, comment, autolink
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"  # entity
    r"|[\"\u201c\u201d]"  # quotation marks
    r"|\{[:#.]"  # attribute list
    r"|(?:https?://|www\.)[^\s<>()\[\]]*"  # bare URL (magiclink)
)
_HTML_TAG = re.compile(
    r"<(?:"
    r"!--.*?--"
    r"|[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*"  # autolink
    r"|[^\s@<>]+@[^\s@<>]+"  # email autolink
    r"|/[A-Za-z][A-Za-z0-9-]*\s*"
    r"|([A-Za-z][A-Za-z0-9-]*)(?:\s+[^<>]*?)?(/?)"
    r")>",
    re.DOTALL,
)
# Elements whose content is not running text to link: code, links, scripts.
_OPAQUE_ELEMENTS = frozenset(
    "a abbr code kbd math pre samp script style svg textarea var".split()
)
_LINK_TAIL = re.compile(
    r"\(\s*(<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"  # destination
    r"(?:\s+(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)",  # title
    re.DOTALL,
)
_ATTRIBUTE_LIST = re.compile(r"\{[:#.][^}\n]{0,200}\}")
_BACKTICKS = re.compile(r"`+")


_BRACKET_SYNTAX = re.compile(r"\\.|[\[\]]", re.DOTALL)


def _bracket_pairs(text: str, start: int, end: int) -> dict[int, int]:
    """Each `[` in text[start:end] -> the unescaped `]` that closes it.

    One pass with a stack, so a paragraph full of unmatched brackets stays
    linear. Code spans are not looked at: the pairs then depend only on the
    brackets, and adding a link (a balanced pair) leaves all others as they were.
    """
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for token in _BRACKET_SYNTAX.finditer(text, start, end):
        if token.group() == "[":
            opened.append(token.start())
        elif token.group() == "]" and opened:
            pairs[opened.pop()] = token.start()
    return pairs


def _closing_backticks(text: str, start: int, end: int, run: int) -> int | None:
    """The end of the backtick run of exactly `run` closing a code span, or None."""
    found = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(text, start, end)
    return found.end() if found else None


def _glossary_slug(destination: str, glossary_url: str) -> str | None:
    destination = destination[1:-1] if destination.startswith("<") else destination
    page, _, anchor = destination.partition("#")
    return anchor if page == glossary_url and anchor else None


def _scan_inline(
    text: str, start: int, end: int, glossary_url: str
) -> tuple[list[tuple[int, int, bool]], list[_Link]]:
    """Plain stretches of a region (start, end, is_quoted) and the links in it."""
    plain: list[tuple[int, int, bool]] = []
    links: list[_Link] = []
    is_quoted = False
    pairs: dict[int, int] | None = None  # worked out for the whole region at its first bracket
    position = start
    while True:
        token = _INLINE.search(text, position, end)
        stop = token.start() if token else end
        if stop > position:
            plain.append((position, stop, is_quoted))
        if token is None:
            return plain, links
        kind = token.group()
        after = token.end()
        if kind[0] in "\"\u201c\u201d" or kind == '\\"':
            is_quoted = (not is_quoted and kind[-1] in _OPENING) or (is_quoted and kind[-1] not in _CLOSING)
        elif kind[0] == "`":
            after = _closing_backticks(text, after, end, len(kind)) or after
        elif kind.endswith("["):
            pairs = _bracket_pairs(text, start, end) if pairs is None else pairs
            after, link = _scan_bracket(text, token.start(), token.end() - 1, end, pairs, glossary_url)
            if link is not None:
                links.append(link)
        elif kind == "<":
            after = _scan_html(text, token.start(), end)
        elif kind[0] == "{":
            attributes = _ATTRIBUTE_LIST.match(text, token.start(), end)
            after = attributes.end() if attributes else after
        position = after


def _scan_bracket(
    text: str, start: int, bracket: int, end: int, pairs: dict[int, int], glossary_url: str
) -> tuple[int, _Link | None]:
    """Where a `[`-construct ends, and the link when it is an inline link."""
    closing = pairs.get(bracket)
    if closing is None:
        return bracket + 1, None
    tail = _LINK_TAIL.match(text, closing + 1, end)
    if tail is None:
        reference = pairs.get(closing + 1)  # [text][reference]
        return (reference + 1 if reference is not None else closing + 1), None
    is_image = start != bracket
    slug = None if is_image else _glossary_slug(tail.group(1), glossary_url)
    return tail.end(), _Link(start, tail.end(), bracket + 1, closing, slug)


def _scan_html(text: str, start: int, end: int) -> int:
    """Where an inline HTML tag, comment or autolink starting at `start` ends.

    The content of a span or an emphasis is text like any other; the content
    of a link or code element is skipped with it.
    """
    tag = _HTML_TAG.match(text, start, end)
    if tag is None:
        return start + 1
    name, self_closing = tag.group(1), tag.group(2)
    if not name or self_closing or name.lower() not in _OPAQUE_ELEMENTS:
        return tag.end()
    closing = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(text, tag.end(), end)
    return closing.end() if closing else tag.end()


# --------------------------------------------------------------------------- links


def _unlink(markdown: str, glossary_url: str) -> tuple[str, list[str]]:
    """The body with every glossary link replaced by its text, and the slugs they named.

    A link inside another one's text comes out when the outer one is gone,
    so this repeats until no glossary link is left.
    """
    slugs: list[str] = []
    while True:
        markdown, found = _unlink_once(markdown, glossary_url)
        if not found:
            return markdown, slugs
        slugs += found


def _unlink_once(markdown: str, glossary_url: str) -> tuple[str, list[str]]:
    pieces: list[str] = []
    slugs: list[str] = []
    position = 0
    for region in _regions(markdown):
        for link in _scan_inline(markdown, region.start, region.end, glossary_url)[1]:
            if link.slug is None:
                continue
            pieces.append(markdown[position : link.start])
            pieces.append(markdown[link.text_start : link.text_end])
            slugs.append(link.slug)
            position = link.end
    pieces.append(markdown[position:])
    return "".join(pieces), slugs


def linked_slugs(markdown: str, glossary_url: str) -> tuple[str, ...]:
    """The slugs of the glossary links in a brief body, in order of first link, each once.

    A glossary link is an inline link whose URL is `glossary_url#slug`.
    """
    return tuple(dict.fromkeys(_unlink(markdown, glossary_url)[1]))


def _link_title(definition: str) -> str:
    """The definition as a link title that Markdown keeps as written (quotes included)."""
    return '"' + "".join(_TITLE_ENTITIES.get(char, char) for char in definition) + '"'


# Entities keep a title from closing early or from changing how the text
# around the link is read: no quotes, escapes, code, tags, brackets or braces.
_TITLE_ENTITIES = {
    "&": "&amp;", '"': "&quot;", "\\": "&#92;", "`": "&#96;", "<": "&lt;", ">": "&gt;",
    "[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;",
}


def _is_linkable_at(text: str, match: _Match) -> bool:
    # `!` before `[` would make an image, a backslash would escape the bracket,
    # and `]` would turn `[x][NATO]` into a reference link.
    return match.start == 0 or text[match.start - 1] not in "!\\]"


def _first_links(plain: str, glossary: CompiledGlossary, glossary_url: str) -> list[_Match]:
    matches = (
        match
        for region in _regions(plain)
        if region.is_linkable
        for start, end, is_quoted in _scan_inline(plain, region.start, region.end, glossary_url)[0]
        if not is_quoted
        for match in _find_matches(plain, start, end, glossary)
        if _is_linkable_at(plain, match)
    )
    return _first_per_term(matches)


def link_markdown(markdown: str, terms: tuple[GlossaryTerm, ...], glossary_url: str) -> str:
    """A brief body with exactly the right glossary links: the first occurrence of each term.

    `glossary_url` is the glossary page relative to the brief ("../glossary.md");
    links are `[NATO](glossary.md#nato "definition")`. Existing glossary links
    (any link to `glossary_url#...`) are removed first, so links to terms that
    no longer exist go back to plain text, titles follow the definitions, and
    running it twice changes nothing. Every other byte is kept as it is.
    """
    plain, _ = _unlink(markdown, glossary_url)
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
    plain, _ = _unlink(markdown, glossary_url)
    glossary = compile_glossary(terms)
    return Counter(
        match.slug
        for region in _regions(plain)
        if region.is_linkable
        for start, end, _quoted in _scan_inline(plain, region.start, region.end, glossary_url)[0]
        for match in _find_matches(plain, start, end, glossary)
    )


# --------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Suggestion:
    """A name that recurs across briefs and is not in the glossary yet."""

    term: str  # the most frequent spelling
    slug: str
    briefs: int  # how many briefs use it
    mentions: int  # how often, in all briefs


MIN_SUGGESTION_BRIEFS = 2
_MAX_ACRONYM_LENGTH = 8
_CONNECTORS = frozenset("of for the de du la le von van al bin".split())
# Titles in front of a name ("Deputy Foreign Minister Sergei Ryabkov") are not part of it.
_TITLES = frozenset(
    """mr mrs ms dr sir dame lord lady president vice deputy prime foreign defence defense
    interior finance minister secretary chancellor senator sen rep representative governor gov
    general gen admiral colonel col spokesman spokeswoman spokesperson chief ambassador envoy
    king queen prince princess pope former acting top senior""".split()
)
_NOT_NAMES = frozenset(
    """i a an the this that these those it its he she they we you his her their our my
    but and or so if while when as after before since because although though however
    in on at for from with by to of about over under during into than then there here
    what who which where why how yes no not all some many most more much one two three
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december mon tue wed thu fri sat sun
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_SENTENCE_END = frozenset(".!?:")
_MIN_SHOUTED_WORD = 4
_DEMONYM_ENDINGS = ("ian", "ians", "ican", "icans", "ean", "eans", "ese", "ish")
_MIN_DEMONYM = 5
_BEFORE_SENTENCE = frozenset(" \t\r\n\"'\u201c\u201d\u2018\u2019*_([-\u2014\u2013>")


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]
    separators: tuple[str, ...]
    is_sentence_initial: bool

    @property
    def text(self) -> str:
        return self.words[0] + "".join(s + w for s, w in zip(self.separators, self.words[1:]))


def _is_sentence_initial(text: str, region_start: int, position: int) -> bool:
    while position > region_start and text[position - 1] in _BEFORE_SENTENCE:
        position -= 1
    return position == region_start or text[position - 1] in _SENTENCE_END


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


def _capitalised_runs(text: str, region_start: int, start: int, end: int) -> Iterator[_Name]:
    """Maximal runs of capitalised words joined by spaces (and "of", "for", "and", ...)."""
    words = list(_WORD.finditer(text, start, end))
    index = 0
    while index < len(words):
        if not _is_capitalised(words[index].group()):
            index += 1
            continue
        last = index
        probe = index + 1
        while probe < len(words) and _joins_name(text, words[probe - 1], words[probe]):
            word = words[probe].group()
            if _is_capitalised(word):
                last = probe
            elif word not in _CONNECTORS:
                break
            probe += 1
        run = words[index : last + 1]
        yield _Name(
            tuple(w.group() for w in run),
            tuple(text[a.end() : b.start()] for a, b in zip(run, run[1:])),
            _is_sentence_initial(text, region_start, run[0].start()),
        )
        index = last + 1


def _joins_name(text: str, before: re.Match[str], after: re.Match[str]) -> bool:
    """A space between words of a name, or an initial's full stop ("Donald J. Trump")."""
    separator = text[before.end() : after.start()]
    is_initial = len(before.group()) == 1 and before.group().isupper()
    return separator == " " or (separator == ". " and is_initial)


def _trim_name(name: _Name, common_words: set[str]) -> _Name | None:
    """Drop titles and a sentence-initial common word in front; None when nothing is left."""
    words, separators = list(name.words), list(name.separators)
    is_initial = name.is_sentence_initial
    while words and (
        words[0].casefold() in _TITLES
        or words[0].casefold() in _NOT_NAMES
        or words[0].casefold() in _CONNECTORS
        # "Speaking in Geneva": a sentence-initial word joined by a connector is not a name.
        or (is_initial and (words[0].casefold() in common_words or words[1:2] and words[1] in _CONNECTORS))
    ):
        words.pop(0)
        separators = separators[1:]
        is_initial = False
    while words and (words[-1].casefold() in _TITLES or words[-1] in _CONNECTORS):
        words.pop()  # "Ohio Gov. John Kasich" leaves "Ohio Gov"
        separators = separators[:-1]
    if not words:
        return None
    return _Name(tuple(words), tuple(separators), is_initial)


def _is_acronym_word(word: str) -> bool:
    letters = sum(c.isupper() for c in word)
    return letters >= 2 and len(word) <= _MAX_ACRONYM_LENGTH and word == word.upper()


def _names_in_body(body: str, common_words: set[str]) -> Iterator[_Name]:
    """Candidate names in a body's paragraphs and list items, quotations included.

    The acronyms inside a longer name count on their own as well.
    """
    for region in _regions(body):
        if not region.is_linkable:
            continue
        for start, end, _quoted in _scan_inline(body, region.start, region.end, "")[0]:
            for run in _capitalised_runs(body, region.start, start, end):
                name = _trim_name(run, common_words)
                if name is None:
                    continue
                yield name
                if len(name.words) > 1:
                    yield from (_Name((w,), (), False) for w in name.words if _is_acronym_word(w))


def _lowercase_words(bodies: list[str]) -> set[str]:
    return {w.group() for body in bodies for w in _WORD.finditer(body) if w.group().islower()}


def _is_candidate(name: _Name, established: set[str], common_words: set[str]) -> bool:
    word = name.words[0]
    folded = word.casefold()
    if len(name.words) > 1:
        return True
    if _is_acronym_word(word):
        # Capitals for emphasis or a heading ("TEXT"), not an acronym; short ones (WHO) stay.
        return len(word) < _MIN_SHOUTED_WORD or folded not in common_words
    if folded in _NOT_NAMES or folded in _TITLES or folded in common_words or len(word) < 2:
        return False
    if folded.endswith(_DEMONYM_ENDINGS) and len(word) > _MIN_DEMONYM:
        return False  # American, Chinese, Russians: they go with the country's entry
    # A lone capitalised word is a name when it is capitalised mid-sentence somewhere.
    return not name.is_sentence_initial or word in established


def _is_excluded(name: _Name, glossary: CompiledGlossary | None, excluded: list[tuple[str, ...]]) -> bool:
    folded = tuple(w.casefold() for w in name.words)
    for words in excluded:
        size = len(words)
        if any(folded[i : i + size] == words for i in range(len(folded) - size + 1)):
            return True
    if glossary is None:
        return False
    # Left out when glossary terms cover every capitalised word ("Democrats and Republicans").
    text = name.text
    rest, position, is_covered = [], 0, False
    for match in _find_matches(text, 0, len(text), glossary):
        rest.append(text[position : match.start])
        position, is_covered = match.end, True
    rest.append(text[position:])
    return is_covered and not any(_is_capitalised(w) for w in _WORD.findall(" ".join(rest)))


def suggest_terms(
    bodies: list[str],
    terms: tuple[GlossaryTerm, ...],
    exclude_names: set[str],
    min_briefs: int = MIN_SUGGESTION_BRIEFS,
) -> list[Suggestion]:
    """Names that recur across brief bodies and are not glossary terms, most used first.

    Candidates are acronyms ("OSCE"), runs of capitalised words ("Black Sea
    Fleet") and single capitalised words met mid-sentence ("Geneva"); a
    sentence-initial common word ("While", "Speaking") or a title
    ("President") in front is dropped. `exclude_names` are people (speakers
    and their aliases): any candidate containing one is left out. Ranked by
    the number of briefs using it, then mentions, then name.
    """
    glossary = compile_glossary(terms) if terms else None
    excluded = [tuple(w.casefold() for w in _WORD.findall(n)) for n in exclude_names]
    excluded = [words for words in excluded if words]
    common_words = _lowercase_words(bodies)
    per_body = [list(_names_in_body(body, common_words)) for body in bodies]
    established = {n.words[0] for names in per_body for n in names if not n.is_sentence_initial}
    briefs: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for names in per_body:
        seen = set()
        for name in names:
            if not _is_candidate(name, established, common_words):
                continue
            if _is_excluded(name, glossary, excluded):
                continue
            key = name.text.casefold()
            spellings.setdefault(key, Counter())[name.text] += 1
            mentions[key] += 1
            seen.add(key)
        briefs.update(seen)
    ranked = sorted(
        (key for key in briefs if briefs[key] >= min_briefs),
        key=lambda key: (-briefs[key], -mentions[key], key),
    )
    return [
        Suggestion(spellings[key].most_common(1)[0][0], slugify(key), briefs[key], mentions[key])
        for key in ranked
    ]


SUGGESTION_DEFINITION = "TODO: one-line definition"


def _yaml_scalar(value: str) -> str:
    return yaml.safe_dump([value], allow_unicode=True, width=10_000)[2:].rstrip("\n")


def format_suggestions_yaml(suggestions: list[Suggestion]) -> str:
    """Suggestions as glossary.yml entries, ready to paste under `terms:` (definitions to write)."""
    if not suggestions:
        return "# No new terms: nothing recurs across briefs that the glossary lacks.\n"
    lines = [
        "# Candidate terms, most used first: paste under `terms:` in site_config/glossary.yml,",
        "# write each definition and delete the ones that are not worth a glossary entry.",
    ]
    for suggestion in suggestions:
        lines += [
            f"  - term: {_yaml_scalar(suggestion.term)}  "
            f"# {suggestion.briefs} briefs, {suggestion.mentions} mentions",
            f"    definition: {_yaml_scalar(SUGGESTION_DEFINITION)}",
        ]
    return "\n".join(lines) + "\n"
