"""Tags: the glossary terms, people, organisations and places an article is most about."""

from __future__ import annotations

from generator.model import Article, GlossaryTerm, Paragraph, Speaker
from generator.tags import MAX_TAGS, derive_tags

TERMS = (
    GlossaryTerm("nato", "NATO", "Alliance", case_sensitive=True),
    GlossaryTerm("united-states", "United States", "Country", aliases=("US",)),
    GlossaryTerm("russia", "Russia", "Country"),
    GlossaryTerm("cuba", "Cuba", "Island"),
)


def article(title: str, body: str) -> Article:
    return Article(text=body, title=title, paragraphs=(Paragraph(0, len(body)),))


def tags_of(title: str, body: str, terms: tuple[GlossaryTerm, ...] = TERMS) -> tuple[str, ...]:
    source = article(title, body)
    return derive_tags(source, terms)


def test_most_mentioned_first_ties_by_first_mention():
    assert tags_of("Talks", "NATO and Russia. Russia again. The US.") == ("Russia", "NATO", "United States")


def test_pronoun_us_is_not_the_united_states():
    assert tags_of("Talks", "NATO told us. Tell us more, said NATO.") == ("NATO",)


def test_quoted_mentions_count_and_headline_weighs_more():
    assert tags_of("Russia mulls Cuba deployment", '"NATO, NATO," he said of Cuba. NATO.') == ("Cuba", "NATO", "Russia")


def test_at_most_max_tags():
    terms = tuple(GlossaryTerm(f"t{i}", f"Term{i}", "x") for i in range(MAX_TAGS + 3))
    body = ", ".join(t.term for t in terms)  # apart: side by side they would read as one longer name
    assert len(tags_of("Title", body, terms)) == MAX_TAGS


def test_no_glossary_no_tags():
    assert tags_of("Russia", "Russia.", ()) == ()


def test_recurring_names_become_tags_and_surnames_fold_into_the_full_name():
    body = (
        "Prime Minister Tony Blair met Gerhard Schroeder in Berlin. Mr Blair said the talks went well. "
        "Later Blair flew home. Officials in Berlin said Schroeder was pleased. Speaking later, aides agreed."
    )
    speakers = (Speaker("Tony Blair", quotes=2),)
    tags = derive_tags(article("Blair in Berlin", body), TERMS, speakers)
    assert tags[:2] == ("Tony Blair", "Berlin")
    assert "Gerhard Schroeder" in tags
    assert not {"Blair", "Speaking", "Prime Minister Tony Blair", "Mr Blair"} & set(tags)


def test_a_term_inside_a_longer_name_is_not_a_tag_but_the_longer_name_may_be():
    body = "Andy Roddick won the US Open. The US Open is in New York. Roddick said so."
    tags = tags_of("Roddick wins", body)
    assert "United States" not in tags
    assert tags == ("Andy Roddick", "US Open")


def test_one_mention_of_an_unknown_name_is_not_enough():
    assert tags_of("Talks", "Talks were held at Lancaster House with NATO.") == ("NATO",)


def test_the_place_in_an_agency_dateline_is_not_a_tag():
    # "LOS ANGELES (AP) —" says where the story was filed, in capitals; the story is about the
    # band, and one mention of the city in the story is not enough for a tag.
    body = (
        "LOS ANGELES (AP) — The Velvet Owls will tour again, Mara Quist said. "
        "Mara Quist founded The Velvet Owls in 1990 in Los Angeles. The Velvet Owls last toured in 2010."
    )
    tags = tags_of("Band to tour", body, ())
    assert "LOS ANGELES" not in tags
    assert tags[:2] == ("Velvet Owls", "Mara Quist")
