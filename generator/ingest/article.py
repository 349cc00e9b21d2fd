"""Decoded text -> Article: paragraphs, header block, body.

The decoded, repaired, NFC text is the article "as ingested": every later
offset indexes it. Cleaning never rewrites that text; it only decides which
paragraphs form the body (an agency dateline stays at the head of the first),
so nothing the article says is lost or altered.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import ArticleError
from generator.ingest import html_page, lines
from generator.ingest.decoding import blank_markup, check_size, decode, normalize, repair_inverted_apostrophes
from generator.model import Article, Paragraph

log = logging.getLogger(__name__)

WORDS_PER_MINUTE = 230
# How many leading paragraphs may hold the headline, dateline, byline and reading time.
MAX_HEADER_PARAGRAPHS = 6
# News paragraphs run to a few thousand characters; a far longer one is a file that lost
# its line breaks (a page dump, minified text), and the later stages slow down on it.
MAX_PARAGRAPH_CHARS = 50_000
# At most this many short paragraphs (a deck, a kicker, the headline repeated) stand above a
# dateline that opens the story.
MAX_DECK_PARAGRAPHS = 2
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)[.!?][\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9])")


@dataclass
class _Header:
    title: str | None = None
    published: dt.date | None = None
    byline: str | None = None
    reading_time: int | None = None
    source_url: str | None = None
    used: set[Paragraph] = field(default_factory=set)


def parse_article(
    raw: bytes | str,
    source: str | Path,
    title: str | None = None,
    *,
    headline_required: bool = True,
    max_mb: float | None = None,
) -> Article:
    """Decode and clean one article.

    `title` comes from the caller when known (JSONL input). A file whose first line is
    no headline gets one from its first sentence, with a warning; a JSONL record
    (`headline_required=False`) gets an empty title instead. Only a text with nothing
    to read is refused, or one over `max_mb` megabytes (the site's limit)."""
    source = str(source)
    if max_mb is not None:
        check_size(raw, source, max_mb)
    decoded = decode(raw, source) if isinstance(raw, bytes) else raw
    page = None
    if html_page.is_html(decoded, source):
        page = html_page.extract_page(decoded)
        if page is None:
            raise ArticleError(source, "a web page with no article text in it (expected a saved news article)")
        # The page's own headline usually opens its main text; otherwise it goes on line 1.
        opens_with_title = page.title and _same_title(page.text.lstrip().split("\n", 1)[0], page.title)
        decoded = f"{page.title}\n\n{page.text}" if page.title and not opens_with_title else page.text
        title = title or page.title
    text = repair_inverted_apostrophes(blank_markup(normalize(decoded)))
    # The caller's title is repaired as the text is ("PeÃ±a" -> "Peña"), so the headline line
    # that repeats it is still recognised.
    title = normalize(title) if title else title
    blocks = [b for b in _blocks(text) if lines.has_words(text[b.start : b.end])]
    if not blocks:
        raise ArticleError(source, "no usable text (no letters or digits; expected a headline on line 1, then paragraphs)")
    _check_paragraph_lengths(text, blocks, source)
    header = _read_header(text, blocks, title, strict=not headline_required)
    body = _body(text, blocks, header)
    if not body:
        if header.used and len(blocks) > len(header.used):
            raise ArticleError(source, "no article text, only page furniture (share lines, ads, bylines)")
        # A lone headline is still text worth a brief: it is the body too.
        header.title, body = None, [b for b in blocks if b not in header.used] or blocks
    if not header.title and headline_required:
        header.title = title_from_first_sentence(text[body[0].start : body[0].end])
        log.warning("%s: no headline on line 1; using the first sentence as the title", source)
    if page is not None:
        header = _with_page_metadata(header, page)
    return Article(
        text=text,
        title=header.title or "",
        paragraphs=tuple(body),
        published=header.published,
        byline=header.byline,
        stated_reading_time=header.reading_time,
        source_url=header.source_url,
        publisher=(page.site_name if page else None) or publisher_of(header.source_url),
    )


def _with_page_metadata(header: _Header, page: html_page.Page) -> _Header:
    """What the page's markup states fills what its text did not."""
    return replace(
        header,
        published=header.published or page.published,
        byline=header.byline or page.author,
        source_url=header.source_url or page.url,
    )


def _check_paragraph_lengths(text: str, blocks: list[Paragraph], source: str) -> None:
    for block in blocks:
        if block.end - block.start > MAX_PARAGRAPH_CHARS:
            line = text.count("\n", 0, block.start) + 1
            raise ArticleError(
                source,
                f"line {line} is one paragraph of {block.end - block.start:,} characters, over the "
                f"{MAX_PARAGRAPH_CHARS:,} a news paragraph can have (expected paragraphs on separate lines)",
            )


def publisher_of(url: str | None) -> str | None:
    """'https://www.apnews.com/x' -> 'apnews.com'."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def title_from_first_sentence(paragraph: str) -> str:
    """A headline for a text that has none: its first sentence, cut at a word if long."""
    flat = " ".join(paragraph.split())
    match = _SENTENCE_END.search(flat)
    sentence = flat[: match.end()] if match else flat
    if len(sentence) <= lines.MAX_HEADLINE_CHARS:
        return sentence
    cut = sentence[: lines.MAX_HEADLINE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "\u2026"


def _body(text: str, blocks: list[Paragraph], header: _Header) -> list[Paragraph]:
    """The story's paragraphs: no header lines, furniture or timestamps.

    An agency dateline ("WASHINGTON (AP) —") stays at the head of the first paragraph: it is
    the publisher's text, it says where the story was reported, and the lede opens with it."""
    skipped = header.used | _database_abstract(text, blocks)
    body = []
    for block in blocks:
        paragraph = text[block.start : block.end]
        if block in skipped or lines.is_boilerplate(paragraph) or lines.is_timestamp(paragraph):
            continue
        body.append(block)
    # Without a headline the first lines may be all there is for one: nothing is set aside as a
    # deck or a section label.
    if not header.title:
        return body
    if len(body) > 1 and lines.is_kicker(text[body[0].start : body[0].end]):
        body = body[1:]
    return _from_dateline(text, body)


def _database_abstract(text: str, blocks: list[Paragraph]) -> set[Paragraph]:
    """The abstract of a press-database export ("ABSTRACT." / summary / "FULL TEXT." / story): an
    indexer's summary, not the story, which starts after "FULL TEXT."."""
    labels = [lines.section_label(text[b.start : b.end]) for b in blocks[:MAX_HEADER_PARAGRAPHS]]
    if "abstract" not in labels or "full text" not in labels[labels.index("abstract") :]:
        return set()
    start = labels.index("abstract")
    return set(blocks[start + 1 : labels.index("full text", start)])


def _from_dateline(text: str, body: list[Paragraph]) -> list[Paragraph]:
    """The body from its dateline: an agency dateline ("CHARLOTTE —") opens the story, so the
    short lines above it are a deck or the headline repeated ("In her recording, / Keith Lamont
    Scott's wife pleads for his life."). A deck that is one whole sentence ("At Tennessee college,
    Republicans struggle over public endorsement.") is the story's standfirst: editors open a
    brief with it, so it stays as the first paragraph; a deck broken over lines does not."""
    for index, block in enumerate(body[: MAX_DECK_PARAGRAPHS + 1]):
        if lines.agency_dateline_length(text[block.start : block.end]):
            above = body[:index]
            if all(len(text[b.start : b.end].split()) <= lines.MAX_HEADLINE_WORDS for b in above):
                standfirst = above if len(above) == 1 and lines.is_standfirst(text[above[0].start : above[0].end]) else []
                return standfirst + body[index:]
            break
    return body


def _blocks(text: str) -> list[Paragraph]:
    """Paragraph spans: blank-line separated blocks; one per line when lines are not hard-wrapped."""
    blocks = []
    for number, match in enumerate(re.finditer(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*", text)):
        found = list(re.finditer(r"[^\n]+", match.group(0)))
        peeled = _header_lines(found) if number == 0 else 0
        rest = found[peeled:]
        spans = [(line.start(), line.end()) for line in found[:peeled]]
        if rest and _is_hard_wrapped([line.group(0) for line in rest]):
            spans.append((rest[0].start(), rest[-1].end()))
        else:
            spans.extend((line.start(), line.end()) for line in rest)
        for start, end in spans:
            start, end = _strip_span(text, match.start() + start, match.start() + end)
            if start < end:
                blocks.append(Paragraph(start, end))
    return blocks


def _header_lines(found: list[re.Match[str]]) -> int:
    """How many lines of the first block are a headline and header lines written without
    blank lines between them ("Headline / By Jane Doe / 3 March 2021 / 4-min read")."""
    texts = [line.group(0).strip() for line in found]
    count = 1 if len(texts) > 1 and lines.is_header_line(texts[1]) else 0
    while count and count < len(texts) and lines.is_header_line(texts[count]):
        count += 1
    return count


def _is_hard_wrapped(block_lines: list[str]) -> bool:
    """Lines broken at a fixed width (e-mail style) rather than one paragraph per line."""
    # The first line may be a headline and the last ends the paragraph: judge the middle.
    middle = block_lines[1:-1]
    if not middle:
        return False
    open_ends = sum(1 for line in middle if not re.search(r"[.!?:\"\u201d\u2019)]\s*$", line))
    return open_ends >= len(middle) / 2


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _title_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _same_title(line: str, title: str) -> bool:
    """The same headline, whatever the punctuation ("... a Lot of Money.’" and "... a Lot of Money’")."""
    return bool(_title_words(title)) and _title_words(line) == _title_words(title)


def _title_paragraphs(text: str, blocks: list[Paragraph], title: str) -> int:
    """How many leading paragraphs repeat the given headline: one, or two when the headline and
    its deck ("Jobs report gives Democrats a lift;" / "Solid upturn, ...") stand on lines of their own."""
    wanted, seen = _title_words(title), []
    for count, block in enumerate(blocks[:2], start=1):
        seen += _title_words(text[block.start : block.end])
        if seen == wanted:
            return count
        if seen != wanted[: len(seen)]:
            return 0
    return 0


def _is_subhead(text: str, blocks: list[Paragraph]) -> bool:
    """A second headline line right under the first ("Jobs report lifts Democrats; / Solid upturn ...")."""
    between = text[blocks[0].end : blocks[1].start]
    subhead = text[blocks[1].start : blocks[1].end]
    return between.count("\n") == 1 and len(blocks) > 2 and len(subhead.split()) <= lines.MAX_HEADLINE_WORDS


def _read_header(text: str, blocks: list[Paragraph], title: str | None, *, strict: bool) -> _Header:
    """Headline, dateline, byline, reading time and source link from the first few paragraphs.

    `strict` (JSONL records, which often have no headline) takes line 1 for a headline
    only when it has no closing punctuation."""
    header = _Header()
    first = text[blocks[0].start : blocks[0].end]
    if title and (repeated := _title_paragraphs(text, blocks, title)):
        header.used.update(blocks[:repeated])
    elif not title and len(blocks) > 1 and lines.is_headline(first) and not (strict and re.search(r"[.!?]\W*$", first)):
        header.used.add(blocks[0])
        title = first
        if first.rstrip().endswith(";") and _is_subhead(text, blocks):
            header.used.add(blocks[1])
            title = f"{first} {text[blocks[1].start : blocks[1].end]}"
    header.title = " ".join(title.split()) if title else None
    for block in blocks[:MAX_HEADER_PARAGRAPHS]:
        line = text[block.start : block.end]
        if block in header.used:
            continue
        if (minutes := lines.reading_time(line)) is not None:
            header.reading_time = minutes
        elif (names := lines.byline(line)) is not None:
            header.byline = names
        elif (date := lines.dateline(line)) is not None:
            header.published = date
        elif (url := lines.source_url(line)) is not None:
            header.source_url = url
        else:
            continue
        header.used.add(block)
    return header


def estimate_reading_time(words: int) -> int:
    """Minutes at an average adult reading speed, at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
