"""Names in running text: how a name splits into words, and runs of capitalised words.

A low-level module with no pipeline stage behind it, so configuration
checks, the glossary, tags and suggestions can all share one idea of what
a name is: words are runs of letters and digits; two names are the same
when their words (case aside), the text between them and a trailing
full stop ("U.S.") are the same; a proper name in running text is a run
of capitalised words joined by single spaces and a few connectors
("Bank of England").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Container, Iterator

from generator.model import GlossaryTerm

WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-"})

CONNECTORS = frozenset("of for the de du la le von van al bin".split())
# Titles in front of a name ("Deputy Foreign Minister Sergei Ryabkov") are not part of it.
TITLES = frozenset(
    """mr mrs ms dr sir dame lord lady president vice deputy prime foreign defence defense
    interior finance minister secretary chancellor senator sen rep representative governor gov
    general gen admiral colonel col spokesman spokeswoman spokesperson chief ambassador envoy
    king queen prince princess pope former acting top senior prof professor judge rev councillor cllr mayor""".split()
)
NOT_NAMES = frozenset(
    """i a an the this that these those it its he she they we you his her their our my
    but and or so if while when as after before since because although though however
    in on at for from with by to of about over under during into than then there here
    what who which where why how yes no not all some many most more much one two three
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december mon tue wed thu fri sat sun
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_SENTENCE_END = frozenset(".!?:")
_APOSTROPHE_SEPARATORS = ("'", "\u2019")
_BEFORE_SENTENCE = frozenset(" \t\r\n\"'\u201c\u201d\u2018\u2019*_([-\u2014\u2013>")


_DEMONYM_ENDINGS = ("ian", "ians", "ican", "icans", "ean", "eans", "ese", "ish", "qi", "qis")
_MIN_DEMONYM = 4


def looks_like_demonym(word: str) -> bool:
    """American, Chinese, Iraqis: the adjective of a place goes with the place, not a name of its own."""
    return len(word) > _MIN_DEMONYM and word.casefold().endswith(_DEMONYM_ENDINGS)


def looks_like_acronym(name: object) -> bool:
    """NATO, US, G7: all capitals, so "us" in running text is not them."""
    return isinstance(name, str) and len(name) > 1 and name.isupper()


def normalise_separator(text: str) -> str:
    """The text between two words of a name, as names compare it (one space, straight apostrophe)."""
    return _SPACES.sub(" ", text.translate(_APOSTROPHES))


@dataclass(frozen=True)
class NameParts:
    words: tuple[str, ...]  # as written
    separators: tuple[str, ...]  # normalised text between the words
    suffix: str  # trailing punctuation that belongs to the name ("U.S.")


def split_name(name: str) -> NameParts | None:
    """A name split into words the way running text is; None when it has no letters or digits."""
    words = list(WORD.finditer(name))
    if not words:
        return None
    separators = tuple(normalise_separator(name[a.end() : b.start()]) for a, b in zip(words, words[1:]))
    suffix = normalise_separator(name[words[-1].end() :]).strip()
    return NameParts(tuple(w.group() for w in words), separators, suffix)


def name_key(name: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """What two names must share to be the same in running text (case aside)."""
    parts = split_name(name)
    if parts is None:
        return ((), (), "")
    return tuple(w.casefold() for w in parts.words), parts.separators, parts.suffix


def is_exact_name(term: GlossaryTerm, name: str) -> bool:
    """Whether a name of the term matches only as written, case included."""
    return term.case_sensitive or (looks_like_acronym(name) and not looks_like_acronym(term.term))


# --------------------------------------------------------------------------- proper-name runs


@dataclass(frozen=True)
class Name:
    """A run of capitalised words in running text."""

    words: tuple[str, ...]
    separators: tuple[str, ...]
    is_sentence_initial: bool
    start: int = 0  # offsets of the run in the text it was found in
    end: int = 0

    @property
    def text(self) -> str:
        return self.words[0] + "".join(s + w for s, w in zip(self.separators, self.words[1:]))


def is_sentence_initial(text: str, region_start: int, position: int) -> bool:
    """Whether the word at `position` opens a sentence (quotes and emphasis marks aside)."""
    while position > region_start and text[position - 1] in _BEFORE_SENTENCE:
        position -= 1
    return position == region_start or text[position - 1] in _SENTENCE_END


def is_capitalised(word: str) -> bool:
    return word[0].isupper()


def capitalised_runs(text: str, region_start: int, start: int, end: int) -> Iterator[Name]:
    """Maximal runs of capitalised words joined by spaces (and "of", "for", "the", ...)."""
    words = list(WORD.finditer(text, start, end))
    index = 0
    while index < len(words):
        if not is_capitalised(words[index].group()):
            index += 1
            continue
        last = index
        probe = index + 1
        while probe < len(words) and joins_name(text, words[probe - 1], words[probe]):
            word = words[probe].group()
            if is_capitalised(word):
                last = probe
            elif word not in CONNECTORS:
                break
            probe += 1
        run = words[index : last + 1]
        yield Name(
            tuple(w.group() for w in run),
            tuple(text[a.end() : b.start()] for a, b in zip(run, run[1:])),
            is_sentence_initial(text, region_start, run[0].start()),
            run[0].start(),
            run[-1].end(),
        )
        index = last + 1


def joins_name(text: str, before: re.Match[str], after: re.Match[str]) -> bool:
    """A space between words of a name, an initial's full stop ("Donald J. Trump") or an
    apostrophe after a capital letter ("O'Malley")."""
    separator = text[before.end() : after.start()]
    is_initial = len(before.group()) == 1 and before.group().isupper()
    is_elided = separator in _APOSTROPHE_SEPARATORS and is_initial and is_capitalised(after.group())
    return separator == " " or (separator == ". " and is_initial) or is_elided


def trim_name(name: Name, common_words: Container[str]) -> Name | None:
    """Drop titles and a sentence-initial common word in front; None when nothing is left."""
    words, separators = list(name.words), list(name.separators)
    is_initial = name.is_sentence_initial
    while words and (
        words[0].casefold() in TITLES
        or words[0].casefold() in NOT_NAMES
        or words[0].casefold() in CONNECTORS
        # "Speaking in Geneva": a sentence-initial word joined by a connector is not a name.
        or (is_initial and (words[0].casefold() in common_words or words[1:2] and words[1] in CONNECTORS))
    ):
        words.pop(0)
        separators = separators[1:]
        is_initial = False
    while words and (words[-1].casefold() in TITLES or words[-1] in CONNECTORS):
        words.pop()  # "Ohio Gov. John Kasich" leaves "Ohio Gov"
        separators = separators[:-1]
    if not words:
        return None
    return Name(tuple(words), tuple(separators), is_initial, name.start, name.end)


class LowercaseWords:
    """The words a text writes in lower case, worked out on first use: most texts never ask."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = lowercase_words([self._text])
        return word in self._words


def lowercase_words(texts: list[str]) -> set[str]:
    """Words written in lower case somewhere: common words, not names, when capitalised at a sentence start."""
    return {w.group() for text in texts for w in WORD.finditer(text) if w.group().islower()}
