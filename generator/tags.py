"""Article + glossary + speakers -> tags: the people, organisations, places and topics it is about.

Two sources, one ranking:

- glossary terms mentioned in their glossary sense (so "Liberal Democrat"
  never tags a story "Democratic Party"), under the term's display name, so
  "US" and "United States" are one tag;
- other proper names that recur: runs of capitalised words in the body,
  cut at glossary terms and titles ("US President George Bush" gives the
  United States and "George Bush"), with a sentence-initial common word or
  a title dropped in front. A lone word counts only when the article also
  writes it mid-sentence and never in lower case; a surname ("Blair") folds
  into the full name it stands for ("Tony Blair"); quoted speakers add weight.

Score: mentions in the body, TITLE_WEIGHT more for each mention in the
headline, SPEAKER_WEIGHT more for a quoted speaker. Glossary terms need one
mention, other names MIN_NAME_SCORE; ties go to the earlier mention; at most
MAX_TAGS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from generator import ingest
from generator.glossary.matcher import CompiledGlossary, Match, compile_glossary, find_matches
from generator.model import Article, GlossaryTerm, Speaker
from generator.names import (
    NOT_NAMES,
    TITLES,
    WORD,
    LowercaseWords,
    Name,
    capitalised_runs,
    looks_like_demonym,
    normalise_separator,
    trim_name,
)

MAX_TAGS = 5
TITLE_WEIGHT = 2  # a name in the headline is what the article is about
SPEAKER_WEIGHT = 1
MIN_NAME_SCORE = 2


@dataclass
class _Candidate:
    """A tag being counted (mutable while one article is read)."""

    first: int  # where it is first mentioned, for ties
    is_term: bool
    score: int = 0
    in_title: bool = False
    spellings: dict[str, int] = field(default_factory=dict)

    @property
    def display(self) -> str:
        return max(self.spellings, key=lambda s: (self.spellings[s], len(s)))


def derive_tags(
    article: Article, terms: tuple[GlossaryTerm, ...], speakers: tuple[Speaker, ...] = ()
) -> tuple[str, ...]:
    """The tags of an article, best first, at most MAX_TAGS (see the module docstring)."""
    common_words = LowercaseWords(article.text)
    glossary = compile_glossary(terms) if terms else None
    matches = _term_matches(article, glossary, common_words)
    candidates: dict[str, _Candidate] = {}
    _count_terms(matches, glossary.terms if glossary else {}, candidates)
    _count_names(_names_around_terms(article, matches), common_words, candidates)
    _fold_surnames(candidates)
    for speaker in speakers:
        candidate = candidates.get(_key(speaker.name))
        if candidate is not None and speaker.quotes > 0:
            candidate.score += SPEAKER_WEIGHT
    _count_title(article, glossary, common_words, candidates)
    kept = [c for c in candidates.values() if c.score >= (1 if c.is_term else MIN_NAME_SCORE)]
    ranked = sorted(kept, key=lambda c: (-c.score, not c.in_title, c.first))
    return tuple(dict.fromkeys(c.display for c in ranked))[:MAX_TAGS]


def _key(name: str) -> str:
    """Names that are one tag share a key: case, spacing and a plural -s aside."""
    words = [w.casefold() for w in WORD.findall(name)]
    if words and len(words[-1]) > 3 and words[-1].endswith("s"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _term_matches(article: Article, glossary: CompiledGlossary | None, common_words: LowercaseWords) -> list[Match]:
    """Glossary terms in the body in their glossary sense, quotations included."""
    if glossary is None:
        return []
    return [
        match
        for paragraph in article.paragraphs
        for match in find_matches(article.text, paragraph.start, paragraph.end, glossary, common_words)
    ]


def _count_terms(matches: list[Match], terms: dict[str, GlossaryTerm], candidates: dict[str, _Candidate]) -> None:
    for match in matches:
        candidate = candidates.setdefault(f"term:{match.slug}", _Candidate(match.start, is_term=True))
        candidate.score += 1
        candidate.spellings[terms[match.slug].term] = 1


def _names_around_terms(article: Article, matches: list[Match]) -> list[Name]:
    """The body's capitalised runs, cut at glossary terms and titles."""
    spans = [(m.start, m.end) for m in matches]
    return [
        piece
        for index, paragraph in enumerate(article.paragraphs)
        for run in capitalised_runs(article.text, paragraph.start, _after_dateline(article, index), paragraph.end)
        for piece in _pieces(article.text, run, spans)
    ]


