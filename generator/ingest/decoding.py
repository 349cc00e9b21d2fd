"""Bytes -> text: size limit, charset, binary detection, mojibake, markup.

Every repair here keeps the text's length where it can (markup becomes spaces,
an inverted question mark used for an apostrophe becomes the apostrophe), so
offsets into the ingested text still index the text as given.
"""

from __future__ import annotations

import re
import unicodedata

import charset_normalizer
import ftfy

from generator.errors import ArticleError

# Share of control characters above which a file is taken for binary data.
MAX_CONTROL_SHARE = 0.01
BYTES_PER_MB = 1024 * 1024
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Elements whose content is code or an embedded player, never article prose.
_CODE_OPENING = re.compile(r"<(script|style|iframe|noscript|object|embed|template|svg|math)\b[^<>]*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# HTML and social-media embed tags ("<tweet id=... author=...>", "<a href=...>", "<br/>").
# Their text stays: an embedded tweet's words are what the article shows.
_HTML_TAG_NAMES = (
    "a|abbr|article|aside|audio|b|blockquote|br|caption|center|cite|code|dd|del|details|div|dl|dt|em|"
    "fb:post|figcaption|figure|font|footer|h[1-6]|header|hr|i|img|ins|instagram|li|mark|nav|ol|p|picture|"
    "pre|q|s|section|small|source|span|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|time|tr|"
    "tweet|twitter-[\\w-]+|u|ul|video|[\\w-]+-embed|embed-[\\w-]+"
)
_MARKUP_TAG = re.compile(rf"</?(?:{_HTML_TAG_NAMES})(?:\s[^<>]*)?/?>", re.IGNORECASE)
# "America¿s": some feeds turn a curly apostrophe into an inverted question mark.
_INVERTED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u00bf(?=[^\W\d_])")


def check_size(raw: bytes | str, source: str, max_mb: float) -> None:
    """Refuse an input over the configured size, saying how to raise the limit."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > max_mb * BYTES_PER_MB:
        raise ArticleError(
            source,
            f"file is {size / BYTES_PER_MB:.1f} MB, over the {max_mb:g} MB limit for one article "
            "(raise max_article_mb in site_config/settings.yml or pass --max-article-mb)",
        )


def decode(raw: bytes, source: str) -> str:
    """Bytes -> text: UTF-8 (or UTF-16 with a BOM) when it is, else the detected charset; rejects binary."""
    if raw.startswith(_UTF16_BOMS):
        try:
            return _reject_binary(raw.decode("utf-16"), source)
        except UnicodeDecodeError:
            pass
    if not raw.strip():
        raise ArticleError(source, "empty file (expected article text: headline on line 1, then paragraphs)")
    if b"\x00" in raw:
        raise ArticleError(source, "binary data, not text (found NUL bytes); expected a UTF-8 or similar text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(raw).best()
        if best is None:
            raise ArticleError(source, "not UTF-8 and no other text encoding fits; save the file as UTF-8") from None
        text = str(best)
    return _reject_binary(text, source)


def _reject_binary(text: str, source: str) -> str:
    if "\x00" in text:
        raise ArticleError(source, "binary data, not text (found NUL characters); expected a UTF-8 or similar text file")
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


def _blank(match: re.Match[str]) -> str:
    """Spaces in place of the match, newlines kept, so offsets and lines stay put."""
    return re.sub(r"[^\n]", " ", match.group(0))


def blank_markup(text: str) -> str:
    """Embedded HTML and social-media markup -> spaces; scripts and players go with their content."""
    if "<" not in text:
        return text
    text = _blank_code_elements(text)
    if "-->" in text:
        text = _COMMENT.sub(_blank, text)
    return _MARKUP_TAG.sub(_blank, text)


def _blank_code_elements(text: str) -> str:
    """Scripts, styles and players with their content; an unclosed one loses its tag only.
    One pass: a closing tag is searched for once per element name and position, never
    again past where it was found missing, so hostile input stays linear."""
    lowered = text.lower()
    pieces, cursor = [], 0
    unclosed: set[str] = set()
    for match in _CODE_OPENING.finditer(text):
        if match.start() < cursor:
            continue
        name, end = match.group(1).lower(), match.end()
        if not match.group(0).endswith("/>") and name not in unclosed:
            closing = lowered.find(f"</{name}", end)
            if closing == -1:
                unclosed.add(name)
            else:
                close_end = lowered.find(">", closing)
                end = close_end + 1 if close_end != -1 else len(text)
        pieces += [text[cursor : match.start()], re.sub(r"[^\n]", " ", text[match.start() : end])]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def repair_inverted_apostrophes(text: str) -> str:
    """'America¿s' -> 'America’s'; a Spanish '¿' opening a question is left alone."""
    return _INVERTED_APOSTROPHE.sub("\u2019", text)
