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
(generator.speakers), a pronoun to the person the text is about, a
nominal ("the spokesman") to the person with that role.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from generator import speakers as cast_lib
from generator.model import Article, Attributions, Person, Quote, QuoteKind, Sentence, Speaker
from generator.speakers import Cast, Entity, fold, lexicon

# ------------------------------------------------------------------ lexicon

_AUXILIARIES = (
    r"(?:(?:has|have|had|also|later|previously|repeatedly|then|once|recently|publicly|privately|long|would|will|"
    r"could|might|may|did|does|do|not|n't|never|again|first|further|often|frequently|already|earlier|"
    r"reportedly|allegedly|simply|just|even|still|flatly|openly|quickly|directly|explicitly|specifically|"
    r"strongly|clearly|bluntly|firmly|angrily|sharply|separately|herself|himself|themselves|itself|is|was|are|were|been|"
    r"be|am|remains|remained|very|so|increasingly|more|less|quite|deeply|fairly|pretty|extremely|"
    r"isn't|wasn't|aren't|weren't|won't|wouldn't|can't|couldn't|didn't|doesn't|don't|hasn't|haven't|"
    r"isn\u2019t|wasn\u2019t|won\u2019t|wouldn\u2019t|can\u2019t|couldn\u2019t|didn\u2019t|doesn\u2019t|don\u2019t|"
    r"hasn\u2019t|haven\u2019t|can|cannot|should|must|shall|had)\s+)*"
)
# After the cue, before the content: when and where it was said.
_CUE_ADJUNCT = re.compile(
    r"\s*(?:(?:on|late|early|last|this)\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"tonight|night|morning|afternoon|evening|week|month|year)\b\s*)+|"
    r"\s*(?:in|during|at|on|to|via|through|after|before)\s+(?:an?|the|his|her|their|its)\s+(?:[\w'\u2019-]+\s+){0,3}?"
    r"(?:statement|interview|speech|tweet|post|letter|email|e-mail|op-ed|conference(?:\s+call)?|call|appearance|"
    r"briefing|rally|event|debate|meeting|hearing|release|remarks|address|message|video|session|podcast|broadcast|"
    r"news conference|press conference|town hall|program|programme|show)\b(?:\s+(?:with|to|on|at)\s+[^,;:]{1,40}?(?=\s+that\b|,|$))?\s*,?|"
    r"\s*in\s+(?:televised|written|prepared|public|brief)\s+(?:remarks|comments|testimony|statement)\s*,?",
    re.IGNORECASE,
)
_PRONOUNS = {"he", "she", "they", "i", "we", "it", "who"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "some", "many", "most", "several", "other", "one", "two", "three", "another", "this", "that", "these", "those", "both", "all", "few"}
_SPLIT_CUES = re.compile(r",[\"\u201d]?\s+(?:adding|saying|noting|arguing|explaining|insisting|warning|claiming|stressing|suggesting|acknowledging|telling|writing|asking|calling)\b|;\s+|\s+(?:and|but)\s+(?:also\s+)?(?:said|added|noted|warned|argued|told|insisted|says|adds)\b")
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|can|may|might|must|should|to)\s+$")
MIN_CONTENT_WORDS = 2
MAX_SUBJECT_DISTANCE = 140  # characters between an appositive's name and its cue


def _inflect(verb: str) -> set[str]:
    """Regular English forms: say -> says, sayed, saying (irregulars come from the lexicon)."""
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return {verb, verb + "es", verb + "ed", verb + "ing"}
    return {verb, verb + "s", verb + "ed", verb + "ing"}


@dataclass(frozen=True)
class CueWords:
    forms: dict[str, str]  # word form -> lemma
    weak: frozenset[str]  # lemmas that report speech only with a clear subject and clause
    takes_object: frozenset[str]  # 'told reporters that ...'
    nouns: frozenset[str]  # 'the claim that ...': the speaker is a possessive or unsaid
    clause_only: frozenset[str]  # report speech only before 'that' or a colon ('continues to grow' does not)


@lru_cache(maxsize=1)
def cue_words() -> CueWords:
    """Every form of every reporting verb in the lexicon, and one pattern that finds them."""
    data = lexicon().raw
    forms: dict[str, str] = {}
    for lemma in (*data["speech_verbs"], *data["cognition_verbs"]):
        for form in data["irregular"].get(lemma) or _inflect(lemma):
            forms.setdefault(form, lemma)
        forms.setdefault(lemma, lemma)
    for phrase in (*data["phrase_cues"], *data["adjective_cues"], *data["noun_cues"]):
        forms.setdefault(phrase, phrase)
    return CueWords(forms, frozenset(data["weak_verbs"]), frozenset(data["object_verbs"]), frozenset(data["noun_cues"]), frozenset(data["clause_only_verbs"]))


# A lower-case word and the word after it: a cue is one of them or both ("according to").
_WORD_PAIR = re.compile(r"(?<![\w'\u2019</-])([a-z]+|According)(?![\w'\u2019-])(?:\s+([a-z]+)(?![\w'\u2019-]))?")


@dataclass(frozen=True)
class CueMatch:
    start: int
    end: int
    word: str
    lemma: str


def iter_cues(text: str, start: int, end: int) -> list[CueMatch]:
    """Reporting verbs (and phrases such as 'according to') in text[start:end]; a dictionary lookup per word."""
    forms = cue_words().forms
    found = []
    position = start
    while (match := _WORD_PAIR.search(text, position, end)) is not None:
        first, second = match.group(1).lower(), match.group(2)
        if second and f"{first} {second}" in forms:
            found.append(CueMatch(match.start(), match.end(), match.group(0), forms[f"{first} {second}"]))
            position = match.end()
            continue
        if first in forms:
            found.append(CueMatch(match.start(1), match.end(1), first, forms[first]))
        position = match.end(1)
    return found


