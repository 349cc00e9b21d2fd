"""Ingest on real articles: how many are refused, and how many lose a body sentence.

    .venv/bin/python benchmarks/ingest.py            (or: make bench-ingest)
    .venv/bin/python benchmarks/ingest.py --show 20  (also print dropped lines, to audit by eye)

Reads ../shared/eval (article texts never enter the repository) and feeds each
article to `ingest.parse_article` as a seed file would reach it (bytes, a
headline required), in these shapes:

- polnear: quotes-dev.jsonl as given (headline on line 1; tweets, share and
  follow lines, agency datelines as the publishers sent them);
- bbc: summaries-bbc-*.jsonl, title + blank line + text;
- bbc-header-tight / bbc-header-spaced: the same with a byline (with particles
  such as "de" and "van"), a date and a "4-min read" line under the headline,
  without and with blank lines between them;
- bbc-untitled: the text alone, so the headline must come from the first sentence.

For each shape it counts articles refused, articles whose title is wrong,
articles where a header line (byline, date, reading time) stays in the body,
articles where markup or page furniture (share, follow, tip lines) stays in the body,
and articles that lose a body sentence: an input paragraph with words of its
own (not markup or page furniture, judged by the independent list below) of
which less than 90% of the words reach the body.
"""

from __future__ import annotations

import argparse
import collections
import html

import ftfy
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator import ingest  # noqa: E402
from generator.errors import ArticleError  # noqa: E402

EVAL_DIR = REPO.parent / "shared" / "eval"
COVERED_SHARE = 0.9
BYLINES = ["Anna de Vries", "Pieter van der Berg", "Maria dos Santos and Tom O'Neill", "Ludwig von Arx", "Jane Doe"]
DATES = ["12 March 2004", "March 12, 2004", "2004-03-12"]
# Page furniture, judged here independently of ingest's own rules: a dropped
# line that matches one of these is not a lost sentence.
FURNITURE = re.compile(
    r"^(?:follow\b.{0,80}\b(?:twitter|facebook|instagram)\b.*|\(?h/t\b.{0,80}|share\b.{0,80}"
    r"|<[^>]*>\W*(?:</?[^>]*>\W*)*|\d{1,2}:\d{2}\s*[ap]\.m\.|abstract\.|full text\.|\W*)$",
    re.IGNORECASE,
)
# An agency dateline opening a paragraph ("PASADENA, Calif., Jan. 1 (UPI) —") is not a sentence.
DATELINE = re.compile(r"^(?:[^\u2014]{0,60}\((?:AP|UPI|Reuters|AFP|CNN)\)|[A-Z][A-Z ,.]{2,40})\s*[\u2014\u2013-]+\s")
WORD = re.compile(r"[^\W_]+")


@dataclass
class Tally:
    articles: int = 0
    refused: int = 0
    wrong_title: int = 0
    header_in_body: int = 0
    lost_sentence: int = 0
    furniture_kept: int = 0
    reasons: collections.Counter = field(default_factory=collections.Counter)
    dropped: list[str] = field(default_factory=list)


def read_jsonl(name: str) -> list[dict]:
    path = EVAL_DIR / name
    return [json.loads(line) for line in path.open(encoding="utf-8")] if path.exists() else []


def shapes() -> dict[str, list[tuple[str, str, str | None, list[str]]]]:
    """shape -> [(id, file text, expected title or None, header lines)]."""
    polnear = [(r["id"], r["text"], r["title"], []) for r in read_jsonl("quotes-dev.jsonl")]
    bbc = read_jsonl("summaries-bbc-dev.jsonl") + read_jsonl("summaries-bbc-train.jsonl")
    out: dict[str, list] = {"polnear": polnear, "bbc": [], "bbc-header-tight": [], "bbc-header-spaced": [], "bbc-untitled": []}
    for number, r in enumerate(bbc):
        header = [f"By {BYLINES[number % len(BYLINES)]}", DATES[number % len(DATES)], "4-min read"]
        out["bbc"].append((r["id"], f"{r['title']}\n\n{r['text']}", r["title"], []))
        out["bbc-header-tight"].append((r["id"], "\n".join([r["title"], *header]) + f"\n\n{r['text']}", r["title"], header))
        out["bbc-header-spaced"].append((r["id"], "\n\n".join([r["title"], *header, r["text"]]), r["title"], header))
        out["bbc-untitled"].append((r["id"], r["text"], None, []))
    return out


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def measure(article_id: str, text: str, title: str | None, header: list[str], tally: Tally) -> None:
    tally.articles += 1
    try:
        article = ingest.parse_article(text.encode("utf-8"), f"{article_id}.txt")
    except ArticleError as err:
        tally.refused += 1
        tally.reasons[err.problem] += 1
        return
    if title is not None and _squash(article.title) != _squash(title):
        tally.wrong_title += 1
    body = "\n".join(article.paragraph_text(p) for p in article.paragraphs)
    # A subhead joined to the headline is shown, not lost; a story sentence taken for
    # the headline of an untitled text is lost from the body.
    shown = body + "\n" + article.title if title is not None else body
    body_words = collections.Counter(words(shown))
    if any(line in body for line in header):
        tally.header_in_body += 1
    if any(FURNITURE.match(line) and not re.fullmatch(r"\W*", line) for line in body.split("\n")):
        tally.furniture_kept += 1
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title is not None:
        lines = lines[1:]
    lost = [line for line in lines if line not in header and _is_lost(line, body_words)]
    if lost:
        tally.lost_sentence += 1
        tally.dropped.extend(f"{article_id}: {line[:160]}" for line in lost)


def _squash(title: str) -> str:
    return " ".join(words(title))


def _is_lost(line: str, body_words: collections.Counter) -> bool:
    if FURNITURE.match(line):
        return False
    own = words(ftfy.fix_text(html.unescape(DATELINE.sub(" ", re.sub(r"<[^>]*>", " ", line)))))
    if not own:
        return False
    missing = collections.Counter(own) - body_words
    return sum(missing.values()) > (1 - COVERED_SHARE) * len(own)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print up to N lost lines per shape")
    args = parser.parse_args()
    data = shapes()
    if not data["polnear"]:
        print(f"no evaluation data in {EVAL_DIR}", file=sys.stderr)
        return 1
    print(f"{'shape':<18} {'articles':>8} {'refused':>8} {'bad title':>9} {'header kept':>11} {'lost sentence':>13} {'furniture kept':>14}")
    for shape, items in data.items():
        tally = Tally()
        for item in items:
            measure(*item, tally)
        print(f"{shape:<18} {tally.articles:>8} {tally.refused:>8} {tally.wrong_title:>9} {tally.header_in_body:>11} {tally.lost_sentence:>13} {tally.furniture_kept:>14}")
        for reason, count in tally.reasons.most_common(3):
            print(f"    refused {count}: {reason}")
        for line in tally.dropped[: args.show]:
            print(f"    lost: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
