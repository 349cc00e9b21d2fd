"""The `briefs` command line: argument parsing, messages and exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO, TypeVar

from tqdm import tqdm

from generator import __version__, analysis, generate, glossary, ingest, pipeline, store
from generator.config import SiteConfig, load_config
from generator.errors import BriefError

EXIT_OK, EXIT_FAILED = 0, 1
T = TypeVar("T")
log = logging.getLogger("generator")


DEFAULT_SITE_CONFIG, DEFAULT_BRIEFS = "site_config", "briefs"
OUTSIDE_PROJECT = (
    "{folder}: no site configuration folder here; run briefs inside a newsbriefs project "
    "(the folder holding site_config/ and briefs/) or point at one with --site-config DIR --briefs DIR"
)


def _load_config(args: argparse.Namespace, *, missing_ok: bool = False, **overrides: object) -> SiteConfig:
    """The site configuration, with the command line's overrides validated like settings.yml."""
    return load_config(args.site_config, missing_ok=missing_ok, max_article_mb=args.max_article_mb, **overrides)


def _require_project(args: argparse.Namespace) -> None:
    """Every command but analyze needs a project: say how to point at one."""
    if args.command != "analyze" and not Path(args.site_config).is_dir():
        raise BriefError(OUTSIDE_PROJECT.format(folder=args.site_config))


def _emit(record: dict, out: TextIO) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _analyze_file(args: argparse.Namespace, config: SiteConfig) -> int:
    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise BriefError(f"{path}: cannot read ({err.strerror})") from err
    brief = pipeline.build_brief(raw, path, config, summary_sentences=args.summary_sentences)
    record = analysis.to_record(brief, str(path), _file_offsets(raw, str(path)))
    json.dump(record, sys.stdout, ensure_ascii=False, indent=2 if args.json else None)
    sys.stdout.write("\n")
    return EXIT_OK


def _file_offsets(raw: bytes, source: str) -> ingest.OffsetMap:
    """Offsets into the file's decoded text (a saved page: into its extracted text)."""
    text = ingest.decode(raw, source)
    if ingest.is_html(text, source):
        return ingest.OffsetMap(text, text)
    return ingest.OffsetMap(text, ingest.normalize(text))


def analyze_line(line: str, where: str, config: SiteConfig, summary_sentences: int | None = None) -> dict:
    """One JSONL input line -> its analyze record, or {"id", "error"}; never raises for bad input."""
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
    # Markup removal and apostrophe repair keep the length; only decoding repairs move offsets.
    to_input = ingest.OffsetMap(item["text"], ingest.normalize(item["text"]))
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
            record = analyze_line(line, f"{path}:{number}", config, args.summary_sentences)
            if "error" in record:
                failed += 1
                print(f"error: {record['error']}", file=sys.stderr)
            _emit(record, sys.stdout)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    # Outside a project analyze runs with the default configuration; a command-line setting
    # is checked like the same key in settings.yml.
    config = _load_config(args, missing_ok=args.site_config == DEFAULT_SITE_CONFIG, summary_sentences=args.summary_sentences)
    if (args.file is None) == (args.jsonl is None):
        raise BriefError("analyze: give either FILE or --jsonl IN.jsonl")
    return _analyze_jsonl(args, config) if args.jsonl else _analyze_file(args, config)


def _progress_bar(items: Iterator[T], total: int) -> Iterator[T]:
    """A progress bar on stderr when it is a terminal (tqdm's disable=None); nothing otherwise."""
    return iter(tqdm(items, total=total, unit="brief", file=sys.stderr, disable=None if total else True, leave=False))


def cmd_generate(args: argparse.Namespace) -> int:
    config = _load_config(args)
    briefs_dir = Path(args.briefs)
    inputs = generate.collect_inputs([Path(p) for p in args.paths or ["seeds"]])
    if not inputs.paths and not inputs.errors:
        raise BriefError(f"{', '.join(args.paths or ['seeds'])}: no .txt or .html articles found")
    report = generate.generate_briefs(
        inputs.paths, config, briefs_dir, force=args.force, jobs=args.jobs, backup_dir=Path(args.backup_dir), track=_progress_bar
    )
    for line in inputs.errors + report.errors:
        print(f"error: {line}", file=sys.stderr)
    for path, outcome in report.outcomes:
        if outcome is store.Outcome.KEPT_EDITED:
            print(f"{path}: edited by hand since it was generated; kept it (use --force to replace it, keeping a backup)", file=sys.stderr)
        elif outcome is store.Outcome.KEPT_OLDER:
            print(f"{path}: written by an older version, whose digest covers only the body, so hand edits cannot be told apart; kept it (use --force to replace it, keeping a backup)", file=sys.stderr)
        elif outcome is store.Outcome.KEPT_INVALID:
            continue  # its error line says why
        elif outcome is not store.Outcome.UNCHANGED or args.verbose:
            print(f"{path}: {outcome.value}")
    print(report.summary(len(inputs.errors), show_built=args.verbose), file=sys.stderr)
    return EXIT_FAILED if inputs.errors or report.errors else EXIT_OK


