"""`briefs generate`, `briefs relink` and `briefs check`: the batch around the pipeline.

File access goes through `store`; this module decides what to do with each
article: skip it (unchanged input), build it, and hand the result to the
store, which keeps hand edits safe. A bad article is recorded and the batch
goes on.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import hashlib
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import __version__, brief_file, fingerprint, glossary, ingest, integrity, pipeline, render, site, store
from generator.brief_file import BriefFile
from generator.config import SiteConfig, load_config
from generator.errors import BriefError

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# After these, the brief on disk is what this run's glossary and generator make of its
# article; after any other outcome (kept edited, older or invalid; failed) it is not.
_FOLLOWS_BUILD = (store.Outcome.WRITTEN, store.Outcome.UNCHANGED, store.Outcome.REPLACED_EDITED)


@dataclass(frozen=True)
class Inputs:
    paths: list[Path]
    errors: list[str]


@dataclass
class Report:
    outcomes: list[tuple[Path, store.Outcome]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    built: int = 0  # articles run through the pipeline, failed ones included (a skipped one is not)

    def summary(self, input_errors: int = 0, *, show_built: bool = False) -> str:
        counts: dict[store.Outcome, int] = {}
        for _, outcome in self.outcomes:
            counts[outcome] = counts.get(outcome, 0) + 1
        parts = [f"{self.built} built"] if show_built else []
        parts += [f"{n} {outcome.value}" for outcome, n in counts.items()]
        parts.append(f"{len(self.errors) + input_errors} failed")
        return "briefs: " + ", ".join(parts)


@dataclass(frozen=True)
class _Job:
    source: str
    raw: bytes
    input_digest: str
    added: dt.date | None  # kept from the existing brief
    legacy_date: dt.date | None  # `date` of a brief from before `added` existed: then the day it was generated
    today: dt.date
    config: SiteConfig

    def added_for(self, published: dt.date | None) -> dt.date:
        """When the brief was first generated: recorded, else today. An older brief's undated
        article carried that day as `date`; a dated one never recorded it, so it starts today."""
        if self.added:
            return self.added
        return self.legacy_date if self.legacy_date and published is None else self.today


def collect_inputs(paths: list[Path]) -> Inputs:
    """Article files from files and folders (folders: their .txt and saved .html pages, sorted)."""
    found, errors = [], []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            errors.append(f"{path}: no such file or folder")
    return Inputs(found, errors)


def build_fingerprint(config: SiteConfig) -> str:
    """What every unedited brief is built with besides its own input: the glossary and the
    generator itself. The index records it per brief; when it changes, an unedited brief is
    built again and written only if it comes out different, so an upgrade that changes no
    brief rewrites none."""
    return fingerprint.content_hash(f"{config.glossary_fingerprint}\0{fingerprint.generator_fingerprint()}")


def input_digest(raw: bytes, config: SiteConfig) -> str:
    """Identifies what a brief was made from: article bytes, settings and people, generator
    version. Not the glossary: a glossary edit re-links briefs without re-stamping them all."""
    digest = hashlib.sha256(raw)
    digest.update(f"\0{config.fingerprint}\0{__version__}".encode())
    return digest.hexdigest()


def source_name(path: Path, cwd: Path | None = None) -> str:
    """How front matter names the article: relative to the working folder when possible
    (`cwd`, resolved, saves resolving it again for every article of a batch)."""
    try:
        return path.resolve().relative_to(cwd or Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _render_job(job: _Job) -> BriefFile | str:
    """Build and render one article; a BriefError comes back as its message."""
    try:
        brief = pipeline.build_brief(job.raw, job.source, job.config)
        return render.render_brief(brief, job.config, job.input_digest, job.added_for(brief.date))
    except BriefError as err:
        return str(err)


@dataclass(frozen=True)
class _Planning:
    config: SiteConfig
    index: store.BriefIndex
    force: bool
    cwd: Path
    today: dt.date
    build: str  # build_fingerprint(config)

    def is_outdated(self, source: str) -> bool:
        """The brief of `source` was last built with another glossary or generator (or that is unknown)."""
        return self.index.built_with.get(source) != self.build


def _plan(path: Path, planning: _Planning, report: Report) -> _Job | None:
    """Read one article and decide whether it needs building. An unchanged article is
    built again only for a glossary edit or a generator upgrade, and only if its brief is
    unedited: the store then writes it only if it comes out different."""
    source = source_name(path, planning.cwd)
    config, index = planning.config, planning.index
    try:
        raw = store.read_input(path)
        digest = input_digest(raw, config)
        if source not in index.by_source:
            return _Job(source, raw, digest, None, None, planning.today, config)
        existing = index.briefs[index.by_source[source]]
    except BriefError as err:
        report.errors.append(str(err))
        return None
    unchanged = existing.input_digest == digest and not planning.force
    relink = planning.is_outdated(source) and not existing.is_edited and not existing.has_older_digest
    if unchanged and not relink:
        outcome = store.Outcome.KEPT_EDITED if existing.is_edited else store.Outcome.UNCHANGED
        if existing.has_older_digest:
            outcome = store.Outcome.KEPT_OLDER
        report.outcomes.append((existing.path, outcome))
        return None
    return _Job(source, raw, digest, existing.added, existing.date, planning.today, config)


def _pool_worker_init(parent: int) -> None:
    """Make a worker die with its parent: a killed `briefs generate` leaves no workers behind."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    if not hasattr(libc, "prctl"):  # not Linux: workers end when the pool is shut down
        return
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _render_all(planned: list[_Job], jobs: int) -> Iterator[BriefFile | str]:
    """Rendered briefs in order, each as soon as it is ready, so a batch stopped midway
    keeps every brief finished before it."""
    if jobs > 1 and len(planned) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_pool_worker_init, initargs=(os.getpid(),)) as pool:
            yield from pool.map(_render_job, planned)
    else:
        yield from map(_render_job, planned)


