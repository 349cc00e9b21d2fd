"""What a line of a news file is: headline, byline, dateline, reading time,
source link, live-blog timestamp, page furniture or story.

Each recogniser looks at one line (or paragraph) on its own. Furniture patterns
must match the whole paragraph, so a story sentence is never taken for one.
"""

from __future__ import annotations

import datetime as dt
import re

MAX_HEADLINE_CHARS = 300
MAX_HEADLINE_WORDS = 30
# A headline ending in a full stop in sentence case is told from a story's first
# sentence by length and by the function words headlines leave out.
MAX_PLAIN_HEADLINE_WORDS = 14
MAX_PLAIN_HEADLINE_FUNCTION_WORDS = 1
TITLE_CASE_SHARE = 0.6
MAX_TITLE_CASE_HEADLINE_WORDS = 20
DATELINE_MAX_CHARS = 80

_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as is are was be vs via over into up out off "
    "if so per than that its his her their".split()
)
_FUNCTION_WORDS = frozenset("the a an was were had been has have is".split())
_WORD = re.compile(r"[^\W\d_][\w\u2019'-]*")

_READING_TIME = re.compile(
    r"^[\s\u00b7\u2022|\-\u2013\u2014]*(?:reading time:?\s*)?(\d{1,3})[\s-]*(?:min(?:ute)?s?)\.?(?:\s*read)?\s*$",
    re.IGNORECASE,
)
# Name particles that stay lower case inside a name ("Anna de Vries", "Ludwig van Beethoven").
_PARTICLES = r"(?:de|da|das|do|dos|du|del|della|der|den|di|la|le|van|von|ten|ter|zu|bin|ibn|al|el|y|st\.?)"
_NAME_WORD = r"(?:[A-Z][\w.'\u2019-]*|" + _PARTICLES + r")"
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|reporting by)\s+"
    rf"[A-Z][\w.'\u2019-]*(?:(?:\s+|\s*,\s*|\s*&\s*|\s+and\s+|\s*[|/\u00b7]\s*){_NAME_WORD}){{0,12}}\s*$"
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\.?,?\s+(\d{{4}})\b", re.IGNORECASE), "dmy"),
)
_DATELINE_FILLER = frozenset(
    "published updated posted last on at gmt utc bst est edt cst pst et am pm "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# "10:32 a.m.", "Updated 9:05 PM EST", "14.05 GMT": live-blog entry times on a line of their own.
_TIMESTAMP = re.compile(
    r"^(?:(?:updated|posted|published)(?: at)?:?\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?"
    r"(?:\s+(?:[A-Z]{2,4}|local time))?\s*$",
    re.IGNORECASE,
)
# "DALLAS (AP) —", "WASHINGTON, March 3 (Reuters) -", "LONDON —", "(CNN) --": agency datelines
# opening the first paragraph. The place is in capitals; an agency without a place is named.
_AGENCIES = r"(?:AP|Reuters|AFP|CNN|UPI|dpa|Bloomberg|PA|Xinhua|The Associated Press)"
_AGENCY_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){{0,3}}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    rf"(?:,?\s+[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?\s*(?:\({_AGENCIES}\))?|\({_AGENCIES}\))"
    r"\s*(?:\u2014|\u2013|--?)\s+(?=\S)"
)
_SOURCE_URL = re.compile(r"^(?:(?:source|original|read (?:the original|more)|url|link)\s*:\s*)?<?(https?://[^\s<>\"]+)>?$", re.IGNORECASE)

