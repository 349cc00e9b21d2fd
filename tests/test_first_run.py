"""First run: `make serve` installs only what serving needs, says where the site is,
and a busy port is one line naming PORT=."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

from conftest import FIXTURES, REPO, run_briefs

STARTUP_SECONDS = 90


def test_busy_port_is_one_line_naming_port(tmp_path: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            ["make", "--no-print-directory", "port-free", f"PORT={port}", "HOST=127.0.0.1"],
            cwd=REPO, capture_output=True, text=True, timeout=60,
        )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port} on 127.0.0.1 is in use" in lines[0] and "make serve PORT=" in lines[0]


def test_serving_needs_no_test_or_eval_packages():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    serving = " ".join(project["project"]["dependencies"]).lower()
    # numpy is a serving package: related briefs of large sites (generator/related_batch.py).
    for extra in ("pytest", "playwright", "newspaper4k", "rouge-score", "hypothesis"):
        assert extra not in serving
    assert project["project"]["license"] == "MIT", "an SPDX string, not the deprecated table"
    assert project["build-system"]["requires"] == ["setuptools>=77"]
    assert project["tool"]["setuptools"]["packages"]["find"]["include"] == ["generator*"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003 - urllib's signature
        return None


def test_the_printed_address_is_the_home_page(tmp_path: Path):
    for name in ("site_config",):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "briefs").mkdir()
    assert run_briefs("generate", str(FIXTURES / "council_vote.txt"), cwd=tmp_path).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}/"
    # What `make serve` runs.
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEWSBRIEFS_SITE_URL": address},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        served_on = None
        deadline = time.monotonic() + STARTUP_SECONDS
        while served_on is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if "Serving on " in line:
                served_on = line.split("Serving on ", 1)[1].strip()
        assert served_on == address
        response = urllib.request.build_opener(_NoRedirect).open(address, timeout=30)
        assert response.status == 200 and "News briefs" in response.read().decode()
    finally:
        process.terminate()
        process.wait(timeout=30)
