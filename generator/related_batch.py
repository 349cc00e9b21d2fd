"""Every brief's related briefs on a large site, computed at once with numpy: the lists
generator/related.py computes one brief at a time, float for float.

`related.related_lists` hands a site of BATCH_FROM briefs or more here. In Python a
query adds a brief's similarities one term at a time, and the terms per brief grow with
the site (each posting list fills up to POSTINGS_PER_FEATURE), as does the cost of every
dictionary look-up over a growing vocabulary. Here the features are numbered once and the
same numbers come out of arrays:

- vectors: each (brief, feature) weight is the one multiplication `related._vector` makes;
  a brief's heaviest features are chosen and ordered as `_heaviest` orders them (weight,
  then feature), and its norm is summed by Python's own sum, in that order;
- postings: the holders of each feature in the order of the briefs, cut as `_champions`;
- similarities: numpy.bincount adds the terms of each (brief, candidate) cell one by one in
  the order given, which is the brief's features in the order of its vector: the order
  `RelatedIndex._similarities` adds them in. Every float is the one Python computes.

What is left per brief is Python's: the ranks of its few candidates at or above
MIN_SIMILARITY, and the dictionaries and tuples the index keeps for updates (made only
when one may follow: under `mkdocs serve`, not in `mkdocs build`).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np

from generator.related import (
    MIN_SIMILARITY,
    POSTINGS_PER_FEATURE,
    TERMS_PER_BRIEF,
    Posting,
    Ranking,
    RelatedIndex,
    RelatedInput,
    RelatedLists,
    _document_counts,
    _idf_table,
    _LOG_COUNT,
)

# A block of briefs is scored in a dense table of (brief, candidate) sums this large (2 MB):
# with the terms added into it, a block takes a few times that.
TABLE_CELLS = 250_000
_BLOCK_BRIEFS = 500  # the vectors of this many briefs are weighed at a time


@dataclass(frozen=True)
class _Entries:
    """Every brief's vector, one after another: brief i's entries are [starts[i], starts[i + 1])."""

    starts: np.ndarray
    brief: np.ndarray  # brief number (position in the site)
    feature: np.ndarray  # feature number (position in `documents`)
    weight: np.ndarray
    weights: list[float]  # the same weights as Python floats, shared by the vectors and postings


def related_lists_at_once(briefs: list[RelatedInput], counts: dict[str, Counter[str]], for_updates: bool = True) -> RelatedLists:
    """What `related.related_lists(briefs, counts)` gives without `previous`; `counts` holds
    every brief's features by key, in the order of `briefs`. Without `for_updates`, only the
    lists: the vectors, holders and postings an update starts from are not made into
    dictionaries and tuples (RelatedLists.updatable is False)."""
    keys = list(counts)
    documents = _document_counts(counts)
    features = list(documents)
    entries = _vectors(counts, documents, features)
    by_feature, lengths, posted_starts, posted = _postings(features, entries)
    inputs = {brief.key: brief for brief in briefs}
    if for_updates:
        holders, postings = _posting_tuples(keys, features, entries, by_feature, lengths, posted_starts, posted)
        index = RelatedIndex(inputs, _vector_dicts(keys, features, entries), postings)
    else:
        holders, index = {}, RelatedIndex(inputs, {}, {})
    rank = index._rank
    rankings = {
        key: Ranking.of(sorted([rank(inputs[key], keys[other], similarity) for other, similarity in similar]))
        for key, similar in zip(keys, _similar_briefs(len(keys), entries, posted_starts, entries.brief[posted], entries.weight[posted]))
    }
    return RelatedLists(index, counts, documents, holders, rankings, updatable=for_updates)


def _vectors(counts: dict[str, Counter[str]], documents: Counter[str], features: list[str]) -> _Entries:
    """Every brief's vector (related._vector), as entries numbered by brief and feature."""
    count = len(counts)
    number = {feature: position for position, feature in enumerate(features)}
    in_briefs = np.fromiter(documents.values(), np.int32, len(features))
    # The idf of a feature depends on its document count alone, the log of a count on the count:
    # each is computed in Python (the same floats as related.py) once per distinct value.
    distinct = set(documents.values())
    idf_by_count = _idf_table(Counter({n: n for n in distinct}), count, distinct)  # count n: as a feature n briefs have
    idf = _per_value(in_briefs, lambda n: idf_by_count.get(n, 0.0))
    # Ties in weight go by feature: the features' places in alphabetical order.
    weighted = np.flatnonzero(in_briefs > 1).tolist()
    name_rank = np.zeros(len(features), np.int32)
    name_rank[sorted(weighted, key=features.__getitem__)] = np.arange(len(weighted), dtype=np.int32)
    chosen_features, chosen_weights, sizes = [], [], []
    every = list(counts.values())
    # A block of briefs at a time: every (brief, feature) of the site at once would take tens of MB.
    for block in (every[first : first + _BLOCK_BRIEFS] for first in range(0, count, _BLOCK_BRIEFS)):
        block_sizes = np.fromiter(map(len, block), np.int64, len(block))
        total = int(block_sizes.sum())
        feature_of = np.fromiter(chain.from_iterable(map(map, repeat(number.__getitem__), block)), np.int32, total)
        times = np.fromiter(chain.from_iterable(map(dict.values, block)), np.int32, total)
        # A feature no other brief has gets no weight (related._idf_table): its entries go.
        weighted_entry = in_briefs[feature_of] > 1
        # Where each brief's weighted entries start: how many come before its first entry.
        starts = np.concatenate(([0], np.cumsum(weighted_entry)))[_starts(block_sizes)]
        feature_of, times = feature_of[weighted_entry], times[weighted_entry]
        weight = _per_value(times, _LOG_COUNT.__getitem__) * idf[feature_of]
        names = name_rank[feature_of]
        for first, last in zip(starts[:-1].tolist(), starts[1:].tolist()):
            mine = weight[first:last]
            if last - first > TERMS_PER_BRIEF:
                # Only the weights at or above the TERMS_PER_BRIEF-th heaviest are ordered.
                cut = np.partition(mine, last - first - TERMS_PER_BRIEF)[last - first - TERMS_PER_BRIEF]
                candidates = np.flatnonzero(mine >= cut)
                order = candidates[np.lexsort((names[first:last][candidates], -mine[candidates]))][:TERMS_PER_BRIEF]
            else:
                order = np.lexsort((names[first:last], -mine))
            chosen_features.append(feature_of[first:last][order])
            chosen_weights.append(mine[order])
            sizes.append(len(order))
    feature_of = np.concatenate(chosen_features) if chosen_features else np.zeros(0, np.int32)
    heaviest = np.concatenate(chosen_weights) if chosen_weights else np.zeros(0, np.float64)
    sizes = np.asarray(sizes, np.int64)
    squares = (heaviest * heaviest).tolist()
    bounds = _starts(sizes).tolist()
    # Python's sum, over the squares in the order of the vector: the norm related._vector takes.
    norms = np.array([math.sqrt(sum(squares[first:last])) for first, last in zip(bounds[:-1], bounds[1:])], np.float64)
    # A vector of zero norm (every weight 0: features all briefs have) is empty, as in related._vector.
    keep = np.repeat(norms > 0, sizes)
    feature_of, heaviest = feature_of[keep], heaviest[keep]
    sizes = np.where(norms > 0, sizes, 0)
    unit = heaviest / np.repeat(norms, sizes)
    return _Entries(_starts(sizes), np.repeat(np.arange(count), sizes), feature_of, unit, unit.tolist())