def _untracked(results: Iterator[BriefFile | str], total: int) -> Iterator[BriefFile | str]:
    return results


def generate_briefs(
    paths: list[Path],
    config: SiteConfig,
    briefs_dir: Path,
    *,
    force: bool,
    jobs: int,
    backup_dir: Path,
    track: Callable[[Iterator[BriefFile | str], int], Iterator[BriefFile | str]] = _untracked,
) -> Report:
    """Generate a brief per article; unchanged inputs are skipped, hand edits kept. After a
    glossary edit or a generator upgrade, unchanged unedited briefs are built again and written
    only if they differ.
    `track` wraps the results as they come (the command line's progress bar). Holds the
    briefs/ lock throughout, so a second run stops instead of writing twice."""
    report = Report()
    with store.locked(briefs_dir):
        index = store.index_briefs(briefs_dir)
        planning = _Planning(config, index, force, Path.cwd().resolve(), dt.date.today(), build_fingerprint(config))
        planned = [job for path in paths if (job := _plan(path, planning, report))]
        report.built = len(planned)
        for job, result in zip(planned, track(_render_all(planned, jobs), len(planned))):
            if isinstance(result, str):
                report.errors.append(result)
                continue
            target = store.choose_path(briefs_dir, result.path.stem, job.source, index)
            index.by_source[job.source] = target
            try:
                outcome = store.save_generated(target, result, force=force, backup_dir=backup_dir)
            except BriefError as err:
                report.errors.append(str(err))
                continue
            if target in index.invalid and outcome is store.Outcome.KEPT_EDITED:
                outcome = store.Outcome.KEPT_INVALID
            if outcome in (store.Outcome.WRITTEN, store.Outcome.REPLACED_EDITED):
                index.briefs[target] = store.KnownBrief.of(replace(result, path=target))
            if outcome in _FOLLOWS_BUILD:
                index.built_with[job.source] = planning.build
            report.outcomes.append((target, outcome))
        store.save_index(briefs_dir, index)
        replaced = {path for path, outcome in report.outcomes if outcome is store.Outcome.REPLACED_EDITED}
        report.errors.extend(
            f"{err} (kept as it is; fix it, or 'briefs generate --force' replaces it after a backup)"
            for path, err in index.invalid.items()
            if path not in replaced
        )
    return report


def relink_briefs(config: SiteConfig, briefs_dir: Path) -> Report:
    """Refresh glossary links in every brief, edited or not: the body's links and the front
    matter's glossary list change, nothing else; an unedited brief stays unedited."""
    report = Report()
    with store.locked(briefs_dir):
        for found in store.read_briefs(briefs_dir):
            if isinstance(found, BriefError):
                report.errors.append(str(found))
                continue
            body = glossary.link_markdown(found.body, config.glossary, render.GLOSSARY_URL)
            text = brief_file.with_glossary(found, brief_file.linked_terms(body), body)
            if text == found.text:
                report.outcomes.append((found.path, store.Outcome.UNCHANGED))
                continue
            store.write_atomic(found.path, text)
            report.outcomes.append((found.path, store.Outcome.RELINKED))
    return report


def check_site(site_config: Path, briefs_dir: Path) -> list[str]:
    """Every problem with site_config/ and the briefs, one line each: the same checks the
    MkDocs plugin runs, so a brief that passes builds with `mkdocs build --strict`."""
    try:
        config = load_config(site_config)
    except BriefError as err:
        return [str(err)]
    return check_briefs(config, briefs_dir)


def check_briefs(config: SiteConfig, briefs_dir: Path) -> list[str]:
    """Every problem with the briefs under a loaded configuration, one line each."""
    problems = []
    site_files = store.site_files(briefs_dir)
    for found in store.read_briefs(briefs_dir):
        if isinstance(found, BriefError):
            problems.append(str(found))
        else:
            problems.extend(site.link_problems(found, config, site_files))
    return problems


@dataclass(frozen=True)
class QuoteCheck:
    problems: list[str]
    warnings: list[str]  # briefs whose quotes could not be checked


def check_quotes(briefs_dir: Path) -> QuoteCheck:
    """Direct quotes in hand-edited briefs whose words no longer match the source article, one
    line each. A newsroom rule that `briefs check` applies and the site build does not; an
    unedited brief matches by construction. A source that is gone or unreadable is a warning."""
    problems, warnings = [], []
    for found in store.read_briefs(briefs_dir):
        if isinstance(found, BriefError) or not found.is_edited or not found.front_matter.source:
            continue  # an invalid brief is check_briefs' to report
        source = found.front_matter.source
        path = _source_path(source, briefs_dir)
        if path is None:
            warnings.append(f"{found.path}: source {source} not found, quotes not checked")
            continue
        try:
            article = ingest.parse_article(store.read_input(path), source)
        except BriefError as err:
            warnings.append(f"{found.path}: quotes not checked: {err}")
            continue
        problems.extend(change.describe(found, source) for change in integrity.changed_quotes(found, article.text))
    return QuoteCheck(problems, warnings)


def _source_path(source: str, briefs_dir: Path) -> Path | None:
    """`source:` names the article relative to the folder generate ran in (see source_name):
    the working folder, or else the project folder that holds briefs/."""
    for path in (Path(source), briefs_dir.parent / source):
        if path.is_file():
            return path
    return None
