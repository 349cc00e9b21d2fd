"""Read and write briefs/: the only module (with cli) that touches brief files.

Hand edits are never lost. A brief's front matter keeps the digest of its
body as generated; a body that no longer matches was edited by hand, and
`save_generated` refuses to replace it unless forced, after keeping a copy.
Every write goes to a temporary file in the same folder and is renamed into
place, so a crash never leaves half a brief.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import BriefFileError
from generator.render import FRONT_MATTER_FENCE, RenderedBrief, body_digest

BACKUP_DIR_NAME = ".briefs-backup"
_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?\r?\n)?---\r?\n", re.DOTALL)


@dataclass(frozen=True)
class StoredBrief:
    path: Path
    front_matter: dict
    body: str
    text: str

    @property
    def recorded_digest(self) -> str | None:
        generator = self.front_matter.get("generator")
        return generator.get("digest") if isinstance(generator, dict) else None

    @property
    def is_edited(self) -> bool:
        """True when the body is no longer the one the generator wrote."""
        return self.recorded_digest != body_digest(self.body)

    @property
    def input_digest(self) -> str | None:
        generator = self.front_matter.get("generator")
        return generator.get("input") if isinstance(generator, dict) else None


class Outcome(enum.Enum):
    WRITTEN = "written"
    UNCHANGED = "unchanged"
    KEPT_EDITED = "kept (edited by hand)"
    REPLACED_EDITED = "replaced (edited copy backed up)"


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    """File text -> (front matter, body); the body is every byte after the closing fence."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise BriefFileError(path, "no YAML front matter (expected the file to start with '---')")
    try:
        front_matter = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as err:
        raise BriefFileError(path, f"front matter is not valid YAML ({getattr(err, 'problem', err)})") from err
    if not isinstance(front_matter, dict):
        raise BriefFileError(path, "front matter must be a mapping of keys to values")
    return front_matter, text[match.end() :]


def read_brief(path: Path) -> StoredBrief:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise BriefFileError(path, f"cannot read ({err})") from err
    front_matter, body = split_front_matter(text, path)
    return StoredBrief(path, front_matter, body, text)


def read_input(path: Path) -> bytes:
    """An article's raw bytes (decoding is ingest's job)."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise BriefFileError(path, f"cannot read ({err.strerror})") from err


def recorded_date(stored: StoredBrief) -> dt.date | None:
    """The date in a brief's front matter, if it is a real date."""
    value = stored.front_matter.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def list_briefs(briefs_dir: Path) -> list[Path]:
    """Brief files: Markdown at the top of briefs/, not hidden, not the home page."""
    if not briefs_dir.is_dir():
        return []
    return sorted(p for p in briefs_dir.glob("*.md") if not p.name.startswith(".") and p.name != "index.md")


def index_by_source(briefs_dir: Path) -> dict[str, Path]:
    """source (seed path) -> brief file, so a renamed headline still finds its brief."""
    index = {}
    for path in list_briefs(briefs_dir):
        match = re.search(r"^source:\s*(.+?)\s*$", _read_head(path), re.MULTILINE)
        if match:
            index[yaml.safe_load(match.group(1))] = path
    return index


def _read_head(path: Path, limit: int = 8192) -> str:
    with path.open(encoding="utf-8", errors="replace") as handle:
        return handle.read(limit)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and a rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def back_up(path: Path, backup_dir: Path) -> Path:
    """Keep a timestamped copy of a brief before it is replaced."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    copy = backup_dir / f"{path.stem}.{stamp}{path.suffix}"
    shutil.copy2(path, copy)
    return copy


def choose_path(briefs_dir: Path, slug: str, source: str, by_source: dict[str, Path]) -> Path:
    """The brief for this source: its existing file, else briefs/<slug>.md (-2, -3 if taken)."""
    if source in by_source:
        return by_source[source]
    taken = set(by_source.values())
    candidate, number = briefs_dir / f"{slug}.md", 2
    while candidate in taken or candidate.exists():
        candidate, number = briefs_dir / f"{slug}-{number}.md", number + 1
    return candidate


def save_generated(path: Path, rendered: RenderedBrief, *, force: bool, backup_dir: Path) -> Outcome:
    """Write a freshly generated brief unless that would lose a hand edit."""
    existing = read_brief(path) if path.exists() else None
    text = rendered.text
    if existing is not None and existing.text == text:
        return Outcome.UNCHANGED
    if existing is not None and existing.is_edited:
        if not force:
            return Outcome.KEPT_EDITED
        back_up(path, backup_dir)
        write_atomic(path, text)
        return Outcome.REPLACED_EDITED
    write_atomic(path, text)
    return Outcome.WRITTEN


def replace_body(stored: StoredBrief, body: str, glossary_slugs: list[str]) -> str:
    """The brief with a new body; front matter bytes stay, but the digest (if the
    brief was unedited) and the glossary list follow the body."""
    head = stored.text[: len(stored.text) - len(stored.body)]
    if not stored.is_edited and stored.recorded_digest:
        head = head.replace(stored.recorded_digest, body_digest(body), 1)
    listing = yaml.safe_dump({"glossary": glossary_slugs}, default_flow_style=None, width=10_000).strip()
    head, found = re.subn(r"(?m)^glossary:.*$", lambda _: listing, head, count=1)
    if not found:
        head = head[: -len(FRONT_MATTER_FENCE)] + listing + "\n" + FRONT_MATTER_FENCE
    return head + body
