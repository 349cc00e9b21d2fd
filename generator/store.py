"""Read and write briefs/: the only module (with cli) that touches brief files.

Hand edits are never lost. A brief's front matter keeps the digest of the
whole file as generated (brief_file); a brief that no longer matches it was
edited by hand, and `save_generated` keeps it unless forced, and then only
after keeping a copy. Every write goes to a temporary file in the same folder
and is renamed into place, so a crash never leaves half a brief; temporary
files carry a recognisable name and the next run removes any a killed run
left. A lock file keeps two runs from writing briefs/ at the same time.
"""

from __future__ import annotations

import datetime as dt
import enum
import errno
import fcntl
import json
import os
import shutil
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__, brief_file
from generator.brief_file import BriefFile
from generator.errors import BriefError, BriefFileError

BACKUP_DIR_NAME = ".briefs-backup"
LOCK_FILE_NAME = ".briefs.lock"
# What `briefs generate` last learnt about each brief, keyed by the file's size and times,
# so a run with nothing changed reads no brief. Hidden: MkDocs does not publish it.
INDEX_FILE_NAME = ".briefs-index.json"
INDEX_FORMAT = 1
# A file changed less than this before the index was written could change again within the
# same timestamp tick without its size or times moving (coarse clocks, 1 s on some file
# systems), so its entry is not trusted: the brief is read again next time. The change time
# decides: unlike the modification time, no tool can set it back.
_RACY_NS = 1_000_000_000
# Hidden (MkDocs skips dot files) and unmistakable, so a later run can clean them up.
TEMP_SUFFIX = ".briefs-tmp"
_NEW_FILE_MODE = 0o666  # the umask decides, as for any file an editor creates


class Outcome(enum.Enum):
    WRITTEN = "written"
    UNCHANGED = "unchanged"
    KEPT_EDITED = "kept (edited by hand)"
    KEPT_OLDER = "kept (written by an older version)"
    KEPT_INVALID = "kept (invalid, see the error)"
    REPLACED_EDITED = "replaced (edited copy backed up)"
    RELINKED = "glossary links updated"


@dataclass(frozen=True)
class KnownBrief:
    """What `briefs generate` needs to know of an existing brief to decide on it."""

    path: Path
    source: str
    input_digest: str | None  # generator.input: what it was made from
    is_edited: bool
    has_older_digest: bool
    added: dt.date | None
    date: dt.date | None

    @classmethod
    def of(cls, brief: BriefFile) -> KnownBrief:
        """The facts of a parsed brief that names its source."""
        front = brief.front_matter
        assert front.source is not None
        stamp = front.generator
        return cls(
            brief.path, front.source, stamp.input if stamp else None, brief.is_edited, brief.has_older_digest, front.added, front.date
        )


@dataclass(frozen=True)
class BriefIndex:
    """The briefs in briefs/ by the article they came from, and those that cannot be read.
    `built_with` maps a source to the build fingerprint (generate.build_fingerprint: the
    glossary and the generator) its brief was last generated with; a source missing from it
    is unknown, and its brief is built again if unedited."""

    by_source: dict[str, Path] = field(default_factory=dict)
    briefs: dict[Path, KnownBrief] = field(default_factory=dict)
    invalid: dict[Path, BriefFileError] = field(default_factory=dict)
    built_with: dict[str, str] = field(default_factory=dict)


def read_input(path: Path) -> bytes:
    """An article's raw bytes (decoding is ingest's job)."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise BriefFileError(path, f"cannot read ({err.strerror})") from err


def read_text(path: Path) -> str:
    """A brief file's text, or BriefFileError."""
    try:
        # As MkDocs reads pages: a byte order mark an editor added is not part of the text.
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise BriefFileError(path, f"not UTF-8 text (byte {err.start})") from err
    except OSError as err:
        raise BriefFileError(path, f"cannot read ({err.strerror})") from err


def read_brief(path: Path) -> BriefFile:
    """Read and validate one brief file."""
    return brief_file.parse(read_text(path), path)


