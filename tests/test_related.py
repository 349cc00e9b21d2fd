"""Related-brief ranking: one index, similarity threshold, section bonus, recency, speed shape."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import related, related_batch, sections
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


@pytest.fixture(params=["one at a time", "at once"])
def ranking_method(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Rank small sites in Python, or as large ones are, with numpy (related_batch)."""
    if request.param == "at once":
        monkeypatch.setattr(related, "BATCH_FROM", 20)
    return request.param


def test_updated_lists_are_the_lists_computed_afresh_after_every_edit(ranking_method: str):
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


def test_another_set_of_briefs_is_ranked_afresh(ranking_method: str):
    rng = random.Random(9)
    made = [random_input(rng, f"brief-{number:02d}") for number in range(30)]
    briefs, features = [brief for brief, _ in made], {brief.key: counts for brief, counts in made}
    lists = related.related_lists(briefs, features)
    removed = briefs[:10] + briefs[11:]
    assert_same_as_afresh(related.related_lists(removed, features, lists), removed, features)
    added, extra = random_input(rng, "brief-new")
    more = [*briefs, added]
    assert_same_as_afresh(related.related_lists(more, {**features, "brief-new": extra}, lists), more, {**features, "brief-new": extra})


def test_lists_kept_for_no_update_are_the_same_lists_and_an_update_ranks_afresh(ranking_method: str):
    """`mkdocs build` keeps only the lists (for_updates=False): at once, no vectors or postings
    are made into dictionaries; the lists are the same, and lists handed back as `previous`
    are ranked afresh."""
    rng = random.Random(5)
    made = [random_input(rng, f"brief-{number:02d}") for number in range(40)]
    briefs, features = [brief for brief, _ in made], {brief.key: counts for brief, counts in made}
    kept = related.related_lists(briefs, features)
    lists = related.related_lists(briefs, features, for_updates=False)
    assert lists.rankings == kept.rankings and [lists.related(b.key) for b in briefs] == [kept.related(b.key) for b in briefs]
    assert lists.updatable is (ranking_method == "one at a time")
    if ranking_method == "at once":
        assert lists.index.vectors == {} and lists.holders == {}
    briefs[3], features[briefs[3].key] = edited(rng, briefs[3], features[briefs[3].key])
    assert_same_as_afresh(related.related_lists(briefs, features, lists), briefs, features)


# A straightforward reference: every brief against every candidate, nothing cut short but what
# the method itself cuts (TERMS_PER_BRIEF, POSTINGS_PER_FEATURE), on briefs of hand-written text.
STORIES = {
    "harbour": [
        "The harbour board approved new mooring fees for fishing boats after a long debate.",
        "Councillors said the ferry terminal needs repairs before the summer season begins.",
        "Fishermen protested outside the town hall against the rising pier tolls.",
        "The port authority promised to publish the full budget for the harbour works.",
        "A new breakwater will protect the marina from winter storms, engineers said.",
        "Tourist numbers at the waterfront fell sharply during the roadworks.",
        "The mayor defended the decision to sell the old lighthouse to a developer.",
    ],
    "football": [
        "The striker scored twice as the home side came from behind to win the derby.",
        "Supporters sang throughout the second half while the goalkeeper made three saves.",
        "The manager praised his defenders after a clean sheet against the league leaders.",
        "A late penalty sent the visitors top of the table on goal difference.",
        "The club confirmed the midfielder will miss a month with a knee injury.",
        "Ticket prices for the cup final were criticised by the supporters trust.",
        "The young winger signed a new contract until the end of next season.",
    ],
    "hospital": [
        "Nurses at the general hospital warned that waiting lists are growing every month.",
        "The health minister opened a new cancer ward funded by a local charity.",
        "Doctors said the winter flu season had filled every bed in the emergency department.",
        "Ambulance crews were held outside the hospital for hours during the weekend.",
        "A report found that staff shortages delayed hundreds of routine operations.",
        "The hospital trust plans to recruit overseas nurses to fill the vacancies.",
    ],
    "election": [
        "Voters queued outside polling stations as the count began late on Thursday.",
        "The opposition leader promised lower taxes and more money for schools.",
        "Turnout in the city was the highest recorded for a local election.",
        "The governing party lost seven council seats to independent candidates.",
        "Campaigners handed out leaflets about housing and public transport.",
        "The returning officer declared the result shortly after three in the morning.",
    ],
    "weather": [
        "Heavy rain flooded several roads and closed the railway line for a day.",
        "Forecasters warned of strong winds along the coast through the weekend.",
        "Farmers said the dry spring had damaged the barley harvest.",
        "Snow blocked the mountain pass and stranded dozens of lorries overnight.",
        "The river burst its banks and volunteers filled sandbags in the square.",
    ],
}
PEOPLE = ["ana-lopez", "port-authority", "city-hospital", "united", "green-party", "met-office", "mayor-brandt"]


