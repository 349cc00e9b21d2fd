"""Load and validate site_config/: the one place configuration is checked.

Every problem is collected and reported together in one ConfigError, by file,
line and key, so an editor fixes glossary.yml in one pass. Later code trusts
the SiteConfig it gets: no re-checks, no silent defaults elsewhere.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ConfigError
from generator.names import is_exact_name, looks_like_acronym, name_key
from generator.model import GlossaryTerm, Person
from generator.slugs import slugify

SETTINGS_FILE = "settings.yml"
GLOSSARY_FILE = "glossary.yml"
PEOPLE_FILE = "people.yml"

# The sections a brief can be filed under; the classifier knows the first five.
DEFAULT_SECTIONS = ("politics", "business", "sport", "technology", "entertainment", "world", "science", "health")
DEFAULT_SUMMARY_SENTENCES = 3
DEFAULT_KEY_QUOTES = 3
MAX_SUMMARY_SENTENCES = 20
# The largest article read, in megabytes: real articles are far smaller, and a
# huge file is more likely a mistake (a database dump, a video) than a story.
DEFAULT_MAX_ARTICLE_MB = 5
# The site's search: Material's own (one index, loaded whole) or Pagefind's chunked index.
# A site-build choice, so only the briefs plugin's option sets it: in settings.yml it would
# change the fingerprint every brief is generated under, and so rewrite them all.
SEARCH_ENGINES = ("material", "pagefind")
DEFAULT_SEARCH = "material"
_LINE = "__line__"


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the site_config/ folder
    summary_sentences: int = DEFAULT_SUMMARY_SENTENCES
    key_quotes: int = DEFAULT_KEY_QUOTES
    max_article_mb: float = DEFAULT_MAX_ARTICLE_MB
    glossary: tuple[GlossaryTerm, ...] = ()
    people: tuple[Person, ...] = ()
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    search: str = DEFAULT_SEARCH
    settings: dict[str, Any] = field(default_factory=dict)
    # Hashes of the files read. A change in the settings or people means briefs must be
    # regenerated; a glossary change only re-links them, so it is kept apart.
    fingerprint: str = ""
    glossary_fingerprint: str = ""

    @property
    def glossary_path(self) -> Path:
        return self.root / GLOSSARY_FILE


class _LineMarks:
    """Records the line each mapping starts on, so errors can point at it."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        mapping = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


# libyaml when PyYAML has it: every site build loads the glossary. A file it rejects is
# loaded again by PyYAML's own parser, whose messages are the ones reported.
class _FastLineLoader(_LineMarks, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


class _LineLoader(_LineMarks, yaml.SafeLoader):
    pass


def _read_yaml(path: Path) -> Any:
    if not path.exists():
        return None
    try:
        text = path.read_text(encoding="utf-8")
        try:
            return yaml.load(text, Loader=_FastLineLoader)
        except yaml.YAMLError:
            return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ConfigError(path, [f"{where}not valid YAML ({getattr(err, 'problem', err)})"]) from err
    except UnicodeDecodeError as err:
        raise ConfigError(path, ["not UTF-8 text"]) from err


def _str_list(value: Any) -> tuple[str, ...] | None:
    """A string or a list of non-empty strings, else None (invalid)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return None


# Every setting settings.yml may hold: (default, largest value). Anything else is a typo.
_SETTINGS = {
    "summary_sentences": (DEFAULT_SUMMARY_SENTENCES, MAX_SUMMARY_SENTENCES),
    "key_quotes": (DEFAULT_KEY_QUOTES, 50),
}
# Settings that are not integers, each checked by its own function below.
_OTHER_SETTINGS = ("sections", "max_article_mb")
_KNOWN_SETTINGS = (*_SETTINGS, *_OTHER_SETTINGS)


def _setting_lines(path: Path) -> dict[str, int]:
    """The line each top-level key of settings.yml is on, for messages."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_FastLineLoader)
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}


def _sections(settings: dict[str, Any], problems: list[str]) -> tuple[str, ...]:
    """The `sections` setting: distinct lowercase slugs, at least one."""
    value = settings.get("sections", list(DEFAULT_SECTIONS))
    names = _str_list(value) if isinstance(value, list) else None
    if not names or any(name != slugify(name) for name in names) or len(set(names)) != len(names):
        problems.append(f"sections: expected a list of distinct lowercase words (like 'politics'), got {value!r}")
        return DEFAULT_SECTIONS
    return names


def _search(value: Any, problems: list[str]) -> str:
    """The briefs plugin's `search` option: which engine answers the site's search box."""
    if value is None:
        return DEFAULT_SEARCH
    if value not in SEARCH_ENGINES:
        engines = " or ".join(SEARCH_ENGINES)
        problems.append(f"given as an option: search: expected {engines}, got {value!r}")
        return DEFAULT_SEARCH
    return value


