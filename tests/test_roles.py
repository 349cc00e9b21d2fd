"""Roles: the article's own phrase for who a speaker is, each pattern on a hand-written sentence."""

from __future__ import annotations

import pytest

from generator import ingest
from generator.quotes.speakers import build_cast, find_mentions

from test_quotes import attribute, speaker_named


def role_of_name(text: str, name: str) -> str | None:
    """The role read for the first mention of `name` in `text`."""
    mention = next(m for m in find_mentions(text, 0, len(text)) if m.name == name)
    return mention.role


# ------------------------------------------------- roles before the name, with their modifiers


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("But shadow chancellor Oliver Letwin said the plan would fail.", "Oliver Letwin", "shadow chancellor"),
        ("The bill was backed by former Labour MP Tom Reed on Monday.", "Tom Reed", "former Labour MP"),
        ("Aston Villa striker Kevin Marsh said he hoped to play again.", "Kevin Marsh", "Aston Villa striker"),
        ("The vote went ahead, said Missouri Secretary of State Jane Orr.", "Jane Orr", "Missouri Secretary of State"),
        ("The race is open, according to billionaire environmentalist Tom Hale.", "Tom Hale", "billionaire environmentalist"),
        ("Lake County Supervisor of Elections Ann Cole said the count was slow.", "Ann Cole", "Lake County Supervisor of Elections"),
    ],
)
def test_role_before_the_name_keeps_its_modifiers(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


def test_two_roles_joined_by_and_stay_together_only_when_they_open_the_sentence() -> None:
    opening = "Olympic long jump champion and BBC pundit Mark Hale believes the team can win."
    assert role_of_name(opening, "Mark Hale") == "Olympic long jump champion and BBC pundit"
    inside = "Talks between the prime minister and Labour MP John Hale went on into the night."
    assert role_of_name(inside, "John Hale") == "Labour MP"


def test_a_description_before_a_body_is_its_role() -> None:
    assert role_of_name("Jobs will go, telecoms giant BT said on Monday.", "BT") == "telecoms giant"


# ------------------------------------------------- roles set off by commas


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The Danish trade minister, Lars Holm, said talks had gone well.", "Lars Holm", "Danish trade minister"),
        ("Harbour Trust chief executive, Mary Olden, said the plan was sound.", "Mary Olden", "Harbour Trust chief executive"),
        (
            "Head of marine biology at the Coastal Research Institute, Professor Ian Wells, said the reef was dying.",
            "Ian Wells",
            "Head of marine biology at the Coastal Research Institute",
        ),
    ],
)
def test_role_in_an_apposition_before_the_name(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


def test_a_clause_before_a_comma_is_no_role() -> None:
    assert role_of_name("Asked about the minister, Tom Smith, who leads the group, said no.", "Tom Smith") is None


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Gerard Houllier, the former Liverpool manager, said the side was tired.", "Gerard Houllier", "former Liverpool manager"),
        ("Lena Marsh, ex-head of policy at the Treasury, said the budget was small.", "Lena Marsh", "ex-head of policy at the Treasury"),
        ("Kevin Marsh, spokesman for North Coast Says Yes, said the vote was close.", "Kevin Marsh", "spokesman for North Coast Says Yes"),
        ("Lena Marsh, from the Coastal Towns Association, said the budget was small.", "Lena Marsh", "Coastal Towns Association"),
        ('"Costs rose," explained Hiro Tanaka of Nomura Holdings.', "Hiro Tanaka", "Nomura Holdings"),
    ],
)
def test_role_or_body_after_the_name(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


def test_a_place_after_the_name_is_no_role() -> None:
    assert role_of_name("Tom Reed, from Leeds, said he was glad.", "Tom Reed") is None
    assert role_of_name("Tom Reed of Leeds said he was glad.", "Tom Reed") is None


# ------------------------------------------------- never a fragment of something else


def test_a_verb_ends_the_role_before_a_name() -> None:
    text = "Critic Paul Stone threw veteran Canadian reporter Anna Lee out of the room."
    assert role_of_name(text, "Anna Lee") == "veteran Canadian reporter"
    text = "Polls say both candidates would defeat Democratic front-runner Ann Cole in November."
    assert role_of_name(text, "Ann Cole") == "Democratic front-runner"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Days before the vote, a large part of Mr. Clarke's funding collapsed.", "Clarke"),
        ("Amy Deace, who was named a leader of Mr. Cruz's coalition, spoke first.", "Cruz"),
        ("Sanders lost three states to his Democratic rival Hillary Clinton on Tuesday.", "Hillary Clinton"),
        ("Polls suggest that Democrat voters back Bernie Sanders in the state.", "Bernie Sanders"),
    ],
)
def test_words_about_someone_else_are_no_role(text: str, name: str) -> None:
    assert role_of_name(text, name) is None


