"""The `briefs` command line: argument parsing, messages and exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Callable, TextIO

from generator import __version__, analysis, ingest, pipeline
from generator.config import SiteConfig, load_config
from generator.errors import BriefError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("generator")


def _emit(record: dict, out: TextIO) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _analyze_file(args: argparse.Namespace, config: SiteConfig) -> int:
    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise BriefError(f"{path}: cannot read ({err.strerror})") from err
    brief = pipeline.build_brief(raw, path, config, summary_sentences=args.summary_sentences)
    record = analysis.to_record(brief, str(path), lambda offset: offset)
    json.dump(record, sys.stdout, ensure_ascii=False, indent=2 if args.json else None)
    sys.stdout.write("\n")
    return EXIT_OK


def _analyze_line(line: str, where: str, config: SiteConfig, summary_sentences: int | None) -> dict:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        return {"id": None, "error": f"{where}: not valid JSON ({err.msg})"}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"id": item.get("id") if isinstance(item, dict) else None, "error": f"{where}: expected an object with a 'text' string"}
    record_id = item.get("id")
    title = item.get("title") if isinstance(item.get("title"), str) else None
    try:
        brief = pipeline.build_brief(
            item["text"], f"{where} ({record_id})", config, title=title, headline_required=False, summary_sentences=summary_sentences
        )
    except BriefError as err:
        return {"id": record_id, "error": str(err)}
    to_input = ingest.OffsetMap(item["text"], brief.article.text)
    return analysis.to_record(brief, record_id, to_input)


def _analyze_jsonl(args: argparse.Namespace, config: SiteConfig) -> int:
    path = Path(args.jsonl)
    failed = 0
    try:
        source = sys.stdin if args.jsonl == "-" else path.open(encoding="utf-8")
    except OSError as err:
        raise BriefError(f"{path}: cannot read ({err.strerror})") from err
    with source:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            record = _analyze_line(line, f"{path}:{number}", config, args.summary_sentences)
            if "error" in record:
                failed += 1
                print(f"error: {record['error']}", file=sys.stderr)
            _emit(record, sys.stdout)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    config = load_config(args.site_config)
    if (args.file is None) == (args.jsonl is None):
        raise BriefError("analyze: give either FILE or --jsonl IN.jsonl")
    return _analyze_jsonl(args, config) if args.jsonl else _analyze_file(args, config)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefs",
        description="Turn news articles into annotated Markdown briefs for a MkDocs site.",
        epilog="Run 'briefs COMMAND --help' for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    parser.add_argument("--site-config", default="site_config", metavar="DIR", help="site configuration folder (default: site_config)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_analyze(commands)
    return parser


def _add_analyze(commands: argparse._SubParsersAction) -> None:
    analyze = commands.add_parser(
        "analyze",
        help="print the pipeline's findings for articles as JSON",
        description="Run the pipeline on one article (FILE) or on a JSONL batch and print what it found: "
        "summary, quotes with speakers, glossary hits, tags. Offsets index the input text.",
        epilog="examples:\n  briefs analyze seeds/000_cdd9e97eb5c255ec.txt --json\n"
        "  briefs analyze --jsonl articles.jsonl --summary-sentences 3 > findings.jsonl\n\n"
        'JSONL input lines are {"id", "text", "title"?}; a bad line prints {"id", "error"} '
        "and the batch goes on (exit status 1 if any line failed).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze.add_argument("file", nargs="?", help="one article text file")
    analyze.add_argument("--json", action="store_true", help="pretty-print the JSON object for FILE")
    analyze.add_argument("--jsonl", metavar="IN.jsonl", help="batch input, one JSON object per line ('-' for stdin)")
    analyze.add_argument("--summary-sentences", type=_positive_int, metavar="K", help="sentences per summary (default: site_config setting, 3)")
    analyze.set_defaults(func=cmd_analyze)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return args.func(args)
    except BriefError as err:
        if args.debug:
            raise
        print(f"error: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
