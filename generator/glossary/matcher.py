"""The glossary as a word-sequence dictionary, and the rule that tells a term from a longer name.

A glossary is compiled once (`compile_glossary`, cached) into a dictionary
from word sequences to terms, so scanning a text is one pass over its words
with a few dictionary look-ups per word: linear in the text, whatever the
size of the glossary. At each word the longest name wins ("US Senate
Democrats" over "US").

Sense: a capitalised match that is only part of a longer proper name means
that name, not the term: "Liberal Democrat", "Trades Union Congress",
"India's Supreme Court", "US Open", "State Department of Health". The
longer name is seen in the words around the match: a capitalised word (or
a possessive "India's") right before it, or a capitalised word (possibly
after "of") right after it. Two cases stay linked: a title after the term
("US President George Bush", "NATO Secretary General") and a common word
opening the sentence before it ("Yesterday Congress voted"). What this
cannot see, a term's `near` / `not_near` words in glossary.yml say.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Container, Iterator

from generator.model import GlossaryTerm
from generator.names import (
    NOT_NAMES,
    TITLES,
    WORD,
    is_capitalised,
    is_exact_name,
    is_sentence_initial,
    looks_like_acronym,
    normalise_separator,
    split_name,
)

# How far around a match (in characters, about 40 words each side) `near` and `not_near` look.
CONTEXT_WINDOW = 250
# Words that open a longer name after the term ("State Department of Health").
_NAME_CONNECTORS = frozenset({"of", "for"})
_POSSESSIVE_APOSTROPHES = frozenset("'\u2019")


@dataclass(frozen=True)
class _Form:
    """One name of a term, split into words the way running text is."""

    slug: str
    words: tuple[str, ...]  # as written: compared when the form is exact
    separators: tuple[str, ...]  # normalised text between the words
    suffix: str  # trailing punctuation that belongs to the name ("U.S.")
    is_exact: bool  # case must match
    is_given: bool  # written in glossary.yml (not an automatic plural)


@dataclass(frozen=True)
class _Context:
    """A term's `near` / `not_near` words, as casefolded word sequences."""

    near: tuple[tuple[str, ...], ...]
    not_near: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class CompiledGlossary:
    """The terms as a word-sequence dictionary: see `compile_glossary`."""

    terms: dict[str, GlossaryTerm]  # slug -> term
    phrases: dict[tuple[str, ...], tuple[_Form, ...]]  # casefolded words -> forms, best first
    lengths: dict[str, tuple[int, ...]]  # casefolded first word -> phrase lengths, longest first
    contexts: dict[str, _Context]  # slug -> context words, for terms that have any
    first_words: dict[str, frozenset[str]]  # slug -> the casefolded first word of each of its phrases


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    slug: str


def _plural(word: str) -> str | None:
    """The regular English plural of a name's last word, or None when it has none."""
    if not word.isalpha() or word[-1] in "sS":
        return None
    if looks_like_acronym(word):
        return word + "s"  # NGO -> NGOs
    if word.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _term_forms(term: GlossaryTerm) -> Iterator[_Form]:
    names = (term.term, *term.aliases)
    for name in (*names, *term.forms):
        parts = split_name(name)
        if parts is None:
            continue
        form = _Form(term.slug, parts.words, parts.separators, parts.suffix, is_exact_name(term, name), True)
        yield form
        plural = _plural(form.words[-1]) if name in names and not form.suffix else None
        if plural:
            yield _Form(term.slug, (*form.words[:-1], plural), form.separators, "", form.is_exact, False)


def _word_sequences(names: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.casefold() for w in WORD.findall(name)) for name in names)


def compile_glossary(terms: tuple[GlossaryTerm, ...]) -> CompiledGlossary:
    """The matcher for a glossary; built once per glossary and cached."""
    cached = _BY_IDENTITY.get(id(terms))
    if cached is not None and cached[0] is terms:
        return cached[1]
    compiled = _compile_by_value(terms)
    if len(_BY_IDENTITY) >= _CACHE_SIZE:
        _BY_IDENTITY.clear()
    # Keeping `terms` alive keeps its id from being reused by another tuple.
    _BY_IDENTITY[id(terms)] = (terms, compiled)
    return compiled


_CACHE_SIZE = 16
_BY_IDENTITY: dict[int, tuple[tuple[GlossaryTerm, ...], CompiledGlossary]] = {}


@lru_cache(maxsize=_CACHE_SIZE)
def _compile_by_value(terms: tuple[GlossaryTerm, ...]) -> CompiledGlossary:
    phrases: dict[tuple[str, ...], list[_Form]] = {}
    for term in terms:
        for form in _term_forms(term):
            phrases.setdefault(tuple(w.casefold() for w in form.words), []).append(form)
    lengths: dict[str, set[int]] = {}
    for key in phrases:
        lengths.setdefault(key[0], set()).add(len(key))
    return CompiledGlossary(
        terms={t.slug: t for t in terms},
        phrases={
            key: tuple(sorted(forms, key=lambda f: (not f.is_given, not f.is_exact)))
            for key, forms in phrases.items()
        },
        lengths={word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()},
        contexts={
            t.slug: _Context(_word_sequences(t.near), _word_sequences(t.not_near))
            for t in terms
            if t.near or t.not_near
        },
        first_words=_first_words_by_slug(phrases),
    )


