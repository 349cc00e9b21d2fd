#!/usr/bin/env python3
"""Links, tags and related briefs in context, on the BBC dev file and on hand-written traps.

    .venv/bin/python benchmarks/links.py            (or: make eval-links, part of make eval)
    .venv/bin/python benchmarks/links.py --show 5   (also print five briefs' related lists)

Every BBC dev article (its section is in its id: bbc-<section>-NNN) runs
through the real pipeline and renderer; the seed article joins them, so its
related list is printed against the same pool. Printed:

- section accuracy: the brief's section against the one in the id;
- related in section: the share of related links that stay in the brief's own
  section (target >= 85%), with how many briefs have any;
- two or more tags: the share of briefs with at least two tags (target >= 90%);
- wrong-sense links: over TRAPS, hand-written paragraphs where a glossary term
  stands inside a longer name that means something else ("Liberal Democrat"),
  with the term in its true sense later in the text. A link inside the longer
  name is wrong (target 0); the true sense left unlinked is a miss.

Rows are given for all dev briefs and for the odd-numbered half alone, which
was kept out of tuning.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO.parent / "shared" / "eval"
DEV_FILE = EVAL_DIR / "summaries-bbc-dev.jsonl"
sys.path.insert(0, str(REPO))

from generator import brief_file, pipeline, render, site  # noqa: E402
from generator.brief_file import BriefFile  # noqa: E402
from generator.config import SiteConfig, load_config  # noqa: E402

SEED_DIR = REPO / "seeds"
SHOWN_BRIEFS = ("seed", "bbc-business-284", "bbc-politics-337", "bbc-tech-364", "bbc-sport-481")
RELATED_TARGET, TAGS_TARGET = 0.85, 0.90


@dataclass(frozen=True)
class Trap:
    """A text where `wrong` (a glossary slug) must not link inside `name`, and `right` links later."""

    text: str
    name: str  # the longer name, as it stands in the text (its first occurrence)
    wrong: str  # the slug that would be the wrong sense
    right: str  # the later words that mean the term itself


TRAPS = (
    Trap("Liberal Democrat leader Charles Kennedy said his party would fight the seat. "
         "In Washington, the Democrats said they would block the bill.",
         "Liberal Democrat", "democratic-party", "Democrats"),
    Trap("The Trades Union Congress said pay had fallen for a third year. "
         "Across the Atlantic, Congress passed a budget on Friday.",
         "Trades Union Congress", "us-congress", "Congress passed"),
    Trap("The Indian National Congress won the most seats in the state elections. "
         "Its leaders will visit Washington, where Congress is debating a trade bill.",
         "Indian National Congress", "us-congress", "Congress is"),
    Trap("Fighting in the east of the Democratic Republic of Congo has forced 20,000 people from their homes. "
         "In the US, Democrats called for more aid.",
         "Democratic Republic of Congo", "democratic-party", "Democrats called"),
    Trap("The Irish Republican Army has said it will not disarm. "
         "Senior Republicans in Washington urged it to think again.",
         "Irish Republican Army", "republican-party", "Republicans in"),
    Trap("The bill was passed by the Australian Senate on Thursday. "
         "A similar bill failed in the Senate in Washington last year.",
         "Australian Senate", "us-senate", "Senate in"),
    Trap("India's Supreme Court has ordered a new inquiry into the crash. "
         "Lawyers said the case could echo one heard by the Supreme Court in Washington.",
         "Supreme Court has", "us-supreme-court", "Supreme Court in"),
    Trap("Andy Roddick lost in the quarter-finals of the US Open in New York. "
         "He said the US would still be a force in the Davis Cup.",
         "US Open", "united-states", "US would"),
    Trap("The New York State Department of Health said the outbreak was over. "
         "The State Department issued a travel warning for the region.",
         "New York State Department of Health", "state-department", "State Department issued"),
    Trap("The Kremlin Cup in Moscow was won by the top seed. "
         "The Kremlin said the president had watched the final.",
         "Kremlin Cup", "kremlin", "Kremlin said"),
    Trap("The Geneva Motor Show opened with record crowds. "
         "Talks in Geneva between the two sides ended without a deal.",
         "Geneva Motor Show", "geneva", "Geneva between"),
    Trap("Saddam Hussein's Republican Guard was said to be regrouping near Baghdad. "
         "Republicans in Congress backed the plan.",
         "Republican Guard", "republican-party", "Republicans in"),
    Trap("Liberal Democrats in the Welsh Assembly voted against the plan. "
         "In the US, the Democrats were split.",
         "Liberal Democrats", "democratic-party", "Democrats were"),
    Trap("Sonia Gandhi said the Congress party would form the next government in India. "
         "Her allies in Delhi agreed.\n\n" + "Markets rose on the news and the rupee held steady. " * 6 +
         "\n\nIn Washington, Congress is expected to approve a new trade deal with the region.",
         "Congress party", "us-congress", "Congress is"),
    Trap("The Philippine Senate rejected the treaty on Monday. "
         "The Senate in Washington ratified it a year ago.",
         "Philippine Senate", "us-senate", "Senate in"),
    Trap("The White House Correspondents' Association dinner was held on Saturday. "
         "The White House said the president would attend.",
         "White House Correspondents", "white-house", "White House said"),
    Trap("US Airways said it would cut 1,000 jobs. "
         "Airlines in the US have lost money for four years.",
         "US Airways", "united-states", "US have"),
)

# Plain uses of a term that the sense rule must leave linked.
CONTROLS = (
    ("US President George W Bush said the talks would go on.", "US President", "united-states"),
    ("NATO Secretary General Jaap de Hoop Scheffer flew to Kabul.", "NATO", "nato"),
    ("Republican Senator John McCain backed the bill.", "Republican", "republican-party"),
    ("Yesterday the Senate voted to confirm the nominee.", "Senate", "us-senate"),
    ("The US and Russia met in Geneva on Monday.", "US", "united-states"),
    ("Britain and the US urged Russia to withdraw.", "Russia", "russia"),
    ("On Tuesday NATO said it would send more troops.", "NATO", "nato"),
)


def gold_section(record_id: str) -> str:
    return record_id.split("-")[1]


def load_dev() -> list[dict]:
    return [json.loads(line) for line in DEV_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def brief_page(brief, config: SiteConfig, name: str) -> BriefFile:  # noqa: ANN001
    """The page the plugin would read for this brief (front matter + body)."""
    rendered = render.render_brief(brief, config)
    return brief_file.generated(Path(name), rendered.front_matter, rendered.body)


def build_pages(records: list[dict], config: SiteConfig) -> tuple[dict[str, BriefFile], dict[str, str | None]]:
    """Pages by id (BBC ids and "seed"), and each brief's predicted section."""
    pages, sections = {}, {}
    for record in records:
        brief = pipeline.build_brief(record["text"], record["id"], config, title=record["title"], headline_required=False)
        pages[record["id"]] = brief_page(brief, config, f"{record['id']}.md")
        sections[record["id"]] = brief.section
    for seed in sorted(SEED_DIR.glob("*.txt"))[:1]:
        brief = pipeline.build_brief(seed.read_bytes(), seed, config)
        pages["seed"] = brief_page(brief, config, "seed.md")
        sections["seed"] = brief.section
    return pages, sections


