"""Printed speaker names: bodies named with 'of', 'for', 'and' or '&', places that are no speakers,
bodies introduced by what they are, and speaker lists without mentioned people. Hand-written
paragraphs only."""

from __future__ import annotations

from generator import ingest, quotes, segment
from generator.model import Attributions, SpeakerType
from generator.quotes import speakers as cast_lib


def attribute(body: str) -> Attributions:
    article = ingest.parse_article(body, "test", "A headline", headline_required=False)
    return quotes.find_attributions(article, segment.split_sentences(article))


def speaker_types(found: Attributions) -> dict[str, SpeakerType]:
    return {s.name: s.type for s in found.speakers}


# ------------------------------------------------------------- bodies named with of, for, and, &


def test_a_bank_named_with_of_speaks_under_its_whole_name() -> None:
    found = attribute("Bank of Lundmark said the missing tapes held the details of 9,000 savers.")
    assert speaker_types(found) == {"Bank of Lundmark": SpeakerType.ORGANISATION}


def test_a_commission_named_with_for_and_its_place_keeps_both() -> None:
    body = "Harvest robots will sell well next year, said the report by the Northern Commission for Eastland."
    assert speaker_types(attribute(body)) == {"Northern Commission for Eastland": SpeakerType.ORGANISATION}


def test_a_chain_of_of_and_for_stays_one_name() -> None:
    body = "The Western Court of Appeal for Shipping said the fine would stand."
    assert [s.name for s in attribute(body).speakers] == ["Western Court of Appeal for Shipping"]


def test_an_ampersand_joins_two_words_of_one_name() -> None:
    body = "According to Fletcher & Brandt, the rise in exports helps protect the economy."
    assert [s.name for s in attribute(body).speakers] == ["Fletcher & Brandt"]


def test_an_ampersand_between_two_people_joins_nothing() -> None:
    text = "Mara Quist & Sen. Paul Ardent wear the same hat."
    mentions = [m.name for m in cast_lib.find_mentions(text, 0, len(text))]
    assert "Mara Quist" in mentions and not any("&" in name for name in mentions)


def test_and_joins_a_company_name_only_before_its_suffix() -> None:
    text = "Tamsin Iron and Steel Co said it would raise prices, while the Bank of Lundmark and Harwick watched."
    mentions = [m.name for m in cast_lib.find_mentions(text, 0, len(text))]
    assert "Tamsin Iron and Steel Co" in mentions
    assert "Bank of Lundmark" in mentions and "Harwick" in mentions


def test_of_after_a_title_stays_with_the_role() -> None:
    text = "Bank of Lundmark Governor Edith Marr said rates would stay where they are."
    found = attribute(text)
    assert [(s.name, s.type) for s in found.speakers] == [("Edith Marr", SpeakerType.PERSON)]


# ------------------------------------------------------------- places are no speakers


def test_a_country_as_the_subject_of_speech_is_no_speaker() -> None:
    body = "China says the new port will open in May. Norway said it would send ships."
    found = attribute(body)
    assert found.speakers == ()
    assert all(q.speaker is None for q in found.quotes)


def test_a_region_and_a_people_are_no_speakers() -> None:
    body = "Latin America said remittances had doubled. Europeans said the size of a phone matters most."
    assert attribute(body).speakers == ()


def test_a_name_that_only_shares_a_place_word_still_speaks() -> None:
    body = "Jordan Pike, a harbour pilot, said the channel was clear. Pike said the tide was late."
    assert [s.name for s in attribute(body).speakers] == ["Jordan Pike"]


def test_a_country_possessive_only_says_where_a_company_is() -> None:
    body = '"Our profits may fall this year," France\'s Peugeot said.'
    assert [s.name for s in attribute(body).speakers] == ["Peugeot"]


def test_a_place_before_a_role_leaves_the_role_to_name_the_speaker() -> None:
    body = (
        "Senator Anna Belk still doubts the plan, a month after backing it.\n\n"
        '"I stand by everything I said in the spring," the Vermont senator told reporters on Thursday.'
    )
    found = attribute(body)
    assert "Vermont" not in {s.name for s in found.speakers}


# ------------------------------------------------------------- bodies introduced by what they are


def test_a_lone_name_introduced_as_a_firm_is_a_published_organisation() -> None:
    body = (
        "Japanese electronics firm Tokaido has unveiled its first walking robot.\n\n"
        "Tokaido said the robot was the quickest yet."
    )
    found = attribute(body)
    assert speaker_types(found) == {"Tokaido": SpeakerType.ORGANISATION}
    assert all(q.speaker == "Tokaido" for q in found.quotes if q.speaker)