# Page furniture: whole paragraphs that belong to the page, not the story.
_BOILERPLATE = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^advertisement\.?$",
        # Section labels of press-database exports.
        r"^(?:abstract|full text|lead paragraph|body)\.?:?$",
        # A page's section label over the first item ("LETTERS.").
        r"^letters(?: to the editor)?\.?:?$",
        # A press archive's notice that a correction follows the story ("Correction Appended.").
        r"^corrections? appended\.?$",
        r"^(?:story continues below|continue reading)(?: (?:advertisement|below))?\.?$",
        # "Share this article: Facebook Twitter Email": a verb, then only network names.
        r"^(?:share|share this(?: article| story| post| page)?|share on \w+|tweet|email|print)\s*:?"
        r"(?:(?:\s+|\s*[|/\u00b7,]\s*)(?:facebook|twitter|x|email|e-mail|linkedin|whatsapp|reddit|pinterest|"
        r"print|messenger|copy link|sms|flipboard|threads|bluesky|comments?))*\.?$",
        r"^(?:subscribe|sign up|register)\b.{0,120}\b(?:newsletter|subscription|inbox|updates|free)\b.{0,60}$",
        r"^(?:follow us|like us) on\b.{0,120}$",
        # "Follow Jeff Poor on Twitter @jeff_poor."
        r"^follow\s+(?:[\w.'\u2019-]+\s+){1,5}on\s+(?:twitter|x|facebook|instagram|threads|bluesky|tiktok)\b(?:\s*(?:at\s+)?@\w+)?\.?$",
        r"^follow\s+(?:[\w.'\u2019-]+\s+){0,4}@\w+(?:\s+on\s+\w+)?\.?$",
        # "(h/t RCP Video.)", "h/t: The Hill."
        r"^\(?\s*(?:h/t|hat tip|via|tip)\s*:?\s+[^()]{1,80}?\.?\s*\)?\.?$",
        r"^(?:read more|related|recommended|more from \w+|see also|watch)\s*:.{0,200}$",
        r"^(?:copyright|\u00a9)\s.{0,150}$",
        r"^.{0,80}all rights reserved\.?$",
        r"^(?:click here|tap here)\b.{0,160}$",
        r".*\b(?:temporarily suspending|have disabled|turned off|closed)\b.{0,40}\b(?:article )?comment(?:ing|s)\b.*",
        r"^our goal is to create a safe and engaging place for users\b.*",
        r"^(?:comments?|join the (?:conversation|discussion))(?: \(\d+\))?\.?$",
        r"^(?:image|photo|video)(?: copyright| credit| source)?:?\s.{0,120}(?:getty|reuters|ap|afp|images)\W*$",
    )
)


_SECTION_LABEL = re.compile(r"^(abstract|full text|lead paragraph|body)\.?:?$", re.IGNORECASE)


def section_label(paragraph: str) -> str | None:
    """"abstract" for a press-database export's "ABSTRACT." line, "full text" for "FULL TEXT.", ..."""
    match = _SECTION_LABEL.match(" ".join(paragraph.split()))
    return match.group(1).lower() if match else None


def is_boilerplate(paragraph: str) -> bool:
    """Page furniture (share bars, follow and tip lines, ads, comment policy): never a story sentence."""
    line = " ".join(paragraph.split())
    return any(p.fullmatch(line) for p in _BOILERPLATE)


def has_words(paragraph: str) -> bool:
    """False for what markup removal leaves behind ('.', '—'): nothing to read."""
    return any(c.isalnum() for c in paragraph)


def is_timestamp(line: str) -> bool:
    """A live-blog entry time on its own line ("9:05 p.m.")."""
    return bool(_TIMESTAMP.match(line.strip()))


def agency_dateline_length(paragraph: str) -> int:
    """Characters of an opening agency dateline ("DALLAS (AP) — "), 0 when there is none."""
    match = _AGENCY_DATELINE.match(paragraph)
    return match.end() if match else 0


def reading_time(line: str) -> int | None:
    """Minutes from a "4-min read" line."""
    match = _READING_TIME.match(line)
    return int(match.group(1)) if match else None


def byline(line: str) -> str | None:
    """The names in a "By Anna de Vries and Tom Roe" line."""
    if len(line) > DATELINE_MAX_CHARS or not _BYLINE.match(line):
        return None
    return re.sub(r"^(?:written |words |reporting )?by\s+", "", line, flags=re.IGNORECASE).strip()


def source_url(line: str) -> str | None:
    """The link in a "Source: https://..." line or a bare URL line."""
    match = _SOURCE_URL.match(line.strip())
    return match.group(1) if match else None


