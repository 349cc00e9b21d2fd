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
a few short posting lists, not n x n comparisons with features rebuilt. The
postings fill up as the site grows, though, and a query adds more terms; so
`related_lists` ranks a site of BATCH_FROM briefs or more all at once with
numpy (generator/related_batch.py), to the same floats.

`related_lists` gives every brief's list at once, and after an edit (under
`mkdocs serve`, where the last lists are kept in memory) updates the lists of an earlier call: it
recomputes the vectors whose weights can change, the posting lists those
vectors are in, and then ranks again only what can differ. A brief's
similarity to another is a sum over its own features of the other's posting
weights, so it changes only when one of those postings did; a list changes
only when such a changed candidate was in it or now ranks above its last
entry, and each changed candidate's similarities, summed from its own side
(`_near`), say which lists it can now reach. Every other list is kept because
it provably is what a full query gives: the lists are the ones a full build
makes, exactly.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

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
# An update recomputes everything once this share of the vectors changed (the posting lists
# of most features change with them), and queries a brief again outright once this many of
# its candidates changed (checking each costs about what one query does).
FULL_UPDATE_SHARE = 0.2
# Ranked at once (BATCH_FROM briefs or more), a whole site costs about what updating this
# share of its vectors does (each changed vector costs a query, its postings and its sums).
FULL_UPDATE_SHARE_AT_ONCE = 0.06
# An edit that moves the document count of a common word makes most vectors stale: computing
# them again one by one costs about half of ranking everything afresh, so past this share the
# update does the latter.
STALE_SHARE = 0.5
CANDIDATES_CHECKED = 100
# A list keeps a few ranks beyond the ones shown: when an edit moves one of its briefs down,
# the next one is known without a query.
RANKS_KEPT = RELATED_COUNT + 3
# From this many briefs on, every brief is ranked at once with numpy (generator/related_batch.py):
# the sums per brief grow with the site, to the full POSTINGS_PER_FEATURE per feature, and
# adding them one by one in Python would cost more per brief the larger the site. Below it,
# querying in Python costs less than loading numpy does (about 0.1 s of CPU).
BATCH_FROM = 1_000
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


# How a candidate ranks for a brief, smallest first: (-score, -recency, key); see RelatedIndex.ranks.
Rank = tuple[float, int, str]
# The briefs a feature weighs most in, and its weight in each: two tuples, not a tuple per brief.
Posting = tuple[tuple[str, ...], tuple[float, ...]]


@dataclass(frozen=True)
class RelatedIndex:
    """Every brief's features, computed once: see `build_index`."""

    inputs: dict[str, RelatedInput]
    vectors: dict[str, dict[str, float]]  # key -> feature -> weight, unit length
    postings: dict[str, Posting]  # feature -> its champions (see _champions)

    def related(self, key: str, count: int = RELATED_COUNT) -> tuple[str, ...]:
        """The keys of the briefs most related to `key`, best first; none below MIN_SIMILARITY."""
        return tuple(rank[-1] for rank in self.ranks(key, count))

    def ranks(self, key: str, count: int = RELATED_COUNT) -> tuple[Rank, ...]:
        """The ranks of the `count` briefs most related to `key`, best first."""
        if key not in self.inputs:
            return ()
        mine = self.inputs[key]
        # A shared section alone never makes a brief related: most candidates stop here.
        scored = [
            self._rank(mine, other, similarity)
            for other, similarity in self._similarities(key).items()
            if similarity >= MIN_SIMILARITY
        ]
        return tuple(heapq.nsmallest(count, scored))

    def _rank(self, mine: RelatedInput, other: str, similarity: float) -> Rank:
        candidate = self.inputs[other]
        is_same_section = mine.section is not None and candidate.section == mine.section
        score = similarity + (SECTION_BONUS if is_same_section else 0.0)
        recency = (candidate.date or dt.date.min).toordinal()
        return (-round(score, 9), -recency, other)

    def _similarities(self, key: str) -> dict[str, float]:
        """Cosine similarity with every brief sharing a feature with this one (itself left out)."""
        sums: dict[str, float] = {}
        add = sums.get
        postings = self.postings
        for feature, weight in self.vectors[key].items():
            others, weights = postings[feature]
            for other, other_weight in zip(others, weights):
                sums[other] = add(other, 0.0) + weight * other_weight
        sums.pop(key, None)
        return sums

    def _rank_of(self, key: str, other: str, posting_weights: dict[str, dict[str, float]]) -> Rank | None:
        """How `other` ranks for `key`, None below MIN_SIMILARITY: the same float `_similarities`
        adds up (the same terms in the same order). `posting_weights` caches postings as dicts."""
        mine = self.vectors[key]
        shared = mine.keys() & self.vectors[other].keys()
        similarity = 0.0
        if shared:
            for feature in (feature for feature in mine if feature in shared):
                weights = posting_weights.get(feature)
                if weights is None:
                    weights = posting_weights[feature] = dict(zip(*self.postings[feature]))
                if other in weights:
                    similarity = similarity + mine[feature] * weights[other]
        return self._rank(self.inputs[key], other, similarity) if similarity >= MIN_SIMILARITY else None