# --------------------------------------------------------- quotation marks

_OPENERS = "\u201c\u201e"
_CLOSERS = "\u201d"
_OPEN_CONTEXT = " \t\n([{\u2014\u2013-/:"


@dataclass(frozen=True)
class Quotation:
    start: int  # the opening mark (or the paragraph start for an unmarked continuation)
    end: int  # just after the closing mark (or the paragraph end when the quote runs on)
    paragraph: int
    runs_on: bool = False  # no closing mark: the quote continues in the next paragraph


# Two apostrophes stand for a double quotation mark in some wire and newspaper copy.
_QUOTE_MARK = re.compile(r"''|[\"\u201c\u201d\u201e]")


def _is_opener(text: str, i: int) -> bool:
    char = text[i]
    if text.startswith("''", i):
        return (i == 0 or text[i - 1] in _OPEN_CONTEXT) and i + 2 < len(text) and not text[i + 2].isspace()
    if char in _OPENERS:
        return not (i + 1 < len(text) and text[i + 1].isspace() and i > 0 and not text[i - 1].isspace())
    if char in _CLOSERS:
        return False
    return (i == 0 or text[i - 1] in _OPEN_CONTEXT) and i + 1 < len(text) and not text[i + 1].isspace()


def find_quotations(article: Article) -> list[Quotation]:
    """Double-quoted spans per paragraph; single quotes inside them stay part of the quote."""
    text = article.text
    found: list[Quotation] = []
    for index, paragraph in enumerate(article.paragraphs):
        opened: int | None = None
        for match in _QUOTE_MARK.finditer(text, paragraph.start, paragraph.end):
            i = match.start()
            if _is_opener(text, i):
                opened = i if opened is None else opened
            elif opened is not None:
                found.append(Quotation(opened, match.end(), index))
                opened = None
        if opened is not None and paragraph.end - opened > 1:
            found.append(Quotation(opened, paragraph.end, index, runs_on=True))
    return found


# ------------------------------------------------------------ raw findings


@dataclass(frozen=True)
class SpeakerRef:
    """Who the text says spoke, before resolution: a name, pronoun or nominal as written."""

    text: str
    start: int
    kind: str  # "name", "pronoun", "nominal", "group", "subject" (the sentence's subject)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: QuoteKind
    cue: str | None
    ref: SpeakerRef | None
    fragments: tuple[tuple[int, int], ...] = ()


@dataclass
class Context:
    """Everything the passes read: the article, its sentences and quotations."""

    article: Article
    sentences: tuple[Sentence, ...]
    quotations: list[Quotation]
    sentence_starts: list[int]
    quotation_spans: list[tuple[int, int]]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i < 0:
            return None
        sentence = self.sentences[i]
        return sentence if offset <= sentence.end else None

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)


# ---------------------------------------------------------- speaker phrases

_NAME_AT_END = re.compile(rf"(?:{cast_lib.NAME_WORD}\s)*{cast_lib.NAME_WORD}\s*$")
_WORD_AT_END = re.compile(r"([\w'\u2019.-]+)\s*$")


# 'Murphy — after a pause — told', 'Proponents, however, say': an aside between subject and cue.
_ASIDE_AT_END = re.compile(
    r"\s*(?:(?:\u2014|\u2013|--)[^\u2014\u2013]{1,80}(?:\u2014|\u2013|--)|\([^()]{1,80}\)|"
    r",\s*(?:however|though|too|also|meanwhile|moreover|in turn|in fact|of course|for (?:his|her|their|its) part|instead|nonetheless|still)\s*,)\s*$"
)


def _strip_aside(text: str, start: int, end: int) -> int:
    aside = _ASIDE_AT_END.search(text, start, end)
    return aside.start() if aside else end


def subject_before(text: str, start: int, end: int) -> SpeakerRef | None:
    """The speaker phrase that ends at `end` (just before a cue), looking no further back than `start`."""
    end = _strip_aside(text, start, end)
    party = re.search(r"\s*\([^()]{1,30}\)\s*$", text[start:end])
    if party:
        end = start + party.start()
    segment = text[start:end]
    aux = re.search(rf"\s{_AUXILIARIES}$", " " + segment)
    stop = end - (len(aux.group(0)) - 1 if aux else 0)
    stop = max(start, stop)
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start and text[stop - 1] == ",":
        return _subject_before_appositive(text, start, stop - 1)
    return _phrase_at_end(text, start, stop)


def _subject_before_appositive(text: str, start: int, comma: int) -> SpeakerRef | None:
    """'Ryabkov, who led the delegation, said': the name before the appositive."""
    search_from = max(start, comma - MAX_SUBJECT_DISTANCE)
    for match in reversed(list(re.finditer(r",\s+(?=\S)", text[search_from:comma]))):
        left = search_from + match.start()
        ref = _phrase_at_end(text, start, left)
        if ref is not None and ref.kind in {"name", "nominal", "group", "pronoun"}:
            return ref
    return None


def _phrase_at_end(text: str, start: int, stop: int) -> SpeakerRef | None:
    segment = text[start:stop]
    if not segment.strip():
        return None
    name = _NAME_AT_END.search(segment)
    lex = lexicon()
    if name is not None:
        words = cast_lib.strip_possessive(name.group(0).split())
        if words and not all(fold(w) in lex.titles or fold(w) in lex.not_names for w in words):
            return SpeakerRef(name.group(0).strip(), start + name.start(), "name")
    last = _WORD_AT_END.search(segment)
    if last is None:
        return None
    word = last.group(1).lower()
    if word == "who":
        comma = text.rfind(",", start, start + last.start(1))
        antecedent = _phrase_at_end(text, start, comma) if comma > start else None
        return antecedent or SpeakerRef(word, start + last.start(1), "group")
    if word in _PRONOUNS:
        return SpeakerRef(word, start + last.start(1), "pronoun")
    if word in lex.group_nouns or word in lex.role_nouns or word.rstrip("s") in lex.role_nouns or word in lex.organisation_words:
        return _nominal(text, start, start + last.start(1), stop, word)
    return None


