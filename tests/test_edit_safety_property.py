"""Property test: random hand edits, interleaved with glossary, people and seed changes and with
generate, relink and --force, never lose an edit without a backup; every unedited brief is
refreshed; every brief that `briefs check` passes builds with `mkdocs build --strict`.

Each edit writes a unique marker into the brief (body, summary, speaker role, title, tags, the
sidebar, a comment, a new key, or a deliberately broken field). An edit is lost when its marker
is in no brief and no backup. A strict build takes about two seconds, so it runs on a sample:
once every BUILD_EVERY examples whose briefs pass check.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import brief_file, generate, store
from generator.config import SiteConfig, load_config

from conftest import FIXTURES, REPO, build_site

EXAMPLES = 1000
BUILD_EVERY = 100
MAX_ROUNDS = 4

BRIDGE_ARTICLE = """Bridge engineers back council plan

By Tom Reed

The International Association of Municipal Bridge Engineers said on Wednesday that the Springfield river bridge plan was sound.

"The design is safe and the costs are fair," said Ana Lopez, who chairs the association's review panel.

NATO officials were not involved, Lopez added, but the Kremlin criticised the plan.

"We will publish the full review next month," she said.
"""
ARTICLES = {"council.txt": (FIXTURES / "council_vote.txt").read_text(encoding="utf-8"), "bridge.txt": BRIDGE_ARTICLE}
BASE_GLOSSARY = yaml.safe_load((REPO / "site_config" / "glossary.yml").read_text(encoding="utf-8"))
LONG_TERM = {"term": "International Association of Municipal Bridge Engineers", "definition": "A made-up body of bridge engineers."}


def _glossary_variant(variant: int) -> dict:
    """0: as shipped; 1: NATO's definition changed; 2: a term with a long slug added; 3: a term removed."""
    data = copy.deepcopy(BASE_GLOSSARY)
    terms = data["terms"]
    if variant == 1:
        next(t for t in terms if t["term"] == "NATO")["definition"] = "The North Atlantic alliance, reworded."
    elif variant == 2:
        terms.append(dict(LONG_TERM))
    elif variant == 3:
        referenced = {s for t in terms for s in t.get("see_also", [])}
        data["terms"] = [t for t in terms if t["term"] != "Kremlin" or "kremlin" in referenced]
    return data


PEOPLE_VARIANTS = (
    None,
    {"people": [{"name": "Helen Brooks", "role": "Mayor of Springfield"}]},
    {"people": [{"name": "Ana Lopez", "aliases": ["Lopez"], "role": "Review panel chair"}]},
)


