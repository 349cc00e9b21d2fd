"""Direct quotes: quotations that stand as statements, with the attribution next to them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.model import QuoteKind
from generator.quotation_marks import CLOSING_DOUBLE, DOUBLE, STRAIGHT_DOUBLE
from generator.quotes import speakers as cast_lib
from generator.quotes.cues import ADDRESSEE_VERBS, SPLIT_CUES, iter_cues
from generator.quotes.findings import Context, Finding, SpeakerRef, count_words
from generator.quotes.lexicon import fold, lexicon
from generator.quotes.phrases import MAX_SPEAKER_LEAD_WORDS, PHRASE_ENDS, phrase_at_end, subject_after, subject_before
from generator.quotes.quotations import Quotation
from generator.quotes.roles import POSSESSIVE


def _attribution_after(ctx: Context, quote: Quotation, limit: int) -> tuple[SpeakerRef, str, int] | None:
    """'..." he said' / '..." said Peskov' right after a quotation: (speaker, cue, end of the clause)."""
    text = ctx.article.text
    window_end = min(limit, quote.end + 200)
    clause = _ATTRIBUTION_CLAUSE.match(text[quote.end : window_end])
    clause_end = quote.end + (clause.end() if clause else 0)
    finished = text[quote.start : quote.end].rstrip(DOUBLE + " ").endswith((".", "!", "?"))
    for cue in iter_cues(text, quote.end, clause_end):
        if _introduces_next(text, cue.end):
            return None
        lead = text[quote.end : cue.start]
        if finished and (count_words(lead) > MAX_LEAD_AFTER_FINISHED_QUOTE or _reports_more(text[cue.end : clause_end])):
            return None  # '"... mine." Sweden's Carolina Kluft, the champion, ...': a new sentence
        ref = _lead_speaker(text, quote.end, cue.start) if lead.strip(" ,\u2014-") else None
        if ref is not None:
            return ref, cue.word, _clause_end(text, cue.end, clause_end)
        if not lead.strip(" ,\u2014-"):
            ref = subject_after(text, cue.end, clause_end)
            if ref is not None:
                return ref, cue.word, _clause_end(text, cue.end, clause_end)
        return None
    return None


CLOSING_MARKS = STRAIGHT_DOUBLE + CLOSING_DOUBLE
MAX_LEAD_AFTER_FINISHED_QUOTE = 3  # '"We won." Smith said.' at most


# '... Smith said in a statement on Tuesday.': what may follow the cue of an attribution.
_ATTRIBUTION_TAIL = re.compile(
    r"\s*(?:[,.]|$|(?:in|on|at|during|after|before|to|about|when|while|last|this|yesterday|today|earlier|later|from|via|"
    r"through|as|with|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)


def _reports_more(tail: str) -> bool:
    """'..." Mr Blair retorted voters remembered ...': the cue goes on to report something else;
    '..." Trump asked reporters rhetorically during a news conference' does not."""
    tail = tail[_LISTENER.match(tail).end() :]
    return count_words(tail) > MAX_LEAD_AFTER_FINISHED_QUOTE and not _ATTRIBUTION_TAIL.match(tail)


# Who was spoken to and how, between a cue and the rest of its clause: 'asked reporters rhetorically'.
_LISTENER = re.compile(r"(?:\s+(?:reporters|journalists|him|her|them|us|me))?(?:\s+[a-z]+ly\b)?")


_COLON_BEFORE_QUOTE = re.compile(r"[^.;!?\"\u201c\u201d]{0,60}?:\s*[\"\u201c]")


def _introduces_next(text: str, cue_end: int) -> bool:
    """'..." Hayes said: "...': a cue followed by a colon opens the next quote, it closes none."""
    return _COLON_BEFORE_QUOTE.match(text, cue_end) is not None


# The attribution after a quotation runs to the sentence end; abbreviations ("Lt.", "A.") do not end it.
_ATTRIBUTION_CLAUSE = re.compile(
    r"(?:\b(?:Capt|Sgt|Gen|Col|Sen|Rep|Gov|Lt|Mr|Mrs|Ms|Dr|St|Jr|Sr|Maj|Adm|Rev|Prof|Cmdr|Gen|Ft|Mt|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|[A-Z])\.|"
    r"(?<=\d)\.(?=\d)|\.(?=\s*[),])|[^.;!?\"\u201c\u201d])*"
)


MAX_ATTRIBUTION_WORDS = 30


def _lead_speaker(text: str, start: int, cue: int) -> SpeakerRef | None:
    """The speaker phrase opening the words between a closing quote and its cue:
    'Harry Bond, 30, of Raleigh, who was polled, said' -> Harry Bond."""
    lead = text[start:cue]
    offset = start + len(lead) - len(lead.lstrip(" ,\u2014-"))
    if len(lead.split()) > MAX_ATTRIBUTION_WORDS:
        return None
    pronoun = re.match(r"(he|she|they|we|I)\s", text[offset:cue])
    if pronoun:
        return SpeakerRef(pronoun.group(1).lower(), offset, "pronoun")
    head_end = re.search(rf"[,;(\u2014]|\s(?:{PHRASE_ENDS})\s|$", text[offset:cue])
    head = offset + (head_end.start() if head_end else 0)
    lex = lexicon()
    for name in cast_lib.name_runs(text, offset, head):
        words = cast_lib.strip_possessive(name.group(0).split())
        if all(fold(w) in lex.titles or fold(w) in lex.not_names for w in words):
            continue
        if len(text[offset : name.start()].split()) <= MAX_SPEAKER_LEAD_WORDS and not re.search(r"[,;:]", text[offset : name.start()]):
            rest = list(cast_lib.name_runs(text, name.start(), head))
            last = rest[-1] if rest else name
            after = _NOMINAL_HEAD.match(text, last.end(), head)
            if after and (fold(after.group("head")) in lex.role_nouns or fold(after.group("head")) in lex.titles):
                break  # 'the Florida senator told': a place or body before a role names no speaker
            if re.search(r"\sand\s", text[name.start() : last.end()]):
                return SpeakerRef(text[name.start() : last.end()], name.start(), "group")  # 'David Albright and Serena Kelleher'
            return SpeakerRef(text[name.start() : last.end()], name.start(), "name")
    return subject_before(text, start, cue) if head >= cue - 1 else phrase_at_end(text, offset, head)


# A lower-case role after a name: 'the New York businessman', 'the Florida senator'.
_NOMINAL_HEAD = re.compile(r"\s+(?P<head>[a-z][\w-]*)(?=\s*$|\s|,)")


def _clause_end(text: str, start: int, limit: int) -> int:
    """End of the attribution clause: up to the next comma-free stretch, so 'adding that' stays out."""
    comma = text.find(", ", start, limit)
    return comma if comma >= 0 and SPLIT_CUES.match(text, comma) else limit


def _attribution_before(ctx: Context, quote: Quotation, sentence_start: int) -> tuple[SpeakerRef | None, str | None] | None:
    """'Peskov said: "..."': the quotation is introduced by a cue and a colon or comma."""
    text = ctx.article.text
    before = text[sentence_start : quote.start].rstrip()
    if not before:
        return _intro_paragraph(ctx, quote)
    if before.endswith(tuple(CLOSING_MARKS)):
        return None, None  # '"... sector," "Overall ...": one quotation right after another
    if not before.endswith((":", ",")):
        return None
    cues = list(iter_cues(text, sentence_start, quote.start))
    if not cues:
        if not before.endswith(":"):
            return None
        # 'The Tory leader went on: "..."': the sentence's subject, else the last full name in it.
        subject = subject_before(text, sentence_start, sentence_start + len(before) - 1) or _role_subject(text, sentence_start)
        if subject is not None and subject.kind in {"name", "nominal", "pronoun"}:
            return subject, None
        names = [m for m in cast_lib.find_mentions(text, sentence_start, quote.start) if len(m.name.split()) > 1 or m.role]
        return (SpeakerRef(names[-1].name, names[-1].start, "name") if names else None), None
    cue = cues[-1]
    ref = subject_before(text, sentence_start, cue.start)
    if ref is None and cue.lemma not in ADDRESSEE_VERBS:
        ref = subject_after(text, cue.end, quote.start)
    if ref is None and cue.word.endswith("ing") and cues[0] is not cue and not before.startswith(tuple(DOUBLE)):
        # 'Gore insisted it was premature while adding, "..."': the subject of the sentence's first
        # cue; never a possessive ("treating Mrs. Clinton's remark as ..."), which is no subject.
        first = subject_before(text, sentence_start, cues[0].start)
        ref = first if first is not None and not POSSESSIVE.search(first.text) else None
    if ref is None and re.search(r"(?:\band|,)\s*$", text[sentence_start : cue.start]):
        ref = SpeakerRef("", cue.start, "subject")
    return ref, cue.word


# 'The Tory leader went on:': a sentence opened by a role, whatever verb follows.
_ROLE_OPENING = re.compile(r"(?:The|the)\s+((?:[\w'\u2019-]+\s+){0,3}?([a-z][\w-]*))\b")


def _role_subject(text: str, sentence_start: int) -> SpeakerRef | None:
    match = _ROLE_OPENING.match(text, sentence_start)
    if match is None or fold(match.group(2)) not in lexicon().role_nouns:
        return None
    return SpeakerRef(match.group(0), sentence_start, "nominal")


def _intro_paragraph(ctx: Context, quote: Quotation) -> tuple[SpeakerRef | None, str | None]:
    """'Sanders made the following comment:' ending the paragraph before a quotation introduces it."""
    text = ctx.article.text
    paragraphs = ctx.article.paragraphs
    if quote.paragraph == 0 or quote.start != paragraphs[quote.paragraph].start:
        return None, None
    previous = paragraphs[quote.paragraph - 1]
    if not text[previous.start : previous.end].rstrip().endswith(":"):
        return None, None
    sentence = ctx.sentence_at(previous.end - 1)
    start = sentence.start if sentence else previous.start
    cues = list(iter_cues(text, start, previous.end))
    if cues:
        ref = subject_before(text, start, cues[-1].start) or subject_after(text, cues[-1].end, previous.end)
        return ref, cues[-1].word
    # 'Transcript as follows:', 'Partial transcript as follows:': a lone word opening the line is
    # what follows, a document, never its speaker.
    names = [m for m in cast_lib.find_mentions(text, start, previous.end) if len(m.name.split()) > 1 or m.role or text[start : m.start].strip()]
    return (SpeakerRef(names[0].name, names[0].start, "name"), None) if names else (None, None)


MIN_SENTENCE_WORDS = 8  # an unpunctuated quotation this long is still a statement, not a phrase


def _is_sentence_like(ctx: Context, quote: Quotation) -> bool:
    """A quotation that holds its own sentence(s), not a phrase embedded in the narration."""
    if quote.runs_on:
        return True
    inner = ctx.article.text[quote.start : quote.end].strip("'\"\u201c\u201d\u201e ")
    return inner.endswith((".", ",", "?", "!", "\u2014", "-", "\u2026", ":")) or count_words(inner) >= MIN_SENTENCE_WORDS


@dataclass
class _QuoteGroup:
    """Quotations that share one attribution: '"A," he said, "B."' or a quote over paragraphs."""

    quotations: list[Quotation] = field(default_factory=list)
    ref: SpeakerRef | None = None
    cue: str | None = None

    def to_finding(self) -> Finding:
        fragments = tuple((q.start, q.end) for q in self.quotations)
        # No attribution of its own: the quote continues whoever spoke last.
        ref = self.ref or SpeakerRef("", fragments[0][0], "previous")
        start, end = fragments[0][0], fragments[-1][1]
        return Finding(start, end, QuoteKind.DIRECT, self.cue, ref, fragments if len(fragments) > 1 else ())


MAX_CUE_GAP_WORDS = 12  # '"A," said Lib Dem home affairs spokesman Mark Oaten, "B."'


def _continues(group: _QuoteGroup, quote: Quotation, paragraph_start: int, text: str) -> bool:
    """The quotation belongs with the group: same paragraph, or the next paragraph of a quote that runs on."""
    if not group.quotations:
        return False
    last = group.quotations[-1]
    if last.runs_on and quote.start in (paragraph_start, last.end):
        return True
    # '"A," he said, "B."' continues; narration between that is more than a cue does not.
    return last.paragraph == quote.paragraph and count_words(text[last.end : quote.start]) <= MAX_CUE_GAP_WORDS


def _next_quotation_start(ctx: Context, index: int, paragraph_end: int) -> int:
    following = ctx.quotations[index + 1] if index + 1 < len(ctx.quotations) else None
    same_paragraph = following is not None and following.paragraph == ctx.quotations[index].paragraph
    return following.start if same_paragraph else paragraph_end


def find_direct(ctx: Context) -> tuple[list[Finding], list[tuple[int, int]], set[int]]:
    """Direct quotes with their attribution; also the attribution clauses and quotations used."""
    findings: list[Finding] = []
    used_clauses: list[tuple[int, int]] = []
    used: set[int] = set()
    group = _QuoteGroup()
    for index, quote in enumerate(ctx.quotations):
        sentence = ctx.sentence_at(quote.start)
        paragraph = ctx.article.paragraphs[quote.paragraph]
        sentence_start = sentence.start if sentence else paragraph.start
        intro = _attribution_before(ctx, quote, sentence_start)
        if intro is None or not _is_sentence_like(ctx, quote):
            continue
        continues = _continues(group, quote, paragraph.start, ctx.article.text)
        same_cue = group.ref is None or group.ref.start == (intro[0].start if intro[0] else -1)
        if continues and intro[0] is not None and group.quotations[-1].end >= sentence_start and same_cue:
            # '"A," he said, "B."': the cue between the parts introduces the second part too;
            # '"A," said Gatlin. "B." Hayes said: "C."' hands C to the one it names.
            group.ref, group.cue = group.ref or intro[0], group.cue or intro[1]
            intro = (None, None)
        elif not continues or intro[0] is not None:
            group = _close(group, findings)
        after = _attribution_after(ctx, quote, _next_quotation_start(ctx, index, paragraph.end))
        if after is not None and group.ref is not None and group.ref.kind != "previous":
            group = _close(group, findings)
        group.quotations.append(quote)
        used.add(index)
        if intro[0] is not None:
            group.ref, group.cue = intro
            used_clauses.append((sentence_start, quote.start))
        elif after is not None and group.ref is None:
            group.ref, group.cue = after[0], after[1]
        if after is not None:
            used_clauses.append((quote.end, after[2]))
    _close(group, findings)
    return [_transcript_unattributed(ctx.article.text, f) for f in findings], used_clauses, used


# '"RAMOS: Secretary Clinton, did you ...': a speaker's label in capitals opens a transcript's turn.
_TRANSCRIPT_LABEL = re.compile(r"[\"\u201c'\u2018\s]*[A-Z][A-Z.'\u2019 -]{1,30}:\s")


def _transcript_unattributed(text: str, finding: Finding) -> Finding:
    """A quoted transcript whose turns carry their own labels ('RAMOS:', 'CLINTON:') holds several
    speakers: it goes on from nobody who spoke before it."""
    if finding.ref is not None and finding.ref.kind == "previous" and _TRANSCRIPT_LABEL.match(text, finding.start, finding.end):
        return replace(finding, ref=SpeakerRef("", finding.start, "group"))
    return finding


def _close(group: _QuoteGroup, findings: list[Finding]) -> _QuoteGroup:
    """Turn a finished group into a finding; a fresh group goes on."""
    if group.quotations:
        findings.append(group.to_finding())
    return _QuoteGroup()


