"""Where the site's own pages live, and the "Related briefs" section of a brief page.

What the briefs plugin needs on every build, even one whose pages all come from its
cache and that reads no brief: so it stays this small, and generator/site.py (which
makes the pages, and loads what reading briefs needs) takes its names from here.
"""

from __future__ import annotations

from generator.escaping import escape_html, page_text_html

HOME_PAGE = "index.md"
PEOPLE_INDEX = "people/index.md"
TAGS_PAGE = "tags.md"
ARCHIVE_INDEX = "archive/index.md"

# What both search engines (Material's and Pagefind) leave out of their index.
UNINDEXED_ATTRIBUTES = "data-search-exclude data-pagefind-ignore"

RELATED_HEADING = "Related briefs"
RELATED_ANCHOR = "related-briefs"


def render_related_html(links: list[tuple[str, str]], anchor: str = RELATED_ANCHOR) -> str:
    """The "Related briefs" section of a brief page as the HTML Markdown would make of it
    (a permalinked heading and a list), from (headline, URL) pairs; nothing when there are none.

    The plugin adds it to the page's HTML: Markdown would spend a sixth of a brief's
    conversion time on these few lines. The section is left out of both search indexes: the
    headlines are other briefs' words, so a search for them must not find this page. Material's
    search makes a section of every heading, and leaves one out only when the heading itself
    is marked, so the heading carries data-search-exclude too."""
    if not links:
        return ""
    items = "".join(f'<li><a href="{escape_html(url)}">{page_text_html(title)}</a></li>\n' for title, url in links)
    heading = f'<h2 id="{anchor}" data-search-exclude>{RELATED_HEADING}<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h2>'
    return f"\n<div {UNINDEXED_ATTRIBUTES}>\n{heading}\n<ul>\n{items}</ul>\n</div>"
