"""`briefs glossary suggest`: names that recur across briefs and are not in the glossary yet."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterator

import yaml

from generator.glossary.matcher import CompiledGlossary, compile_glossary, find_matches
from generator.markdown_scan import regions, scan_inline
from generator.model import GlossaryTerm
from generator.names import (
    NOT_NAMES,
    TITLES,
    WORD,
    Name,
    capitalised_runs,
    looks_like_demonym,
    is_capitalised,
    lowercase_words,
    trim_name,
)
from generator.slugs import slugify


@dataclass(frozen=True)
class Suggestion:
    """A name that recurs across briefs and is not in the glossary yet."""

    term: str  # the most frequent spelling
    slug: str
    briefs: int  # how many briefs use it
    mentions: int  # how often, in all briefs


MIN_SUGGESTION_BRIEFS = 2
_MAX_ACRONYM_LENGTH = 8
_MIN_SHOUTED_WORD = 4
# US states as news agencies abbreviate them ("Sen. Dick Durbin, D-Ill.") and as postal codes:
# they stand for a place that is better written out, never a glossary term of their own.
_STATE_ABBREVIATIONS = frozenset(
    """ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont
    neb nebr nev okla ore pa penn tenn tex vt va wash wis wisc wyo
    al ak az ar ca co ct de fl hi ia id il in ks me mi mn ms mt nc nd ne nh nj nm nv ny oh ok or ri
    sc sd tn tx ut vt wa wi wv wy dc""".split()
)
# Abbreviations of common nouns and groups of people: not names a glossary explains.
_COMMON_ABBREVIATIONS = frozenset("tv ceo cfo coo gdp mp mps pm am id dvd cd pc ok usb vip hq st mt ft jr sr".split())
_GROUP_WORDS = frozenset(
    """muslim muslims christian christians jew jews jewish catholic catholics hindu hindus islamic
    buddhist buddhists sikh sikhs hispanic hispanics latino latinos latina latinas""".split()
)
# "Cuban" next to "Cuba", "German" next to "Germany": the adjective goes with the place's entry.
_DEMONYM_SUFFIXES = ("an", "ans", "ian", "ians", "ese", "ish", "i", "is")
_MIN_STEM = 3  # "ISIS" is not the adjective of "IS"
# Short words set in capitals for emphasis or in a heading; WHO and AU stay candidates.
_SHOUTED_SHORT_WORDS = frozenset("the for and new not but all you our its has was are".split())


def _is_acronym_word(word: str) -> bool:
    letters = sum(c.isupper() for c in word)
    return letters >= 2 and len(word) <= _MAX_ACRONYM_LENGTH and word == word.upper()


def _names_in_body(body: str, common_words: set[str]) -> Iterator[Name]:
    """Candidate names in a body's paragraphs and list items, quotations included.

    The acronyms inside a longer name count on their own as well.
    """
    for region in regions(body):
        if not region.is_linkable:
            continue
        for start, end, _quoted in scan_inline(body, region.start, region.end, "")[0]:
            for run in capitalised_runs(body, region.start, start, end):
                name = trim_name(run, common_words)
                if name is None:
                    continue
                yield name
                if len(name.words) > 1:
                    yield from (Name((w,), (), False) for w in name.words if _is_acronym_word(w))


def _is_candidate(name: Name, established: set[str], common_words: set[str]) -> bool:
    word = name.words[0]
    folded = word.casefold()
    if len(name.words) > 1:
        return True
    if folded in _STATE_ABBREVIATIONS or folded in _COMMON_ABBREVIATIONS or folded in _GROUP_WORDS:
        return False
    if _is_acronym_word(word):
        # Capitals for emphasis or a heading ("TEXT", "THE"), not an acronym; short ones (WHO) stay.
        is_shouted = len(word) >= _MIN_SHOUTED_WORD and folded in common_words
        return not is_shouted and folded not in _SHOUTED_SHORT_WORDS
    if folded in NOT_NAMES or folded in TITLES or folded in common_words or len(word) < 2:
        return False
    if looks_like_demonym(word):
        return False
    # A lone capitalised word is a name when it is capitalised mid-sentence somewhere.
    return not name.is_sentence_initial or word in established


def _is_demonym(key: str, keys: set[str]) -> bool:
    """Whether a one-word key is the adjective of another key ("cuban" of "cuba", "german" of "germany")."""
    if " " in key:
        return False
    for suffix in _DEMONYM_SUFFIXES:
        stem = key[: len(key) - len(suffix)]
        if key.endswith(suffix) and len(stem) >= _MIN_STEM:
            if any(place in keys for place in (stem, stem + "a", stem + "y", stem + "o")):
                return True
    return key + "y" in keys


def _singular(key: str, keys: set[str]) -> str:
    """"pacs" -> "pac" and "clintons" -> "clinton" when the singular is met too."""
    return key[:-1] if key.endswith("s") and key[:-1] in keys else key


def _is_excluded(name: Name, glossary: CompiledGlossary | None, excluded: list[tuple[str, ...]]) -> bool:
    folded = tuple(w.casefold() for w in name.words)
    variants = {folded, (*folded[:-1], folded[-1][:-1])} if folded[-1].endswith("s") else {folded}
    for words in excluded:
        size = len(words)
        for variant in variants:  # "Clintons" goes with "Clinton"
            if any(variant[i : i + size] == words for i in range(len(variant) - size + 1)):
                return True
    if glossary is None:
        return False
    # Left out when glossary terms cover every capitalised word ("Democrats and Republicans").
    text = name.text
    rest, position, is_covered = [], 0, False
    for match in find_matches(text, 0, len(text), glossary):
        rest.append(text[position : match.start])
        position, is_covered = match.end, True
    rest.append(text[position:])
    return is_covered and not any(is_capitalised(w) for w in WORD.findall(" ".join(rest)))


def suggest_terms(
    bodies: list[str],
    terms: tuple[GlossaryTerm, ...],
    exclude_names: set[str],
    min_briefs: int = MIN_SUGGESTION_BRIEFS,
) -> list[Suggestion]:
    """Names that recur across brief bodies and are not glossary terms, most used first.

    Candidates are acronyms ("OSCE"), runs of capitalised words ("Black Sea
    Fleet") and single capitalised words met mid-sentence ("Geneva"); a
    sentence-initial common word ("While", "Speaking") or a title
    ("President") in front is dropped. `exclude_names` are people (speakers
    and their aliases): any candidate containing one is left out. Ranked by
    the number of briefs using it, then mentions, then name. Left out as
    noise: state abbreviations ("Ill", "NY"), common abbreviations ("TV"),
    words shouted in capitals ("THE"), groups of people ("Muslims"), the
    adjective of a place met too ("Cuban" next to "Cuba"); a plural ("PACs")
    counts with its singular.
    """
    glossary = compile_glossary(terms) if terms else None
    excluded = [tuple(w.casefold() for w in WORD.findall(n)) for n in exclude_names]
    excluded = [words for words in excluded if words]
    common_words = lowercase_words(bodies)
    per_body = [list(_names_in_body(body, common_words)) for body in bodies]
    established = {n.words[0] for names in per_body for n in names if not n.is_sentence_initial}
    kept = [
        [n for n in names if _is_candidate(n, established, common_words) and not _is_excluded(n, glossary, excluded)]
        for names in per_body
    ]
    keys = {n.text.casefold() for names in kept for n in names}
    places = keys | {name.casefold() for term in terms for name in (term.term, *term.aliases)}
    briefs: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for names in kept:
        seen = set()
        for name in names:
            key = name.text.casefold()
            if _is_demonym(key, places):
                continue
            key = _singular(key, keys)
            spellings.setdefault(key, Counter())[name.text] += 1
            mentions[key] += 1
            seen.add(key)
        briefs.update(seen)
    ranked = sorted(
        (key for key in briefs if briefs[key] >= min_briefs),
        key=lambda key: (-briefs[key], -mentions[key], key),
    )
    return [
        Suggestion(spellings[key].most_common(1)[0][0], slugify(key), briefs[key], mentions[key])
        for key in ranked
    ]


SUGGESTION_DEFINITION = "TODO: one-line definition"


def _yaml_scalar(value: str) -> str:
    return yaml.safe_dump([value], allow_unicode=True, width=10_000)[2:].rstrip("\n")


def format_suggestions_yaml(suggestions: list[Suggestion]) -> str:
    """Suggestions as glossary.yml entries, ready to paste under `terms:` (definitions to write)."""
    if not suggestions:
        return "# No new terms: nothing recurs across briefs that the glossary lacks.\n"
    lines = [
        "# Candidate terms, most used first: paste under `terms:` in site_config/glossary.yml,",
        "# write each definition and delete the ones that are not worth a glossary entry.",
    ]
    for suggestion in suggestions:
        lines += [
            f"  - term: {_yaml_scalar(suggestion.term)}  "
            f"# {suggestion.briefs} briefs, {suggestion.mentions} mentions",
            f"    definition: {_yaml_scalar(SUGGESTION_DEFINITION)}",
        ]
    return "\n".join(lines) + "\n"
