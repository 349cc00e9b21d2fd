"""Speaker phrases -> people and organisations, in article order, with how sure each link is."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.model import QuoteKind
from generator.quotes import speakers as cast_lib
from generator.quotes.findings import Context, Finding, SpeakerRef, is_inside
from generator.quotes.lexicon import fold, lexicon, word_set
from generator.quotes.roles import POSSESSIVE
from generator.quotes.phrases import heads_subject
from generator.quotes.speakers import Cast, Entity


# How sure an attribution is, by the evidence that links the statement to its speaker.
EXPLICIT_NAME = 0.95  # 'Peskov said' / 'said Peskov' right next to the statement
PRONOUN_SUBJECT = 0.85  # 'he said' -> the subject of this or the previous sentence
PRONOUN_LAST_SPEAKER = 0.8  # 'he said' -> whoever spoke last
PRONOUN_NEARBY = 0.7  # 'she said' -> the one woman named in this or the previous sentence
PRONOUN_EARLIER = 0.4
CONTINUATION = 0.9  # a quote-only paragraph right after the speaker's own statement
CONTINUATION_FADE = 0.15  # lost per paragraph further from that statement
OTHER_PERSON_BETWEEN = 0.5  # factor when someone else became the subject in between
SENTENCE_SUBJECT = 0.6  # quoted words in narration -> the sentence's subject
NOMINAL_ORGANISATION = 0.85  # 'the Kremlin said'
NOMINAL_ROLE = 0.8  # 'the spokesman said' -> the person with that role
NOMINAL_AHEAD = 0.7  # 'a top diplomat said' -> the person named next, introduced with a role
NOMINAL_AHEAD_NO_ROLE = 0.4
NOMINAL_TOPIC = 0.65  # 'the actor said' -> the person the text is about, when no role fits
TOPIC_SENTENCES = 3
# Factors for how well the speaker is known: a full name or an organisation is safe to print;
# a lone word that the article never introduces may be a place, a work or a common noun.
LONE_WORD_WITH_ROLE = 0.9
LONE_WORD_QUOTED = 0.7  # '"...," Hitachi said': a direct quote is rarely a place's
LONE_WORD = 0.6  # 'China says ...': reported speech of a lone word is a country or a common noun
COMMON_WORD = 0.3  # a name word the article also uses in lower case ('Telephone', 'Search')
MIN_CAPITALS_LINE = 12  # letters: 'U.N. PANEL RULES ...' reads as a line in capitals, 'IBM said' does not
# Only an attribution this sure moves the story on to a new current speaker.
MIN_TO_FOLLOW = 0.5


@dataclass(frozen=True)
class Resolution:
    entity: Entity | None
    confidence: float


@dataclass
class Resolver:
    """Maps speaker phrases to entities in article order, remembering who the text is about."""

    ctx: Context
    cast: Cast
    salient: list[tuple[int, Entity]]  # (offset, person) for sentence subjects, in order
    last_speaker: Entity | None = None
    last_paragraph: int = -1  # where the last speaker last spoke

    def resolve(self, finding: Finding) -> Resolution:
        """The speaker of one finding and how sure the link is."""
        ref = finding.ref
        if ref is None or ref.kind == "group":
            if ref is not None and ref.kind == "group" and finding.kind is QuoteKind.DIRECT:
                self.last_speaker = None  # '"...," experts A and B wrote': the next quote is not the earlier speaker's
            return Resolution(None, 0.0)
        if ref.kind == "name" and self._in_capitals(ref.start):
            return Resolution(None, 0.0)  # 'U.N. PANEL RULES FOR WIKILEAKS FOUNDER.': no name can be told from a word
        if ref.kind == "name":
            entity, evidence = self._named(ref), EXPLICIT_NAME
        elif ref.kind == "pronoun":
            entity, evidence = self._person_before(ref.start, _PRONOUN_GENDER[ref.text]) if ref.text in _PRONOUN_GENDER else (None, 0.0)
        elif ref.kind == "nominal":
            entity, evidence = self._nominal(ref)
        elif ref.kind == "subject":
            entity, evidence = self._sentence_subject(ref.start), SENTENCE_SUBJECT
            if entity is None:
                entity, evidence = self.last_speaker, self._continuation(finding.start) * SENTENCE_SUBJECT
        else:  # "previous": no attribution of its own, the quote goes on from whoever spoke
            entity, evidence = self.last_speaker, self._continuation(finding.start)
        if entity is None:
            return Resolution(None, 0.0)
        confidence = round(evidence * finding.evidence * self._known(entity, finding.kind), 3)
        if entity.is_person_like and confidence >= MIN_TO_FOLLOW:
            self.last_speaker = entity
            self.last_paragraph = self._paragraph(finding.start)
        return Resolution(entity, confidence)

    def _in_capitals(self, offset: int) -> bool:
        """The sentence at `offset` is a line in capitals, where names print as every other word does."""
        sentence = self.ctx.sentence_at(offset)
        letters = [c for c in sentence.text if c.isalpha()] if sentence is not None else []
        return len(letters) >= MIN_CAPITALS_LINE and all(c.isupper() for c in letters)

    def _topic(self, ref: SpeakerRef) -> Entity | None:
        """'The Oscar-nominated actor said': a definite description no role fits is the person the
        text is about, named as a subject in the last few sentences."""
        if not ref.text.lower().startswith("the ") or fold(ref.text.split()[-1]) not in lexicon().role_nouns:
            return None
        i = bisect.bisect_left(self.salient, ref.start, key=lambda item: item[0])
        if i == 0:
            return None
        at, entity = self.salient[i - 1]
        near = self.ctx.sentence_index(ref.start) - self.ctx.sentence_index(at) <= TOPIC_SENTENCES
        return entity if near else None

    def _paragraph(self, offset: int) -> int:
        return self.ctx.sentences[self.ctx.sentence_index(offset)].paragraph if self.ctx.sentences else 0

    def _continuation(self, offset: int) -> float:
        """How surely an unattributed quote at `offset` goes on from the last speaker."""
        if self.last_speaker is None:
            return 0.0
        gap = max(0, self._paragraph(offset) - self.last_paragraph - 1)
        confidence = CONTINUATION - CONTINUATION_FADE * gap
        since = self._paragraph_start(self.last_paragraph + 1)
        first = bisect.bisect_left(self.salient, since, key=lambda item: item[0])
        last = bisect.bisect_left(self.salient, offset, key=lambda item: item[0])
        if any(entity is not self.last_speaker for _, entity in self.salient[first:last]):
            confidence *= OTHER_PERSON_BETWEEN
        return max(0.0, confidence)

    def _paragraph_start(self, index: int) -> int:
        paragraphs = self.ctx.article.paragraphs
        return paragraphs[index].start if index < len(paragraphs) else len(self.ctx.article.text)

    def _known(self, entity: Entity, kind: QuoteKind) -> float:
        """How safe the name is to print: full names and organisations are; a lone word less so."""
        words = entity.name.split()
        if len(words) == 1 and fold(words[0]) in self.cast.lower_case_words:
            return COMMON_WORD
        if len(words) > 1 or entity.is_organisation:
            return 1.0
        if entity.role or entity.gender:
            return LONE_WORD_WITH_ROLE
        return LONE_WORD_QUOTED if kind is QuoteKind.DIRECT else LONE_WORD

    def _named(self, ref: SpeakerRef) -> Entity | None:
        if _POLL_AFTER.match(self.ctx.article.text, ref.start + len(ref.text)):
            return None  # 'according to a new Associated Press-GfK poll': a pollster is no speaker
        entity = self.cast.lookup(ref.text, before=ref.start)
        if entity is None and self.cast.is_shared(ref.text):
            return None  # 'Clinton' before either Clinton the article names: nobody for sure
        if entity is None:
            mention = cast_lib.mention_at(self.ctx.article.text, ref.start, ref.start + len(ref.text), self.cast.lower_case_words)
            entity = self.cast.add(mention) if mention is not None else None
        # 'China says', 'Europeans said': a place or its people speaks through someone the text names.
        return None if entity is None or cast_lib.is_place(entity.name) else entity

    def _organisation(self, ref: SpeakerRef) -> Entity:
        """'the Kremlin', 'the State Department': an organisation speaks under its own name."""
        name = re.sub(r"^(?:the|a|an)\s+", "", ref.text, flags=re.IGNORECASE)
        entity = self.cast.lookup(name)
        if entity is None:
            entity = self.cast.add(cast_lib.Mention(ref.start, ref.start + len(ref.text), name, None, True))
        return entity

    def _named_body(self, ref: SpeakerRef, spokesperson: bool = False) -> Entity | None:
        """'the Venezuelan government', 'the Trump campaign': a body named by the names before its
        noun; 'the government' or 'his campaign' names none. For a spokesperson the body is the
        names alone ('a Labour Party spokesman' -> Labour Party; 'a Conservative spokeswoman' ->
        the Conservatives the article names)."""
        words = ref.text.split()
        if words and fold(words[0]) in {"the", "a", "an"}:
            words = words[1:]
        modifiers = words[:-1]
        if not modifiers or not all(w[:1].isupper() and fold(w) not in lexicon().not_names for w in modifiers):
            return None
        if spokesperson and (cast_lib.is_place(" ".join(modifiers)) or any(POSSESSIVE.search(w) for w in modifiers)):
            return None  # 'a Russian spokesman', "a Kremlin's ..." : no body's name
        name = " ".join(modifiers if spokesperson else words)
        if spokesperson:
            name = self._plural_in_text(name)
        entity = self.cast.lookup(name)
        if entity is None:
            start = ref.start + ref.text.index(words[0])
            entity = self.cast.add(cast_lib.Mention(start, start + len(name), name, None, True))
        return entity

    def _only_named(self, ref: SpeakerRef) -> Entity | None:
        """'the government said' -> the Venezuelan government, when the article names exactly one
        government by a proper word ('the Venezuelan government'); else nobody."""
        words = ref.text.split()
        if len(words) != 2 or fold(words[0]) != "the" or fold(words[1]) not in _GOVERNING_BODIES:
            return None
        pattern = re.compile(rf"\b((?:[A-Z][\w'\u2019-]*\s)+){re.escape(words[1])}\b")
        names = set()
        for match in pattern.finditer(self.ctx.article.text):
            run = cast_lib.strip_common_opening(match.group(1).split())
            if run and fold(run[0]) not in lexicon().not_names:
                names.add(" ".join(run))
        if len(names) != 1:
            return None
        name = f"{names.pop()} {words[1]}"
        entity = self.cast.lookup(name)
        return entity or self.cast.add(cast_lib.Mention(ref.start, ref.start + len(ref.text), name, None, True))

    def _body_named_by(self, word: str, offset: int) -> Entity | None:
        """The body last named before `offset` with `word` in its name ('council' -> UK Film Council)."""
        key = fold(word)
        for mention in reversed(self.cast.mentions):
            if mention.start < offset and mention.is_organisation and key in {fold(w) for w in mention.name.split()}:
                return self.cast.lookup(mention.name) or self.cast.add(mention)
        return None

    def _plural_in_text(self, name: str) -> str:
        """'Conservative' -> 'Conservatives', 'Tory' -> 'Tories' where the article names them so:
        a party's spokesperson speaks for the party."""
        for plural in (name + "s", name[:-1] + "ies" if name.endswith("y") else None):
            if plural and re.search(rf"\b{re.escape(plural)}\b", self.ctx.article.text):
                return plural
        return name

    def _person_before(self, offset: int, gender: str) -> tuple[Entity | None, float]:
        """The person the text is about at `offset`: the latest sentence subject (in this or the
        previous sentence) or else the latest speaker; never one the pronoun cannot mean."""

        def fits(entity: Entity | None) -> bool:
            return entity is not None and entity.is_person_like and entity.gender in (None, gender)

        i = bisect.bisect_left(self.salient, offset, key=lambda item: item[0])
        here = self.ctx.sentence_index(offset)
        while i > 0 and self.ctx.sentence_index(self.salient[i - 1][0]) >= here - 1:
            if fits(self.salient[i - 1][1]):
                return self.salient[i - 1][1], PRONOUN_SUBJECT
            i -= 1
        if fits(self.last_speaker):
            return self.last_speaker, PRONOUN_LAST_SPEAKER
        nearby = self._named_nearby(offset, here)
        if gender and any(fits(e) and e.gender for e in nearby):
            return next(e for e in nearby if fits(e) and e.gender), PRONOUN_NEARBY
        earlier = [entity for _, entity in self.salient[:i] if fits(entity)]
        return (earlier[-1], PRONOUN_EARLIER) if earlier else (None, 0.0)

    def _named_nearby(self, offset: int, here: int) -> list[Entity]:
        """People named in this or the previous sentence before `offset`, latest first."""
        found = []
        for mention in reversed(self.cast.mentions):
            if mention.start >= offset or is_inside(self.ctx.quotation_spans, mention.start):
                continue
            if self.ctx.sentence_index(mention.start) < here - 1:
                break
            entity = self.cast.lookup(mention.name)
            if entity is not None and entity.is_person_like:
                found.append(entity)
        return found

    def _sentence_subject(self, offset: int) -> Entity | None:
        i = bisect.bisect_left(self.salient, offset, key=lambda item: item[0])
        if i > 0 and self.ctx.sentence_index(self.salient[i - 1][0]) == self.ctx.sentence_index(offset):
            return self.salient[i - 1][1]
        return None

    def _nominal(self, ref: SpeakerRef) -> tuple[Entity | None, float]:
        """'the spokesman' -> the person with that role; 'a top diplomat' -> the person named next."""
        head = fold(ref.text.split()[-1])
        if ref.text.split()[-1][:1].isupper():
            return self._organisation(ref), NOMINAL_ORGANISATION
        entity = entity_with_role(self.cast, ref.text.split(), ref.start)
        if entity is not None:
            return entity, NOMINAL_ROLE
        owner = _OWNER_NOUN.match(ref.text)
        if owner is not None:
            # "the council's spokesperson said": the body named before, by its own word, or nobody.
            body = self._body_named_by(owner.group(1), ref.start)
            return (body, NOMINAL_ORGANISATION) if body is not None else (None, 0.0)
        if head in _SPOKESPEOPLE and fold(ref.text.split()[0]) in {"a", "an"}:
            # 'A Labour Party spokesman said': an unnamed spokesperson speaks for the body.
            body = self._named_body(ref, spokesperson=True)
            if body is not None:
                return body, NOMINAL_ORGANISATION
        if head in lexicon().organisation_words:
            body = self._named_body(ref) or self._only_named(ref)
            return (body, NOMINAL_ORGANISATION) if body is not None else (None, 0.0)
        topic = self._topic(ref)
        if topic is not None:
            return topic, NOMINAL_TOPIC
        later = [e for offset, e in self.salient if ref.start < offset < ref.start + NOMINAL_LOOKAHEAD]
        if not later:
            return None, 0.0
        return later[0], NOMINAL_AHEAD if later[0].role else NOMINAL_AHEAD_NO_ROLE