def _settings(root: Path, overrides: dict[str, Any], problems: list[str]) -> tuple[int, int, float, dict]:
    """settings.yml plus overrides (plugin options, command-line flags), checked alike."""
    path = root / SETTINGS_FILE
    data = _read_yaml(path) or {}
    if not isinstance(data, dict):
        problems.append(f"{SETTINGS_FILE}: expected a mapping of settings")
        data = {}
    data = {k: v for k, v in data.items() if k != _LINE}
    lines = _setting_lines(path) if path.exists() else {}
    for key in sorted(set(data) - set(_KNOWN_SETTINGS), key=str):
        known = ", ".join(_KNOWN_SETTINGS)
        problems.append(f"line {lines.get(str(key), '?')}: unknown setting {key!r} (known settings: {known})")
    given = {k: v for k, v in overrides.items() if v is not None}
    for key in sorted(set(given) - set(_KNOWN_SETTINGS)):
        problems.append(f"unknown setting {key!r} given as an option")
    data.update(given)
    values = []
    for key, (default, upper) in _SETTINGS.items():
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= upper:
            where = "given as an option: " if key in given else f"line {lines[key]}: " if key in lines else ""
            problems.append(f"{where}{key}: expected an integer from 1 to {upper}, got {value!r}")
            value = default
        values.append(value)
    limit = data.get("max_article_mb", DEFAULT_MAX_ARTICLE_MB)
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not limit > 0:
        problems.append(f"max_article_mb: expected a positive number of megabytes, got {limit!r}")
        limit = DEFAULT_MAX_ARTICLE_MB
    return values[0], values[1], limit, data


_GLOSSARY_KEYS = {
    "term", "slug", "definition", "description", "aliases", "forms",
    "case_sensitive", "see_also", "link", "near", "not_near", _LINE,
}
_GLOSSARY_TOP_KEYS = {"terms", _LINE}


def _glossary_entry(entry: Any, index: int, problems: list[str]) -> GlossaryTerm | None:
    if not isinstance(entry, dict):
        problems.append(f"term #{index + 1}: expected a mapping with term and definition")
        return None
    line = entry.get(_LINE, 0)
    name = entry.get("term")
    has_name = isinstance(name, str) and bool(name.strip())
    where = f"line {line}: term {name!r}" if has_name else f"line {line}: term #{index + 1}"
    before = len(problems)
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where}: 'term' must be a non-empty string")
        name = ""
    for key in sorted(set(entry) - _GLOSSARY_KEYS, key=str):
        problems.append(f"{where}: unknown field {key!r}")
    definition = entry.get("definition")
    if not isinstance(definition, str) or not definition.strip() or "\n" in definition.strip():
        problems.append(f"{where}: 'definition' must be one line of text")
    description = entry.get("description", "") or ""
    if not isinstance(description, str):
        problems.append(f"{where}: 'description' must be text")
    lists = {}
    for key in ("aliases", "forms", "see_also", "near", "not_near"):
        lists[key] = _str_list(entry.get(key))
        if lists[key] is None:
            problems.append(f"{where}: '{key}' must be a list of strings")
    for key in ("aliases", "forms", "near", "not_near"):
        for other in lists[key] or ():
            if not name_key(other)[0]:
                problems.append(f"{where}: {key} {other!r} has no letters or digits to match")
    if name and not name_key(name)[0]:
        problems.append(f"{where}: 'term' has no letters or digits to match")
    case_sensitive = entry.get("case_sensitive", looks_like_acronym(name))
    if not isinstance(case_sensitive, bool):
        problems.append(f"{where}: 'case_sensitive' must be true or false")
    link = entry.get("link")
    if link is not None and not (isinstance(link, str) and re.match(r"https?://\S+$", link)):
        problems.append(f"{where}: 'link' must be an http(s) URL")
    slug = entry.get("slug") or slugify(name)
    if name and (not isinstance(slug, str) or not slug or slug != slugify(slug)):
        problems.append(f"{where}: 'slug' must be lowercase ASCII words joined by hyphens, got {slug!r}")
    if len(problems) > before:
        return None
    return GlossaryTerm(
        slug=slug,
        term=name.strip(),
        definition=" ".join(definition.split()),
        description=description.strip(),
        aliases=lists["aliases"],
        forms=lists["forms"],
        case_sensitive=case_sensitive,
        see_also=tuple(slugify(s) for s in lists["see_also"]),
        link=link,
        line=line,
        near=lists["near"],
        not_near=lists["not_near"],
    )


def _check_glossary_links(terms: list[GlossaryTerm], problems: list[str]) -> None:
    """Slugs unique, no name claimed by two terms, see_also pointing at terms."""
    slugs: dict[str, GlossaryTerm] = {}
    for term in terms:
        if term.slug in slugs:
            problems.append(
                f"line {term.line}: term {term.term!r}: slug {term.slug!r} is already used by "
                f"{slugs[term.slug].term!r} (line {slugs[term.slug].line})"
            )
        slugs.setdefault(term.slug, term)
    _check_names_unique(terms, problems)
    for term in terms:
        for other in term.see_also:
            if other == term.slug:
                problems.append(f"line {term.line}: term {term.term!r}: see_also lists the term itself")
            elif other not in slugs:
                problems.append(f"line {term.line}: term {term.term!r}: see_also {other!r} is not a term")


