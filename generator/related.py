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
the brief's own features only, each list cut to the POSTINGS_PER_FEATURE
briefs the feature weighs most in, so a site of n briefs costs n queries of
a few short posting lists, not n x n comparisons with features rebuilt, and
the cost per brief does not grow with the site.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from generator.sections import section_word_counts

# Chosen on the even-numbered half of the BBC dev briefs (benchmarks/links.py prints both halves).
MIN_SIMILARITY = 0.1
SECTION_BONUS = 0.1
ENTITY_REPEAT = 2
# A brief is represented by its heaviest features only: the rest is noise and cost.
TERMS_PER_BRIEF = 60
RELATED_COUNT = 3
# A feature common to many briefs (a club, "police") weighs little in each, yet its postings
# grow with the site, and so would every query walking them: only the briefs it weighs most
# in keep it in the index, and a query costs the same at 500 briefs as at 5,000.
POSTINGS_PER_FEATURE = 40
_ENTITY_MARK = "@"  # entities and words never share a feature


@dataclass(frozen=True)
class RelatedInput:
    """What ranking needs to know about one brief."""

    key: str  # unique, e.g. the page path
    date: dt.date | None
    section: str | None
    # Read only when build_index is given no features for the brief.
    entities: frozenset[str] = frozenset()  # normalised names: people, organisations, places, glossary terms
    text: str = ""


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
        # A shared section alone never makes a brief related: most candidates stop here.
        close = [(other, similarity) for other, similarity in self._similarities(key).items() if similarity >= MIN_SIMILARITY]
        for other, similarity in close:
            candidate = self.inputs[other]
            is_same_section = mine.section is not None and candidate.section == mine.section
            score = similarity + (SECTION_BONUS if is_same_section else 0.0)
            recency = (candidate.date or dt.date.min).toordinal()
            scored.append((-round(score, 9), -recency, other))
        return tuple(other for *_, other in heapq.nsmallest(count, scored))

    def _similarities(self, key: str) -> dict[str, float]:
        """Cosine similarity with every brief sharing a feature with this one (itself left out)."""
        sums: dict[str, float] = {}
        add = sums.get
        for feature, weight in self.vectors[key].items():
            for other, other_weight in self.postings[feature]:
                sums[other] = add(other, 0.0) + weight * other_weight
        sums.pop(key, None)
        return sums


def build_index(briefs: list[RelatedInput], features: dict[str, Counter[str]] | None = None) -> RelatedIndex:
    """Compute every brief's vector and the inverted index over them, once. `features` holds
    each brief's `brief_features` (by key) when they were computed already."""
    counts = {
        brief.key: features[brief.key] if features is not None else brief_features(brief.text, brief.entities)
        for brief in briefs
    }
    vectors = _tfidf(counts)
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key, vector in vectors.items():
        for feature, weight in vector.items():
            postings[feature].append((key, weight))
    return RelatedIndex(
        {brief.key: brief for brief in briefs},
        vectors,
        {feature: _champions(entries) for feature, entries in postings.items()},
    )


def _champions(entries: list[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    """A feature's postings, cut to the POSTINGS_PER_FEATURE briefs it weighs most in."""
    if len(entries) <= POSTINGS_PER_FEATURE:
        return tuple(entries)
    return tuple(heapq.nlargest(POSTINGS_PER_FEATURE, entries, key=lambda entry: entry[1]))


def brief_features(text: str, entities: frozenset[str]) -> Counter[str]:
    """A brief's feature counts: the words the section classifier reads, and its entities
    (normalised names: people, organisations, places, glossary terms), each ENTITY_REPEAT times."""
    counts = section_word_counts(text)
    for entity in entities:
        counts[_ENTITY_MARK + entity] += ENTITY_REPEAT
    return counts


def _tfidf(counts: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """Unit-length TF-IDF vectors (log-scaled counts), each cut to its TERMS_PER_BRIEF heaviest features."""
    documents: Counter[str] = Counter()
    for features in counts.values():
        documents.update(features.keys())
    total = len(counts)
    # A feature no other brief has cannot relate two briefs: it gets no weight at all.
    idf = {feature: math.log((1 + total) / (1 + n)) for feature, n in documents.items() if n > 1}
    vectors = {}
    for key, features in counts.items():
        weights = [(feature, _log_count(n) * idf[feature]) for feature, n in features.items() if feature in idf]
        heaviest = _heaviest(weights, TERMS_PER_BRIEF)
        norm = math.sqrt(sum(w * w for _, w in heaviest))
        vectors[key] = {feature: w / norm for feature, w in heaviest} if norm else {}
    return vectors


def _heaviest(weights: list[tuple[str, float]], count: int) -> list[tuple[str, float]]:
    """The `count` heaviest (feature, weight) pairs, heaviest first, ties by feature."""
    if len(weights) > count:
        # The weights alone are compared in C; only the few pairs above the cut are sorted.
        cut = heapq.nlargest(count, (w for _, w in weights))[-1]
        weights = [item for item in weights if item[1] >= cut]
    return sorted(weights, key=lambda item: (-item[1], item[0]))[:count]


@lru_cache(maxsize=256)
def _log_count(count: int) -> float:
    return 1 + math.log(count)
