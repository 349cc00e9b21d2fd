"""The one escaping policy: untrusted text -> Markdown, HTML, feeds.

Article text, hand-edited front matter, people.yml and glossary.yml are
data, never markup: whatever they contain, the reader sees exactly that text
and nothing in it runs in a browser. Each boundary where text becomes
something else has one function here:

- text -> Markdown that shows exactly that text: `escape_markdown` (one
  line), `escape_inline` (part of a line), `escape_line_start`;
- text -> a Markdown link title or an HTML `title` attribute: both become
  tooltips, and Material's `content.tooltips` puts the attribute's value into
  the tooltip as HTML, so the value is escaped for HTML once more
  (`markdown_link_title`, `tooltip_attribute`);
- text -> HTML text or attribute value: `escape_html`, and in raw HTML
  written in Markdown, `markdown_html_attribute`;
- a URL from a config file -> a link target that is http(s) and cannot end
  the Markdown around it, or None: `safe_link_target`;
- text -> a front matter value that stays one line of plain text in YAML:
  `front_matter_text`;
- a front matter value -> what MkDocs, the theme and the feeds print.
  MkDocs and Material print `page.title`, `page.meta.description` and tag
  names without escaping (autoescape is off in MkDocs' Jinja environment):
  for them the value is HTML (`page_text_html`, `page_tags_html`). The RSS
  plugin escapes titles itself and its JSON feed holds plain text, so feeds
  get the title as text (`printed_meta` says when); tags stay out of the
  feeds, whose RSS template prints categories unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

# Characters Python-Markdown (with the extensions in mkdocs.yml) treats as
# markup anywhere in a line. "<" and "&" become entities instead, because
# Markdown has no backslash escape for raw HTML.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}|])")
# Markup that only counts at the start of a line: headings, lists, block
# quotes, rules, admonitions, fences, numbered lists ("1984. A year").
_LINE_START_SPECIAL = re.compile(r"^(?:[#>+=!?:~-]|\d+[.)])")
_BACKSLASH_ESCAPABLE = set("#>+-!.)")
# pymdownx.emoji turns ":name:" into an icon; Markdown has no backslash escape
# for ":", so the first colon of such a pair becomes an entity.
_EMOJI_COLON = re.compile(r":(?=[+\-\w]*[^\W\d][+\-\w]*:)")
# C0 and C1 controls (but tab and line breaks, which become spaces) are not
# text: XML feeds cannot even hold most of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SAFE_SCHEMES = ("http", "https")
# Characters a URL may keep as they are; everything else is percent-encoded,
# so no quote, angle bracket, square bracket, space or parenthesis can end the link early.
_URL_SAFE = "/:?#@!$&*+,;=%-._~"


def one_line(text: str) -> str:
    """Text without control characters, its whitespace runs (line breaks too) as single spaces."""
    return " ".join(_CONTROL.sub("", text).split())


def escape_markdown(text: str) -> str:
    """Text -> one line of Markdown that displays exactly that text."""
    return escape_line_start(escape_inline(one_line(text)))


def escape_inline(text: str) -> str:
    """Text -> Markdown for part of a line: shows the text, opens nothing."""
    escaped = _INLINE_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))
    return _EMOJI_COLON.sub("&#58;", escaped)


def escape_line_start(line: str) -> str:
    """A line of escaped Markdown that cannot start a block (heading, list, fence, admonition)."""
    match = _LINE_START_SPECIAL.match(line)
    if not match:
        return line
    cut = match.end() - 1
    char = line[cut]
    # Markdown has backslash escapes for some characters only; the others become references.
    escaped = f"\\{char}" if char in _BACKSLASH_ESCAPABLE else f"&#{ord(char)};"
    return line[:cut] + escaped + line[cut + 1 :]


def escape_html(text: str) -> str:
    """Text -> HTML text or attribute value (quotes included) that shows exactly that text."""
    return html.escape(text, quote=True)


def markdown_html_attribute(text: str) -> str:
    """Text -> an attribute value of raw HTML written in Markdown.

    Python-Markdown's inline patterns (links, emphasis, code, emoji) run before
    it keeps raw HTML aside, even inside attribute values, so their characters
    become character references too; HTML and Markdown both read them back as
    the text.
    """
    return "".join(_ATTRIBUTE_ENTITIES.get(char, char) for char in escape_html(one_line(text)))


_ATTRIBUTE_ENTITIES = {char: f"&#{ord(char)};" for char in "\\`*_[](){}|:!~^="}


def tooltip_attribute(text: str) -> str:
    """Text -> a `title="..."` value in Markdown: Material's tooltips read the value as HTML."""
    return markdown_html_attribute(escape_html(one_line(text)))


def markdown_link_title(text: str) -> str:
    """Text -> a quoted Markdown link title that becomes a tooltip showing that text.

    Python-Markdown keeps entities in titles as they are, so the title is
    written as entities of the tooltip's HTML: nothing in it can close the
    title, start code or a tag, or become markup when the tooltip shows it.
    """
    tooltip_html = html.escape(one_line(text), quote=False)
    return '"' + "".join(_TITLE_ENTITIES.get(char, char) for char in tooltip_html) + '"'


# After html.escape only "&" starts an entity; the rest would end the title or start Markdown.
_TITLE_ENTITIES = {
    "&": "&amp;", '"': "&quot;", "\\": "&#92;", "`": "&#96;",
    "[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "(": "&#40;", ")": "&#41;",
}


def safe_link_target(url: str) -> str | None:
    """An http(s) URL as a link target that Markdown and HTML keep whole; None for any other scheme."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


def front_matter_text(value: object) -> str:
    """A value for the brief's front matter, and a title for the feeds: one line of plain text
    (YAML quoting and the feeds' own escaping do the rest)."""
    return one_line(str(value))


def page_text_html(value: object) -> str:
    """A front matter value as the HTML that MkDocs and the theme print: <title>, the header,
    the nav, the tags page, search, the description meta attribute."""
    return escape_html(one_line(str(value)))


def page_tags_html(values: object) -> list[str]:
    """Front matter tags as the HTML names that the tags plugin and search print."""
    return [escape_html(name) for name in _tag_names(values)]


def _tag_names(values: object) -> list[str]:
    items: Iterable[object] = values if isinstance(values, (list, tuple)) else ([values] if values else [])
    return [name for name in (one_line(str(item)) for item in items if item is not None) if name]


def printed_meta(meta: dict, description: str | None = None) -> dict:
    """Front matter values as MkDocs, the theme and the feeds should print them.

    Description, tags, author and subtitle become HTML, as every reader of them prints them;
    the title stays plain text, because the feeds read it first and escape it
    themselves: `page_text_html` replaces it once they have (see plugin.py).
    `description` is used when the front matter has none.
    """
    printed: dict = {}
    if meta.get("title") is not None:
        printed["title"] = front_matter_text(meta["title"])
    if (text := meta.get("description") or description) is not None:
        printed["description"] = page_text_html(text)
    for key in _PRINTED_TEXT_KEYS:
        if meta.get(key) is not None:
            printed[key] = page_text_html(meta[key])
    if "tags" in meta:
        printed["tags"] = page_tags_html(meta["tags"])
    return printed


# Other front matter values Material prints unescaped (the author meta tag, a nav subtitle);
# the RSS plugin prints the author unescaped too.
_PRINTED_TEXT_KEYS = ("author", "subtitle")