def _first_words_by_slug(phrases: dict[tuple[str, ...], list[_Form]]) -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for key, forms in phrases.items():
        for form in forms:
            words.setdefault(form.slug, set()).add(key[0])
    return {slug: frozenset(found) for slug, found in words.items()}


_Word = tuple[int, int, str]  # start, end, the word as written


def find_matches(
    text: str, start: int, end: int, glossary: CompiledGlossary, common_words: Container[str] = frozenset()
) -> Iterator[Match]:
    """Every term occurrence in text[start:end] in its glossary sense, left to right, longest first.

    `common_words` are words the document writes in lower case: capitalised
    at a sentence start, they are not part of a longer name.
    """
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]
    folded = [w[2].casefold() for w in words]
    index = 0
    while index < len(words):
        lengths = glossary.lengths.get(folded[index])
        found = _match_at(text, end, words, folded, index, lengths, glossary) if lengths else None
        if found is None:
            index += 1
            continue
        match, size = found
        if not _is_inside_longer_name(text, start, words, index, size, common_words) and _fits_context(
            text, match, glossary
        ):
            yield match
        index += size


def _match_at(
    text: str,
    end: int,
    words: list[_Word],
    folded: list[str],
    index: int,
    lengths: tuple[int, ...],
    glossary: CompiledGlossary,
) -> tuple[Match, int] | None:
    for size in lengths:
        if index + size > len(words):
            continue
        forms = glossary.phrases.get(tuple(folded[index : index + size]))
        if not forms:
            continue
        span = words[index : index + size]
        separators = tuple(normalise_separator(text[a[1] : b[0]]) for a, b in zip(span, span[1:]))
        written = tuple(w[2] for w in span)
        for form in forms:
            if form.separators != separators or (form.is_exact and form.words != written):
                continue
            stop = span[-1][1]
            if form.suffix:
                if not text.startswith(form.suffix, stop) or stop + len(form.suffix) > end:
                    continue
                stop += len(form.suffix)
            return Match(span[0][0], stop, form.slug), size
    return None


def _is_inside_longer_name(
    text: str, start: int, words: list[_Word], index: int, size: int, common_words: Container[str]
) -> bool:
    """Whether the matched words are part of a longer capitalised name (see the module docstring)."""
    if not is_capitalised(words[index][2]):
        return False  # "sanctions", "ceasefire": common nouns are not parts of names
    return _has_name_before(text, start, words, index, common_words) or _has_name_after(text, words, index + size)


def _has_name_before(text: str, start: int, words: list[_Word], index: int, common_words: Container[str]) -> bool:
    if index == 0 or text[words[index - 1][1] : words[index][0]] != " ":
        return False
    before = words[index - 1]
    if before[2] == "s" and index >= 2 and text[words[index - 2][1] : before[0]] in _POSSESSIVE_APOSTROPHES:
        before = words[index - 2]  # "India's Supreme Court"
    word = before[2]
    folded = word.casefold()
    if not is_capitalised(word) or folded in NOT_NAMES or folded in TITLES:
        return False
    return not (is_sentence_initial(text, start, before[0]) and word.lower() in common_words)


def _has_name_after(text: str, words: list[_Word], after: int) -> bool:
    if after >= len(words) or text[words[after - 1][1] : words[after][0]] != " ":
        return False
    word = words[after][2]
    if word in _NAME_CONNECTORS and after + 1 < len(words):
        joined = text[words[after][1] : words[after + 1][0]] == " "
        return joined and is_capitalised(words[after + 1][2])
    return is_capitalised(word) and word.casefold() not in TITLES and word.casefold() not in NOT_NAMES


def _fits_context(text: str, match: Match, glossary: CompiledGlossary) -> bool:
    """A term's `near` words: one of them is close by; its `not_near` words: none is."""
    context = glossary.contexts.get(match.slug)
    if context is None:
        return True
    window = text[max(0, match.start - CONTEXT_WINDOW) : match.end + CONTEXT_WINDOW]
    nearby = tuple(w.casefold() for w in WORD.findall(window))
    if context.near and not any(_contains(nearby, words) for words in context.near):
        return False
    return not any(_contains(nearby, words) for words in context.not_near)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return any(words[i : i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))


def first_per_term(matches: Iterator[Match]) -> list[Match]:
    """The first match of each term, in text order."""
    seen: set[str] = set()
    firsts = []
    for match in matches:
        if match.slug not in seen:
            seen.add(match.slug)
            firsts.append(match)
    return firsts
