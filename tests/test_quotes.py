"""Quotes and speakers: each pattern on a small hand-written paragraph, and the seed as a golden case."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import ingest, quotes, segment
from generator.model import Attributions, Person, Quote, QuoteKind

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_cdd9e97eb5c255ec.txt"
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
