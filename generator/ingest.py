"""Raw bytes -> Article: decode, repair, find the headline, drop boilerplate.

The decoded, repaired, NFC text is the article "as ingested": every later
offset indexes it. Cleaning never rewrites that text; it only decides which
paragraphs form the body, so nothing the article says is lost or altered.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import math
import re
import unicodedata
from pathlib import Path

import charset_normalizer
import ftfy

from generator.errors import ArticleError
from generator.model import Article, Paragraph

WORDS_PER_MINUTE = 230
MAX_HEADLINE_CHARS = 200
# How many leading paragraphs may hold the headline, dateline, byline and reading time.
MAX_HEADER_PARAGRAPHS = 6
# Share of control characters above which a file is taken for binary data.
MAX_CONTROL_SHARE = 0.01

_READING_TIME = re.compile(
    r"^[\s\u00b7\u2022|\-\u2013\u2014]*(?:reading time:?\s*)?(\d{1,3})[\s-]*(?:min(?:ute)?s?)\.?(?:\s*read)?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?i:by|written by)\s+[A-Z][\w.'\u2019-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'\u2019-]*){0,8}\s*$")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\.?,?\s+(\d{{4}})\b", re.IGNORECASE), "dmy"),
)
_DATELINE_MAX_CHARS = 80

# Boilerplate: whole paragraphs that belong to the page, not the story. Each
# pattern must match the entire paragraph (or name a page-furniture phrase no
# story sentence uses), so an article sentence is never dropped.
_BOILERPLATE = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^advertisement\.?$",
        r"^(?:story continues below|continue reading)(?: (?:advertisement|below))?\.?$",
        r"^(?:share|share this(?: article| story)?|share on \w+|tweet|email|print)(?:\s*[|/\u00b7,]\s*\w+)*\.?$",
        r"^(?:subscribe|sign up|register)\b.{0,120}\b(?:newsletter|subscription|inbox|updates|free)\b.{0,60}$",
        r"^(?:follow us|like us) on\b.{0,120}$",
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

_DOUBLED_WORD = re.compile(r"\b([A-Za-z]{3,})(\s+)\1\b")
# Doubled words that English uses on purpose ("had had", "that that").
_LEGITIMATE_DOUBLES = frozenset({"had", "that", "very", "bye", "tut", "now", "yes", "knock", "far", "long", "more", "many", "ever", "again"})


def decode(raw: bytes, source: str) -> str:
    """Bytes -> text: UTF-8 when it is, else the detected charset; rejects binary."""
    if not raw.strip():
        raise ArticleError(source, "empty file (expected article text: headline on line 1, then paragraphs)")
    if b"\x00" in raw:
        raise ArticleError(source, "binary data, not text (found NUL bytes); expected a UTF-8 or similar text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(raw).best()
        if best is None:
            raise ArticleError(source, "cannot tell the text encoding; save the file as UTF-8") from None
        text = str(best)
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise ArticleError(source, "binary data, not text (too many control characters)")
    return text


def normalize(text: str) -> str:
    """Repair mojibake ("Ã©" -> "é"), unify line ends, NFC. Quotation marks stay as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization="NFC",
    )
    return unicodedata.normalize("NFC", text)


