"""The plugin's cache on disk, kept as Material's own plugins keep theirs (`.cache/plugin/<name>`).

Three kinds of file, so that a build after a build reads only what it needs:

- SITE_FILE, small: the key of the set of briefs last built (their names and content
  hashes, the configuration), what the plugin adds to each brief's page, the link
  problems and the generated pages. A build whose briefs and configuration are the
  ones of that key reads nothing else but SOURCES_FILE: no brief is parsed, nothing is
  computed across briefs.
- FACTS_SHARDS files `facts-<x>.pickle`: every brief's facts by content hash, each
  brief in the shard of its file name, read only when a brief or the configuration
  changed, so that only the changed briefs are read again before the work across briefs
  is redone. A build writes only the shards whose briefs changed: after an edit to one
  brief, one shard. The briefs in them keep their front matter and path but not their
  text (`body` and `text` come back empty): the facts were taken from the text already,
  and nothing computed across briefs reads it again.
- SOURCES_FILE: each brief's front matter as MkDocs' get_data makes it (build.PageSource,
  with the content hash of the text it was read from), written by each `mkdocs build`
  that changed the site, so that a build that does not parse a brief hands MkDocs these instead of
  letting it parse the YAML again; a brief whose text differs is read by MkDocs itself.

A cache written by other code (any change to the generator's files) or that cannot be
read is ignored, and the build reads everything, as with no cache at all.
"""

from __future__ import annotations

import copyreg
import functools
import io
import pickle
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from generator import fingerprint

if TYPE_CHECKING:  # loaded to write the cache or to read briefs back, not to read the site file
    from generator.brief_file import BriefFile

SITE_FILE = "site.pickle"
SOURCES_FILE = "sources.pickle"
FACTS_SHARDS = 16
_FACTS_FILE = "facts-{}.pickle"


def code_fingerprint() -> str:
    """What the cached values were computed by: the generator's code, data and the library
    versions that shape its output (the same hash `briefs generate` keeps in its index)."""
    return fingerprint.generator_fingerprint()


def load(folder: Path, code: str, name: str = SITE_FILE) -> Any | None:
    """The state saved as `name` in `folder` by the same code, or None (no cache, other code, unreadable)."""
    try:
        with open(folder / name, "rb") as handle:
            saved = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None  # a cache is only ever a shortcut: one that cannot be read is no cache
    if not isinstance(saved, dict) or saved.get("code") != code:
        return None
    return saved.get("state")


def save(folder: Path, code: str, state: Any, name: str = SITE_FILE) -> None:
    """Write the state as `name` atomically (store.write_atomic), so a build never reads half
    of it. Briefs are written without their text (see the module's docstring)."""
    from generator import store

    pickled = io.BytesIO()
    _WithoutText(pickled).dump({"code": code, "state": state})
    store.write_atomic(folder / name, pickled.getbuffer())


def save_facts(folder: Path, code: str, entries: dict[tuple[str, ...], Any], saved: dict[str, str]) -> dict[str, str]:
    """Write the shards of `entries` (keys as BriefCache's: the file first, then its content
    hash...) whose keys differ from `saved`, the keys' digest of each shard on disk, and
    remove the shards left empty. Returns the digests of the shards now on disk."""
    shards: dict[str, dict[tuple[str, ...], Any]] = {}
    for key, facts in entries.items():
        shards.setdefault(_shard(key[0]), {})[key] = facts
    digests = {shard: _keys_digest(part) for shard, part in shards.items()}
    for shard, part in shards.items():
        # Written again when gone too: the folder may have been deleted since (a long `mkdocs serve`).
        if saved.get(shard) != digests[shard] or not (folder / _FACTS_FILE.format(shard)).is_file():
            save(folder, code, part, _FACTS_FILE.format(shard))
    for shard in saved.keys() - shards.keys():
        (folder / _FACTS_FILE.format(shard)).unlink(missing_ok=True)
    return digests


def load_facts(folder: Path, code: str) -> dict[tuple[str, ...], Any]:
    """Every entry of the shards in `folder` written by the same code; a shard that cannot
    be read only means that its briefs are read again."""
    entries: dict[tuple[str, ...], Any] = {}
    for shard in range(FACTS_SHARDS):
        if isinstance(part := load(folder, code, _FACTS_FILE.format(f"{shard:x}")), dict):
            entries.update(part)
    return entries


def _shard(name: str) -> str:
    """The shard of a brief: by its file name, so that an edited brief stays in its shard."""
    return f"{int(fingerprint.content_hash(name)[:2], 16) % FACTS_SHARDS:x}"


def _keys_digest(entries: dict[tuple[str, ...], Any]) -> str:
    return fingerprint.content_hash("\n".join(sorted("\0".join(key) for key in entries)))


def _brief_without_text(path: Path, front_matter: Any) -> BriefFile:
    from generator.brief_file import BriefFile

    return BriefFile(path, front_matter, "", "")


def _reduce_without_text(brief: BriefFile) -> tuple[Any, ...]:
    return _brief_without_text, (brief.path, brief.front_matter)


class _WithoutText(pickle.Pickler):
    """Pickles a BriefFile as its path and front matter: the text is most of a brief's
    bytes, and a brief is reached from its facts, its people and their quotes. (A dispatch
    table, looked up in C, rather than reducer_override, a Python call for every object.)"""

    def __init__(self, file: IO[bytes]) -> None:
        self.dispatch_table = _dispatch_without_text()  # read by Pickler.__init__
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)


@functools.cache
def _dispatch_without_text() -> dict[type, Any]:
    from generator.brief_file import BriefFile

    return {**copyreg.dispatch_table, BriefFile: _reduce_without_text}