def related_lists(pages: dict[str, BriefFile]) -> dict[str, list[str]]:
    """Each page's related briefs (ids), as the plugin computes them."""
    by_uri = {page.name: key for key, page in pages.items()}
    index = site.related_index(list(pages.values()))
    return {key: [by_uri[r.name] for r in index.related(page.name)] for key, page in pages.items()}


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "  n/a "


def score_rows(ids: list[str], pages, sections, related) -> dict[str, str]:  # noqa: ANN001
    correct = sum(sections[i] is not None and sections[i].startswith(gold_section(i)[:4]) for i in ids)
    links = [(i, r) for i in ids for r in related[i] if r != "seed"]
    same = sum(gold_section(i) == gold_section(r) for i, r in links)
    filed = sum(sections[i] is not None for i in ids)
    with_related = sum(bool(related[i]) for i in ids)
    two_tags = sum(len(pages[i].front_matter.tags) >= 2 for i in ids)
    return {
        "briefs": f"{len(ids):6d}",
        "section accuracy": percent(correct, len(ids)),
        "briefs with a section": percent(filed, len(ids)),
        "section right when given": percent(correct, filed),
        "related in section": percent(same, len(links)),
        "briefs with related": percent(with_related, len(ids)),
        "related links": f"{len(links):6d}",
        "two or more tags": percent(two_tags, len(ids)),
    }