def _nominal(text: str, start: int, head: int, stop: int, word: str) -> SpeakerRef:
    """'a top diplomat', 'the Kremlin spokesman', 'officials': back to the determiner, at most five words."""
    words = list(re.finditer(r"[\w'\u2019.-]+", text[max(start, head - 60) : head]))
    begin = head
    for match in reversed(words[-5:]):
        token = match.group(0)
        begin = max(start, head - 60) + match.start()
        if token.lower() in _DETERMINERS:
            break
        if token.lower() in lexicon().not_names or token.endswith(","):
            begin = max(start, head - 60) + match.end() + 1
            break
    phrase = text[begin:stop].strip()
    kind = "group" if word in lexicon().group_nouns and not word.endswith("poll") else "nominal"
    return SpeakerRef(phrase, begin, kind)


def subject_after(text: str, start: int, end: int) -> SpeakerRef | None:
    """The speaker right after an inverted cue: 'said Peskov', 'said Army Capt. Jane Doe, who ...'."""
    match = re.match(rf"\s*{_AUXILIARIES}", text[start:end])
    offset = start + (match.end() if match else 0)
    phrase_end = re.search(r"[,;:()\u2014]|\s(?:who|which|in|on|at|during|after|before|to|about|of)\s|$", text[offset : min(end, offset + 120)])
    stop = offset + (phrase_end.start() if phrase_end else 0)
    pronoun = re.match(r"(he|she|they|we|I)\b", text[offset:stop])
    if pronoun:
        return SpeakerRef(pronoun.group(1).lower(), offset, "pronoun")
    lex = lexicon()
    for name in reversed(list(cast_lib.NAME_RUN.finditer(text, offset, stop))):
        words = cast_lib.strip_possessive(name.group(0).split())
        if not all(fold(w) in lex.titles or fold(w) in lex.not_names for w in words) and _is_role_phrase(text[offset : name.start()]):
            return SpeakerRef(name.group(0), name.start(), "name")
    nominal = re.match(r"((?:the|a|an|one|another|his|her|their)\s+(?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+)", text[offset:stop])
    if nominal:
        last = nominal.group(1).split()[-1].lower()
        if last in lex.role_nouns or last.rstrip("s") in lex.role_nouns or last in lex.group_nouns or last in lex.organisation_words:
            return SpeakerRef(nominal.group(1), offset, "nominal")
    return None


def _is_role_phrase(words: str) -> bool:
    """Words that may precede a name inside one speaker phrase: 'the former', '9/11 widow'."""
    return len(words.split()) <= MAX_SPEAKER_LEAD_WORDS and not re.search(r"[,;:]", words)


# ------------------------------------------------------------ direct quotes


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in ranges)


def _attribution_after(ctx: Context, quote: Quotation, limit: int) -> tuple[SpeakerRef, str, int] | None:
    """'..." he said' / '..." said Peskov' right after a quotation: (speaker, cue, end of the clause)."""
    text = ctx.article.text
    window_end = min(limit, quote.end + 200)
    clause = _ATTRIBUTION_CLAUSE.match(text[quote.end : window_end])
    clause_end = quote.end + (clause.end() if clause else 0)
    for cue in iter_cues(text, quote.end, clause_end):
        lead = text[quote.end : cue.start]
        ref = _lead_speaker(text, quote.end, cue.start) if lead.strip(" ,\u2014-") else None
        if ref is not None:
            return ref, cue.word, _clause_end(text, cue.end, clause_end)
        if not lead.strip(" ,\u2014-"):
            ref = subject_after(text, cue.end, clause_end)
            if ref is not None:
                return ref, cue.word, _clause_end(text, cue.end, clause_end)
        return None
    return None


# The attribution after a quotation runs to the sentence end; abbreviations ("Lt.", "A.") do not end it.
_ATTRIBUTION_CLAUSE = re.compile(
    r"(?:\b(?:Capt|Sgt|Gen|Col|Sen|Rep|Gov|Lt|Mr|Mrs|Ms|Dr|St|Jr|Sr|Maj|Adm|Rev|Prof|Cmdr|Gen|Ft|Mt|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|[A-Z])\.|"
    r"(?<=\d)\.(?=\d)|\.(?=\s*[),])|[^.;!?\"\u201c\u201d])*"
)
MAX_SPEAKER_LEAD_WORDS = 8


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
    head_end = re.search(r"[,;(\u2014]|\s(?:who|which|in|on|at|during|after|before|to|about|of|now)\s|$", text[offset:cue])
    head = offset + (head_end.start() if head_end else 0)
    lex = lexicon()
    for name in cast_lib.NAME_RUN.finditer(text, offset, head):
        words = cast_lib.strip_possessive(name.group(0).split())
        if all(fold(w) in lex.titles or fold(w) in lex.not_names for w in words):
            continue
        if len(text[offset : name.start()].split()) <= MAX_SPEAKER_LEAD_WORDS and not re.search(r"[,;:]", text[offset : name.start()]):
            rest = list(cast_lib.NAME_RUN.finditer(text, name.start(), head))
            last = rest[-1] if rest else name
            return SpeakerRef(text[name.start() : last.end()], name.start(), "name")
    return subject_before(text, start, cue) if head >= cue - 1 else _phrase_at_end(text, offset, head)


def _clause_end(text: str, start: int, limit: int) -> int:
    """End of the attribution clause: up to the next comma-free stretch, so 'adding that' stays out."""
    comma = text.find(", ", start, limit)
    return comma if comma >= 0 and _SPLIT_CUES.match(text, comma) else limit