def cmd_relink(args: argparse.Namespace) -> int:
    config = _load_config(args)
    report = generate.relink_briefs(config, Path(args.briefs))
    for line in report.errors:
        print(f"error: {line}", file=sys.stderr)
    changed = [path for path, outcome in report.outcomes if outcome is store.Outcome.RELINKED]
    for path in changed:
        print(f"{path}: {store.Outcome.RELINKED.value}")
    print(f"{len(changed)} brief(s) relinked, {len(report.errors)} failed", file=sys.stderr)
    return EXIT_FAILED if report.errors else EXIT_OK


def cmd_glossary_suggest(args: argparse.Namespace) -> int:
    config = _load_config(args)
    bodies, speakers, failed = [], set(), 0
    for found in store.read_briefs(Path(args.briefs)):
        if isinstance(found, BriefError):
            # One broken brief is reported; the others still count towards suggestions.
            print(f"error: {found}", file=sys.stderr)
            failed += 1
            continue
        bodies.append(found.body)
        speakers.update(s.name for s in found.front_matter.speakers)
    suggestions = glossary.suggest_terms(bodies, config.glossary, speakers)[: args.limit]
    sys.stdout.write(glossary.format_suggestions_yaml(suggestions))
    return EXIT_FAILED if failed else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    problems = generate.check_site(Path(args.site_config), Path(args.briefs))
    quotes = generate.check_quotes(Path(args.briefs))
    for warning in quotes.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    problems += quotes.problems
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not problems:
        print("briefs, glossary and people files are valid", file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


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
    _add_common_options(parser, defaults=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_generate(commands)
    _add_analyze(commands)
    _add_relink(commands)
    _add_glossary(commands)
    _add_check(commands)
    return parser


def _add_common_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """Options accepted before or after the command: the top level holds the defaults,
    a command's own copy only overrides them when given."""

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    parser.add_argument("--debug", action="store_true", default=default(False), help="show tracebacks and debug logging")
    parser.add_argument("--site-config", default=default(DEFAULT_SITE_CONFIG), metavar="DIR", help="site configuration folder (default: site_config)")
    parser.add_argument("--briefs", default=default(DEFAULT_BRIEFS), metavar="DIR", help="where briefs are written and read (default: briefs)")
    parser.add_argument(
        "--max-article-mb", type=float, default=default(None), metavar="MB",
        help="refuse articles larger than this (default: max_article_mb in settings.yml, else 5)",
    )


def _example_parser(commands: argparse._SubParsersAction, name: str, summary: str, description: str, examples: str) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common_options(parser, defaults=False)
    return parser


def _add_generate(commands: argparse._SubParsersAction) -> None:
    generate_cmd = _example_parser(
        commands,
        "generate",
        "turn articles (seeds/*.txt, saved *.html pages) into Markdown briefs in briefs/",
        "Turn raw article text files (or saved web pages) into briefs: summary, speaker sidebar, key quotes and glossary "
        "links, one Markdown file per article in briefs/. Articles whose text and settings have not "
        "changed are skipped. After an upgrade of the generator (its code, its data such as the "
        "summarizer's weights, or a library that shapes a brief) the first run rebuilds every unedited "
        "brief and writes only those that change; after a glossary.yml edit only the briefs whose links "
        "change are rewritten. A brief edited by hand anywhere (front matter or body) is never "
        "overwritten and does not get the upgrade: it is kept and reported (--force replaces it after "
        "saving a copy in the backup folder). A bad article or an invalid brief is reported in one line and the others are still "
        "generated; the exit status is 1 if any failed. A second run started meanwhile stops at once.",
        "  briefs generate                      # every .txt and .html file in seeds/\n"
        "  briefs generate seeds/new-story.txt  # one article\n"
        "  briefs generate --force --jobs 2     # replace edited briefs too, two processes",
    )
    generate_cmd.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders of .txt and .html files (default: seeds)")
    generate_cmd.add_argument("--force", action="store_true", help="also replace briefs edited by hand (a copy is kept first)")
    generate_cmd.add_argument("--jobs", type=_positive_int, default=1, metavar="N", help="articles processed in parallel (default: 1)")
    generate_cmd.add_argument("--backup-dir", default=store.BACKUP_DIR_NAME, metavar="DIR", help=f"where --force keeps copies of edited briefs (default: {store.BACKUP_DIR_NAME})")
    generate_cmd.add_argument("-v", "--verbose", action="store_true", help="also list briefs that were unchanged, and count the articles run through the pipeline (failed ones included)")
    generate_cmd.set_defaults(func=cmd_generate)


def _add_relink(commands: argparse._SubParsersAction) -> None:
    relink = _example_parser(
        commands,
        "relink",
        "refresh glossary links in every brief after glossary.yml changed",
        "Add, update or remove glossary links in every brief, edited or not, so they match "
        "site_config/glossary.yml. Nothing but glossary links (and the front matter's glossary "
        "list, rewritten as YAML) changes; an unedited brief stays unedited, and running it twice "
        "changes nothing the second time.",
        "  briefs relink",
    )
    relink.set_defaults(func=cmd_relink)


def _add_glossary(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("glossary", help="glossary tools (see 'briefs glossary suggest --help')")
    _add_common_options(group, defaults=False)
    actions = group.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    suggest = _example_parser(
        actions,
        "suggest",
        "list recurring terms that are not in the glossary yet, as YAML",
        "Find acronyms, organisations, places and other names that recur across briefs and are "
        "not in site_config/glossary.yml yet (speakers are left out), most widely used first, and "
        "print them as YAML entries ready to paste under 'terms:' once you write definitions.",
        "  briefs glossary suggest --limit 10 >> candidates.yml",
    )
    suggest.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="at most N suggestions (default: 20)")
    suggest.set_defaults(func=cmd_glossary_suggest)


def _add_check(commands: argparse._SubParsersAction) -> None:
    check = _example_parser(
        commands,
        "check",
        "validate briefs, glossary and people files",
        "Check site_config/ (settings, glossary, people) and every brief's front matter and links: "
        "the same checks the site build runs, so briefs that pass build with mkdocs build --strict. "
        "Also check quote integrity, a newsroom rule the site build does not apply: every direct "
        "quote in a brief edited by hand must still match the source article (front matter "
        "'source:') word for word; a changed quote is reported with its line and words, a missing "
        "source is a warning. Print one line per problem, naming the file and line, and exit 1 if "
        "there is any.",
        "  briefs check\n"
        "  # briefs/x.md:42: quote by Dmitry Peskov no longer matches seeds/y.txt: \"bad\" -> \"good\"",
    )
    check.set_defaults(func=cmd_check)


def _add_analyze(commands: argparse._SubParsersAction) -> None:
    analyze = _example_parser(
        commands,
        "analyze",
        "print the pipeline's findings for articles as JSON",
        "Run the pipeline on one article (FILE: text or a saved .html page) or on a JSONL batch and "
        "print what it found: summary, quotes with speakers, glossary hits, tags. Offsets index the "
        "input text (for a saved page, the text extracted from it). Outside a project it runs with the default configuration (no glossary).",
        "  briefs analyze seeds/000_cdd9e97eb5c255ec.txt --json\n"
        "  briefs analyze --jsonl articles.jsonl --summary-sentences 3 > findings.jsonl\n\n"
        'JSONL input lines are {"id", "text", "title"?}; a bad line prints {"id", "error"} '
        "and the batch goes on (exit status 1 if any line failed).",
    )
    analyze.add_argument("file", nargs="?", help="one article file (.txt, or a saved .html page)")
    analyze.add_argument("--json", action="store_true", help="pretty-print the JSON object for FILE")
    analyze.add_argument("--jsonl", metavar="IN.jsonl", help="batch input, one JSON object per line ('-' for stdin)")
    analyze.add_argument("--summary-sentences", type=_positive_int, metavar="K", help="at most K sentences per summary; short items get fewer (default: site_config setting, 3)")
    analyze.set_defaults(func=cmd_analyze)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        _require_project(args)
        return args.func(args)
    except BriefError as err:
        if args.debug:
            raise
        print(f"error: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _end_quietly_on_closed_output()


def _end_quietly_on_closed_output() -> int:
    """`briefs analyze ... | head`: the reader left; stop without a traceback.
    stdout goes to devnull so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
