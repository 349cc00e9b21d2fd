"""One exception family: everything a user can fix, reported in one line."""

from __future__ import annotations

from pathlib import Path


class BriefError(Exception):
    """Something the user can fix; reported in one line, no traceback."""


class ArticleError(BriefError):
    """An input article that cannot be turned into a brief."""

    def __init__(self, source: str | Path, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = str(source)
        self.problem = problem


class ConfigError(BriefError):
    """site_config/ or the plugin options are invalid; lists every problem."""

    def __init__(self, source: str | Path, problems: list[str]) -> None:
        lines = "; ".join(problems)
        super().__init__(f"{source}: {lines}")
        self.source = str(source)
        self.problems = list(problems)


class BriefFileError(BriefError):
    """A brief in briefs/ that cannot be read or safely written; names the file and, when
    known, the line (`briefs/x.md:5: date: expected a date ...`)."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.problem = problem
        self.line = line

    @classmethod
    def listing(cls, path: str | Path, problems: list[tuple[int, str]]) -> BriefFileError:
        """One error for several problems: the first names file and line, the rest their line."""
        (line, first), *rest = problems
        return cls(path, first + "".join(f"; line {n}: {p}" for n, p in rest), line)


class SearchIndexError(BriefError):
    """The search index could not be built over the site (Pagefind missing or failing)."""

    def __init__(self, site_dir: str | Path, problem: str) -> None:
        super().__init__(f"{site_dir}: {problem}")
        self.site_dir = str(site_dir)
        self.problem = problem