def list_briefs(briefs_dir: Path) -> list[Path]:
    """Brief files: Markdown at the top of briefs/, not hidden, not the home page."""
    if not briefs_dir.is_dir():
        return []
    return sorted(p for p in briefs_dir.glob("*.md") if not p.name.startswith(".") and p.name != "index.md")


def site_files(briefs_dir: Path) -> set[str]:
    """Every file MkDocs would publish from briefs/ (its docs_dir), as a posix path inside it."""
    return {
        path.relative_to(briefs_dir).as_posix()
        for path in briefs_dir.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(briefs_dir).parts)
    }


def read_briefs(briefs_dir: Path) -> Iterator[BriefFile | BriefFileError]:
    """Every brief in briefs/, parsed and validated, or the error that says why it is not.
    Pages that are not briefs (no front matter, or none naming a source) are the editor's
    own, and left out, as the MkDocs plugin leaves them out."""
    for path in list_briefs(briefs_dir):
        try:
            brief = brief_file.parse_page(read_text(path), path)
        except BriefFileError as err:
            yield err
        else:
            if brief is not None:
                yield brief


def index_briefs(briefs_dir: Path) -> BriefIndex:
    """source (seed path) -> brief file, so a renamed headline still finds its brief.
    A brief whose file has not changed since the saved index (save_index) is not read again."""
    saved = _load_index_file(briefs_dir)
    entries = saved.get("briefs", {})
    index = BriefIndex(built_with=_built_with(saved))
    for path in list_briefs(briefs_dir):
        entry = entries.get(path.name)
        known = _known_from_entry(path, entry) if entry else None
        if known is None:
            try:
                brief = brief_file.parse_page(read_text(path), path)
            except BriefFileError as err:
                index.invalid[path] = err
                continue
            if brief is None or not brief.front_matter.source:
                continue
            known = KnownBrief.of(brief)
        index.by_source[known.source] = path
        index.briefs[path] = known
    return index


def _built_with(saved: dict) -> dict[str, str]:
    """The saved build fingerprint of each source; an index from before it was kept (or a
    malformed one) has none, so each unedited brief is built once more."""
    built_with = saved.get("built_with")
    if not isinstance(built_with, dict):
        return {}
    return {source: value for source, value in built_with.items() if isinstance(value, str)}


def save_index(briefs_dir: Path, index: BriefIndex) -> None:
    """Record what the index knows of each brief with its file's size and times, and the
    build fingerprint each brief's source was last generated with. Call while holding the
    lock, with `index` updated for every brief built in this run."""
    written = time.time_ns()
    entries = {}
    for path, known in index.briefs.items():
        try:
            status = path.stat()
        except FileNotFoundError:
            continue
        if status.st_ctime_ns + _RACY_NS < written:
            entries[path.name] = _entry(status, known)
    sources = {known.source for known in index.briefs.values()}
    built_with = {source: value for source, value in sorted(index.built_with.items()) if source in sources}
    record = {"format": INDEX_FORMAT, "version": __version__, "built_with": built_with, "briefs": entries}
    write_atomic(briefs_dir / INDEX_FILE_NAME, json.dumps(record, separators=(",", ":")))