def test_a_lone_name_with_a_firm_in_apposition_is_an_organisation() -> None:
    body = "Wexmoor, the Swedish firm, said it would hire 200 engineers."
    assert speaker_types(attribute(body)) == {"Wexmoor": SpeakerType.ORGANISATION}


def test_a_developer_before_a_name_is_a_person_not_a_firm() -> None:
    body = "Florida developer Mel Arbour said he would back the fund."
    assert speaker_types(attribute(body)) == {"Mel Arbour": SpeakerType.PERSON}


def test_two_people_joined_by_and_are_no_single_speaker() -> None:
    body = '"The test is a step back," nuclear experts Dara Holm and Iris Vane wrote in September.'
    assert attribute(body).speakers == ()


# ------------------------------------------------------------- the one spoken to


def test_the_one_told_is_no_speaker() -> None:
    body = (
        "Ferry operator Lina Brask spoke after the vote.\n\n"
        'Ms Brask meanwhile told the Gazette: "We will sail again by June."\n\n'
        "Plans for the new route were drawn up at a meeting on Sunday, the Harbour Herald was told."
    )
    found = attribute(body)
    assert [s.name for s in found.speakers] == ["Lina Brask"]


# ------------------------------------------------------------- acronyms, spokespeople, descriptions


def test_a_bracketed_acronym_of_the_later_words_names_the_whole_body() -> None:
    body = (
        "The runner was banned after a hearing at the Northern Court of Appeal for Rowing (CAR).\n\n"
        '"She took the drug," said a CAR statement.'
    )
    assert [s.name for s in attribute(body).speakers] == ["Northern Court of Appeal for Rowing"]


def test_an_acronym_after_a_comma_in_mixed_case_names_the_body() -> None:
    body = (
        "The domains are being weighed by the Global Office for Harbour Names and Buoys, Gohnb.\n\n"
        "Gohnb said the decision followed the technical information it had received."
    )
    assert [s.name for s in attribute(body).speakers] == ["Global Office for Harbour Names and Buoys"]


def test_a_comma_word_that_is_no_acronym_joins_nothing() -> None:
    text = "The Bank of Lundmark, Harwick, said it would cut rates."
    cast = cast_lib.build_cast(ingest.parse_article(text, "test", "A headline", headline_required=False))
    assert all(entity.name != "Bank of Lundmark" or "Harwick" not in entity.aliases for entity in cast.entities)


def test_a_hyphenated_description_is_no_name() -> None:
    body = "The Oslo-based pressure group said the site had been blocked for ten days."
    assert attribute(body).speakers == ()


def test_an_unnamed_spokesperson_speaks_for_the_named_body() -> None:
    body = (
        "The Tories and Labour still telephone voters.\n\n"
        "A Labour Party spokesman said the party avoided people on the list. "
        "A Tory spokeswoman said the party checked every number."
    )
    names = [s.name for s in attribute(body).speakers]
    assert names == ["Labour Party", "Tories"]


def test_a_spokesperson_of_a_country_speaks_for_no_body() -> None:
    body = "A Russian spokesman said the talks would go on."
    assert attribute(body).speakers == ()


def test_a_party_of_two_words_is_no_person_for_a_pronoun() -> None:
    body = (
        "The Lib Dems said they would check their lists.\n\n"
        '"We follow the rules," he said.'
    )
    assert "Lib Dems" not in {q.speaker for q in attribute(body).quotes if q.text.startswith('"We')}


def test_a_body_whose_words_the_article_also_writes_in_lower_case_still_speaks() -> None:
    body = (
        "The state department of the city runs the harbour.\n\n"
        "A State Department spokesman said the ships would sail on Monday."
    )
    assert [s.name for s in attribute(body).speakers] == ["State Department"]


def test_a_name_after_a_preposition_is_no_subject_of_speech() -> None:
    body = "With Joel Marsh ruled out of the opening two matches, Kett is one of six contenders for the two places."
    assert attribute(body).speakers == ()


def test_a_name_before_a_role_is_whose_the_next_person_is_not_the_subject() -> None:
    body = (
        "Senator Tom Ardent would not comment.\n\n"
        'Ardent spokeswoman Kay Lund said the senator was travelling. "He will speak on Monday," she said.'
    )
    found = attribute(body)
    assert {q.speaker for q in found.quotes if q.speaker} == {"Kay Lund"}