def _attribution_before(ctx: Context, quote: Quotation, sentence_start: int) -> tuple[SpeakerRef | None, str | None] | None:
    """'Peskov said: "..."': the quotation is introduced by a cue and a colon or comma."""
    text = ctx.article.text
    before = text[sentence_start : quote.start].rstrip()
    if not before:
        return _intro_paragraph(ctx, quote)
    if not before.endswith((":", ",")):
        return None
    cues = list(iter_cues(text, sentence_start, quote.start))
    if not cues:
        if not before.endswith(":"):
            return None
        names = cast_lib.find_mentions(text, sentence_start, quote.start)
        return (SpeakerRef(names[-1].name, names[-1].start, "name") if names else None), None
    cue = cues[-1]
    ref = subject_before(text, sentence_start, cue.start) or subject_after(text, cue.end, quote.start)
    if ref is None and re.search(r"(?:\band|,)\s*$", text[sentence_start : cue.start]):
        ref = SpeakerRef("", cue.start, "subject")
    return ref, cue.word


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
    names = cast_lib.find_mentions(text, start, previous.end)
    return (SpeakerRef(names[0].name, names[0].start, "name"), None) if names else (None, None)


MIN_SENTENCE_WORDS = 8  # an unpunctuated quotation this long is still a statement, not a phrase


def _is_sentence_like(ctx: Context, quote: Quotation) -> bool:
    """A quotation that holds its own sentence(s), not a phrase embedded in the narration."""
    if quote.runs_on:
        return True
    inner = ctx.article.text[quote.start : quote.end].strip("'\"\u201c\u201d\u201e ")
    return inner.endswith((".", ",", "?", "!", "\u2014", "-", "\u2026", ":")) or _words(inner) >= MIN_SENTENCE_WORDS


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


def _continues(group: _QuoteGroup, quote: Quotation, paragraph_start: int) -> bool:
    """The quotation belongs with the group: same paragraph, or the next paragraph of a quote that runs on."""
    if not group.quotations:
        return False
    last = group.quotations[-1]
    return last.paragraph == quote.paragraph or (last.runs_on and quote.start == paragraph_start)


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
        continues = _continues(group, quote, paragraph.start)
        if continues and intro[0] is not None and group.quotations[-1].end >= sentence_start:
            # '"A," he said, "B."': the cue between the parts introduces the second part too.
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
    return findings, used_clauses, used


def _close(group: _QuoteGroup, findings: list[Finding]) -> _QuoteGroup:
    """Turn a finished group into a finding; a fresh group goes on."""
    if group.quotations:
        findings.append(group.to_finding())
    return _QuoteGroup()


# --------------------------------------------------------- reported speech


_PRONOUN_OBJECT = re.compile(r"\s*(?:me|us|him|her|them|you|reporters|journalists)\b(?:\s+(?:that|on|in|about)\b)?")


def _skip_object(text: str, start: int, end: int) -> int:
    """'told reporters that', 'urged Congress to': past the listener to the content."""
    pronoun = _PRONOUN_OBJECT.match(text, start, end)
    if pronoun is not None:
        return pronoun.end()
    match = re.match(r"\s*(?:(?:the|a|an|his|her|their)\s+)?[\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]*){0,4}(?:\s+(?:reporters|audience|crowd|supporters))?", text[start:end])
    if match is None:
        return start
    rest = text[start + match.end() : end]
    if re.match(r"\s*(?:,\s*)?(?:that\b|to\b|:|,|on\b|in\b|about\b|of\b)", rest) or not rest.strip():
        return start + match.end()
    return start


def _content_after(text: str, cue_end: int, sentence_end: int, takes_object: bool) -> tuple[int, int, bool]:
    """Content span after a cue and whether it opens with 'that' or a colon (a clear clause)."""
    pos = cue_end
    adjunct = _CUE_ADJUNCT.match(text, pos, sentence_end)
    if adjunct and adjunct.end() > pos:
        pos = adjunct.end()
    if takes_object:
        pos = _skip_object(text, pos, sentence_end)
        adjunct = _CUE_ADJUNCT.match(text, pos, sentence_end)
        if adjunct and adjunct.end() > pos:
            pos = adjunct.end()
    that = re.match(r"\s*(?:,\s*)?(that\b|:|to\b)?\s*", text[pos:sentence_end])
    clear = bool(that and that.group(1))
    pos += that.end() if that else 0
    end = sentence_end
    split = _SPLIT_CUES.search(text, pos, end)
    if split:
        end = split.start()
    while end > pos and (text[end - 1].isspace() or text[end - 1] in ".,;"):
        end -= 1
    return pos, end, clear


# Where reported content ends inside a sentence: a contrast or an aside the speaker did not say.
_CLAUSE_END = re.compile(r"\s(?:--|\u2014|\u2013)\s|,\s+(?:although|though|while|whereas|but|even as|as well as|according to)\b|;")


def _trim_content(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> int:
    """The end of the reported content, with a trailing contrast or aside cut off (never inside a quotation)."""
    for stop in _CLAUSE_END.finditer(text, start, end):
        if not _inside(quoted, stop.start()):
            end = stop.start()
            break
    while end > start and text[end - 1] in " ,.;":
        end -= 1
    return end


def _content_before(text: str, sentence_start: int, ref_start: int) -> tuple[int, int] | None:
    """'..., Peskov said.': the content runs from the sentence start to the comma before the speaker."""
    head = text[sentence_start:ref_start].rstrip()
    role = re.search(r"[,\u2014:]\s*((?:[\w.'\u2019-]+\s+){0,%d}[\w.'\u2019-]+)?$" % MAX_SPEAKER_LEAD_WORDS, head)
    if role is None or (role.group(1) and not _is_role_phrase(role.group(1))):
        return None
    end = sentence_start + role.start()
    start = sentence_start
    return (start, end) if _words(text[start:end]) >= MIN_CONTENT_WORDS else None


# 'the state', 'a tweet', 'his claims': after these a cue word is a noun, not a verb.
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|your|this|these|those|whose|every|each|no|any)\s+$", re.IGNORECASE)
_NOT_CONTENT = re.compile(r"\s*(?:by|with|for|from|up|down|off|back)\b")