def _stat_key(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def _entry(status: os.stat_result, known: KnownBrief) -> dict:
    return {
        "stat": _stat_key(status),
        "source": known.source,
        "input": known.input_digest,
        "edited": known.is_edited,
        "older": known.has_older_digest,
        "added": known.added.isoformat() if known.added else None,
        "date": known.date.isoformat() if known.date else None,
    }


def _known_from_entry(path: Path, entry: dict) -> KnownBrief | None:
    """The saved facts of a brief, if its file is still exactly as it was when they were saved."""
    try:
        if _stat_key(path.stat()) != entry["stat"]:
            return None
        return KnownBrief(
            path,
            entry["source"],
            entry["input"],
            entry["edited"],
            entry["older"],
            dt.date.fromisoformat(entry["added"]) if entry["added"] else None,
            dt.date.fromisoformat(entry["date"]) if entry["date"] else None,
        )
    except (OSError, KeyError, TypeError, ValueError):
        return None


def _load_index_file(briefs_dir: Path) -> dict:
    """The saved index, or nothing when it is missing, unreadable or from another version."""
    try:
        record = json.loads((briefs_dir / INDEX_FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("format") != INDEX_FORMAT or record.get("version") != __version__:
        return {}
    return record if isinstance(record.get("briefs"), dict) else {}


@contextmanager
def locked(briefs_dir: Path) -> Iterator[None]:
    """Hold briefs/.briefs.lock for one run; a second run stops with a one-line message.
    The kernel drops the lock when the process dies, so a killed run never leaves it held."""
    briefs_dir.mkdir(parents=True, exist_ok=True)
    lock_path = briefs_dir / LOCK_FILE_NAME
    handle = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, _NEW_FILE_MODE)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in (errno.EWOULDBLOCK, errno.EACCES):
                raise
            raise BriefError(f"{lock_path}: another 'briefs generate' or 'briefs relink' is writing {briefs_dir}; run again when it has finished") from err
        remove_temporary_files(briefs_dir)
        yield
    finally:
        os.close(handle)


def remove_temporary_files(briefs_dir: Path) -> list[Path]:
    """Delete temporary files a killed run left behind (call only while holding the lock)."""
    leftovers = sorted(briefs_dir.glob(f".*{TEMP_SUFFIX}"))
    for path in leftovers:
        path.unlink(missing_ok=True)
    return leftovers


def write_atomic(path: Path, text: str | bytes | memoryview) -> None:
    """Write via a temporary file in the same folder and a rename: never half a file.
    A new file gets the umask's mode; a replaced one keeps its own (a 0644 brief stays 0644).
    Text is written as UTF-8 with "\\n" line ends; bytes as they are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, _NEW_FILE_MODE)
    try:
        try:
            os.fchmod(handle, stat.S_IMODE(path.stat().st_mode))
        except FileNotFoundError:
            pass
        if isinstance(text, str):
            out = os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        else:
            out = os.fdopen(handle, "wb")
        with out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def back_up(path: Path, backup_dir: Path) -> Path:
    """Keep a timestamped copy of a brief before it is replaced."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    copy = backup_dir / f"{path.stem}.{stamp}{path.suffix}"
    shutil.copy2(path, copy)
    return copy


def choose_path(briefs_dir: Path, slug: str, source: str, index: BriefIndex) -> Path:
    """The brief for this source: its existing file, else briefs/<slug>.md (-2, -3 if taken).
    An unreadable brief of the same name is taken to be this article's: generate then keeps it
    (or, forced, backs it up) instead of writing a second brief beside it."""
    if source in index.by_source:
        return index.by_source[source]
    taken = set(index.by_source.values())
    candidate, number = briefs_dir / f"{slug}.md", 2
    while candidate in taken or (candidate.exists() and candidate not in index.invalid):
        candidate, number = briefs_dir / f"{slug}-{number}.md", number + 1
    return candidate


def _has_older_digest(text: str, path: Path) -> bool:
    try:
        return brief_file.parse(text, path).has_older_digest
    except BriefFileError:
        return False


def save_generated(path: Path, rendered: BriefFile, *, force: bool, backup_dir: Path) -> Outcome:
    """Write a freshly generated brief unless that would lose a hand edit; forced, keep a
    copy of the edited (or invalid) brief first. An invalid brief that is kept comes back as
    KEPT_EDITED; the caller, which found it invalid, reports why."""
    if not path.exists():
        write_atomic(path, rendered.text)
        return Outcome.WRITTEN
    text = read_text(path)
    if text == rendered.text:
        return Outcome.UNCHANGED
    if brief_file.is_generated_text(text, path):
        write_atomic(path, rendered.text)
        return Outcome.WRITTEN
    if not force:
        return Outcome.KEPT_OLDER if _has_older_digest(text, path) else Outcome.KEPT_EDITED
    back_up(path, backup_dir)
    write_atomic(path, rendered.text)
    return Outcome.REPLACED_EDITED
