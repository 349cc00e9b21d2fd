"""Slugs for file names and anchors: ASCII, lowercase, words joined by hyphens."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG_LENGTH = 80
# File names a brief must not take: pages the site generates (the home page is
# index.md), folders MkDocs and the theme write, and names Windows reserves for devices.
RESERVED_BRIEF_NAMES = frozenset(
    {"index", "tags", "glossary", "people", "archive", "page", "search", "assets", "stylesheets",
     "javascripts", "404", "sitemap", "con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)}
)


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """'Russia mulls Cuba, Venezuela deployment' -> 'russia-mulls-cuba-venezuela-deployment'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower().replace("'", ""))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


def brief_slug(title: str) -> str:
    """The file name (without .md) for a brief: always a plain name inside briefs/.

    A title with no Latin letters ("Совет одобрил бюджет") gets 'brief-' and a short
    hash of the title, so different titles still get different, stable names; a
    reserved name ("Index", "CON") gets '-brief' added."""
    slug = slugify(title)
    if not title.strip():
        return "brief"
    if not slug:
        digest = hashlib.sha256(title.strip().encode("utf-8")).hexdigest()[:8]
        return f"brief-{digest}"
    return f"{slug}-brief" if slug in RESERVED_BRIEF_NAMES else slug
