"""Quotation marks: the one definition every stage uses.

News copy mixes straight and typographic marks; German-style „ opens as
well. The right single mark doubles as the apostrophe, so single marks
only ever delimit a quote inside a double-quoted one.
"""

from __future__ import annotations

import re

STRAIGHT_DOUBLE = '"'
OPENING_DOUBLE = "\u201c\u201e"  # “ „
CLOSING_DOUBLE = "\u201d"  # ”
DOUBLE = STRAIGHT_DOUBLE + OPENING_DOUBLE + CLOSING_DOUBLE
OPENING_SINGLE = "\u2018"  # ‘
CLOSING_SINGLE = "\u2019"  # ’ (also the apostrophe)
SINGLE = "'" + OPENING_SINGLE + CLOSING_SINGLE
OPENING = STRAIGHT_DOUBLE + OPENING_DOUBLE  # marks that may open a double quote
ALL = DOUBLE + SINGLE

DOUBLE_MARK = re.compile(f"[{DOUBLE}]")
