"""Brief -> Markdown with YAML front matter.

Article text is data, never markup: everything Markdown, HTML or YAML would
interpret is escaped, so what the article says is what the reader sees and
nothing in it runs in a browser. The output is plain Markdown (plus one
`<span>` per attributed statement and one around each summary sentence, which its
bullet links to) that reads well in any editor and on GitHub.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator import __version__, brief_file, glossary
from generator.config import SiteConfig
from generator.escaping import (
    escape_inline,
    escape_line_start,
    escape_markdown,
    front_matter_text,
    markdown_html_attribute,
    safe_link_target,
    tooltip_attribute,
)
from generator.model import Brief, Quote, QuoteKind, Speaker
from generator.site_layout import UNINDEXED_ATTRIBUTES
from generator.slugs import slugify

GLOSSARY_URL = brief_file.GLOSSARY_URL
PEOPLE_DIR = "people"
QUOTE_CLASS = "nb-quote"
# Each summary bullet links to its sentence in the article, wrapped in a span of this class.
EVIDENCE_CLASS = "nb-evidence"


def person_path(name: str) -> str:
    """Where a speaker's page lives, relative to the docs root."""
    return f"{PEOPLE_DIR}/{slugify(name) or 'unnamed'}.md"


def format_date(date: dt.date) -> str:
    """12 January 2022: unambiguous for readers everywhere."""
    return f"{date.day} {date:%B %Y}"


# A quote cut before its cue ends in a comma ('..., which is bad,"'), inside or outside its mark.
_ENDS_IN_COMMA = re.compile(r",(\s*[\"\u201d\u2019']?)\s*$")


def end_as_sentence(quoted: str) -> str:
    """A quote that ended in a comma before its cue ('"... is bad," he said') ends as a sentence."""
    return _ENDS_IN_COMMA.sub(r".\1", quoted)


def render_brief(brief: Brief, config: SiteConfig, input_digest: str | None = None, added: dt.date | None = None) -> brief_file.BriefFile:
    """The brief as a file named <slug>.md: body first, then the front matter that describes it.
    `input_digest` identifies the article and settings it came from, so an unchanged input can
    be skipped next time without running the pipeline; `added` is the day the brief was first
    generated (kept across regenerations, never shown as the publication date)."""
    body = glossary.link_markdown(_render_body(brief, config, added), config.glossary, GLOSSARY_URL)
    front_matter = brief_file.FrontMatter(
        title=front_matter_text(brief.title),
        date=brief.date,
        added=added,
        source=brief.source,
        reading_time=brief.reading_time,
        summary=tuple(_plain(s.text) for s in brief.summary_sentences),
        speakers=tuple(_speaker_entry(s, counts) for s, counts in _people_quoted(brief)),
        section=brief.section,
        tags=tuple(front_matter_text(t) for t in brief.tags),
        glossary=brief_file.linked_terms(body),
        generator=brief_file.GeneratorStamp(version=__version__, digest="", input=input_digest),
    )
    return brief_file.generated(Path(f"{brief.slug}.md"), front_matter, body)


def _speaker_entry(speaker: Speaker, counts: StatementCounts) -> brief_file.SpeakerEntry:
    role = front_matter_text(speaker.role) if speaker.role else None
    return brief_file.SpeakerEntry(front_matter_text(speaker.name), role, speaker.type.value, counts.quotes, counts.reported)


def _plain(text: str) -> str:
    # Imported here: ingest loads the HTML extractors, which the site build (it imports this
    # module for page paths and dates) never needs, and would pay for at every start.
    from generator import ingest

    return ingest.repair_doubled_words(" ".join(text.split()))


@dataclass(frozen=True)
class StatementCounts:
    """How many statements of one speaker the brief marks: direct quotes, and reported
    speech (indirect, or mixed: reported with a quoted fragment) apart."""

    quotes: int = 0
    reported: int = 0


def _people_quoted(brief: Brief) -> list[tuple[Speaker, StatementCounts]]:
    """People with at least one statement marked in the article text, most quoted first.
    The counts are those of the marked spans, so the sidebar, the front matter and the
    person pages (which read the spans) agree."""
    speakers = {s.name: s for s in brief.attributions.speakers}
    counted: dict[str, StatementCounts] = {}
    for quote in dict.fromkeys(piece.quote for piece in _quote_spans(brief)):
        counts = counted.get(quote.speaker, StatementCounts())
        if quote.kind is QuoteKind.DIRECT:
            counted[quote.speaker] = StatementCounts(counts.quotes + 1, counts.reported)
        else:
            counted[quote.speaker] = StatementCounts(counts.quotes, counts.reported + 1)
    ranked = sorted(counted.items(), key=lambda item: (-item[1].quotes, -item[1].reported))
    return [(speakers[name], counts) for name, counts in ranked]


