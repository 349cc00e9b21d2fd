"""The `briefs` command line, run for real in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from conftest import SEED, make_project, run_briefs


def generate(project: Path, *args: str):
    return run_briefs("generate", *args, cwd=project)


def brief_path(project: Path) -> Path:
    [path] = sorted((project / "briefs").glob("*.md"))
    return path


def test_help_texts_say_what_each_command_does():
    for command in ("generate", "analyze", "relink", "check"):
        result = run_briefs(command, "--help")
        assert result.returncode == 0
        assert "examples:" in result.stdout
    assert "suggest" in run_briefs("glossary", "--help").stdout


def test_generate_writes_the_seed_brief_then_skips_it(tmp_path: Path):
    project = make_project(tmp_path)
    first = generate(project)
    assert first.returncode == 0, first.stderr
    path = brief_path(project)
    assert path.name == "russia-mulls-cuba-venezuela-deployment.md"
    assert "written" in first.stdout
    second = generate(project)
    assert second.returncode == 0
    assert "1 unchanged" in second.stderr and "written" not in second.stdout


def test_hand_edit_survives_generate_and_force_keeps_a_backup(tmp_path: Path):
    project = make_project(tmp_path)
    generate(project)
    path = brief_path(project)
    edited = path.read_text(encoding="utf-8").replace("## The article", "## The article\n\nEditor's note: updated.")
    path.write_text(edited, encoding="utf-8")
    # A newer generator version or changed settings would normally regenerate: force that path.
    (project / "site_config" / "settings.yml").write_text("summary_sentences: 2\n", encoding="utf-8")
    kept = generate(project)
    assert kept.returncode == 0
    assert path.read_text(encoding="utf-8") == edited
    [message] = [line for line in kept.stderr.splitlines() if "edited by hand since" in line]
    assert message.startswith(str(Path("briefs") / path.name)) and "--force" in message
    forced = generate(project, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Editor's note" not in path.read_text(encoding="utf-8")
    [backup] = (project / ".briefs-backup").iterdir()
    assert backup.read_text(encoding="utf-8") == edited


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path: Path):
    project = make_project(tmp_path)
    seeds = project / "seeds"
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (seeds / "cp1252.txt").write_bytes(
        "Caf\u00e9 owners protest new rent rules\n\n\u201cWe cannot pay,\u201d said Ren\u00e9e Dupont, who runs a caf\u00e9.\n".encode("cp1252")
    )
    result = generate(project)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("seeds/empty.txt: empty file" in line for line in errors)
    assert any("seeds/binary.txt: binary data" in line for line in errors)
    assert "Traceback" not in result.stderr
    names = sorted(p.name for p in (project / "briefs").glob("*.md"))
    assert names == ["cafe-owners-protest-new-rent-rules.md", "russia-mulls-cuba-venezuela-deployment.md"]
    cafe = (project / "briefs" / "cafe-owners-protest-new-rent-rules.md").read_text(encoding="utf-8")
    assert "Ren\u00e9e Dupont" in cafe


def test_analyze_file_prints_the_contract_json():
    result = run_briefs("analyze", str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert set(record) >= {"id", "title", "summary", "quotes", "speakers", "glossary", "tags", "section", "reading_time"}
    assert record["title"] == "Russia mulls Cuba, Venezuela deployment"
    assert len(record["summary"]) == 3
    text = SEED.read_text(encoding="utf-8")
    for quote in record["quotes"]:
        assert set(quote) >= {"start", "end", "text", "kind", "cue", "speaker", "role"}
        assert quote["kind"] in {"direct", "mixed", "indirect"}
        assert 0 <= quote["start"] < quote["end"] <= len(text)


def test_analyze_jsonl_goes_on_past_bad_lines():
    lines = [
        json.dumps({"id": "a", "title": "Vote delayed", "text": "The vote was delayed. \u201cWe need time,\u201d the senator said."}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "the market fell on monday. traders said it was a bad day."}),
    ]
    result = run_briefs("analyze", "--jsonl", "-", "--summary-sentences", "1", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in records] == ["a", None, "b", "c"]
    assert "error" in records[1] and "error" in records[2]
    assert records[0]["title"] == "Vote delayed" and len(records[0]["summary"]) == 1
    assert records[3]["title"] is None and records[3]["summary"]
    assert len([line for line in result.stderr.splitlines() if line.startswith("error:")]) == 2


def test_check_passes_on_generated_briefs_and_flags_broken_ones(tmp_path: Path):
    project = make_project(tmp_path)
    generate(project)
    assert run_briefs("check", cwd=project).returncode == 0
    (project / "briefs" / "about.md").write_text("# About\n\nA page of our own, without front matter.\n", encoding="utf-8")
    assert run_briefs("check", cwd=project).returncode == 0
    (project / "briefs" / "broken.md").write_text("---\ntitle: Broken\nsource: seeds/x.txt\n", encoding="utf-8")
    result = run_briefs("check", cwd=project)
    assert result.returncode == 1
    assert "broken.md:1: the front matter opened on line 1 is never closed" in result.stderr


def test_invalid_settings_name_the_file_and_key(tmp_path: Path):
    project = make_project(tmp_path)
    (project / "site_config" / "settings.yml").write_text("summary_sentences: three\n", encoding="utf-8")
    result = generate(project)
    assert result.returncode == 1
    assert "settings.yml" in result.stderr and "summary_sentences" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_relink_twice_changes_nothing_the_second_time(tmp_path: Path):
    project = make_project(tmp_path)
    generate(project)
    path = brief_path(project)
    glossary_file = project / "site_config" / "glossary.yml"
    terms = yaml.safe_load(glossary_file.read_text(encoding="utf-8"))
    terms["terms"] = [t for t in terms["terms"] if t["term"] != "NATO"]
    glossary_file.write_text(yaml.safe_dump(terms, sort_keys=False, allow_unicode=True), encoding="utf-8")
    first = run_briefs("relink", cwd=project)
    assert first.returncode == 0, first.stderr
    once = path.read_text(encoding="utf-8")
    assert "glossary.md#nato \"" not in once
    assert run_briefs("relink", cwd=project).returncode == 0
    assert path.read_text(encoding="utf-8") == once


def test_glossary_suggest_reports_a_broken_brief_and_goes_on(tmp_path: Path):
    project = make_project(tmp_path)
    assert generate(project).returncode == 0
    broken = project / "briefs" / "broken.md"
    broken.write_text("---\ntitle: Broken\nsource: seeds/gone.txt\ndate: next tuesday\n---\nBody.\n", encoding="utf-8")
    result = run_briefs("glossary", "suggest", cwd=project)
    assert result.returncode == 1
    [error] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "broken.md:4: date:" in error
    assert isinstance(yaml.safe_load(result.stdout) or [], list)
