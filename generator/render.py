"""Brief -> Markdown with YAML front matter.

Article text is data, never markup: everything Markdown, HTML or YAML would
interpret is escaped, so what the article says is what the reader sees and
nothing in it runs in a browser. The output is plain Markdown (plus one
`<span>` per attributed quote) that reads well in any editor and on GitHub.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass

import yaml

from generator import __version__, glossary, ingest
from generator.config import SiteConfig
from generator.model import Brief, Quote, QuoteKind, Speaker
from generator.slugs import slugify

GLOSSARY_URL = "glossary.md"
PEOPLE_DIR = "people"
QUOTE_CLASS = "nb-quote"
FRONT_MATTER_FENCE = "---\n"

# Characters Python-Markdown (with the extensions in mkdocs.yml) treats as
# markup anywhere in a line. "<" and "&" become entities instead, because
# Markdown has no backslash escape for raw HTML.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}|])")
# Markup that only counts at the start of a line: headings, lists, block
# quotes, rules, admonitions, fences, numbered lists ("1984. A year").
_LINE_START_SPECIAL = re.compile(r"^(?:[#>+=!?:~-]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """One line of article text -> Markdown that displays exactly that text."""
    return _escape_line_start(_escape_inline(" ".join(text.split())))


def _escape_inline(text: str) -> str:
    return _INLINE_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


def _escape_line_start(line: str) -> str:
    match = _LINE_START_SPECIAL.match(line)
    if match:
        return line[: match.end() - 1] + "\\" + line[match.end() - 1 :]
    return line


def body_digest(body: str) -> str:
    """The hash that tells a generated body from one edited by hand."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def person_path(name: str) -> str:
    """Where a speaker's page lives, relative to the docs root."""
    return f"{PEOPLE_DIR}/{slugify(name) or 'unnamed'}.md"


def format_date(date: dt.date) -> str:
    """12 January 2022: unambiguous for readers everywhere."""
    return f"{date.day} {date:%B %Y}"


@dataclass(frozen=True)
class RenderedBrief:
    slug: str
    front_matter: dict
    body: str

    @property
    def text(self) -> str:
        return join_brief(self.front_matter, self.body)


class _FrontMatterDumper(yaml.SafeDumper):
    """Short lists and small mappings on one line, long text as a block list: easy to edit."""


def _represent_list(dumper: yaml.SafeDumper, items: list) -> yaml.Node:
    short = all(isinstance(i, (str, int)) and len(str(i)) <= SHORT_ITEM for i in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=short)


