"""`briefs generate` and `briefs check`: the batch around the pipeline.

File access goes through `store`; this module decides what to do with each
article: skip it (unchanged input), build it, and hand the result to the
store, which keeps hand edits safe. A bad article is recorded and the batch
goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__, glossary, pipeline, render, store
from generator.config import SiteConfig, load_config
from generator.errors import BriefError

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
REQUIRED_FRONT_MATTER = ("title", "source", "summary", "generator")


@dataclass(frozen=True)
class Inputs:
    paths: list[Path]
    errors: list[str]


@dataclass
class Report:
    outcomes: list[tuple[Path, store.Outcome]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self, input_errors: int = 0) -> str:
        counts: dict[store.Outcome, int] = {}
        for _, outcome in self.outcomes:
            counts[outcome] = counts.get(outcome, 0) + 1
        parts = [f"{n} {outcome.value}" for outcome, n in counts.items()]
        parts.append(f"{len(self.errors) + input_errors} failed")
        return "briefs: " + ", ".join(parts)


@dataclass(frozen=True)
class _Job:
    source: str
    raw: bytes
    input_digest: str
    first_generated: dt.date
    config: SiteConfig


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


def input_digest(raw: bytes, config: SiteConfig) -> str:
    """Identifies what a brief was made from: article bytes, settings, generator version."""
    digest = hashlib.sha256(raw)
    digest.update(f"\0{config.fingerprint}\0{__version__}".encode())
    return digest.hexdigest()


def source_name(path: Path) -> str:
    """How front matter names the article: relative to the working folder when possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _render_job(job: _Job) -> render.RenderedBrief | str:
    """Build and render one article; a BriefError comes back as its message."""
    try:
        brief = pipeline.build_brief(job.raw, job.source, job.config, today=job.first_generated)
        return render.render_brief(brief, job.config, job.input_digest)
    except BriefError as err:
        return str(err)


def _plan(path: Path, config: SiteConfig, by_source: dict[str, Path], force: bool, report: Report) -> _Job | None:
    """Read one article and decide whether it needs building."""
    source = source_name(path)
    try:
        raw = store.read_input(path)
        digest = input_digest(raw, config)
        first_generated = dt.date.today()
        if source in by_source:
            existing = store.read_brief(by_source[source])
            first_generated = store.recorded_date(existing) or first_generated
            if existing.input_digest == digest and not force:
                outcome = store.Outcome.KEPT_EDITED if existing.is_edited else store.Outcome.UNCHANGED
                report.outcomes.append((existing.path, outcome))
                return None
    except BriefError as err:
        report.errors.append(str(err))
        return None
    return _Job(source, raw, digest, first_generated, config)


def generate_briefs(
    paths: list[Path], config: SiteConfig, briefs_dir: Path, *, force: bool, jobs: int, backup_dir: Path
) -> Report:
    """Generate a brief per article; unchanged inputs are skipped, hand edits kept."""
    report = Report()
    by_source = store.index_by_source(briefs_dir)
    planned = [job for path in paths if (job := _plan(path, config, by_source, force, report))]
    if jobs > 1 and len(planned) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_render_job, planned))
    else:
        results = [_render_job(job) for job in planned]
    for job, result in zip(planned, results):
        if isinstance(result, str):
            report.errors.append(result)
            continue
        target = store.choose_path(briefs_dir, result.slug, job.source, by_source)
        by_source[job.source] = target
        try:
            report.outcomes.append((target, store.save_generated(target, result, force=force, backup_dir=backup_dir)))
        except BriefError as err:
            report.errors.append(str(err))
    return report


def check_site(site_config: Path, briefs_dir: Path) -> list[str]:
    """Every problem with site_config/ and the briefs, one line each."""
    try:
        config = load_config(site_config)
    except BriefError as err:
        return [str(err)]
    slugs = {term.slug for term in config.glossary}
    problems = []
    for path in store.list_briefs(briefs_dir):
        try:
            stored = store.read_brief(path)
        except BriefError as err:
            problems.append(str(err))
            continue
        missing = [key for key in REQUIRED_FRONT_MATTER if key not in stored.front_matter]
        if missing:
            problems.append(f"{path}: front matter lacks {', '.join(missing)}")
        for slug in glossary.linked_slugs(stored.body, render.GLOSSARY_URL):
            if slug not in slugs:
                problems.append(f"{path}: links glossary term '{slug}', which is not in {config.glossary_path}")
    return problems