def build_index(briefs: list[RelatedInput], features: dict[str, Counter[str]] | None = None) -> RelatedIndex:
    """Compute every brief's vector and the inverted index over them, once. `features` holds
    each brief's `brief_features` (by key) when they were computed already."""
    counts = {
        brief.key: features[brief.key] if features is not None else brief_features(brief.text, brief.entities)
        for brief in briefs
    }
    return _indexed(briefs, counts)[0]


def _indexed(
    briefs: list[RelatedInput], counts: dict[str, Counter[str]]
) -> tuple[RelatedIndex, Counter[str], dict[str, tuple[str, ...]]]:
    """The index, the number of briefs having each feature, and each feature's holders: the
    keys with the feature in their vector, in the order of `briefs`, and its weight in each."""
    documents = _document_counts(counts)
    idf = _idf_table(documents, len(counts), documents)
    vectors = {key: _vector(features, idf) for key, features in counts.items()}
    holders: dict[str, tuple[list[str], list[float]]] = {}
    for key, vector in vectors.items():
        for feature, weight in vector.items():
            if (entries := holders.get(feature)) is None:
                holders[feature] = ([key], [weight])
            else:
                entries[0].append(key)
                entries[1].append(weight)
    held = {feature: (tuple(keys), tuple(weights)) for feature, (keys, weights) in holders.items()}
    index = RelatedIndex({brief.key: brief for brief in briefs}, vectors, {feature: _champions(entries) for feature, entries in held.items()})
    return index, documents, held


def _document_counts(counts: dict[str, Counter[str]]) -> Counter[str]:
    documents: Counter[str] = Counter()
    for features in counts.values():
        documents.update(features.keys())
    return documents


@dataclass(frozen=True)
class Ranking:
    """A brief's best candidates, best first: all of them, or the best ones down to `bound`
    (no candidate left out ranks at or above it)."""

    best: tuple[Rank, ...]
    bound: Rank | None  # None: `best` holds every candidate above MIN_SIMILARITY

    @classmethod
    def of(cls, ranks: list[Rank] | tuple[Rank, ...], bound: Rank | None = None) -> Ranking:
        """The RANKS_KEPT best of `ranks` (sorted), candidates below `bound` already left out."""
        if len(ranks) > RANKS_KEPT:
            return cls(tuple(ranks[:RANKS_KEPT]), ranks[RANKS_KEPT - 1])
        return cls(tuple(ranks), bound)


@dataclass(frozen=True)
class RelatedLists:
    """Every brief's related briefs, and what `related_lists` needs to update them after an edit."""

    index: RelatedIndex
    counts: dict[str, Counter[str]]  # each brief's features, as given
    documents: Counter[str]  # feature -> how many briefs have it
    # Feature -> every key with it in its vector (in the order of the briefs) and its weight there.
    holders: dict[str, Posting]
    rankings: dict[str, Ranking]
    # False: the lists alone (related_lists without for_updates): no update starts from them.
    updatable: bool = True

    def related(self, key: str) -> tuple[str, ...]:
        """The keys of the briefs most related to `key`, best first (RelatedIndex.related)."""
        ranking = self.rankings.get(key)
        return () if ranking is None else tuple(rank[-1] for rank in ranking.best[:RELATED_COUNT])


