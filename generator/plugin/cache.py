"""The plugin's cache on disk, kept as Material's own plugins keep theirs (`.cache/plugin/<name>`).

It holds what the last build read, by content hash: every brief's facts, and the
site index with the generated pages of that set of briefs. The next build, even in
a new process, reads again only the briefs that changed, and redoes the work across
briefs only when one did. A cache written by other code (any change to the
generator's files) or that cannot be read is ignored, and the build reads
everything, as with no cache at all.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

CACHE_FILE = "briefs.pickle"
_GENERATOR = Path(__file__).resolve().parents[1]


def code_fingerprint() -> str:
    """A hash of the generator's source and data files: what the cached values were computed by."""
    digest = hashlib.sha256()
    for path in sorted(_GENERATOR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".yml", ".txt"):
            digest.update(path.relative_to(_GENERATOR).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def load(folder: Path, code: str) -> dict[str, Any] | None:
    """The state saved in `folder` by the same code, or None (no cache, other code, unreadable)."""
    try:
        with open(folder / CACHE_FILE, "rb") as handle:
            saved = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None  # a cache is only ever a shortcut: one that cannot be read is no cache
    if not isinstance(saved, dict) or saved.get("code") != code:
        return None
    return saved.get("state")


def save(folder: Path, code: str, state: dict[str, Any]) -> None:
    """Write the state atomically (a temporary file renamed), so a build never reads half of it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump({"code": code, "state": state}, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / CACHE_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
