"""Briefs -> the site's generated pages: home, people, tags; and the link checks.

Pure functions over BriefFile values (brief_file); the MkDocs plugin reads the
files and adds what these return. Quotes for the people pages come from the briefs
themselves (the `<span class="nb-quote" data-speaker=... data-kind=...>` render
writes), so an editor who fixes an attribution in a brief fixes the person page
too, and the counts on the people pages are those of the brief's sidebar.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote

from generator import brief_file, related
from generator.brief_file import BriefFile
from generator.config import SiteConfig
from generator.markdown_scan import markdown_text, replace_links_by_text
from generator.model import Person
from generator.escaping import escape_line_start, escape_markdown, safe_link_target
from generator.render import GLOSSARY_URL, PEOPLE_DIR, QUOTE_CLASS, end_as_sentence, format_date, person_path
from generator.site_layout import (  # noqa: F401 (the site's page names and related section, used through this module too)
    ARCHIVE_INDEX,
    HOME_PAGE,
    PEOPLE_INDEX,
    RELATED_ANCHOR,
    RELATED_HEADING,
    TAGS_PAGE,
    UNINDEXED_ATTRIBUTES,
    render_related_html,
)
from generator.slugs import slugify

BRIEFS_PER_PAGE = 12

_HTML_TAG = re.compile(r"<[^<>]*>")
# A statement render marks up (render._quote_span); editors may write one by hand.
QUOTE_SPAN = re.compile(
    rf'<span class="{QUOTE_CLASS}" data-speaker="(?P<speaker>[^"]*)"(?P<attributes>[^>]*)>(?P<text>.*?)</span>', re.DOTALL
)
_DATA_KIND = re.compile(r'\bdata-kind="(?P<kind>direct|mixed|indirect)"')
_DATA_PART = re.compile(r'\bdata-part="(?P<part>\d+)"')
DIRECT = "direct"  # a span without data-kind (written by hand, or by an older version) is a direct quote
MIXED = "mixed"  # reported speech with a quoted fragment
# A link to a person's page, as render writes it in the sidebar and key quotes.
# An unescaped "[" opens the link: an escaped bracket in article text before it is text.
_PERSON_LINK = re.compile(rf"(?<!\\)\[(?P<name>(?:\\.|[^\[\]\\])+)\]\((?P<target>{PEOPLE_DIR}/[^)\s]+\.md)\)")
# An inline link or image whose opening bracket is not escaped: [text](target "title").
_INLINE_LINK = re.compile(r'(?<!\\)\[(?:\\.|[^\]\\])*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)')
# The destination and title of an inline link: `](target "title")`, one level of parentheses inside.
_LINK_DESTINATION = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)")
_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class PersonQuote:
    """One statement: a direct quote, or reported speech (kind "indirect" or "mixed")."""

    speaker: str
    text: str  # Markdown, as written in the brief; the parts of a split quote joined as sentences
    brief: BriefFile
    kind: str = DIRECT

    @property
    def is_direct(self) -> bool:
        return self.kind == DIRECT


@dataclass(frozen=True)
class PersonSummary:
    name: str
    role: str | None
    quotes: tuple[PersonQuote, ...]
    entry: Person | None = None

    @property
    def page(self) -> str:
        return person_path(self.name)

    @property
    def direct(self) -> tuple[PersonQuote, ...]:
        return tuple(q for q in self.quotes if q.is_direct)

    @property
    def reported(self) -> tuple[PersonQuote, ...]:
        return tuple(q for q in self.quotes if not q.is_direct)


def newest_first(pages: list[BriefFile]) -> list[BriefFile]:
    """By publication date, or the day added for an undated article."""
    return sorted(pages, key=lambda p: (_sort_date(p), p.front_matter.title), reverse=True)


def _sort_date(page: BriefFile) -> dt.date:
    return page.front_matter.date or page.front_matter.added or dt.date.min


def link(from_page: str, to_page: str) -> str:
    """A relative Markdown link target between two docs pages."""
    folder = posixpath.dirname(from_page)
    if not _is_plain_path(to_page) or (folder and not _is_plain_path(folder)):
        return posixpath.relpath(to_page, folder or ".")
    # What relpath gives for plain paths, without its absolute paths (a getcwd each): the
    # home, archive and people pages link thousands of briefs.
    start, target = folder.split("/") if folder else [], to_page.split("/")
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def _is_plain_path(path: str) -> bool:
    """A relative path relpath would leave as it is: no empty, `.` or `..` parts."""
    return all(part not in ("", ".", "..") for part in path.split("/"))


def quotes_in(page: BriefFile) -> list[PersonQuote]:
    """The attributed statements a brief's body marks up, in order: a quote split by its cue or
    by a paragraph break (the spans after its first carry data-part) counts once, even when
    another speaker's statement stands between its parts."""
    quotes: list[PersonQuote] = []
    latest: dict[tuple[str, str], int] = {}  # (speaker, kind) -> index of their latest statement
    for match in QUOTE_SPAN.finditer(page.body):
        speaker = html.unescape(match.group("speaker")).strip()
        text = replace_links_by_text(match.group("text")).strip()
        if not (speaker and text):
            continue
        attributes = match.group("attributes")
        kind = statement_kind(attributes)
        continues = (part := _DATA_PART.search(attributes)) is not None and int(part.group("part")) > 1
        if continues and (speaker, kind) in latest:
            # The cue between the parts is left out, so the part before it ends as a sentence.
            at = latest[speaker, kind]
            quotes[at] = PersonQuote(speaker, f"{end_as_sentence(quotes[at].text)} {text}", page, kind)
        else:
            latest[speaker, kind] = len(quotes)
            quotes.append(PersonQuote(speaker, text, page, kind))
    return quotes


