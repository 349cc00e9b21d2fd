"""Plain dataclasses passed between the pipeline stages.

Every span is a pair of `str` offsets into `Article.text`: the article as
ingested (decoded, repaired, NFC), before any cleaning. Cleaning never edits
that text; it only chooses which paragraphs belong to the body, so any quote,
summary sentence or glossary hit can be traced back to the source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    text: str  # as ingested; every offset in the pipeline indexes this
    title: str
    paragraphs: tuple[Paragraph, ...]  # the body: headline, bylines and boilerplate left out
    published: dt.date | None = None
    byline: str | None = None
    stated_reading_time: int | None = None  # "3-min read" when the source gives one
    source_url: str | None = None  # where the original was published, when the source says
    publisher: str | None = None  # the site that published it ("apnews.com")

    def paragraph_text(self, paragraph: Paragraph) -> str:
        return self.text[paragraph.start : paragraph.end]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into Article.paragraphs
    text: str  # Article.text[start:end]


class QuoteKind(str, Enum):
    DIRECT = "direct"  # the whole content is inside quotation marks
    MIXED = "mixed"  # reported speech carrying a quoted fragment
    INDIRECT = "indirect"  # reported speech with no quotation marks


@dataclass(frozen=True)
class Quote:
    start: int  # the content span: offsets into Article.text
    end: int
    kind: QuoteKind
    text: str
    cue: str | None = None  # "said", "warned", "according to"
    speaker: str | None = None  # canonical name; None when unattributed
    role: str | None = None
    # A quote split around its cue ('"A," he said, "B."') keeps each part.
    fragments: tuple[tuple[int, int], ...] = ()
    # How sure the attribution is, 0-1; below the publishing threshold `speaker` is None.
    confidence: float = 0.0

    @property
    def is_unattributed(self) -> bool:
        return self.speaker is None


class SpeakerType(str, Enum):
    PERSON = "person"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class Speaker:
    name: str  # canonical, one per person per brief
    role: str | None = None
    aliases: tuple[str, ...] = ()
    quotes: int = 0  # direct quotes attributed to the speaker
    reported: int = 0  # reported statements: mixed and indirect
    type: SpeakerType = SpeakerType.PERSON

    @property
    def is_organisation(self) -> bool:
        return self.type is SpeakerType.ORGANISATION

    @property
    def statements(self) -> int:
        """Everything attributed to the speaker, direct and reported."""
        return self.quotes + self.reported


@dataclass(frozen=True)
class Attributions:
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()


@dataclass(frozen=True)
class KeyQuote:
    """A direct quote chosen for the brief: the speaker's own words only, as a reader sees them."""

    quote: Quote
    words: str  # the fragments joined, no narration between them, ending as a sentence


@dataclass(frozen=True)
class GlossaryTerm:
    slug: str
    term: str  # display name
    definition: str  # one line: the tooltip
    description: str = ""
    aliases: tuple[str, ...] = ()  # other names and abbreviations
    forms: tuple[str, ...] = ()  # extra inflections given by hand ("sanctions")
    case_sensitive: bool = False
    see_also: tuple[str, ...] = ()  # slugs
    link: str | None = None
    line: int = 0  # where the term starts in glossary.yml, for messages
    near: tuple[str, ...] = ()  # words one of which must stand close to a match
    not_near: tuple[str, ...] = ()  # words none of which may stand close to a match


@dataclass(frozen=True)
class TermHit:
    slug: str
    start: int
    end: int
    surface: str  # the words as they stand in the text


@dataclass(frozen=True)
class Person:
    """An entry of site_config/people.yml: overrides what the article says."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    description: str = ""
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Brief:
    slug: str
    title: str
    date: dt.date | None
    source: str
    reading_time: int
    article: Article
    sentences: tuple[Sentence, ...]
    summary: tuple[int, ...]  # sentence indices, in article order
    attributions: Attributions
    terms: tuple[TermHit, ...]
    tags: tuple[str, ...] = field(default_factory=tuple)
    section: str | None = None  # one of the settings' sections; None when unsure
    key_quotes: tuple[KeyQuote, ...] = ()  # chosen by the quotes stage; render only formats them

    @property
    def summary_sentences(self) -> tuple[Sentence, ...]:
        return tuple(self.sentences[i] for i in self.summary)