def run_traps(config: SiteConfig) -> tuple[int, int, int, list[str]]:
    """(wrong-sense links, true-sense misses, control misses, details)."""
    wrong = missed = control_missed = 0
    details = []
    for trap in TRAPS:
        brief = pipeline.build_brief(trap.text, "trap", config, title="Trap", headline_required=False)
        start = brief.article.text.index(trap.name)
        end = start + len(trap.name)
        right = brief.article.text.index(trap.right)
        hits = [h for h in brief.terms if h.slug == trap.wrong]
        if any(start <= h.start < end for h in hits):
            wrong += 1
            details.append(f"wrong: {trap.wrong} linked inside {trap.name!r}")
        if not any(right <= h.start < right + len(trap.right) for h in hits):
            missed += 1
            details.append(f"missed: {trap.wrong} not linked at {trap.right!r}")
    for text, words, slug in CONTROLS:
        brief = pipeline.build_brief(text, "control", config, title="Control", headline_required=False)
        at = brief.article.text.index(words)
        if not any(h.slug == slug and at <= h.start < at + len(words) for h in brief.terms):
            control_missed += 1
            details.append(f"control missed: {slug} at {words!r}")
    return wrong, missed, control_missed, details


def print_table(rows: dict[str, dict[str, str]]) -> None:
    names = list(next(iter(rows.values())))
    print(f"{'':22}" + "".join(f"{column:>14}" for column in rows))
    for name in names:
        print(f"{name:22}" + "".join(f"{rows[column][name]:>14}" for column in rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=len(SHOWN_BRIEFS), help="print the related lists of this many briefs")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N dev articles")
    args = parser.parse_args()
    config = load_config(REPO / "site_config")
    records = load_dev()[: args.limit]
    started = time.perf_counter()
    pages, sections = build_pages(records, config)
    built = time.perf_counter() - started
    started = time.perf_counter()
    related = related_lists(pages)
    ranked = time.perf_counter() - started
    ids = [r["id"] for r in records]
    held_out = ids[1::2]
    print(f"BBC dev: {len(ids)} briefs (+ the seed), pipeline {built:.1f} s, related {ranked:.2f} s")
    print_table({"all dev": score_rows(ids, pages, sections, related), "held-out half": score_rows(held_out, pages, sections, related)})
    print(f"targets: related in section >= {RELATED_TARGET:.0%}, two or more tags >= {TAGS_TARGET:.0%}, wrong-sense links 0")
    wrong, missed, control_missed, details = run_traps(config)
    print(f"\ntraps: {len(TRAPS)}; wrong-sense links {wrong}; true sense unlinked {missed}; "
          f"controls unlinked {control_missed} of {len(CONTROLS)}")
    for line in details:
        print(f"  {line}")
    print()
    for key in SHOWN_BRIEFS[: args.show]:
        if key not in pages:
            continue
        page = pages[key]
        print(f"{key} [{sections[key] or '-'}] {page.front_matter.title!r}; tags {list(page.front_matter.tags)}")
        for other in related[key] or ["(none)"]:
            title = pages[other].front_matter.title if other in pages else other
            print(f"    -> {other}: {title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