# 'Edison Research polls', 'a Harbour Research survey': the lexicon's poll nouns after a name.
_POLL_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(word_set('poll_nouns'), key=len, reverse=True))}|exit\s+polls?)\b")
# "the council's spokesperson", "the bank's chief executive": a body's word with a possessive.
_OWNER_NOUN = re.compile(r"(?:the|its)\s+([a-z][\w-]*)['\u2019]s?\s")
_GOVERNING_BODIES = frozenset({"government", "administration", "campaign"})
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
SUBJECT_REACH = 90  # characters from a sentence's start in which its subject is looked for
_PRONOUN_GENDER = {"he": "m", "she": "f"}
NOMINAL_LOOKAHEAD = 600  # characters: "a top diplomat said ... Deputy Foreign Minister X" in the next paragraph


def entity_with_role(cast: Cast, words: list[str], offset: int) -> Entity | None:
    """'the Tory leader' -> the one person whose role ends in 'leader' and holds 'Tory'; among
    several, the one named last before `offset`; None when the role fits nobody for sure."""
    lex = lexicon()
    head = fold(words[-1])
    modifiers = {fold(w) for w in words[:-1]} - {"the", "a", "an", "his", "her", "their", "its"} - lex.not_names
    candidates = [e for e in cast.entities if e.role and fold(e.role.split()[-1]) == head and e.is_person_like]
    fitting = [e for e in candidates if modifiers <= {fold(w) for w in e.role.split()}]
    if len(fitting) <= 1:
        return fitting[0] if fitting else None
    named_before = {id(cast.lookup(m.name)): m.start for m in cast.mentions if m.start < offset}
    latest = max(fitting, key=lambda e: named_before.get(id(e), -1))
    return latest if id(latest) in named_before else None