def related_lists(
    briefs: list[RelatedInput],
    features: dict[str, Counter[str]],
    previous: RelatedLists | None = None,
    for_updates: bool = True,
) -> RelatedLists:
    """Every brief's related briefs: `build_index(briefs, features).related(key)` for each.

    With `previous` (the lists of the same briefs in the same order, some of them edited
    since), only what the edits can change is computed again; another set of briefs (one
    added, removed or renamed) changes every weight, and everything is computed afresh.
    Without `for_updates` (no update will follow, as in `mkdocs build`), a site ranked at
    once keeps only its lists.
    """
    keys = [brief.key for brief in briefs]
    if previous is None or not previous.updatable or list(previous.index.inputs) != keys:
        counts = {key: features[key] for key in keys}
        if len(keys) >= BATCH_FROM:
            from generator.related_batch import related_lists_at_once  # imports numpy: see BATCH_FROM

            return related_lists_at_once(briefs, counts, for_updates)
        index, documents, holders = _indexed(briefs, counts)
        return RelatedLists(index, counts, documents, holders, {key: _ranking(index, key) for key in keys})
    return _updated(previous, briefs, features)


def _updated(previous: RelatedLists, briefs: list[RelatedInput], features: dict[str, Counter[str]]) -> RelatedLists:
    old = previous.index
    inputs = {brief.key: brief for brief in briefs}
    keys = list(inputs)
    edited = [key for key in keys if features[key] is not previous.counts[key] and features[key] != previous.counts[key]]
    # A new date or section changes how the brief ranks for others, not any weight.
    moved = {key for key in keys if inputs[key] != old.inputs[key]}
    if not edited and not moved:
        return previous
    counts = {**previous.counts, **{key: features[key] for key in edited}}
    documents, recounted = _recounted(previous, counts, edited)
    # Vectors: the edited briefs', and those of every brief having a feature whose idf moved.
    # (A dict's keys view checks the few recounted features against it, not its features against them.)
    stale = set(edited) | ({key for key in keys if not counts[key].keys().isdisjoint(recounted)} if recounted else set())
    if len(stale) > STALE_SHARE * len(keys):
        return related_lists(briefs, features)
    idf = _idf_table(documents, len(keys), {feature for key in stale for feature in counts[key]})
    vectors = dict(old.vectors)
    reweighed = []  # in the order of the briefs
    for key in keys:
        if key in stale and (vector := _vector(counts[key], idf)) != old.vectors[key]:
            vectors[key] = vector
            reweighed.append(key)
    if len(reweighed) > (FULL_UPDATE_SHARE_AT_ONCE if len(keys) >= BATCH_FROM else FULL_UPDATE_SHARE) * len(keys):
        return related_lists(briefs, features)
    holders, postings, changed_entries = _reposted(previous, keys, vectors, reweighed)
    for key in moved:
        for feature in vectors[key]:
            if key in postings[feature][0]:
                changed_entries.setdefault(feature, set()).add(key)
    index = RelatedIndex(inputs, vectors, postings)
    rankings = _reranked(previous, index, holders, changed_entries, set(reweighed) | moved)
    return RelatedLists(index, counts, documents, holders, rankings)


def _recounted(previous: RelatedLists, counts: dict[str, Counter[str]], edited: list[str]) -> tuple[Counter[str], set[str]]:
    """The document counts after the edits, and the features whose count (and so idf) moved:
    only a feature an edit added or removed."""
    documents = previous.documents.copy()
    recounted: set[str] = set()
    for key in edited:
        before, after = previous.counts[key].keys(), counts[key].keys()
        documents.subtract(before - after)
        documents.update(after - before)
        recounted |= before ^ after
    recounted = {feature for feature in recounted if documents[feature] != previous.documents[feature]}
    for feature in recounted:
        if documents[feature] <= 0:
            del documents[feature]
    return documents, recounted


