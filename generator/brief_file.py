"""The brief file format: the one module that reads, writes and validates briefs/<slug>.md.

A brief is YAML front matter between two `---` fences, then the Markdown body.
This module owns the typed front matter (`FrontMatter`), `dump` and `parse`,
the fence rules (the same as MkDocs' own), the digest that tells a generated
brief from an edited one, and validation whose every message names the file
and the line. Everything else (render, store, generate, the plugin, the CLI)
goes through it.

The digest is a hash of the whole file as generated, front matter and body,
with only the digest value itself left out: any change anywhere, even a comment
or a reordered key, makes the brief "edited", so a hand edit is never mistaken
for generated text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator.errors import BriefFileError
from generator.fingerprint import content_hash
from generator.markdown_scan import linked_slugs

FENCE = "---"
# MkDocs' rule (mkdocs.utils.meta.YAML_RE): "---" opens, "---" or "..." closes, trailing blanks allowed.
_OPENING_FENCE = re.compile(r"-{3}[ \t]*\n")
_CLOSING_FENCE = re.compile(r"^(?:-{3}|\.{3})[ \t]*\n", re.MULTILINE)
DIGEST_PREFIX = "sha256-"
_DIGEST_PLACEHOLDER = DIGEST_PREFIX + "0" * 64
SPEAKER_TYPES = ("person", "organisation")
# Where a brief's glossary links point, relative to the brief: `[NATO](glossary.md#nato "...")`.
GLOSSARY_URL = "glossary.md"
# Keys that make a page a brief; any other page (an about.md) is the editor's own.
_BRIEF_MARKERS = ("source", "generator")


@dataclass(frozen=True)
class SpeakerEntry:
    """A speaker as the front matter lists them: printed name, role in the article's words."""

    name: str
    role: str | None = None
    type: str | None = None  # "person" or "organisation"; absent in briefs from older versions
    quotes: int | None = None  # direct quotes marked in the body
    reported: int | None = None  # reported statements (indirect or mixed) marked in the body, counted apart


@dataclass(frozen=True)
class GeneratorStamp:
    version: str
    digest: str  # DIGEST_PREFIX + sha256 of the file as generated, this value left out
    input: str | None = None  # hash of the article and settings it was made from


@dataclass(frozen=True)
class FrontMatter:
    title: str
    source: str | None = None
    date: dt.date | None = None  # publication: from the source or an editor, never made up
    added: dt.date | None = None  # when the brief was first generated
    reading_time: int | None = None
    summary: tuple[str, ...] = ()
    speakers: tuple[SpeakerEntry, ...] = ()
    section: str | None = None  # politics, business, sport...: one of the settings' sections
    tags: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()
    generator: GeneratorStamp | None = None


@dataclass(frozen=True)
class BriefFile:
    """One brief: where it lives, its typed front matter, its body and the whole text."""

    path: Path
    front_matter: FrontMatter
    body: str
    text: str

    @property
    def name(self) -> str:
        """The file name, which is also its path inside docs_dir (briefs sit at the top)."""
        return self.path.name

    def line_of(self, body_offset: int) -> int:
        """The file's line number (1-based) of an offset into the body."""
        body_start = len(self.text) - len(self.body)
        return self.text.count("\n", 0, body_start + max(body_offset, 0)) + 1

    @property
    def is_edited(self) -> bool:
        """True unless the file is byte for byte what the generator wrote."""
        return not is_generated_text(self.text, self.path)

    @property
    def has_older_digest(self) -> bool:
        """Written by a version whose digest covered only the body: edits cannot be told apart."""
        stamp = self.front_matter.generator
        return stamp is not None and not stamp.digest.startswith(DIGEST_PREFIX)


def linked_terms(body: str) -> tuple[str, ...]:
    """The glossary slugs a brief body links, in order of first link, each once."""
    return linked_slugs(body, GLOSSARY_URL)


# --- dump -------------------------------------------------------------------------------


