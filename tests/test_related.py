"""Related-brief ranking: one index, similarity threshold, section bonus, recency, speed shape."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter

from generator import related
from generator.related import RelatedInput, build_index

HARBOUR = "The council voted on the harbour budget, the ferry terminal and the new pier tolls."
TENNIS = "The champion won the tennis final in five sets after saving three match points."
GARDEN = "Roses and tulips filled the spring garden show, where growers sold rare bulbs."


def item(key: str, text: str, day: int = 1, section: str | None = None, entities: tuple[str, ...] = ()) -> RelatedInput:
    return RelatedInput(key, dt.date(2024, 1, day), section, frozenset(entities), text)


def test_most_similar_first_and_never_itself():
    briefs = [
        item("a", HARBOUR + " Tolls rise.", entities=("port-authority",)),
        item("b", HARBOUR, entities=("port-authority",)),
        item("c", HARBOUR.replace("ferry terminal", "museum")),
        item("d", TENNIS),
        item("e", GARDEN),
    ]
    ranked = build_index(briefs).related("a")
    assert ranked[:2] == ("b", "c")
    assert "a" not in ranked and "d" not in ranked


def test_nothing_close_enough_means_no_related_brief():
    index = build_index([item("a", HARBOUR), item("b", TENNIS), item("c", GARDEN), item("d", TENNIS)])
    assert index.related("a") == ()
    assert index.related("missing") == ()


def test_shared_section_breaks_near_ties_but_alone_relates_nothing():
    briefs = [
        item("a", HARBOUR, section="politics"),
        item("b", HARBOUR, section="business", day=9),
        item("c", HARBOUR, section="politics", day=1),
        item("d", TENNIS, section="politics"),
        item("e", GARDEN, section="politics"),
    ]
    assert build_index(briefs).related("a") == ("c", "b")


def test_ties_go_to_the_more_recent_brief():
    briefs = [item("a", HARBOUR), item("old", HARBOUR, day=1), item("new", HARBOUR, day=20), item("x", TENNIS)]
    assert build_index(briefs).related("a") == ("new", "old")


def test_shared_entities_relate_briefs_whose_words_differ():
    entity = ("ana-lopez",)
    briefs = [
        item("a", "Budget speech tonight.", entities=entity),
        item("b", "Harvest festival opens.", entities=entity),
        item("c", TENNIS),
        item("d", GARDEN),
    ]
    assert build_index(briefs).related("a") == ("b",)


def test_each_vector_keeps_only_its_heaviest_features():
    words = " ".join(f"zz{a}{b}" for a in "abcdefghijkl" for b in "abcdefghijkl")  # 144 distinct words
    index = build_index([item("a", words), item("b", words), item("c", TENNIS)])
    assert len(index.vectors["a"]) == related.TERMS_PER_BRIEF


# Updating the lists after edits (related_lists with `previous`): the same lists as ranking afresh.
COMMON = "council police budget minister harbour ferry court election hospital school".split()
RARE = [f"{a}{b}word" for a in "bcdfghjklmnpqrst" for b in "aeiou"]  # 80 words, in four topics
SECTIONS = (None, "politics", "business", "sport")


def random_input(rng: random.Random, key: str) -> tuple[RelatedInput, Counter[str]]:
    """A brief of common words (most briefs share them: their postings are cut to the best
    POSTINGS_PER_FEATURE), words of one of four topics (many briefs of a topic are related,
    more than a list keeps), entities; some have more features than TERMS_PER_BRIEF, and
    repeated counts make ties."""
    topic = rng.randrange(4)
    words = rng.sample(COMMON, rng.randint(0, 6)) + rng.sample(RARE[topic * 20 : topic * 20 + 20], rng.randint(1, 8))
    words += rng.sample(RARE, rng.choice((0, 2, 70)))
    entities = frozenset(rng.sample(["ana-lopez", "port-authority", "nato", "city-hall"], rng.randint(0, 2)))
    features = related.brief_features(" ".join(w for w in words for _ in range(rng.choice((1, 1, 2)))), entities)
    return RelatedInput(key, dt.date(2024, 1, rng.randint(1, 5)), rng.choice(SECTIONS)), features


def edited(rng: random.Random, brief: RelatedInput, features: Counter[str]) -> tuple[RelatedInput, Counter[str]]:
    kind = rng.choice(("add", "add", "remove", "replace", "date", "section", "same"))
    if kind == "add":
        return brief, features + Counter(rng.sample(COMMON + RARE, rng.randint(1, 4)))
    if kind == "remove":
        kept = list(features)[: max(1, len(features) // rng.randint(2, 5))]
        return brief, Counter({feature: features[feature] for feature in kept})
    if kind == "replace":
        return brief, random_input(rng, brief.key)[1]
    if kind == "date":
        return dataclasses.replace(brief, date=dt.date(2024, 2, rng.randint(1, 5))), features
    if kind == "section":
        return dataclasses.replace(brief, section=rng.choice(SECTIONS)), features
    return brief, Counter(features)  # the same features, read again into a new object


def assert_same_as_afresh(lists: related.RelatedLists, briefs: list[RelatedInput], features: dict[str, Counter[str]]) -> None:
    fresh = related.related_lists(briefs, features)
    index = build_index(briefs, features)
    assert lists.index == fresh.index == index
    assert lists.holders == fresh.holders and +lists.documents == +fresh.documents
    for brief in briefs:
        assert lists.related(brief.key) == index.related(brief.key), brief.key


def test_updated_lists_are_the_lists_computed_afresh_after_every_edit():
    rng = random.Random(14)
    made = [random_input(rng, f"brief-{number:03d}") for number in range(120)]
    briefs = [brief for brief, _ in made]
    features = {brief.key: counts for brief, counts in made}
    lists = related.related_lists(briefs, features)
    assert_same_as_afresh(lists, briefs, features)
    bounded = 0  # lists that hold the best of more candidates than they keep
    for _ in range(30):
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            position = rng.randrange(len(briefs))
            briefs[position], features[briefs[position].key] = edited(rng, briefs[position], features[briefs[position].key])
        updated = related.related_lists(briefs, features, lists)
        assert_same_as_afresh(updated, briefs, features)
        bounded += sum(ranking.bound is not None for ranking in updated.rankings.values())
        lists = updated
    assert bounded > 30 * len(briefs) // 4
    # An edit that moves no document count (a word the brief has, used once more) changes one
    # vector: most lists are kept as they were, not ranked again.
    key = briefs[0].key
    features[key] = features[key] + Counter({next(iter(lists.index.vectors[key])): 3})
    updated = related.related_lists(briefs, features, lists)
    assert_same_as_afresh(updated, briefs, features)
    assert sum(updated.rankings[k] is lists.rankings[k] for k in features) > len(briefs) // 2


def test_another_set_of_briefs_is_ranked_afresh():
    rng = random.Random(9)
    made = [random_input(rng, f"brief-{number:02d}") for number in range(30)]
    briefs, features = [brief for brief, _ in made], {brief.key: counts for brief, counts in made}
    lists = related.related_lists(briefs, features)
    removed = briefs[:10] + briefs[11:]
    assert_same_as_afresh(related.related_lists(removed, features, lists), removed, features)
    added, extra = random_input(rng, "brief-new")
    more = [*briefs, added]
    assert_same_as_afresh(related.related_lists(more, {**features, "brief-new": extra}, lists), more, {**features, "brief-new": extra})
