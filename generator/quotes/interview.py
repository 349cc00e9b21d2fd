"""Interviews: Q&A exchanges and transcripts whose turns carry their speaker's label.

Two formats, each a paragraph per turn:

- Q&A: an intro names the interviewee ('Here is an edited transcript of the interview with
  Senator Ann Cole'), then 'Q: ...' / 'A: ...' (or 'Question:' / 'Answer:'). Answers are the
  interviewee's direct statements; a question is the interviewer's only when the intro names
  the interviewer ('Ann Cole spoke to the BBC's Tom Hale'), else it is nobody's quote.
- Labelled turns: 'HALE: Senator, will you run?' / 'COLE: I have not decided.' A label in
  capitals is a surname or a full name; the turn goes to the one person in the article's cast
  it names, and to nobody when none or several match: a wrong name is worse than none.
"""

from __future__ import annotations

import re

from generator.model import QuoteKind
from generator.quotes import speakers as cast_lib
from generator.quotes.findings import Context, Finding, SpeakerRef
from generator.quotes.lexicon import fold
from generator.quotes.speakers import Cast, Entity

_OPENING_MARK = "[\"\u201c]?"
_QA_LABEL = re.compile(rf"{_OPENING_MARK}(?P<label>Q|A|Question|Answer)\s*:\s+(?=\S)")
_TURN_LABEL = re.compile(rf"{_OPENING_MARK}(?P<label>[A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+){{0,3}})\s*:\s+(?=\S)")
MIN_LABELLED_TURNS = 2  # one 'CORRECTION:' or 'VIDEO:' line makes no transcript

_FULL_NAME = rf"{cast_lib.NAME_WORD}(?:\s{cast_lib.NAME_WORD})+"  # two or more name words
# 'interview with Senator Ann Cole', 'interviewed Ann Cole': the interviewee follows.
_INTERVIEW_WITH = re.compile(rf"\binterview(?:ed|\s+with)\s+(?:[\w'\u2019.-]+\s+){{0,4}}?({_FULL_NAME})")
# 'Ann Cole spoke to the BBC's Tom Hale': the subject answers, the one spoken to asks.
_SPOKE_TO = re.compile(
    rf"({_FULL_NAME})\s+(?:spoke|talked)\s+(?:to|with)\s+"
    rf"(?:the\s+)?(?:{cast_lib.NAME_WORD}(?:\s{cast_lib.NAME_WORD})*['\u2019]s\s+)?(?:(?:[a-z][\w-]*\s+){{0,2}})?"
    rf"({_FULL_NAME})?"
)

_OUTLET = re.compile(r"['\u2019]s\s")


def find_interview_turns(ctx: Context, cast: Cast) -> tuple[list[Finding], list[tuple[int, int]]]:
    """Turns of a Q&A or a labelled transcript as direct quotes of their speakers, and the spans
    of all the turns, named or not, which no other pass may read as narration."""
    findings, spans = _qa_turns(ctx, cast)
    if not spans:
        findings, spans = _labelled_turns(ctx, cast)
    return findings, spans


def _qa_turns(ctx: Context, cast: Cast) -> tuple[list[Finding], list[tuple[int, int]]]:
    turns = _with_continuations(ctx, [(label.group("label")[0], label.end()) for label in _labels(ctx, _QA_LABEL)])
    if not {"Q", "A"} <= {kind for kind, _, _ in turns}:
        return [], []
    first = turns[0][1]
    intro_end = max((p.end for p in ctx.article.paragraphs if p.end < first), default=0)
    interviewee, interviewer = _interview_cast(ctx, cast, intro_end)
    return _turn_findings(turns, [interviewee if kind == "A" else interviewer for kind, _, _ in turns])


def _turn_findings(turns: list[tuple[str, int, int]], speakers: list[Entity | None]) -> tuple[list[Finding], list[tuple[int, int]]]:
    """Each turn with a speaker as that speaker's direct quote; a turn nobody can be named for
    is left as text, no quote of anyone; and the spans of all the turns."""
    findings = [
        Finding(start, end, QuoteKind.DIRECT, None, SpeakerRef(speaker.name, start, "name"))
        for (_, start, end), speaker in zip(turns, speakers)
        if speaker is not None
    ]
    return findings, [(start, end) for _, start, end in turns]


