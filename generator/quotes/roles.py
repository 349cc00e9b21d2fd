"""A person's role as the article words it: 'Kremlin spokesman', 'deputy managing director of ...'.

A role is read from the words before a name ("Education Secretary Ruth Kelly",
"Bafta's Grant Dean") or from an apposition after it ("Ian Fogg, a Jupiter
Research analyst, said"). The name stage (speakers.py) asks these functions
for the role of every mention; they never decide what the name is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.quotation_marks import ALL
from generator.quotes.lexicon import ends_sentence, fold, lexicon

# "Bafta's", "Jones'": a possessive word.
POSSESSIVE = re.compile(r"['\u2019]s?$")
# How many words before a name may hold its role ("Deputy Foreign Minister").
MAX_ROLE_WORDS = 6
_HYPHEN_LOWER = re.compile(r"-[a-z]")


def split_role(words: list[str]) -> tuple[list[str], list[str]]:
    """('Deputy Foreign Minister Sergei Ryabkov') -> (role words, name words): the role runs to the
    last title, role noun, lower-case word or possessive ("Bafta's Grant Dean") before the name.
    The name words are as written: the caller strips the common words that may open them."""
    lex = lexicon()
    connectors = set(lex.raw["role_connectors"]) | set(lex.raw["name_particles"])
    # 'State Department': before an organisation word, capitalised titles belong to its name.
    is_organisation = bool(words) and fold(words[-1]) in lex.organisation_words
    cut = 0
    for index, word in enumerate(words[:-1]):
        plain = fold(word)
        # 'Fly-half', 'Oscar-nominated', 'Washington-based': a description, not a name
        lower_case = (word[:1].islower() and plain not in connectors) or _HYPHEN_LOWER.search(word) is not None
        is_title = not is_organisation and (plain in lex.titles or plain in lex.role_nouns)
        # 'Liberal Democrat Vince Cable' but 'Lib Dems': a party is a role only before a full name.
        if plain in lex.raw["party_words"] and len(words) - index <= 2:
            is_title = False
        # 'fertility expert Lord Winston': a peer's title stays with a one-word name.
        if plain in lex.raw["peerage_titles"] and len(words) - index == 2:
            is_title = False
        # "Bafta's Grant Dean": a possessive is a role only before a full name, never in "Schindler's List".
        possessive = POSSESSIVE.search(word) and len(word) > 2 and len(words) - index > 2
        if is_title or lower_case or possessive:
            cut = index + 1
    return words[:cut], words[cut:]


def tidy_role(words: list[str]) -> list[str]:
    """Role words as a reader wants them: no honorific, no article, no dangling 'of'."""
    lex = lexicon()
    skip = set(lex.raw["honorifics"]) | {"the", "a", "an"}
    expand = lex.raw["role_abbreviations"]
    words = [expand.get(fold(w), w) if w.endswith(".") else w for w in words if fold(w) not in skip]
    modifiers = lex.raw["role_modifiers"]
    while words and (words[0].islower() and fold(words[0]) in lex.not_names and fold(words[0]) not in modifiers or fold(words[0]) in lex.raw["role_connectors"]):
        words = words[1:]
    while words and fold(words[-1]) in lex.raw["role_connectors"]:
        words = words[:-1]
    has_role = any(fold(w) in lex.titles or fold(w) in lex.role_nouns or POSSESSIVE.search(w) for w in words)
    return words if has_role else []


def role_before(text: str, start: int) -> list[str]:
    """Lower-case role words right before a name: 'Kremlin spokesman' in 'Kremlin spokesman Dmitry Peskov'."""
    lex = lexicon()
    modifiers = set(lex.raw["role_modifiers"])
    words = text[max(0, start - 100) : start].split()[-MAX_ROLE_WORDS:]
    role: list[str] = []
    for word in reversed(words):
        plain = fold(word.strip(",;:()"))
        if word[-1] in ",;:()" or ends_sentence(word) or not _may_be_role_word(word, plain, modifiers):
            break  # 'Times Square. Clark's publicist': the role is in this sentence only
        role.insert(0, word)
    while role and (fold(role[0]) in lex.not_names and fold(role[0]) not in modifiers or fold(role[0]) in {"of", "for"}):
        role.pop(0)
    has_role_word = any(fold(w) in lex.role_nouns or fold(w) in lex.titles for w in role)
    return role if has_role_word else []


def _may_be_role_word(word: str, plain: str, modifiers: set[str]) -> bool:
    """'Bristol University political scientist': titles, names of bodies and their modifiers; never a
    function word, a verb form or a quotation mark ('Protesters greeted Mayor ...')."""
    lex = lexicon()
    if plain in lex.titles or plain in lex.role_nouns or plain in modifiers or plain in {"of", "for"}:
        return True
    if word[:1] in ALL or word[-1:] in ALL or plain in lex.not_names or plain in _cue_forms() or any(c.isdigit() for c in word):
        return False
    return word[:1].isupper() or not plain.endswith(("ed", "ing", "ly"))


# ', deputy managing director of Blackwatch Petroleum Services,' right after a name.
_ROLE_AFTER = re.compile(r",\s+(?:(?:the|a|an)\s+)?([^,.;:()\"\u201c\u201d]{2,100}?)(?=,|\.(?:\s|$)|;|\s\(|$)")
MAX_ROLE_AFTER_WORDS = 12
# 'former MTV VJ and the Pied Piper of podcasting', '... who voted for ...': the role ends there.
_ROLE_AFTER_END = re.compile(r"\s+and\s+(?:the|a|an)\s+|\s+(?:who|which|that|whose)\s+")


def role_after(text: str, end: int) -> list[str]:
    """An appositive role after the name ('Ian Fogg, a Jupiter Research analyst, said')."""
    match = _ROLE_AFTER.match(text, end, min(len(text), end + 120))
    if match is None:
        return []
    words = _ROLE_AFTER_END.split(match.group(1))[0].split()
    if not words or len(words) > MAX_ROLE_AFTER_WORDS:
        return []
    lex = lexicon()
    # The apposition opens with its role ('deputy managing director of ...') or the body the
    # person belongs to ('a Jupiter Research analyst'); never 'mention of rival'.
    opening = words[:2] if words[0][:1].islower() else words[:4]
    if not any(fold(w) in lex.titles or fold(w) in lex.role_nouns or fold(w) in lex.raw["role_modifiers"] for w in opening):
        return []
    return [] if any(fold(w) in _cue_forms() for w in words) else words


@lru_cache(maxsize=1)
def _cue_forms() -> frozenset[str]:
    data = lexicon().raw
    return frozenset(form for forms in data["irregular"].values() for form in forms) | {"said", "says", "added", "told"}