def _write_site_config(root: Path, glossary_variant: int, people_variant: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(_glossary_variant(glossary_variant), sort_keys=False, allow_unicode=True)
    (root / "glossary.yml").write_text(text, encoding="utf-8")
    people = root / "people.yml"
    if PEOPLE_VARIANTS[people_variant] is None:
        people.unlink(missing_ok=True)
    else:
        people.write_text(yaml.safe_dump(PEOPLE_VARIANTS[people_variant], sort_keys=False), encoding="utf-8")


@contextmanager
def _inside(folder: Path):
    """Source paths in front matter are relative to the working folder, as for the CLI."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


# --- edits, as an editor makes them in a text editor ----------------------------------------


def _replace_line(text: str, pattern: str, make: callable) -> str:
    """Rewrite the first front matter line matching pattern, with make(match) -> new line."""
    head_end = text.find("\n---", 3)
    match = re.search(pattern, text[: head_end if head_end > 0 else len(text)], re.MULTILINE)
    return text if match is None else text[: match.start()] + make(match) + text[match.end() :]


def _scalar_line(key: str, value_of: callable) -> callable:
    def make(match: re.Match) -> str:
        try:
            old = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            return match.group(0)
        return f"{key}{json.dumps(value_of(old), ensure_ascii=False)}"

    return make


def _edit_role(marker: str) -> callable:
    def make(match: re.Match) -> str:
        try:
            speaker = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            return match.group(0)
        if not isinstance(speaker, dict):
            return match.group(0)
        speaker["role"] = f"{speaker.get('role') or 'Spokesperson'} {marker}"
        return "- " + json.dumps(speaker, ensure_ascii=False)

    return make


def _unspan(text: str, marker: str) -> str:
    match = re.search(r'<span class="nb-quote"[^>]*>(.*?)</span>', text)
    if match is None:
        return text
    return text[: match.start()] + match.group(1) + text[match.end() :] + f"\nQuote mark removed {marker}.\n"


EDITS = {
    "body": lambda t, m: t + f"\nEditor's note {m}.\n",
    "summary": lambda t, m: _replace_line(t, r"(?<=summary:\n)- (.*)$", lambda x: "- " + _scalar_line("", lambda v: f"{v} {m}")(x)),
    "role": lambda t, m: _replace_line(t, r"(?<=speakers:\n)- (.*)$", _edit_role(m)),
    "title": lambda t, m: _replace_line(t, r"^title: (.*)$", _scalar_line("title: ", lambda v: f"{v} {m}")),
    "tags": lambda t, m: _replace_line(t, r"^tags: (.*)$", _scalar_line("tags: ", lambda v: [*(v or []), m])),
    "sidebar": lambda t, m: re.sub(r"^(    - \*\*\[.*)$", lambda x: f"{x.group(1)} {m}", t, count=1, flags=re.MULTILINE),
    "comment": lambda t, m: t.replace("---\n", f"---\n# checked by the desk {m}\n", 1),
    "new key": lambda t, m: _replace_line(t, r"^title: .*$", lambda x: f"{x.group(0)}\nnote: {m}"),
    "valid date": lambda t, m: _replace_line(t, r"^title: .*$", lambda x: f"{x.group(0)}\ndate: 2021-05-04\n# {m}"),
    "unspan": _unspan,
    # Broken on purpose: check must flag them, generate keep them, --force back them up.
    "bad date": lambda t, m: _replace_line(t, r"^title: .*$", lambda x: f"{x.group(0)}\ndate: next tuesday {m}"),
    "speakers: 3": lambda t, m: re.sub(
        r"^speakers:\n((?:- .*\n)*)", lambda x: f"speakers: 3 # {m}\n" + re.sub(r"(?m)^", "# ", x.group(1))[: -2], t, count=1, flags=re.MULTILINE
    ),
    "unclosed quote": lambda t, m: _replace_line(t, r"^source: (.*)$", lambda x: f'source: "{x.group(1)} {m}'),
    "no closing fence": lambda t, m: t.replace("\n---\n", f"\n{m}\n", 1),
}

edit_step = st.tuples(st.just("edit"), st.integers(0, 1), st.sampled_from(sorted(EDITS)))
step = st.one_of(
    edit_step,
    st.tuples(st.just("glossary"), st.integers(0, 3)),
    st.tuples(st.just("people"), st.integers(0, len(PEOPLE_VARIANTS) - 1)),
    st.tuples(st.just("seed"), st.integers(0, 1)),
    st.tuples(st.just("generate")),
    st.tuples(st.just("relink")),
    st.tuples(st.just("force")),
)
# Rounds of an edit and one more step (another edit, a change of input, or a run).
rounds = st.lists(st.tuples(edit_step, step), min_size=2, max_size=MAX_ROUNDS).map(lambda pairs: [s for pair in pairs for s in pair])


# --- the world one example runs in --------------------------------------------------------


@dataclass
class Tally:
    examples: int = 0
    edits: int = 0
    lost: list[str] = field(default_factory=list)
    builds: int = 0
    since_build: int = 0


@dataclass
class World:
    project: Path
    configs: dict[tuple[int, int], SiteConfig]
    glossary_variant: int = 0
    people_variant: int = 0
    markers: list[str] = field(default_factory=list)

    @property
    def briefs(self) -> Path:
        return self.project / "briefs"

    @property
    def config(self) -> SiteConfig:
        return self.configs[(self.glossary_variant, self.people_variant)]

    def seeds(self) -> list[Path]:
        return sorted((self.project / "seeds").glob("*.txt"))

    def texts(self) -> list[str]:
        backups = self.project / store.BACKUP_DIR_NAME
        files = [*self.briefs.glob("*.md"), *(backups.glob("*.md") if backups.is_dir() else [])]
        return [f.read_text(encoding="utf-8") for f in files]

    def run(self, action: tuple) -> None:
        kind = action[0]
        with _inside(self.project):
            if kind == "edit":
                self.edit(action[1], action[2])
            elif kind == "glossary":
                self.glossary_variant = action[1]
                _write_site_config(self.project / "site_config", self.glossary_variant, self.people_variant)
            elif kind == "people":
                self.people_variant = action[1]
                _write_site_config(self.project / "site_config", self.glossary_variant, self.people_variant)
            elif kind == "seed":
                seed = self.seeds()[action[1]]
                seed.write_text(seed.read_text(encoding="utf-8") + "\nThe council will meet again on Friday.\n", encoding="utf-8")
            elif kind == "relink":
                self.relink()
            else:
                self.generate(force=kind == "force")

    def edit(self, which: int, kind: str) -> None:
        paths = sorted(self.briefs.glob("*.md"))
        if not paths:
            return
        path = paths[which % len(paths)]
        marker = f"zqm{len(self.markers)}x"
        before = path.read_text(encoding="utf-8")
        after = EDITS[kind](before, marker)
        if after != before and marker in after:
            path.write_text(after, encoding="utf-8")
            self.markers.append(marker)

    def status(self) -> dict[Path, bool | None]:
        """Per brief: edited (True), unedited (False), or invalid (None)."""
        found = {}
        for path in sorted(self.briefs.glob("*.md")):
            try:
                found[path] = store.read_brief(path).is_edited
            except brief_file.BriefFileError:
                found[path] = None
        return found

    def generate(self, *, force: bool) -> None:
        generate.generate_briefs(
            self.seeds(), self.config, Path("briefs"), force=force, jobs=1, backup_dir=Path(store.BACKUP_DIR_NAME)
        )
        digests = {f"seeds/{p.name}": generate.input_digest(p.read_bytes(), self.config) for p in self.seeds()}
        sources = []
        for path, edited in self.status().items():
            assert not (force and edited is not False), f"{path.name}: --force left it edited or invalid"
            if edited is False:
                brief = store.read_brief(path)
                sources.append(brief.front_matter.source)
                assert brief.front_matter.generator.input == digests[brief.front_matter.source], f"{path.name} was not refreshed"
        assert len(sources) == len(set(sources)), f"two briefs for one article: {sorted(sources)}"

    def relink(self) -> None:
        before = self.status()
        generate.relink_briefs(self.config, Path("briefs"))
        assert self.status() == before, "relink changed whether a brief counts as edited"

    def lost_edits(self) -> list[str]:
        """Markers of edits that are in no brief and no backup."""
        texts = self.texts()
        return [marker for marker in self.markers if not any(marker in text for text in texts)]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A generated project to copy for each example, and the configuration of every variant."""
    root = tmp_path_factory.mktemp("edits")
    configs = {}
    for glossary_variant in range(4):
        for people_variant in range(len(PEOPLE_VARIANTS)):
            folder = root / "configs" / f"{glossary_variant}-{people_variant}"
            _write_site_config(folder, glossary_variant, people_variant)
            shutil.copy(REPO / "site_config" / "settings.yml", folder / "settings.yml")
            configs[(glossary_variant, people_variant)] = load_config(folder)
    project = root / "template"
    shutil.copytree(REPO / "site_config", project / "site_config")
    _write_site_config(project / "site_config", 0, 0)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "seeds").mkdir()
    for name, text in ARTICLES.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    world = World(project, configs)
    world.run(("generate",))
    assert len(list(world.briefs.glob("*.md"))) == len(ARTICLES)
    return project, configs


