"""Briefs -> the site's generated pages: home, people, tags.

Pure functions over BriefPage values; the MkDocs plugin reads the files and
adds what these return. Quotes for the people pages come from the briefs
themselves (the `<span class="nb-quote" data-speaker=...>` render writes),
so an editor who fixes an attribution in a brief fixes the person page too.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass

from generator import related
from generator.markdown_scan import replace_links_by_text
from generator.model import Person
from generator.render import QUOTE_CLASS, escape_markdown, format_date, person_path
from generator.slugs import slugify

HOME_PAGE = "index.md"
PEOPLE_INDEX = "people/index.md"
TAGS_PAGE = "tags.md"
ARCHIVE_INDEX = "archive/index.md"
BRIEFS_PER_PAGE = 12
RELATED_BRIEFS = 3

_HTML_TAG = re.compile(r"<[^<>]*>")
_QUOTE_SPAN = re.compile(
    rf'<span class="{QUOTE_CLASS}" data-speaker="(?P<speaker>[^"]*)"[^>]*>(?P<text>.*?)</span>', re.DOTALL
)


@dataclass(frozen=True)
class BriefPage:
    src_uri: str  # e.g. "russia-mulls-cuba-venezuela-deployment.md"
    title: str
    date: dt.date | None
    reading_time: int | None
    summary: tuple[str, ...]
    speakers: tuple[tuple[str, str | None], ...]  # (name, role)
    tags: tuple[str, ...]
    glossary: tuple[str, ...]
    body: str
    section: str | None = None


@dataclass(frozen=True)
class PersonQuote:
    speaker: str
    text: str  # Markdown, as written in the brief
    brief: BriefPage


@dataclass(frozen=True)
class PersonSummary:
    name: str
    role: str | None
    quotes: tuple[PersonQuote, ...]
    entry: Person | None = None

    @property
    def page(self) -> str:
        return person_path(self.name)


def newest_first(pages: list[BriefPage]) -> list[BriefPage]:
    return sorted(pages, key=lambda p: (p.date or dt.date.min, p.title), reverse=True)


def link(from_page: str, to_page: str) -> str:
    """A relative Markdown link target between two docs pages."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def quotes_in(page: BriefPage) -> list[PersonQuote]:
    """The attributed quotes a brief's body marks up, in order."""
    quotes = []
    for match in _QUOTE_SPAN.finditer(page.body):
        speaker = html.unescape(match.group("speaker")).strip()
        text = replace_links_by_text(match.group("text")).strip()
        if speaker and text:
            quotes.append(PersonQuote(speaker, text, page))
    return quotes


def collect_people(pages: list[BriefPage], people: tuple[Person, ...]) -> list[PersonSummary]:
    """Everyone quoted in any brief, with all their quotes, newest brief first."""
    entries = {slugify(alias): p for p in people for alias in (p.name, *p.aliases)}
    roles: dict[str, str | None] = {}
    quotes: dict[str, list[PersonQuote]] = {}
    for page in newest_first(pages):
        for name, role in page.speakers:
            canonical = entries[slugify(name)].name if slugify(name) in entries else name
            roles.setdefault(canonical, role)
            quotes.setdefault(canonical, [])
        for quote in quotes_in(page):
            canonical = entries[slugify(quote.speaker)].name if slugify(quote.speaker) in entries else quote.speaker
            quotes.setdefault(canonical, []).append(quote)
    summaries = []
    for name, said in quotes.items():
        entry = entries.get(slugify(name))
        role = entry.role if entry and entry.role else roles.get(name)
        summaries.append(PersonSummary(name, role, tuple(said), entry))
    return sorted(summaries, key=lambda s: (-len(s.quotes), s.name))


def home_page_path(number: int) -> str:
    """Page 1 of the latest briefs is the home page; older ones follow at page/N.md."""
    return HOME_PAGE if number == 1 else f"page/{number}.md"


def render_alias_pages(pages: list[BriefPage], people: list[PersonSummary]) -> dict[str, str]:
    """Pages for names that people.yml merged into another person, so links in older
    briefs still lead somewhere: each points to the person's page."""
    canonical = {slugify(alias): p for p in people if p.entry for alias in (p.entry.name, *p.entry.aliases)}
    rendered = {}
    for page in pages:
        names = [name for name, _ in page.speakers] + [q.speaker for q in quotes_in(page)]
        for name in names:
            person = canonical.get(slugify(name))
            path = person_path(name)
            if person is not None and path != person.page and path not in rendered:
                rendered[path] = f"# {escape_markdown(name)}\n\nSee [{escape_markdown(person.name)}]({link(path, person.page)}).\n"
    return rendered


def render_home_pages(pages: list[BriefPage]) -> dict[str, str]:
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


def _cards(from_page: str, pages: list[BriefPage]) -> list[str]:
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


def _month_key(page: BriefPage) -> str:
    return f"{page.date:%Y-%m}" if page.date else "undated"


def _month_title(key: str) -> str:
    return "Undated" if key == "undated" else dt.datetime.strptime(key, "%Y-%m").strftime("%B %Y")


