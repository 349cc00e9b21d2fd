"""Typo repairs applied in the brief, never to the source text."""

from __future__ import annotations

import re

# Only lower-case doubles are typos: capitalised ones are names ("Koh Phi Phi",
# "Boing Boing", "Sirhan Sirhan") or a sentence start ("The the").
_DOUBLED_WORD = re.compile(r"\b([a-z]{3,})(\s+)\1\b")
# Doubled words that English uses on purpose ("had had", "that that", "bye bye").
_LEGITIMATE_DOUBLES = frozenset(
    "had that very bye tut now yes knock far long more many ever again really much night chop "
    "choo bling hush pooh tsk blah yada boo ding tick dum cha".split()
)


def repair_doubled_words(text: str) -> str:
    """'leading leading' -> 'leading': a typo fixed in the brief, never in the source."""

    def keep_one(match: re.Match[str]) -> str:
        word = match.group(1)
        return match.group(0) if word in _LEGITIMATE_DOUBLES else word

    return _DOUBLED_WORD.sub(keep_one, text)
