"""A person's role as the article words it: 'Kremlin spokesman', 'deputy managing director of ...'.

A role is read from the words before a name ("Education Secretary Ruth Kelly",
"Bafta's Grant Dean") or from an apposition after it ("Ian Fogg, a Jupiter
Research analyst, said"). The name stage (speakers.py) asks these functions
for the role of every mention; they never decide what the name is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Sequence

from generator.model import Article
from generator.quotation_marks import ALL
from generator.quotes.lexicon import ends_sentence, fold, lexicon, word_set
from generator.quotes.quotations import find_quotations

# "Bafta's", "Jones'": a possessive word.
POSSESSIVE = re.compile(r"['\u2019]s?$")
# How many words before a name may hold its role ("Deputy Foreign Minister").
MAX_ROLE_WORDS = 6
HYPHEN_LOWER = re.compile(r"-[a-z]")
# Longer than 'list', 'wrist', 'twist': a lower-case word in '-ist' names a person's calling.
MIN_IST_ROLE_LENGTH = 5


@lru_cache(maxsize=1)
def _role_connectors() -> frozenset[str]:
    """Lower-case words that may stand inside a name or between a role and a name."""
    return word_set("role_connectors") | word_set("name_particles")


def split_role(words: list[str]) -> tuple[list[str], list[str]]:
    """('Deputy Foreign Minister Sergei Ryabkov') -> (role words, name words): the role runs to the
    last title, role noun, lower-case word or possessive ("Bafta's Grant Dean") before the name.
    The name words are as written: the caller strips the common words that may open them."""
    lex = lexicon()
    connectors = _role_connectors()
    # 'State Department': before an organisation word, capitalised titles belong to its name.
    is_organisation = bool(words) and fold(words[-1]) in lex.organisation_words
    cut = 0
    for index, word in enumerate(words[:-1]):
        plain = fold(word)
        # 'Fly-half', 'Oscar-nominated', 'Washington-based': a description, not a name
        lower_case = (word[:1].islower() and plain not in connectors) or HYPHEN_LOWER.search(word) is not None
        is_title = not is_organisation and (plain in lex.titles or plain in lex.role_nouns)
        # 'Liberal Democrat Vince Cable' but 'Lib Dems': a party is a role only before a full name.
        if plain in word_set("party_words") and len(words) - index <= 2:
            is_title = False
        # 'fertility expert Lord Winston': a peer's title stays with a one-word name.
        if plain in word_set("peerage_titles") and len(words) - index == 2:
            is_title = False
        # "Bafta's Grant Dean": a possessive is a role only before a full name, never in "Schindler's List".
        possessive = POSSESSIVE.search(word) and len(word) > 2 and len(words) - index > 2
        if is_title or lower_case or possessive:
            cut = index + 1
    return words[:cut], words[cut:]


@lru_cache(maxsize=1)
def _modifiers_alone() -> frozenset[str]:
    """Modifiers that say nothing without an office after them ('chief' and the like can be one)."""
    return word_set("role_modifiers") - {"chief", "senior", "veteran"}


def role_of(text: str, run_start: int, name_end: int, in_run: list[str], *, organisation: bool = False) -> list[str]:
    """The role of the name that ends at `name_end`, in the article's own words. `run_start` is
    where its run of capitalised words starts and `in_run` the role words inside that run
    ('Education Secretary' in 'Education Secretary Ruth Kelly'). The role comes from the words
    right before the name, else an apposition before or after it ('Its director general, Gordon
    Lishman, said'; 'Ian Fogg, a Jupiter Research analyst, said'), else the body named after it
    ('David Rogers, from the Local Government Association'). An organisation's role is only a
    description right before it ('telecoms giant BT')."""
    body_after_role: list[str] = []
    if organisation:
        described = role_before(text, run_start)
        role = described if described and fold(described[-1]) in word_set("organisation_role_nouns") else []
    else:
        shouted = next((i for i in range(len(in_run) - 1, 0, -1) if _is_shouted(in_run[i]) and _is_shouted(in_run[i - 1])), None)
        if shouted is not None:
            # 'KILLED IN BLAST Turkish President Recep Erdogan': the role starts after a headline in capitals.
            close = tidy_role(in_run[shouted + 1 :])
        else:
            close = tidy_role(role_before(text, run_start, _with_run_opening(text, run_start, in_run)))
        apposed = tidy_role(role_apposed_before(text, run_start, name_end))
        # 'Head of marine biology at the Coastal Institute, Professor Ian Wells,': a lone title says less,
        # but more than a relation to someone else ('His Republican opponent, Senator Ann Cole,').
        if len(apposed) > 1 and len(close) <= 1 and not (close and _is_relation(apposed)):
            close = apposed
        # 'his opponent Senator Ann Cole': her title, not how she stands to him.
        relation = max((i for i, w in enumerate(close[:-1]) if fold(w) in word_set("relation_nouns")), default=None)
        if relation is not None and is_role_word(close[relation + 1]) and close[relation + 1][:1].isupper():
            close = close[relation + 1 :]
        role = close or apposed or tidy_role(role_after(text, name_end)) or plural_role(text, run_start, name_end)
        body_after_role = [] if role else body_after(text, name_end)
        role = role or body_after_role
    # 'Former WorldCom ...': modifiers alone ('former', 'new') are no role; nor is 'One woman, ...'
    # without what makes her one ('the Birmingham woman').
    if all(fold(w) in word_set("role_modifiers") for w in role) or len(role) == 1 and fold(role[0]) in word_set("plain_person_nouns"):
        return []
    if role and fold(role[-1]) in _modifiers_alone():
        return []  # 'fellow former': the office after the modifier went to a name
    # 'Eighteen former Enron directors', 'the U.S.', 'white Christian schools': a role names what
    # someone is; a body's name after the person ('of Nomura Holdings') is the only role without one.
    if not (organisation or role is body_after_role or has_head(role)):
        return []
    if role and not organisation and POSSESSIVE.search(role[-1]) and len(role[-1]) > 2 and all(w[:1].isupper() for w in role):
        # "Tennis Australia's Geoff Pollard", "the Times' Ben Sisario": the body he speaks for.
        role = [*role[:-1], POSSESSIVE.sub("", role[-1])]
    return role


# A name in a list of names ('Ann Cole', 'Tom J. Hale'), and the rest of a list after one.
_LISTED_NAME = r"[A-Z][\w'\u2019-]*(?: (?:[A-Z]\.|[A-Z][\w'\u2019-]*))+"
_LIST_GOES_ON = re.compile(rf"(?:, {_LISTED_NAME})*,? and {_LISTED_NAME}")
_LIST_BEFORE = re.compile(rf"(?:{_LISTED_NAME}, )*{_LISTED_NAME}(,? and |, )$")


def plural_role(text: str, run_start: int, name_end: int) -> list[str]:
    """The role a plural gives each name of the list it opens: 'Democratic presidential candidate'
    for both in 'Democratic presidential candidates Ann Cole and Tom Hale'. The list is full
    names joined by commas and 'and'; the plural is a role noun's with '-s'."""
    before = text[max(0, run_start - 5) : run_start]
    if not (before.endswith((", ", " and ")) or text.startswith((", ", " and "), name_end)):
        return []  # no list here: the common case, decided without the patterns
    listed = _LIST_BEFORE.search(text, max(0, run_start - MAX_ROLE_AFTER_WORDS * 20), run_start)
    goes_on = _LIST_GOES_ON.match(text, name_end) is not None
    if listed is not None and ("and" in listed.group(1) or goes_on):
        list_start = listed.start()
    elif goes_on:
        list_start = run_start
    else:
        return []
    words, _ = _words_back_to_break(text, list_start, MAX_ROLE_WORDS)
    if not words or not (words[-1].islower() and words[-1].endswith("s") and fold(words[-1][:-1]) in lexicon().role_nouns):
        return []
    role = [words[-1][:-1]]
    modifiers = word_set("role_modifiers")
    for word in reversed(words[:-1]):
        if not _may_be_role_word(word, fold(word), modifiers) or fold(word) in {"of", "for"}:
            break
        role.insert(0, word)
    return tidy_role(role)


def _with_run_opening(text: str, run_start: int, in_run: list[str]) -> list[str]:
    """The role words of a name's run with the words the name stage left out before them: 'Home'
    in 'Home Secretary Charles Clarke' opening a sentence of an article that also writes 'home',
    "Australia's" in "Australia's Prime Minister John Howard". A verb form or function word opening
    the sentence stays out ('Says Mayor Tom Reed', 'But Prime Minister ...')."""
    if not in_run or all(fold(w) in word_set("honorifics") for w in in_run):
        return in_run
    position = text.find(in_run[0], run_start)
    left_out = text[run_start:position].split() if position > run_start else []
    lex = lexicon()
    if not left_out or any(fold(w) in lex.not_names or fold(w) in _verb_forms() or w.endswith("ed") or not w[:1].isupper() for w in left_out):
        return in_run
    return [*left_out, *in_run]


def _is_relation(role: list[str]) -> bool:
    """'Republican opponent', 'Democratic rival': how someone stands to another person."""
    return bool(role) and fold(role[-1]) in word_set("relation_nouns")


def has_head(role: Sequence[str]) -> bool:
    """Whether a role names what someone is ('coach', 'Microsoft chief', 'Labour', "BT's"), not only
    where from or when ('US', 'French', 'former') or an office's modifier ('House', 'campaign')."""
    lex = lexicon()
    not_heads = _not_heads()
    return any((_is_role_word_or_plural(w) and fold(w) not in not_heads) or POSSESSIVE.search(w) or fold(w) in lex.role_nouns for w in role) or _is_rank(
        list(role), len(role) - 1
    )


@lru_cache(maxsize=1)
def _not_heads() -> frozenset[str]:
    """Title words that never head a role alone: modifiers, places and where people are from."""
    words = word_set("role_modifiers") - {"chief"} | word_set("title_modifiers") | word_set("demonyms") | word_set("places")
    return frozenset(words | word_set("place_acronyms"))


def is_role_word(word: str) -> bool:
    """A title or role noun, also with a prefix ('ex-head', 'co-chairman')."""
    lex = lexicon()
    plain = fold(word)
    if plain in lex.titles or plain in lex.role_nouns:
        return True
    if word[:1].islower() and len(plain) > MIN_IST_ROLE_LENGTH and plain.endswith("ist"):
        return True  # 'environmentalist', 'geneticist': one who practises something
    prefix, _, rest = plain.partition("-")
    return bool(rest) and prefix in word_set("role_modifiers") and (rest in lex.titles or rest in lex.role_nouns)


def _one_of(words: list[str]) -> int:
    """How many words 'one of (the)' takes at the start of `words`: 'one of the co-founders of ...'."""
    folded = [fold(w) for w in words[:3]]
    if folded[:2] != ["one", "of"]:
        return 0
    return 3 if folded[2:] == ["the"] else 2


def _is_role_word_or_plural(word: str) -> bool:
    return is_role_word(word) or word.endswith("s") and is_role_word(word[:-1])


def tidy_role(words: list[str]) -> list[str]:
    """Role words as a reader wants them: no honorific, no article, no dangling 'of'."""
    if not words:
        return []
    lex = lexicon()
    honorifics = word_set("honorifics")
    expand = lex.raw["role_abbreviations"]
    # 'Sen.' spelled out, and a lone 'Prof' as the BBC writes it.
    words = [w for w in words if fold(w) not in honorifics]
    words = [expand.get(fold(w), w) if w.endswith(".") or len(words) == 1 and w.istitle() else w for w in words]
    modifiers = word_set("role_modifiers")
    keep_first = set(modifiers) | word_set("name_openers") | ({"one"} if _one_of(words) else set())
    # 'the', 'of', 'But' ('But Prime Minister Tony Blair'), 'Says' ('Says Mayor Tom Reed'): never the
    # first word of a role; 'at the' inside one stays.
    while words and (
        fold(words[0]) in {"the", "a", "an"}
        or fold(words[0]) in lex.not_names and fold(words[0]) not in keep_first and not words[0].isupper()  # 'US Senator'
        or fold(words[0]) in word_set("role_connectors")
        or fold(words[0]) in _irregular_verb_forms()
    ):
        words = words[1:]
    # 'former senior adviser to', 'veteran staffer for Sen' (the apposition stopped at 'Sen.'):
    # a role never ends in a joiner, a preposition or a title cut from the next name.
    dangling = {*word_set("role_connectors"), *word_set("speaker_phrase_ends"), "the", "a", "an", "with", "by", "under"}
    if len(words) > 1 and len(words[-1]) == 1 and words[-1].isupper():
        # 'former press secretary to George W' (the apposition stopped at 'W. Bush'): the cut name goes.
        joints = [i for i, w in enumerate(words) if w.islower() and fold(w) in dangling]
        words = words[: joints[-1]] if joints else words[:-1]
    while len(words) > 1 and (
        words[-1].islower() and fold(words[-1]) in dangling or fold(words[-1]) in word_set("name_abbreviations") and fold(words[-2]) in dangling
    ):
        words = words[:-1]
    has_role = any(is_role_word(w) or POSSESSIVE.search(w) for w in words) or _one_of(words) and any(_is_role_word_or_plural(w) for w in words)
    return words if has_role else []


# Words that may open a role phrase before a name and are no part of it ('The Danish trade minister').
_DETERMINERS = frozenset({"the", "a", "an", "one", "its", "his", "her", "their", "our", "but", "and"})
# A role before a name that reaches back to the sentence start may be this long
# ('World outdoor triple jump record holder and BBC pundit Jonathan Edwards'); elsewhere it is shorter.
MAX_OPENING_ROLE_WORDS = 10
# How long an apposition before a name may be ('Head of marine biology at the ... Institute, ').
MAX_APPOSED_WORDS = 12
_COMMA_BEFORE = re.compile(r",\s+$")


def _words_back_to_break(text: str, end: int, limit: int) -> tuple[list[str], str | None]:
    """The words of text[:end] back to the nearest break, at most `limit`, and the break they
    reach: "sentence" (a sentence end or line start), "clause" (a comma, bracket or quotation
    mark) or None (the limit came first)."""
    reach = 20 * limit
    window = text[max(0, end - reach) : end]
    line_start = window.rfind("\n") + 1
    words = window[line_start:].split()
    phrase: list[str] = []
    for word in reversed(words):
        if ends_sentence(word):
            return phrase, "sentence"
        if word[-1] in ",;:()" or word[-1] in ALL or word[0] in ALL:
            return phrase, "clause"
        if len(phrase) == limit:
            return phrase, None
        phrase.insert(0, word)
    return phrase, "sentence" if line_start > 0 or end <= reach else None


def _is_shouted(word: str) -> bool:
    """A word in capitals ('KILLED', 'IN'), as a headline run into the text writes it."""
    return len(word) > 1 and word.isalpha() and word.isupper()


def role_before(text: str, start: int, in_run: list[str] | None = None) -> list[str]:
    """The role words right before a name, with `in_run`, the role words inside its capitalised
    run: 'Kremlin spokesman' in 'Kremlin spokesman Dmitry Peskov', 'former Labour MP' in 'former
    Labour MP Tom Reed'. The words end in a role noun (or a modifier before `in_run`), so 'a major
    piece of Mr Clarke's' and 'voters back Bernie Sanders' hold none. Two roles joined by 'and'
    stay together only when they open the sentence: in 'talks between the prime minister and
    Labour MP John Smith' the first belongs to someone else."""
    lex = lexicon()
    modifiers = word_set("role_modifiers")
    words, reaches = _words_back_to_break(text, start, MAX_OPENING_ROLE_WORDS)
    honorifics = word_set("honorifics")
    if words and fold(words[-1]) == "the" and in_run and fold(in_run[0]) in honorifics:
        words = words[:-1]  # 'Vatican spokesman the Rev. Federico Lombardi'
    role: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        plain = fold(word)
        joins_roles = plain in {"and", "&"} and index > 0 and is_role_word(words[index - 1]) and bool(role)
        if not (joins_roles or _is_rank(words, index) or _may_be_role_word(word, plain, modifiers)):
            # 'would defeat Democratic front-runner', 'Just ask former senator': after a modal verb
            # comes a verb, and a reporting verb's plain form opens no role.
            # ('would counsel Clinton': even a word that can name a role is a verb there).
            plain_verb = not is_role_word(role[0] if role else "") and fold(role[0] if role else "") in _reporting_verbs()
            # 'to impress Lions coach', 'should not demonise ...': after 'to' or 'not' comes a verb.
            infinitive = plain in {"to", "not", "never"} and not is_role_word(role[0] if role else "") and (index == 0 or fold(words[index - 1]) not in word_set("before_prepositional_to"))
            if role and role[0].islower() and fold(role[0]) not in modifiers and (plain in word_set("modal_verbs") or infinitive or plain_verb):
                role.pop(0)
            break
        role.insert(0, word)
    if not (len(role) == len(words) and reaches == "sentence"):
        # Only the last coordinated role, and no longer than a role within a sentence is.
        joined = [i for i, w in enumerate(role) if fold(w) in {"and", "&"}]
        role = role[joined[-1] + 1 :] if joined else role
        role = role[-MAX_ROLE_WORDS:]
    # 'US coach Patrick McEnroe': 'US' is no pronoun here.
    while role and (fold(role[0]) in lex.not_names and fold(role[0]) not in modifiers and not (len(role[0]) > 1 and role[0].isupper()) or fold(role[0]) in {"of", "for"}):
        role.pop(0)
    # 'a leader of Mr. Cruz's home-school coalition': an honorific alone is no title to attach to.
    if any(fold(w) not in honorifics for w in in_run or ()):
        # Only what belongs to the title: 'former', 'Missouri Secretary of' before 'State ...',
        # 'Republican presidential candidate' before 'Texas Sen.'; never 'strong dislike for'.
        attached = len(role)
        while attached and (
            _belongs_to_title(role[attached - 1])
            or attached < len(role) and is_role_word(role[attached]) and role[attached - 1].islower() and fold(role[attached - 1]) not in _verb_forms()
        ):
            attached -= 1
        role = role[attached:]
        # 'the re-election campaign of President ...': what comes before 'of' names no person's office.
        joins = [i for i, w in enumerate(role) if fold(w) in {"of", "for"}]
        if joins and joins[-1] > 0 and fold(role[joins[-1] - 1]) not in lex.role_nouns:
            role = role[joins[-1] + 1 :]
        while role and fold(role[0]) in {"of", "for"}:
            role.pop(0)
        return role + (in_run or [])
    # 'spokesman for Democratic presidential candidate Hillary Clinton': what comes before 'for' is
    # someone else's role; hers is what follows it. In 'disdain for Republican presidential nominee'
    # and 'an account of campaign chairman' the words before it are common nouns, no role at all.
    joins = [i for i, w in enumerate(role) if fold(w) in {"for", "of"}]
    if joins and any(fold(w) in lex.role_nouns for w in role[joins[-1] + 1 :]):
        before = role[: joins[-1]]
        if any(is_role_word(w) for w in before) or all(w.islower() for w in before):
            role = role[joins[-1] + 1 :]
    last = fold(role[-1]) if role else ""
    return role if is_role_word(last) or last in word_set("organisation_role_nouns") or _is_rank(role, len(role) - 1) else []


def _is_rank(words: list[str], index: int) -> bool:
    """'one' in 'former world number one Ferrero': a ranking is a role."""
    return 0 < index < len(words) and fold(words[index]) in word_set("rank_numbers") and fold(words[index - 1]) == "number"


def _belongs_to_title(word: str) -> bool:
    """A word that may stand before a title in one role: a modifier, another role word, a joiner or a capitalised word."""
    return word[:1].isupper() or is_role_word(word) or fold(word) in word_set("role_modifiers") or fold(word) in {"of", "for"}


def role_apposed_before(text: str, start: int, name_end: int) -> list[str]:
    """A role set off by a comma before the name: 'The Danish trade minister, Lars Holm, said';
    'Harbour Trust chief executive, Mary Olden, said'. The phrase is a whole clause part that
    ends in a role noun, with no function word, verb form or quotation mark in it."""
    comma = _COMMA_BEFORE.search(text, max(0, start - 4), start)
    if comma is None:
        return []
    words, reaches = _words_back_to_break(text, comma.start(), MAX_APPOSED_WORDS)
    # 'The new chairman of the Bar Council, Guy Mansfield QC warned': at a sentence start the
    # closing comma may be missing; inside a sentence it must be there.
    if reaches is None or reaches == "clause" and not text.startswith(",", name_end):
        return []
    possessive_pronoun = bool(words) and fold(words[0]) in {"its", "his", "her", "their", "our"}
    while words and fold(words[0]) in _DETERMINERS:
        words = words[1:]
    if possessive_pronoun and len(words) < 2:
        return []  # 'His father, Duncan Hunter Sr.,': whose father, the phrase alone does not say
    # The head of the phrase ends it or comes before its first joiner ('Head of marine biology at ...').
    joiners = [i for i, w in enumerate(words) if fold(w) in {"of", "for", "at"}]
    if not words or not (is_role_word(words[-1]) or joiners and joiners[0] > 0 and is_role_word(words[joiners[0] - 1])):
        return []
    modifiers = word_set("role_modifiers")
    first = fold(words[0])
    if first.endswith(("ed", "ing")) and not is_role_word(words[0]):
        return []  # 'Asked about the minister, ...'
    for index, word in enumerate(words):
        plain = fold(word)
        connector = plain in {"of", "for", "at", "and", "&"} and 0 < index < len(words) - 1
        article = plain == "the" and index > 0 and fold(words[index - 1]) in {"of", "for", "at"}
        if not (connector or article or _may_be_role_word(word, plain, modifiers)):
            return []
    return words


_CAPITALISED_AFTER_HYPHEN = re.compile(r"^[a-z]+-[A-Z]")


def _may_be_role_word(word: str, plain: str, modifiers: set[str]) -> bool:
    """'Bristol University political scientist': titles, names of bodies and their modifiers; never a
    function word, a verb form or a quotation mark ('Protesters greeted Mayor ...', 'Trump threw
    veteran reporter ...')."""
    lex = lexicon()
    if is_role_word(word) or plain in modifiers or plain in {"of", "for"} or plain in word_set("role_gerunds"):
        return True  # 'chief operating officer', 'housing minister'
    if _CAPITALISED_AFTER_HYPHEN.search(word):
        return True  # 'ex-Downing Street media chief', 'pro-EU campaigner'
    if word[:1] in ALL or word[-1:] in ALL or plain in lex.not_names or plain in word_set("prepositions_not_in_roles") or any(c.isdigit() for c in word):
        return False  # 'minorities - Georgia businessman', 'campaign against Democratic front-runner'
    if plain in word_set("modal_verbs") or not plain.strip("-\u2013\u2014"):
        return False
    # 'Family Planning Association': capitalised, a verb form is part of a name.
    return word[:1].isupper() or not (plain in _verb_forms() or plain.endswith(("ed", "ing", "ly")))


# ', deputy managing director of Blackwatch Petroleum Services,' right after a name.
_ROLE_AFTER = re.compile(r",\s+(?:who\s+is\s+(?:now\s+)?)?(?P<article>(?:the|a|an)\s+)?([^,.;:()\"\u201c\u201d]{2,100}?)(?=,|\.(?:\s|$)|;|\s\(|$|\s+(?:who|which|that|whose)\s)")
MAX_ROLE_AFTER_WORDS = 12
# 'former MTV VJ and the Pied Piper of podcasting', '... who voted for ...': the role ends there.
_ROLE_AFTER_END = re.compile(r"\s+and\s+(?:the|a|an)\s+|\s+(?:who|which|that|whose|such\s+as|including|when|until|since)\s+")


def role_after(text: str, end: int) -> list[str]:
    """An appositive role after the name ('Ian Fogg, a Jupiter Research analyst, said'), also in a
    relative clause ('Lord Woolf, who is Lord Chief Justice, said')."""
    match = _ROLE_AFTER.match(text, end, min(len(text), end + 120))
    if match is None:
        return []
    words = _ROLE_AFTER_END.split(match.group(2))[0].split()
    if not words or len(words) > MAX_ROLE_AFTER_WORDS:
        return []
    # "the author of ''Destiny and Power,''": a title in quotation marks is cut at its comma, so it goes.
    quoted = next((i for i, w in enumerate(words) if w[0] in ALL), None)
    words = words[:quoted] if quoted is not None else words
    # '..., Texas attorney general announcing the legal action': a participle's phrase is no part of the role.
    participle = next((i for i, w in enumerate(words[1:-1], 1) if _opens_participle_phrase(w, words[i + 1])), None)
    words = words[:participle] if participle is not None else words
    # The apposition opens with its role ('deputy managing director of ...'), the body the person
    # belongs to ('a Jupiter Research analyst') or 'one of' them ('one of the co-founders of ...');
    # never 'mention of rival' or a verb (', criticized President Truman's strategy').
    if not words or match.group("article") is None and _is_past_tense(words[0]):
        return []
    one_of = _one_of(words)
    rest = words[one_of:]
    opening = rest[:2] if rest and rest[0][:1].islower() else rest[:4]
    # 'a 59-year-old from Hilton Head': after 'from' or 'in' comes a place, whose words are no title.
    opening = opening[: next((i for i, w in enumerate(opening) if fold(w) in {"from", "in"}), len(opening))]
    if not any((_is_role_word_or_plural(w) if one_of else is_role_word(w)) or fold(w) in word_set("role_modifiers") for w in opening):
        return []
    # 'spokesman for North East Says No': a capitalised 'Says' is part of a name, not a cue.
    return [] if any(w[:1].islower() and fold(w) in _verb_forms() for w in words) else words


def _is_past_tense(word: str) -> bool:
    """'criticized', 'said': a lower-case '-ed' form or irregular verb that is no modifier ('retired')."""
    plain = fold(word)
    verb = plain.endswith("ed") or plain in _irregular_verb_forms()
    return word.islower() and verb and plain not in word_set("role_modifiers") and not is_role_word(word)


def _opens_participle_phrase(word: str, following: str) -> bool:
    """'quoted in', 'announcing the': a lower-case '-ed' or '-ing' form before a function word,
    unless it names a field of work ('managing', 'acting')."""
    plain = fold(word)
    if not word.islower() or not plain.endswith(("ed", "ing")) or is_role_word(word) or plain in word_set("role_gerunds"):
        return False
    return fold(following) in word_set("role_connectors") | word_set("speaker_phrase_ends") | {"the", "a", "an", "to", "by", "with"}


# A body named after the name: 'David Rogers, from the Local Government Association,';
# 'Kazuhiro Takahashi of Daiwa Securities'; 'Ann Lee writing in The Daily Post'.
# Its words are capitalised, possessive or joiners.
_BODY_WORD = r"(?:[A-Z][\w&'\u2019-]*(?:\.[A-Z][\w&'\u2019-]*)*|of|for|and|&|the)"
# The body ends at a punctuation mark or before the verb ('of Pershing Square has stayed'); one that
# runs on in lower case ('of Columbia University's Center on Global Energy') is not taken.
_BODY_AFTER = re.compile(
    rf"(?:,\s+(?:from|of|at|with)|\s+of|,?\s+writing\s+(?:at|for|in))\s+(?:[Tt]he\s+)?({_BODY_WORD}(?:\s+{_BODY_WORD})*)"
    r"(?=\s*[,;:)]|\.(?:\s|$)|\s*$|\s+(?:said|says|told|tells|added|adds|wrote|writes|who|which|has|had|is|was|will|would)\b)"
)
MAX_BODY_WORDS = 8


def body_after(text: str, end: int) -> list[str]:
    """The organisation a person speaks for, named right after the name ('of Nomura Holdings').
    Only a body: a word like 'Association', an acronym or a possessive; never a place ('of Leeds')."""
    match = _BODY_AFTER.match(text, end, min(len(text), end + 120))
    if match is None:
        return []
    words = match.group(1).split()
    lex = lexicon()
    while words and fold(words[-1]) in {*word_set("role_connectors"), "the"}:
        words = words[:-1]
    if not words or len(words) > MAX_BODY_WORDS or not words[0][:1].isupper():
        return []
    acronym = any(len(w) > 1 and w.isupper() and fold(w) not in word_set("place_acronyms") for w in words)
    body = any(fold(w) in lex.organisation_words for w in words) or any(POSSESSIVE.search(w) for w in words[:-1])
    return words if acronym or body else []


@lru_cache(maxsize=1)
def _irregular_verb_forms() -> frozenset[str]:
    """'says', 'told', 'threw', 'met': verb forms no role may open with, even capitalised ('Says Mayor Tom Reed')."""
    data = lexicon().raw
    irregular = {form for forms in data["irregular"].values() for form in forms}
    return frozenset(irregular | set(data["verbs_not_in_roles"])) - lexicon().titles - lexicon().role_nouns


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    data = lexicon().raw
    return frozenset({*data["speech_verbs"], *data["weak_verbs"], *data["cognition_verbs"]})


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    """Forms of verbs that end a role phrase: the irregular ones and the reporting verbs' '-s' forms ('warns')."""
    verbs = _reporting_verbs()
    inflected = {f"{v}s" for v in verbs} | {f"{v}es" for v in verbs if v.endswith(("s", "sh", "ch", "x", "z"))}
    return _irregular_verb_forms() | (frozenset(inflected) - lexicon().titles - lexicon().role_nouns)


def settle_roles(article: Article, mentions: Sequence[Any], entity_of: Callable[[Any], Any]) -> list[tuple[Any, str | None]]:
    """Each entity's role once the whole article is read: (entity, role) pairs to set. `mentions`
    are the article's name mentions in order (speakers.Mention) and `entity_of` maps one to its
    speakers.Entity or None; entities are taken as the name stage defines them, so that this
    module never imports it.

    A title someone is given inside a quotation ('"Secretary Clinton has ..."') gives way to the
    narration's own role for them, and a lone title only quoted ('Senator', 'President') is a
    form of address, no role. People left without a role may then get one from a description
    in another sentence (`introduced_roles`, `described_roles`)."""
    quoted = [(q.start, q.end) for q in find_quotations(article)]
    settled: dict[int, tuple[Any, str | None]] = {}
    first_roles: dict[int, tuple[Any, list[tuple[bool, str]]]] = {}
    for mention in mentions:
        entity = entity_of(mention) if mention.role else None
        if entity is not None:
            inside = any(start <= mention.start < end for start, end in quoted)
            first_roles.setdefault(id(entity), (entity, []))[1].append((inside, mention.role))
    for key, (entity, roles) in first_roles.items():
        narrated = [role for inside, role in roles if not inside]
        if _is_party_only(entity.role) and not roles[0][0]:
            # 'Republican Marco Rubio' ... 'Florida Sen. Marco Rubio': a party alone says less than an office.
            office = next((role for role in narrated if not _is_party_only(role)), None)
            if office is not None:
                settled[key] = (entity, office)
            continue
        if entity.role != roles[0][1] or not roles[0][0]:
            continue  # the role is the narration's, or people.yml's
        if narrated or len(entity.role.split()) == 1:
            settled[key] = (entity, narrated[0] if narrated else None)

    def role_of_entity(entity: Any) -> str | None:
        return settled[id(entity)][1] if id(entity) in settled else entity.role

    found = [
        *introduced_roles(article.text, mentions, entity_of),
        *described_roles(article.text, mentions, entity_of, role_of_entity),
        *apposed_body_roles(article.text, mentions, entity_of),
    ]
    for entity, words in found:
        if role_of_entity(entity) is None:
            settled[id(entity)] = (entity, " ".join(words))
    return list(settled.values())


def _is_party_only(role: str | None) -> bool:
    """'Republican', 'Liberal Democrat': a role that names only a party, no office in it."""
    return bool(role) and all(fold(word) in word_set("party_words") for word in role.split())


# 'The idea is simple - the prime minister goes head to head': a description that stands for a
# person named just before, as the subject of a verb. It has one to three words before its role
# noun ('the former Florida governor').
_DESCRIPTION = re.compile(r"\b[Tt]he((?:\s+[\w'\u2019-]+){2,4}?)\s+([a-z]+)\b")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s+|\n\s*")
# How many sentences before a description may name the person it stands for.
DESCRIPTION_REACH = 2


def described_roles(
    text: str, mentions: Sequence[Any], entity_of: Callable[[Any], Any], role_of_entity: Callable[[Any], str | None] = lambda e: e.role
) -> list[tuple[Any, list[str]]]:
    """Roles from descriptions that stand for a name: in 'Tony Blair has signed up. The idea is
    simple - the prime minister goes head to head', Tony Blair is the prime minister. A
    description counts only as the subject of a verb, and only when the sentences just before it
    name exactly one person, who has no role yet, and nobody in them has a role like it. A body's
    description ('the search giant') stands for the one organisation named there in the same way.
    `mentions` are the article's name mentions in order and `entity_of` maps one to its entity
    (or None); returns (entity, role words) pairs."""
    lex = lexicon()
    modifiers = word_set("role_modifiers")
    verbs = _irregular_verb_forms() | word_set("modal_verbs")
    found: list[tuple[Any, list[str]]] = []
    for match in _DESCRIPTION.finditer(text):
        words, verb = match.group(1).split(), match.group(2)
        head = fold(words[-1])
        # 'Google has released a tool. ... The search giant said': a body's description stands for a body.
        body = head in word_set("organisation_role_nouns") and head not in lex.role_nouns
        if not (words[-1].islower() and (head in lex.role_nouns or body) and (verb in verbs or verb.endswith(("ed", "es")) or verb.endswith("s") and not verb.endswith("ss"))):
            continue
        if verb in lex.role_nouns or verb in lex.titles or any(POSSESSIVE.search(w) or fold(w) in lex.not_names or not (w[:1].isupper() or _may_be_role_word(w, fold(w), modifiers)) for w in words):
            continue
        if _other_descriptions_with_head(text, words):
            continue  # 'the culture secretary', 'the trade secretary', 'the home secretary': proximity cannot tell them apart
        if head in word_set("plain_person_nouns") or _someone_has_role(words, mentions, entity_of, role_of_entity):
            continue  # 'the young woman' is anyone; 'the home secretary' is who the article already calls so
        entity = _one_named_before(text, match.start(), mentions, entity_of, head, role_of_entity, body=body)
        if entity is not None and role_of_entity(entity) is None and not _named_in_sentence(text, match.start(), entity, mentions, entity_of):
            found.append((entity, words))
    # 'the prime minister' standing for Tony Blair here and for Michael Howard there: one of them is wrong.
    stands_for: dict[tuple[str, ...], set[int]] = {}
    for entity, words in found:
        stands_for.setdefault(tuple(fold(w) for w in words), set()).add(id(entity))
    return [(entity, words) for entity, words in found if len(stands_for[tuple(fold(w) for w in words)]) == 1]


def _someone_has_role(words: list[str], mentions: Sequence[Any], entity_of: Callable[[Any], Any], role_of_entity: Callable[[Any], str | None]) -> bool:
    """Whether someone in the article already has a role that ends in the description's words
    ('Home Secretary Charles Clarke' for 'the home secretary')."""
    wanted = [fold(w) for w in words if fold(w) not in word_set("role_modifiers")]
    for mention in mentions:
        entity = entity_of(mention)
        role = (role_of_entity(entity) if entity is not None else None) or mention.role
        if role and [fold(w) for w in role.split()][-len(wanted) :] == wanted:
            return True
    return False


def _named_in_sentence(text: str, at: int, entity: Any, mentions: Sequence[Any], entity_of: Callable[[Any], Any]) -> bool:
    """Whether `entity` is named in the sentence of the description at `at`: within one sentence an
    article says 'he', so in 'the lord chancellor would not go against Lord Woolf's wishes' or
    'Lord Woolf said the lord chancellor would not overrule him' the two are different people."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    end = _SENTENCE_END.search(text, at)
    start, stop = (starts[-1] if starts else 0), (end.start() if end is not None else len(text))
    return any(start <= m.start < stop and entity_of(m) is entity for m in mentions)


# 'A top Donald Trump adviser says ... / Ed Brookover spoke to reporters': news-agency style opens
# with the speaker's description and names him in the next sentence.
_OPENING_DESCRIPTION = re.compile(r"(?:^|(?<=\n))(?:(?:A|An|The)\s+)?((?:[\w'\u2019-]+\s+){0,5}?[a-z][\w-]*)\s+(?:says|said|tells|told)\b")


def introduced_roles(text: str, mentions: Sequence[Any], entity_of: Callable[[Any], Any]) -> list[tuple[Any, list[str]]]:
    """Roles from a description that opens a paragraph as a speaker ('Donald Trump's campaign
    manager says ...') when the next sentence opens with a person named for the first time, who
    has no role yet ('Corey Lewandowski, in a statement, ...'). Arguments as `described_roles`."""
    lex = lexicon()
    modifiers = word_set("role_modifiers")
    found: list[tuple[Any, list[str]]] = []
    for match in _OPENING_DESCRIPTION.finditer(text):
        words = match.group(1).split()
        if fold(words[-1]) not in lex.role_nouns or any(
            fold(w) in lex.not_names or not (POSSESSIVE.search(w) or w[:1].isupper() or _may_be_role_word(w, fold(w), modifiers)) for w in words
        ):
            continue
        end = _SENTENCE_END.search(text, match.end())
        first = next((m for m in mentions if end is not None and m.start >= end.end()), None)
        entity = entity_of(first) if first is not None and first.start == end.end() else None
        named_before = entity is not None and any(m.start < first.start and entity_of(m) is entity for m in mentions)
        if entity is not None and not named_before and entity.role is None and entity.is_person_like and not entity.is_organisation:
            found.append((entity, words))
    return found


# "China's Baoshan, the country's largest steel producer, said": a description set off after a body's name.
_APPOSED_BODY = re.compile(r",\s+(?:the|a|an)\s+((?:[\w'\u2019-]+\s+){0,4}?[a-z][\w-]*)(?=,)")


def apposed_body_roles(text: str, mentions: Sequence[Any], entity_of: Callable[[Any], Any]) -> list[tuple[Any, list[str]]]:
    """Roles of bodies from a description set off by commas right after any mention of them, when
    it ends in a word for a body ('the country's largest steel producer', 'a Tokyo-based lender').
    Only for entities the name stage already knows as organisations: after a person's name the
    same words may describe something else. Arguments as `described_roles`."""
    heads = word_set("organisation_role_nouns")
    found: list[tuple[Any, list[str]]] = []
    for mention in mentions:
        entity = entity_of(mention)
        match = _APPOSED_BODY.match(text, mention.end) if entity is not None and entity.is_organisation else None
        if match is None:
            continue
        words = match.group(1).split()
        if fold(words[-1]) in heads and not any(fold(w) in _verb_forms() for w in words):
            found.append((entity, words))
    return found


def _one_named_before(
    text: str, at: int, mentions: Sequence[Any], entity_of: Callable[[Any], Any], head: str, role_of_entity: Callable[[Any], str | None], *, body: bool = False
) -> Any:
    """The one person (or with `body`, the one organisation) named in the sentences just before
    `at` and in its own sentence, if nobody there has a role with the same head noun already."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    start = ends[-1 - DESCRIPTION_REACH] if len(ends) > DESCRIPTION_REACH else 0
    people = []
    for mention in mentions:
        entity = entity_of(mention) if start <= mention.start < at else None
        kind_fits = entity is not None and (entity.is_organisation if body else not entity.is_organisation and entity.is_person_like)
        if kind_fits and entity not in people:
            people.append(entity)
    if len(people) != 1 or any(role_of_entity(e) and fold(role_of_entity(e).split()[-1]) == head for e in people):
        return None
    return people[0]


def _other_descriptions_with_head(text: str, words: list[str]) -> bool:
    """Whether the article also describes someone else with the same role noun ('foreign secretary'
    beside 'home secretary'; 'Florida senator' beside 'Vermont senator')."""
    own = {fold(w) for w in words[:-1]}
    for match in re.finditer(rf"([\w'\u2019-]+)\s+{re.escape(words[-1])}\b", text):
        before = fold(match.group(1))
        if before not in own and before not in _DETERMINERS and before not in word_set("role_modifiers"):
            return True
    return False
