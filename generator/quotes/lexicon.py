"""The hand-made word lists of the quotes stage (generator/data/quote_lexicon.json)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "quote_lexicon.json"
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    role_nouns: frozenset[str]
    organisation_words: frozenset[str]
    not_names: frozenset[str]
    group_nouns: frozenset[str]
    raw: dict


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The hand-made word lists in generator/data/quote_lexicon.json."""
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    return Lexicon(
        titles=frozenset(data["titles"]),
        role_nouns=frozenset(data["role_nouns"]),
        organisation_words=frozenset(data["organisation_words"]),
        not_names=frozenset(data["not_names"]),
        group_nouns=frozenset(data["group_nouns"]),
        raw=data,
    )


@lru_cache(maxsize=None)
def word_set(key: str) -> frozenset[str]:
    """One of the lexicon's word lists (its key in quote_lexicon.json) as a set, built once."""
    return frozenset(lexicon().raw[key])


@lru_cache(maxsize=16384)
def fold(word: str) -> str:
    """Lower-case, accents and trailing dots removed: the form used to compare names."""
    if word.isascii():
        return word.lower().rstrip(".")
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c)).lower().rstrip(".").replace("\u2019", "'")


def ends_sentence(word: str) -> bool:
    """A word with a full stop that is no abbreviation ('Sen.') or initial ('W.') ends its sentence."""
    if not word.endswith(".") or len(word.rstrip(".")) == 1:
        return False
    if fold(word) in {"a.m", "p.m"}:
        return True  # "8:00 p.m. Former New York Governor George Pataki"
    return fold(word) not in word_set("name_abbreviations") and not _INITIALS.fullmatch(word)
