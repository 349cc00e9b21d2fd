"""Quote integrity: every direct quote in a brief still says, word for word, what the source says.

A newsroom rule rather than a build rule: an editor may rewrite the narration of a brief, but the
words inside a direct quote must stay the speaker's. `briefs check` runs this on hand-edited
briefs; the site build does not (a changed quote still builds). The quotes are the spans render
writes (`<span class="nb-quote" data-kind="direct" ...>`); their text, unescaped, is compared
with the ingested article word by word. Punctuation other than quotation marks is left out, and
quotation marks only help to line the quote up with its place in the article, so a reported
change is always one of words.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from dataclasses import dataclass

from generator import ingest, quotation_marks
from generator.brief_file import BriefFile
from generator.markdown_scan import markdown_text
from generator.site import DIRECT, MIXED, QUOTE_SPAN, statement_kind

# Words keep their inner apostrophes ("wouldn't"); any other non-space character is one token.
_TOKEN = re.compile(rf"\w+(?:[{quotation_marks.SINGLE}]\w+)*|[^\w\s]")
_QUOTE_MARK = '"'  # every quotation mark becomes this one token
_APOSTROPHES = str.maketrans(dict.fromkeys(quotation_marks.SINGLE, "'"))
# A quote is placed in the article by a run of words they share: at least two words (one can be
# anywhere), and at least this share of the quote's words.
MIN_ANCHOR_WORDS = 2
MIN_ANCHOR_SHARE = 1 / 3


@dataclass(frozen=True)
class QuoteChange:
    """A quote whose words differ from the source: (source words, brief words) per change; the
    source words are None for a quote too changed to find in the source at all."""

    line: int  # in the brief file
    speaker: str
    changes: tuple[tuple[str | None, str], ...]

    def describe(self, page: BriefFile, source: str) -> str:
        """One line: file, line, speaker, source and the changed words."""
        words = ", ".join(f'"{new}" is not in it' if old is None else f'"{old}" -> "{new}"' for old, new in self.changes)
        return f"{page.path}:{self.line}: quote by {self.speaker} no longer matches {source}: {words}"


def changed_quotes(page: BriefFile, article_text: str) -> list[QuoteChange]:
    """The brief's direct quotes whose words are not, verbatim, in the article as ingested:
    whole direct quotes, and the double-quoted words inside mixed (partly reported) statements."""
    source = _tokens(ingest.repair_doubled_words(article_text))  # render fixes doubled words too
    joined_source = _joined(source)
    found = []
    for match in QUOTE_SPAN.finditer(page.body):
        changes = []
        for quoted in _quoted_words(match.group("attributes"), markdown_text(match.group("text"))):
            quote = _tokens(quoted)
            if any(token != _QUOTE_MARK for token in quote) and _joined(quote) not in joined_source:
                changes += _word_changes(source, quote)
        if changes:
            line = page.line_of(match.start())
            found.append(QuoteChange(line, html.unescape(match.group("speaker")).strip(), tuple(changes)))
    return found


def _quoted_words(attributes: str, text: str) -> list[str]:
    """What a span quotes: a direct quote whole; of a mixed statement, each part between double
    quotation marks (single ones double as apostrophes); of reported speech, nothing."""
    kind = statement_kind(attributes)
    if kind == DIRECT:
        return [text]
    if kind != MIXED:
        return []
    parts, opened = [], None
    for at, char in enumerate(text):
        if char not in quotation_marks.DOUBLE:
            continue
        if opened is None:
            opened = at
        else:
            parts.append(text[opened : at + 1])
            opened = None
    return parts


def _tokens(text: str) -> list[str]:
    tokens = []
    for token in _TOKEN.findall(unicodedata.normalize("NFC", text)):
        if token[0].isalnum() or token[0] == "_":
            tokens.append(token.translate(_APOSTROPHES))
        elif token in quotation_marks.ALL:
            tokens.append(_QUOTE_MARK)
    return tokens


def _joined(tokens: list[str]) -> str:
    return "\0" + "\0".join(tokens) + "\0"


def _word_changes(source: list[str], quote: list[str]) -> list[tuple[str | None, str]]:
    """Where the quote differs from the stretch of the article it came from.

    The longest run of words the two share anchors the quote; the words before it are
    compared backwards from there and the words after it forwards, so each side lines up
    with the article text nearest the anchor, not with a quotation elsewhere. A short anchor
    could be anywhere: the quote is then not found."""
    matcher = difflib.SequenceMatcher(None, source, quote, autojunk=False)
    at, start, size = matcher.find_longest_match(0, len(source), 0, len(quote))
    anchor_words = len(_words(quote[start : start + size]).split())
    if anchor_words < max(MIN_ANCHOR_WORDS, len(_words(quote).split()) * MIN_ANCHOR_SHARE):
        return [(None, _words(quote))]
    slack = len(quote) - size + 1
    before = _edits(source[max(0, at - start - slack) : at][::-1], quote[:start][::-1])
    after = _edits(source[at + size : at + size + len(quote) - start - size + slack], quote[start + size :])
    changes = [(old[::-1], new[::-1]) for old, new in reversed(before)] + after
    return [(_words(old), _words(new)) for old, new in changes if _words(old) != _words(new)]


def _edits(source: list[str], quote: list[str]) -> list[tuple[list[str], list[str]]]:
    """(source tokens, quote tokens) of each difference, reading from the anchor outwards; the
    article's words past the quote's end are not part of it."""
    opcodes = difflib.SequenceMatcher(None, source, quote, autojunk=False).get_opcodes()
    while opcodes and opcodes[-1][0] == "delete":
        opcodes.pop()
    return [(source[i1:i2], quote[j1:j2]) for tag, i1, i2, j1, j2 in opcodes if tag != "equal"]


def _words(tokens: list[str]) -> str:
    return " ".join(token for token in tokens if token != _QUOTE_MARK)