def statement_kind(attributes: str) -> str:
    """direct, mixed or indirect, from a span's other attributes: direct when it has no data-kind."""
    found = _DATA_KIND.search(attributes)
    return found.group("kind") if found else DIRECT


def linked_people(page: BriefFile) -> list[tuple[str, str, int]]:
    """(name, link target, offset in the body) of every link to a person's page in a brief."""
    if f"]({PEOPLE_DIR}/" not in page.body:
        return []  # most briefs of a site are read here: skip the scan when no person is linked
    return [(_shown_name(match.group("name")), match.group("target"), match.start()) for match in _PERSON_LINK.finditer(page.body)]


def _shown_name(markdown: str) -> str:
    # A sidebar name is plain text: nothing to undo unless it has a link, an escape or an entity.
    return (markdown_text(markdown) if any(mark in markdown for mark in "[\\&") else markdown).strip()


def _where(page: BriefFile, body_offset: int) -> str:
    """`briefs/x.md:42`: the file and the line of a place in the body."""
    return f"{page.path}:{page.line_of(body_offset)}"


@dataclass(frozen=True)
class BriefPeople:
    """Who one brief names and quotes, read from it once: what the people pages, the alias
    pages and the person-link checks all need."""

    brief: BriefFile
    # (name, role): the front matter's speakers, then people the body links to, so a page a brief
    # links to is made even when its speaker entry or quotes were edited away.
    named: tuple[tuple[str, str | None], ...]
    quotes: tuple[PersonQuote, ...]
    links: tuple[tuple[str, str, int], ...]  # (name, target, body offset) of each person link

    @property
    def names(self) -> list[str]:
        """Every name the brief gives a speaker: each gets a page (or, merged by people.yml, one pointing on)."""
        return [name for name, _ in self.named] + [quote.speaker for quote in self.quotes]


def brief_people(page: BriefFile) -> BriefPeople:
    """The people of one brief: its speakers, its marked-up statements and its person links."""
    quotes = quotes_in(page)
    links = linked_people(page)
    named = [(s.name, s.role) for s in page.front_matter.speakers]
    covered = {person_path(name) for name, _ in named} | {person_path(q.speaker) for q in quotes}
    named += [(name, None) for name, target, _ in links if target not in covered]
    return BriefPeople(page, tuple(named), tuple(quotes), tuple(links))


def generated_page_paths() -> set[str]:
    """The plugin's fixed pages; archive months, home pages and people pages vary."""
    return {HOME_PAGE, ARCHIVE_INDEX, PEOPLE_INDEX, TAGS_PAGE, GLOSSARY_URL}


def _is_generated_path(path: str) -> bool:
    return path in generated_page_paths() or path.startswith(("archive/", "page/"))


