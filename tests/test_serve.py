"""`mkdocs serve` rebuilds when a brief or site_config/glossary.yml changes, and only then."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import make_project, run_briefs

STARTUP_SECONDS = 60
REBUILD_SECONDS = 30
QUIET_SECONDS = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(lines: queue.Queue[str], needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if needle in lines.get(timeout=0.5):
                return True
        except queue.Empty:
            continue
    return False


def start_serve(project: Path, port: int, environment: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    """`mkdocs serve` of a project on 127.0.0.1:port, and a queue of the lines it logs."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment or {**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    return process, lines


@pytest.fixture()
def served(tmp_path: Path):
    project = make_project(tmp_path)
    assert run_briefs("generate", cwd=project).returncode == 0
    port = free_port()
    process, lines = start_serve(project, port)
    try:
        assert wait_for(lines, "Serving on", STARTUP_SECONDS), "mkdocs serve did not start"
        yield project, port, lines
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_reloads_on_glossary_and_brief_changes(served):
    project, port, lines = served
    home = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
    assert "Russia mulls Cuba, Venezuela deployment" in home
    glossary = project / "site_config" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert wait_for(lines, "Building documentation", REBUILD_SECONDS), "no rebuild after glossary.yml changed"
    [brief] = (project / "briefs").glob("*.md")
    brief.write_text(brief.read_text(encoding="utf-8") + "\nAn editor's addition.\n", encoding="utf-8")
    assert wait_for(lines, "Building documentation", REBUILD_SECONDS), "no rebuild after a brief changed"
    assert wait_for(lines, "Reloading browsers", REBUILD_SECONDS), "the rebuild did not finish"
    # The rebuild reads every brief: reading is no change, so no rebuild follows it.
    assert not wait_for(lines, "Detected file changes", QUIET_SECONDS), "the rebuild's own reads started another"