def test_a_bodys_possessive_spokesperson_speaks_for_that_body() -> None:
    body = (
        "The Northern Film Council said the drop was expected. Big films such as Harbour Lights were shot here.\n\n"
        '"The reduction was due to a change in tax," the council\'s spokesperson said.'
    )
    found = attribute(body)
    assert [s.name for s in found.speakers] == ["Northern Film Council"]


def test_a_pollster_is_no_speaker() -> None:
    body = "Voters like the senator more than before, according to a new Harbour Research poll."
    assert attribute(body).speakers == ()


def test_the_name_after_told_in_an_inverted_attribution_is_the_one_told() -> None:
    body = '"The boundaries did not match," state prosecutor Lena Ortez told Harbour Radio.'
    assert [s.name for s in attribute(body).speakers] == ["Lena Ortez"]


def test_an_institution_is_an_organisation() -> None:
    body = "The Kestrel Institution said the plan would cost more than promised."
    assert speaker_types(attribute(body)) == {"Kestrel Institution": SpeakerType.ORGANISATION}


def test_the_government_is_the_one_government_the_article_names() -> None:
    body = (
        "Under its new president, the Eastlandian government has taken over three farms.\n\n"
        "Last month, the government said it had found more than 500 idle farms."
    )
    found = attribute(body)
    assert [s.name for s in found.speakers] == ["Eastlandian government"]


def test_the_government_names_nobody_when_the_article_names_two() -> None:
    body = (
        "The Eastlandian government and the Westland government met on Monday.\n\n"
        "The government said it had found more than 500 idle farms."
    )
    assert attribute(body).speakers == ()


def test_a_company_goes_on_under_the_first_word_of_its_name() -> None:
    body = (
        "Orvik Iron and Steel Co. said it was delaying a share sale.\n\n"
        "Orvik, the region's largest mill, said that it would raise its prices by a tenth."
    )
    found = attribute(body)
    assert [s.name for s in found.speakers] == ["Orvik Iron and Steel Co"]
    assert found.speakers[0].reported == 2


def test_a_name_later_in_a_sentence_that_a_pronoun_opens_is_not_its_subject() -> None:
    body = (
        "But Tom Vardy is doubtful. He designed the format called PFS (Plain File Sharing), which many use.\n\n"
        "He thinks its power lies in its reach, not in its business promise."
    )
    found = attribute(body)
    assert {q.speaker for q in found.quotes if q.text.startswith("its power")} == {"Tom Vardy"}
    assert "Plain File Sharing" not in {s.name for s in found.speakers}


def test_an_office_held_of_a_body_is_the_role_before_the_persons_name() -> None:
    body = "Lakeland County Supervisor of Elections Mara Quist said that independent voters cannot vote in the primary."
    found = attribute(body)
    assert [(s.name, s.type) for s in found.speakers] == [("Mara Quist", SpeakerType.PERSON)]


def test_a_bank_named_with_of_is_no_office() -> None:
    text = "The Bank of Lundmark Savings said it would wait."
    assert [m.name for m in cast_lib.find_mentions(text, 0, len(text))] == ["Bank of Lundmark Savings"]


def test_what_a_body_refused_or_felt_the_need_to_do_is_no_statement() -> None:
    body = (
        "Did the Harwick Foundation refuse to turn over the papers? Nobody knows.\n\n"
        "The Lundmark Ministry felt the need to obtain the papers from the charity.\n\n"
        "Orvik Search has added the ability to save pages, so users find them again.\n\n"
        "Campaign spokesman Tom Vardy did not respond to requests to comment on the subject."
    )
    assert attribute(body).speakers == ()


def test_a_name_after_a_preposition_is_not_the_subject_a_pronoun_means() -> None:
    body = (
        "Tom Vardy, spokesman for the firm, said users wanted more.\n\n"
        "Under My Orvik Search users can store the pages they liked. "
        '"It is about finding again what you found before," he said.'
    )
    found = attribute(body)
    assert {q.speaker for q in found.quotes if q.text.startswith('"It is')} == {"Tom Vardy"}


def test_a_shared_surname_is_the_person_named_before_not_one_named_later() -> None:
    body = (
        "Senator Mara Quist and Tom Vardy disagreed on research funding.\n\n"
        "Quist has pointed to her push for more money for the institutes, saying that science needed it.\n\n"
        '"I am worried," said Dr. Ann Lee, director under President Paul Quist.'
    )
    found = attribute(body)
    assert {q.speaker for q in found.quotes if q.text.startswith("science")} == {"Mara Quist"}
    assert "Paul Quist" not in {s.name for s in found.speakers}


