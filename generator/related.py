"""Related briefs: an index built once per site, then queried per brief.

Each brief is one TF-IDF vector over its words and its entities (people,
organisations, places and glossary terms, each counted ENTITY_REPEAT times,
so a shared name weighs like a shared unusual word used twice). Two briefs
are related when the cosine of their vectors reaches MIN_SIMILARITY; among
those, one in the same section ranks SECTION_BONUS higher, and ties go to
the more recent brief. A brief with no candidate above the threshold shows
none: no related brief rather than a poor one.

Every vector is computed once, in `build_index`, and cut to its
TERMS_PER_BRIEF heaviest features; a query walks the inverted index over
the brief's own features only, so a site of n briefs costs n queries of a
few short posting lists, not n x n comparisons with features rebuilt.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from generator.sections import section_words

# Chosen on the even-numbered half of the BBC dev briefs (benchmarks/links.py prints both halves).
MIN_SIMILARITY = 0.1
SECTION_BONUS = 0.1
ENTITY_REPEAT = 2
# A brief is represented by its heaviest features only: the rest is noise and cost.
TERMS_PER_BRIEF = 60
RELATED_COUNT = 3
_ENTITY_MARK = "@"  # entities and words never share a feature


@dataclass(frozen=True)
class RelatedInput:
    """What ranking needs to know about one brief."""

    key: str  # unique, e.g. the page path
    date: dt.date | None
    section: str | None
    entities: frozenset[str]  # normalised names: people, organisations, places, glossary terms
    text: str


@dataclass(frozen=True)
class RelatedIndex:
    """Every brief's features, computed once: see `build_index`."""

    inputs: dict[str, RelatedInput]
    vectors: dict[str, dict[str, float]]  # key -> feature -> weight, unit length
    postings: dict[str, tuple[tuple[str, float], ...]]  # feature -> (key, weight)

    def related(self, key: str, count: int = RELATED_COUNT) -> tuple[str, ...]:
        """The keys of the briefs most related to `key`, best first; none below MIN_SIMILARITY."""
        if key not in self.inputs:
            return ()
        mine = self.inputs[key]
        scored = []
        for other, similarity in self._similarities(key).items():
            if similarity < MIN_SIMILARITY:
                continue  # a shared section alone never makes a brief related
            candidate = self.inputs[other]
            is_same_section = mine.section is not None and candidate.section == mine.section
            score = similarity + (SECTION_BONUS if is_same_section else 0.0)
            recency = (candidate.date or dt.date.min).toordinal()
            scored.append((-round(score, 9), -recency, other))
        return tuple(other for *_, other in sorted(scored)[:count])

    def _similarities(self, key: str) -> dict[str, float]:
        """Cosine similarity with every brief sharing a feature with this one (itself left out)."""
        sums: dict[str, float] = defaultdict(float)
        for feature, weight in self.vectors[key].items():
            for other, other_weight in self.postings[feature]:
                if other != key:
                    sums[other] += weight * other_weight
        return sums


def build_index(briefs: list[RelatedInput]) -> RelatedIndex:
    """Compute every brief's vector and the inverted index over them, once."""
    counts = {brief.key: _features(brief) for brief in briefs}
    vectors = _tfidf(counts)
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key, vector in vectors.items():
        for feature, weight in vector.items():
            postings[feature].append((key, weight))
    return RelatedIndex(
        {brief.key: brief for brief in briefs},
        vectors,
        {feature: tuple(entries) for feature, entries in postings.items()},
    )


def _features(brief: RelatedInput) -> Counter[str]:
    counts = Counter(section_words(brief.text))
    for entity in brief.entities:
        counts[_ENTITY_MARK + entity] += ENTITY_REPEAT
    return counts


def _tfidf(counts: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """Unit-length TF-IDF vectors (log-scaled counts), each cut to its TERMS_PER_BRIEF heaviest features."""
    documents = Counter(feature for features in counts.values() for feature in features)
    total = len(counts)
    vectors = {}
    for key, features in counts.items():
        weights = {
            feature: (1 + math.log(n)) * math.log((1 + total) / (1 + documents[feature]))
            for feature, n in features.items()
            if documents[feature] > 1  # a feature no other brief has cannot relate two briefs
        }
        heaviest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS_PER_BRIEF]
        norm = math.sqrt(sum(w * w for _, w in heaviest))
        vectors[key] = {feature: w / norm for feature, w in heaviest} if norm else {}
    return vectors