# libyaml when PyYAML has it: briefs are read and written often (check, relink, the plugin).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """One key per line; short lists and speakers on one line each; easy to edit by hand."""


class _Flow(list):
    """A list written on one line: `[a, b]`."""


class _Inline(dict):
    """A mapping written on one line: `{name: ..., role: ...}`."""


def _represent_str(dumper: yaml.BaseDumper, value: str) -> yaml.Node:
    # A line break in a value is written as "\n": a line of its own could read as a fence.
    style = '"' if "\n" in value or "\r" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_Inline, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
_Dumper.add_representer(dict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=False))
_Dumper.add_representer(list, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=False))


def _without_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def _front_matter_mapping(front_matter: FrontMatter) -> dict[str, Any]:
    stamp = front_matter.generator
    speakers = [
        _Inline(_without_none({"name": s.name, "role": s.role, "type": s.type, "quotes": s.quotes, "reported": s.reported}))
        for s in front_matter.speakers
    ]
    return _without_none(
        {
            "title": front_matter.title,
            "date": front_matter.date,
            "added": front_matter.added,
            "source": front_matter.source,
            "reading_time": front_matter.reading_time,
            "summary": list(front_matter.summary),
            "speakers": speakers,
            "section": front_matter.section,
            "tags": _Flow(front_matter.tags),
            "glossary": _Flow(front_matter.glossary),
            "generator": _Inline({"version": stamp.version, "digest": stamp.digest, "input": stamp.input}) if stamp else None,
        }
    )


def dump_yaml(value: Any) -> str:
    """A value as front matter YAML (one line for a flow list), the way `dump` writes it."""
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)


def dump(front_matter: FrontMatter, body: str) -> str:
    """Front matter and body as the text of one file (the digest is written as given)."""
    return f"{FENCE}\n{dump_yaml(_front_matter_mapping(front_matter))}{FENCE}\n{body}"


def generated(path: Path, front_matter: FrontMatter, body: str) -> BriefFile:
    """A brief as the generator writes it: the digest in its stamp covers everything else."""
    stamp = front_matter.generator or GeneratorStamp(version="", digest="")
    draft = dump(replace(front_matter, generator=replace(stamp, digest=_DIGEST_PLACEHOLDER)), body)
    text = stamp_digest(draft, path)
    return parse(text, path)


# --- the fence and the YAML -------------------------------------------------------------


@dataclass(frozen=True)
class _Parts:
    yaml_text: str
    yaml_offset: int  # where yaml_text starts in the file
    body: str


def _split(text: str, path: Path) -> _Parts | None:
    """The front matter and the body, or None for a page without front matter."""
    opening = _OPENING_FENCE.match(text)
    if not opening:
        return None
    closing = _CLOSING_FENCE.search(text, opening.end())
    if not closing:
        raise BriefFileError(path, f"the front matter opened on line 1 is never closed (expected a line '{FENCE}' after it)", line=1)
    return _Parts(text[opening.end() : closing.start()], opening.end(), text[closing.end() :])


def _file_line(text: str, parts: _Parts, mark: yaml.Mark) -> int:
    """A line number in the file for a mark inside the front matter."""
    return text.count("\n", 0, parts.yaml_offset) + mark.line + 1


# A value that opens with a quotation mark: `source: "seeds/a.txt`.
_QUOTED_VALUE = re.compile(r"""^(?:- |[\w-]+: +)(["'])(.*)$""")


def _unclosed_quote_line(yaml_text: str) -> int | None:
    """The first line (1-based) whose quoted value is not closed on it. Briefs never wrap a
    value over lines, so such a quote swallows the lines after it, and YAML's own message
    then points far from the quote that an edit left open."""
    for number, line in enumerate(yaml_text.splitlines(), start=1):
        match = _QUOTED_VALUE.match(line)
        if match is None:
            continue
        mark, rest = match.groups()
        closed = rest.replace(mark * 2, "") if mark == "'" else re.sub(r'\\.', "", rest)
        if mark not in closed:
            return number
    return None