def _after_dateline(article: Article, index: int) -> int:
    """Where a paragraph's names start: an agency dateline ("LOS ANGELES (AP) —") heading the
    first one says where the story was filed, in capitals, not whom or what it is about."""
    paragraph = article.paragraphs[index]
    if index:
        return paragraph.start
    return paragraph.start + ingest.agency_dateline_length(article.paragraph_text(paragraph))


def _pieces(text: str, run: Name, spans: list[tuple[int, int]]) -> Iterator[Name]:
    """A capitalised run cut at glossary matches and titles, each piece trimmed of connectors."""
    piece: list[tuple[int, int, str]] = []
    for word in WORD.finditer(text, run.start, run.end):
        inside_term = any(start <= word.start() < end for start, end in spans)
        if inside_term or word.group().casefold() in TITLES:
            yield from _as_name(text, piece, run)
            piece = []
        else:
            piece.append((word.start(), word.end(), word.group()))
    yield from _as_name(text, piece, run)


def _as_name(text: str, piece: list[tuple[int, int, str]], run: Name) -> Iterator[Name]:
    if not piece:
        return
    separators = tuple(normalise_separator(text[a[1] : b[0]]) for a, b in zip(piece, piece[1:]))
    is_initial = run.is_sentence_initial and piece[0][0] == run.start
    yield Name(tuple(w[2] for w in piece), separators, is_initial, piece[0][0], piece[-1][1])


def _count_names(names: list[Name], common_words: LowercaseWords, candidates: dict[str, _Candidate]) -> None:
    trimmed = [name for raw in names if (name := trim_name(raw, common_words)) is not None]
    mid_sentence = {n.words[0] for n in trimmed if len(n.words) == 1 and not n.is_sentence_initial}
    for name in trimmed:
        if len(name.words) == 1 and not _is_name_word(name.words[0], common_words, mid_sentence):
            continue
        candidate = candidates.setdefault(_key(name.text), _Candidate(name.start, is_term=False))
        candidate.score += 1
        candidate.spellings[name.text] = candidate.spellings.get(name.text, 0) + 1


def _is_name_word(word: str, common_words: LowercaseWords, mid_sentence: set[str]) -> bool:
    folded = word.casefold()
    if folded in NOT_NAMES or folded in TITLES or folded in common_words or len(word) < 2:
        return False
    if looks_like_demonym(word):
        return False
    return word in mid_sentence


def _fold_surnames(candidates: dict[str, _Candidate]) -> None:
    """A one-word name that ends a longer one ("Blair", "Tony Blair") counts for the longer one;
    so does one that starts exactly one longer name ("Andy" in a story about "Andy Roddick")."""
    longer: dict[str, str] = {}
    starts: dict[str, set[str]] = {}
    for key, candidate in sorted(candidates.items(), key=lambda item: -item[1].score):
        words = key.split()
        if not candidate.is_term and len(words) > 1:
            longer.setdefault(words[-1], key)
            starts.setdefault(words[0], set()).add(key)
    for first, keys in starts.items():
        if len(keys) == 1:
            longer.setdefault(first, next(iter(keys)))
    for key in [k for k in candidates if " " not in k and k in longer]:
        folded = candidates.pop(key)
        target = candidates[longer[key]]
        target.score += folded.score
        target.first = min(target.first, folded.first)


def _count_title(
    article: Article, glossary: CompiledGlossary | None, common_words: LowercaseWords, candidates: dict[str, _Candidate]
) -> None:
    """Names and terms in the headline weigh more; a glossary term counts there even if the body lacks it."""
    title = article.title
    keys = set()
    if glossary is not None:
        for match in find_matches(title, 0, len(title), glossary, common_words):
            keys.add(f"term:{match.slug}")
            candidate = candidates.setdefault(f"term:{match.slug}", _Candidate(len(article.text), is_term=True))
            candidate.spellings[glossary.terms[match.slug].term] = 1
    for word in WORD.findall(title):
        keys.add(_key(word))
    for key, candidate in candidates.items():
        surname = key.split()[-1] if not key.startswith("term:") else None
        if key in keys or (surname is not None and _key(surname) in keys):
            candidate.score += TITLE_WEIGHT
            candidate.in_title = True
