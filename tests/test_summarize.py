"""The summarizer: learned sentence scores, redundancy control, article order."""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import pytest

from generator import ingest, summarize
from generator.model import Article, Paragraph
from generator.segment import split_sentences

STORY = [
    "The city council approved a new budget for public libraries on Tuesday after a long debate.",
    "The budget adds 12 million dollars for longer opening hours and new books across 14 branches.",
    "Council member Ana Ruiz said the vote showed that libraries still matter to the city.",
    "Some members argued that the money should have gone to road repairs instead.",
    "The libraries will open on Sundays from next spring, the council said.",
    "Staff unions welcomed the decision but asked for more hires to cover the extra hours.",
    "The mayor is expected to sign the budget next week.",
    "Library visits have risen by a fifth since the pandemic, according to figures from the city.",
    "The busiest branch, in the old market hall, lends more than two thousand books a week.",
    "Parents have long asked for weekend story hours for young children who are at school all week.",
    "The new hours will also let students use the reading rooms during their exam season in June.",
    "A volunteer group that runs the mobile library in the northern suburbs will receive a small grant.",
    "The council will review the spending in a year and publish the number of visitors per branch.",
    "Opposition members said they would watch closely whether the money reaches the smaller branches.",
]


def _article(paragraphs: list[str], title: str = "") -> Article:
    text = "\n\n".join(paragraphs)
    spans, start = [], 0
    for paragraph in paragraphs:
        spans.append(Paragraph(start, start + len(paragraph)))
        start += len(paragraph) + 2
    return Article(text=text, title=title, paragraphs=tuple(spans))


def _summary(article: Article, count: int = 3) -> list[str]:
    sentences = split_sentences(article)
    return [sentences[i].text for i in summarize.summarize(article, sentences, count)]


def test_returns_count_indices_in_article_order() -> None:
    article = _article(STORY, title="Council approves library budget")
    sentences = split_sentences(article)
    chosen = summarize.summarize(article, sentences, 3)
    assert len(chosen) == 3
    assert list(chosen) == sorted(set(chosen))


def test_two_sentence_item_gets_its_lede_alone() -> None:
    article = _article(STORY[:2])
    assert summarize.summarize(article, split_sentences(article), 5) == (0,)


def test_short_item_gets_fewer_bullets_than_the_maximum() -> None:
    # About 50 words: one bullet; about 110 words: two; a full story: the maximum.
    assert len(summarize.summarize(_article(STORY[:3]), split_sentences(_article(STORY[:3])), 3)) == 1
    assert len(summarize.summarize(_article(STORY[:7]), split_sentences(_article(STORY[:7])), 3)) == 2
    assert len(summarize.summarize(_article(STORY), split_sentences(_article(STORY)), 3)) == 3