# 'The Tory leader went on:', 'The cardinal said': a sentence whose subject is a known role.
_ROLE_SUBJECT = re.compile(r"[\"'\u201c\u2018]?(?:The|the)\s+((?:[\w'\u2019-]+\s+){0,3}?[a-z][\w-]*)\b")


def salient_people(ctx: Context, cast: Cast) -> list[tuple[int, Entity]]:
    """Persons named (or named by their role) at the start of a sentence's subject; a name inside
    quotation marks is someone the speaker talks about, never the subject of the narration."""
    starts = [m.start for m in cast.mentions]
    found = []
    for sentence in ctx.sentences:
        # 'He designed the format called RSS (Really Simple Syndication)': the pronoun is the
        # subject and goes on about its person, so a name later in the sentence is not the subject.
        by_pronoun = None if is_inside(ctx.quotation_spans, sentence.start) else _pronoun_subject(ctx, found, sentence)
        if by_pronoun is not None:
            found.append((sentence.start, by_pronoun))
            continue
        i = bisect.bisect_left(starts, sentence.start)
        while i < len(starts) and starts[i] < min(sentence.end, sentence.start + SUBJECT_REACH):
            if is_inside(ctx.quotation_spans, starts[i]) or _in_role_of_next(ctx.article.text, cast.mentions[i]) or _after_preposition(ctx.article.text, starts[i]):
                i += 1
                continue
            entity = cast.lookup(cast.mentions[i].name, before=starts[i] + 1)
            if entity is None or not entity.is_person_like:
                entity = _lone_name_by_pronoun(ctx, cast, cast.mentions[i], sentence)
            if entity is not None and entity.is_person_like and not cast_lib.is_place(entity.name):
                found.append((starts[i], entity))  # 'North Carolina' is never whom 'he' means
                break
            i += 1
        else:
            by_role = _role_subject(ctx, cast, sentence.start) or _pronoun_subject(ctx, found, sentence)
            if by_role is not None:
                found.append((sentence.start, by_role))
    return found