def test_a_reporting_verb_or_honorific_never_opens_a_role() -> None:
    assert role_of_name('Says Mayor Tom Reed: "We are glad."', "Tom Reed") == "Mayor"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("But Prime Minister Tom Hale said the vote would go ahead.", "Tom Hale", "Prime Minister"),
        ("A spokesman for Democratic presidential candidate Ann Cole declined to comment.", "Ann Cole", "Democratic presidential candidate"),
        ("He reached out to minorities - Georgia businessman Bruce Dell said so.", "Bruce Dell", "Georgia businessman"),
        ("Voters should make Democratic presidential candidate Ann Cole the nominee.", "Ann Cole", "Democratic presidential candidate"),
        ("Asked whether he would counsel Ann Cole to run, he said no.", "Ann Cole", None),
        ("He ran a campaign against Democratic front-runner Ann Cole all year.", "Ann Cole", "Democratic front-runner"),
        ("It is awkward to audition. Just ask former senator Evan Hale of Indiana.", "Evan Hale", "former senator"),
        ("Jo Dean, a veteran staffer for Sen. Tom Hale, said no.", "Jo Dean", "veteran staffer"),
        ("The bill was backed by US Senator Tom Hale on Monday.", "Tom Hale", "US Senator"),
        ("He voiced his disdain for Republican presidential nominee Ann Cole again.", "Ann Cole", "Republican presidential nominee"),
        ("They hacked the email account of campaign chairman Tom Hale last week.", "Tom Hale", "campaign chairman"),
        ("Talks were led by the Department of Health spokesman Tom Hale.", "Tom Hale", "Department of Health spokesman"),
        ('"I voted early," said Tom Hale, a 59-year-old from Hilton Head, who backs the mayor.', "Tom Hale", None),
        ("The panel, which includes singer Bob Geld, met in London.", "Bob Geld", "singer"),
        ("He singled out Carson campaign manager Tom Hale, a longtime operative.", "Tom Hale", "Carson campaign manager"),
        ("He cut off MSNBC anchor Ann Cole before she finished.", "Ann Cole", "MSNBC anchor"),
        ('"It was bad," said Ari Hale, a former press secretary to George W. Bush, on Monday.', "Ari Hale", "former press secretary"),
    ],
)
def test_a_role_carries_no_fragment_of_the_sentence_around_it(text: str, name: str, role: str | None) -> None:
    assert role_of_name(text, name) == role


def test_roles_reach_the_speaker_list() -> None:
    body = (
        "Harbour Trust chief executive, Mary Olden, said the plan was sound.\n\n"
        '"We will press on," said Olden.'
    )
    _, found = attribute(body)
    assert speaker_named(found, "Mary Olden").role == "Harbour Trust chief executive"


# ------------------------------------------------- roles from another sentence


def cast_roles(body: str) -> dict[str, str | None]:
    """Every person and body of a hand-written body with the role the cast gives them."""
    article = ingest.parse_article(body, "test", "A headline", headline_required=False)
    return {e.name: e.role for e in build_cast(article).entities}