def test_a_shared_surname_before_either_person_is_named_names_nobody() -> None:
    body = (
        "Quist said that the vote would be close.\n\n"
        "Mara Quist and her brother Paul Quist run the farm."
    )
    assert attribute(body).speakers == ()


def test_a_nickname_between_first_name_and_surname_is_one_person() -> None:
    body = (
        "Amir 'Zizo' Farouk has made another apology to the fans.\n\n"
        'Zizo said: "I came back to apologise for all my mistakes."\n\n'
        "Farouk said that he wanted to play again."
    )
    found = attribute(body)
    assert [(s.name, s.quotes, s.reported) for s in found.speakers] == [("Amir 'Zizo' Farouk", 1, 1)]


# ------------------------------------------------------------- objects and modifiers are no subjects


def test_a_name_after_a_preposition_is_the_object_not_the_speaker() -> None:
    body = "Growth has averaged 6% in three years, ahead of ORBIS forecasts, while prices fell."
    assert attribute(body).speakers == ()


def test_a_name_after_an_ing_verb_is_its_object() -> None:
    body = "Ways of getting RADIO signals to phones are being tried in several cities."
    assert attribute(body).speakers == ()


def test_a_spokesman_for_a_body_and_a_study_by_a_body_name_the_body() -> None:
    body = (
        "A spokesman for Harwick Mining said the mine would reopen in May.\n\n"
        "A separate study by Lundmark Research has said that prices will fall."
    )
    assert [s.name for s in attribute(body).speakers] == ["Harwick Mining", "Lundmark Research"]


def test_a_name_that_modifies_a_noun_is_not_the_subject() -> None:
    body = "What people do with Quillo Search and other search tools shows that people are not loyal to one."
    assert attribute(body).speakers == ()


def test_a_name_before_an_adverb_stays_the_subject() -> None:
    body = "Tamsin Oil Corp just this month announced that it would sell its refineries."
    assert [s.name for s in attribute(body).speakers] == ["Tamsin Oil Corp"]


def test_adding_a_quote_after_a_reported_clause_keeps_the_sentence_subject() -> None:
    body = (
        "Mara Quist has kept quiet on the race.\n\n"
        'In an interview with the Eastland Courier, Tom Vardy insisted it was too early to decide while adding, '
        '"I have no doubt she means well on the issue and that she wants to change things."'
    )
    found = attribute(body)
    assert {q.speaker for q in found.quotes if q.kind.value == "direct"} == {"Tom Vardy"}


def test_a_place_and_one_party_member_describe_a_person_and_name_nobody() -> None:
    body = "In an interview on Thursday, the Nevada Republican criticized the budget and said allies were worried."
    assert attribute(body).speakers == ()


def test_a_pollster_named_after_exit_polls_is_no_speaker() -> None:
    body = "According to exit polls conducted for the networks by Ostrand Research, most voters say they feel betrayed."
    assert attribute(body).speakers == ()


def test_appeared_to_before_an_action_reports_nothing() -> None:
    body = "And it is why Governor Tom Vardy appeared to end his bid owing more than he had in cash."
    assert attribute(body).speakers == ()


def test_appeared_to_before_a_reporting_verb_reports_speech() -> None:
    body = "Governor Tom Vardy appeared to suggest that the deal was dead."
    assert [s.name for s in attribute(body).speakers] == ["Tom Vardy"]


def test_a_lone_surname_with_his_is_the_person_he_said_means() -> None:
    body = (
        "Senator Mara Quist said the team would lose.\n\n"
        "Ardent openly admitted that his pick was political. \u201cWith an eye to the March vote,\u201d he said.\n\n"
        "Brock defied the question. \u201cI will predict the winner: it will be one of the two,\u201d he said."
    )
    found = attribute(body)
    by_quote = {q.text[1:8]: q.speaker for q in found.quotes if q.kind.value == "direct"}
    assert by_quote == {"With an": "Ardent", "I will ": "Brock"}


def test_a_plural_noun_opening_a_sentence_is_no_person() -> None:
    body = (
        "Tom Vardy plays the club on Friday.\n\n"
        "Audiences can expect him to take risks. \u201cIt is straight from the heart,\u201d he said."
    )
    found = attribute(body)
    assert "Audiences" not in {s.name for s in found.speakers}
    assert {q.speaker for q in found.quotes if q.kind.value == "direct"} != {"Audiences"}


def test_a_participle_opening_a_sentence_is_not_part_of_the_name() -> None:
    body = (
        "Mara Quist has been asserting her record for weeks.\n\n"
        "Asserting Quist had done nothing wrong, aides said the emails were routine."
    )
    assert not any(s.name.startswith("Asserting") for s in attribute(body).speakers)


