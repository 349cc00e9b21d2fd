"""Reported speech: a cue with its subject and content clause, 'according to X', 'In a
statement, ...', 'Name: ...'; quoted words left in narration are partial quotes."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.model import QuoteKind, Sentence
from generator.quotes import speakers as cast_lib
from generator.quotes.cues import ADDRESSEE_VERBS, AUXILIARIES, SPLIT_CUES, CueMatch, cue_words, iter_cues
from generator.quotes.findings import Context, Finding, SpeakerRef, count_words, is_inside, overlaps
from generator.quotes.lexicon import fold, lexicon, word_set
from generator.quotes.phrases import MAX_SPEAKER_LEAD_WORDS, heads_subject, is_role_phrase, phrase_at_end, strip_aside, subject_after, subject_before
from generator.quotes.quotations import Quotation


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
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|can|may|might|must|should|to)\s+$")
MIN_CONTENT_WORDS = 2
ACTION_EVIDENCE = 0.5  # how surely a weak cue before 'to' or an object reports speech at all

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
    split = SPLIT_CUES.search(text, pos, end)
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
        if not is_inside(quoted, stop.start()):
            end = stop.start()
            break
    while end > start and text[end - 1] in " ,.;":
        end -= 1
    return end


def _content_before(text: str, sentence_start: int, ref_start: int) -> tuple[int, int] | None:
    """'..., Peskov said.': the content runs from the sentence start to the comma before the speaker."""
    head = text[sentence_start:ref_start].rstrip()
    role = re.search(r"[,\u2014:]\s*((?:[\w.'\u2019-]+\s+){0,%d}[\w.'\u2019-]+)?$" % MAX_SPEAKER_LEAD_WORDS, head)
    if role is None or (role.group(1) and not is_role_phrase(role.group(1))):
        return None
    end = sentence_start + role.start()
    start = sentence_start
    return (start, end) if count_words(text[start:end]) >= MIN_CONTENT_WORDS else None


# 'the state', 'a tweet', 'his claims': after these a cue word is a noun, not a verb.
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|your|this|these|those|whose|every|each|no|any)\s+$", re.IGNORECASE)
# After a weak cue ('refuse', 'respond', 'add', 'feel'), 'to' or a noun with a preposition is mostly
# what was done or wanted ('refused to comply', 'responded to requests', 'felt the need to act').
_ACTION_AFTER = re.compile(r"\s+(?:to\s|(?:the|a|an|his|her|their|its|our|my|your)\s+[a-z][\w-]*\s+(?:to|of|for|from|with|on|in)\s)")
_NOT_CONTENT = re.compile(r"\s*(?:by|with|for|from|up|down|off|back)\b")


# 'if proposed sanctions', 'the long expected vote': a past participle used as an adjective.
_ADJECTIVAL_BEFORE = re.compile(r"\b(?:if|when|of|for|with|by|on|in|than|newly|recently|widely|long|much|often|so-called)\s+$", re.IGNORECASE)


# "Leahy's credit card": after a possessive a cue word is a noun.
_POSSESSIVE_BEFORE = re.compile(r"\w['\u2019]s?\s+$")
# 'Dawson has been recalled to the squad': the subject of a passive did not speak.
_PREPOSITIONS = frozenset({"with", "without", "after", "before", "despite", "for", "from", "in", "on", "at", "by", "under", "since", "during", "against", "like"})
_PASSIVE_BEFORE = re.compile(r"\b(?:been|being|be|is|are|was|were)\s+$")


def _is_verb(text: str, sentence: Sentence, cue: CueMatch) -> bool:
    """A cue word used as a noun ('the state', 'a tweet') or an adjective ('if proposed sanctions') reports nothing."""
    before = max(sentence.start, cue.start - 10)
    if cue.lemma in cue_words().nouns:
        return True
    if _NOUN_BEFORE.search(text, before, cue.start) or _POSSESSIVE_BEFORE.search(text, max(sentence.start, cue.start - 30), cue.start):
        return False
    if cue.word.endswith("ed") and _PASSIVE_BEFORE.search(text, max(sentence.start, cue.start - 15), cue.start):
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
    return [cue for cue in found if not is_inside(skip, cue.start) and _is_verb(text, sentence, cue)]


def _according_to(ctx: Context, sentence: Sentence, cue: CueMatch) -> Finding | None:
    text = ctx.article.text
    comma = text.find(",", cue.end, sentence.end)
    if text[sentence.start : cue.start].strip() == "" and comma > 0:
        ref = phrase_at_end(text, cue.end, comma) or subject_after(text, cue.end, comma)
        if ref is not None and _names_a_poll(text[cue.end : ref.start]):
            ref = None  # 'According to exit polls conducted by Edison Research, ...': a pollster is no speaker
        start, end = comma + 1, sentence.end
    else:
        head = text[sentence.start : cue.start].rstrip()
        if not head.endswith(","):
            return None
        ref = subject_after(text, cue.end, sentence.end)
        start, end = sentence.start, sentence.start + len(head) - 1
    while end > start and text[end - 1] in " .,;\u201d\"":
        end -= 1
    if count_words(text[start:end]) < MIN_CONTENT_WORDS:
        return None
    return Finding(start, end, QuoteKind.INDIRECT, cue.word, ref)


def _names_a_poll(words: str) -> bool:
    return any(word in word_set("poll_nouns") for word in re.findall(r"[a-z]+", words))


_COORDINATED = re.compile(r"\b(?:and|but)\s+" + AUXILIARIES + r"$")
_CLAUSE_START = re.compile(r"(?:^|[,;:\u2014(]\s*|\b(?:while|as|because|since|although|though|when|if|and|but)\s+)" r"(?=[^,;:\u2014(]*$)")
MAX_SUBJECT_WORDS = 16


def _any_subject(text: str, start: int, cue: int) -> SpeakerRef | None:
    """A subject no lexicon knows ('hacking specialists say', '47% say'), or the sentence's subject
    for a second verb ('... and said'): the speaker is then unnamed or found by resolution."""
    head = text[start : strip_aside(text, start, cue)]
    if _COORDINATED.search(head):
        return SpeakerRef("", cue, "subject")
    clause = _CLAUSE_START.search(head)
    phrase = head[clause.end() :] if clause else head
    if not phrase.strip() or len(phrase.split()) > MAX_SUBJECT_WORDS or phrase.split()[-1].lower() in _NOT_SUBJECT_ENDINGS:
        return None
    phrase_start = start + (clause.end() if clause else 0)
    names = [m for m in cast_lib.name_runs(text, phrase_start, cue) if cast_lib.mention_at(text, m.start(), m.end())]
    if names and heads_subject(text, names[-1].end(), cue):
        # 'Bank of America said': the whole body's name, not its last run.
        name_start = cast_lib.organisation_start(text, names[-1].start(), names[-1].end(), phrase_start)
        return SpeakerRef(text[name_start : names[-1].end()], name_start, "name")
    return SpeakerRef(phrase.strip(), phrase_start, "group")




# A phrase ending in these is not a subject: 'it is hard to say', 'as he has been said'.
_NOT_SUBJECT_ENDINGS = {"to", "is", "was", "be", "been", "being", "are", "were", "it", "there", "that", "which", "not", "of", "in", "for", "by", "with"}


def _noun_cue(text: str, sentence: Sentence, cue: CueMatch) -> Finding | None:
    """'Trump's claim that ...', 'the belief that ...': the content after, a possessive name as speaker."""
    start, end, _ = _content_after(text, cue.end, sentence.end, False)
    if count_words(text[start:end]) < MIN_CONTENT_WORDS + 1:
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
    if firm_subject and count_words(text[start:end]) >= MIN_CONTENT_WORDS:
        # 'refused to turn over', 'did not respond to requests', 'has added the ability to': more
        # likely done or wanted than said; kept as a statement, too unsure to name its speaker.
        action = (
            (weak and _ACTION_AFTER.match(text, cue.end, sentence.end) is not None)
            or _hedges_an_action(text, cue, sentence.end)
            or (not clear and _reports_an_act(text, cue, start, end))
        )
        return Finding(start, end, QuoteKind.INDIRECT, cue.word, ref, evidence=ACTION_EVIDENCE if action else 1.0)
    return None if weak else _reported_before(text, sentence, cue, ref)