_SINGULAR_VERB = re.compile(r" (?:was|is|has|does|[a-z]+ly [a-z]+[^s\W]s|[a-z]+[^s\W]s)\b")
# 'Cruz admitted that his pick ...': a pronoun after a lone name, before any other name.
_PERSONAL_PRONOUN = re.compile(r"\b(?:(he|his|him|himself)|(she|her|hers|herself))\b", re.IGNORECASE)


def _lone_name_by_pronoun(ctx: Context, cast: Cast, mention: cast_lib.Mention, sentence) -> Entity | None:
    """A lone name opening a sentence ('Cruz openly admitted that his pick was ...') is a person of
    the gender of the next personal pronoun in the sentence, when no other name comes between; a
    body goes on as 'its', a place is never a person, and a word the article also writes in lower
    case ('Steering clear of ...') is no name. Once known, 'he said' in the next sentence can mean
    that person."""
    word = fold(mention.name)
    if len(mention.name.split()) != 1 or mention.is_organisation or cast_lib.is_place(mention.name):
        return None
    if word in cast.lower_case_words or word in lexicon().group_nouns or word.endswith(("ing", "ed")):
        return None
    text = ctx.article.text
    opening = text[sentence.start : mention.start].split()
    if any(fold(w.strip(",")) not in lexicon().not_names for w in opening):
        return None  # 'The former police chief, dubbed Robocop for his ...': no subject
    if not re.match(r" [a-z]", text[mention.end : mention.end + 2]) or not heads_subject(text, mention.end, sentence.end):
        return None  # 'Nonetheless, he ...', 'Behind the scenes he ...': a verb follows a subject
    if word.endswith("s") and not _SINGULAR_VERB.match(text, mention.end):
        return None  # 'Audiences can expect ...', 'Sales were great': a plural noun, unless a verb says one
    if any(fold(entity.name.split()[0]) == word for entity in cast.entities if len(entity.name.split()) > 1):
        return None  # 'Amadou' of Amadou Magassa: a first name alone may mean anyone in the family
    # This sentence, and the next one when it goes on with a pronoun ('Carson defied the question.
    # "...," he said.'), up to the next name.
    index = ctx.sentence_index(sentence.start)
    reach = ctx.sentences[index + 1].end if index + 1 < len(ctx.sentences) else sentence.end
    following = [m.start for m in cast.mentions if mention.end <= m.start < reach and not is_inside(ctx.quotation_spans, m.start)]
    stop = min(following, default=reach)
    pronoun = _PERSONAL_PRONOUN.search(ctx.article.text, mention.end, stop)
    if pronoun is None or is_inside(ctx.quotation_spans, pronoun.start()):
        return None
    entity = cast.lookup(mention.name, before=mention.start + 1) or cast.add(mention)
    entity.gender = entity.gender or ("m" if pronoun.group(1) else "f")
    return entity


