"""The key quotes of a brief: chosen here, carried by the Brief, only formatted by render."""

from __future__ import annotations

import re

from generator.model import Attributions, KeyQuote, Quote, QuoteKind
from generator.quotation_marks import ALL, DOUBLE
from generator.quotes.findings import count_words

KEY_QUOTE_MIN_WORDS = 8
KEY_QUOTE_IDEAL_WORDS = 30
# Longer quotes lose this much per word over twice the ideal length; a full sentence earns a bonus.
OVERLONG_PENALTY = 0.25
FULL_SENTENCE_BONUS = 5
# A quote cut before its cue ('..., which is bad,"') ends in a comma or a dash.
_CUT_BEFORE_CUE = re.compile(r"\s*[,;:\u2014\u2013-]+\s*$")


def quoted_words(text: str, quote: Quote) -> str:
    """The speaker's own words: each fragment without its quotation marks, no narration in between,
    ending as a sentence where the quote was cut before its cue."""
    parts = [" ".join(text[a:b].split()).strip(DOUBLE + " ") for a, b in quote.fragments or ((quote.start, quote.end),)]
    parts = [p for p in parts if p]
    # '"A," he said, "B."': a part that ends before a capital ends a sentence.
    ended = [_as_sentence(p) if following[:1].isupper() else p for p, following in zip(parts, parts[1:])]
    return " ".join([*ended, _as_sentence(parts[-1])]) if parts else ""


def _as_sentence(words: str) -> str:
    if words.rstrip(ALL).endswith((".", "!", "?", "\u2026")):
        return words
    return _CUT_BEFORE_CUE.sub("", words) + "."


def _strength(words: str) -> float:
    """Longer, whole-sentence quotes say more; very long ones are trimmed in the reader's mind."""
    count = count_words(words)
    ends_sentence = words.rstrip(ALL + " ").endswith((".", "!", "?"))
    overlong = max(0, count - 2 * KEY_QUOTE_IDEAL_WORDS) * OVERLONG_PENALTY
    return min(count, KEY_QUOTE_IDEAL_WORDS) - overlong + (FULL_SENTENCE_BONUS if ends_sentence else 0)


def choose_key_quotes(text: str, attributions: Attributions, count: int) -> tuple[KeyQuote, ...]:
    """The strongest attributed direct quotes, at most one per speaker first, in article order."""
    candidates = [
        KeyQuote(q, quoted_words(text, q))
        for q in attributions.quotes
        if q.kind is QuoteKind.DIRECT and q.speaker and count_words(q.text) >= KEY_QUOTE_MIN_WORDS
    ]
    ranked = sorted(candidates, key=lambda k: _strength(k.words), reverse=True)
    chosen: list[KeyQuote] = []
    for per_speaker in (1, 2, count):  # one each first, then a second, then whatever is left
        for key in ranked:
            if len(chosen) >= count:
                break
            if key not in chosen and sum(k.quote.speaker == key.quote.speaker for k in chosen) < per_speaker:
                chosen.append(key)
    return tuple(sorted(chosen, key=lambda k: k.quote.start))