def _per_value(values: np.ndarray, compute) -> np.ndarray:  # noqa: ANN001 (a one-argument function)
    """`compute(v)` for each of `values`, called once per distinct value."""
    present = np.flatnonzero(np.bincount(values)).tolist() if len(values) else []
    table = np.zeros(present[-1] + 1 if present else 1, np.float64)
    for value in present:
        table[value] = compute(value)
    return table[values]


def _objects(values: list) -> np.ndarray:
    """`values` as an array of references to the same objects: picked by an array of numbers,
    they come back as a list without a Python int made per number."""
    objects = np.empty(len(values), dtype=object)
    objects[:] = values
    return objects


def _starts(sizes: np.ndarray) -> np.ndarray:
    starts = np.zeros(len(sizes) + 1, np.int64)
    np.cumsum(sizes, out=starts[1:])
    return starts


def _vector_dicts(keys: list[str], features: list[str], entries: _Entries) -> dict[str, dict[str, float]]:
    names = _objects(features)[entries.feature].tolist()
    bounds = entries.starts.tolist()
    weights = entries.weights
    return {
        key: dict(zip(names[first:last], weights[first:last]))
        for key, first, last in zip(keys, bounds[:-1], bounds[1:])
    }


def _postings(features: list[str], entries: _Entries) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The entries of each feature's holders (in the order of the briefs), how many each feature
    has, and its postings (related._champions) as arrays: where each feature's start, and the
    entries posted."""
    by_feature = np.argsort(entries.feature, kind="stable")  # each feature's holders in the order of the briefs
    lengths = np.bincount(entries.feature, minlength=len(features))
    starts = _starts(lengths)
    # Each feature's champions, among its holders: all, or the heaviest (ties in holder order).
    champions = by_feature.copy()
    posted_lengths = np.minimum(lengths, POSTINGS_PER_FEATURE)
    for feature in np.flatnonzero(lengths > POSTINGS_PER_FEATURE).tolist():
        first, last = starts[feature], starts[feature + 1]
        holders = by_feature[first:last]
        best = holders[np.argsort(-entries.weight[holders], kind="stable")[:POSTINGS_PER_FEATURE]]
        champions[first : first + POSTINGS_PER_FEATURE] = best
    posted_starts = _starts(posted_lengths)
    within = np.arange(int(posted_starts[-1])) - np.repeat(posted_starts[:-1], posted_lengths)
    posted = champions[np.repeat(starts[:-1], posted_lengths) + within]
    return by_feature, lengths, posted_starts, posted


def _posting_tuples(
    keys: list[str],
    features: list[str],
    entries: _Entries,
    by_feature: np.ndarray,
    lengths: np.ndarray,
    posted_starts: np.ndarray,
    posted: np.ndarray,
) -> tuple[dict[str, Posting], dict[str, Posting]]:
    """The holders of each feature (related._indexed) and its postings, as the tuples an update reads."""
    starts = _starts(lengths)
    key_objects = _objects(keys)
    weight_objects = _objects(entries.weights)
    holder_keys = key_objects[entries.brief[by_feature]].tolist()
    holder_weights = weight_objects[by_feature].tolist()
    posted_keys = key_objects[entries.brief[posted]].tolist()
    posted_weights = weight_objects[posted].tolist()
    holders: dict[str, Posting] = {}
    postings: dict[str, Posting] = {}
    bounds, posted_bounds = starts.tolist(), posted_starts.tolist()
    for feature in np.flatnonzero(lengths).tolist():
        name = features[feature]
        first, last = bounds[feature], bounds[feature + 1]
        held = holders[name] = (tuple(holder_keys[first:last]), tuple(holder_weights[first:last]))
        if last - first <= POSTINGS_PER_FEATURE:  # all posted, in order: the same tuples (related._champions)
            postings[name] = held
        else:
            first, last = posted_bounds[feature], posted_bounds[feature + 1]
            postings[name] = (tuple(posted_keys[first:last]), tuple(posted_weights[first:last]))
    return holders, postings


def _similar_briefs(
    count: int, entries: _Entries, posted_starts: np.ndarray, posted_brief: np.ndarray, posted_weight: np.ndarray
) -> list[list[tuple[int, float]]]:
    """For each brief, every other brief (by number) at or above MIN_SIMILARITY and the
    similarity: the float `RelatedIndex._similarities` adds up."""
    entry_length = np.diff(posted_starts)[entries.feature]
    similar: list[list[tuple[int, float]]] = [[] for _ in range(count)]
    block = max(1, TABLE_CELLS // max(count, 1))
    for first in range(0, count, block):
        last = min(count, first + block)
        rows = np.arange(entries.starts[first], entries.starts[last])
        lengths = entry_length[rows]
        term_row = np.repeat(rows, lengths)  # each term's vector entry, in the order the terms are added
        ends = np.cumsum(lengths)
        position = np.repeat(posted_starts[entries.feature[rows]] - (ends - lengths), lengths) + np.arange(len(term_row))
        cells = (entries.brief[term_row] - first) * count + posted_brief[position]
        terms = entries.weight[term_row] * posted_weight[position]
        sums = np.bincount(cells, weights=terms, minlength=(last - first) * count)
        sums[np.arange(last - first) * (count + 1) + first] = 0.0  # a brief and itself
        hits = np.flatnonzero(sums >= MIN_SIMILARITY)
        for cell, similarity in zip(hits.tolist(), sums[hits].tolist()):
            brief, other = divmod(cell, count)
            similar[first + brief].append((other, similarity))
    return similar


def near_at_once(
    index: RelatedIndex, holders: dict[str, Posting], candidates: set[str], least: float
) -> dict[str, dict[str, float]]:
    """`related._near` for a large site, each candidate's sums added up by numpy, and only the
    sums of at least `least` kept."""
    vectors, postings = index.vectors, index.postings
    keys = list(index.inputs)
    number = {key: position for position, key in enumerate(keys)}
    near: dict[str, dict[str, float]] = {}
    for candidate in candidates:
        features = [feature for feature in vectors.get(candidate, {}) if candidate in postings[feature][0]]
        held = [holders[feature] for feature in features]
        lengths = np.fromiter((len(briefs) for briefs, _ in held), np.int64, len(held))
        total = int(lengths.sum())
        holder_numbers = np.fromiter(map(number.__getitem__, chain.from_iterable(briefs for briefs, _ in held)), np.int64, total)
        holder_weights = np.fromiter(chain.from_iterable(weights for _, weights in held), np.float64, total)
        mine = np.fromiter(map(vectors[candidate].__getitem__, features), np.float64, len(features))
        sums = np.bincount(holder_numbers, weights=holder_weights * np.repeat(mine, lengths), minlength=len(keys))
        hits = np.flatnonzero(sums >= least)
        near[candidate] = dict(zip(map(keys.__getitem__, hits.tolist()), sums[hits].tolist()))
    return near


def rankings_of(index: RelatedIndex, keys: set[str]) -> dict[str, Ranking]:
    """`related._ranking(index, key)` for each of `keys`, each query's sums added up by numpy
    in the order `RelatedIndex._similarities` adds them."""
    every = list(index.inputs)
    number = {key: position for position, key in enumerate(every)}
    rankings = {}
    for key in keys:
        vector = index.vectors[key]
        postings = [index.postings[feature] for feature in vector]
        lengths = np.fromiter((len(others) for others, _ in postings), np.int64, len(postings))
        total = int(lengths.sum())
        others = np.fromiter(map(number.__getitem__, chain.from_iterable(others for others, _ in postings)), np.int64, total)
        weights = np.fromiter(chain.from_iterable(weights for _, weights in postings), np.float64, total)
        terms = np.repeat(np.fromiter(vector.values(), np.float64, len(postings)), lengths) * weights
        sums = np.bincount(others, weights=terms, minlength=len(every))
        sums[number[key]] = 0.0  # itself
        hits = np.flatnonzero(sums >= MIN_SIMILARITY)
        mine, rank = index.inputs[key], index._rank
        rankings[key] = Ranking.of(sorted([rank(mine, every[other], similarity) for other, similarity in zip(hits.tolist(), sums[hits].tolist())]))
    return rankings