def _check_names_unique(terms: list[GlossaryTerm], problems: list[str]) -> None:
    """Two terms may share a spelling only when both match case exactly and differ in case."""
    claimed: dict[tuple, list[tuple[GlossaryTerm, str, bool]]] = {}
    for term in terms:
        reported = set()
        for kind, names in (("name", (term.term,)), ("alias", term.aliases), ("form", term.forms)):
            for name in names:
                key = name_key(name)
                is_exact = is_exact_name(term, name)
                for owner, owner_name, owner_exact in claimed.get(key, []):
                    clash = not (is_exact and owner_exact and name != owner_name)
                    if owner.slug != term.slug and clash and (owner.slug, name) not in reported:
                        reported.add((owner.slug, name))
                        problems.append(
                            f"line {term.line}: term {term.term!r}: {kind} {name!r} is already "
                            f"claimed by {owner.term!r} (line {owner.line})"
                        )
                claimed.setdefault(key, []).append((term, name, is_exact))


def load_glossary(path: Path) -> tuple[GlossaryTerm, ...]:
    """Read glossary.yml (optional); raise one ConfigError listing every problem.

    Each problem names the line and the term: "line 12: term 'US': alias
    'America' is already claimed by 'United States' (line 4)".
    """
    data = _read_yaml(path)
    if data is None:
        return ()
    if not isinstance(data, dict) or not isinstance(data.get("terms", []) or [], list):
        raise ConfigError(path, ["expected a top-level 'terms:' list"])
    problems = [
        f"unknown top-level key {key!r} (expected 'terms')"
        for key in sorted(set(data) - _GLOSSARY_TOP_KEYS, key=str)
    ]
    entries = data.get("terms") or []
    terms = [t for i, e in enumerate(entries) if (t := _glossary_entry(e, i, problems))]
    _check_glossary_links(terms, problems)
    if problems:
        raise ConfigError(path, problems)
    return tuple(terms)


_PEOPLE_KEYS = {"name", "aliases", "role", "description", "links", _LINE}


def load_people(path: Path) -> tuple[Person, ...]:
    """Read people.yml (optional); raise one ConfigError listing every problem."""
    data = _read_yaml(path)
    if data is None:
        return ()
    entries = data.get("people") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(path, ["expected a top-level 'people:' list"])
    problems: list[str] = []
    people = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.append(f"person #{index + 1}: expected a mapping with a 'name'")
            continue
        where = f"line {entry[_LINE]}: person {entry['name']!r}"
        for key in sorted(set(entry) - _PEOPLE_KEYS):
            problems.append(f"{where}: unknown field {key!r}")
        aliases, links = _str_list(entry.get("aliases")), _str_list(entry.get("links"))
        role, description = entry.get("role"), entry.get("description", "") or ""
        if aliases is None or links is None:
            problems.append(f"{where}: 'aliases' and 'links' must be lists of strings")
            continue
        if role is not None and not isinstance(role, str):
            problems.append(f"{where}: 'role' must be text")
            continue
        people.append(Person(entry["name"].strip(), aliases, role, str(description).strip(), links))
    if problems:
        raise ConfigError(path, problems)
    return tuple(people)


def _fingerprint(root: Path, names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in names:
        path = root / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()


def load_config(root: Path | str, *, missing_ok: bool = False, search: Any = None, **overrides: Any) -> SiteConfig:
    """Build the SiteConfig from site_config/ plus overrides (plugin options, CLI flags) and
    the plugin's `search` option. With `missing_ok`, a missing folder means the defaults
    (no glossary, no people)."""
    root = Path(root)
    if not root.is_dir() and not missing_ok:
        raise ConfigError(root, ["site configuration folder not found"])
    problems: list[str] = []
    summary_sentences, key_quotes, max_article_mb, settings = _settings(root, overrides, problems)
    sections = _sections(settings, problems)
    search = _search(search, problems)
    if problems:
        raise ConfigError(root / SETTINGS_FILE, problems)
    return SiteConfig(
        root=root,
        fingerprint=_fingerprint(root, (SETTINGS_FILE, PEOPLE_FILE)),
        glossary_fingerprint=_fingerprint(root, (GLOSSARY_FILE,)),
        summary_sentences=summary_sentences,
        key_quotes=key_quotes,
        max_article_mb=max_article_mb,
        glossary=load_glossary(root / GLOSSARY_FILE),
        people=load_people(root / PEOPLE_FILE),
        sections=sections,
        search=search,
        settings=settings,
    )
