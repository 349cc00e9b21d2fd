#!/usr/bin/env python3
"""Editing under `mkdocs serve`: from saving a brief to its new text in the browser, page cache off and on.

    .venv/bin/python benchmarks/serve_edit.py               (or: make bench-serve)
    .venv/bin/python benchmarks/serve_edit.py --size 500    a quicker look
    .venv/bin/python benchmarks/serve_edit.py --project DIR reuse DIR/briefs (made by `briefs generate`)

Briefs are made by the real `briefs generate --jobs 2` from the shared eval texts
(benchmarks/generation.py makes the articles) in a temporary folder. The same
briefs are then served twice by the real `mkdocs serve` on 127.0.0.1, with the
repository's mkdocs.yml: once with the briefs-page-cache plugin disabled
(every rebuild a full one: the baseline), once enabled. Each time:

1. headless Chromium (Playwright, Debian's chromium) opens one brief;
2. a sentence is added to that brief's file on disk;
3. the clock runs until the new sentence shows in the open page (MkDocs'
   livereload reloads it once the rebuild is done), split into the wait for the
   server to notice the save (its watcher polls docs_dir), the rebuild, and the
   reload once the rebuild is over; the server's CPU time from the save to the
   reload is printed too, as wall time on a busy machine measures the other
   processes as much as the rebuild (the load average at the edit is printed);
   (the clock starts when the file is saved; the watcher is given time to take
   its first look at docs_dir before, and the file is saved again if the
   watcher misses the change);
4. the search index is fetched: it must hold the new sentence under that brief,
   and still hold every brief of the site;
5. the server is stopped as Ctrl+C stops it ("stop s": with the cache on, it keeps
   its pages on disk meanwhile) and started again at the same address: with the
   cache on, its first build starts from those pages ("restart s", beside
   "start s" of the first session), and stopped again: with nothing changed, it
   keeps the pages it read as they are (the second "stop s").

Target (issue 14): at 5,000 briefs, the edit shows within 3 s with the cache on.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generation import article_texts, make_project, run_generate  # noqa: E402

DEFAULT_SIZE = 5_000
GENERATE_JOBS = 2
CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
STARTUP_SECONDS = 1_800  # the first build of 5,000 briefs on a busy machine
EDIT_SECONDS = 3_600
WATCH_SETTLE_SECONDS = 20
DETECT_SECONDS = 30  # MkDocs polls docs_dir every half second
SAVE_ATTEMPTS = 3
CACHE_SWITCH = re.compile(r"(- briefs-page-cache:\n\s+enabled:) (true|false)")
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
REUSED = re.compile(r"reused: (\d+) of (\d+)")


@dataclass(frozen=True)
class EditResult:
    startup: float  # `mkdocs serve` started to serving
    stop: float  # Ctrl+C to the end of the process (the page cache keeps its pages meanwhile)
    restart: float  # `mkdocs serve` started again to serving
    stop_again: float  # and stopped again, with no edit in between
    shown: float  # file saved to the new text in the page
    detected: float | None  # file saved to the server's "Detected file changes"
    reloaded: float | None  # the server's "Reloading browsers" to the new text in the page
    load: float  # the machine's load average (1 minute) at the edit
    rebuild: float | None  # the rebuild, as MkDocs reports it
    rebuild_cpu: float | None  # CPU seconds of the server process from the save to the reload
    reused: str  # pages the cache reused, "-" when off
    index_docs: int
    briefs_indexed: int
    briefs: int
    edit_indexed: bool


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepared_project(root: Path, size: int, reuse: Path | None) -> Path:
    """A project folder holding `size` briefs: generated here, or copied from --project."""
    project = root / "project"
    if reuse is not None:
        (project / "briefs").mkdir(parents=True)
        shutil.copytree(REPO / "site_config", project / "site_config")
        for path in sorted((reuse / "briefs").glob("*.md"))[:size]:
            shutil.copy(path, project / "briefs" / path.name)
        return project
    make_project(project, article_texts(size))
    started = time.perf_counter()
    run_generate(project, GENERATE_JOBS)
    print(f"generated {size} briefs in {time.perf_counter() - started:.0f} s (--jobs {GENERATE_JOBS})", flush=True)
    return project


def site_with_cache(project: Path, root: Path, cache: bool) -> Path:
    """A copy of the project whose mkdocs.yml turns the page cache on or off."""
    folder = root / ("cache-on" if cache else "cache-off")
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(project / "briefs", folder / "briefs")
    shutil.copytree(REPO / "site_config", folder / "site_config")
    text, switched = CACHE_SWITCH.subn(rf"\1 {'true' if cache else 'false'}", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    if switched != 1:
        sys.exit("mkdocs.yml has no briefs-page-cache entry with an `enabled:` option")
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    return folder


class Server:
    """`mkdocs serve` in its own process, its log lines in a queue."""

    def __init__(self, folder: Path, port: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=folder,
            # Served at the root, as `make serve` does (mkdocs.yml's site_url reads this).
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEWSBRIEFS_SITE_URL": f"http://127.0.0.1:{port}/"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        self.arrived: list[tuple[float, str]] = []  # (time.perf_counter(), line)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.arrived.append((time.perf_counter(), line))
            self.log.append(line)
            self.lines.put(line)

    def logged_at(self, needle: str, after: float) -> float | None:
        """When the first line holding `needle` arrived after `after` (perf_counter), if one did."""
        return next((at for at, line in self.arrived if at >= after and needle in line), None)

    def wait_for(self, needle: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if needle in self.lines.get(timeout=0.5):
                    return
            except queue.Empty:
                if self.process.poll() is not None:
                    sys.exit("mkdocs serve stopped:\n" + "".join(self.log[-20:]))
        sys.exit(f"mkdocs serve: no '{needle}' within {seconds:.0f} s")

    def saw(self, needle: str, seconds: float) -> bool:
        """Whether the server logs `needle` within `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if needle in self.lines.get(timeout=0.5):
                    return True
            except queue.Empty:
                continue
        return False

    def stop(self) -> float:
        """Stop it as Ctrl+C does (MkDocs ends its plugins' work: the page cache keeps its pages);
        the seconds that took."""
        started = time.perf_counter()
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return time.perf_counter() - started


def process_cpu(pid: int) -> float | None:
    """User and system CPU seconds of a process so far (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def text_shown(page, needle: str, seconds: float, started: float) -> float:  # noqa: ANN001 (Playwright page)
    """Seconds from `started` until `needle` is in the page's text (the page reloads itself meanwhile)."""
    from playwright.sync_api import Error

    while time.perf_counter() - started < seconds:
        try:
            if needle in page.inner_text("body", timeout=1_000):
                return time.perf_counter() - started
        except Error:
            pass  # the page is reloading
        time.sleep(0.05)
    sys.exit(f"the edit did not show within {seconds:.0f} s")


def started_server(folder: Path, port: int) -> tuple[Server, float]:
    """`mkdocs serve` of the folder, once it serves, and the seconds that took."""
    started = time.perf_counter()
    server = Server(folder, port)
    try:
        server.wait_for("Serving on", STARTUP_SECONDS)
    except SystemExit:
        server.stop()
        raise
    return server, time.perf_counter() - started


def measure(folder: Path, brief: str, browser) -> EditResult:  # noqa: ANN001 (Playwright browser)
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    server, startup = started_server(folder, port)
    try:
        page = browser.new_page()
        page.goto(address + brief + "/", wait_until="load")
        # MkDocs' file watcher polls: its first look at docs_dir must be over before the edit,
        # or the edited file is what it starts from and no rebuild follows.
        time.sleep(WATCH_SETTLE_SECONDS)
        edit = f"An editor added this sentence at {time.time():.0f}."
        path = folder / "briefs" / f"{brief}.md"
        text = path.read_text(encoding="utf-8") + f"\n{edit}\n"
        cpu_before = process_cpu(server.process.pid)
        load = os.getloadavg()[0]
        for _ in range(SAVE_ATTEMPTS):  # saved again (same text) if the watcher missed it
            path.write_text(text, encoding="utf-8")
            saved = time.perf_counter()
            if server.saw("Detected file changes", DETECT_SECONDS):
                break
        shown = text_shown(page, edit, EDIT_SECONDS, saved)
        server.wait_for("Reloading browsers", EDIT_SECONDS)
        cpu_after = process_cpu(server.process.pid)
        detected_at = server.logged_at("Detected file changes", saved)
        reloaded_at = server.logged_at("Reloading browsers", detected_at or saved)
        log = "".join(server.log)
        builds = BUILT.findall(log)
        reused = REUSED.findall(log)
        index = json.loads(urllib.request.urlopen(address + "search/search_index.json", timeout=120).read())
        locations = {doc["location"].split("/", 1)[0] for doc in index["docs"]}
        briefs = [p.stem for p in (folder / "briefs").glob("*.md")]
        page.close()
    finally:
        stop = server.stop()
    # At the same address, as `make serve` starts it every time (the pages hold their URLs).
    again, restart = started_server(folder, port)
    stop_again = again.stop()
    return EditResult(
        startup,
        stop,
        restart,
        stop_again,
        shown,
        None if detected_at is None else detected_at - saved,
        None if reloaded_at is None else saved + shown - reloaded_at,
        load,
        float(builds[-1]) if len(builds) > 1 else None,
        cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None,
        f"{reused[-1][0]} of {reused[-1][1]}" if reused else "-",
        len(index["docs"]),
        sum(1 for b in briefs if b in locations),
        len(briefs),
        any(doc["location"].startswith(brief + "/") and edit in doc["text"] for doc in index["docs"]),
    )


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help=f"briefs (default {DEFAULT_SIZE})")
    parser.add_argument("--project", type=Path, help="take the briefs from DIR/briefs instead of generating them")
    parser.add_argument("--cache", choices=("both", "on", "off"), default="both", help="serve with the page cache on, off or both (default)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        root = Path(temporary)
        project = prepared_project(root, args.size, args.project)
        names = sorted(p.stem for p in (project / "briefs").glob("*.md"))
        brief = names[len(names) // 2]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = {}
        for cache in {"both": (False, True), "on": (True,), "off": (False,)}[args.cache]:
            label = "cache on" if cache else "cache off"
            print(f"{len(names)} briefs, {label}: serving, editing {brief}.md", flush=True)
            results[label] = measure(site_with_cache(project, root, cache), brief, browser)
            shutil.rmtree(root / ("cache-on" if cache else "cache-off"), ignore_errors=True)
        browser.close()
    print(
        f"\n{'':<10}{'start s':>9}{'stop s':>8}{'restart s':>11}{'stop s':>8}{'edit shown s':>14}{'detect s':>10}{'rebuild s':>11}{'reload s':>10}{'rebuild CPU s':>15}"
        f"{'load':>6}{'pages reused':>15}{'index docs':>12}{'briefs indexed':>16}{'edit indexed':>14}"
    )
    for label, r in results.items():
        print(
            f"{label:<10}{r.startup:9.1f}{r.stop:8.1f}{r.restart:11.1f}{r.stop_again:8.1f}{r.shown:14.2f}{_seconds(r.detected):>10}{_seconds(r.rebuild):>11}{_seconds(r.reloaded):>10}"
            f"{_seconds(r.rebuild_cpu):>15}{r.load:6.1f}{r.reused:>15}{r.index_docs:12d}"
            f"{f'{r.briefs_indexed}/{r.briefs}':>16}{'yes' if r.edit_indexed else 'NO':>14}"
        )
    if len(results) == 2:
        off, on = results["cache off"], results["cache on"]
        print(f"\nedit to browser: {off.shown:.2f} s -> {on.shown:.2f} s ({off.shown / on.shown:.1f}x faster; target <= 3 s at 5,000 briefs)")
        if off.rebuild_cpu and on.rebuild_cpu:
            # Wall time grows with whatever else the machine runs; the server's CPU time does not.
            print(f"rebuild CPU time: {off.rebuild_cpu:.2f} s -> {on.rebuild_cpu:.2f} s ({off.rebuild_cpu / on.rebuild_cpu:.1f}x less)")
    complete = all(r.edit_indexed and r.briefs_indexed == r.briefs for r in results.values())
    print("search index after the edit: " + ("new text in, every brief in" if complete else "INCOMPLETE"))
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