def test_summary_length_is_one_bullet_per_words_per_bullet() -> None:
    sentences = split_sentences(_article(STORY))
    body_words = sum(len(summarize.words(s.text)) for s in sentences)
    assert summarize.summary_length(sentences, 20) == -(-body_words // summarize.WORDS_PER_BULLET)
    assert summarize.summary_length(sentences, 2) == 2


def test_configurable_length() -> None:
    article = _article(STORY)
    # Above the three sentences the reranker was fitted for, the greedy decoder fills the setting;
    # at or below it, the setting is a maximum the reranker may stop short of.
    assert len(summarize.summarize(article, split_sentences(article), 4)) == 4
    assert 1 <= len(summarize.summarize(article, split_sentences(article), 2)) <= 2


def test_works_without_headline_or_paragraph_breaks_on_lowercase_text() -> None:
    article = _article([" ".join(STORY).lower()])
    summary = _summary(article)
    assert len(summary) == 3
    assert all(s == s.lower() for s in summary)


def test_headline_is_a_feature_not_a_different_method() -> None:
    with_title = _summary(_article(STORY, title="Council approves library budget"))
    without = _summary(_article(STORY))
    assert len(with_title) == len(without) == 3
    assert with_title[0] == without[0] == STORY[0]


def test_caption_repeating_the_lead_is_not_taken_twice() -> None:
    caption = "The city council approved a new budget for public libraries on Tuesday."
    summary = _summary(_article([STORY[0], caption, *STORY[1:]]))
    assert not (STORY[0] in summary and caption in summary)


def test_byline_and_page_furniture_are_never_taken() -> None:
    paragraphs = ["By Jane Doe and John Roe, city reporters on the council beat.", *STORY[:3], "Scroll down for video of the long council debate on Tuesday.", *STORY[3:]]
    summary = _summary(_article(paragraphs))
    assert not any(s.startswith(("By Jane", "Scroll down")) for s in summary)


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    assert summarize.is_byline("By Jane Doe and John Roe")
    assert not summarize.is_byline("By the time the council voted, most of the public had gone home.")


def test_page_matter_is_left_out_even_when_sentences_run_short() -> None:
    article = _article([STORY[0], "By Jane Doe and John Roe", "Photo credit: city council press office archive."])
    assert _summary(article) == [STORY[0]]


def test_dangling_quote_fragment_is_never_taken() -> None:
    assert summarize.has_dangling_quote("the libraries matter to everyone in this city. '")
    assert summarize.has_dangling_quote("\u201cWe will keep the doors open on Sundays, said Ruiz.")
    assert not summarize.has_dangling_quote('"We will keep the doors open," said Ruiz.')
    assert not summarize.has_dangling_quote("the players' union backed the '90s plan, ' he said ' today.")
    # A word or two in single marks is a whole quotation, though its closing mark stands before a space.
    assert not summarize.has_dangling_quote("The reply reported 'no records' from the private account.")
    assert not summarize.has_dangling_quote("She called the plan 'unworkable' and 'far too costly' on Monday.")
    fragment = "the libraries matter to everyone in this city, from children to pensioners. '"
    summary = _summary(_article([STORY[0], fragment, *STORY[1:]]))
    assert fragment not in summary


def test_picture_caption_is_never_taken() -> None:
    caption = "Long hours: the central library will open on Sundays from next spring under the new budget plan."
    summary = _summary(_article([STORY[0], caption, *STORY[1:]]))
    assert caption not in summary


def test_caption_label_is_told_from_a_quote_introduction() -> None:
    assert summarize.is_caption("Upset: the mayor left the room before the vote.")
    assert summarize.is_caption("level playing field: the council shares the money out.")
    assert not summarize.is_caption("Ruiz said last month: ' libraries matter. '")
    assert not summarize.is_caption("He added: \"We will open on Sundays.\"")


def test_caption_run_on_without_full_stops_is_not_taken() -> None:
    run_on = " ".join(["The council met in the main hall on Tuesday"] * 8)
    summary = _summary(_article([STORY[0], run_on, *STORY[1:]]))
    assert run_on not in summary


def test_very_short_sentences_are_not_taken() -> None:
    summary = _summary(_article(["Libraries win.", *STORY]))
    assert "Libraries win." not in summary


def test_same_fact_twice_is_blocked_by_shared_trigrams() -> None:
    sentences = split_sentences(_article(["The mayor will sign the budget next week. The mayor will sign the budget on Monday. Roads wait for repairs until the autumn."]))
    chosen = summarize.select_sentences(sentences, [3.0, 2.0, 1.0], 2)
    assert chosen == (0, 2)


def test_restatement_lends_its_score_to_the_earlier_sentence() -> None:
    grams = [{("a", "b", "c"), ("b", "c", "d")}, {("x", "y", "z")}, {("a", "b", "c"), ("b", "c", "d")}]
    assert summarize.merge_restatements(grams, [0.1, 0.5, 0.9]) == [0.9, 0.5, -math.inf]


def test_weights_are_numbers_only_and_match_the_features() -> None:
    data = json.loads(resources.files("generator").joinpath("data", summarize.WEIGHTS_FILE).read_text(encoding="utf-8"))
    assert data["features"] == list(summarize.FEATURES)
    for key in ("means", "scales", "weights"):
        assert len(data[key]) == len(summarize.FEATURES)
        assert all(isinstance(v, (int, float)) and math.isfinite(v) for v in data[key])


def test_features_have_one_value_per_feature() -> None:
    article = _article(STORY, title="Council approves library budget")
    rows = summarize.sentence_features(article, split_sentences(article))
    assert len(rows) == len(STORY)
    assert all(len(row) == len(summarize.FEATURES) for row in rows)


def test_lede_leads_the_summary_even_when_later_sentences_score_higher() -> None:
    article = _article(STORY)
    sentences = split_sentences(article)
    scores = [-5.0] + [float(i) for i in range(1, len(sentences))]
    chosen = summarize.select_sentences(sentences, scores, 3)
    assert chosen[0] == 0


def test_byline_or_deck_before_the_story_is_not_the_lede() -> None:
    texts = ["By Jane Doe and John Roe", "Libraries win Sunday hours;", STORY[0], STORY[1]]
    assert summarize.find_lede(texts) == 2


@pytest.mark.parametrize(
    "before, leaning",
    [
        ("Roads in the east of the city have waited for repairs since the floods of last winter.",
         "But the council said the repairs would have to wait for another year at least."),
        # A "his" in a sentence that names nobody needs the sentence naming him.
        ("Council member Tom Lee said the roads in the east of the city had waited long enough.",
         "The decision angered his allies, who had asked for the money to go to the roads."),
    ],
)
def test_sentence_leaning_on_its_predecessor_comes_with_it_or_stays_out(before: str, leaning: str) -> None:
    sentences = split_sentences(_article([STORY[0], before, leaning, *STORY[1:]]))
    index = 2
    scores = [0.0] * len(sentences)
    scores[index] = 5.0
    assert summarize.select_sentences(sentences, scores, 3) == (0, 1, 2)
    # With room for the lede and one more only, the pair does not fit: neither comes in.
    assert index not in summarize.select_sentences(sentences, scores, 2)
    assert all(index not in candidate or index - 1 in candidate for candidate in summarize.candidate_summaries(sentences, scores, 2))


def test_needs_predecessor_reads_openers_and_pronoun_speakers() -> None:
    assert summarize.needs_predecessor("But he accused the government of delay.")
    assert summarize.needs_predecessor("they said the plan would cost more.")
    assert summarize.needs_predecessor('"We will open on Sundays," she said.')
    assert not summarize.needs_predecessor('"We will open on Sundays," said Ana Ruiz.')
    assert not summarize.needs_predecessor("Theodore Ruiz chairs the library committee.")


def test_a_share_of_something_named_before_or_a_pronoun_naming_nobody_leans_back() -> None:
    # "Of that, ..." and a mid-sentence "his" or "her" with no one named: an editor would not print
    # either without the sentence before it.
    assert summarize.needs_predecessor("Of that, $2 million went to the branch libraries.")
    assert summarize.needs_predecessor("In addition, the council set aside money for repairs.")
    assert summarize.needs_predecessor("The vote angered his allies on the council.")
    assert summarize.needs_predecessor("After her speech, the council voted to open on Sundays.")
    # The person is named, or introduced, in the sentence itself; a lower-cased source hides names.
    assert not summarize.needs_predecessor("The vote angered Ana Ruiz and her allies on the council.")
    assert not summarize.needs_predecessor("At his first meeting, council member Tom Lee voted no.")
    assert not summarize.needs_predecessor("A librarian who lost her job in the cuts was hired again.")
    assert not summarize.needs_predecessor("the vote angered his allies on the council.")
    assert not summarize.needs_predecessor("In addition to the budget, the council voted on the roads.")


def test_quote_without_its_speaker_is_never_taken() -> None:
    voiceless = '"Maria, let\'s understand people are looking at the shiny object here and not the budget."'
    assert summarize.is_unattributed_quote(voiceless)
    assert not summarize.is_unattributed_quote('"We will open on Sundays," council member Ana Ruiz said.')
    sentences = split_sentences(_article([STORY[0], voiceless, *STORY[1:]]))
    scores = [0.0] * len(sentences)
    scores[1] = 9.0
    assert 1 not in summarize.select_sentences(sentences, scores, 3)


def test_social_media_sign_offs_are_boilerplate() -> None:
    for line in ("Follow Ian Hanchett on Twitter @IanHanchett.", "The story was first reported by Politico (h/t Politico).",
                 "Click here to read the council's full budget document online."):
        assert summarize.is_page_matter(line), line
    signoff = "Follow Ana Ruiz on Twitter @anaruiz for news from the council."
    summary = _summary(_article([*STORY, signoff]), 3)
    assert signoff not in summary


def test_summary_never_repeats_its_lede() -> None:
    repeat = "The city council approved a new budget for public libraries on Tuesday after a long debate."
    sentences = split_sentences(_article([*STORY[:4], repeat, *STORY[4:]]))
    scores = [0.0] * len(sentences)
    scores[4] = 9.0
    chosen = summarize.select_sentences(sentences, scores, 3)
    assert [sentences[i].text for i in chosen].count(repeat) == 1


SUMMARY_FIXTURES = Path(__file__).parent / "fixtures" / "summaries"
SUMMARY_GOLDEN = Path(__file__).parent / "golden" / "summaries"


@pytest.mark.parametrize("case", sorted(SUMMARY_FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_summary_matches_the_one_an_editor_chose(case: Path) -> None:
    # Hand-written news items and the bullets an editor would sign, one per line: the lede
    # first, no voiceless quote, no "But she ..." without its sentence, no sign-off, and no
    # more bullets than a short item needs.
    article = ingest.parse_article(case.read_bytes(), str(case))
    expected = (SUMMARY_GOLDEN / case.name).read_text(encoding="utf-8").splitlines()
    assert _summary(article) == expected


@pytest.mark.parametrize("dateline", ["DALLAS (AP) \u2014 ", "PASADENA, Calif., Jan. 1 (UPI) \u2014 ", "LONDON \u2014 "])
def test_lede_bullet_keeps_the_agency_dateline(dateline: str) -> None:
    # The dateline is the publisher's text and says where the story was filed: the lede
    # bullet is the first sentence as printed, dateline and all.
    text = "Library budget passes\n\n" + dateline + "\n\n".join(STORY) + "\n"
    article = ingest.parse_article(text.encode(), "wire.txt")
    summary = _summary(article)
    assert summary[0] == dateline + STORY[0]


def test_a_dateline_or_byline_on_its_own_line_is_never_the_lede() -> None:
    text = "Library budget passes\n\nDALLAS, Texas\n\nBy Ana Ruiz and Tom Roe\n\n" + "\n\n".join(STORY) + "\n"
    article = ingest.parse_article(text.encode(), "wire.txt")
    assert _summary(article)[0] == STORY[0]


def test_pieces_of_a_sentence_cut_at_an_abbreviation_are_never_the_lede() -> None:
    # "CASPER, Wyo. - Sen. Ted Cruz (R-Tex.) continued ..." split at its abbreviations.
    texts = ["CASPER, Wyo.", "- Sen. Ana Ruiz (R-Tex.)", "continued her tour of the state's libraries on Saturday.", STORY[0]]
    assert summarize.find_lede(texts) is None
    assert summarize.find_lede(texts[2:] + STORY[:2]) == 1
    assert summarize.is_fragment("continued her tour of the state's libraries on Saturday.")
    # A source lowercased throughout has no capitals to tell a fragment by.
    assert not summarize.is_fragment("the council approved a new budget on tuesday.", cased=False)


def test_two_apostrophes_for_a_double_mark_close_a_quote() -> None:
    lede = "There were two words the mayor could not bring herself to say: ''Sunday hours.''"
    assert not summarize.has_dangling_quote(lede)
    assert summarize.find_lede([lede, STORY[0]]) == 0