def test_a_description_as_subject_stands_for_the_one_person_named_just_before() -> None:
    body = (
        "Tom Hale has agreed to face a studio audience again.\n\n"
        "The format is plain: the prime minister answers questions from voters for an hour."
    )
    assert cast_roles(body)["Tom Hale"] == "prime minister"


def test_a_description_with_two_people_before_it_stays_unassigned() -> None:
    body = "Ann Cole has more votes than Tom Hale has, and the Florida senator left the race on Tuesday."
    assert cast_roles(body) == {"Ann Cole": None, "Tom Hale": None}


def test_a_description_is_not_assigned_when_the_article_describes_others_the_same_way() -> None:
    body = (
        "He thinks the culture secretary is weak and the trade secretary is worse. Tom Hale said little.\n\n"
        "The home secretary has admitted he was wrong."
    )
    assert cast_roles(body)["Tom Hale"] is None


def test_a_description_that_opens_a_paragraph_names_the_speaker_of_the_next_sentence() -> None:
    body = (
        "A top campaign adviser says the governor is on course to win.\n\n"
        "Ed Marsh spoke to reporters on Thursday after a meeting with donors."
    )
    assert cast_roles(body)["Ed Marsh"] == "top campaign adviser"


# ------------------------------------------------- smaller patterns


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("He was replaced by former world number one Juan Ferrero on Friday.", "Juan Ferrero", "former world number one"),
        ("Vatican spokesman the Rev. Federico Lombardi said the pope was well.", "Federico Lombardi", "Vatican spokesman"),
        ('From Ann Lee writing at The Daily Post: "It was a strange night."', "Ann Lee", "Daily Post"),
        ("He remembers Sharon Stone, the Leeds woman who confronted him on the campaign trail.", "Sharon Stone", "Leeds woman"),
        ("Dennis Ross, a former senior adviser to Mr. Obama, said so.", "Dennis Ross", "former senior adviser"),
    ],
)
def test_more_ways_an_article_gives_a_role(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


def test_a_plain_person_noun_alone_is_no_role() -> None:
    assert role_of_name("One woman, Victoria Lane, found her sister alive.", "Victoria Lane") is None


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The new chairman of the Bar Council, Guy Marsh QC warned of a real risk.", "Guy Marsh", "new chairman of the Bar Council"),
        ('"It will be hard to beat," said Erich Lang, one of the co-founders of the Top500 list.', "Erich Lang", "one of the co-founders of the Top500 list"),
        ("The answer, says Prof Eric Brewer, is simple.", "Eric Brewer", "Professor"),
    ],
)
def test_apposition_at_a_sentence_start_one_of_and_a_lone_prof(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


@pytest.mark.parametrize(
    "text",
    [
        "His father, Tom Hale Sr., who once ran the firm, said little.",
        "Mikko Lind, who heads the firm's anti-virus team, said so.",
        "After a long talk with the minister, Tom Hale said no.",
    ],
)
def test_no_role_from_a_pronoun_relation_a_clause_or_a_preposition(text: str) -> None:
    assert all(m.role is None for m in find_mentions(text, 0, len(text)) if m.name in {"Tom Hale", "Mikko Lind"})


def test_a_title_only_inside_a_quotation_gives_way_to_the_narration() -> None:
    body = (
        '"Secretary Cole has changed her mind," Tom Hale said.\n\n'
        "Former governor Ann Cole said the plan was sound."
    )
    assert cast_roles(body)["Ann Cole"] == "Former governor"
    only_quoted = '"Senator Ann Cole must answer," Tom Hale said.\n\nAnn Cole said nothing.'
    assert cast_roles(only_quoted)["Ann Cole"] is None


def test_a_party_alone_gives_way_to_an_office_named_later() -> None:
    body = (
        "Republican Tom Hale is ending his campaign after a heavy loss at home.\n\n"
        "The result is a blow to Ohio Sen. Tom Hale, who had hoped to win the state."
    )
    assert cast_roles(body)["Tom Hale"] == "Ohio Senator"
    party_only = "Republican Tom Hale is ending his campaign.\n\nTom Hale said he was proud of it."
    assert cast_roles(party_only)["Tom Hale"] == "Republican"
    quoted_office = 'Republican Tom Hale spoke last.\n\n"Senator Hale has done his best," Ann Cole said.'
    assert cast_roles(quoted_office)["Tom Hale"] == "Republican"


def test_a_description_set_off_after_a_body_is_its_role() -> None:
    body = (
        "Shares in Hale Iron and Steel Co fell on Monday.\n\n"
        "China's Hale, the country's largest steel producer, said it would delay a share sale."
    )
    assert cast_roles(body)["Hale Iron and Steel Co"] == "country's largest steel producer"
    not_a_body_word = "Shares in Marlow Holdings fell.\n\nMarlow Holdings, the owner of the site, said little."
    assert cast_roles(not_a_body_word)["Marlow Holdings"] is None
    a_clause = "Shares in Marlow Holdings fell.\n\nThe deal with Marlow Holdings, the firm says, is off."
    assert cast_roles(a_clause)["Marlow Holdings"] is None


def test_a_title_stays_with_the_man_when_his_wife_is_named_in_full_later() -> None:
    body = (
        "President Hale is rolling out a new campaign message.\n\n"
        '"It is about me," Mr. Hale said on Saturday.\n\n'
        "The campaign plans to use Mr. Hale and the first lady, Michelle Hale, in the coming weeks."
    )
    assert cast_roles(body) == {"Hale": "President", "Michelle Hale": None}


def test_a_full_name_still_completes_a_surname_introduced_with_a_title() -> None:
    body = 'Senator Hale spoke first.\n\n"We will win," Mr. Hale said.\n\nTom Hale has led the party for ten years.'
    assert cast_roles(body) == {"Tom Hale": "Senator"}


# ------------------------------------------------- a role names what someone is


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("US coach Dan Petrie said the team had played well.", "Dan Petrie", "US coach"),
        ("The case was heard by US district judge Ann Morrow on Friday.", "Ann Morrow", "US district judge"),
    ],
)
def test_a_country_acronym_opening_a_role_stays(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Twelve former Brightwell directors have agreed to pay the fine.", "Brightwell"),
        ("She went to mostly white Lutheran schools in Ohio.", "Lutheran"),
        ("The talks were led by the French Ines Marlow on Monday.", "Ines Marlow"),
    ],
)
def test_words_that_only_say_where_from_or_when_are_no_role(text: str, name: str) -> None:
    assert all(m.role is None for m in find_mentions(text, 0, len(text)) if m.name == name)