# 'if proposed sanctions', 'the long expected vote': a past participle used as an adjective.
_ADJECTIVAL_BEFORE = re.compile(r"\b(?:if|when|of|for|with|by|on|in|than|newly|recently|widely|long|much|often|so-called)\s+$", re.IGNORECASE)


def _is_verb(text: str, sentence: Sentence, cue: CueMatch) -> bool:
    """A cue word used as a noun ('the state', 'a tweet') or an adjective ('if proposed sanctions') reports nothing."""
    before = max(sentence.start, cue.start - 10)
    if cue.lemma in cue_words().nouns:
        return True
    if _NOUN_BEFORE.search(text, before, cue.start):
        return False
    return not (cue.word.endswith("ed") and _ADJECTIVAL_BEFORE.search(text, before, cue.start))


HEADLINE_SHARE = 0.6  # share of capitalised words from which a sentence reads as a headline
MIN_HEADLINE_WORDS = 4


def _is_headline(sentence: Sentence) -> bool:
    """'Sanders Says He Will Stay In The Race': title case hides the cue from a lower-case lookup."""
    words = sentence.text.split()
    return len(words) >= MIN_HEADLINE_WORDS and sum(w[:1].isupper() for w in words) >= HEADLINE_SHARE * len(words)


def _cues(ctx: Context, sentence: Sentence, skip: list[tuple[int, int]]) -> list[CueMatch]:
    text = ctx.article.text
    found = iter_cues(text, sentence.start, sentence.end)
    lowered = sentence.text.lower()
    if not found and _is_headline(sentence) and len(lowered) == len(sentence.text):
        shift = sentence.start
        found = [replace(c, start=c.start + shift, end=c.end + shift, word=text[c.start + shift : c.end + shift]) for c in iter_cues(lowered, 0, len(lowered))]
    return [cue for cue in found if not _inside(skip, cue.start) and _is_verb(text, sentence, cue)]


def _according_to(ctx: Context, sentence: Sentence, cue: CueMatch) -> Finding | None:
    text = ctx.article.text
    comma = text.find(",", cue.end, sentence.end)
    if text[sentence.start : cue.start].strip() == "" and comma > 0:
        ref = _phrase_at_end(text, cue.end, comma) or subject_after(text, cue.end, comma)
        start, end = comma + 1, sentence.end
    else:
        head = text[sentence.start : cue.start].rstrip()
        if not head.endswith(","):
            return None
        ref = subject_after(text, cue.end, sentence.end)
        start, end = sentence.start, sentence.start + len(head) - 1
    while end > start and text[end - 1] in " .,;\u201d\"":
        end -= 1
    if _words(text[start:end]) < MIN_CONTENT_WORDS:
        return None
    return Finding(start, end, QuoteKind.INDIRECT, cue.word, ref)


_COORDINATED = re.compile(r"\b(?:and|but)\s+" + _AUXILIARIES + r"$")
_CLAUSE_START = re.compile(r"(?:^|[,;:\u2014(]\s*|\b(?:while|as|because|since|although|though|when|if|and|but)\s+)" r"(?=[^,;:\u2014(]*$)")
MAX_SUBJECT_WORDS = 16


def _any_subject(text: str, start: int, cue: int) -> SpeakerRef | None:
    """A subject no lexicon knows ('hacking specialists say', '47% say'), or the sentence's subject
    for a second verb ('... and said'): the speaker is then unnamed or found by resolution."""
    head = text[start : _strip_aside(text, start, cue)]
    if _COORDINATED.search(head):
        return SpeakerRef("", cue, "subject")
    clause = _CLAUSE_START.search(head)
    phrase = head[clause.end() :] if clause else head
    if not phrase.strip() or len(phrase.split()) > MAX_SUBJECT_WORDS or phrase.split()[-1].lower() in _NOT_SUBJECT_ENDINGS:
        return None
    phrase_start = start + (clause.end() if clause else 0)
    names = [m for m in cast_lib.NAME_RUN.finditer(text, phrase_start, cue) if cast_lib.mention_at(text, m.start(), m.end())]
    if names:
        return SpeakerRef(names[-1].group(0), names[-1].start(), "name")
    return SpeakerRef(phrase.strip(), phrase_start, "group")


# A phrase ending in these is not a subject: 'it is hard to say', 'as he has been said'.
_NOT_SUBJECT_ENDINGS = {"to", "is", "was", "be", "been", "being", "are", "were", "it", "there", "that", "which", "not", "of", "in", "for", "by", "with"}


def _noun_cue(text: str, sentence: Sentence, cue: CueMatch) -> Finding | None:
    """'Trump's claim that ...', 'the belief that ...': the content after, a possessive name as speaker."""
    start, end, _ = _content_after(text, cue.end, sentence.end, False)
    if _words(text[start:end]) < MIN_CONTENT_WORDS + 1:
        return None
    owner = re.search(rf"({cast_lib.NAME_WORD}(?:\s{cast_lib.NAME_WORD})*)['\u2019]s?\s+(?:[\w-]+\s+)?$", text[max(sentence.start, cue.start - 60) : cue.start])
    ref = SpeakerRef(owner.group(1), max(sentence.start, cue.start - 60) + owner.start(1), "name") if owner else None
    return Finding(start, end, QuoteKind.INDIRECT, cue.word, ref)


