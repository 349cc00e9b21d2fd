"""Glossary linking cost against glossary size: 1,000 briefs, 50 terms vs 5,000 terms.

    .venv/bin/python benchmarks/glossary.py            (or: make bench-glossary)

Builds deterministic synthetic briefs shaped like rendered ones (headline,
summary admonition, speaker sidebar, key quotes, article paragraphs with quoted
speech, escapes, entities and links), then times `link_markdown` over all of
them with the real glossary padded to 50 terms and to 5,000 terms. Matching
is a dictionary look-up per word, so the two times should be close: the
target is a ratio under 2. Each time is the best of a few runs, after the
glossary is compiled once (compile time is printed on its own).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.config import load_glossary  # noqa: E402
from generator.glossary import compile_glossary, link_markdown  # noqa: E402
from generator.model import GlossaryTerm  # noqa: E402

BRIEFS = 1_000
SMALL, LARGE = 50, 5_000
TARGET_RATIO = 2.0
REPEATS = 3
SEED = 20220112
GLOSSARY_URL = "glossary.md"

SYLLABLES = "var nol sten ko ri ma dun vel tra os gan bel mir ska lu pen dor ahl zin ost".split()
KINDS = ["Accord", "Council", "Agency", "Pact", "Fund", "Commission", "Forum", "Treaty", "Bank", "Front"]
PEOPLE = ["Dmitry Peskov", "Sergei Ryabkov", "Anna Lind", "Omar Haddad", "Li Wei", "Maria Costa"]
ROLES = ["Kremlin spokesman", "deputy foreign minister", "EU envoy", "UN official", "trade minister"]
REAL_MENTIONS = [
    "NATO", "the Kremlin", "sanctions", "Ukraine", "Russia", "the US", "the European Union", "the UN",
    "US Senate Democrats", "the G7", "the OSCE", "the Pentagon", "the White House", "Republicans",
    "the EU", "NATO's allies", "the IMF", "Geneva", "military-technical measures", "a ceasefire",
]
SENTENCES = [
    "{a} said talks with {b} would go on next week.",
    "Officials from {a} and {b} met in {c} on Monday, according to two diplomats.",
    "The proposal, backed by {a}, would also target {b} if {c} refuses.",
    "{a} rejected the plan as a non-starter, while {b} called it \\*premature\\*.",
    "Analysts at the {a} said the figure was close to 100,000 &amp; rising.",
    "A statement from {a} (see [the full text](https://example.org/{n})) named {b}.",
    "In a `{n}-page` report, {a} warned {b} of \"a complete rupture\" with {c}.",
    "{a}\u2019s response came hours after {b} moved troops near {c}.",
]
QUOTES = [
    "\u201c{a} will respond in kind,\u201d he said.",
    "\"There will be no deficit of political will,\" said the {a} envoy.",
    "<span class=\"nb-quote\" data-speaker=\"{p}\" title=\"{p}\">\"It concerns {a},\"</span> she warned.",
]


def synthetic_terms(count: int, rng: random.Random) -> list[GlossaryTerm]:
    """Invented organisations and acronyms with aliases, unique by slug and name."""
    terms, names = [], set()
    while len(terms) < count:
        root = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        name = f"{root} {rng.choice(KINDS)}" if rng.random() < 0.7 else root
        acronym = "".join(w[0] for w in name.split()).upper() + rng.choice("QXZKV") + str(len(terms) % 97)
        if name in names or acronym in names:
            continue
        names.update((name, acronym))
        slug = f"syn-{len(terms)}"
        terms.append(GlossaryTerm(slug, name, f"An invented body, number {len(terms)}.", aliases=(acronym,)))
    return terms


def glossary_of(size: int, real: tuple[GlossaryTerm, ...], synthetic: list[GlossaryTerm]) -> tuple[GlossaryTerm, ...]:
    return tuple(real[:size]) + tuple(synthetic[: max(0, size - len(real))])


def mention(rng: random.Random, synthetic: list[GlossaryTerm]) -> str:
    """A name to put in a sentence: a real term, an invented one, or an invented one's acronym."""
    roll = rng.random()
    if roll < 0.5:
        return rng.choice(REAL_MENTIONS)
    term = rng.choice(synthetic)
    return term.aliases[0] if roll < 0.6 else f"the {term.term}"


