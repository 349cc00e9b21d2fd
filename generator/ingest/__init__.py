"""Raw bytes -> Article: decode, repair, find the headline, drop boilerplate.

- decoding: size limit, charset, binary detection, mojibake, markup;
- lines: what one line is (headline, byline, dateline, furniture, ...);
- article: paragraphs, the header block and the body;
- repairs: typos fixed in the brief, never in the source;
- offsets: ingested offsets back to the text as given.
"""

from generator.ingest.article import (
    WORDS_PER_MINUTE,
    estimate_reading_time,
    parse_article,
)
from generator.ingest.decoding import decode, normalize
from generator.ingest.html_page import is_html
from generator.ingest.lines import agency_dateline_length, is_boilerplate, parse_date
from generator.ingest.offsets import OffsetMap
from generator.ingest.repairs import repair_doubled_words

__all__ = [
    "WORDS_PER_MINUTE",
    "OffsetMap",
    "agency_dateline_length",
    "decode",
    "estimate_reading_time",
    "is_boilerplate",
    "is_html",
    "normalize",
    "parse_article",
    "parse_date",
    "repair_doubled_words",
]