def _over_quotations(ctx: Context, start: int, end: int) -> int:
    """A quotation opened inside the content carries it to the closing mark, past any sentence break."""
    for a, b in ctx.quotation_spans:
        if start <= a < end < b:
            return b
    return end


def _reported(ctx: Context, sentence: Sentence, cue: CueMatch, first_ref: SpeakerRef | None) -> Finding | None:
    """One cue in one sentence -> its content and speaker, or None when it reports nothing."""
    text = ctx.article.text
    words = cue_words()
    if cue.lemma == "according to":
        return _according_to(ctx, sentence, cue)
    if cue.lemma in words.nouns:
        return _noun_cue(text, sentence, cue)
    weak = cue.lemma in words.weak
    if _NOT_CONTENT.match(text, cue.end, sentence.end):
        return None  # 'responded by helping', 'proposed by Democrats': what was done, not said
    if weak and _MODAL_BEFORE.search(text, max(sentence.start, cue.start - 12), cue.start):
        return None  # 'Russia will respond in kind': a plan, not something reported
    start, end, clear = _content_after(text, cue.end, sentence.end, cue.lemma in words.takes_object)
    ref = _cue_subject(text, sentence, cue, first_ref, clear)
    if cue.lemma in words.clause_only and not clear:
        start = end
    end = _trim_content(text, start, _over_quotations(ctx, start, end), ctx.quotation_spans)
    firm_subject = ref is not None and (ref.kind in {"name", "pronoun"} or not weak or clear)
    if firm_subject and _words(text[start:end]) >= MIN_CONTENT_WORDS:
        return Finding(start, end, QuoteKind.INDIRECT, cue.word, ref)
    return None if weak else _reported_before(text, sentence, cue, ref)


def _cue_subject(text: str, sentence: Sentence, cue: CueMatch, first_ref: SpeakerRef | None, clear: bool) -> SpeakerRef | None:
    """Who speaks: the phrase before the cue; for ', adding that ...' the sentence's speaker;
    before a 'that' clause any subject at all ('hacking specialists say that')."""
    if cue.word.endswith("ing") and text[sentence.start : cue.start].rstrip(" \"\u201d'").endswith(","):
        return first_ref or SpeakerRef("", cue.start, "subject")
    ref = subject_before(text, sentence.start, cue.start)
    if ref is None and (clear or cue.lemma not in cue_words().weak):
        ref = _any_subject(text, sentence.start, cue.start)
    return ref


MAX_ATTRIBUTION_TAIL_WORDS = 6  # '..., Peskov said in a call with reporters.': what may follow the cue


def _reported_before(text: str, sentence: Sentence, cue: CueMatch, ref: SpeakerRef | None) -> Finding | None:
    """'..., Peskov said.' or '..., said Peskov.': the content is the sentence before the speaker."""
    inverted = subject_after(text, cue.end, sentence.end) if ref is None else None
    speaker = ref or inverted
    if speaker is None:
        return None
    if ref is not None:
        tail = text[cue.end : sentence.end].strip(" .\"\u201d\u2019")
        if tail and _words(tail) > MAX_ATTRIBUTION_TAIL_WORDS:
            return None
    elif _words(re.split(r"[,;]", text[speaker.start + len(speaker.text) : sentence.end])[0]) > MAX_ATTRIBUTION_TAIL_WORDS:
        return None
    span = _content_before(text, sentence.start, ref.start if ref is not None else cue.start)
    return Finding(span[0], span[1], QuoteKind.INDIRECT, cue.word, speaker) if span else None


# 'In a statement, ...', 'In an interview with CNN, ...': the source opens the sentence.
_IN_SOURCE = re.compile(
    r"(?:In|Speaking in|Writing in)\s+(?:an?|the|his|her|their|its|[A-Z][\w'\u2019.-]*(?:'s|\u2019s)?)\s+[^,;]{0,80}?\b"
    r"(?:statement|interview|poll|survey|report|speech|letter|op-ed|tweet|memo|e-?mail|post|study|analysis|filing|remarks|column|editorial|book|essay|video|ad|message|release)s?\b[^,;]{0,60},\s*"
)
# 'Clinton: ...' or 'Rep. Trey Gowdy (R-S.C.): ...': a name and a colon open the paragraph.
_NAME_COLON = re.compile(rf"((?:[\w.'\u2019-]+\s+){{0,5}}?{cast_lib.NAME_WORD}(?:\s{cast_lib.NAME_WORD})*)\s*(?:\([^)]{{1,30}}\))?\s*:\s*(?=[\"\u201c]?[A-Z])")


# 'Asked whether he would run, Smith said ...': the question put to the speaker is reported too.
_ASKED = re.compile(r"(?:When\s+)?[Aa]sked\s+(?:about\s+)?((?:if|whether|what|why|how|when|who|about|to)\b[^,;]{3,160}?),\s")


def _sourced_sentence(ctx: Context, sentence: Sentence) -> Finding | None:
    """A sentence opened by its source: 'In a statement, Smith ...' or 'Smith: ...'."""
    text = ctx.article.text
    paragraph = ctx.article.paragraphs[sentence.paragraph]
    opener = _IN_SOURCE.match(text, sentence.start, sentence.end)
    if opener is not None and not iter_cues(text, opener.end(), sentence.end):
        names = [m for m in cast_lib.NAME_RUN.finditer(text, sentence.start + 3, opener.end()) if cast_lib.mention_at(text, m.start(), m.end())]
        ref = SpeakerRef(names[-1].group(0), names[-1].start(), "name") if names else None
        return Finding(opener.end(), sentence.end, QuoteKind.INDIRECT, "in", ref)
    asked = _ASKED.match(text, sentence.start, sentence.end)
    if asked is not None:
        return Finding(asked.start(1), asked.end(1), QuoteKind.INDIRECT, "Asked", None)
    colon = _NAME_COLON.match(text, sentence.start, sentence.end) if sentence.start == paragraph.start else None
    if colon is not None and _words(text[colon.end() : paragraph.end]) >= MIN_CONTENT_WORDS + 1:
        return Finding(colon.end(), paragraph.end, QuoteKind.INDIRECT, ":", SpeakerRef(colon.group(1), sentence.start, "name"))
    return None