def statement_label(quotes: int, reported: int) -> str:
    """'3 quotes, 2 reported': direct quotes and reported statements, each only when there are any."""
    parts = [f"{quotes} quote" + ("" if quotes == 1 else "s")] if quotes else []
    if reported:
        parts.append(f"{reported} reported")
    return ", ".join(parts)


def _render_body(brief: Brief, config: SiteConfig, added: dt.date | None) -> str:
    parts = [f"# {escape_markdown(brief.title)}", _render_byline(brief, added), _render_summary(brief)]
    if sidebar := _render_sidebar(brief):
        parts.append(sidebar)
    if key := _render_key_quotes(brief, config.key_quotes):
        parts.append(key)
    parts.append("## The article")
    parts.extend(_render_paragraphs(brief))
    return "\n\n".join(parts) + "\n"


def _render_byline(brief: Brief, added: dt.date | None) -> str:
    """Publication date (only when known), byline, reading time, and when the brief was added:
    labelled, so the day it was generated never reads as the day it was published."""
    bits = [format_date(brief.date)] if brief.date else []
    if brief.article.byline:
        bits.append(f"by {escape_markdown(brief.article.byline)}")
    # Reading time and the day the brief was added are for the reader of the page, not
    # words to search by: both search engines skip the span (Material: data-search-exclude,
    # Pagefind: data-pagefind-ignore), so results show the byline and summary instead.
    unindexed = [f"{brief.reading_time} min read"] + ([f"added {format_date(added)}"] if added else [])
    bits.append(f"<span {UNINDEXED_ATTRIBUTES}>{' · '.join(unindexed)}</span>")
    if original := _render_original_link(brief):
        bits.append(original)
    return " · ".join(bits)


def _render_original_link(brief: Brief) -> str | None:
    """'Read the original at [apnews.com](https://...)' when the source names its page."""
    url, publisher = brief.article.source_url, brief.article.publisher
    href = safe_link_target(url) if url else None
    if href is None:
        return None
    return f"Read the original at [{escape_markdown(publisher or url)}]({href})"


def _render_summary(brief: Brief) -> str:
    """The bullets, each with a link to where the article says it (see _evidence_spans)."""
    _, targets = _evidence_spans(brief)
    lines = ['!!! abstract "Summary"', ""]
    for sentence, target in zip(brief.summary_sentences, targets):
        lines.append(f'    - {escape_markdown(_plain(sentence.text))} [in the article](#{target} "Where the article says this")')
    return "\n".join(lines)


def _render_sidebar(brief: Brief) -> str | None:
    """Material's inline admonition: who is quoted, their role, how often (quoted and reported apart)."""
    speakers = _people_quoted(brief)
    if not speakers:
        return None
    lines = ['!!! quote inline end "Who said what"', ""]
    for speaker, counts in speakers:
        role = f", {escape_markdown(speaker.role)}" if speaker.role else ""
        lines.append(f"    - **{_speaker_link(speaker.name)}**{role} ({statement_label(counts.quotes, counts.reported)})")
    return "\n".join(lines)


def _speaker_link(name: str) -> str:
    return f"[{escape_markdown(name)}]({person_path(name)})"


def _render_key_quotes(brief: Brief, count: int) -> str | None:
    if not brief.key_quotes:
        return None
    roles = {s.name: s.role for s in brief.attributions.speakers}
    blocks = ["## Key quotes"]
    for key in brief.key_quotes[:count]:
        text = escape_markdown(_plain(key.words))
        role = roles.get(key.quote.speaker)
        who = _speaker_link(key.quote.speaker) + (f", {escape_markdown(role)}" if role else "")
        blocks.append(f"> {text}\n>\n> — {who}")
    return "\n\n".join(blocks)


@dataclass(frozen=True)
class _QuotePiece:
    """The part of one attributed statement that lies in one paragraph: one span in the text."""

    start: int
    end: int
    quote: Quote
    part: int  # 1 for a statement's first span; a quote split by its cue or a paragraph goes on in 2, 3...


# When statements overlap (reported speech that contains another), the direct quote is marked.
_KIND_PRIORITY = {QuoteKind.DIRECT: 0, QuoteKind.MIXED: 1, QuoteKind.INDIRECT: 2}