def test_a_question_asked_of_reporters_keeps_its_asker() -> None:
    body = (
        "Mara Quist held a news conference on Monday.\n\n"
        'Tom Vardy said he would run.\n\n'
        '"You think I am going to change?" Quist asked reporters rhetorically during the conference. "I am not."'
    )
    found = attribute(body)
    assert {q.speaker for q in found.quotes if q.kind.value == "direct"} == {"Mara Quist"}


def test_seeing_someone_penalised_reports_no_speech() -> None:
    body = "But a probing kick from Eastland centre Tom Vardy saw Paul Ardent penalised for holding on to the ball."
    assert attribute(body).speakers == ()


def test_denying_someone_his_place_reports_no_speech() -> None:
    body = "Tom Vardy has denied Mara Quist her place at the top of the charts this week."
    assert attribute(body).speakers == ()


def test_a_body_named_before_its_campaign_word_speaks_as_that_body() -> None:
    body = (
        "Mara Quist attacked her rival on Thursday.\n\n"
        "The Vardy campaign responded Friday, saying lobbyists had given money to a group supporting Quist."
    )
    found = attribute(body)
    assert {q.speaker for q in found.quotes if q.text.startswith("lobbyists")} == {"Vardy campaign"}


def test_an_age_and_home_town_after_a_name_leave_the_person_speaking() -> None:
    body = "Paul Ardent, 22, of Harwick said he had come to listen to both candidates."
    assert [s.name for s in attribute(body).speakers] == ["Paul Ardent"]


def test_a_line_in_capitals_names_no_speaker() -> None:
    body = (
        "Here is what to know today.\n\n"
        "2. U.N. PANEL RULES FOR JAILED PUBLISHER.\n\n"
        "The publisher has been arbitrarily detained since 2010 and should be freed, the rights group says."
    )
    assert attribute(body).speakers == ()


def test_transcript_as_follows_is_no_speaker() -> None:
    body = (
        "Governor Tom Vardy spoke in Harwick on Tuesday night.\n\n"
        "Partial transcript as follows:\n\n"
        '"Tonight we arrived in Harwick, and we went to a restaurant, and people started to cheer for us."'
    )
    assert "Partial" not in {s.name for s in attribute(body).speakers}


def test_a_quoted_transcript_with_labelled_turns_goes_on_from_nobody() -> None:
    """Each turn is its label's: the question goes on from nobody who spoke before it, and the
    answer is the one person named Quist."""
    body = (
        "At the debate, Mara Quist said the critics were wrong.\n\n"
        "Transcript as follows:\n\n"
        '"ARDENT: Senator Quist, did you mislead the families?\n\n'
        '"QUIST: I feel a great deal of sympathy for the families, but they are wrong about this."'
    )
    found = attribute(body)
    assert [q.speaker for q in found.quotes if "mislead" in q.text] in ([], [None])
    assert [q.speaker for q in found.quotes if "great deal" in q.text] == ["Mara Quist"]


def test_a_description_joined_to_a_role_by_and_names_nobody() -> None:
    body = (
        "Popular Christian and corporate speaker Tom Vardy believes he has a word for the candidate.\n\n"
        "The Christian speaker shared with the crowd that he believes the candidate will win."
    )
    found = attribute(body)
    assert {s.name for s in found.speakers} == {"Tom Vardy"}


def test_a_name_after_a_role_and_before_and_stays_a_name() -> None:
    text = "Two donors, billionaire environmentalist Tom Vardy and fund manager Paul Ardent, top the list."
    assert "Tom Vardy" in [m.name for m in cast_lib.find_mentions(text, 0, len(text))]


def test_a_place_is_never_whom_he_means() -> None:
    body = (
        "Tom Vardy spoke in Harwick last week.\n\n"
        "The speaker shared with the North Carolina crowd that he believes the candidate will win."
    )
    assert "North Carolina" not in {s.name for s in attribute(body).speakers}


def test_a_name_joined_by_a_slash_is_one_name() -> None:
    body = "A report by analysts Quill/ORB has predicted that phone shipments will grow by 44% in five years."
    assert [s.name for s in attribute(body).speakers] == ["Quill/ORB"]


def test_a_party_tag_and_its_comma_end_the_speakers_name() -> None:
    body = (
        "Speaking at a college in Dunmore, PA, after his win in the state primary, Gov. Alan Brisk "
        "(R-PA), said, \u201cWe are going all the way to the convention. Nobody will stop us.\u201d"
    )
    found = attribute(body)
    assert [s.name for s in found.speakers] == ["Alan Brisk"]