def find_reported(ctx: Context, skip: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Finding]:
    """Indirect and mixed speech, sentence by sentence, outside direct quotes and their attributions."""
    findings: list[Finding] = []
    for sentence in ctx.sentences:
        first_ref: SpeakerRef | None = None
        covered_to = sentence.start
        sourced = _sourced_sentence(ctx, sentence)
        if sourced is not None and not any(a < sourced.end and sourced.start < b for a, b in taken):
            findings.append(sourced)
            covered_to = sourced.end
        for cue in _cues(ctx, sentence, skip):
            if cue.start < covered_to and (cue.lemma in cue_words().weak or cue.lemma in cue_words().nouns):
                continue
            finding = _reported(ctx, sentence, cue, first_ref)
            if finding is None or any(a < finding.end and finding.start < b for a, b in taken):
                continue
            findings.append(finding)
            covered_to = max(covered_to, finding.end)
            if first_ref is None and finding.ref is not None and finding.ref.kind in {"name", "pronoun", "nominal"}:
                first_ref = finding.ref
    return findings


MIN_STRAY_WORDS = 4


def _stray_quotations(ctx: Context, used: set[int], findings: list[Finding]) -> list[Finding]:
    """Quoted words inside narration with no cue ('described them as "a serious mistake"'):
    a partial quote of whoever the sentence is about. Short ones are titles or scare quotes."""
    text = ctx.article.text
    stray = []
    for index, quote in enumerate(ctx.quotations):
        if index in used or _words(text[quote.start : quote.end]) < MIN_STRAY_WORDS:
            continue
        if any(f.start <= quote.start < f.end for f in findings):
            continue
        stray.append(Finding(quote.start, quote.end, QuoteKind.MIXED, None, SpeakerRef("", quote.start, "subject")))
    return stray


def _mark_mixed(findings: list[Finding], quotations: list[Quotation], used: set[int]) -> list[Finding]:
    """Reported speech that carries a quotation not already a direct quote is 'mixed'."""
    marked = []
    for finding in findings:
        inside = any(i not in used and finding.start <= q.start < finding.end for i, q in enumerate(quotations))
        marked.append(replace(finding, kind=QuoteKind.MIXED) if inside else finding)
    return marked


# ------------------------------------------------------------ resolution


@dataclass
class Resolver:
    """Maps speaker phrases to entities in article order, remembering who the text is about."""

    ctx: Context
    cast: Cast
    salient: list[tuple[int, Entity]]  # (offset, person) for sentence subjects, in order
    last_speaker: Entity | None = None

    def resolve(self, finding: Finding) -> Entity | None:
        ref = finding.ref
        if ref is None or ref.kind == "group":
            return None
        if ref.kind == "name":
            entity = self._named(ref)
        elif ref.kind == "pronoun":
            entity = self._person_before(ref.start, _PRONOUN_GENDER[ref.text]) if ref.text in _PRONOUN_GENDER else None
        elif ref.kind == "nominal":
            entity = self._nominal(ref)
        else:  # "previous" or "subject": the one who was speaking or is the sentence's subject
            entity = self._sentence_subject(ref.start) if ref.kind == "subject" else self.last_speaker
            entity = entity or self.last_speaker
        if entity is not None and not entity.is_organisation:
            self.last_speaker = entity
        return entity

    def _named(self, ref: SpeakerRef) -> Entity | None:
        entity = self.cast.lookup(ref.text)
        if entity is not None:
            return entity
        mention = cast_lib.mention_at(self.ctx.article.text, ref.start, ref.start + len(ref.text))
        return self.cast.add(mention) if mention is not None else None

    def _organisation(self, ref: SpeakerRef) -> Entity:
        """'the Kremlin', 'the State Department': an organisation speaks under its own name."""
        name = re.sub(r"^(?:the|a|an)\s+", "", ref.text, flags=re.IGNORECASE)
        entity = self.cast.lookup(name)
        if entity is None:
            entity = self.cast.add(cast_lib.Mention(ref.start, ref.start + len(ref.text), name, None, True))
        return entity

    def _person_before(self, offset: int, gender: str) -> Entity | None:
        """The person the text is about at `offset`: the latest sentence subject (in this or the
        previous sentence) or else the latest speaker; never one the pronoun cannot mean."""

        def fits(entity: Entity | None) -> bool:
            return entity is not None and entity.gender in (None, gender)

        i = bisect.bisect_left(self.salient, offset, key=lambda item: item[0])
        here = self.ctx.sentence_index(offset)
        while i > 0 and self.ctx.sentence_index(self.salient[i - 1][0]) >= here - 1:
            if fits(self.salient[i - 1][1]):
                return self.salient[i - 1][1]
            i -= 1
        if fits(self.last_speaker):
            return self.last_speaker
        nearby = self._named_nearby(offset, here)
        if gender and any(fits(e) and e.gender for e in nearby):
            return next(e for e in nearby if fits(e) and e.gender)
        earlier = [entity for _, entity in self.salient[:i] if fits(entity)]
        return earlier[-1] if earlier else None

    def _named_nearby(self, offset: int, here: int) -> list[Entity]:
        """People named in this or the previous sentence before `offset`, latest first."""
        found = []
        for mention in reversed(self.cast.mentions):
            if mention.start >= offset:
                continue
            if self.ctx.sentence_index(mention.start) < here - 1:
                break
            entity = self.cast.lookup(mention.name)
            if entity is not None and not entity.is_organisation:
                found.append(entity)
        return found

    def _sentence_subject(self, offset: int) -> Entity | None:
        i = bisect.bisect_left(self.salient, offset, key=lambda item: item[0])
        if i > 0 and self.ctx.sentence_index(self.salient[i - 1][0]) == self.ctx.sentence_index(offset):
            return self.salient[i - 1][1]
        return None

    def _nominal(self, ref: SpeakerRef) -> Entity | None:
        """'the spokesman' -> the person with that role; 'a top diplomat' -> the person named next."""
        head = fold(ref.text.split()[-1])
        if ref.text.split()[-1][:1].isupper():
            return self._organisation(ref)
        for entity in self.cast.entities:
            if entity.role and fold(entity.role.split()[-1]) == head and not entity.is_organisation:
                return entity
        if head in lexicon().organisation_words:
            return None
        later = [e for offset, e in self.salient if ref.start < offset < ref.start + NOMINAL_LOOKAHEAD]
        return later[0] if later else None