def _reposted(
    previous: RelatedLists, keys: list[str], vectors: dict[str, dict[str, float]], reweighed: list[str]
) -> tuple[dict[str, Posting], dict[str, Posting], dict[str, set[str]]]:
    """Holders and postings of the features the reweighed vectors have or had, and for each
    feature whose postings changed, the keys whose entry in them changed."""
    old = previous.index
    holders, postings = dict(previous.holders), dict(old.postings)
    changed_entries: dict[str, set[str]] = {}
    if not reweighed:
        return holders, postings, changed_entries
    position = {key: number for number, key in enumerate(keys)}
    reweighed_set = set(reweighed)
    # Feature -> the reweighed keys with it in their vector, before and after (in order).
    had: dict[str, list[str]] = defaultdict(list)
    has: dict[str, list[str]] = defaultdict(list)
    for key in reweighed:
        for feature in old.vectors[key]:
            had[feature].append(key)
        for feature in vectors[key]:
            has[feature].append(key)
    for feature in had.keys() | has.keys():
        before = old.postings.get(feature)
        if had[feature] == has[feature]:  # the same holders, some with a new weight
            held, weights = previous.holders[feature]
            moved = [key for key in has[feature] if vectors[key][feature] != old.vectors[key][feature]]
            if not moved:
                continue
            new_weights = list(weights)
            for key in moved:
                new_weights[held.index(key)] = vectors[key][feature]
            entries = holders[feature] = (held, tuple(new_weights))
            if len(held) <= POSTINGS_PER_FEATURE:  # the postings are all the holders: only those entries change
                postings[feature] = entries
                changed_entries[feature] = set(moved)
                continue
        else:
            held = tuple(sorted([key for key in previous.holders.get(feature, ((), ()))[0] if key not in reweighed_set] + has[feature], key=position.__getitem__))
            if not held:
                del holders[feature], postings[feature]
                changed_entries[feature] = set(before[0])
                continue
            entries = holders[feature] = (held, tuple([vectors[key][feature] for key in held]))
        posting = postings[feature] = _champions_after(entries, before, has[feature], vectors, feature, position)
        if posting is before:
            continue
        old_entries, new_entries = dict(zip(*before or ((), ()))), dict(zip(*posting))
        if old_entries != new_entries:
            changed_entries[feature] = {key for key in old_entries.keys() | new_entries.keys() if old_entries.get(key) != new_entries.get(key)}
    return holders, postings, changed_entries


def _champions_after(
    holders: Posting,
    before: Posting | None,
    reweighed: list[str],
    vectors: dict[str, dict[str, float]],
    feature: str,
    position: dict[str, int],
) -> Posting:
    """`_champions(holders)` after the `reweighed` holders changed weight, given the postings
    `before`: those very postings when no champion changed weight and no reweighed holder
    now ranks above the last champion (weight, then holder order)."""
    if before is None or len(holders[0]) <= POSTINGS_PER_FEATURE or not set(reweighed).isdisjoint(before[0]):
        return _champions(holders)
    last, last_weight = before[0][-1], before[1][-1]
    for key in reweighed:
        weight = vectors[key][feature]
        if weight > last_weight or (weight == last_weight and position[key] < position[last]):
            return _champions(holders)
    return before


def _reranked(
    previous: RelatedLists,
    index: RelatedIndex,
    holders: dict[str, Posting],
    changed_entries: dict[str, set[str]],
    again: set[str],
) -> dict[str, Ranking]:
    """Every brief's ranking after the edits: the briefs in `again` are queried; every other
    brief's similarities changed only for the candidates whose entry changed in some postings,
    and only those such a candidate was in the list of, or may now reach MIN_SIMILARITY for
    (`_near`), are ranked again, those candidates alone, against the ranks the brief keeps."""
    changed = set().union(*changed_entries.values()) if changed_entries else set()
    checked: dict[str, set[str]] = defaultdict(set)  # brief -> the changed candidates to rank again
    for key, ranking in previous.rankings.items():
        for rank in ranking.best:
            if rank[-1] in changed:
                checked[key].add(rank[-1])
    if len(index.inputs) >= BATCH_FROM:
        from generator.related_batch import near_at_once  # imports numpy: see BATCH_FROM

        near = near_at_once(index, holders, changed, MIN_SIMILARITY - _SUM_ORDER_ERROR)
    else:
        near = _near(index, holders, changed)
    for candidate, sums in near.items():
        for key, similarity in sums.items():
            if similarity >= MIN_SIMILARITY - _SUM_ORDER_ERROR:
                checked[key].add(candidate)
    rankings = dict(previous.rankings)
    posting_weights: dict[str, dict[str, float]] = {}
    for key, candidates in checked.items():
        candidates.discard(key)
        if key in again or not candidates:
            continue
        if len(candidates) > CANDIDATES_CHECKED:
            again.add(key)
            continue
        kept = previous.rankings[key]
        fresh = (index._rank_of(key, other, posting_weights) for other in candidates)
        ranks = sorted([rank for rank in kept.best if rank[-1] not in candidates] + [rank for rank in fresh if rank is not None])
        if kept.bound is not None:
            # A candidate left out of the list (unchanged, or changed and now below the bound)
            # ranks below the bound: only the ranks down to it are certain.
            ranks = [rank for rank in ranks if rank <= kept.bound]
            if len(ranks) < RELATED_COUNT:
                again.add(key)
                continue
        if (ranking := Ranking.of(ranks, kept.bound)) != kept:
            rankings[key] = ranking
    if len(index.inputs) >= BATCH_FROM:
        from generator.related_batch import rankings_of  # imports numpy: see BATCH_FROM

        rankings.update(rankings_of(index, again))
    else:
        for key in again:
            rankings[key] = _ranking(index, key)
    return rankings


