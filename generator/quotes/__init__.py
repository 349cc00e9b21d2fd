"""Article + sentences -> quotes and the people who said them.

Three passes over the body, all rules over plain text:

1. quotation marks: straight and curly, nested single quotes left inside,
   a quote running over several paragraphs (an opening mark at each
   paragraph start, the closing one only at the end);
2. direct quotes: a quotation that stands as its own sentence or is
   introduced by a cue ('he said: "..."'), with the attribution next to it
   ('"A," he said, "B."' keeps both parts as fragments of one quote);
3. reported speech: a speech, writing or cognition verb (lexicon in
   generator/data/quote_lexicon.json) with its subject and content clause,
   'according to X', 'the claim that ...', 'In a statement, ...', 'Name: ...';
   the content is "mixed" when it carries a quoted fragment, else "indirect";
   quoted words left in narration without a cue are partial ("mixed") quotes
   of the sentence's subject.

Speakers are then resolved in article order: a name to its fullest form
(generator.quotes.speakers), a pronoun to the person the text is about, a
nominal ("the spokesman") to the person with that role. Each attribution
carries a confidence from the evidence that links it (generator.quotes.resolution);
below `PUBLISH_CONFIDENCE` the statement stays in the text unattributed, and
only speakers with a published statement are listed.

Modules: quotations (the marks), cues (reporting words), direct, reported,
phrases (speaker phrases next to a cue), interview (Q&A and labelled
transcript turns), resolution, speakers (the cast of
names and aliases), roles (each person's role in the article's words), key_quotes.
"""

from __future__ import annotations

from dataclasses import replace

from generator.model import Article, Attributions, Person, Quote, QuoteKind, Sentence, Speaker, SpeakerType
from generator.quotes import speakers as cast_lib
from generator.quotes.direct import find_direct
from generator.quotes.findings import Context, Finding, overlaps
from generator.quotes.interview import find_interview_turns
from generator.quotes.key_quotes import choose_key_quotes
from generator.quotes.lexicon import fold, lexicon
from generator.quotes.quotations import find_quotations
from generator.quotes.reported import find_reported, mark_mixed, stray_quotations
from generator.quotes.resolution import Resolver, salient_people
from generator.quotes.speakers import Entity

__all__ = ["PUBLISH_CONFIDENCE", "choose_key_quotes", "find_attributions"]

# Attributions less sure than this are not published: a wrong name is worse than none.
# Chosen on the tuning part of the dev gold (benchmarks/speakers.py prints the curve).
PUBLISH_CONFIDENCE = 0.6


def _to_quotes(ctx: Context, findings: list[Finding], resolver: Resolver, min_confidence: float) -> tuple[list[Quote], dict[int, Entity]]:
    quotes: list[Quote] = []
    who: dict[int, Entity] = {}
    text = ctx.article.text
    for finding in findings:
        resolution = resolver.resolve(finding)
        entity = resolution.entity if resolution.confidence >= min_confidence else None
        if entity is not None:
            who[len(quotes)] = entity
        quotes.append(
            Quote(
                start=finding.start,
                end=finding.end,
                kind=finding.kind,
                text=text[finding.start : finding.end],
                cue=finding.cue,
                speaker=entity.name if entity else None,
                role=entity.role if entity else None,
                fragments=finding.fragments,
                confidence=resolution.confidence,
            )
        )
    return quotes, who


def _is_organisation(entity: Entity) -> bool:
    """News introduces a person with a first name or a role; a bare single name that never gets
    either ('Russia', 'NATO', 'Democrats') is a country, group or organisation speaking."""
    single = len(entity.name.split()) == 1
    return entity.is_organisation or (single and (not entity.role or fold(entity.name) in lexicon().group_nouns))


def _speakers(quotes: list[Quote], who: dict[int, Entity]) -> tuple[Speaker, ...]:
    """One Speaker per entity with a published statement, direct and reported counted apart."""
    direct: dict[int, int] = {}
    reported: dict[int, int] = {}
    order: list[Entity] = []
    for index in sorted(who):
        entity = who[index]
        if id(entity) not in direct:
            order.append(entity)
            direct[id(entity)], reported[id(entity)] = 0, 0
        counts = direct if quotes[index].kind is QuoteKind.DIRECT else reported
        counts[id(entity)] += 1
    return tuple(
        Speaker(
            name=e.name,
            role=e.role,
            aliases=tuple(a for a in e.aliases if a != e.name),
            quotes=direct[id(e)],
            reported=reported[id(e)],
            type=SpeakerType.ORGANISATION if _is_organisation(e) else SpeakerType.PERSON,
        )
        for e in order
    )


def _context(article: Article, sentences: tuple[Sentence, ...]) -> Context:
    quotations = find_quotations(article)
    return Context(article, sentences, quotations, [s.start for s in sentences], [(q.start, q.end) for q in quotations])


def find_attributions(
    article: Article, sentences: tuple[Sentence, ...], people: tuple[Person, ...] = (), min_confidence: float = PUBLISH_CONFIDENCE
) -> Attributions:
    """Every quote with its speaker (None below `min_confidence`), and one Speaker per speaker published."""
    ctx = _context(article, sentences)
    cast = cast_lib.build_cast(article)
    direct, clauses, used = find_direct(ctx)
    # An interview's turns are its speakers' words: no quotation, cue or label inside one is narration.
    turns, turn_spans = find_interview_turns(ctx, cast)
    direct = [f for f in direct if not overlaps(f.start, f.end, turn_spans)] + turns
    used |= {i for i, q in enumerate(ctx.quotations) if overlaps(q.start, q.end, turn_spans)}
    # Words inside quotation marks are the quoted speaker's, never the narrator's cue.
    skip = ctx.quotation_spans + clauses + turn_spans
    taken = [span for f in direct for span in (f.fragments or ((f.start, f.end),))] + turn_spans
    reported = mark_mixed(find_reported(ctx, skip, taken), ctx.quotations, used)
    stray = stray_quotations(ctx, used, [*direct, *reported])
    findings = sorted([*direct, *reported, *stray], key=lambda f: (f.start, f.end))
    resolver = Resolver(ctx, cast, salient_people(ctx, cast))
    quotes, who = _to_quotes(ctx, findings, resolver, min_confidence)
    speakers = _speakers(quotes, who)
    if people:
        speakers, renamed = cast_lib.apply_people(speakers, people)
        roles = {s.name: s.role for s in speakers}
        quotes = [_renamed(q, renamed, roles) for q in quotes]
    return Attributions(tuple(quotes), speakers)


def _renamed(quote: Quote, renamed: dict[str, str], roles: dict[str, str | None]) -> Quote:
    if quote.speaker is None or quote.speaker not in renamed:
        return quote
    name = renamed[quote.speaker]
    return replace(quote, speaker=name, role=roles.get(name, quote.role))