def _missing_link_targets(page: BriefFile, site_files: set[str]) -> list[str]:
    """Relative links to pages or files that are neither in docs_dir nor generated."""
    problems = []
    # Code spans blanked out, not removed, so offsets still point into the body.
    body = _CODE_SPAN.sub(lambda code: re.sub(r"[^\n]", " ", code.group()), page.body)
    for match in _INLINE_LINK.finditer(body):
        target = match.group(1)
        if not target or target.startswith("#") or _URL_SCHEME.match(target) or target.startswith(f"{PEOPLE_DIR}/"):
            continue
        where = _where(page, match.start())
        if target.startswith("/"):
            problems.append(f"{where}: links to {target}, an absolute path (links between pages are relative)")
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page.name), unquote(target.split("#")[0].split("?")[0])))
        if path not in site_files and not _is_generated_path(path):
            problems.append(f"{where}: links to {target}, which is no page or file of the site")
    return problems


def link_problems(
    page: BriefFile, config: SiteConfig, site_files: set[str] | None = None, people: BriefPeople | None = None
) -> list[str]:
    """Links in a brief that would fail `mkdocs build --strict`: glossary terms that are not
    in glossary.yml, person links to a page no speaker has, and (given the files in docs_dir)
    relative links to pages or files that do not exist. The plugin leaves the last to MkDocs,
    which checks them itself; it passes the brief's `people` when it has read them already."""
    known = {t.slug for t in config.glossary}
    problems = [
        f"{_where(page, page.body.find(f'{GLOSSARY_URL}#{slug}'))}: links glossary term '{slug}', which is not in {config.glossary_path}"
        for slug in ([] if _links_only_known_terms(page.body, known) else brief_file.linked_terms(page.body))
        if slug not in known
    ]
    people = people or brief_people(page)
    pages = {person_path(name) for name in people.names}
    for name, target, offset in people.links:
        if target not in pages:
            problems.append(f"{_where(page, offset)}: links {name!r} to {target}, but no speaker in the brief has that page (theirs is {person_path(name)})")
    if site_files is not None:
        problems.extend(_missing_link_targets(page, site_files))
    return problems


# Anything that may be a glossary link's anchor: more than the links Markdown makes (code too),
# never less, so when all of these are known terms no glossary link can name an unknown one.
_GLOSSARY_ANCHOR = re.compile(rf"{re.escape(GLOSSARY_URL)}#([^\s)>]*)")
_SLUG_CHARACTERS = re.compile(r"[a-z0-9-]+")


def _links_only_known_terms(body: str, known: set[str]) -> bool:
    """True when every glossary link of the body names a known term, told without parsing it."""
    return all(anchor in known and _SLUG_CHARACTERS.fullmatch(anchor) for anchor in _GLOSSARY_ANCHOR.findall(body))


def collect_people(
    pages: list[BriefFile], people: tuple[Person, ...], read: dict[str, BriefPeople] | None = None
) -> list[PersonSummary]:
    """Everyone quoted or linked in any brief, with all their quotes, newest brief first.
    `read` holds the briefs' people when they were read already (by brief name)."""
    entries = {slugify(alias): p for p in people for alias in (p.name, *p.aliases)}
    roles: dict[str, str | None] = {}
    quotes: dict[str, list[PersonQuote]] = {}
    for page in newest_first(pages):
        found = read[page.name] if read is not None else brief_people(page)
        for name, role in found.named:
            canonical = entries[slugify(name)].name if slugify(name) in entries else name
            roles.setdefault(canonical, role)
            quotes.setdefault(canonical, [])
        for quote in found.quotes:
            canonical = entries[slugify(quote.speaker)].name if slugify(quote.speaker) in entries else quote.speaker
            quotes.setdefault(canonical, []).append(quote)
    summaries = []
    for name, said in quotes.items():
        entry = entries.get(slugify(name))
        role = entry.role if entry and entry.role else roles.get(name)
        summaries.append(PersonSummary(name, role, tuple(said), entry))
    return sorted(summaries, key=lambda s: (-len(s.direct), -len(s.reported), s.name))


def home_page_path(number: int) -> str:
    """Page 1 of the latest briefs is the home page; older ones follow at page/N.md."""
    return HOME_PAGE if number == 1 else f"page/{number}.md"


def render_alias_pages(
    pages: list[BriefFile], people: list[PersonSummary], read: dict[str, BriefPeople] | None = None
) -> dict[str, str]:
    """Pages for names that people.yml merged into another person, so links in older
    briefs still lead somewhere: each points to the person's page."""
    canonical = {slugify(alias): p for p in people if p.entry for alias in (p.entry.name, *p.entry.aliases)}
    if not canonical:
        return {}
    rendered = {}
    for page in pages:
        for name in (read[page.name] if read is not None else brief_people(page)).names:
            person = canonical.get(slugify(name))
            path = person_path(name)
            if person is not None and path != person.page and path not in rendered:
                rendered[path] = f"# {escape_markdown(name)}\n\nSee [{escape_markdown(person.name)}]({link(path, person.page)}).\n"
    return rendered


