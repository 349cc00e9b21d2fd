"""Article -> its section (politics, business, sport, ...): a small naive Bayes classifier.

The weights (generator/data/sections.json) are fitted by scripts/fit_sections.py
on labelled news: per section a prior and a log-probability for each word of
a vocabulary of a few thousand words; no article text. Scoring is a sum of
look-ups over the article's words, pure Python, well under a millisecond per
thousand words. Only sections listed in the settings can be chosen; when no
allowed section is clearly ahead, the brief gets none rather than a wrong one.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from string import ascii_lowercase

from generator.model import Article

WEIGHTS_FILE = "sections.json"
# Headline words say more about the section than body words.
TITLE_WEIGHT = 3
# How far, in log-probability per word read, the chosen section must lead the next allowed one.
# Naive Bayes posteriors saturate on long texts (a Russia-NATO story was "business" at 0.99),
# so the lead is measured per word. A section is a published fact: at 0.3 the BBC dev sections
# are right for 99.6% of the 85% of briefs that get one (96.3% when every brief gets one), and
# news the labelled data does not cover (world affairs, US politics) is mostly left unfiled
# rather than filed as business or sport.
MIN_LEAD_PER_WORD = 0.3
# Fewer known words read than this (a headline word counts TITLE_WEIGHT times), and a text is too short to file.
MIN_KNOWN_WORDS = 30
_TOKEN = re.compile(r"[a-z]{3,}")
# Function words carry no section: left out of the vocabulary and of scoring alike.
STOP_WORDS = frozenset(
    """the and for that with was are this from has have had not but its his her they their them been
    were will would said says can could than then there which who what when where also more most
    into about after over some other out all one two new year years said just like very our your you
    she him only any may how now did does being such these those while because before first last""".split()
)


def section_words(text: str) -> list[str]:
    """The words the classifier reads: lower case, letters only, three or more, no function words."""
    return [w for w in _TOKEN.findall(text.lower()) if w not in STOP_WORDS]


# section_word_counts reads a site's every brief: a byte table does in one C pass what the
# pattern does a character at a time. Every byte but an ASCII letter becomes a space, capitals
# small (bytes of other characters are >= 128), so the runs of letters are what str.split gives.
_LETTERS_ONLY = bytes(code | 0x20 if chr(code).isascii() and chr(code).isalpha() else 0x20 for code in range(256))
# The only characters whose lower case holds an ASCII letter ("İ" gives "i" and a combining dot,
# the Kelvin sign "k"): a text with one is read by the pattern.
_LOWERED_TO_ASCII = ("\u0130", "\u212a")
# Runs of one or two letters are no word to the pattern, and function words are left out.
_NOT_WORDS = STOP_WORDS | {a + b for a in ascii_lowercase for b in ("", *ascii_lowercase)}


def section_word_counts(text: str) -> Counter[str]:
    """How often each of section_words(text) occurs, counted in one pass (a site build reads every brief)."""
    if any(character in text for character in _LOWERED_TO_ASCII):
        counts = Counter(_TOKEN.findall(text.lower()))
    else:
        # surrogatepass: a lone surrogate is bytes >= 128 like any other non-letter.
        counts = Counter(text.encode("utf-8", "surrogatepass").translate(_LETTERS_ONLY).decode("ascii").split())
    for word in _NOT_WORDS.intersection(counts):
        del counts[word]
    return counts


@dataclass(frozen=True)
class SectionModel:
    labels: tuple[str, ...]
    priors: tuple[float, ...]  # log P(section)
    word_weights: dict[str, tuple[float, ...]]  # word -> log P(word | section), one per label


@lru_cache(maxsize=1)
def load_model() -> SectionModel:
    """The shipped weights (read once)."""
    data = json.loads(resources.files("generator").joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8"))
    return SectionModel(
        labels=tuple(data["labels"]),
        priors=tuple(data["priors"]),
        word_weights={word: tuple(values) for word, values in data["words"].items()},
    )


def section_scores(title: str, body: str, model: SectionModel) -> tuple[dict[str, float], int]:
    """Log-probability of each section the model knows, and the weight of the words read
    (headline words count TITLE_WEIGHT times); no scores when the text is too short."""
    scores = list(model.priors)
    read = 0
    for words, weight in ((section_words(title), TITLE_WEIGHT), (section_words(body), 1)):
        for word in words:
            values = model.word_weights.get(word)
            if values is not None:
                scores = [s + weight * v for s, v in zip(scores, values)]
                read += weight
    if read < MIN_KNOWN_WORDS:
        return {}, read
    return dict(zip(model.labels, scores)), read


def classify(title: str, body: str, allowed: tuple[str, ...], model: SectionModel | None = None) -> str | None:
    """The most probable allowed section, or None when none is clearly ahead of the next."""
    scores, read = section_scores(title, body, model or load_model())
    ranked = sorted((score for label, score in scores.items() if label in allowed), reverse=True)
    if not ranked:
        return None
    best = next(label for label, score in scores.items() if score == ranked[0] and label in allowed)
    lead = (ranked[0] - ranked[1]) / read if len(ranked) > 1 else math.inf
    return best if lead >= MIN_LEAD_PER_WORD else None


def classify_article(article: Article, allowed: tuple[str, ...]) -> str | None:
    """The section of an ingested article (headline and body)."""
    body = "\n".join(article.paragraph_text(p) for p in article.paragraphs)
    return classify(article.title, body, allowed)