def _compose(text: str, parts: _Parts, path: Path) -> yaml.MappingNode | None:
    try:
        node = yaml.compose(parts.yaml_text, Loader=_Loader)
    except yaml.YAMLError as err:
        if (opened := _unclosed_quote_line(parts.yaml_text)) is not None:
            line = text.count("\n", 0, parts.yaml_offset) + opened
            raise BriefFileError(path, "front matter is not valid YAML (a quoted value opens on this line and is not closed on it)", line=line) from err
        # "while scanning a quoted scalar" points at where the quote opened: the line to fix.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = _file_line(text, parts, mark) if mark else None
        found = [getattr(err, "context", None), getattr(err, "problem", None)]
        problem = ", ".join(str(part) for part in found if part) or str(err).splitlines()[0]
        raise BriefFileError(path, f"front matter is not valid YAML ({problem})", line=line) from err
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode):
        raise BriefFileError(path, "front matter must be a mapping of keys to values", line=_file_line(text, parts, node.start_mark))
    return node


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Unreadable:
    """A value YAML itself cannot build (`date: 2022-13-45`), kept to be reported."""

    def __init__(self, node: yaml.Node) -> None:
        self.text = node.value if isinstance(node, yaml.ScalarNode) else "..."

    def __repr__(self) -> str:
        return repr(self.text)


def _construct(node: yaml.Node) -> Any:
    """The Python value of one YAML node (dates as dates, as MkDocs reads them)."""
    try:
        return _CONSTRUCTOR.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return _Unreadable(node)


_NOT_BUILT = object()
_UNDER_CONSTRUCTION = object()
# A merge key (`<<: *defaults`) makes PyYAML rewrite the mapping node it builds: documents
# with one are built value by value, as always.
_MERGE_KEY = "<<"


_STR_TAG, _SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
# A key PyYAML's mappings rewrite (`=`), as they do merge keys: such mappings are built by PyYAML.
_VALUE_TAG = "tag:yaml.org,2002:value"


def _document(node: yaml.MappingNode, yaml_text: str) -> tuple[Any, dict[yaml.Node, Any]] | None:
    """The whole front matter built at once, as `yaml.load` with the same loader builds it
    (what MkDocs' get_data gives a page as its meta), and the value of each of its nodes;
    None when some value cannot be built (then each is built alone, for the messages)."""
    if _MERGE_KEY in yaml_text:
        return None
    # The loader's constructors, as yaml.load uses them (SafeConstructor), for all but text,
    # lists and mappings: most of a brief's nodes, built here as those constructors build them.
    constructor = yaml.constructor.SafeConstructor()
    values: dict[yaml.Node, Any] = {}
    try:
        data = _built(node, constructor, values)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return None
    return data, values


def _built(node: yaml.Node, constructor: yaml.constructor.SafeConstructor, values: dict[yaml.Node, Any]) -> Any:
    """The value of a node, and of each node under it in `values` (an alias is the same
    node: the same value). A site build reads every brief's front matter: PyYAML's own
    construction, a generator per list and mapping, took most of it."""
    if (found := values.get(node, _NOT_BUILT)) is _UNDER_CONSTRUCTION:
        raise RecursionError("a list or mapping holding itself")  # PyYAML's deep construction fails too
    if found is not _NOT_BUILT:
        return found
    tag = node.tag
    if tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
        value = node.value
    elif tag == _SEQ_TAG and isinstance(node, yaml.SequenceNode):
        values[node] = _UNDER_CONSTRUCTION
        value = [_built(item, constructor, values) for item in node.value]
    elif tag == _MAP_TAG and isinstance(node, yaml.MappingNode) and all(key.tag != _VALUE_TAG for key, _ in node.value):
        values[node] = _UNDER_CONSTRUCTION
        value = {}
        for key_node, value_node in node.value:
            key = _built(key_node, constructor, values)
            value[key] = _built(value_node, constructor, values)  # an unhashable key: TypeError, as PyYAML fails
    else:
        value = constructor.construct_object(node, deep=True)
    values[node] = value
    return value