# Summed in another order, a similarity (at most TERMS_PER_BRIEF products of weights of unit
# vectors, so at most 1) differs by less than 2 * TERMS_PER_BRIEF * 2**-53 from the sum
# `_similarities` makes: far below this.
_SUM_ORDER_ERROR = 1e-9


def _near(index: RelatedIndex, holders: dict[str, Posting], candidates: set[str]) -> dict[str, dict[str, float]]:
    """For each of `candidates`, its similarity with every brief it is a candidate for,
    summed over the candidate's features: the terms `_similarities` adds, in another order.

    A changed candidate is a candidate for most of the site, and for almost every brief it
    stays far below MIN_SIMILARITY; summed from its side, the few it can reach are found at
    the cost of one query, and only those are summed exactly (RelatedIndex._rank_of)."""
    vectors, postings = index.vectors, index.postings
    near: dict[str, dict[str, float]] = {}
    for candidate in candidates:
        sums: dict[str, float] = {}
        add = sums.get
        for feature, weight in vectors.get(candidate, {}).items():
            if candidate in postings[feature][0]:
                for holder, holder_weight in zip(*holders[feature]):
                    sums[holder] = add(holder, 0.0) + holder_weight * weight
        near[candidate] = sums
    return near


def _ranking(index: RelatedIndex, key: str) -> Ranking:
    """A brief's ranking by a query: one rank more than kept tells whether there are more."""
    return Ranking.of(index.ranks(key, RANKS_KEPT + 1))



def _champions(entries: Posting) -> Posting:
    """A feature's postings from its holders (in order) and their weights in it: all of them
    (the same tuples), or the POSTINGS_PER_FEATURE it weighs most in (heaviest first, ties in
    holder order)."""
    holders, weights = entries
    if len(holders) <= POSTINGS_PER_FEATURE:
        return entries
    best = sorted(range(len(holders)), key=weights.__getitem__, reverse=True)[:POSTINGS_PER_FEATURE]
    return tuple([holders[i] for i in best]), tuple([weights[i] for i in best])


def brief_features(text: str, entities: frozenset[str]) -> Counter[str]:
    """A brief's feature counts: the words the section classifier reads, and its entities
    (normalised names: people, organisations, places, glossary terms), each ENTITY_REPEAT times."""
    counts = section_word_counts(text)
    for entity in entities:
        counts[_ENTITY_MARK + entity] += ENTITY_REPEAT
    return counts


def _idf_table(documents: Counter[str], total: int, features: Iterable[str]) -> dict[str, float]:
    """The idf of each of `features` (log-scaled), given how many of `total` briefs have it.
    A feature no other brief has cannot relate two briefs: it gets no weight at all."""
    return {feature: math.log((1 + total) / (1 + n)) for feature in features if (n := documents[feature]) > 1}


def _vector(features: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """A unit-length TF-IDF vector (log-scaled counts), cut to its TERMS_PER_BRIEF heaviest features."""
    get = idf.get
    weights = [(feature, _LOG_COUNT[n] * weight) for feature, n in features.items() if (weight := get(feature)) is not None]
    heaviest = _heaviest(weights, TERMS_PER_BRIEF)
    norm = math.sqrt(sum([w * w for _, w in heaviest]))
    return {feature: w / norm for feature, w in heaviest} if norm else {}


def _heaviest(weights: list[tuple[str, float]], count: int) -> list[tuple[str, float]]:
    """The `count` heaviest (feature, weight) pairs, heaviest first, ties by feature."""
    if len(weights) > count:
        # The weights alone are sorted in C; only the pairs at or above the cut are kept.
        cut = sorted([w for _, w in weights], reverse=True)[count - 1]
        weights = [item for item in weights if item[1] >= cut]
    # By feature, then by weight: a stable sort keeps the features of one weight in order.
    weights.sort(key=_FEATURE)
    weights.sort(key=_WEIGHT, reverse=True)
    return weights[:count]


class _LogCounts(dict[int, float]):
    """1 + log(count), each computed once."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1 + math.log(count)
        return value


_LOG_COUNT = _LogCounts()
_FEATURE, _WEIGHT = itemgetter(0), itemgetter(1)
