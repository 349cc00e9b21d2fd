"""Glossary terms -> first-occurrence hits in an article, links in a brief, new term suggestions.

- `matcher`: the glossary compiled into a word-sequence dictionary; the
  sense rule (a term inside a longer proper name is not the term) and each
  term's `near` / `not_near` words.
- `article`: first hits and mention counts in an ingested article.
- `linking`: glossary links in a brief body (add, read, remove), through
  the shared Markdown scanner (generator/markdown_scan.py).
- `suggestions`: `briefs glossary suggest`.

Every name of a term (display name, aliases, hand-given `forms`) is matched,
plus an automatic plural of the term and its aliases (sanction -> sanctions,
crisis stays as it is). Possessives need no form: "NATO's" is the word "NATO"
followed by "'s". Case: a `case_sensitive` term matches only as written;
otherwise case is ignored, except that an all-capitals alias of a term that
is not itself an acronym ("US" for "United States") still matches only as
written, so "us" is never the United States.
"""

from generator.glossary.article import find_first_hits
from generator.glossary.linking import count_linkable_mentions, link_markdown
from generator.glossary.matcher import CompiledGlossary, compile_glossary
from generator.glossary.suggestions import (
    MIN_SUGGESTION_BRIEFS,
    SUGGESTION_DEFINITION,
    Suggestion,
    format_suggestions_yaml,
    suggest_terms,
)

__all__ = [
    "MIN_SUGGESTION_BRIEFS",
    "SUGGESTION_DEFINITION",
    "CompiledGlossary",
    "Suggestion",
    "compile_glossary",
    "count_linkable_mentions",
    "find_first_hits",
    "format_suggestions_yaml",
    "link_markdown",
    "suggest_terms",
]
