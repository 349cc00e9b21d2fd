"""Bad input: each kind gives a sensible brief or one line naming the file and the problem.

The inputs are made here (nothing large is committed). The batch goes on past a
bad file, the exit status reports failures and no brief is half-written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator import generate, store
from generator.config import load_config

from conftest import REPO, run_briefs

MB = 1024 * 1024
GOOD = "Council approves budget\n\nThe council approved the budget on Monday, the mayor said.\n"
# kind -> (file bytes, "brief" and a title it must have, or "error" and words the message must hold)
KINDS: dict[str, tuple[bytes, str, str]] = {
    "empty": (b"", "error", "empty file"),
    "whitespace-only": (b"  \n\t\n   \n", "error", "empty file"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "error", "binary data"),
    "nul-bytes": (b"Council meets\n\nThe council met\x00 on Monday.\n", "error", "NUL"),
    "invalid-utf-8": (b"Caf\xe9 owners protest\n\nThe caf\xe9 closed on Monday, its owners said.\n", "brief", "Caf\u00e9 owners protest"),
    "utf-16-bom": ("Caf\u00e9 owners protest\n\nThe caf\u00e9 closed on Monday.\n".encode("utf-16"), "brief", "Caf\u00e9 owners protest"),
    "windows-1252": ("Ren\u00e9e\u2019s caf\u00e9 closes\n\n\u201cWe are closing,\u201d said Ren\u00e9e.\n".encode("cp1252"), "brief", "Ren\u00e9e\u2019s caf\u00e9 closes"),
    "mojibake": ("Caf\u00c3\u00a9 owners protest\n\nThe caf\u00c3\u00a9 closed on Monday.\n".encode(), "brief", "Caf\u00e9 owners protest"),
    "20-mb": (b"Big file\n\n" + b"The council met again on Monday.\n\n" * (20 * MB // 34), "error", "over the 5 MB limit"),
    "1-mb-line": (b"One line\n\n" + b"word " * (MB // 5), "error", "line 3 is one paragraph of 1,048,574 characters, over the 50,000"),
    "no-punctuation": (b"council meets\n\nthe council met on monday and voted to close the pool and the library\n", "brief", "council meets"),
    "only-quotes": ('\u201cWe will win,\u201d she said.\n\n\u201cWe will not stop now.\u201d\n'.encode(), "brief", "\u201cWe will win,\u201d she said."),
    "only-quotation-marks": ('"" \u201c\u201d \'\' \u2018\u2019\n\n"""\n'.encode(), "error", "no usable text"),
    "unbalanced-quotes": (b'Mayor speaks\n\nThe mayor said "we will build the wall. Then she left.\n\n"Another open quote.\n', "brief", "Mayor speaks"),
    "non-english": ("\u0421\u043e\u0432\u0435\u0442 \u043e\u0434\u043e\u0431\u0440\u0438\u043b \u0431\u044e\u0434\u0436\u0435\u0442\n\n\u0421\u043e\u0432\u0435\u0442 \u0433\u043e\u0440\u043e\u0434\u0430 \u043e\u0434\u043e\u0431\u0440\u0438\u043b \u0431\u044e\u0434\u0436\u0435\u0442 \u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a, \u0441\u043e\u043e\u0431\u0449\u0438\u043b \u043c\u044d\u0440.\n".encode(), "brief", "\u0421\u043e\u0432\u0435\u0442 \u043e\u0434\u043e\u0431\u0440\u0438\u043b \u0431\u044e\u0434\u0436\u0435\u0442"),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, generate.Report, list[Path]]:
    """Every kind plus one good article, generated as one batch."""
    root = tmp_path_factory.mktemp("bad-input")
    inputs = root / "inputs"
    inputs.mkdir()
    for kind, (raw, _, _) in KINDS.items():
        (inputs / f"{kind}.txt").write_bytes(raw)
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    config = load_config(REPO / "site_config")
    paths = generate.collect_inputs([inputs]).paths
    report = generate.generate_briefs(paths, config, root / "briefs", force=False, jobs=1, backup_dir=root / "backup")
    return root, report, paths