def render_home_pages(pages: list[BriefFile]) -> dict[str, str]:
    """The latest briefs as cards, newest first, BRIEFS_PER_PAGE to a page."""
    ordered = newest_first(pages)
    chunks = [ordered[i : i + BRIEFS_PER_PAGE] for i in range(0, len(ordered), BRIEFS_PER_PAGE)] or [[]]
    rendered = {}
    for number, chunk in enumerate(chunks, start=1):
        path = home_page_path(number)
        title = "Latest briefs" if number == 1 else f"Latest briefs, page {number}"
        lines = ["---", f"title: {title}", "hide: [toc]", "---", "", f"# {title}", ""]
        if not chunk:
            lines.append("No briefs yet: add an article to `seeds/` and run `briefs generate`.")
        lines += _cards(path, chunk)
        lines += _pager(path, number, len(chunks))
        rendered[path] = "\n".join(lines) + "\n"
    return rendered


def _cards(from_page: str, pages: list[BriefFile]) -> list[str]:
    if not pages:
        return []
    lines = ['<div class="grid cards nb-cards" markdown>', ""]
    for page in pages:
        lines += _card(from_page, page)
    return lines + ["</div>", ""]


def _pager(path: str, number: int, total: int) -> list[str]:
    links = []
    if number > 1:
        links.append(f"[:material-arrow-left: Newer briefs]({link(path, home_page_path(number - 1))})")
    if number < total:
        links.append(f"[Older briefs :material-arrow-right:]({link(path, home_page_path(number + 1))})")
    links.append(f"[Archive by month]({link(path, ARCHIVE_INDEX)})")
    return [" · ".join(links), ""]


def _month_key(page: BriefFile) -> str:
    """The archive files a brief by publication month; an undated article is never given one."""
    date = page.front_matter.date
    return f"{date:%Y-%m}" if date else "undated"


def _month_title(key: str) -> str:
    return "Undated" if key == "undated" else dt.datetime.strptime(key, "%Y-%m").strftime("%B %Y")


def render_archive(pages: list[BriefFile]) -> dict[str, str]:
    """An index of publication months and a page of cards per month (undated ones last)."""
    months: dict[str, list[BriefFile]] = {}
    for page in newest_first(pages):
        months.setdefault(_month_key(page), []).append(page)
    index = ["# Archive", "", "Every brief, by the month the article was published.", ""]
    rendered = {}
    for key, chunk in sorted(months.items(), key=lambda item: (item[0] != "undated", item[0]), reverse=True):
        path = f"archive/{key}.md"
        index.append(f"- [{_month_title(key)}]({link(ARCHIVE_INDEX, path)}) ({len(chunk)})")
        rendered[path] = "\n".join([f"# {_month_title(key)}", "", *_cards(path, chunk)]) + "\n"
    rendered[ARCHIVE_INDEX] = "\n".join(index) + "\n"
    return rendered


def _card(from_page: str, page: BriefFile) -> list[str]:
    """Headline, section, date, reading time, first summary sentence, speakers and tags of one brief."""
    front = page.front_matter
    meta = [escape_markdown(front.section.capitalize())] if front.section else []
    meta += [format_date(front.date)] if front.date else []
    if front.reading_time:
        meta.append(f"{front.reading_time} min read")
    if front.added and not front.date:
        meta.append(f"added {format_date(front.added)}")
    lines = [f"-   **[{escape_markdown(front.title)}]({link(from_page, page.name)})**", ""]
    if meta:
        # Section, date and reading time are for reading the list, not for search to match.
        lines += [f"    <small {UNINDEXED_ATTRIBUTES}>{' · '.join(meta)}</small>", ""]
    if front.summary:
        lines += [f"    {escape_markdown(front.summary[0])}", ""]
    if front.speakers:
        names = ", ".join(escape_markdown(s.name) for s in front.speakers)
        lines += [f"    :material-account-voice: {names}", ""]
    if front.tags:
        lines += [f"    :material-tag-multiple: {' · '.join(escape_markdown(tag) for tag in front.tags)}", ""]
    return lines