# --- validation -------------------------------------------------------------------------


class _Problems:
    """Collects (line, problem) pairs so one error lists everything wrong with a file, and
    gives each node's value: from the document built at once when it could be, else built alone."""

    def __init__(self, text: str, parts: _Parts, values: dict[yaml.Node, Any] | None = None) -> None:
        self.text, self.parts, self.found = text, parts, []
        self.values = values or {}

    def add(self, node: yaml.Node, problem: str) -> None:
        self.found.append((_file_line(self.text, self.parts, node.start_mark), problem))

    def value(self, node: yaml.Node) -> Any:
        found = self.values.get(node, _NOT_BUILT)
        return _construct(node) if found is _NOT_BUILT else found


def _scalar(problems: _Problems, key: str, node: yaml.Node, kind: type | tuple, expected: str, *, required: bool) -> Any:
    value = problems.value(node)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        problems.add(node, f"{key}: expected {expected}, got {value!r}")
        return None
    return value


def _date(problems: _Problems, key: str, node: yaml.Node) -> dt.date | None:
    value = problems.value(node)
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    problems.add(node, f"{key}: expected a date like 2022-01-12, got {value!r}")
    return None


def _strings(problems: _Problems, key: str, node: yaml.Node) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode) and problems.value(node) is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.add(node, f"{key}: expected a list of text items, got {problems.value(node)!r}")
        return ()
    items = []
    for item in node.value:
        value = problems.value(item)
        # Text only: the theme reads these values as they stand (a tag of 2022 breaks its plugin).
        if not isinstance(value, str) or not value.strip():
            problems.add(item, f"{key}: expected each item to be text (quote it), got {value!r}")
        else:
            items.append(value)
    return tuple(items)


def _count(problems: _Problems, key: str, node: yaml.Node | None) -> int | None:
    if node is None:
        return None
    value = problems.value(node)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        problems.add(node, f"{key}: expected a whole number of 0 or more, got {value!r}")
        return None
    return value


def _speaker(problems: _Problems, node: yaml.Node) -> SpeakerEntry | None:
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, f"speakers: expected each speaker to be a mapping like {{name: ..., role: ...}}, got {problems.value(node)!r}")
        return None
    fields = {key.value: value for key, value in node.value}
    before = len(problems.found)
    name = _scalar(problems, "speakers: name", fields["name"], str, "a name", required=True) if "name" in fields else None
    if "name" not in fields:
        problems.add(node, "speakers: each speaker needs a name")
    role = _scalar(problems, "speakers: role", fields["role"], str, "text", required=False) if "role" in fields else None
    kind = problems.value(fields["type"]) if "type" in fields else None
    if kind is not None and kind not in SPEAKER_TYPES:
        problems.add(fields["type"], f"speakers: type: expected one of {', '.join(SPEAKER_TYPES)}, got {kind!r}")
    quotes = _count(problems, "speakers: quotes", fields.get("quotes"))
    reported = _count(problems, "speakers: reported", fields.get("reported"))
    if len(problems.found) > before:
        return None
    return SpeakerEntry(name.strip(), role, kind, quotes, reported)


def _speakers(problems: _Problems, node: yaml.Node) -> tuple[SpeakerEntry, ...]:
    if isinstance(node, yaml.ScalarNode) and problems.value(node) is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.add(node, f"speakers: expected a list of speakers, got {problems.value(node)!r}")
        return ()
    return tuple(s for item in node.value if (s := _speaker(problems, item)))


def _stamp(problems: _Problems, node: yaml.Node) -> GeneratorStamp | None:
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, f"generator: expected {{version: ..., digest: ..., input: ...}}, got {problems.value(node)!r}")
        return None
    fields = {key.value: problems.value(value) for key, value in node.value}
    version, digest, source_hash = fields.get("version"), fields.get("digest"), fields.get("input")
    if not isinstance(digest, str) or not isinstance(version, (str, int, float)):
        problems.add(node, "generator: expected a version and a digest (written by briefs generate; leave them be)")
        return None
    return GeneratorStamp(str(version), digest, source_hash if isinstance(source_hash, str) else None)