def hand_written_briefs(count: int, seed: int, sentences: int | None = None) -> tuple[list[RelatedInput], dict[str, Counter[str]]]:
    """Briefs of one story's sentences (some of another's), or of `sentences` sentences of any
    story, with entities, some copies of earlier briefs (exact ties), and dates and sections
    that often coincide."""
    rng = random.Random(seed)
    topics = list(STORIES)
    everything = [sentence for story in STORIES.values() for sentence in story]
    briefs: list[RelatedInput] = []
    features: dict[str, Counter[str]] = {}
    for number in range(count):
        key = f"brief-{number:03d}.md"
        date = None if rng.random() < 0.05 else dt.date(2024, 3, rng.randint(1, 12))
        section = rng.choice([None, "politics", "sport", "health"])
        if briefs and rng.random() < 0.1:  # the same story filed twice
            features[key] = Counter(features[rng.choice(briefs).key])
        else:
            story = STORIES[rng.choice(topics)]
            text = rng.sample(story, rng.randint(2, len(story))) + rng.sample(everything, rng.choice((0, 1, 2, 12)))
            if sentences is not None:
                text = rng.sample(everything, sentences)
            entities = frozenset(rng.sample(PEOPLE, rng.randint(0, 2)))
            features[key] = related.brief_features(" ".join(text * rng.choice((1, 1, 2))), entities)
        briefs.append(RelatedInput(key, date, section))
    return briefs, features


def reference_lists(briefs: list[RelatedInput], features: dict[str, Counter[str]]) -> dict[str, tuple[str, ...]]:
    total = len(briefs)
    documents = Counter(feature for brief in briefs for feature in features[brief.key])
    vectors: dict[str, list[tuple[str, float]]] = {}
    for brief in briefs:
        weights = [
            (feature, (1 + math.log(count)) * math.log((1 + total) / (1 + documents[feature])))
            for feature, count in features[brief.key].items()
            if documents[feature] > 1
        ]
        heaviest = sorted(weights, key=lambda pair: (-pair[1], pair[0]))[: related.TERMS_PER_BRIEF]
        norm = math.sqrt(sum(w * w for _, w in heaviest))
        vectors[brief.key] = [(feature, w / norm) for feature, w in heaviest] if norm else []
    champions: dict[str, dict[str, float]] = {}
    for feature in {feature for vector in vectors.values() for feature, _ in vector}:
        holders = [(key, weight) for key, vector in vectors.items() for f, weight in vector if f == feature]
        champions[feature] = dict(sorted(holders, key=lambda pair: -pair[1])[: related.POSTINGS_PER_FEATURE])
    lists = {}
    for brief in briefs:
        ranked = []
        for other in briefs:
            similarity = 0.0
            for feature, weight in vectors[brief.key]:
                if other.key in champions[feature]:
                    similarity += weight * champions[feature][other.key]
            if other.key != brief.key and similarity >= related.MIN_SIMILARITY:
                same_section = brief.section is not None and other.section == brief.section
                score = similarity + (related.SECTION_BONUS if same_section else 0.0)
                ranked.append((-round(score, 9), -(other.date or dt.date.min).toordinal(), other.key))
        lists[brief.key] = tuple(key for *_, key in sorted(ranked)[: related.RELATED_COUNT])
    return lists


def test_the_lists_are_those_of_a_straightforward_reference_computation():
    briefs, features = hand_written_briefs(300, seed=3)
    expected = reference_lists(briefs, features)
    index = build_index(briefs, features)
    one_at_a_time = related.related_lists(briefs, features)
    at_once = related_batch.related_lists_at_once(briefs, features)
    for brief in briefs:
        assert index.related(brief.key) == one_at_a_time.related(brief.key) == at_once.related(brief.key) == expected[brief.key]
    assert at_once.index == index and at_once.holders == one_at_a_time.holders
    # The briefs reach every cut the method makes, and ties.
    assert max(len(holders) for holders, _ in at_once.holders.values()) > related.POSTINGS_PER_FEATURE
    assert any(len(features[b.key]) > related.TERMS_PER_BRIEF and len(index.vectors[b.key]) == related.TERMS_PER_BRIEF for b in briefs)
    assert sum(len(related_keys) == related.RELATED_COUNT for related_keys in expected.values()) > len(briefs) // 2
    assert any(len(set(ranking.best)) > len({rank[0] for rank in ranking.best}) for ranking in at_once.rankings.values())


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("İ\u212aKkAz é’- \n")))
def test_word_counts_are_the_words_the_classifier_reads(text: str):
    assert sections.section_word_counts(text) == Counter(sections.section_words(text))


