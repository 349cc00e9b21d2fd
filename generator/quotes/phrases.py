"""Speaker phrases next to a cue: a name, a pronoun or a nominal ('the Kremlin spokesman')."""

from __future__ import annotations

import re

from generator.quotes import speakers as cast_lib
from generator.quotes.cues import AUXILIARIES
from generator.quotes.findings import SpeakerRef
from generator.quotes.lexicon import fold, lexicon, word_set


_PRONOUNS = {"he", "she", "they", "i", "we", "it", "who"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "some", "many", "most", "several", "other", "one", "two", "three", "another", "this", "that", "these", "those", "both", "all", "few"}
MAX_SUBJECT_DISTANCE = 140  # characters between an appositive's name and its cue
# Words after which a speaker phrase goes on about someone else: 'Jay LeBoff from Hotseat'.
PHRASE_ENDS = "|".join(lexicon().raw["speaker_phrase_ends"])
MAX_SPEAKER_LEAD_WORDS = 8  # words that may precede a name inside one speaker phrase
_NAME_AT_END = re.compile(rf"(?:{cast_lib.NAME_WORD}\s)*{cast_lib.NAME_WORD}\s*$")
# Where a name that ends a segment may start at the earliest, read on the segment reversed: every
# word of the name but its first is a whole word that opens with a capital or is a particle, one
# space apart; the first may be part of a word ('McDonald'). Searching for the name from there
# finds the match a search of the whole segment finds, without trying every position before it.
_NAME_TAIL_REVERSED = re.compile(
    r"\s*(?:(?:\S*[A-Z]|" + "|".join(re.escape(p[::-1]) for p in lexicon().raw["name_particles"]) + r")(?:\s|\Z))*\S*"
)
_WORD_AT_END = re.compile(r"([\w'\u2019.-]+)\s*$")
# The last word and the spaces after it, read on the reversed text: where _WORD_AT_END's match starts.
_WORD_TAIL_REVERSED = re.compile(r"\s*[\w'\u2019.-]*")


# 'Murphy — after a pause — told', 'Proponents, however, say': an aside between subject and cue.
_ASIDE_AT_END = re.compile(
    r"\s*(?:(?:\u2014|\u2013|--)[^\u2014\u2013]{1,80}(?:\u2014|\u2013|--)|\([^()]{1,80}\)|"
    r",\s*(?:however|though|too|also|meanwhile|moreover|in turn|in fact|of course|for (?:his|her|their|its) part|instead|nonetheless|still)\s*,)\s*$"
)


def strip_aside(text: str, start: int, end: int) -> int:
    aside = _ASIDE_AT_END.search(text, start, end)
    return aside.start() if aside else end


# ', 22, of Flint' or ', 29, of Huntsville, Ala.,' after a name: an age and a home town.
_AGE_AND_HOME = re.compile(r",\s*\d{1,3},\s+(?:of|from)\s+[A-Z][\w.'\u2019 -]*(?:,\s*[A-Z][\w.]*)?,?\s*$")


_PARTY_AT_END = re.compile(r"\s*\([^()]{1,30}\)\s*,?\s*$")
_AUXILIARIES_AT_END = re.compile(rf"\s{AUXILIARIES}$")


def _party_at_end(segment: str) -> re.Match[str] | None:
    """_PARTY_AT_END.search(segment), searched only from the spaces before the last bracket: a
    match holds no bracket but its own pair."""
    bracket = segment.rfind("(")
    if bracket < 0:
        return None
    return _PARTY_AT_END.search(segment, len(segment[:bracket].rstrip()))


def subject_before(text: str, start: int, end: int) -> SpeakerRef | None:
    """The speaker phrase that ends at `end` (just before a cue), looking no further back than `start`."""
    end = strip_aside(text, start, end)
    # 'Gov. John Kasich (R-OH), said': a party tag, with or without its comma, ends the name.
    party = _party_at_end(text[start:end])
    if party:
        end = start + party.start()
    home = _AGE_AND_HOME.search(text, start, end)
    if home:
        end = home.start()  # 'Cory James, 22, of Flint said': the person, not the town
    segment = text[start:end]
    aux = _AUXILIARIES_AT_END.search(" " + segment)
    stop = end - (len(aux.group(0)) - 1 if aux else 0)
    stop = max(start, stop)
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start and text[stop - 1] == ",":
        return _subject_before_appositive(text, start, stop - 1)
    return phrase_at_end(text, start, stop)


def _subject_before_appositive(text: str, start: int, comma: int) -> SpeakerRef | None:
    """'Ryabkov, who led the delegation, said': the name before the appositive."""
    search_from = max(start, comma - MAX_SUBJECT_DISTANCE)
    # 'The chairman of the Bar Council, Guy Mansfield, warned': the name in apposition.
    apposition = re.search(r",\s+([^,]+)$", text[search_from:comma])
    if apposition is not None:
        name = cast_lib.NAME_RUN.fullmatch(apposition.group(1).strip())
        if name is not None and len(name.group(0).split()) > 1:
            return SpeakerRef(name.group(0), search_from + apposition.start(1), "name")
    # 'The actor, whose films include Schindler's List, Michael Collins ..., said': the subject
    # stands before the relative clause, whatever names the clause lists.
    relative = re.search(r",\s+(?:who|whose|which|whom)\b", text[search_from:comma])
    if relative is not None:
        ref = phrase_at_end(text, start, search_from + relative.start())
        if ref is not None and ref.kind in {"name", "nominal", "pronoun"}:
            return ref
    for match in reversed(list(re.finditer(r",\s+(?=\S)", text[search_from:comma]))):
        left = search_from + match.start()
        ref = phrase_at_end(text, start, left)
        if ref is not None and ref.kind in {"name", "nominal", "group", "pronoun"}:
            return ref
    return None