# An object ('Mark Cueto', 'people', 'Elvis'), then a participle ('penalised') or a second object ('his place').
_OBJECT = r"(?:(?:[A-Z][\w'\u2019.-]*\s+)+|(?:people|him|her|them|us|me|it)\s+)"
_OBJECT_AND_PARTICIPLE = re.compile(rf"{_OBJECT}[a-z]+ed\b")
_TWO_OBJECTS = re.compile(rf"{_OBJECT}(?:his|her|their|its)\b")


def _reports_an_act(text: str, cue: CueMatch, start: int, end: int) -> bool:
    """'saw Mark Cueto penalised', 'calling people signed up', 'denied Elvis his place': a verb
    with an object and its complement reports what was done, not something said."""
    if cue.lemma in word_set("object_complement_verbs"):
        return _OBJECT_AND_PARTICIPLE.match(text, start, end) is not None
    return cue.lemma in word_set("double_object_verbs") and _TWO_OBJECTS.match(text, start, end) is not None


def _hedges_an_action(text: str, cue: CueMatch, sentence_end: int) -> bool:
    """'Christie appeared to end his bid': a hedge reports speech only before a reporting verb
    ('appeared to suggest that ...')."""
    if cue.lemma not in word_set("hedge_cues"):
        return False
    verb = re.match(r"\s*(?:(?:not|never|[a-z]+ly)\s+)*([a-z]+)", text[cue.end : sentence_end])
    return verb is None or verb.group(1) not in cue_words().forms


