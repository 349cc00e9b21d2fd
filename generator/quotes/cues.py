"""Reporting cues: the verbs, phrases and nouns that report speech ('said', 'according to',
'the claim that'), every form of them, found by one dictionary lookup per word."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import re

from generator.quotes.lexicon import lexicon


# 'Mr Hockney told the BBC: "..."', 'the BBC was told': after these verbs, or as the subject of
# their passive, stands the one spoken to, never the speaker.
ADDRESSEE_VERBS = frozenset({"tell", "inform", "notify", "assure", "remind"})
AUXILIARIES = (
    r"(?:(?:has|have|had|also|meanwhile|later|previously|repeatedly|then|once|recently|publicly|privately|long|would|will|"
    r"could|might|may|did|does|do|not|n't|never|again|first|further|often|frequently|already|earlier|"
    r"reportedly|allegedly|simply|just|even|still|flatly|openly|quickly|directly|explicitly|specifically|"
    r"strongly|clearly|bluntly|firmly|angrily|sharply|separately|herself|himself|themselves|itself|is|was|are|were|been|"
    r"be|am|remains|remained|very|so|increasingly|more|less|quite|deeply|fairly|pretty|extremely|"
    r"isn't|wasn't|aren't|weren't|won't|wouldn't|can't|couldn't|didn't|doesn't|don't|hasn't|haven't|"
    r"isn\u2019t|wasn\u2019t|won\u2019t|wouldn\u2019t|can\u2019t|couldn\u2019t|didn\u2019t|doesn\u2019t|don\u2019t|"
    r"hasn\u2019t|haven\u2019t|can|cannot|should|must|shall|had)\s+)*"
)
SPLIT_CUES = re.compile(r",[\"\u201d]?\s+(?:adding|saying|noting|arguing|explaining|insisting|warning|claiming|stressing|suggesting|acknowledging|telling|writing|asking|calling)\b|;\s+|\s+(?:and|but)\s+(?:also\s+)?(?:said|added|noted|warned|argued|told|insisted|says|adds)\b")


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


# A lower-case word: a cue is one of them or two in a row ("according to").
_WORD = re.compile(r"(?<![\w'\u2019</-])(?:[a-z]+|According)(?![\w'\u2019-])")


@dataclass(frozen=True)
class CueMatch:
    start: int
    end: int
    word: str
    lemma: str


@lru_cache(maxsize=1)
def _phrase_heads() -> frozenset[str]:
    """The first words of the two-word cues."""
    return frozenset(form.split(" ")[0] for form in cue_words().forms if form.count(" ") == 1)


@lru_cache(maxsize=1)
def _words_to_look_up() -> frozenset[str]:
    """The words, as _WORD finds them, that are a cue or open one: every other word is passed over."""
    known = frozenset(cue_words().forms) | _phrase_heads()
    return known | ({"According"} if "according" in known else set())


def iter_cues(text: str, start: int, end: int) -> list[CueMatch]:
    """Reporting verbs (and phrases such as 'according to') in text[start:end]; a dictionary lookup
    per word, and per pair of words one space or more apart when the first opens a phrase cue."""
    forms = cue_words().forms
    heads = _phrase_heads()
    wanted = _words_to_look_up()
    found = []
    words = list(_WORD.finditer(text, start, end))
    after_phrase = start  # a phrase cue's second word is no cue of its own
    for index, match in enumerate(words):
        if match.group(0) not in wanted or match.start() < after_phrase:
            continue
        first = match.group(0).lower()
        if first in heads and index + 1 < len(words):
            following = words[index + 1]
            second = following.group(0)
            gap = text[match.end() : following.start()]
            phrase = f"{first} {second}"
            if second != "According" and gap and gap.isspace() and phrase in forms:
                found.append(CueMatch(match.start(), following.end(), text[match.start() : following.end()], forms[phrase]))
                after_phrase = following.end()
                continue
        if first in forms:
            found.append(CueMatch(match.start(), match.end(), first, forms[first]))
    return found