def _interview_cast(ctx: Context, cast: Cast, intro_end: int) -> tuple[Entity | None, Entity | None]:
    """Who answers and who asks, as the intro before the first question says."""
    intro = ctx.article.text[:intro_end]
    spoke = _SPOKE_TO.search(intro)
    if spoke is not None:
        subject, spoken_to = _person(cast, spoke.group(1)), _person(cast, spoke.group(2)) if spoke.group(2) else None
        # "The BBC's Tom Hale spoke to Ann Cole": a journalist introduced by the outlet asks.
        by_outlet = _OUTLET.search(spoke.group(1)) or _OUTLET.search(intro, max(0, spoke.start(1) - 4), spoke.start(1))
        return (spoken_to, subject) if by_outlet else (subject, spoken_to)
    named = [_person(cast, m.group(1)) for m in _INTERVIEW_WITH.finditer(intro)]
    named = [entity for entity in named if entity is not None]
    if len({id(entity) for entity in named}) == 1:
        return named[0], None
    # 'Immigration debate hits home for actress Diane Guerrero': the one person the headline and intro both name.
    title = fold(ctx.article.title)
    in_title = {id(e): e for e in _people(cast) if fold(e.name) in title and fold(e.name) in fold(intro)}
    return (next(iter(in_title.values())), None) if len(in_title) == 1 else (None, None)


def _labelled_turns(ctx: Context, cast: Cast) -> tuple[list[Finding], list[tuple[int, int]]]:
    labels = _labels(ctx, _TURN_LABEL)
    turns = _with_continuations(ctx, [(label.group("label"), label.end()) for label in labels])
    speakers = [_labelled(cast, label) for label, _, _ in turns]
    if len(labels) < MIN_LABELLED_TURNS or all(speaker is None for speaker in speakers):
        return [], []
    return _turn_findings(turns, speakers)


def _labels(ctx: Context, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The label opening each paragraph that has one."""
    text = ctx.article.text
    found = (pattern.match(text, p.start, p.end) for p in ctx.article.paragraphs)
    return [label for label in found if label is not None]


# '(END VIDEO CLIP.)', '....': stage directions and breaks between turns are nobody's words.
_SPOKEN = re.compile(r"[\"\u201c\u2018']?[A-Za-z]")


def _with_continuations(ctx: Context, labels: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """Each turn as (label, start, end), one per paragraph: a turn's unlabelled paragraphs up to
    the next label go on with it; none after the last label, where the narration resumes."""
    paragraphs = ctx.article.paragraphs
    turns = []
    for (label, start), following in zip(labels, [*labels[1:], None]):
        index = next(i for i, p in enumerate(paragraphs) if p.start <= start <= p.end)
        turns.append((label, start, paragraphs[index].end))
        if following is None:
            continue
        for paragraph in paragraphs[index + 1 :]:
            if paragraph.end >= following[1]:
                break
            if _SPOKEN.match(ctx.article.text, paragraph.start, paragraph.end):
                turns.append((label, paragraph.start, paragraph.end))
    return turns


def _people(cast: Cast) -> list[Entity]:
    """People the article names in its own case with a first name and surname."""
    return [e for e in cast.entities if not e.is_organisation and len(e.name.split()) > 1 and not e.name.isupper()]


def _labelled(cast: Cast, label: str) -> Entity | None:
    """The one person a label in capitals names: 'COLE' by surname, 'ANN COLE' by full name."""
    words = [fold(word) for word in label.split()]
    matches = [e for e in _people(cast) if e.surname == words[-1] and (len(words) == 1 or fold(e.name.split()[0]) == words[0])]
    return matches[0] if len(matches) == 1 else None


def _person(cast: Cast, name: str) -> Entity | None:
    entity = cast.lookup(name)
    return entity if entity is not None and entity in _people(cast) else None