def test_no_hand_edit_is_ever_lost(template: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory):
    project_template, configs = template
    work = tmp_path_factory.mktemp("examples")
    tally = Tally()

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(rounds)
    def run_example(steps: list[tuple]) -> None:
        project = work / f"p{tally.examples}"
        shutil.copytree(project_template, project)
        tally.examples += 1
        world = World(project, configs)
        try:
            for done, action in enumerate(steps, start=1):
                world.run(action)
                lost = world.lost_edits()
                tally.lost.extend(lost)
                assert not lost, f"edits lost: {lost} after {steps[:done]}"
            tally.edits += len(world.markers)
            tally.since_build += 1
            if tally.since_build >= BUILD_EVERY and not generate.check_briefs(world.config, world.briefs):
                built = build_site(project, project / "site")
                tally.builds += 1
                tally.since_build = 0
                assert built.returncode == 0, f"check passed but the strict build failed after {steps}:\n{built.stderr}"
        finally:
            shutil.rmtree(project / "site", ignore_errors=True)

    run_example()
    print(f"\n{tally.examples} examples, {tally.edits} edits, {len(tally.lost)} lost, {tally.builds} strict builds")
    assert tally.examples >= EXAMPLES and tally.edits >= EXAMPLES and tally.lost == []
    assert tally.builds >= EXAMPLES // BUILD_EVERY // 2
