"""Quotes and speakers: each pattern on a small hand-written paragraph, and the seed as a golden case."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import ingest, quotes, segment
from generator.model import Attributions, Person, Quote, QuoteKind

from conftest import SEED

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO.parent / "shared" / "eval"


def attribute(body: str, people: tuple[Person, ...] = ()) -> tuple[str, Attributions]:
    """Attributions for a hand-written body (paragraphs separated by blank lines)."""
    article = ingest.parse_article(body, "test", "A headline", headline_required=False)
    return article.text, quotes.find_attributions(article, segment.split_sentences(article), people)


def quote_containing(text: str, found: Attributions, words: str) -> Quote:
    """The quote whose span (or one of its fragments) holds `words`."""
    at = text.index(words)
    for quote in found.quotes:
        spans = quote.fragments or ((quote.start, quote.end),)
        if any(a <= at < b for a, b in spans):
            return quote
    raise AssertionError(f"no quote holds {words!r}: {[q.text for q in found.quotes]}")


# ------------------------------------------------------------- direct quotes


def test_direct_quote_in_straight_marks_with_inverted_cue() -> None:
    text, found = attribute('"The harbour will reopen on Monday," said Mayor Ellen Torvik.')
    quote = quote_containing(text, found, "harbour will reopen")
    assert (quote.kind, quote.speaker, quote.role) == (QuoteKind.DIRECT, "Ellen Torvik", "Mayor")


def test_direct_quote_in_curly_marks_with_name_then_cue() -> None:
    text, found = attribute("\u201cWe expect the bridge to carry traffic by spring,\u201d Torvik told reporters.")
    quote = quote_containing(text, found, "carry traffic")
    assert (quote.kind, quote.speaker, quote.cue) == (QuoteKind.DIRECT, "Torvik", "told")


def test_quote_split_around_the_cue_keeps_both_fragments() -> None:
    body = 'Harbour master Paul Lindqvist spoke on Friday.\n\n"The ferries are late," he said, "and the buses are worse."'
    text, found = attribute(body)
    quote = quote_containing(text, found, "ferries are late")
    assert quote is quote_containing(text, found, "buses are worse")
    assert quote.kind is QuoteKind.DIRECT and quote.speaker == "Paul Lindqvist"
    assert len(quote.fragments) == 2


def test_quote_over_several_paragraphs_is_one_quote() -> None:
    body = (
        "Engineer Maria Olsen described the repair work.\n\n"
        '"We replaced every cable on the north side. It took three weeks.\n\n'
        '"Next we will paint the towers, which should take the summer," she said.'
    )
    text, found = attribute(body)
    first = quote_containing(text, found, "replaced every cable")
    second = quote_containing(text, found, "paint the towers")
    assert first is second and first.speaker == "Maria Olsen" and first.kind is QuoteKind.DIRECT


def test_quote_inside_a_quote_stays_in_the_outer_quote() -> None:
    body = "\u201cThe inspector told us \u2018the deck is safe\u2019 and we believed him,\u201d said contractor Ben Alvarez."
    text, found = attribute(body)
    quote = quote_containing(text, found, "the deck is safe")
    assert quote is quote_containing(text, found, "we believed him")
    assert quote.speaker == "Ben Alvarez"
    assert len([q for q in found.quotes if q.kind is QuoteKind.DIRECT]) == 1


def test_colon_introduces_a_direct_quote() -> None:
    text, found = attribute('Council leader Anna Berg said: "The budget is balanced for the first time in a decade."')
    quote = quote_containing(text, found, "budget is balanced")
    assert (quote.kind, quote.speaker) == (QuoteKind.DIRECT, "Anna Berg")


# ------------------------------------------------------ partial and indirect


def test_partial_quote_inside_reported_speech_is_mixed() -> None:
    body = 'Transport minister Karl Weber noted "some real progress" at the meeting but called the plan incomplete.'
    text, found = attribute(body)
    quote = quote_containing(text, found, "some real progress")
    assert (quote.kind, quote.speaker, quote.cue) == (QuoteKind.MIXED, "Karl Weber", "noted")


@pytest.mark.parametrize("cue", ["said", "warned", "argued", "believes", "told reporters"])
def test_indirect_speech_with_a_speech_or_cognition_verb(cue: str) -> None:
    text, found = attribute(f"Port director Sofia Lind {cue} that the new terminal would double the cargo.")
    quote = quote_containing(text, found, "double the cargo")
    assert quote.kind is QuoteKind.INDIRECT and quote.speaker == "Sofia Lind"
    assert "Sofia Lind" not in quote.text and quote.text.endswith("double the cargo")


def test_indirect_speech_with_the_cue_after_the_content() -> None:
    text, found = attribute("The terminal would double the cargo by 2030, port director Sofia Lind said.")
    quote = quote_containing(text, found, "double the cargo")
    assert quote.kind is QuoteKind.INDIRECT and quote.speaker == "Sofia Lind"
    assert quote.text.startswith("The terminal")


def test_according_to_names_the_source() -> None:
    text, found = attribute("According to the Harbour Authority, the terminal will open in May.")
    quote = quote_containing(text, found, "terminal will open")
    assert quote.speaker == "Harbour Authority" and quote.cue == "According to"


def test_sentence_without_a_cue_has_no_quote() -> None:
    _, found = attribute("The bridge opened in 1932 and carries four lanes of traffic over the river.")
    assert found.quotes == ()


# ---------------------------------------------------------------- speakers


def test_pronoun_goes_to_the_person_the_text_is_about_not_the_last_name_seen() -> None:
    body = (
        "Mayor Ellen Torvik met fishermen in the harbour, where Paul Lindqvist had invited her.\n\n"
        "Torvik promised new moorings before winter.\n\n"
        '"Nobody will lose a berth," she said.'
    )
    text, found = attribute(body)
    assert quote_containing(text, found, "lose a berth").speaker == "Ellen Torvik"


def test_she_said_skips_a_man_named_more_recently() -> None:
    body = (
        "The harbour vote was close.\n\n"
        "Mr. Paul Lindqvist met Councilwoman Ann Berg on Monday.\n\n"
        '"We will keep the ferry running all winter," she said.'
    )
    text, found = attribute(body)
    assert quote_containing(text, found, "ferry running").speaker == "Ann Berg"


def test_nominal_speaker_is_the_person_named_next() -> None:
    body = (
        "A senior engineer said the tunnel would need another year of work.\n\n"
        "Chief engineer Maria Olsen said the delay came from flooding."
    )
    text, found = attribute(body)
    assert quote_containing(text, found, "another year").speaker == "Maria Olsen"


def test_organisation_speaker() -> None:
    text, found = attribute("The State Department said the embassy would stay open.")
    quote = quote_containing(text, found, "embassy would stay open")
    speaker = next(s for s in found.speakers if s.name == quote.speaker)
    assert quote.speaker == "State Department" and speaker.is_organisation


def test_unattributed_quotation_has_no_speaker() -> None:
    text, found = attribute('"Nothing lasts forever."\n\nThe bridge closed at noon.')
    assert all(q.speaker is None for q in found.quotes)


def test_one_canonical_name_per_person_with_role_and_aliases() -> None:
    body = (
        "Deputy Mayor Jonas Eklund said the ferry fares would fall.\n\n"
        "Eklund added that the council would vote in March.\n\n"
        '"It is a fair deal," Mr. Eklund said.'
    )
    _, found = attribute(body)
    assert [(s.name, s.role, s.quotes, s.reported) for s in found.speakers] == [("Jonas Eklund", "Deputy Mayor", 1, 2)]
    assert "Eklund" in found.speakers[0].aliases


def test_people_yml_entry_overrides_name_and_role_and_merges_aliases() -> None:
    people = (Person(name="Jonas K. Eklund", aliases=("Jonas Eklund",), role="Mayor of Northport"),)
    _, found = attribute("Deputy Mayor Jonas Eklund said the ferry fares would fall.", people)
    quote = found.quotes[0]
    assert (quote.speaker, quote.role) == ("Jonas K. Eklund", "Mayor of Northport")
    assert found.speakers[0].name == "Jonas K. Eklund" and "Eklund" in found.speakers[0].aliases


# --------------------------------------------------------------- key quotes


def test_key_quotes_prefer_full_sentences_one_per_speaker_in_article_order() -> None:
    body = (
        '"The harbour will reopen on Monday and every ferry will run on time," said Mayor Ellen Torvik.\n\n'
        '"Fine," she said.\n\n'
        '"We will also cut the fares for every commuter who travels before eight," Torvik said.\n\n'
        '"The repairs were finished three weeks ahead of the schedule we set," engineer Maria Olsen said.'
    )
    text, found = attribute(body)
    chosen = [key.quote for key in quotes.choose_key_quotes(text, found, 2)]
    assert [q.speaker for q in chosen] == ["Ellen Torvik", "Maria Olsen"]
    assert all(q.kind is QuoteKind.DIRECT for q in chosen)
    assert chosen[0].start < chosen[1].start


# ---------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed() -> tuple[str, Attributions]:
    article = ingest.parse_article(SEED.read_bytes(), SEED)
    return article.text, quotes.find_attributions(article, segment.split_sentences(article))


def test_seed_speakers_and_roles(seed: tuple[str, Attributions]) -> None:
    _, found = seed
    people = {s.name: s.role for s in found.speakers}
    assert people["Sergei Ryabkov"] == "Deputy Foreign Minister"
    assert people["Dmitry Peskov"] == "Kremlin spokesman"


def test_seed_people_quoted_directly_or_in_part_are_ryabkov_and_peskov(seed: tuple[str, Attributions]) -> None:
    _, found = seed
    quoted = {q.speaker for q in found.quotes if q.kind is not QuoteKind.INDIRECT}
    assert quoted == {"Sergei Ryabkov", "Dmitry Peskov"}
    people = [s.name for s in found.speakers if not s.is_organisation]
    assert people == ["Sergei Ryabkov", "Vladimir Putin", "Dmitry Peskov"]  # Putin: reported by Ryabkov
    counts = {s.name: s.statements for s in found.speakers}
    assert counts["Dmitry Peskov"] > counts["Sergei Ryabkov"] >= 3


def test_seed_every_direct_quote_is_peskovs(seed: tuple[str, Attributions]) -> None:
    text, found = seed
    direct = [q for q in found.quotes if q.kind is QuoteKind.DIRECT]
    assert len(direct) == 4  # the four after "he said" / "he warned"
    assert {q.speaker for q in direct} == {"Dmitry Peskov"}
    assert {q.cue for q in direct} == {"said", "warned"}
    for words in ("talks were initiated", "It concerns sanctions", "hardly possible for NATO", "no deficit of a political will"):
        assert quote_containing(text, found, words).speaker == "Dmitry Peskov"


def test_seed_partial_quotes(seed: tuple[str, Attributions]) -> None:
    text, found = seed
    ryabkov = quote_containing(text, found, "it all depends on the action by our US counterparts")
    assert (ryabkov.speaker, ryabkov.kind) == ("Sergei Ryabkov", QuoteKind.MIXED)
    peskov = quote_containing(text, found, "some positive elements and nuances")
    assert (peskov.speaker, peskov.kind) == ("Dmitry Peskov", QuoteKind.MIXED)


def test_seed_top_diplomat_is_ryabkov(seed: tuple[str, Attributions]) -> None:
    text, found = seed
    assert quote_containing(text, found, "would not exclude a Russian military deployment").speaker == "Sergei Ryabkov"


def test_seed_key_quotes_are_attributed_direct_quotes(seed: tuple[str, Attributions]) -> None:
    text, found = seed
    chosen = [key.quote for key in quotes.choose_key_quotes(text, found, 3)]
    assert len(chosen) == 3 and all(q.speaker == "Dmitry Peskov" and q.kind is QuoteKind.DIRECT for q in chosen)


# --------------------------------------------------------- the evaluation


def test_evaluation_runs_on_a_slice_of_the_dev_file(tmp_path: Path) -> None:
    if not (EVAL_DIR / "quotes-dev.jsonl").exists():
        pytest.skip(f"eval data not found at {EVAL_DIR} (the shared eval folder next to the repo)")
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "quotes.py"), "--limit", "5", "--out", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "newsbriefs" in result.stdout and "regex baseline" in result.stdout and "ms/article" in result.stdout
    scores = json.loads((tmp_path / "quotes-pred-scores.json").read_text(encoding="utf-8"))
    assert scores["all"]["n_pred"] > 0 and scores["direct"]["overlap"]["F1"] > 0


# ------------------------------------------------- printed names and roles


def speaker_named(found: Attributions, name: str):
    return next(s for s in found.speakers if s.name == name)


def test_a_name_never_runs_over_a_full_stop() -> None:
    body = (
        "The talks took place in Kabul. Mr Cable said the figures were worrying.\n\n"
        "Vince Cable, the Liberal Democrat treasury spokesman, had raised them before."
    )
    text, found = attribute(body)
    quote = quote_containing(text, found, "figures were worrying")
    assert quote.speaker == "Vince Cable"
    assert all(". " not in s.name and ". " not in (s.role or "") for s in found.speakers)


def test_title_before_a_name_becomes_the_role() -> None:
    _, found = attribute("Education Secretary Ruth Kelly said the exams would stay.")
    speaker = speaker_named(found, "Ruth Kelly")
    assert speaker.role == "Education Secretary"


def test_mr_surname_resolves_to_the_full_name_introduced_earlier() -> None:
    body = (
        "Liberal Democrat Vince Cable raised the matter in the Commons.\n\n"
        '"These figures are alarming," Mr Cable said.'
    )
    text, found = attribute(body)
    assert quote_containing(text, found, "figures are alarming").speaker == "Vince Cable"
    assert [s.name for s in found.speakers] == ["Vince Cable"]


def test_possessive_before_a_full_name_goes_into_the_role() -> None:
    _, found = attribute("Bafta's Grant Dean said the shortlist was the strongest yet.")
    speaker = speaker_named(found, "Grant Dean")
    assert speaker.role and "Bafta" in speaker.role


def test_a_work_named_with_a_possessive_is_no_speaker() -> None:
    body = (
        "The actor, whose films include Schindler's List, said: \"The theatre gave me my start.\""
    )
    _, found = attribute(body)
    assert all("List" not in s.name for s in found.speakers)


def test_letters_after_a_name_are_dropped() -> None:
    _, found = attribute("Guy Mansfield QC warned that the bill went too far.")
    assert [s.name for s in found.speakers] == ["Guy Mansfield"]


def test_role_given_after_the_name() -> None:
    _, found = attribute("Radwan Hadi, deputy managing director of Blackwatch Petroleum Services, said costs had doubled.")
    assert speaker_named(found, "Radwan Hadi").role == "deputy managing director of Blackwatch Petroleum Services"


def test_abbreviated_title_is_spelled_out_in_the_role() -> None:
    _, found = attribute("Vermont Sen. Bernie Sanders said the race was far from over.")
    assert speaker_named(found, "Bernie Sanders").role == "Vermont Senator"


def test_places_and_common_words_are_never_speakers() -> None:
    body = (
        "Telephone companies said prices would rise.\n\n"
        "China says the tariffs are unfair.\n\n"
        "Nobody said the plan would be easy."
    )
    _, found = attribute(body)
    assert [s.name for s in found.speakers] == []


def test_organisation_is_typed_as_one() -> None:
    _, found = attribute("The State Department said the embassy would stay open.")
    assert [(s.name, s.type.value) for s in found.speakers] == [("State Department", "organisation")]


# ------------------------------------------------ attribution across paragraphs


def test_bbc_quote_only_paragraphs_follow_the_speaker_introduced_before() -> None:
    body = (
        "Shadow chancellor Oliver Letwin said the figures were worrying.\n\n"
        '"The government has lost control of spending."\n\n'
        '"Families will pay the price for years to come."'
    )
    text, found = attribute(body)
    assert quote_containing(text, found, "lost control").speaker == "Oliver Letwin"
    assert quote_containing(text, found, "pay the price").speaker == "Oliver Letwin"


def test_a_second_speaker_takes_over_the_quotes_that_follow() -> None:
    body = (
        "Chancellor Gordon Brown said the economy was strong.\n\n"
        '"We have the lowest inflation in a generation."\n\n'
        "But Liberal Democrat Vince Cable said the figures hid a debt problem.\n\n"
        '"Households are borrowing more than ever before."'
    )
    text, found = attribute(body)
    assert quote_containing(text, found, "lowest inflation").speaker == "Gordon Brown"
    assert quote_containing(text, found, "borrowing more").speaker == "Vince Cable"


def test_a_quote_attacking_someone_is_not_credited_to_them() -> None:
    body = (
        "Shadow education secretary Tim Collins attacked the plans on Monday.\n\n"
        '"Ruth Kelly wants to ditch the exams that parents trust," he said.'
    )
    text, found = attribute(body)
    assert quote_containing(text, found, "wants to ditch").speaker == "Tim Collins"
    assert "Ruth Kelly" not in {s.name for s in found.speakers}


def test_a_quote_after_another_speakers_narration_does_not_stay_with_the_first() -> None:
    body = (
        'Home affairs spokesman Mark Oaten said: "This has all the signs of a U-turn." '
        "The chairman of the Bar Council, Guy Mansfield, warned there was a real risk to young men. "
        '"What is going to happen to them when a bomb has gone off?"'
    )
    text, found = attribute(body)
    assert quote_containing(text, found, "What is going to happen").speaker != "Mark Oaten"


def test_question_and_answer_keeps_the_answer_with_the_interviewee() -> None:
    body = (
        "Asked whether she would stand again, Mayor Ellen Torvik said she had not decided.\n\n"
        '"I will talk to my family first," she said.'
    )
    text, found = attribute(body)
    assert quote_containing(text, found, "talk to my family").speaker == "Ellen Torvik"


# --------------------------------------------------------- precision first


def test_weak_attribution_is_left_unattributed_and_unlisted() -> None:
    body = (
        "The harbour vote was close.\n\n"
        "Paul Lindqvist and Jonas Eklund watched from the gallery.\n\n"
        '"Nobody expected this result."'
    )
    text, found = attribute(body)
    quote = quote_containing(text, found, "Nobody expected")
    assert quote.speaker is None and quote.confidence < quotes.PUBLISH_CONFIDENCE
    assert found.speakers == ()


def test_someone_only_mentioned_is_not_a_speaker() -> None:
    body = '"The deal is done," said Mayor Ellen Torvik after meeting Prime Minister Jonas Eklund.'
    _, found = attribute(body)
    assert [s.name for s in found.speakers] == ["Ellen Torvik"]


def test_direct_and_reported_statements_are_counted_apart() -> None:
    body = (
        "Mayor Ellen Torvik said the harbour would reopen.\n\n"
        '"Every ferry will run on time," Torvik said.\n\n'
        "She added that fares would fall."
    )
    _, found = attribute(body)
    speaker = speaker_named(found, "Ellen Torvik")
    assert (speaker.quotes, speaker.reported, speaker.statements) == (1, 2, 3)


def test_key_quote_holds_the_speakers_words_only_and_ends_as_a_sentence() -> None:
    body = '"The harbour will reopen on Monday," said Mayor Ellen Torvik, "and every ferry will run on time for the whole season."'
    text, found = attribute(body)
    (key,) = quotes.choose_key_quotes(text, found, 1)
    assert key.words == "The harbour will reopen on Monday, and every ferry will run on time for the whole season."
    body = '"Every ferry in the harbour will run on time for the whole of the season," said Mayor Ellen Torvik.'
    text, found = attribute(body)
    (key,) = quotes.choose_key_quotes(text, found, 1)
    assert key.words == "Every ferry in the harbour will run on time for the whole of the season."


def test_a_body_named_with_its_acronym_speaks_under_its_full_name() -> None:
    body = (
        "Sales rose, the National Association of Automobile Manufacturers of South Africa (NAAMSA) reported.\n\n"
        '"It was one of the best years for the industry," NAAMSA said.'
    )
    text, found = attribute(body)
    quote = quote_containing(text, found, "best years")
    assert quote.speaker == "National Association of Automobile Manufacturers of South Africa"
    assert speaker_named(found, quote.speaker).is_organisation


def test_someone_acted_upon_in_a_passive_is_no_speaker() -> None:
    _, found = attribute("Scrum-half Matt Dawson has been recalled to the squad ahead of the tournament.")
    assert found.speakers == ()


def test_new_opens_a_name_and_modifiers_alone_are_no_role() -> None:
    _, found = attribute(
        "Former Harbourview chairman Paul Reed is to face trial this month.\n\n"
        "The New York Times reported that the settlement was close.\n\n"
        '"We expect a deal within days," said Maria Lopez, a lawyer for the board.\n'
    )
    names = {s.name for s in found.speakers}
    assert "New York Times" in names and "York Times" not in names
    assert all(s.role is None or s.role.lower() not in {"former", "new"} for s in found.speakers)


# ------------------------------------------------------------- interviews


INTERVIEWS = {
    "Q&A, interviewer named after the outlet": (
        "Senator Ann Cole spoke to the BBC's Tom Hale about the budget.\n\n"
        "Q: Will you vote for the budget this week?\n\n"
        "A: I have not decided, and I will read every line of it first.\n\n"
        "Question: What worries you most about it?\n\n"
        "Answer: The cuts to rural schools worry me more than anything else."
    ),
    "labelled turns, one person per surname": (
        "Senator Ann Cole was interviewed on Sunday by the host, Tom Hale.\n\n"
        "HALE: Senator, will you run for governor next year?\n\n"
        "COLE: I have not decided, and my family comes first."
    ),
    "Q&A, journalist introduced by the outlet": (
        "The BBC's Tom Hale spoke to Senator Ann Cole about the budget.\n\n"
        "Q: Will you vote for the budget this week?\n\n"
        "A: I have not decided, and I will read every line of it first."
    ),
}


@pytest.mark.parametrize("article", INTERVIEWS.values(), ids=INTERVIEWS.keys())
def test_interview_answers_go_to_the_interviewee_and_questions_to_the_interviewer(article: str) -> None:
    text, found = attribute(article)
    answer = quote_containing(text, found, "I have not decided")
    assert (answer.speaker, answer.kind) == ("Ann Cole", QuoteKind.DIRECT)
    question = "Will you vote" if "Will you vote" in text else "will you run"
    assert quote_containing(text, found, question).speaker == "Tom Hale"
    if "The cuts to rural schools" in text:
        assert quote_containing(text, found, "The cuts to rural schools").speaker == "Ann Cole"


def test_qa_questions_of_an_unnamed_interviewer_stay_unattributed() -> None:
    text, found = attribute(
        "Here is an edited transcript of the interview with Senator Ann Cole.\n\n"
        "Q: Will you vote for the budget this week?\n\n"
        "A: I have not decided, and I will read every line of it first."
    )
    assert quote_containing(text, found, "I have not decided").speaker == "Ann Cole"
    assert all(q.speaker is None for q in found.quotes if "Will you vote" in q.text)
    assert [s.name for s in found.speakers] == ["Ann Cole"]


def test_labelled_turn_of_a_shared_surname_stays_unattributed() -> None:
    text, found = attribute(
        "Hillary Clinton and Bill Clinton spoke to the host, Tom Hale, on Sunday.\n\n"
        "HALE: Will either of you run again for any office at all?\n\n"
        "CLINTON: We have no plans to run again, and we are happy at home."
    )
    assert quote_containing(text, found, "Will either of you").speaker == "Tom Hale"
    assert all(q.speaker is None for q in found.quotes if "no plans" in q.text)


def test_an_answer_goes_on_over_its_paragraphs_until_the_next_question_only() -> None:
    text, found = attribute(
        "Here is an edited transcript of the interview with Senator Ann Cole.\n\n"
        "Q: Will you vote for the budget this week?\n\n"
        "A: I have not decided yet.\n\n"
        "It cuts rural schools, and I think voters there deserve better than that.\n\n"
        "Q: Will you run again?\n\n"
        "A: No, never again.\n\n"
        "Mr Hale said the senator seemed tired of politics after the interview."
    )
    assert quote_containing(text, found, "It cuts rural schools").speaker == "Ann Cole"
    assert quote_containing(text, found, "It cuts rural schools").kind is QuoteKind.DIRECT
    assert all(q.speaker != "Ann Cole" for q in found.quotes if "seemed tired" in q.text)