def _front_matter(problems: _Problems, node: yaml.MappingNode) -> FrontMatter:
    fields: dict[str, yaml.Node] = {}
    for key, value in node.value:
        fields[str(problems.value(key))] = value
    if "title" not in fields:
        problems.add(node, "title: missing (every brief needs a title)")

    def text_field(key: str, required: bool) -> str | None:
        return _scalar(problems, key, fields[key], str, "text", required=required) if key in fields else None

    reading_time = _scalar(problems, "reading_time", fields["reading_time"], int, "a number of minutes", required=False) if "reading_time" in fields else None
    if isinstance(reading_time, int) and reading_time < 1:
        problems.add(fields["reading_time"], f"reading_time: expected a number of minutes, got {reading_time!r}")
        reading_time = None
    return FrontMatter(
        title=text_field("title", required=True) or "",
        source=text_field("source", required=False),
        date=_date(problems, "date", fields["date"]) if "date" in fields else None,
        added=_date(problems, "added", fields["added"]) if "added" in fields else None,
        reading_time=reading_time,
        summary=_strings(problems, "summary", fields["summary"]) if "summary" in fields else (),
        speakers=_speakers(problems, fields["speakers"]) if "speakers" in fields else (),
        section=text_field("section", required=False),
        tags=_strings(problems, "tags", fields["tags"]) if "tags" in fields else (),
        glossary=_strings(problems, "glossary", fields["glossary"]) if "glossary" in fields else (),
        generator=_stamp(problems, fields["generator"]) if "generator" in fields else None,
    )


def _is_brief(node: yaml.MappingNode | None) -> bool:
    return node is not None and any(isinstance(k, yaml.ScalarNode) and k.value in _BRIEF_MARKERS for k, _ in node.value)


def _validated(
    text: str, parts: _Parts, node: yaml.MappingNode, path: Path, values: dict[yaml.Node, Any] | None = None
) -> FrontMatter:
    problems = _Problems(text, parts, values)
    front_matter = _front_matter(problems, node)
    if problems.found:
        raise BriefFileError.listing(path, problems.found)
    return front_matter


# --- reading ----------------------------------------------------------------------------


def parse(text: str, path: Path) -> BriefFile:
    """A brief's text -> BriefFile; BriefFileError (file and line) if anything is invalid."""
    parts = _split(text, path)
    if parts is None:
        raise BriefFileError(path, f"no YAML front matter (expected the file to start with a '{FENCE}' line)", line=1)
    node = _compose(text, parts, path)
    if node is None:
        raise BriefFileError(path, "the front matter is empty (expected title, source, summary, ...)", line=2)
    return BriefFile(path, _validated(text, parts, node, path), parts.body, text)


def parse_page(text: str, path: Path) -> BriefFile | None:
    """A docs page -> its BriefFile, or None for a page that is not a brief (no front matter,
    or front matter without `source` or `generator`, such as a hand-written about.md)."""
    found = _brief_page(text, path)
    if found is None:
        return None
    parts, node = found
    return BriefFile(path, _validated(text, parts, node, path), parts.body, text)


def parse_page_and_meta(text: str, path: Path) -> tuple[BriefFile | None, dict[str, Any] | None]:
    """parse_page, and the brief's front matter as the mapping `yaml.load` makes of it with
    this module's loader (MkDocs' get_data loads it so, for a page's meta), or None when
    it is not built that way (no brief, a value YAML cannot build, a merge key). The
    values are validated from that mapping's nodes: one construction serves both."""
    found = _brief_page(text, path)
    if found is None:
        return None, None
    parts, node = found
    built = _document(node, parts.yaml_text)
    front_matter = _validated(text, parts, node, path, built[1] if built else None)
    meta = built[0] if built is not None and type(built[0]) is dict else None
    return BriefFile(path, front_matter, parts.body, text), meta