# 'Under My Ask Jeeves users can ...', 'The trouble began on the Wright Stuff show': a name after a
# preposition is its object, never the sentence's subject.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|at|under|from|by|about|after|before|during|into|over|through|against|like|than|without)\s+"
    r"(?:(?:the|a|an|his|her|their|its|my|our|your)\s+)?$",
    re.IGNORECASE,
)


def _after_preposition(text: str, start: int) -> bool:
    return _PREPOSITION_BEFORE.search(text, max(0, start - 16), start) is not None


# 'Manchester United striker Ole Gunnar Solskjaer': a name, a role noun, then the person's name.
_ROLE_THEN_NAME = re.compile(r"['\u2019]?s? ([a-z][\w-]*) (?=[A-Z])")


def _in_role_of_next(text: str, mention: cast_lib.Mention) -> bool:
    """A name that only says whom the next person works for is not the sentence's subject, nor one
    that names a body after it ('The Sanders campaign responded')."""
    match = _ROLE_THEN_NAME.match(text, mention.end)
    if match is not None and (fold(match.group(1)) in lexicon().role_nouns or fold(match.group(1)) in lexicon().titles):
        return True
    body = _BODY_AFTER.match(text, mention.end)
    return body is not None and fold(body.group(1)) in lexicon().organisation_words


