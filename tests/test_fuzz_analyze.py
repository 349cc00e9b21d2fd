"""`briefs analyze` on hypothesis-generated Unicode: it never raises, and every offset
(quotes, quote fragments, glossary hits) indexes the input text."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import analyze_line
from generator.config import load_config

from conftest import REPO, run_briefs

CONFIG = load_config(REPO / "site_config")
# Pieces of news text the stages react to, mixed with arbitrary Unicode.
PIECES = [
    "\n", "\n\n", " ", '"', "\u201c", "\u201d", "\u2018", "\u2019", "'", " said ", " told reporters", ", he said.",
    "Kremlin spokesman Dmitry Peskov", "NATO", "the Kremlin", "sanctions", "Ukraine", "By Anna de Vries",
    "DALLAS (AP) \u2014 ", "9:05 p.m.", "4-min read", "March 3, 2021", "<tweet id=\"1\" author=\"@x\">", "</tweet>",
    "<script>alert(1)</script>", "Share this article: Facebook Twitter Email", "America\u00bfs", "Caf\u00c3\u00a9",
    "e\u0301", "\r\n", "\u00a0", "\u200b", "\ufeff", "U.S.", "Mr.", ". ", "? ", "! ", "...", "\u2014",
]
NEWSLIKE = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map("".join)
EXAMPLES_ARBITRARY = 400
EXAMPLES_NEWSLIKE = 400
EXAMPLES_CLI = 6


def check_record(record: dict, text: str) -> None:
    if "error" in record:
        assert isinstance(record["error"], str) and "\n" not in record["error"]
        assert record["error"].startswith("fuzz.jsonl:1")
        return
    spans = [(q["start"], q["end"]) for q in record["quotes"]]
    spans += [tuple(f) for q in record["quotes"] for f in q.get("fragments") or []]
    spans += [(g["start"], g["end"]) for g in record["glossary"]]
    for start, end in spans:
        assert 0 <= start <= end <= len(text), (start, end, len(text))


def analyze(text: str, title: str | None) -> dict:
    line = json.dumps({"id": "f", "text": text, "title": title})
    return analyze_line(line, "fuzz.jsonl:1", CONFIG)


@settings(max_examples=EXAMPLES_ARBITRARY, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400), title=st.none() | st.text(max_size=40))
def test_arbitrary_unicode_never_raises_and_offsets_index_the_input(text: str, title: str | None):
    check_record(analyze(text, title), text)


@settings(max_examples=EXAMPLES_NEWSLIKE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NEWSLIKE, title=st.none() | st.sampled_from(["Kremlin warns NATO", "", "  "]))
def test_newslike_unicode_never_raises_and_offsets_index_the_input(text: str, title: str | None):
    check_record(analyze(text, title), text)


@settings(max_examples=EXAMPLES_CLI, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=NEWSLIKE)
def test_real_cli_on_generated_files(tmp_path: Path, text: str):
    article = tmp_path / "fuzz.txt"
    article.write_text(text, encoding="utf-8", newline="")
    result = run_briefs("analyze", str(article), "--json", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        record = json.loads(result.stdout)
        check_record(record, text)
    else:
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 1 and len(lines) == 1 and lines[0].startswith(f"error: {article}: ")