def test_a_plain_description_of_someone_unnamed_stands_for_nobody() -> None:
    body = (
        "Tom Hale was sentenced on Monday for the attacks.\n\n"
        '"I am scared," the young woman said in court.'
    )
    assert cast_roles(body)["Tom Hale"] is None


def test_a_description_the_article_already_uses_as_someone_s_title_stays_theirs() -> None:
    body = (
        "New powers are needed, said Home Secretary Ann Cole.\n\nThe bill is long. It has many parts.\n\n"
        "Ed Marsh had doubts about the plans. The home secretary said she would press on."
    )
    assert cast_roles(body)["Ed Marsh"] is None


def test_a_description_in_the_same_sentence_as_the_name_is_someone_else() -> None:
    body = (
        "Lord Marsh has clashed with ministers over inquiries.\n\n"
        "Lord Marsh said the lord chancellor would not overrule him."
    )
    assert cast_roles(body)["Lord Marsh"] is None
    object_of_the_clause = "Lord Marsh has clashed with ministers.\n\nThe lord chancellor would not go against Lord Marsh's wishes."
    assert cast_roles(object_of_the_clause)["Lord Marsh"] is None


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        ("The home of the plan is the Treasury. Home Secretary Ann Cole said it would pass.", "Ann Cole", "Home Secretary"),
        ("Most schools will take part. Schools Minister Tom Hale said it was essential.", "Tom Hale", "Schools Minister"),
        ("Tom Hale has agreed. Says Mayor Ann Cole: it is a good plan.", "Ann Cole", "Mayor"),
    ],
)
def test_a_common_word_opening_a_sentence_stays_in_the_title_it_opens(body: str, name: str, role: str) -> None:
    assert cast_roles(body)[name] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The deal was signed, said chief operating officer Ann Lee.", "Ann Lee", "chief operating officer"),
        ("Rents will rise, said housing minister Ann Lee on Monday.", "Ann Lee", "housing minister"),
        ("Nobody should mock ex-Downing Street media chief Tom Hale, she said.", "Tom Hale", "ex-Downing Street media chief"),
        ("The move was spotted by net monitoring firm Webwatch on Friday.", "Webwatch", "net monitoring firm"),
        ("Most files leak, according to document security firm Filesafe.", "Filesafe", "document security firm"),
    ],
)
def test_a_field_of_work_or_a_prefixed_name_stays_in_the_role(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("He has a chance to impress Lions coach Tom Hale this week.", "Tom Hale", "Lions coach"),
        ("The papers should not demonise party chief Tom Hale, she said.", "Tom Hale", "party chief"),
        ('"Spam must stop," said Ann Lee, Texas attorney general announcing the legal action.', "Ann Lee", "Texas attorney general"),
        ('"Prices will rise," said Tom Hale, a spokesman for the Salt Board quoted in the Daily Post.', "Tom Hale", "spokesman for the Salt Board"),
    ],
)
def test_a_verb_or_a_participle_s_phrase_is_no_part_of_the_role(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


def test_a_headline_in_capitals_run_into_the_text_is_no_part_of_a_role() -> None:
    text = "AT LEAST 10 HURT IN BLAST Turkish President Ali Demir said the bomber was foreign."
    assert role_of_name(text, "Ali Demir") == "Turkish President"
    assert role_of_name("NASA chief Ann Cole said the launch would go ahead.", "Ann Cole") == "NASA chief"


def test_a_title_in_quotation_marks_cut_at_its_comma_leaves_the_role() -> None:
    text = "Tom Hale, the author of ''Rivers and Roads,'' a history of the state, said so."
    assert role_of_name(text, "Tom Hale") == "author"


def test_a_body_s_description_as_subject_stands_for_the_one_body_named_just_before() -> None:
    body = (
        "Party leaders will be asked to debate on television, according to the Hale Society.\n\n"
        "It would be up to them to decide, the non-partisan charity said."
    )
    assert cast_roles(body)["Hale Society"] == "non-partisan charity"
    two_bodies = (
        "Leaders will be asked to debate, according to the Hale Society and the Cole Institute.\n\n"
        "It would be up to them to decide, the non-partisan charity said."
    )
    assert cast_roles(two_bodies) == {"Hale Society": None, "Cole Institute": None}


def test_a_plural_role_before_a_list_of_names_is_each_one_s_role() -> None:
    body = "Democratic presidential candidates Ann Cole and Tom Hale met voters on Monday."
    assert cast_roles(body) == {"Ann Cole": "Democratic presidential candidate", "Tom Hale": "Democratic presidential candidate"}
    three = "Former ministers Ann Cole, Tom Hale and Ed Marsh signed the letter."
    assert set(cast_roles(three).values()) == {"Former minister"}
    not_a_role = "He praised the players Ann Cole and Tom Hale. Voters like Ann Cole and Tom Hale, polls say."
    assert set(cast_roles(not_a_role).values()) == {None}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The bill faces a tough vote, House Democrats and Senate leaders said.", "Democrats"),
        ("It was characteristic of a campaign Mr. Tom Hale has called bigoted.", "Tom Hale"),
        ("In 1952, Ann Cole, criticized President Tom Hale for his strategy.", "Ann Cole"),
    ],
)
def test_an_office_s_modifier_or_a_verb_after_the_name_is_no_role(text: str, name: str) -> None:
    assert all(m.role is None for m in find_mentions(text, 0, len(text)) if m.name == name)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Ann Cole, a former aide to Ohio Democrats such as former Gov. Tom Hale, said so.", "Ann Cole", "former aide to Ohio Democrats"),
        ("Ann Cole, founding partner at Hale Strategies, said the race was close.", "Ann Cole", "founding partner at Hale Strategies"),
        ("Ann Cole, a noted economist, said prices would rise.", "Ann Cole", "noted economist"),
        ("The poll was run by Ohio State freshman Ann Cole.", "Ann Cole", "Ohio State freshman"),
    ],
)
def test_an_apposition_ends_before_an_example_and_may_open_with_an_adjective(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


def test_a_description_that_would_stand_for_two_people_stands_for_neither() -> None:
    body = (
        "Tom Hale is expected to call an election on Monday.\n\n"
        "The prime minister has kept the date quiet.\n\n"
        "The poll will be fought on the economy. Rivals say the plans are weak. It is a long campaign.\n\n"
        "Ann Cole leads the opposition.\n\n"
        "The prime minister should resign, she says."
    )
    assert cast_roles(body) == {"Tom Hale": None, "Ann Cole": None}


def test_a_campaign_is_no_body_a_description_stands_for() -> None:
    body = "Tom Hale spoke to Radio Leeds on Friday.\n\nThe current campaign has been completed, he said."
    assert cast_roles(body).get("Radio Leeds") is None


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ('Lord Hale, who is Lord Chief Justice of England, said: "No."', "Lord Hale", "Lord Chief Justice of England"),
        ("Ann Cole, who is a senior analyst at Acme Bank, said prices would fall.", "Ann Cole", "senior analyst at Acme Bank"),
        ("Ann Cole, a Fed governor since 2014, said rates would rise.", "Ann Cole", "Fed governor"),
        ("Tom Hale, the party's leader under George W. Bush, said so.", "Tom Hale", "party's leader"),
    ],
)
def test_a_role_in_a_relative_clause_and_without_its_time(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


@pytest.mark.parametrize(
    "text",
    [
        "Ann Cole, who was a co-chair for Sen. Tom Hale's campaign, said it was over.",
        "Ann Cole, who is leading the campaign, said it was over.",
        "Ann Cole, who is a friend of the mayor, said it was over.",
    ],
)
def test_a_past_role_or_a_relation_in_a_relative_clause_is_no_role(text: str) -> None:
    assert role_of_name(text, "Ann Cole") is None


def test_a_title_says_more_than_a_relation_to_someone_else() -> None:
    assert role_of_name("Tom Hale attacked his opponent Senator Ann Cole on Monday.", "Ann Cole") == "Senator"
    body = 'The vote was close. His Republican opponent, Senator Ann Cole, said: "We lost."'
    assert cast_roles(body)["Ann Cole"] == "Senator"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Money went into the 2001 re-election campaign of President Ann Cole, he said.", "Ann Cole", "President"),
        ("The three are chief executive Ann Cole, finance chief Tom Hale and Ed Marsh.", "Ann Cole", "chief executive"),
        ("The rally was led by proud veteran Ann Cole on Friday.", "Ann Cole", "proud veteran"),
    ],
)
def test_words_before_an_office_that_are_not_part_of_it(text: str, name: str, role: str) -> None:
    assert role_of_name(text, name) == role


def test_a_role_never_ends_in_a_modifier_whose_office_went_to_a_name() -> None:
    text = "The airline is owned by Mr Gold and fellow former Acme directors Ann Cole."
    assert role_of_name(text, "Acme") is None


def test_a_body_s_possessive_alone_gives_the_body_as_the_role() -> None:
    assert role_of_name("But Tennis Ireland's Geoff Marsh rejected the claim.", "Geoff Marsh") == "Tennis Ireland"
    assert role_of_name("The Times' Ben Hale wrote the review.", "Ben Hale") == "Times"
    assert role_of_name("Hale Bank's chief economist Ann Cole said so.", "Ann Cole") == "Hale Bank's chief economist"