def _quote_spans(brief: Brief) -> list[_QuotePiece]:
    """Every statement attributed to a person, as pieces inside the body's paragraphs, in text
    order. Overlapping statements are never cut: the one marked is the most direct, then the
    first; the other is left out whole, and so is one with no words in the body."""
    people = {s.name for s in brief.attributions.speakers if not s.is_organisation}
    statements = [q for q in brief.attributions.quotes if q.speaker in people]
    taken: list[tuple[int, int]] = []
    pieces = []
    for quote in sorted(statements, key=lambda q: (_KIND_PRIORITY[q.kind], q.start)):
        ranges = _ranges_in_body(brief, quote)
        if not ranges or any(start < end_ and start_ < end for start, end in ranges for start_, end_ in taken):
            continue
        taken.extend(ranges)
        pieces += [_QuotePiece(start, end, quote, part) for part, (start, end) in enumerate(ranges, start=1)]
    return sorted(pieces, key=lambda piece: piece.start)


def _ranges_in_body(brief: Brief, quote: Quote) -> list[tuple[int, int]]:
    """A statement's (start, end) ranges cut at paragraph ends, blank ones left out."""
    text = brief.article.text
    ranges = []
    for start, end in quote.fragments or ((quote.start, quote.end),):
        for paragraph in brief.article.paragraphs:
            low, high = max(start, paragraph.start), min(end, paragraph.end)
            if low < high and text[low:high].strip():
                ranges.append((low, high))
    return ranges


def _evidence_spans(brief: Brief) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Where each summary sentence stands in the article, as (start, end, anchor id) spans, and
    the anchor each bullet links to. A span widens to whole quotes so the quote spans nest in it;
    summary sentences that one quote joins share one span."""
    pieces = _quote_spans(brief)
    spans: list[tuple[int, int, str]] = []
    targets = []
    for number, sentence in enumerate(brief.summary_sentences, 1):
        start, end = sentence.start, sentence.end
        for piece in pieces:
            if piece.start < end and piece.end > start:
                start, end = min(start, piece.start), max(end, piece.end)
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]), spans[-1][2])
        else:
            spans.append((start, end, f"evidence-{number}"))
        targets.append(spans[-1][2])
    return spans, targets


def _render_paragraphs(brief: Brief) -> list[str]:
    """The cleaned article: each attributed statement in a span naming its speaker and its kind
    (direct, mixed or indirect), so the sidebar counts and the person pages read the same marks;
    each summary sentence in a span the summary links to."""
    text = brief.article.text
    pieces = _quote_spans(brief)
    evidence, _ = _evidence_spans(brief)
    rendered = []
    for paragraph in brief.article.paragraphs:
        out, cursor = [], paragraph.start
        for start, end, anchor in evidence:
            if start >= paragraph.end or end <= paragraph.start:
                continue
            out.append(_render_quotes_in(text, cursor, start, pieces))
            inner = _render_quotes_in(text, start, end, pieces)
            out.append(f'<span class="{EVIDENCE_CLASS}" id="{anchor}">{inner}</span>')
            cursor = end
        out.append(_render_quotes_in(text, cursor, paragraph.end, pieces))
        line = " ".join("".join(out).split())
        rendered.append(escape_line_start(line))
    return rendered


def _render_quotes_in(text: str, begin: int, finish: int, pieces: list[_QuotePiece]) -> str:
    """text[begin:finish], escaped, with each statement piece in it in a span naming its speaker."""
    out, cursor = [], begin
    for piece in pieces:
        start, end = max(piece.start, cursor), min(piece.end, finish)
        if start >= end:
            continue
        out.append(_escape_piece(text[cursor:start]))
        out.append(_quote_span(piece, _escape_piece(text[start:end])))
        cursor = end
    out.append(_escape_piece(text[cursor:finish]))
    return "".join(out)


def _quote_span(piece: _QuotePiece, inner: str) -> str:
    speaker = piece.quote.speaker or ""
    attributes = [
        f'class="{QUOTE_CLASS}"',
        f'data-speaker="{markdown_html_attribute(speaker)}"',
        f'data-kind="{piece.quote.kind.value}"',
    ]
    if piece.part > 1:
        attributes.append(f'data-part="{piece.part}"')
    attributes.append(f'title="{tooltip_attribute(speaker)}"')
    return f"<span {' '.join(attributes)}>{inner}</span>"


def _escape_piece(text: str) -> str:
    """Escape part of a line, keeping one space where the part had space at its edges."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + escape_inline(_plain(text)) + trail