_BODY_AFTER = re.compile(r" ([a-z][\w-]*)\b")


# 'But he then missed ...': a sentence whose subject is a pronoun goes on about the same person.
_PRONOUN_SUBJECT = re.compile(r"\W*(?:(?:But|And|Yet|So|Then|Now|Still|However,?)\s+)?(He|he|She|she)\b")
PRONOUN_CHAIN_SENTENCES = 2  # how far back the person a pronoun subject continues may be named


def _pronoun_subject(ctx: Context, found: list[tuple[int, Entity]], sentence) -> Entity | None:
    match = _PRONOUN_SUBJECT.match(sentence.text)
    if match is None or not found:
        return None
    gender = _PRONOUN_GENDER[match.group(1).lower()]
    at, entity = found[-1]
    near = ctx.sentence_index(sentence.start) - ctx.sentence_index(at) <= PRONOUN_CHAIN_SENTENCES
    return entity if near and entity.gender in (None, gender) else None


def _role_subject(ctx: Context, cast: Cast, start: int) -> Entity | None:
    match = _ROLE_SUBJECT.match(ctx.article.text, start)
    if match is None or is_inside(ctx.quotation_spans, start):
        return None
    words = match.group(1).split()
    if fold(words[-1]) not in lexicon().role_nouns and fold(words[-1]) not in lexicon().titles:
        return None
    return entity_with_role(cast, words, start)