def _represent_dict(dumper: yaml.SafeDumper, mapping: dict) -> yaml.Node:
    flat = all(not isinstance(v, (dict, list)) for v in mapping.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", mapping.items(), flow_style=flat)


class _TopLevel(dict):
    """The front matter itself: always one key per line."""


def _represent_top_level(dumper: yaml.SafeDumper, mapping: dict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", mapping.items(), flow_style=False)


_FrontMatterDumper.add_representer(list, _represent_list)
_FrontMatterDumper.add_representer(dict, _represent_dict)
_FrontMatterDumper.add_representer(_TopLevel, _represent_top_level)
SHORT_ITEM = 40


def join_brief(front_matter: dict, body: str) -> str:
    """Front matter and body as one file; the body is everything after the closing fence."""
    header = yaml.dump(_TopLevel(front_matter), Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True, width=10_000)
    return f"{FRONT_MATTER_FENCE}{header}{FRONT_MATTER_FENCE}{body}"


def render_brief(brief: Brief, config: SiteConfig, input_digest: str | None = None) -> RenderedBrief:
    """The brief's Markdown: body first, then the front matter that describes it.
    `input_digest` identifies the article and settings it came from, so an unchanged
    input can be skipped next time without running the pipeline."""
    body = glossary.link_markdown(_render_body(brief, config), config.glossary, GLOSSARY_URL)
    front_matter = {
        "title": brief.title,
        "date": brief.date,
        "source": brief.source,
        "reading_time": brief.reading_time,
        "summary": [_plain(s.text) for s in brief.summary_sentences],
        "speakers": [{"name": s.name, "role": s.role} for s in _people_quoted(brief)],
        "tags": list(brief.tags),
        "glossary": list(glossary.linked_slugs(body, GLOSSARY_URL)),
        "generator": {"version": __version__, "digest": body_digest(body), "input": input_digest},
    }
    return RenderedBrief(brief.slug, front_matter, body)


def _plain(text: str) -> str:
    return ingest.repair_doubled_words(" ".join(text.split()))


def _people_quoted(brief: Brief) -> list[Speaker]:
    """People (not organisations) with at least one statement, most quoted first."""
    people = [s for s in brief.attributions.speakers if s.statements > 0 and not s.is_organisation]
    return sorted(people, key=lambda s: -s.statements)


def _render_body(brief: Brief, config: SiteConfig) -> str:
    parts = [f"# {escape_markdown(brief.title)}", _render_byline(brief), _render_summary(brief)]
    if sidebar := _render_sidebar(brief):
        parts.append(sidebar)
    if key := _render_key_quotes(brief, config.key_quotes):
        parts.append(key)
    parts.append("## The article")
    parts.extend(_render_paragraphs(brief))
    return "\n\n".join(parts) + "\n"


def _render_byline(brief: Brief) -> str:
    bits = [format_date(brief.date)] if brief.date else []
    if brief.article.byline:
        bits.append(f"by {escape_markdown(brief.article.byline)}")
    bits.append(f"{brief.reading_time} min read")
    return " · ".join(bits)


def _render_summary(brief: Brief) -> str:
    lines = ['!!! abstract "Summary"', ""]
    lines += [f"    - {escape_markdown(_plain(s.text))}" for s in brief.summary_sentences]
    return "\n".join(lines)


def _render_sidebar(brief: Brief) -> str | None:
    """Material's inline admonition: who is quoted, their role, how often."""
    speakers = _people_quoted(brief)
    if not speakers:
        return None
    lines = ['!!! quote inline end "Who said what"', ""]
    for speaker in speakers:
        role = f", {escape_markdown(speaker.role)}" if speaker.role else ""
        count = f"{speaker.statements} quote" + ("" if speaker.statements == 1 else "s")
        lines.append(f"    - **{_speaker_link(speaker.name)}**{role} ({count})")
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


def _quote_spans(brief: Brief) -> list[tuple[int, int, Quote]]:
    """Attributed direct and mixed quotes, as (start, end) pieces that never cross a paragraph."""
    pieces = []
    for quote in brief.attributions.quotes:
        if quote.speaker is None or quote.kind is QuoteKind.INDIRECT:
            continue
        for start, end in quote.fragments or ((quote.start, quote.end),):
            pieces.append((start, end, quote))
    return sorted(pieces, key=lambda piece: piece[0])


def _render_paragraphs(brief: Brief) -> list[str]:
    """The cleaned article, with each attributed quote in a span naming its speaker."""
    text = brief.article.text
    pieces = _quote_spans(brief)
    rendered = []
    for paragraph in brief.article.paragraphs:
        out, cursor = [], paragraph.start
        for start, end, quote in pieces:
            start, end = max(start, cursor), min(end, paragraph.end)
            if start >= end:
                continue
            out.append(_escape_piece(text[cursor:start]))
            speaker = html.escape(quote.speaker or "", quote=True)
            inner = _escape_piece(text[start:end])
            out.append(f'<span class="{QUOTE_CLASS}" data-speaker="{speaker}" title="{speaker}">{inner}</span>')
            cursor = end
        out.append(_escape_piece(text[cursor : paragraph.end]))
        line = " ".join("".join(out).split())
        rendered.append(_escape_line_start(line))
    return rendered


def _escape_piece(text: str) -> str:
    """Escape part of a line, keeping one space where the part had space at its edges."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + _escape_inline(_plain(text)) + trail