def _blocks(text: str) -> list[Paragraph]:
    """Paragraph spans: blank-line separated blocks; one per line when lines are not hard-wrapped."""
    blocks = []
    for match in re.finditer(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*", text):
        lines = list(re.finditer(r"[^\n]+", match.group(0)))
        if _is_hard_wrapped([line.group(0) for line in lines]):
            spans = [(match.start(), match.end())]
        else:
            spans = [(match.start() + line.start(), match.start() + line.end()) for line in lines]
        for start, end in spans:
            start, end = _strip_span(text, start, end)
            if start < end:
                blocks.append(Paragraph(start, end))
    return blocks


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Lines broken at a fixed width (e-mail style) rather than one paragraph per line."""
    # The first line may be a headline and the last ends the paragraph: judge the middle.
    middle = lines[1:-1]
    if not middle:
        return False
    open_ends = sum(1 for line in middle if not re.search(r"[.!?:\"\u201d\u2019)]\s*$", line))
    return open_ends >= len(middle) / 2


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_boilerplate(paragraph: str) -> bool:
    """Page furniture (share bars, ads, comment policy): never a story sentence."""
    line = " ".join(paragraph.split())
    return any(p.fullmatch(line) for p in _BOILERPLATE)


def parse_date(line: str) -> dt.date | None:
    for pattern, order in _DATE_PATTERNS:
        match = pattern.search(line)
        if not match:
            continue
        a, b, c = match.groups()
        try:
            if order == "ymd":
                return dt.date(int(a), int(b), int(c))
            month_name, day = (a, b) if order == "mdy" else (b, a)
            month = _month_number(month_name)
            return dt.date(int(c), month, int(day))
        except ValueError:
            continue
    return None


def _is_dateline(line: str) -> bool:
    """A line that is mostly a date ("Published: 12 Jan 2022, 10:30 GMT"), not a sentence
    that mentions one ("The vote came on 12 March 2024.")."""
    if line.rstrip().endswith(".") and not re.search(r"\b(?:a\.m|p\.m)\.$", line.rstrip(), re.IGNORECASE):
        return False
    rest = line
    for pattern, _ in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    words = re.findall(r"[A-Za-z]{2,}", rest)
    filler = {"published", "updated", "posted", "last", "on", "at", "gmt", "utc", "bst", "est", "edt", "am", "pm",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    return len([w for w in words if w.lower() not in filler]) <= 2


def _month_number(name: str) -> int:
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return months.index(name[:3].lower()) + 1


def _looks_like_headline(line: str) -> bool:
    return "\n" not in line and len(line) <= MAX_HEADLINE_CHARS and not line.endswith((".", ",", ";"))


def parse_article(
    raw: bytes | str, source: str | Path, title: str | None = None, *, headline_required: bool = True
) -> Article:
    """Decode and clean one article. `title` comes from the caller when known (JSONL input);
    without `headline_required` a text with no headline line gets an empty title."""
    source = str(source)
    text = normalize(decode(raw, source) if isinstance(raw, bytes) else raw)
    blocks = _blocks(text)
    if not blocks:
        raise ArticleError(source, "no text found (expected a headline on line 1, then paragraphs)")
    header = _read_header(text, blocks, title)
    body = [b for b in blocks[header.body_from :] if b not in header.used and not is_boilerplate(text[b.start : b.end])]
    if not header.title and headline_required:
        raise ArticleError(source, "no headline (expected a short title on line 1, then a blank line)")
    if not body:
        raise ArticleError(source, "no article text after the headline")
    return Article(
        text=text,
        title=header.title or "",
        paragraphs=tuple(body),
        published=header.published,
        byline=header.byline,
        stated_reading_time=header.reading_time,
    )


class _Header:
    def __init__(self) -> None:
        self.title: str | None = None
        self.published: dt.date | None = None
        self.byline: str | None = None
        self.reading_time: int | None = None
        self.used: set[Paragraph] = set()
        self.body_from = 0


def _read_header(text: str, blocks: list[Paragraph], title: str | None) -> _Header:
    """Headline, dateline, byline and reading time from the first few paragraphs."""
    header = _Header()
    first = text[blocks[0].start : blocks[0].end]
    if title and " ".join(first.split()).rstrip(".").casefold() == " ".join(title.split()).rstrip(".").casefold():
        header.used.add(blocks[0])
    elif not title and _looks_like_headline(first):
        header.used.add(blocks[0])
        title = first
    header.title = " ".join(title.split()) if title else None
    for block in blocks[: MAX_HEADER_PARAGRAPHS]:
        line = text[block.start : block.end]
        if block in header.used or len(line) > _DATELINE_MAX_CHARS:
            continue
        if (minutes := _READING_TIME.match(line)) is not None:
            header.reading_time = int(minutes.group(1))
        elif _BYLINE.match(line):
            header.byline = re.sub(r"^(?:written )?by\s+", "", line, flags=re.IGNORECASE)
        elif (date := parse_date(line)) and _is_dateline(line):
            header.published = date
        else:
            continue
        header.used.add(block)
    return header


def estimate_reading_time(words: int) -> int:
    """Minutes at an average adult reading speed, at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def repair_doubled_words(text: str) -> str:
    """'leading leading' -> 'leading': a typo fixed in the brief, never in the source."""

    def keep_one(match: re.Match[str]) -> str:
        word = match.group(1)
        return match.group(0) if word.lower() in _LEGITIMATE_DOUBLES else word

    return _DOUBLED_WORD.sub(keep_one, text)


class OffsetMap:
    """Maps offsets in the ingested text back to the text as the caller gave it."""

    def __init__(self, given: str, ingested: str) -> None:
        self._same = given == ingested
        self._anchors: list[int] = []
        self._targets: list[int] = []
        if not self._same:
            matcher = difflib.SequenceMatcher(None, ingested, given, autojunk=False)
            for block in matcher.get_matching_blocks():
                self._anchors.append(block.a)
                self._targets.append(block.b)
            self._limit = len(given)

    def __call__(self, offset: int) -> int:
        if self._same:
            return offset
        i = max(0, bisect.bisect_right(self._anchors, offset) - 1)
        return min(self._limit, self._targets[i] + (offset - self._anchors[i]))
