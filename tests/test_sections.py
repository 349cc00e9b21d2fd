"""The section classifier: shipped weights, allowed sections, abstaining on short text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import sections

SPORT = (
    "The striker scored twice in the second half as the champions beat their rivals 3-1 to go top of the league. "
    "The coach said the players had shown great character after the defeat in the cup last week, and the "
    "goalkeeper made three fine saves. The club face a tough match away from home on Saturday, when the "
    "defender returns from injury. Fans sang throughout the game and the manager praised the midfield."
)
BUSINESS = (
    "Shares in the bank fell 5% after it reported lower profits for the quarter, hit by weak demand and rising "
    "costs. Analysts had expected earnings to grow, and the firm said sales would stay flat this year. The "
    "company's chief executive said investors should expect higher dividends once the economy recovers, while "
    "the central bank kept interest rates on hold. The market value of the group dropped to $20bn."
)
ALL = ("politics", "business", "sport", "technology", "entertainment")


def test_shipped_weights_know_five_sections_and_hold_no_text():
    data = json.loads((Path(sections.__file__).parent / "data" / sections.WEIGHTS_FILE).read_text(encoding="utf-8"))
    assert data["labels"] == ["business", "entertainment", "politics", "sport", "technology"]
    assert all(" " not in word and len(values) == 5 for word, values in data["words"].items())


@pytest.mark.parametrize(("text", "expected"), [(SPORT, "sport"), (BUSINESS, "business")])
def test_plain_stories_get_their_section(text: str, expected: str):
    assert sections.classify("Results", text, ALL) == expected


def test_only_allowed_sections_are_chosen():
    assert sections.classify("Results", SPORT, ("business", "politics")) != "sport"
    assert sections.classify("Results", SPORT, ("world",)) is None


def test_short_text_gets_no_section():
    assert sections.classify("Goal", "He scored a goal.", ALL) is None
