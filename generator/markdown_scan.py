"""Which parts of a Markdown document are running text, and where its inline links are.

One scanner for everything that reads or rewrites brief bodies (glossary
links, the glossary page, people pages): a line-by-line block scanner finds
the regions that hold inline Markdown (paragraphs, list items, blockquotes,
tables, headings; not code, HTML or front matter), and an inline scanner
splits a region into plain stretches (inside or outside double quotation
marks) and links, skipping code spans, HTML tags, autolinks, entities,
escapes and attribute lists. Both are linear in the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterator

from generator import quotation_marks

OPENING_QUOTES = frozenset(quotation_marks.OPENING)
CLOSING_QUOTES = frozenset(quotation_marks.STRAIGHT_DOUBLE + quotation_marks.CLOSING_DOUBLE)


# --------------------------------------------------------------------------- Markdown blocks


@dataclass(frozen=True)
class Region:
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
        self.regions: list[Region] = []
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
                self.regions.append(Region(start, end, is_linkable=False))
            return  # else indented code
        self.in_container = False
        if fence := _FENCE.match(line):
            mark = fence.group(1)
            self.fence = re.compile(rf" {{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
        elif _ATX_HEADING.match(line):
            self.regions.append(Region(start, end, is_linkable=False))
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
            self.regions.append(Region(self.start, self.end, self.kind in (_PARAGRAPH, _LIST)))
            self.kind = None


def regions(markdown: str) -> list[Region]:
    """The parts of a Markdown document that hold inline Markdown (not code, HTML, front matter)."""
    scanner = _BlockScanner()
    for start, line in _lines(markdown):
        scanner.feed(start, line)
    scanner.close()
    return scanner.regions


# --------------------------------------------------------------------------- Markdown inlines


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    text_start: int
    text_end: int
    slug: str | None  # set when the link points into the glossary


# Every token starts with one of a few characters: the pattern opens with them as one set, so
# a search skips other text in one step (as alternatives, each was tried at every character),
# and each alternative below checks, looking back, which one it was.
_INLINE = re.compile(
    rf"[hw\\`!\[<&{{{quotation_marks.DOUBLE}]"
    r"(?:(?<=h)ttps?://[^\s<>()\[\]]*"  # bare URL (magiclink)
    r"|(?<=w)ww\.[^\s<>()\[\]]*"
    r"|(?<=\\)[!-/:-@\[-`{-~]"  # backslash escape
    r"|(?<=`)`*"  # code span
    r"|(?<=!)\["  # image
    r"|(?<=\[)"  # link, reference, footnote
    r"|(?<=<)"  # HTML tag, comment, autolink
    r"|(?<=&)(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"  # entity
    rf"|(?<=[{quotation_marks.DOUBLE}])"  # quotation marks
    r"|(?<=\{)[:#.]"  # attribute list
    r")"
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


def scan_inline(
    text: str, start: int, end: int, glossary_url: str
) -> tuple[list[tuple[int, int, bool]], list[Link]]:
    """Plain stretches of a region (start, end, is_quoted) and the links in it."""
    plain: list[tuple[int, int, bool]] = []
    links: list[Link] = []
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
        if kind[0] in quotation_marks.DOUBLE or kind == '\\"':
            is_quoted = (not is_quoted and kind[-1] in OPENING_QUOTES) or (is_quoted and kind[-1] not in CLOSING_QUOTES)
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
) -> tuple[int, Link | None]:
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
    return tail.end(), Link(start, tail.end(), bracket + 1, closing, slug)


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


def replace_links_by_text(markdown: str) -> str:
    """A stretch of inline Markdown with every inline link replaced by its text."""
    pieces: list[str] = []
    position = 0
    for link in scan_inline(markdown, 0, len(markdown), "")[1]:
        pieces += [markdown[position : link.start], markdown[link.text_start : link.text_end]]
        position = link.end
    pieces.append(markdown[position:])
    return "".join(pieces)


_MARKDOWN_ESCAPE = re.compile(r"\\(.)")


def markdown_text(markdown: str) -> str:
    """The text escaped Markdown shows: links as their words, escapes and entities undone."""
    return html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", replace_links_by_text(markdown)))


# --------------------------------------------------------------------------- glossary links


def unlink_glossary(markdown: str, glossary_url: str) -> tuple[str, list[str]]:
    """The body with every glossary link replaced by its text, and the slugs they named.

    A link inside another one's text comes out when the outer one is gone,
    so this repeats until no glossary link is left.
    """
    slugs: list[str] = []
    while f"{glossary_url}#" in markdown:  # no other text can hold a glossary link
        markdown, found = _unlink_glossary_once(markdown, glossary_url)
        if not found:
            break
        slugs += found
    return markdown, slugs


def _unlink_glossary_once(markdown: str, glossary_url: str) -> tuple[str, list[str]]:
    pieces: list[str] = []
    slugs: list[str] = []
    position = 0
    marker = f"{glossary_url}#"
    for region in regions(markdown):
        if markdown.find(marker, region.start, region.end) == -1:
            continue  # a glossary link's destination is inside its region: most paragraphs have none
        for link in scan_inline(markdown, region.start, region.end, glossary_url)[1]:
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
    return tuple(dict.fromkeys(unlink_glossary(markdown, glossary_url)[1]))