def phrase_at_end(text: str, start: int, stop: int) -> SpeakerRef | None:
    segment = text[start:stop]
    if not segment.strip():
        return None
    name = _NAME_AT_END.search(segment, len(segment) - _NAME_TAIL_REVERSED.match(segment[::-1]).end())
    lex = lexicon()
    if name is not None:
        words = cast_lib.strip_possessive(name.group(0).split())
        if words and not all(fold(w) in lex.titles or fold(w) in lex.not_names for w in words):
            name_start = start + name.start()
            name_end = start + len(segment.rstrip())
            # 'Bank of America said': the whole body's name, not its last run ('America').
            name_start = cast_lib.organisation_start(text, name_start, name_end, start)
            return SpeakerRef(text[name_start:name_end], name_start, "name")
    last = _WORD_AT_END.search(segment, len(segment) - _WORD_TAIL_REVERSED.match(segment[::-1]).end())
    if last is None:
        return None
    word = last.group(1).lower()
    if word == "who":
        comma = text.rfind(",", start, start + last.start(1))
        antecedent = phrase_at_end(text, start, comma) if comma > start else None
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
    match = re.match(rf"\s*{AUXILIARIES}", text[start:end])
    offset = start + (match.end() if match else 0)
    phrase_end = re.search(rf"[,;:()\u2014]|\s(?:{PHRASE_ENDS})\s|$", text[offset : min(end, offset + 120)])
    stop = offset + (phrase_end.start() if phrase_end else 0)
    pronoun = re.match(r"(he|she|they|we|I)\b", text[offset:stop])
    if pronoun:
        return SpeakerRef(pronoun.group(1).lower(), offset, "pronoun")
    lex = lexicon()
    for name in reversed(list(cast_lib.name_runs(text, offset, stop))):
        words = cast_lib.strip_possessive(name.group(0).split())
        if not all(fold(w) in lex.titles or fold(w) in lex.not_names for w in words) and is_role_phrase(text[offset : name.start()]):
            # 'said the Bank of England': the whole body's name, not its last run.
            name_start = cast_lib.organisation_start(text, name.start(), name.end(), offset)
            name_end = cast_lib.organisation_end(text, name.start(), name.end(), min(end, offset + 120))
            return SpeakerRef(text[name_start:name_end], name_start, "name")
    nominal = re.match(r"((?:the|a|an|one|another|his|her|their)\s+(?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+)", text[offset:stop])
    if nominal:
        last = nominal.group(1).split()[-1].lower()
        if last in lex.role_nouns or last.rstrip("s") in lex.role_nouns or last in lex.group_nouns or last in lex.organisation_words:
            return SpeakerRef(nominal.group(1), offset, "nominal")
    return None


def is_role_phrase(words: str) -> bool:
    """Words that may precede a name inside one speaker phrase: 'the former', '9/11 widow'; never a
    reporting verb ('state prosecutor Alexis Ortiz told Reuters': Reuters is the one told)."""
    return len(words.split()) <= MAX_SPEAKER_LEAD_WORDS and not re.search(r"[,;:]", words) and _REPORTING_WORD.search(words) is None


_REPORTING_WORD = re.compile(r"\b(?:said|says|say|told|tells|tell|added|adds|asked|asks|wrote|writes)\b")


_AUXILIARY_WORDS = frozenset(re.findall(r"[a-z'\u2019]+", AUXILIARIES.replace(r"\u2019", "\u2019"))) - {"s"}
# What may stand between a subject and its verb: 'Wells Fargo just this month announced'.
_BEFORE_VERB = frozenset({"at", "in", "on", "during", "last", "this", "now", "later", "earlier", "then"})


def heads_subject(text: str, name_end: int, cue: int) -> bool:
    """The name is the subject's head when a verb, an auxiliary, an adverb or a time phrase follows
    it ('Twitter has now made clear', 'Cruz made an unprompted call for', 'Trump at the time said');
    a noun or 'and' after it makes it a modifier or one of several ('IMF directors at a meeting
    expected', 'the TV masts to broadcast signals', 'Blinkx and other search engines show')."""
    after = re.match(r"\s*([\w'\u2019-]+)", text[name_end:cue])
    if after is None:
        return True
    word = after.group(1)
    if not word.islower():
        return False
    verb = word.endswith("ed") or word in word_set("verbs_not_in_roles")
    return verb or word in _AUXILIARY_WORDS or word.endswith("ly") or word in _BEFORE_VERB
