"""Related-brief ranking: one index, similarity threshold, section bonus, recency, speed shape."""

from __future__ import annotations

import datetime as dt

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