def _brief_titles(briefs: Path) -> dict[str, str]:
    titles = {}
    for path in store.list_briefs(briefs):
        stored = store.read_brief(path)
        titles[stored.front_matter.source] = stored.front_matter.title
    return titles


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_bad_input_gives_a_brief_or_one_clear_line(batch, kind: str):
    root, report, _ = batch
    _, outcome, expected = KINDS[kind]
    source = (root / "inputs" / f"{kind}.txt").as_posix()
    errors = [line for line in report.errors if line.startswith(f"{source}: ")]
    titles = {Path(s).name: t for s, t in _brief_titles(root / "briefs").items()}
    if outcome == "error":
        assert len(errors) == 1 and expected in errors[0], report.errors
        assert "\n" not in errors[0]
        assert f"{kind}.txt" not in titles
    else:
        assert errors == []
        assert titles[f"{kind}.txt"] == expected


def test_batch_goes_on_and_nothing_is_half_written(batch):
    root, report, paths = batch
    briefs = root / "briefs"
    assert "Council approves budget" in _brief_titles(briefs).values()
    failures = sum(1 for _, outcome, _ in KINDS.values() if outcome == "error")
    assert len(report.errors) == failures
    assert len(report.outcomes) == len(paths) - failures
    # Only whole briefs, the lock file that keeps two runs apart and the index of the briefs.
    leftovers = [p.name for p in briefs.iterdir() if not p.name.endswith(".md") and p.name not in (store.LOCK_FILE_NAME, store.INDEX_FILE_NAME)]
    assert leftovers == []
    for path in briefs.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        head = text.split("---\n")[1]
        assert isinstance(yaml.safe_load(head), dict) and text.endswith("\n")


def test_cli_reports_each_failure_in_one_line_and_exits_1(tmp_path: Path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(KINDS["binary"][0])
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_briefs(
        "--site-config", str(REPO / "site_config"), "--briefs", str(tmp_path / "briefs"), "generate", str(inputs), cwd=tmp_path
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert sorted(errors) == sorted(
        ["error: inputs/binary.txt: binary data, not text (found NUL bytes); expected a UTF-8 or similar text file",
         "error: inputs/empty.txt: empty file (expected article text: headline on line 1, then paragraphs)"]
    )
    assert "Traceback" not in result.stderr
    assert len(list((tmp_path / "briefs").glob("*.md"))) == 1


def test_size_limit_comes_from_settings_and_the_flag_raises_it(tmp_path: Path):
    site_config = tmp_path / "site_config"
    site_config.mkdir()
    (site_config / "settings.yml").write_text("max_article_mb: 0.001\n", encoding="utf-8")
    article = tmp_path / "long.txt"
    article.write_text("Long story\n\n" + "The council met on Monday and again on Tuesday.\n\n" * 40, encoding="utf-8")
    refused = run_briefs("--site-config", str(site_config), "analyze", str(article), cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"error: {article}: file is 0.0 MB, over the 0.001 MB limit for one article "
        "(raise max_article_mb in site_config/settings.yml or pass --max-article-mb)"
    )
    raised = run_briefs("--site-config", str(site_config), "analyze", str(article), "--max-article-mb", "1", cwd=tmp_path)
    assert raised.returncode == 0, raised.stderr
    invalid = run_briefs("--site-config", str(site_config), "--max-article-mb", "-3", "analyze", str(article), cwd=tmp_path)
    assert invalid.returncode == 1
    assert "max_article_mb: expected a positive number of megabytes, got -3.0" in invalid.stderr


def test_settings_file_value_is_validated(tmp_path: Path):
    (tmp_path / "settings.yml").write_text("max_article_mb: lots\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_config(tmp_path)
    assert "max_article_mb: expected a positive number of megabytes, got 'lots'" in str(caught.value)