def render_archive(pages: list[BriefPage]) -> dict[str, str]:
    """An index of months and a page of cards per month."""
    months: dict[str, list[BriefPage]] = {}
    for page in newest_first(pages):
        months.setdefault(_month_key(page), []).append(page)
    index = ["# Archive", "", "Every brief, by the month of its date.", ""]
    rendered = {}
    for key, chunk in months.items():
        path = f"archive/{key}.md"
        index.append(f"- [{_month_title(key)}]({link(ARCHIVE_INDEX, path)}) ({len(chunk)})")
        rendered[path] = "\n".join([f"# {_month_title(key)}", "", *_cards(path, chunk)]) + "\n"
    rendered[ARCHIVE_INDEX] = "\n".join(index) + "\n"
    return rendered


def _card(from_page: str, page: BriefPage) -> list[str]:
    """Headline, section, date, reading time, first summary sentence, speakers and tags of one brief."""
    meta = [escape_markdown(page.section.capitalize())] if page.section else []
    meta += [format_date(page.date)] if page.date else []
    if page.reading_time:
        meta.append(f"{page.reading_time} min read")
    lines = [f"-   **[{escape_markdown(page.title)}]({link(from_page, page.src_uri)})**", ""]
    if meta:
        lines += [f"    <small>{' · '.join(meta)}</small>", ""]
    if page.summary:
        lines += [f"    {escape_markdown(page.summary[0])}", ""]
    if page.speakers:
        names = ", ".join(escape_markdown(name) for name, _ in page.speakers)
        lines += [f"    :material-account-voice: {names}", ""]
    if page.tags:
        lines += [f"    :material-tag-multiple: {' · '.join(escape_markdown(tag) for tag in page.tags)}", ""]
    return lines


def render_people_index(people: list[PersonSummary]) -> str:
    lines = ["# People", "", "Everyone quoted in the briefs, with their role and how often they are quoted.", ""]
    lines += ["| Person | Role | Quotes |", "| --- | --- | ---: |"]
    for person in people:
        role = escape_markdown(person.role) if person.role else ""
        lines.append(f"| [{escape_markdown(person.name)}]({link(PEOPLE_INDEX, person.page)}) | {role} | {len(person.quotes)} |")
    return "\n".join(lines) + "\n"


def render_person_page(person: PersonSummary) -> str:
    """Every quote of one person across briefs, newest brief first, each linking back."""
    lines = [f"# {escape_markdown(person.name)}", ""]
    if person.role:
        lines += [f"**{escape_markdown(person.role)}**", ""]
    if person.entry and person.entry.description:
        lines += [escape_markdown(person.entry.description), ""]
    for url in person.entry.links if person.entry else ():
        lines += [f"- <{url}>"]
    lines += ["", f"## Quotes ({len(person.quotes)})", ""]
    if not person.quotes:
        lines.append("Named in the briefs, but not quoted directly.")
    for quote in person.quotes:
        brief = quote.brief
        when = f", {format_date(brief.date)}" if brief.date else ""
        lines += [f"> {quote.text}", ">", f"> — in [{escape_markdown(brief.title)}]({link(person.page, brief.src_uri)}){when}", ""]
    return "\n".join(lines) + "\n"


def render_tags_page() -> str:
    """Material's tags plugin fills in the listing where the directive stands."""
    return "# Tags\n\nBriefs by the people, organisations, places and topics they are about.\n\n<!-- material/tags -->\n"


@dataclass(frozen=True)
class RelatedPages:
    """Related briefs for every page of a build: features computed once, looked up per page."""

    pages: dict[str, BriefPage]  # by src_uri
    index: related.RelatedIndex

    def related(self, src_uri: str, count: int = RELATED_BRIEFS) -> list[BriefPage]:
        return [self.pages[key] for key in self.index.related(src_uri, count)]


def related_index(pages: list[BriefPage]) -> RelatedPages:
    """The related-briefs index of a site: build it once per build, in on_files."""
    inputs = [
        related.RelatedInput(page.src_uri, page.date, page.section, _entities(page), page_text(page))
        for page in pages
    ]
    return RelatedPages({page.src_uri: page for page in pages}, related.build_index(inputs))


def _entities(page: BriefPage) -> frozenset[str]:
    """People, organisations, places and terms, normalised: "US" and "United States" are one."""
    names = [name for name, _ in page.speakers] + list(page.tags) + list(page.glossary)
    return frozenset(filter(None, (slugify(name) for name in names)))


def page_text(page: BriefPage) -> str:
    """The words of a brief: headline, summary and body; link targets, titles and HTML tags left out."""
    return "\n".join([page.title, *page.summary, _HTML_TAG.sub(" ", replace_links_by_text(page.body))])


def render_related(page: BriefPage, related: list[BriefPage]) -> str:
    if not related:
        return ""
    lines = ["", "## Related briefs", ""]
    lines += [f"- [{escape_markdown(r.title)}]({link(page.src_uri, r.src_uri)})" for r in related]
    return "\n".join(lines) + "\n"