def paragraph(rng: random.Random, synthetic: list[GlossaryTerm]) -> str:
    parts = []
    for _ in range(rng.randint(2, 5)):
        template = rng.choice(QUOTES if rng.random() < 0.25 else SENTENCES)
        names = {k: mention(rng, synthetic) for k in "abc"}
        sentence = template.format(n=rng.randint(2, 400), p=rng.choice(PEOPLE), **names).replace("the the ", "the ")
        parts.append(sentence[0].upper() + sentence[1:])
    return " ".join(parts)


def brief(index: int, rng: random.Random, synthetic: list[GlossaryTerm]) -> str:
    """One body shaped like a rendered brief."""
    speakers = rng.sample(PEOPLE, 2)
    lines = [
        f"# {mention(rng, synthetic).removeprefix('the ').capitalize()} weighs options, report {index}",
        "",
        f"12 January 2022 · {rng.randint(1, 9)} min read",
        "",
        '!!! abstract "Summary"',
        "",
        *(f"    - {paragraph(rng, synthetic)}" for _ in range(3)),
        "",
        '!!! quote inline end "Who said what"',
        "",
        *(f"    - **[{p}](people/{p.lower().replace(' ', '-')}.md)**, {rng.choice(ROLES)} (2 quotes)" for p in speakers),
        "",
        "## Key quotes",
        "",
        f"> \u201c{paragraph(rng, synthetic)}\u201d\n>\n> \u2014 [{speakers[0]}](people/x.md)",
        "",
        "## The article",
        "",
    ]
    lines += [paragraph(rng, synthetic) + "\n" for _ in range(rng.randint(8, 16))]
    return "\n".join(lines)


def time_linking(bodies: list[str], terms: tuple[GlossaryTerm, ...]) -> float:
    """Best-of-REPEATS seconds to link every body."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        for body in bodies:
            link_markdown(body, terms, GLOSSARY_URL)
        best = min(best, time.perf_counter() - start)
    return best


def time_compiling(terms: tuple[GlossaryTerm, ...]) -> float:
    start = time.perf_counter()
    compile_glossary(terms)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--briefs", type=int, default=BRIEFS, help=f"how many briefs (default {BRIEFS})")
    args = parser.parse_args()
    rng = random.Random(SEED)
    real = load_glossary(REPO / "site_config" / "glossary.yml")
    synthetic = synthetic_terms(LARGE, rng)
    bodies = [brief(i, rng, synthetic) for i in range(args.briefs)]
    small, large = glossary_of(SMALL, real, synthetic), glossary_of(LARGE, real, synthetic)
    compile_small, compile_large = time_compiling(small), time_compiling(large)
    linked = [link_markdown(b, large, GLOSSARY_URL) for b in bodies[:50]]
    assert all(link_markdown(b, large, GLOSSARY_URL) == b for b in linked), "linking is not idempotent"
    seconds_small, seconds_large = time_linking(bodies, small), time_linking(bodies, large)
    size = sum(len(b) for b in bodies)
    print(f"{len(bodies)} briefs, {size / 1e6:.1f} MB of Markdown; best of {REPEATS} runs")
    print(f"{len(small):>5} terms: link {seconds_small:.3f} s   (compile {compile_small * 1e3:.1f} ms)")
    print(f"{len(large):>5} terms: link {seconds_large:.3f} s   (compile {compile_large * 1e3:.1f} ms)")
    ratio = seconds_large / seconds_small
    print(f"ratio {len(large)}/{len(small)} terms: {ratio:.2f} (target < {TARGET_RATIO:g})")
    return 0 if ratio < TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
