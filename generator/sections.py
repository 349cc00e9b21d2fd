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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from generator.model import Article

WEIGHTS_FILE = "sections.json"
# Headline words say more about the section than body words.
TITLE_WEIGHT = 3
# The chosen section must have at least this posterior probability among the allowed ones.
MIN_CONFIDENCE = 0.6
# Fewer words the model knows than this, and a text is too short to file.
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


def section_scores(title: str, body: str, model: SectionModel) -> dict[str, float]:
    """Posterior probability of each section the model knows; empty when the text is too short."""
    scores = list(model.priors)
    known = 0
    for words, weight in ((section_words(title), TITLE_WEIGHT), (section_words(body), 1)):
        for word in words:
            values = model.word_weights.get(word)
            if values is not None:
                scores = [s + weight * v for s, v in zip(scores, values)]
                known += 1
    if known < MIN_KNOWN_WORDS:
        return {}
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {label: e / total for label, e in zip(model.labels, exps)}


def classify(title: str, body: str, allowed: tuple[str, ...], model: SectionModel | None = None) -> str | None:
    """The most probable allowed section, or None when none is clearly ahead."""
    scores = section_scores(title, body, model or load_model())
    allowed_scores = {label: p for label, p in scores.items() if label in allowed}
    total = sum(allowed_scores.values())
    if not total:
        return None
    best = max(allowed_scores, key=allowed_scores.__getitem__)
    return best if allowed_scores[best] / total >= MIN_CONFIDENCE else None


def classify_article(article: Article, allowed: tuple[str, ...]) -> str | None:
    """The section of an ingested article (headline and body)."""
    body = "\n".join(article.paragraph_text(p) for p in article.paragraphs)
    return classify(article.title, body, allowed)