def _brief_page(text: str, path: Path) -> tuple[_Parts, yaml.MappingNode] | None:
    parts = _split(text, path)
    if parts is None:
        return None
    node = _compose(text, parts, path)
    if not _is_brief(node):
        return None
    return parts, node


# --- the digest -------------------------------------------------------------------------


def _top_level_value(text: str, path: Path, key: str) -> tuple[_Parts, yaml.MappingNode, yaml.Node | None, yaml.Node | None]:
    parts = _split(text, path)
    if parts is None:
        raise BriefFileError(path, "no YAML front matter", line=1)
    node = _compose(text, parts, path)
    if node is None:
        raise BriefFileError(path, "the front matter is empty", line=2)
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return parts, node, key_node, value_node
    return parts, node, None, None


def _digest_span(text: str, path: Path) -> tuple[int, int, str] | None:
    """(start, end, value) of generator.digest in the file, or None when there is none."""
    parts, _, _, stamp = _top_level_value(text, path, "generator")
    if not isinstance(stamp, yaml.MappingNode):
        return None
    for key, value in stamp.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "digest" and isinstance(value, yaml.ScalarNode):
            start = parts.yaml_offset + value.start_mark.index
            return start, parts.yaml_offset + value.end_mark.index, value.value
    return None


def _hash_without(text: str, start: int, end: int) -> str:
    return DIGEST_PREFIX + content_hash(text[:start] + text[end:])


def is_generated_text(text: str, path: Path) -> bool:
    """True when the digest in the text matches everything else in it."""
    try:
        span = _digest_span(text, path)
    except BriefFileError:
        return False
    return span is not None and span[2] == _hash_without(text, span[0], span[1])


def stamp_digest(text: str, path: Path) -> str:
    """The text with generator.digest set to the hash of everything else."""
    span = _digest_span(text, path)
    if span is None:
        raise BriefFileError(path, "generator: no digest to update")
    start, end, _ = span
    return text[:start] + _hash_without(text, start, end) + text[end:]


# --- relink: one value rewritten in place -----------------------------------------------


def with_glossary(brief: BriefFile, slugs: tuple[str, ...], body: str) -> str:
    """The brief's text with a new body and a new `glossary:` list; every other byte of the
    front matter (comments, order, quoting) stays. The digest is refreshed only for a brief
    that was unedited, so an edited brief stays edited."""
    was_generated = not brief.is_edited
    parts, mapping, key, value = _top_level_value(brief.text, brief.path, "glossary")
    head = brief.text[: parts.yaml_offset + len(parts.yaml_text)]
    closing = brief.text[len(head) : len(brief.text) - len(parts.body)]
    listing = dump_yaml(_Flow(slugs)).rstrip("\n")
    if key is None:
        separator = "" if not head or head.endswith("\n") else "\n"
        head = f"{head}{separator}glossary: {listing}\n"
    else:
        start = parts.yaml_offset + key.end_mark.index
        head = head[:start] + ": " + listing + _tail_after(brief.text, parts, value) + head[_value_end(brief.text, parts, value) :]
    text = head + closing + body
    return stamp_digest(text, brief.path) if was_generated else text


def _value_end(text: str, parts: _Parts, value: yaml.Node) -> int:
    """Where a top-level value ends: a block list ends with its last item's line, so comments
    and blank lines after it stay."""
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        last = parts.yaml_offset + value.value[-1].end_mark.index
        line_end = text.find("\n", last)
        return (line_end + 1) if line_end != -1 else len(text)
    return parts.yaml_offset + value.end_mark.index


def _tail_after(text: str, parts: _Parts, value: yaml.Node) -> str:
    """A block list's span ends with its line break; the one-line list needs it back."""
    end = _value_end(text, parts, value)
    return "\n" if end > 0 and text[end - 1] == "\n" else ""
