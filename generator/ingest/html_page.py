"""Saved web pages: the article's text and metadata, read with trafilatura.

trafilatura finds the main text (menus, comments, related links and share bars
left out), the title, date, author, canonical URL and site name. The page then
goes through the same cleaning as a text file, which may only take more
furniture out, never story text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import trafilatura

_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
HTML_SUFFIXES = (".html", ".htm")
# Only dates the page states in its markup: a guess from copyright lines or the
# URL could present the wrong day as the publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class Page:
    text: str  # the main text, one paragraph per line
    title: str | None
    published: dt.date | None
    author: str | None
    url: str | None
    site_name: str | None


def is_html(text: str, source: str) -> bool:
    """A saved web page: by its file name, or a document that starts like one."""
    return source.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(text[:4096]))


def extract_page(html: str) -> Page | None:
    """The page's main text and metadata; None when it has no main text."""
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or not (document.text or "").strip():
        return None
    return Page(
        text=document.text,
        title=_clean(document.title),
        published=_date(document.date),
        author=_clean(document.author),
        url=document.url if _is_web_url(document.url) else None,
        site_name=_clean(document.sitename),
    )


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _is_web_url(url: str | None) -> bool:
    return bool(url) and re.fullmatch(r"https?://[^\s<>\"]+", url) is not None