def parse_date(line: str) -> dt.date | None:
    """The first date written in a line, in any of the usual news formats."""
    for pattern, order in _DATE_PATTERNS:
        match = pattern.search(line)
        if not match:
            continue
        a, b, c = match.groups()
        try:
            if order == "ymd":
                return dt.date(int(a), int(b), int(c))
            month_name, day = (a, b) if order == "mdy" else (b, a)
            return dt.date(int(c), _month_number(month_name), int(day))
        except ValueError:
            continue
    return None


def dateline(line: str) -> dt.date | None:
    """The date of a line that is mostly a date ("Published: 12 Jan 2022, 10:30 GMT"),
    not of a sentence that mentions one ("The vote came on 12 March 2024.")."""
    if len(line) > DATELINE_MAX_CHARS:
        return None
    if line.rstrip().endswith(".") and not re.search(r"\b(?:a\.m|p\.m)\.$", line.rstrip(), re.IGNORECASE):
        return None
    date = parse_date(line)
    if date is None:
        return None
    rest = line
    for pattern, _ in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    words = re.findall(r"[A-Za-z]{2,}", rest)
    return date if len([w for w in words if w.lower() not in _DATELINE_FILLER]) <= 2 else None


def _month_number(name: str) -> int:
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return months.index(name[:3].lower()) + 1


# A standfirst is one whole sentence of some length: a capital first, closing punctuation last,
# and no comma left hanging before it ("In her recording,.").
_STANDFIRST = re.compile(r"^[\"'\u201c\u2018]?[A-Z0-9].*[^,;:\s][.!?][\"'\u201d\u2019]?$", re.S)
STANDFIRST_MIN_WORDS = 5


def is_standfirst(paragraph: str) -> bool:
    """A deck that is a whole sentence summing up the story, not a piece of one or a label."""
    line = " ".join(paragraph.split())
    letters = [c for c in line if c.isalpha()]
    shouted = bool(letters) and all(c.isupper() for c in letters)
    return bool(_STANDFIRST.match(line)) and len(line.split()) >= STANDFIRST_MIN_WORDS and not shouted


# "TOP STORIES.", "FACEBOOK.": a page's section label in capitals over the first item.
MAX_KICKER_WORDS = 3


def is_kicker(paragraph: str) -> bool:
    """A short section label in capitals, not a sentence of the story."""
    line = " ".join(paragraph.split())
    letters = [c for c in line if c.isalpha()]
    count = len(line.rstrip(".:").split())
    # A line ending in a dash is a dateline on its own line ("WASHINGTON (AP) —"): it stays.
    open_ended = line.endswith((",", ";", "-", "\u2013", "\u2014"))
    return 0 < count <= MAX_KICKER_WORDS and bool(letters) and all(c.isupper() for c in letters) and not open_ended


def is_header_line(line: str) -> bool:
    """A line that belongs to the header block under a headline."""
    return bool(reading_time(line) or byline(line) or dateline(line) or source_url(line))


def is_headline(line: str) -> bool:
    """A headline rather than a story's first sentence: one line, short, headline style.

    A line without closing punctuation, or in title case, is a headline; one that ends in
    a full stop (some publishers' house style) must also be short and leave out the
    articles and auxiliaries a story sentence uses."""
    words = _WORD.findall(line)
    if "\n" in line or not words or len(line) > MAX_HEADLINE_CHARS or len(line.split()) > MAX_HEADLINE_WORDS:
        return False
    if is_header_line(line) or is_boilerplate(line):
        return False
    if not re.search(r"[.!?]\W*$", line):
        return True
    if _title_case_share(words) >= TITLE_CASE_SHARE and len(line.split()) <= MAX_TITLE_CASE_HEADLINE_WORDS:
        return True
    function_words = sum(1 for w in words if w.lower() in _FUNCTION_WORDS)
    return len(line.split()) <= MAX_PLAIN_HEADLINE_WORDS and function_words <= MAX_PLAIN_HEADLINE_FUNCTION_WORDS


def _title_case_share(words: list[str]) -> float:
    content = [w for w in words[1:] if w.lower() not in _SMALL_WORDS]
    if not content:
        return 0.0
    return sum(1 for w in content if w[0].isupper()) / len(content)