def test_word_counts_read_any_text():
    # Characters whose lower case holds an ASCII letter, and a lone surrogate.
    for text in ("xyİabc KELVIN \u212aab", "caf\u00e9 na\u00efve \ud800abc", "The THE three Three-way"):
        assert sections.section_word_counts(text) == Counter(sections.section_words(text))


@pytest.mark.parametrize("sentences", [None, 3], ids=["stories", "three sentences (short lists)"])
def test_updates_of_hand_written_briefs_are_the_lists_computed_afresh(ranking_method: str, sentences: int | None):
    rng = random.Random(8)
    briefs, features = hand_written_briefs(150, seed=5, sentences=sentences)
    everything = [sentence for story in STORIES.values() for sentence in story]
    lists = related.related_lists(briefs, features)
    for _ in range(20):
        position = rng.randrange(len(briefs))
        brief = briefs[position]
        # A word used more moves no document count: only the brief's own vector changes.
        kind = rng.choice(("sentence", "fewer words", "copy", "date", "section", "word used more", "word used more"))
        if kind == "sentence":
            features[brief.key] = features[brief.key] + related.brief_features(rng.choice(everything), frozenset())
        elif kind == "fewer words":
            features[brief.key] = Counter({word: n for word, n in features[brief.key].items() if rng.random() < 0.8})
        elif kind == "copy":  # now the same story as another brief: its weights tie with that one's
            features[brief.key] = Counter(features[rng.choice(briefs).key])
        elif kind == "word used more":
            features[brief.key] = features[brief.key] + Counter({rng.choice(list(features[brief.key])): rng.randint(1, 4)})
        elif kind == "date":
            briefs[position] = dataclasses.replace(brief, date=dt.date(2024, 3, rng.randint(1, 12)))
        else:
            briefs[position] = dataclasses.replace(brief, section=rng.choice([None, "politics", "sport", "health"]))
        lists = related.related_lists(briefs, features, lists)
        assert_same_as_afresh(lists, briefs, features)


def test_an_edit_lifting_a_brief_into_lists_it_was_far_from_puts_it_there(ranking_method: str):
    """A brief's lightest feature used far more: it enters lists whose kept ranks it was not
    in (below MIN_SIMILARITY or below their bound), which only the changed brief's own sums find."""
    briefs, features = hand_written_briefs(300, seed=0, sentences=2)
    lists = related.related_lists(briefs, features)
    entered = 0
    for brief in briefs[:25]:
        lightest = list(lists.index.vectors[brief.key])[-1:]
        edited_features = {**features, brief.key: features[brief.key] + Counter({word: 6 for word in lightest})}
        updated = related.related_lists(briefs, edited_features, lists)
        assert_same_as_afresh(updated, briefs, edited_features)
        entered += sum(
            brief.key in updated.related(other.key) and brief.key not in {rank[-1] for rank in lists.rankings[other.key].best}
            for other in briefs
        )
    assert entered > 0


def test_a_candidates_own_sums_are_every_similarity_it_has_but_for_the_order_of_terms():
    briefs, features = hand_written_briefs(300, seed=2)
    lists = related.related_lists(briefs, features)
    index, candidates = lists.index, {brief.key for brief in briefs[:50]}
    near = related._near(index, lists.holders, candidates)
    at_once = related_batch.near_at_once(index, lists.holders, candidates, related.MIN_SIMILARITY)
    for brief in briefs:
        similarities = index._similarities(brief.key)
        for candidate in candidates - {brief.key}:
            exact = similarities.get(candidate, 0.0)
            assert abs(near[candidate].get(brief.key, 0.0) - exact) < related._SUM_ORDER_ERROR / 1000
            assert (brief.key in at_once[candidate]) == (near[candidate].get(brief.key, 0.0) >= related.MIN_SIMILARITY)


def test_a_holder_that_ties_the_last_champion_enters_the_postings_by_its_place(ranking_method: str):
    harbour, weather, football = (" ".join(STORIES[story]) for story in ("harbour", "weather", "football"))
    briefs = [RelatedInput(f"brief-{number:02d}", dt.date(2024, 1, 1), None) for number in range(70)]
    features = {brief.key: related.brief_features(harbour if number < 55 else football, frozenset()) for number, brief in enumerate(briefs)}
    # Lighter harbour words: the weather words weigh too (another brief has them).
    features["brief-05"] = related.brief_features(f"{harbour} {weather}", frozenset())
    features["brief-69"] = related.brief_features(f"{football} {weather}", frozenset())
    lists = related.related_lists(briefs, features)
    word = "harbour"
    assert len(lists.holders[word][0]) > related.POSTINGS_PER_FEATURE and "brief-05" not in lists.index.postings[word][0]
    features["brief-05"] = related.brief_features(harbour, frozenset())  # now the weights of the others, and earlier
    updated = related.related_lists(briefs, features, lists)
    assert_same_as_afresh(updated, briefs, features)
    assert "brief-05" in updated.index.postings[word][0]