def render_people_index(people: list[PersonSummary]) -> str:
    lines = ["# People", "", "Everyone quoted in the briefs, with their role, how often they are quoted and how often reported.", ""]
    lines += ["| Person | Role | Quotes | Reported |", "| --- | --- | ---: | ---: |"]
    for person in people:
        role = escape_markdown(person.role) if person.role else ""
        name = f"[{escape_markdown(person.name)}]({link(PEOPLE_INDEX, person.page)})"
        lines.append(f"| {name} | {role} | {len(person.direct)} | {len(person.reported)} |")
    return "\n".join(lines) + "\n"


def render_person_page(person: PersonSummary) -> str:
    """Every statement of one person across briefs, newest brief first, each linking back:
    direct quotes in quote blocks, reported speech listed apart, never as a quote."""
    lines = [f"# {escape_markdown(person.name)}", ""]
    if person.role:
        lines += [f"**{escape_markdown(person.role)}**", ""]
    if person.entry and person.entry.description:
        lines += [escape_markdown(person.entry.description), ""]
    for url in person.entry.links if person.entry else ():
        # people.yml is edited by hand: only http(s) links, and never raw HTML.
        if target := safe_link_target(url):
            lines += [f"- [{escape_markdown(url)}](<{target}>)"]
    lines += ["", f"## Quotes ({len(person.direct)})", ""]
    if not person.direct:
        lines += ["Named in the briefs, but not quoted directly.", ""]
    for quote in person.direct:
        # A quote from mid-paragraph now starts a line: it must not open a block there.
        lines += [f"> {escape_line_start(_statement_text(quote))}", ">", f"> — in {_source_link(person, quote)}", ""]
    if person.reported:
        lines += [f"## Reported speech ({len(person.reported)})", ""]
        lines += [f"- Reported: {_statement_text(quote)} — in {_source_link(person, quote)}" for quote in person.reported]
    return "\n".join(lines) + "\n"


def _statement_text(quote: PersonQuote) -> str:
    return end_as_sentence(" ".join(quote.text.split()))


def _source_link(person: PersonSummary, quote: PersonQuote) -> str:
    front = quote.brief.front_matter
    when = f", {format_date(front.date)}" if front.date else ""
    return f"[{escape_markdown(front.title)}]({link(person.page, quote.brief.name)}){when}"


def render_tags_page() -> str:
    """Material's tags plugin fills in the listing where the directive stands."""
    return "# Tags\n\nBriefs by the people, organisations, places and topics they are about.\n\n<!-- material/tags -->\n"


@dataclass(frozen=True)
class RelatedPages:
    """Related briefs for every page of a build: features computed once, looked up per page."""

    pages: dict[str, BriefFile]  # by file name
    index: related.RelatedIndex

    def related(self, name: str, count: int = related.RELATED_COUNT) -> list[BriefFile]:
        return [self.pages[key] for key in self.index.related(name, count)]


def related_index(pages: list[BriefFile], features: dict[str, Counter[str]] | None = None) -> RelatedPages:
    """The related-briefs index of a site: build it once per build. `features` holds each
    brief's `related_features` (by name) when they were computed already."""
    inputs = [related_input(page) for page in pages]
    features = features if features is not None else {page.name: related_features(page) for page in pages}
    return RelatedPages({page.name: page for page in pages}, related.build_index(inputs, features))


def related_input(page: BriefFile) -> related.RelatedInput:
    """What ranking reads of a brief besides its features: its name, date and section."""
    return related.RelatedInput(page.name, page.front_matter.date or page.front_matter.added, page.front_matter.section)


def related_features(page: BriefFile) -> Counter[str]:
    """What relates a brief to others: its words and its entities (see related.brief_features)."""
    return related.brief_features(page_text(page), _entities(page))


def _entities(page: BriefFile) -> frozenset[str]:
    """People, organisations, places and terms, normalised: "US" and "United States" are one."""
    front = page.front_matter
    names = [s.name for s in front.speakers] + list(front.tags) + list(front.glossary)
    return frozenset(filter(None, (slugify(name) for name in names)))


def page_text(page: BriefFile) -> str:
    """The words of a brief: headline, summary and body; link targets, titles and HTML tags left out."""
    front = page.front_matter
    # Link text stays, only the destination and title go: the words are all that is read, so
    # a pattern does here what a full inline scan would, in a fraction of the time.
    return "\n".join([front.title, *front.summary, _HTML_TAG.sub(" ", _LINK_DESTINATION.sub("] ", page.body))])