def _cue_subject(text: str, sentence: Sentence, cue: CueMatch, first_ref: SpeakerRef | None, clear: bool) -> SpeakerRef | None:
    """Who speaks: the phrase before the cue; for ', adding that ...' the sentence's speaker;
    before a 'that' clause any subject at all ('hacking specialists say that')."""
    if cue.word.split()[0].endswith("ing") and text[sentence.start : cue.start].rstrip(" \"\u201d'").endswith((",", "\u2013", "\u2014", " -")):
        return first_ref or SpeakerRef("", cue.start, "subject")
    if _PASSIVE_BEFORE.search(text, sentence.start, cue.start) and cue.lemma in ADDRESSEE_VERBS:
        return None  # 'the BBC News website was told': the one told is no speaker
    ref = subject_before(text, sentence.start, cue.start)
    if ref is None and (clear or cue.lemma not in cue_words().weak):
        ref = _any_subject(text, sentence.start, cue.start)
    if ref is not None and ref.kind == "name" and ref.text.split()[0].lower() in _PREPOSITIONS:
        return None  # 'With Mike Tindall ruled out of the match': a name after a preposition is no subject
    if ref is not None and ref.kind == "name" and _object_of_word_before(text, sentence.start, ref.start, cue):
        # 'ahead of IMF forecasts', 'ways of getting TV signals': the statement, if any, is nobody's here.
        return SpeakerRef(text[ref.start : cue.start].strip(), ref.start, "group")
    return ref


def _object_of_word_before(text: str, sentence_start: int, name_start: int, cue: CueMatch) -> bool:
    """A name right after a preposition or an -ing verb is that word's object, never the subject
    of the cue ('ahead of IMF forecasts', 'growth in GDP seen', 'getting TV signals'). A preposition
    after a word for people or a body names who speaks ('a spokesman for Toyota said', '79 percent
    of Democrats said', 'advisers to Mr Obama say'), and so does 'by' after a document ('a study by
    Gartner has said'); 'with' before an -ing cue too ('with Cruz promising ...')."""
    before = text[max(sentence_start, name_start - 60) : name_start].split()
    if not before or not before[-1].islower():
        return False
    word, head = before[-1], fold(before[-2]).strip(",") if len(before) > 1 else ""
    lex = lexicon()
    if word.endswith("ing") and word not in lex.titles:
        return word != "according"
    if word not in word_set("object_prepositions") or (word == "with" and cue.word.split()[0].endswith("ing")):
        return False
    speaking_head = (
        head in lex.role_nouns or head.rstrip("s") in lex.role_nouns or head in lex.group_nouns or head in lex.titles
        or head in lex.organisation_words or head in word_set("quantity_words") or head[:1].isdigit() or head.endswith("%")
    )
    return not speaking_head and not (word == "by" and head in word_set("authored_nouns"))


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+$")

MAX_ATTRIBUTION_TAIL_WORDS = 6  # '..., Peskov said in a call with reporters.': what may follow the cue