SUBJECT_REACH = 90  # characters from a sentence's start in which its subject is looked for
_PRONOUN_GENDER = {"he": "m", "she": "f"}
NOMINAL_LOOKAHEAD = 600  # characters: "a top diplomat said ... Deputy Foreign Minister X" in the next paragraph


def _salient_people(ctx: Context, cast: Cast) -> list[tuple[int, Entity]]:
    """Persons named at the start of a sentence's subject or as the subject before a cue."""
    starts = [m.start for m in cast.mentions]
    found = []
    for sentence in ctx.sentences:
        i = bisect.bisect_left(starts, sentence.start)
        while i < len(starts) and starts[i] < min(sentence.end, sentence.start + SUBJECT_REACH):
            entity = cast.lookup(cast.mentions[i].name)
            if entity is not None and not entity.is_organisation:
                found.append((starts[i], entity))
                break
            i += 1
    return found


def _to_quotes(ctx: Context, findings: list[Finding], resolver: Resolver) -> tuple[list[Quote], dict[int, Entity]]:
    quotes: list[Quote] = []
    who: dict[int, Entity] = {}
    text = ctx.article.text
    for finding in findings:
        entity = resolver.resolve(finding)
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
            )
        )
    return quotes, who


def _is_organisation(entity: Entity) -> bool:
    """News introduces a person with a first name or a role; a bare single name that never gets
    either ('Russia', 'NATO', 'Democrats') is a country, group or organisation speaking."""
    single = len(entity.name.split()) == 1
    return entity.is_organisation or (single and (not entity.role or fold(entity.name) in lexicon().group_nouns))


def _speakers(quotes: list[Quote], who: dict[int, Entity]) -> tuple[Speaker, ...]:
    counts: dict[int, int] = {}
    order: list[Entity] = []
    for index in sorted(who):
        entity = who[index]
        if id(entity) not in counts:
            order.append(entity)
        counts[id(entity)] = counts.get(id(entity), 0) + 1
    return tuple(
        Speaker(
            name=e.name,
            role=e.role,
            aliases=tuple(a for a in e.aliases if a != e.name),
            quotes=counts[id(e)],
            is_organisation=_is_organisation(e),
        )
        for e in order
    )


def _context(article: Article, sentences: tuple[Sentence, ...]) -> Context:
    quotations = find_quotations(article)
    return Context(article, sentences, quotations, [s.start for s in sentences], [(q.start, q.end) for q in quotations])


def find_attributions(article: Article, sentences: tuple[Sentence, ...], people: tuple[Person, ...] = ()) -> Attributions:
    """Every quote with its speaker, and one Speaker per person quoted."""
    ctx = _context(article, sentences)
    cast = cast_lib.build_cast(article)
    direct, clauses, used = find_direct(ctx)
    # Words inside quotation marks are the quoted speaker's, never the narrator's cue.
    skip = ctx.quotation_spans + clauses
    taken = [span for f in direct for span in (f.fragments or ((f.start, f.end),))]
    reported = _mark_mixed(find_reported(ctx, skip, taken), ctx.quotations, used)
    stray = _stray_quotations(ctx, used, [*direct, *reported])
    findings = sorted([*direct, *reported, *stray], key=lambda f: (f.start, f.end))
    resolver = Resolver(ctx, cast, _salient_people(ctx, cast))
    quotes, who = _to_quotes(ctx, findings, resolver)
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


# ------------------------------------------------------------ key quotes

KEY_QUOTE_MIN_WORDS = 8
KEY_QUOTE_IDEAL_WORDS = 30


def _strength(quote: Quote) -> float:
    """Longer, whole-sentence quotes say more; very long ones are trimmed in the reader's mind."""
    words = _words(quote.text)
    ends_sentence = quote.text.rstrip("\"”’ ").endswith((".", "!", "?"))
    return min(words, KEY_QUOTE_IDEAL_WORDS) - max(0, words - 2 * KEY_QUOTE_IDEAL_WORDS) / 4 + (5 if ends_sentence else 0)


def key_quotes(attributions: Attributions, count: int) -> tuple[Quote, ...]:
    """The strongest attributed direct quotes, at most one per speaker first, in article order."""
    candidates = [
        q for q in attributions.quotes if q.kind is QuoteKind.DIRECT and q.speaker and _words(q.text) >= KEY_QUOTE_MIN_WORDS
    ]
    ranked = sorted(candidates, key=_strength, reverse=True)
    chosen: list[Quote] = []
    for per_speaker in (1, 2, count):  # one each first, then a second, then whatever is left
        for quote in ranked:
            if len(chosen) >= count:
                break
            if quote not in chosen and sum(q.speaker == quote.speaker for q in chosen) < per_speaker:
                chosen.append(quote)
    return tuple(sorted(chosen, key=lambda q: q.start))