def _reported_before(text: str, sentence: Sentence, cue: CueMatch, ref: SpeakerRef | None) -> Finding | None:
    """'..., Peskov said.' or '..., said Peskov.': the content is the sentence before the speaker."""
    inverted = subject_after(text, cue.end, sentence.end) if ref is None else None
    speaker = ref or inverted
    if speaker is None:
        return None
    if ref is not None:
        tail = text[cue.end : sentence.end].strip(" .\"\u201d\u2019")
        if tail and count_words(tail) > MAX_ATTRIBUTION_TAIL_WORDS:
            return None
    elif count_words(re.split(r"[,;]", text[speaker.start + len(speaker.text) : sentence.end])[0]) > MAX_ATTRIBUTION_TAIL_WORDS:
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
        names = [m for m in cast_lib.name_runs(text, sentence.start + 3, opener.end()) if cast_lib.mention_at(text, m.start(), m.end())]
        ref = SpeakerRef(names[-1].group(0), names[-1].start(), "name") if names else None
        return Finding(opener.end(), sentence.end, QuoteKind.INDIRECT, "in", ref)
    asked = _ASKED.match(text, sentence.start, sentence.end)
    if asked is not None:
        return Finding(asked.start(1), asked.end(1), QuoteKind.INDIRECT, "Asked", None)
    colon = _NAME_COLON.match(text, sentence.start, sentence.end) if sentence.start == paragraph.start else None
    if colon is not None and count_words(text[colon.end() : paragraph.end]) >= MIN_CONTENT_WORDS + 1:
        return Finding(colon.end(), paragraph.end, QuoteKind.INDIRECT, ":", SpeakerRef(colon.group(1), sentence.start, "name"))
    return None


def find_reported(ctx: Context, skip: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Finding]:
    """Indirect and mixed speech, sentence by sentence, outside direct quotes and their attributions."""
    findings: list[Finding] = []
    for sentence in ctx.sentences:
        first_ref: SpeakerRef | None = None
        covered_to = sentence.start
        sourced = _sourced_sentence(ctx, sentence)
        if sourced is not None and not overlaps(sourced.start, sourced.end, taken):
            findings.append(sourced)
            covered_to = sourced.end
        for cue in _cues(ctx, sentence, skip):
            if cue.start < covered_to and (cue.lemma in cue_words().weak or cue.lemma in cue_words().nouns):
                continue
            finding = _reported(ctx, sentence, cue, first_ref)
            if finding is None and first_ref is None:
                # 'The Sanders campaign responded Friday, saying ...': a cue that reports nothing
                # itself still names who speaks in the '..., saying' after it.
                subject = subject_before(ctx.article.text, sentence.start, cue.start)
                opens = subject is not None and not ctx.article.text[sentence.start : subject.start].strip()
                first_ref = subject if opens and subject.kind in {"name", "nominal"} else None
            if finding is None or overlaps(finding.start, finding.end, taken):
                continue
            findings.append(finding)
            covered_to = max(covered_to, finding.end)
            if first_ref is None and finding.ref is not None and finding.ref.kind in {"name", "pronoun", "nominal"}:
                first_ref = finding.ref
    return findings


MIN_STRAY_WORDS = 4


def stray_quotations(ctx: Context, used: set[int], findings: list[Finding]) -> list[Finding]:
    """Quoted words inside narration with no cue ('described them as "a serious mistake"'):
    a partial quote of whoever the sentence is about. Short ones are titles or scare quotes."""
    text = ctx.article.text
    stray = []
    for index, quote in enumerate(ctx.quotations):
        if index in used or count_words(text[quote.start : quote.end]) < MIN_STRAY_WORDS:
            continue
        if any(f.start <= quote.start < f.end for f in findings):
            continue
        stray.append(Finding(quote.start, quote.end, QuoteKind.MIXED, None, SpeakerRef("", quote.start, "subject")))
    return stray


def mark_mixed(findings: list[Finding], quotations: list[Quotation], used: set[int]) -> list[Finding]:
    """Reported speech that carries a quotation not already a direct quote is 'mixed'."""
    marked = []
    for finding in findings:
        inside = any(i not in used and finding.start <= q.start < finding.end for i, q in enumerate(quotations))
        marked.append(replace(finding, kind=QuoteKind.MIXED) if inside else finding)
    return marked


